/**
 * `check [paths...]`: the thin I/O around the pure pieces: discover files, pick the secret
 * catalog (API, --secrets-file, or none), analyze each file with the core, print, exit code.
 */
import { count, plural } from '../../../../server/src/template/counts';
import { hasSecretNameCharsOnly, MAX_ROTATION_DAYS, withRotationDue, type Problem, type SecretCatalog } from '../../../../server/src/template/index';
import { flag, parseCommandArgs, str, strs } from '../args';
import { apiConfig, createClient } from '../client';
import { CliError, EXIT, UsageError, firstLine } from '../errors';
import { isRunpodApiError, redact } from '../../runpod/index';
import { keyMayFix } from '../../runpod/errorKinds';
import { API_KEY_ENV } from '../../runpod/environmentVariables';
import type { Io } from '../io';
import { environmentPath, type FoundFile } from './discover';
import { discoverNamed, skippedNote } from './namedPaths';
import { describeRefusal, readRegularFile } from '../fileRead';
import { pathText } from '../../../../server/src/template/displayText';
import { checkExitCode, countBySeverity, parseSeverityOverrides, toFindings, type Finding } from './findings';
import { ENVIRONMENT_OPTIONS, environmentOptions, forEachAnalyzed, unmatchedEnvironmentsNote, type AnalyzedFile } from './environments';
import { environmentProblems, environmentProblemsOfAll, filesJudgedTogether, otherAccountOf, type OtherAccount } from '../../../../server/src/template/environments/index';
import { fileScope, NO_CATALOG, noActiveAccountNote } from './accounts';
import { CHECK_FORMATS, formatJson, formatSarif, formatText, type CheckFormat } from './format';
import { MAX_SECRETS_FILE_BYTES, parseSecretsFile } from './secretsFile';
import { shortList } from './readFound';
import { toSecretMetadata } from '../../secrets/metadata';
import { VERSION } from '../version';

export async function checkCommand(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    {
      format: { type: 'string', short: 'f' },
      // Every other command's --json: a script written for them works here too.
      json: { type: 'boolean' },
      strict: { type: 'boolean' },
      'secrets-file': { type: 'string' },
      severity: { type: 'string', multiple: true },
      files: { type: 'string', multiple: true },
      'rotation-days': { type: 'string' },
      ...ENVIRONMENT_OPTIONS,
    },
    'check',
  );
  const rotationDays = parseRotationDays(str(parsed, 'rotation-days'));
  const formatOption = str(parsed, 'format');
  if (flag(parsed, 'json') && formatOption !== undefined && formatOption !== 'json') throw new UsageError(`--json is --format json: give one of --json and --format ${formatOption}`, 'check');
  const format = (flag(parsed, 'json') ? 'json' : (formatOption ?? 'text')) as CheckFormat;
  if (!(CHECK_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be ${CHECK_FORMATS.slice(0, -1).join(', ')} or ${CHECK_FORMATS.at(-1)}`, 'check');
  const overrides = parseSeverityOverrides(strs(parsed, 'severity'));
  const strict = flag(parsed, 'strict');
  const declarations = environmentOptions(strs(parsed, 'environment'), 'check', strs(parsed, 'environment-account'), io.stderr);

  // --files replaces the default globs, as the runpod.files setting does in the editor. .env files
  // are walked too: the editor's workspace index reports their references in Problems, and CI
  // promises the same files and rules (docs/ci.md).
  const globs = strs(parsed, 'files');
  // Nothing read: the (empty) result, then exit 2, as when an unmatched glob leaves nothing.
  const empty = format === 'text' ? undefined : (unread: readonly string[]) => (format === 'json' ? formatJson([]) : formatSarif([], { version: VERSION, srcRoot: io.cwd, unread }));
  const { discovery, unread, incomplete } = discoverNamed(io, parsed.positionals, globs.length > 0 ? globs : undefined, { declared: declarations, dotenv: true }, empty);
  const secretsFile = str(parsed, 'secrets-file');
  const { catalog, apiFailure, account } = await loadCatalog(io, secretsFile);
  const apiFailed = apiFailure !== undefined;
  if (rotationDays > 0 && !catalog.secrets.some((s) => s.createdAt || s.valueLastUpdatedAt)) {
    // With a key set and the API failing, "set RUNPOD_API_KEY" would send the user to the wrong fix.
    io.stderr(
      apiFailed
        ? 'note: --rotation-days: rotation not checked (the secret list could not be fetched)\n'
        : `note: --rotation-days needs the secrets' dates, which only the API gives (set ${API_KEY_ENV}, or pass --account or --profile; a --secrets-file has names only): rotation not checked\n`,
    );
  }
  // Without a list nothing is judged by account anyway: said only when it would have changed something.
  const unnamed = catalog.state === 'unknown' ? undefined : noActiveAccountNote(declarations, account);
  if (unnamed) io.stderr(unnamed);
  // One clock for the whole run: every file is judged at the same instant.
  const rotation = { days: rotationDays, now: Date.now() };

  const skipped = [...discovery.skipped];
  // Findings by file, in walk order. A file that may be one environment of a template waits for
  // its siblings (the environment rules judge them together); any other is done when read.
  const byFile = new Map<string, Finding[]>();
  const waiting: AnalyzedFile[] = [];
  // Grouped by the path the --environment globs see (`.runpod/` in front inside a folder named .runpod).
  const globPath = (f: FoundFile): string => environmentPath(f.display, io.cwd);
  // The files the environment rules judge with their siblings: the core's rule, as the editor's (a shared
  // file beside one environment's file counts: its keys reach that environment's Pods).
  const withSiblings = filesJudgedTogether(discovery.files.map(globPath), declarations);
  const unmatched = unmatchedEnvironmentsNote(declarations, discovery.files.map(globPath));
  if (unmatched) io.stderr(unmatched);
  // Another account's file is judged against no list, with a note saying so, as in the editor (accounts.ts).
  // Asked up to four times per file (its list, its group's problems, its note): answered once (1.7 µs a call, 2 cores).
  const others = new Map<FoundFile, OtherAccount | undefined>();
  const otherOf = (f: FoundFile): OtherAccount | undefined => {
    if (!others.has(f)) others.set(f, otherAccountOf(globPath(f), declarations, account));
    return others.get(f);
  };
  const isOther = (f: FoundFile): boolean => otherOf(f) !== undefined;
  const catalogOf = (f: FoundFile): SecretCatalog => (isOther(f) ? NO_CATALOG : catalog);
  const judge = (file: AnalyzedFile, environment: readonly Problem[]): void => {
    const scope = fileScope(otherOf(file.found), file.text, catalog, account);
    const problems = [...scope.notes, ...withRotationDue(file.analysis, scope.catalog, rotation), ...environment].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    byFile.set(file.path, toFindings(file.path, file.text, problems, overrides, scope.catalog));
  };
  const checked = forEachAnalyzed(discovery.files, catalogOf, skipped, (file) => {
    if (withSiblings.has(globPath(file.found))) {
      waiting.push(file);
      byFile.set(file.path, []); // its place in the output
      // A lone environment's file (no sibling to wait for) is still judged: it may use another's secret.
    } else judge(file, environmentProblems({ ...file, path: globPath(file.found) }, [], catalogOf(file.found), declarations, account));
  });
  // The list only words the cross-environment fix ("Use db_password?"): never offered from the active
  // account's names in another account's file. Judged twice only when there is such a file.
  const sources = waiting.map((file) => ({ ...file, path: globPath(file.found) }));
  const ofActive = environmentProblemsOfAll(sources, catalog, declarations, account);
  const ofOthers = waiting.some((file) => isOther(file.found)) ? environmentProblemsOfAll(sources, NO_CATALOG, declarations, account) : ofActive;
  for (const file of waiting) judge(file, (isOther(file.found) ? ofOthers : ofActive).get(globPath(file.found)) ?? []);
  const findings = [...byFile.values()].flat();
  if (skipped.length > 0) io.stderr(skippedNote(skipped));

  if (format === 'json') io.stdout(formatJson(findings));
  else if (format === 'sarif') {
    // The SARIF says itself that the account went unchecked, for whoever reads it without the exit code.
    const unchecked = apiFailed ? `${uncheckedText(apiFailure)}: unknown-secret ${secretsFile ? 'judged by --secrets-file' : 'not checked'}` : undefined;
    io.stdout(formatSarif(findings, { version: VERSION, srcRoot: io.cwd, ...(account === undefined ? {} : { account }), ...(unchecked === undefined ? {} : { unchecked }), unread }));
  } else io.stdout(formatText(findings));

  const counts = countBySeverity(findings);
  io.stderr(
    `${count(checked, 'file')} checked: ${count(counts.error, 'error')}, ` +
      `${count(counts.warning, 'warning')}, ${counts.information + counts.hint} other\n`,
  );
  // Findings decide 0 or 1; an account that could not be checked, or a path named that could not be read, is 2 whatever they say.
  return apiFailed || incomplete ? EXIT.failure : checkExitCode(findings, strict);
}

/**
 * `--rotation-days N`: secret-rotation-due for values older than N days. Off by default on the
 * command line (unlike the editor's 90): a CI run's output should not change with the calendar
 * unless asked to.
 */
function parseRotationDays(text: string | undefined): number {
  if (text === undefined) return 0;
  const days = /^[0-9]{1,6}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(days >= 0 && days <= MAX_ROTATION_DAYS)) throw new UsageError(`--rotation-days must be a whole number of days from 0 to ${MAX_ROTATION_DAYS}`, 'check');
  return days;
}

/** The secret list a run checks against, and whether the API was asked and failed (the account was not checked). */
interface LoadedCatalog {
  catalog: SecretCatalog;
  /** Why the API was asked and failed (one redacted line): the account was not checked. */
  apiFailure?: string;
  /**
   * The active account: the name the key came from (keySource.ts), undefined when it names none.
   * With --secrets-file standing in for a failed API or a missing key, the file is that account's list.
   */
  account?: string;
}

/**
 * The secret names to check against. The API when there is a key (RUNPOD_API_KEY, --account,
 * --profile or the RunPod CLI config), else the secrets file, else none, with unknown-secret
 * checks skipped and said so. A key asked for and not found, or one RunPod refuses (the fix is the
 * configuration), is an error. An API that cannot answer (rate limited, down, unreachable) must not
 * hide the findings that need no account: the run goes on as without a key (or with
 * --secrets-file, when given), says why, and exits 2 all the same so CI sees the account unchecked.
 */
async function loadCatalog(io: Io, secretsFile: string | undefined): Promise<LoadedCatalog> {
  const config = apiConfig(io);
  // A fork's pull request has no keys: --account NAME still says whose list --secrets-file is, and
  // the run is judged by it (exit by findings: the file is the list the user chose).
  if (!config.apiKey && config.missingAccount !== undefined && secretsFile) {
    io.stderr(`note: no key for account ${config.missingAccount}: secret names from --secrets-file ${pathText(secretsFile)}, as ${config.missingAccount}'s list\n`);
    return { catalog: catalogWithoutApi(io, secretsFile), account: config.missingAccount };
  }
  if (!config.apiKey && config.keyRequested) throw new CliError(config.keyProblem ?? 'no API key');
  if (!config.apiKey) return { catalog: catalogWithoutApi(io, secretsFile) };
  if (secretsFile) io.stderr(`note: an API key is set (${config.keySource ?? API_KEY_ENV}), so secret names come from the API; --secrets-file is used only if the API fails\n`);
  const account = config.account === undefined ? {} : { account: config.account };
  const client = createClient(config);
  try {
    const listed = await client.listSecrets();
    // A broken or hostile server's name would be suggested as the fix of a typo ("Did you mean ...").
    const secrets = listed.filter((s) => hasSecretNameCharsOnly(s.name));
    const dropped = listed.length - secrets.length;
    if (dropped > 0) io.stderr(`note: the API listed ${count(dropped, 'secret name')} with characters no RunPod secret name has; left out\n`);
    return { catalog: { state: 'fresh', secrets: secrets.map(toSecretMetadata), fetchedAt: new Date().toISOString() }, ...account };
  } catch (err) {
    // A 404 on the secret list is a wrong RUNPOD_API_URL, a configuration error like a 401: not "API down".
    if (!isRunpodApiError(err) || keyMayFix(err.kind)) throw err;
    // The client's message says what happened without the key; redacted all the same, on one line.
    const why = firstLine(redact(err.message, [config.apiKey]));
    return { catalog: catalogWithoutApi(io, secretsFile, why), apiFailure: why, ...account };
  } finally {
    await client.close();
  }
}

/** Why the account went unchecked, in the stderr note and the SARIF's notification alike. */
function uncheckedText(apiFailure: string): string {
  return `the secret list could not be fetched (${apiFailure})`;
}

/**
 * The catalog when the API gives none: the secrets file's names, else none, with a note saying so.
 * @param apiFailure why the API gave none, when it was asked (one safe line, no key)
 */
function catalogWithoutApi(io: Io, secretsFile: string | undefined, apiFailure?: string): SecretCatalog {
  const failed = apiFailure === undefined ? undefined : uncheckedText(apiFailure);
  if (secretsFile) {
    const read = readRegularFile(secretsFile, MAX_SECRETS_FILE_BYTES);
    if (!read.ok) throw new CliError(`--secrets-file ${pathText(secretsFile)}: ${describeRefusal(read, MAX_SECRETS_FILE_BYTES)}`);
    const { names, invalidLines } = parseSecretsFile(read.text);
    if (invalidLines.length > 0) {
      io.stderr(`note: ${pathText(secretsFile)}: ignored ${plural(invalidLines.length, 'line')} ${shortList(invalidLines.map(String), ', ')} (not a valid secret name)\n`);
    }
    if (failed) io.stderr(`note: ${failed}: secret names from --secrets-file ${pathText(secretsFile)} instead\n`);
    return { state: 'fresh', secrets: names.map((name) => ({ name })) };
  }
  const why = failed ?? `no secret list (set ${API_KEY_ENV}, or pass --account, --profile or --secrets-file)`;
  io.stderr(`note: ${why}: unknown-secret checks skipped\n`);
  return { state: 'unknown', secrets: [] };
}
