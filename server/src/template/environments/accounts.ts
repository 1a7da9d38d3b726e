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
import { DEFAULT_SEVERITY } from '../types';
import type { EnvironmentDeclaration } from './declarations';
import { environmentFileOf } from './files';
import { firstLine } from './firstLine';
import type { Surface } from '../nextSteps';

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
 * The account an environment's secrets are in: the one it declares, else the active one (an
 * environment that declares none runs under whichever is active). Undefined when not known: an
 * account that is not a name may be any, and the active one is not always said (an older client,
 * a command-line key of no name).
 */
export function accountOfEnvironment(environment: string, declarations: readonly EnvironmentDeclaration[], active: string | undefined): string | undefined {
  const declared = declaredAccountOf(environment, declarations);
  if (declared === 'invalid') return undefined;
  return declared?.name ?? active;
}

/**
 * Whether a secret name two environments use is two secrets, one in each account: both resolve to
 * known accounts ({@link accountOfEnvironment}) and those differ (names compare ignoring case).
 * Not known is not apart: a shared credential is not ruled out. The one answer behind
 * shared-environment-secret and Compare Environments' {@link DIFFERENT_ACCOUNTS}.
 */
export function inDifferentAccounts(a: string, b: string, declarations: readonly EnvironmentDeclaration[], active: string | undefined): boolean {
  const first = accountOfEnvironment(a, declarations, active);
  const second = accountOfEnvironment(b, declarations, active);
  return first !== undefined && second !== undefined && !sameAccountName(first, second);
}

/** What Compare Environments says of one secret name used by environments in different accounts: two secrets, whatever their names. */
export const DIFFERENT_ACCOUNTS = 'same name, different accounts';

/**
 * The note on the first line of another account's file: its secret names are not checked, why,
 * and what to do. Names only (the account rule and the environment rule let no markup, escape or
 * key through); never a value.
 * @param active the active account's name
 * @param surface where the note is read: the editor (its setting and Switch Account command) or the
 *   command line (runpod-check's --environment-account and --account)
 */
export function otherAccountProblem(text: string, other: OtherAccount, active: string, surface: Surface = 'editor', held?: readonly string[]): Problem {
  return { code: 'other-account', span: firstLine(text), message: otherAccountMessage(other, active, 'check', surface, held), severity: DEFAULT_SEVERITY['other-account'] };
}

/** How the editor makes an account active: switch to one it holds a key of, add one it does not. */
export interface AccountStep {
  kind: 'switch' | 'add';
  /** The command as the palette lists it (package.json's category and title; a test holds them together). */
  palette: 'RunPod: Switch Account...' | 'RunPod: Add Account...';
  /** The command as a message's button names it (VS Code's ellipsis character). */
  button: 'Switch Account…' | 'Add Account…';
}

/**
 * The step that makes an account active in the editor: switch to it when the editor holds its key,
 * otherwise add it first (an account without a key here cannot be switched to). The one rule for
 * the other-account note and F2, Launch Pod's and Deploy's guard (client environmentChoice.ts) and
 * the history document's hidden entries.
 */
export function accountStep(held: boolean): AccountStep {
  return held
    ? { kind: 'switch', palette: 'RunPod: Switch Account...', button: 'Switch Account…' }
    : { kind: 'add', palette: 'RunPod: Add Account...', button: 'Add Account…' };
}

/**
 * Why another account's file is not checked (the note, the hover) or not renamed from (F2), and what to do.
 * @param held the names of the accounts the editor holds a key of, when the client said: an account
 *   it does not hold cannot be switched to, so the step is to add it (as Launch Pod's guard says,
 *   client/src/launch/environmentChoice.ts), and an active one it does not hold is no account the
 *   user is in: the window is signed out, and the note says so. Unknown (an older client): switching is said.
 */
export function otherAccountMessage(other: OtherAccount, active: string, doing: 'check' | 'rename', surface: Surface = 'editor', held?: readonly string[]): string {
  const lead = doing === 'check' ? 'Secret names in this file are not checked' : 'Secrets are not renamed from this file';
  const step = doing === 'check' ? 'check them' : 'rename them here';
  const holds = (name: string) => held === undefined || held.some((h) => sameAccountName(h, name));
  // The window's account holds no key (never added, or removed): it is signed out, and no account is active to name.
  const signedOut = surface === 'editor' && !holds(active);
  if (other.account === undefined) {
    const than = signedOut ? '' : ` than ${active}`;
    const { state, remedy } = unnamedAccount(other.environment, surface);
    return `${lead}: ${state}, so the file may be another account's${than}. ${remedy} to ${step}.`;
  }
  const account = other.account;
  // The command line is never signed out here: it names the active account whatever the editor holds.
  const editor = otherAccountInEditor(account, active, surface === 'editor' ? held : undefined);
  const remedy = surface === 'cli' ? `Run with --account ${account}` : editor.remedy;
  return `${lead}: ${editor.state}. ${remedy} to ${step}.`;
}

/**
 * Why an environment's files are not checked when the account it declares is not an account name
 * (it may be any), and the fix: the other-account note's words, and Compare Environments' note under its column.
 */
export function unnamedAccount(environment: string, surface: Surface = 'editor'): { state: string; remedy: string } {
  const setting = surface === 'cli' ? 'account in --environment-account' : '"account" in runpod.environments';
  return { state: `environment ${environment}'s ${setting} is not an account name`, remedy: 'Set it to the name of one of your RunPod accounts' };
}

/**
 * In the editor, why names of `account`'s files are not checked while `active` is, and the step
 * that makes `account` active (accountStep): the other-account note's words, and Compare
 * Environments' note under a column of another account. `held` as otherAccountMessage takes it.
 */
export function otherAccountInEditor(account: string, active: string, held?: readonly string[]): { state: string; remedy: string } {
  const holds = (name: string) => held === undefined || held.some((h) => sameAccountName(h, name));
  const step = accountStep(holds(account));
  return {
    state: `it is for account ${account}, and ${holds(active) ? `${active} is active` : 'you are signed out'}`,
    remedy: `${step.kind === 'add' ? `Add account ${account}` : `Switch to ${account}`} (${step.palette})`,
  };
}
