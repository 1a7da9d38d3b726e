/**
 * Which API key the command line uses, and where it came from (for --verbose, never the key):
 *
 *   1. `--account NAME` (or `RUNPOD_ACCOUNT`): `RUNPOD_API_KEY_<NAME>` (upper-cased, `-` as `_`),
 *      else the table `[NAME]` of the RunPod CLI config; nothing else (not RUNPOD_API_KEY: that
 *      may be another account's key). An account without a key is an error.
 *   2. `--profile NAME`: the table `[NAME]` of the config; missing is an error.
 *   3. `RUNPOD_API_KEY`.
 *   4. The config's `[default]` table, then runpodctl's top-level `apikey`.
 *
 * The config is `RUNPOD_CONFIG_FILE` or `~/.runpod/config.toml` (runpodConfigFile.ts), read only
 * when steps 1, 2 or 4 need it, and never written. Messages never hold a key or a line of the file.
 *
 * A chosen key also says which account it is (the secret history's `label`), only as the user
 * named it: the name given in step 1, or the table given by --profile when it is an account name.
 * Steps 3 and 4 name no account (RUNPOD_API_KEY may be any account's; the command line cannot see
 * the editor's accounts, so it does not guess the name the editor's import would give a table).
 */
import { accountKeyVariable, ACCOUNT_NAME_RULE, accountMatches, findAccount, isAccountName } from '../auth/accountNames';
import { readApiKey } from '../auth/keyRules';
import { configKeyEntries, describeConfigSource, describeUnusable, readRunpodConfig, type ConfigRead } from '../auth/runpodConfigFile';
import { isProfileName } from '../auth/runpodConfigToml';
import { ACCOUNT_ENV, API_KEY_ENV } from '../runpod/environmentVariables';

type Env = Readonly<Record<string, string | undefined>>;

/** The profile read when nothing else chooses one (the Python SDK's default). */
const DEFAULT_PROFILE = 'default';

/**
 * What --account (RUNPOD_ACCOUNT, --profile) chooses for a command (commands.ts): the key its
 * calls use ({@link chooseApiKey}), or only the account's name ({@link chooseAccountName}).
 */
export const CHOOSES_KEY = 'the API key';
export const CHOOSES_ACCOUNT = 'the account';
export type AccountUse = typeof CHOOSES_KEY | typeof CHOOSES_ACCOUNT;

/** What the command line chose by flags (run.ts takes them out of the arguments). */
export interface KeyOptions {
  account?: string;
  profile?: string;
}

export type KeyChoice =
  /**
   * `source` says where the key came from, e.g. `RUNPOD_API_KEY_PROD (account prod)`; `account` is
   * the account's name when one is knowable (never the key).
   */
  | { kind: 'key'; key: string; source: string; account?: string }
  /** Nothing configured: commands that need a key fail with `message`; check goes on without. */
  | { kind: 'none'; message: string }
  /**
   * The user asked for a key that cannot be had (unknown account, missing profile, bad value).
   * `missingAccount` is the account --account (or RUNPOD_ACCOUNT) named when its key is what is
   * missing: `check --secrets-file` still knows whose list the file is (a fork's pull request has no keys).
   */
  | { kind: 'error'; message: string; missingAccount?: string };

const NO_KEY_HINT = 'export your RunPod API key (Settings > API Keys in the console) and retry.';

/**
 * Chooses the key. `readConfig` is injected for tests; it is called at most once.
 */
export function chooseApiKey(env: Env, options: KeyOptions = {}, readConfig: (env: Env) => ConfigRead = readRunpodConfig): KeyChoice {
  let config: ConfigRead | undefined;
  const file = (): ConfigRead => (config ??= readConfig(env));

  const asked = requested(env, options, CHOOSES_KEY);
  if (asked.kind === 'error') return asked;
  if (asked.kind === 'account') return accountKey(env, asked.account, file);
  if (asked.kind === 'profile') {
    const found = profileKey(asked.profile, file()) ?? missingProfile(asked.profile, file());
    // Named as the user named it (a table name that is an account name), never as a guess at the editor's names.
    return isAccountName(asked.profile) ? named(found, asked.profile) : found;
  }

  const plain = env[API_KEY_ENV];
  if (plain?.trim()) return keyFromVariable(API_KEY_ENV, plain, API_KEY_ENV);

  const read = file();
  const fromDefault = profileKey(DEFAULT_PROFILE, read);
  if (fromDefault) return fromDefault;
  const top = read.kind === 'ok' ? read.config.topLevel : undefined;
  if (top?.value) return { kind: 'key', key: top.value, source: describeConfigSource(read.location, undefined) };
  if (top) return { kind: 'error', message: `${read.location.display}: ${describeUnusable({ table: undefined, ...top })}.` };
  return { kind: 'none', message: `${API_KEY_ENV} is not set and there is no key in ${read.location.display}${problemsNote(read)}: ${NO_KEY_HINT}` };
}

/** What --account (or RUNPOD_ACCOUNT) and --profile ask for, judged before any key is looked up. */
type Request = { kind: 'account'; account: string } | { kind: 'profile'; profile: string } | { kind: 'none' } | { kind: 'error'; message: string };

function requested(env: Env, options: KeyOptions, chooses: AccountUse): Request {
  const account = options.account ?? (env[ACCOUNT_ENV]?.trim() || undefined);
  if (account !== undefined && options.profile !== undefined) {
    return { kind: 'error', message: `${options.account !== undefined ? '--account' : ACCOUNT_ENV} and --profile both choose ${chooses}; give one of them.` };
  }
  if (account !== undefined) {
    const where = options.account !== undefined ? '--account' : ACCOUNT_ENV;
    // The value is not repeated: a key pasted into the wrong place must not be printed.
    if (!isAccountName(account)) return { kind: 'error', message: `${where} takes an account name (${ACCOUNT_NAME_RULE}; never a key).` };
    return { kind: 'account', account };
  }
  if (options.profile !== undefined) {
    if (!isProfileName(options.profile)) return { kind: 'error', message: '--profile takes the name of a table of the RunPod CLI config (ASCII letters, digits, - and _).' };
    return { kind: 'profile', profile: options.profile };
  }
  return { kind: 'none' };
}

/**
 * The account a run names, for a command that sends nothing and so needs no key (`envs compare`):
 * the one --account or RUNPOD_ACCOUNT names, or a --profile whose table name is an account name,
 * judged as {@link chooseApiKey} judges them; no key is looked up and the config is not read.
 * `account` is undefined when nothing names one (a bare RUNPOD_API_KEY names none either).
 */
export function chooseAccountName(env: Env, options: KeyOptions = {}): { kind: 'account'; account?: string } | { kind: 'error'; message: string } {
  const asked = requested(env, options, CHOOSES_ACCOUNT);
  if (asked.kind === 'error') return asked;
  if (asked.kind === 'account') return { kind: 'account', account: asked.account };
  if (asked.kind === 'profile' && isAccountName(asked.profile)) return { kind: 'account', account: asked.profile };
  return { kind: 'account' };
}

/**
 * Why the account --account (or RUNPOD_ACCOUNT) names is no account known here, for a command
 * that looks up no key (`envs compare`), where a typo would otherwise pass silently (every
 * environment that declares an account would then run under another one); undefined when known,
 * or when there is no config file to tell a typo by. Known as {@link chooseApiKey} finds an
 * account's key (`RUNPOD_API_KEY_<NAME>` set, or the config's table of that account), or as one
 * of `declared`, the accounts the environments run under (--environment-account).
 */
export function unknownAccountProblem(env: Env, options: KeyOptions, declared: readonly string[], readConfig: (env: Env) => ConfigRead = readRunpodConfig): string | undefined {
  const asked = requested(env, options, CHOOSES_ACCOUNT);
  if (asked.kind !== 'account') return undefined;
  const account = asked.account;
  const variable = accountKeyVariable(account);
  if (env[variable]?.trim() || findAccount(declared, account) !== undefined) return undefined;
  const read = readConfig(env);
  if (read.kind !== 'ok') return undefined;
  const tables = read.config.profiles.map((p) => p.name);
  if (findAccount(tables, account) !== undefined) return undefined;
  const known: string[] = [];
  for (const name of [...tables.filter(isAccountName), ...declared]) if (findAccount(known, name) === undefined) known.push(name);
  const where = options.account !== undefined ? '--account' : ACCOUNT_ENV;
  return (
    `${where} ${account} is no account known here: ${variable} is not set, ${read.location.display} has no [${account}] table and ` +
    `no --environment-account names it. Accounts known: ${known.length > 0 ? known.join(', ') : 'none'}.`
  );
}

function accountKey(env: Env, account: string, file: () => ConfigRead): KeyChoice {
  const variable = accountKeyVariable(account);
  const fromEnv = env[variable];
  if (fromEnv?.trim()) return named(keyFromVariable(variable, fromEnv, `${variable} (account ${account})`), account);
  const read = file();
  if (read.kind === 'refused') return { kind: 'error', message: `No key for account ${account}: ${variable} is not set and ${read.location.display} cannot be read (${read.reason}).`, missingAccount: account };
  const tables = read.kind === 'ok' ? accountMatches(read.config.profiles.map((p) => p.name), account) : [];
  if (tables.length > 1) {
    const listed = tables.map((t) => `[${t}]`).join(', ');
    return { kind: 'error', message: `Account ${account} is ambiguous: ${read.location.display} has ${listed}, each the same account name (case and - against _ aside). Ask for one by its exact table name, or rename the others.` };
  }
  const table = tables[0];
  const found = table === undefined ? undefined : profileKey(table, read);
  // The account is the one asked for, by the name it was asked by, whatever its table's name.
  if (found) return named(found, account);
  return {
    kind: 'error',
    message: `No key for account ${account}: set ${variable}, or add a [${account}] table with ${'api_key = "..."'} to ${read.location.display}${problemsNote(read)}.`,
    missingAccount: account,
  };
}

/**
 * A key from an environment variable, held to the rule the editor applies to a typed key
 * (keyRules.ts): "rpa_A rpa_B" is two keys pasted together, never sent. The message names the
 * variable, never the value.
 */
/** A variable's key by the one key rule (keyRules.ts readApiKey: whitespace around it dropped); an empty variable counts as not set, before this. */
function keyFromVariable(variable: string, value: string, source: string): KeyChoice {
  const read = readApiKey(value);
  if (!read.ok) return { kind: 'error', message: `${variable} holds spaces or characters an API key never has.` };
  return { kind: 'key', key: read.key, source };
}

/**
 * The key of table `[name]`: found, unusable (an error: the file says something about it), or not
 * there (undefined: the caller words what is missing). An unreadable file is an error.
 */
function profileKey(name: string, read: ConfigRead): KeyChoice | undefined {
  const where = read.location.display;
  if (read.kind === 'refused') return { kind: 'error', message: `${where} cannot be read (${read.reason}).` };
  const entry = read.kind === 'ok' ? configKeyEntries(read.config).find((e) => e.table === name) : undefined;
  if (entry?.key) return { kind: 'key', key: entry.key, source: describeConfigSource(read.location, name) };
  if (entry) return { kind: 'error', message: `${where} [${name}]: ${describeUnusable(entry)}.` };
  return undefined;
}

/** A key choice with its account named `account` (an error stays as it is). */
function named(choice: KeyChoice, account: string): KeyChoice {
  return choice.kind === 'key' ? { ...choice, account } : choice;
}

/** Why `--profile name` found no key. */
function missingProfile(name: string, read: ConfigRead): KeyChoice {
  const where = read.location.display;
  if (read.kind !== 'ok') return { kind: 'error', message: `--profile ${name}: ${where} does not exist.` };
  const has = read.config.profiles.some((p) => p.name === name);
  return { kind: 'error', message: `--profile ${name}: ${where} has ${has ? `no api_key in [${name}]` : `no [${name}] table`}${problemsNote(read)}.` };
}

/** What the reader refused in the file, by line (never its text), for a message about a key not found. */
function problemsNote(read: ConfigRead): string {
  if (read.kind !== 'ok' || read.config.problems.length === 0) return '';
  const [first, ...more] = read.config.problems;
  return ` (line ${first!.line}: ${first!.message}${more.length > 0 ? `; and ${more.length} more` : ''})`;
}
