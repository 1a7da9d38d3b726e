/**
 * Environments that run under another account, on the command line: `--environment-account
 * NAME=ACCOUNT` is the `account` field of the runpod.environments setting, and the active account is
 * the name the API key came from (keySource.ts: --account, RUNPOD_ACCOUNT, or a --profile table that
 * is an account name). Which file is another account's is the editor's rule
 * (server/src/template/environments/accounts.ts otherAccountOf), imported, never restated; so is
 * what such a file is judged against (no secret list) and its note.
 *
 * A bare RUNPOD_API_KEY, the config's [default] table or no key at all names no account: then, as
 * in the editor before it knows the active account, no file is another account's.
 */
import { count } from '../../../../server/src/template/counts';
import { ACCOUNT_NAME_RULE, accountNameKey, isAccountName, sameAccountName } from '../../../../server/src/template/accountNames';
import { declaresAccounts } from '../../../../server/src/template/environments/accounts';
import { otherAccountOf, otherAccountProblem, type EnvironmentDeclaration, type OtherAccount } from '../../../../server/src/template/environments/index';
import { canonicalEnvironment, isEnvironmentName } from '../../../../server/src/template/environments/words';
import type { Problem, SecretCatalog } from '../../../../server/src/template/index';
import * as nodePath from 'node:path';
import { pathText } from '../../../../server/src/template/displayText';
import { CliError, EXIT, UsageError } from '../errors';
import { environmentPath } from './discover';
import { shortList } from './readFound';
import { ACCOUNT_ENV, API_KEY_ENV } from '../../runpod/environmentVariables';

/** The catalog another account's file is judged against: no list, so no unknown-secret, no rotation, no suggested name. */
export const NO_CATALOG: SecretCatalog = Object.freeze({ state: 'unknown', secrets: Object.freeze([]) }) as SecretCatalog;

/**
 * `declarations` with the accounts of repeated `--environment-account NAME=ACCOUNT` flags. NAME may
 * be an environment `--environment` declares or one its files' names make (train.prod.runpod.env):
 * then it is declared here with no globs of its own, as the setting's entry would be.
 * @throws UsageError naming the flag's position, never its text (the account may be a pasted key)
 */
export function withEnvironmentAccounts(declarations: readonly EnvironmentDeclaration[], specs: readonly string[], command: string): EnvironmentDeclaration[] {
  const out = declarations.map((d) => ({ ...d }));
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    const eq = spec.indexOf('=');
    const name = eq > 0 ? spec.slice(0, eq).trim() : '';
    const account = eq > 0 ? spec.slice(eq + 1).trim() : '';
    if (!isEnvironmentName(name) || !isAccountName(account)) {
      throw new UsageError(
        `--environment-account number ${i + 1} must be NAME=ACCOUNT (an environment name, then an account name: ${ACCOUNT_NAME_RULE}; never a key), e.g. prod=team`,
        command,
      );
    }
    const canonical = canonicalEnvironment(name);
    const declared = out.find((d) => d.name === canonical);
    // The name is checked by the environment rule: safe to show.
    if (declared?.account !== undefined && !sameAccountName(declared.account, account)) throw new UsageError(`environment ${canonical} is given two accounts`, command);
    if (declared) declared.account = account;
    else out.push({ name: canonical, files: [], account });
  }
  return out;
}

/**
 * Why --environment-account changes nothing in this run: the key names no account (a bare
 * RUNPOD_API_KEY, the config's [default]), so no file can be another's. Undefined when it does, or
 * when no account is declared.
 */
export function noActiveAccountNote(declarations: readonly EnvironmentDeclaration[], active: string | undefined): string | undefined {
  if (active !== undefined || !declaresAccounts(declarations)) return undefined;
  return `note: --environment-account: this run's key names no account, so every file is judged as the active account's; choose the key with --account NAME (or ${ACCOUNT_ENV}; with --secrets-file and no key, --account NAME names the file's account) to leave out other accounts' files\n`;
}

/** What a file is judged against, as the language server's accountScope.ts decides it. */
export interface FileScope {
  catalog: SecretCatalog;
  other?: OtherAccount;
  /** The other-account note (none for the active account's file). */
  notes: Problem[];
}

/**
 * The scope of a file, given whose it is.
 * @param other otherAccountOf for the file's path (as the --environment globs see it): the caller
 *   asks it once per file, for the file's list and its environment's problems as well
 * @param active the active account's name; undefined when the key names none
 */
export function fileScope(other: OtherAccount | undefined, text: string, catalog: SecretCatalog, active: string | undefined): FileScope {
  if (!other || active === undefined) return { catalog, notes: [] };
  return { catalog: NO_CATALOG, other, notes: [otherAccountProblem(text, other, active, 'cli')] };
}

/**
 * `not counted: 1 file of account personal (train.dev.runpod.env): there the name is another
 * account's secret`: the files a usage count left out, per account (ignoring case), paths escaped
 * and the first few named; undefined when none were.
 */
export function leftOutNote(files: readonly { file: string; account: string }[]): string | undefined {
  if (files.length === 0) return undefined;
  const byAccount = new Map<string, { name: string; files: string[] }>();
  for (const f of files) {
    const key = accountNameKey(f.account);
    const entry = byAccount.get(key) ?? { name: f.account, files: [] };
    entry.files.push(f.file);
    byAccount.set(key, entry);
  }
  const parts = [...byAccount.values()].map((a) => `${count(a.files.length, 'file')} of account ${a.name} (${shortList(a.files, ', ')})`);
  return `note: not counted: ${parts.join('; ')}: there the name is another account's secret\n`;
}

/** Why an input file is refused: its environment, the account declared for it, and the error to exit with. */
export interface OtherAccountInput {
  environment: string;
  account: string;
  /** CliError (exit 1, a refused launch) naming the environment and accounts, never a key. */
  error: CliError;
}

/**
 * Whether an input file of `pods launch`, `endpoints deploy` or `endpoints update` (--vars-file,
 * --template-file) is another account's, to be refused as the editor's Launch Pod refuses it
 * (client/src/launch/environmentChoice.ts accountRefusal): its variables would run under the wrong
 * account, with that account's secret of the same name. Which file is another's is otherAccountOf,
 * as for `check`; one difference: a key that names no account (a bare RUNPOD_API_KEY) is no
 * declared account, so a launch fails closed where `check` only notes it.
 * @param file the path as the user gave it (relative to `cwd`, where the --environment globs start)
 * @returns undefined when the file may be sent
 */
export function otherAccountInput(file: string, flag: string, cwd: string, declarations: readonly EnvironmentDeclaration[], active: string | undefined): OtherAccountInput | undefined {
  const relative = nodePath.relative(cwd, nodePath.resolve(cwd, file));
  // No account is the active one when the key names none: every declared account is then another.
  const other = otherAccountOf(environmentPath(relative, cwd), declarations, active ?? '');
  if (!other) return undefined;
  const input = `${flag} ${pathText(file)}`;
  const account = other.account!; // the CLI declares only valid accounts (withEnvironmentAccounts refuses the rest)
  const activeText = active === undefined ? `this run's key names no account (a bare ${API_KEY_ENV} or the config's [default])` : `the active account is ${active}`;
  const error = new CliError(`Environment ${other.environment} runs under the RunPod account ${account}, but ${activeText}: ${input} is its file. Run with --account ${account}, then try again.`, EXIT.findings);
  return { environment: other.environment, account, error };
}
