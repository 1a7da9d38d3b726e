/**
 * Which account a file is for. `runpod.environments` may declare the account an environment runs
 * under (`"prod": { "files": [...], "account": "prod" }`, a name, never a key); a file of that
 * environment (declared, or named for it: `train.prod.runpod.env`) is that account's, and its
 * secret names are that account's secrets. The same name in another account is another secret,
 * another credential. The one place that decides it, for the language server (which list a file is
 * judged against, what rename and usage counts include) and the environment rules (which
 * environments share a credential). Pure.
 */
import { sameAccountName } from '../accountNames';
import type { Problem } from '../types';
import type { EnvironmentDeclaration } from './declarations';
import { environmentFileOf } from './files';
import { firstLine } from './firstLine';

/** What the setting says of an environment's account: a name, `invalid` (not an account name), or nothing. */
export type DeclaredAccount = { name: string } | 'invalid' | undefined;

/** The account `runpod.environments` declares for environment `environment` (canonical name). */
export function declaredAccountOf(environment: string | undefined, declarations: readonly EnvironmentDeclaration[]): DeclaredAccount {
  if (environment === undefined || declarations.length === 0) return undefined;
  const declared = declarations.find((d) => d.name === environment);
  if (declared?.invalidAccount) return 'invalid';
  return declared?.account === undefined ? undefined : { name: declared.account };
}

/** Whether the declarations say anything of accounts (else no file is another account's). */
export function declaresAccounts(declarations: readonly EnvironmentDeclaration[]): boolean {
  return declarations.some((d) => d.account !== undefined || d.invalidAccount === true);
}

/** A file that is another account's: the account its environment declares (absent: the setting's value is not an account name). */
export interface OtherAccount {
  environment: string;
  account?: string;
}

/**
 * Whether `path` is another account's file than the active account's: its environment declares an
 * account other than `active` (names compare ignoring case), or one that is not an account name
 * (fails closed: it may be any account). A file of no environment, or of one that declares no
 * account, is the active account's; so is every file while the active account is not known (an
 * older client that does not say it): then nothing changes.
 */
export function otherAccountOf(path: string, declarations: readonly EnvironmentDeclaration[], active: string | undefined): OtherAccount | undefined {
  // Environments that name no account (the usual setting) make no file another account's: the
  // file's environment is not even looked up (this runs on every diagnostics pull and hover).
  if (active === undefined || !declaresAccounts(declarations)) return undefined;
  const environment = environmentFileOf(path, declarations)?.environment;
  const declared = declaredAccountOf(environment, declarations);
  if (declared === undefined || environment === undefined) return undefined;
  if (declared === 'invalid') return { environment };
  return sameAccountName(declared.name, active) ? undefined : { environment, account: declared.name };
}

/**
 * Whether two environments declare different accounts, both by valid names: a secret of one name
 * is then two secrets, one in each account. An environment that declares none runs under whichever
 * account is active (maybe the other's), and an invalid one may be any: they are not apart.
 */
export function declareDifferentAccounts(a: string, b: string, declarations: readonly EnvironmentDeclaration[]): boolean {
  const first = declaredAccountOf(a, declarations);
  const second = declaredAccountOf(b, declarations);
  return typeof first === 'object' && typeof second === 'object' && !sameAccountName(first.name, second.name);
}

/**
 * Where the note is read: the editor (its setting and Switch Account command) or the command line
 * (runpod-check's --environment-account and --account): what to do is said in the reader's terms.
 */
export type AccountNoteSurface = 'editor' | 'cli';

/**
 * The note on the first line of another account's file: its secret names are not checked, why,
 * and what to do. Names only (the account rule and the environment rule let no markup, escape or
 * key through); never a value.
 * @param active the active account's name
 */
export function otherAccountProblem(text: string, other: OtherAccount, active: string, surface: AccountNoteSurface = 'editor', held?: readonly string[]): Problem {
  return { code: 'other-account', span: firstLine(text), message: otherAccountMessage(other, active, 'check', surface, held), severity: 'information' };
}

/**
 * Why another account's file is not checked (the note, the hover) or not renamed from (F2), and what to do.
 * @param held the names of the accounts the editor holds a key of, when the client said: an account
 *   it does not hold cannot be switched to, so the step is to add it (as Launch Pod's guard says,
 *   client/src/launch/environmentChoice.ts). Unknown (an older client): switching is said.
 */
export function otherAccountMessage(other: OtherAccount, active: string, doing: 'check' | 'rename', surface: AccountNoteSurface = 'editor', held?: readonly string[]): string {
  const lead = doing === 'check' ? 'Secret names in this file are not checked' : 'Secrets are not renamed from this file';
  const step = doing === 'check' ? 'check them' : 'rename them here';
  if (other.account === undefined) {
    return `${lead}: environment ${other.environment}'s ${surface === 'cli' ? 'account in --environment-account' : '"account" in runpod.environments'} is not an account name, so the file may be another account's than ${active}. Set it to the name of one of your RunPod accounts to ${step}.`;
  }
  const account = other.account;
  const remedy =
    surface === 'cli'
      ? `Run with --account ${account}`
      : held && !held.some((name) => sameAccountName(name, account))
        ? `Add account ${account} (RunPod: Add Account...)`
        : `Switch to ${account} (RunPod: Switch Account...)`;
  return `${lead}: it is for account ${account}, and ${active} is active. ${remedy} to ${step}.`;
}
