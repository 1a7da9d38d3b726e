/**
 * Output formats of `check`: compiler-style text, a stable JSON array, and SARIF 2.1.0 for code
 * scanning (GitHub reads `ruleId`, `level`, `message.text` and `physicalLocation.region`). Pure.
 */
import { DIAGNOSTIC_CODES, variableLimitText, type DiagnosticCode, type Severity } from '../../../../server/src/template/index';
import { ANALYSIS_LIMIT_TEXT } from './readFound';
import type { Log, ReportingDescriptor } from 'sarif';
import type { Finding } from './findings';
import { pathText } from '../../../../server/src/template/displayText';
import { accountNameKey } from '../../../../server/src/template/accountNames';
import { MAX_LISTED_PROBLEMS } from '../../../../server/src/template/problemLimit';
import { grouped } from '../../../../server/src/template/counts';

/** The output formats `check --format` takes, in the order its help and its refusal name them. */
export const CHECK_FORMATS = ['text', 'json', 'sarif'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/**
 * One line per finding: `file:line:col: severity code message` (messages are one line already). A
 * file name's line break is shown escaped, so a crafted name cannot forge a finding.
 */
export function formatText(findings: readonly Finding[]): string {
  return findings.map((f) => `${pathText(f.file)}:${f.line}:${f.column}: ${f.severity} ${f.code} ${f.message}\n`).join('');
}

/** A JSON array of findings with a fixed key order, so tools and diffs see stable output. */
export function formatJson(findings: readonly Finding[]): string {
  const rows = findings.map((f) => ({
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    severity: f.severity,
    code: f.code,
    message: f.message,
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** What each code means, for SARIF rule descriptions (shown by code scanning next to a result). */
const RULE_DESCRIPTIONS: Record<DiagnosticCode, string> = {
  'unknown-secret': 'The reference names a secret that does not exist in the account; the Pod would boot with the literal placeholder.',
  'malformed-reference': 'A {{ RUNPOD_SECRET_... }} reference that RunPod cannot substitute (unclosed, empty name, wrong prefix, stray text).',
  'invalid-secret-name': 'The referenced name breaks RunPod\'s secret name rules.',
  'noncanonical-reference': 'The reference is not written in the documented form {{ RUNPOD_SECRET_name }}.',
  'embedded-reference': 'The reference sits inside a longer value; RunPod does not document substitution there.',
  'invalid-key': 'The environment variable name is not valid.',
  'duplicate-key': 'The environment variable, or the property that holds them (a repeated `env`, a hub.json `config` or its `env`), is defined more than once; only the last one is read, as RunPod reads it.',
  'too-many-variables': `${variableLimitText()}.`,
  'missing-equals': 'The line has no `=` and defines no variable.',
  'hardcoded-credential': 'The value looks like a credential written in plain text; keep it in a RunPod secret.',
  'syntax-error': 'The file cannot be read as written.',
  'secret-rotation-due': 'The referenced secret\'s value is older than the rotation policy (--rotation-days); rotate it.',
  'missing-in-environment': 'Another environment of the same template defines this key and this environment does not (or the converse).',
  'cross-environment-secret': 'The referenced secret\'s name marks another environment (db_password_dev in a prod file, or in the shared file prod takes the key from).',
  'shared-environment-secret': 'Two environments reference the same secret for a credential, so a leak in one reaches the other.',
  'other-account': 'The file is of an environment that runs under another RunPod account than the active one: its secret names are not checked against the active account\'s list.',
  'file-too-large': `The file holds more than the checks read (${ANALYSIS_LIMIT_TEXT}: variables, keys, and lines reported without one); the rest is not checked.`,
  'too-many-problems': `More problems of one kind than are listed (at most ${grouped(MAX_LISTED_PROBLEMS)} of each per file); the message says how many more and of which kind.`,
};

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A surrogate without its pair (String.prototype.toWellFormed, which the type-checked library level lacks). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Percent-encodes each path segment so the URI is valid whatever the file name holds. A lone
 * surrogate (a Windows name need not be valid UTF-16) has no UTF-8 form and made encodeURIComponent
 * throw: it is written as U+FFFD, as Node shows such a name.
 */
function toUri(file: string): string {
  const encode = (segment: string): string => encodeURIComponent(segment.replace(LONE_SURROGATE, '\uFFFD'));
  if (/^[A-Za-z]:\//.test(file)) return `file:///${file.split('/').map(encode).join('/').replace(/%3A/, ':')}`;
  if (file.startsWith('/')) return `file://${file.split('/').map(encode).join('/')}`;
  return file.split('/').map(encode).join('/');
}

/**
 * A message as SARIF plain text: `[text](target)` there is an embedded link (SARIF 2.1.0 §3.11.6;
 * code scanning renders it), and a message may quote a file's name or a reference as written, so
 * every bracket is escaped as `\[` or `\]`, and backslashes before one are doubled so none
 * escapes the escape.
 */
function sarifText(message: string): string {
  return message.replace(/(\\*)([[\]])/g, (_, slashes: string, bracket: string) => `${slashes}${slashes}\\${bracket}`);
}

/**
 * A SARIF 2.1.0 log with one run: every code as a rule (stable indices), each finding as a result
 * with a region in 1-based lines and UTF-16 columns, end column exclusive. Relative URIs are
 * relative to `%SRCROOT%`, the folder `check` ran in.
 * @param srcRoot absolute folder the relative paths start from (becomes a `file://` URI)
 * @param account the run's active account, when its key names one: the run's category is then
 *   `runpod-check-<account>` (automationDetails.id), so the runs of two accounts on one commit
 *   are two analyses and GitHub does not replace one's alerts with the other's. Lower-cased:
 *   account names compare ignoring case. Without one, the upload's `category` input decides.
 * @param unchecked why the account was not checked (the API failed; one redacted line, never the key):
 *   the run's invocation then says `executionSuccessful: false` with it as an error notification, so
 *   a reader of the file sees the missing unknown-secret results are not fixed ones (docs/ci.md
 *   keeps such a run from being uploaded: code scanning would close the alerts it did not judge).
 * @param unread the paths named that could not be read (`PATH: why` each): an error notification
 *   each, the invocation unsuccessful, for the same reason: their files' alerts were not judged.
 */
export function formatSarif(findings: readonly Finding[], options: { version: string; srcRoot: string; account?: string; unchecked?: string; unread?: readonly string[] }): string {
  const rules: ReportingDescriptor[] = DIAGNOSTIC_CODES.map((code) => ({
    id: code,
    name: code.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: RULE_DESCRIPTIONS[code] },
  }));
  const root = options.srcRoot.replace(/\\/g, '/');
  const notChecked = [
    ...(options.unchecked === undefined ? [] : [`The account was not checked: ${options.unchecked}`]),
    ...(options.unread ?? []).map((line) => `A path named was not read: ${line}`),
  ];
  // Typed against the SARIF 2.1.0 object model (@types/sarif), so a misspelt or misplaced field fails the type check.
  const sarif: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'runpod-check', version: options.version, rules } },
        // The account name rule lets only letters, digits, "-" and "_" through: safe in an id; one per account (ignoring case).
        ...(options.account === undefined ? {} : { automationDetails: { id: `runpod-check-${accountNameKey(options.account)}/` } }),
        originalUriBaseIds: { '%SRCROOT%': { uri: `${toUri(root.endsWith('/') ? root : `${root}/`)}` } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          notChecked.length === 0
            ? { executionSuccessful: true }
            : { executionSuccessful: false, toolExecutionNotifications: notChecked.map((text) => ({ level: 'error', message: { text: sarifText(text) } })) },
        ],
        results: findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: DIAGNOSTIC_CODES.indexOf(f.code),
          level: SARIF_LEVEL[f.severity],
          message: { text: sarifText(f.message) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: f.file.startsWith('/') || /^[A-Za-z]:\//.test(f.file) ? { uri: toUri(f.file) } : { uri: toUri(f.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
