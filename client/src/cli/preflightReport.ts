/**
 * The command line's preflight (pods launch, endpoints deploy/update): the editor's checks
 * (launch/checks.ts checkEnv, with the environment the input files are for) on the final env.
 * What blocks is printed as one line per reference that would reach the container unresolved, by
 * key and secret name, and the variable count when it is over RunPod's limit; then what to do.
 * What the editor asks about before it goes ahead (hasWarnings: a credential in plain text, another
 * environment's secret) is a warning, one line each on stderr, in the editor's words
 * (describeReport): as a compiler's warnings, they let the command go ahead unless --strict (then
 * refused with check's exit code for findings). Nothing is created or changed when it refuses.
 * Under --json every refusal is also one document on stdout ({@link refusalDocument}), and a
 * command that goes ahead prints its resource with the warnings.
 * Never a value: keys, secret names and what a credential looks like only.
 */
import { count } from '../../../server/src/template/counts';
import { ENV_KEY_RULE, type DiagnosticCode } from '../../../server/src/template/index';
import { checkEnv, describeReport, isClear, tooManyMessage, type CheckReport, type CheckTarget, type EnvSource, type Location, type TargetEnvironment } from '../launch/checks';
import type { Env, PreflightReason } from '../launch/plan';
import { redact } from '../runpod/index';
import type { Io } from './io';
import { resourceJson, shownKey } from './resourceJson';
import { sanitize } from './table';
import { createSecretCli } from '../../../server/src/template/nextSteps';

/** One warning, as --json carries it: the diagnostic code the editor's file check gives the same finding. */
export interface PreflightWarning {
  code: Extract<DiagnosticCode, 'hardcoded-credential' | 'cross-environment-secret'>;
  /** The variable, by shownKey: `(invalid name)` for a key outside the env-key rule (it may be a value), `(empty key)`. */
  key: string;
  /** For another environment's secret: its name, and the environments the name marks. */
  name?: string;
  environments?: string[];
  /** The editor's line for it (describeReport). */
  message: string;
}

/**
 * One thing that refused the command, as --json carries it beside the warnings; never a value (an
 * invalid key is not named: it may be one).
 * - a reference that would reach the container unresolved: its key, the secret's name, and why
 *   (plan.ts PreflightReason: `unknown`, `malformed`, `noncanonical`, `invalid-name`);
 * - `too-many-variables`: the count, over RunPod's limit;
 * - `invalid-key`: a variable name outside the env-key rule;
 * - `other-account`: an input file (`input`: its flag) of an environment declared for another account;
 * - `other-environment`: --vars-file of `environment`, the template file of `templateEnvironment`, at odds over the account.
 */
export interface PreflightBlocking {
  reason: PreflightReason | 'too-many-variables' | 'invalid-key' | 'other-account' | 'other-environment';
  key?: string;
  name?: string;
  count?: number;
  input?: string;
  environment?: string;
  templateEnvironment?: string;
  account?: string;
}

/** The --json document of a refused launch, deploy or update: `{ refused, warnings, blocking }`. */
export function refusalDocument(warnings: readonly PreflightWarning[], blocking: readonly PreflightBlocking[]): object {
  return { refused: true, warnings, blocking };
}

/** How the command runs its preflight. */
export interface PreflightOptions {
  /** What would be refused (`launch`, `deploy`, `update`). */
  verb: string;
  /** What would boot with the env (`the Pod`, `the workers`). */
  target: CheckTarget;
  /** The files the env came from, lowest first (checkEnv's `sources`): a warning names the file, as the editor's does. */
  sources?: readonly EnvSource[];
  /** The env the request itself carries, whose keys are judged (checkEnv's `sent`); default the env. */
  sent?: Readonly<Env>;
  /** The environment the input files are for (environmentVars.ts inputEnvironment): another's secret is a warning. */
  environment?: TargetEnvironment | undefined;
  /** --strict: refuse on warnings too. */
  strict: boolean;
  /** --json: a refusal on warnings prints them as the document. */
  json: boolean;
}

/** A preflight the command may go ahead after: its warnings, and the --json document of what it made. */
export interface PreflightPass {
  warnings: PreflightWarning[];
  /**
   * The created or updated resource with the warnings, as --json prints it; the value of a plain
   * credential warned of is redacted from it (the resource's env echoes it back).
   */
  document(resource: object): string;
}

/**
 * Runs the editor's checks of `env` against the account's `secretNames`, prints what blocks and what warns.
 * @returns the pass when the command may go ahead; undefined when it must not (said on stderr)
 */
export function runPreflight(io: Io, env: Readonly<Env>, secretNames: Iterable<string>, options: PreflightOptions): PreflightPass | undefined {
  const { verb, target } = options;
  const sources = options.sources ?? [];
  const report = checkEnv(env, secretNames, sources, options.sent ?? env, options.environment ? { environment: options.environment } : {});
  const labels = new Map(sources.map((s) => [s.id, s.label]));
  const warnings = warningsOf(report, target, (id) => labels.get(id) ?? id);
  for (const w of warnings) io.stderr(`warning: ${sanitize(w.message)} [${w.code}]\n`);
  const sensitive = report.credentials.map((c) => env[c.key]);
  const document = (value: object): string => redact(resourceJson(value), sensitive);
  if (!isClear(report)) {
    printBlocking(io, report, verb, target);
    if (options.json) io.stdout(document(refusalDocument(warnings, blockingOf(report))));
    return undefined;
  }
  if (options.strict && warnings.length > 0) {
    io.stderr(`Refusing to ${verb}: ${count(warnings.length, 'warning')} and --strict. Fix them, or leave out --strict to ${verb} anyway.\n`);
    if (options.json) io.stdout(document(refusalDocument(warnings, [])));
    return undefined;
  }
  return { warnings, document: (resource) => document({ ...resource, warnings }) };
}

/** The warnings of a report, in the editor's words (the file named by `labelOf`), by code; a key outside the env-key rule is not shown. */
function warningsOf(report: CheckReport, target: CheckTarget, labelOf: (sourceId: string) => string): PreflightWarning[] {
  const line = (part: Partial<CheckReport>): string => describeReport({ blocking: [], credentials: [], ...part }, target, labelOf)[0]!;
  const at = (location: Location | undefined) => (location ? { location } : {});
  return [
    ...report.credentials.map((c): PreflightWarning => {
      const finding = { key: shownKey(c.key), label: c.label, ...at(c.location) };
      return { code: 'hardcoded-credential', key: finding.key, message: line({ credentials: [finding] }) };
    }),
    ...(report.crossing ?? []).map((x): PreflightWarning => {
      const finding = { key: shownKey(x.key), name: x.name, marked: x.marked, ...at(x.location) };
      return { code: 'cross-environment-secret', key: finding.key, name: x.name, environments: x.marked, message: line({ crossing: [finding] }) };
    }),
  ];
}

/** What blocks, as --json carries it: by key and secret name, never a value nor an invalid key. */
function blockingOf(report: CheckReport): PreflightBlocking[] {
  return [
    ...(report.tooMany ? [{ reason: 'too-many-variables' as const, count: report.tooMany.count }] : []),
    ...(report.invalidKeys ?? []).map((k): PreflightBlocking => ({ reason: 'invalid-key', key: shownKey(k.key) })),
    ...report.blocking.map((p): PreflightBlocking => ({ key: shownKey(p.key), ...(p.name ? { name: p.name } : {}), reason: p.reason })),
  ];
}

/** What blocks, and what to do. */
function printBlocking(io: Io, report: CheckReport, verb: string, target: CheckTarget): void {
  const { blocking, tooMany, invalidKeys } = report;
  if (tooMany) io.stderr(`Refusing to ${verb}: ${tooManyMessage(tooMany, target)}\n`);
  // The key is not printed: it may be a value. The readers refuse these by line first; this is what reaches the request otherwise.
  for (const k of invalidKeys ?? []) io.stderr(`Refusing to ${verb}: a variable name: ${sanitize(k.message)}\n`);
  if (blocking.length > 0) {
    io.stderr(`Refusing to ${verb}: ${count(blocking.length, 'secret reference')} would reach ${target} unresolved:\n`);
    // An invalid key may itself be a value (a URL with a password before a `=`): not printed.
    for (const p of blocking) {
      // The close name the editor's checks offer to replace a typo with.
      const hint = p.suggestion ? ` Did you mean "${sanitize(p.suggestion)}"?` : '';
      io.stderr(`  ${shownKey(p.key)}: ${p.reason}${p.name ? ` "${sanitize(p.name)}"` : ''}: ${sanitize(p.message)}${hint}\n`);
    }
    io.stderr(`Create the missing secrets (\`${createSecretCli('NAME')}\`) or fix the references, then ${verb} again.\n`);
  } else io.stderr(`${invalidKeys ? `Rename the variables (${ENV_KEY_RULE})` : 'Remove variables'}, then ${verb} again.\n`);
}
