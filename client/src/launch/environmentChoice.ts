/**
 * Which environment a launch or a push uses: the environments of the chosen template (its file's
 * group, or the file group named like an account template), each with the env file Launch Pod
 * merges and the account it declares; and whether the active account may run it. Pure: the wizard
 * and Push Template ask, this decides.
 */
import { environmentFileOf, isTemplateFilePath, type EnvironmentDeclaration, type EnvironmentGroup } from '../../../server/src/template/environments/index';
import { ACCOUNT_NAME_RULE } from '../auth/accountNames';
import { ACCOUNT_COMMANDS } from '../status/accountText';
import { Commands } from '../status/statusText';

export interface EnvironmentOption {
  name: string;
  /** The environment's env file (workspace-relative), merged over the template env; absent when it has only a template file. */
  envFile?: string;
  /** Its template file when the environment has its own (`train.prod.runpod.json`). */
  templateFile?: string;
  /** The account declared for it (`runpod.environments`), by name. */
  account?: string;
  /** Its declared account is not an account name (declarations.ts): refused under every account. */
  invalidAccount?: true;
  /**
   * Env files every environment of the template shares (`train.runpod.env`), lowest first: merged
   * under `envFile`, as the environment rules and Compare Environments count them.
   */
  sharedEnvFiles?: string[];
  /**
   * The template file's own environment when the env file chosen is of another one that would run
   * under another account (chosenEnvironment): refused under every account (accountMismatch).
   */
  templateEnvironment?: Guarded;
}


/** The options of a group, in its order (by name). */
function optionsOf(group: EnvironmentGroup): EnvironmentOption[] {
  const shared = group.shared.filter((f) => !isTemplateFilePath(f));
  return group.environments.map((e) => {
    const envFile = e.files.filter((f) => !isTemplateFilePath(f)).at(-1);
    const templateFile = e.files.find((f) => isTemplateFilePath(f));
    return {
      name: e.name,
      ...(envFile ? { envFile } : {}),
      ...(templateFile ? { templateFile } : {}),
      ...(e.account ? { account: e.account } : {}),
      ...(e.invalidAccount ? { invalidAccount: e.invalidAccount } : {}),
      ...(shared.length > 0 ? { sharedEnvFiles: shared } : {}),
    };
  });
}

/** The group a workspace-relative path is a member of (as an environment's file or the shared file). */
function groupContaining(groups: readonly EnvironmentGroup[], path: string): EnvironmentGroup | undefined {
  return groups.find((g) => g.shared.includes(path) || g.environments.some((e) => e.files.includes(path)));
}

/**
 * The environments to offer for a launch or push source.
 * - a template file of a group: the group's environments; when the file is one environment's own
 *   (`train.prod.runpod.json`), only that one (`fixed`): its name already says it.
 * - an account template: the group labelled with the template's name, when exactly one is.
 */
export function environmentsForSource(
  groups: readonly EnvironmentGroup[],
  source: { kind: 'file'; path: string } | { kind: 'account'; templateName: string },
  declarations: readonly EnvironmentDeclaration[] = [],
): { options: EnvironmentOption[]; fixed?: EnvironmentOption } {
  let group: EnvironmentGroup | undefined;
  if (source.kind === 'file') group = groupContaining(groups, source.path);
  else {
    const named = groups.filter((g) => g.label.slice(g.label.lastIndexOf('/') + 1) === source.templateName);
    group = named.length === 1 ? named[0] : undefined;
  }
  if (!group) {
    // A template file of one environment alone still runs under the account declared for it.
    const file = source.kind === 'file' && isTemplateFilePath(source.path) ? source.path : undefined;
    const alone = file === undefined ? undefined : declaredAlone(file, declarations);
    const fixed = alone ? { ...alone, templateFile: file } : undefined;
    return fixed ? { options: [fixed], fixed } : { options: [] };
  }
  const options = optionsOf(group);
  const own = source.kind === 'file' ? environmentFileOf(source.path, declarations)?.environment : undefined;
  const fixed = own === undefined ? undefined : options.find((o) => o.name === own);
  return fixed ? { options: [fixed], fixed } : { options };
}

/**
 * The environment option an env file the user picked belongs to, if it is one environment's file.
 * A file of one environment alone (no sibling to group with: `train.prod.runpod.env` without dev,
 * or the only file declared for prod) is that environment's when `declarations` give it an
 * account: the account guard needs no sibling.
 */
export function environmentOfEnvFile(groups: readonly EnvironmentGroup[], path: string, declarations: readonly EnvironmentDeclaration[] = []): EnvironmentOption | undefined {
  const group = groupContaining(groups, path);
  const name = group?.environments.find((e) => e.files.includes(path))?.name;
  if (group && name) return optionsOf(group).find((o) => o.name === name);
  const alone = declaredAlone(path, declarations);
  return alone ? { ...alone, envFile: path } : undefined;
}

/**
 * The environment a launch or deploy runs under once its env file is chosen: the env file's, else
 * the one its template file is by name (`train.prod.runpod.json`: {@link environmentsForSource}'s
 * `fixed`), so choosing no env file or a neutral one never drops the template's account from the
 * guard. Of the template's own everything but its files (the env files are the ones chosen): the
 * files are taken out by name rather than the rest copied in, so a field the guard reads
 * (`invalidAccount`, and any added later) cannot be dropped and let the launch run unguarded.
 */
export function chosenEnvironment(ofEnvFile: EnvironmentOption | undefined, ofTemplate: EnvironmentOption | undefined): EnvironmentOption | null {
  if (ofEnvFile) {
    if (!ofTemplate || !accountsDiffer(ofEnvFile, ofTemplate)) return ofEnvFile;
    const templateEnvironment: Guarded = { name: ofTemplate.name, ...(ofTemplate.account ? { account: ofTemplate.account } : {}), ...(ofTemplate.invalidAccount ? { invalidAccount: true } : {}) };
    return { ...ofEnvFile, templateEnvironment };
  }
  if (!ofTemplate) return null;
  const { envFile: _envFile, templateFile: _templateFile, sharedEnvFiles: _sharedEnvFiles, ...environment } = ofTemplate;
  return environment;
}

/**
 * Whether a template file's own environment and another environment's env file would run under
 * different accounts: the env file's environment alone is guarded once chosen, so prod's template
 * must not ride dev's account. Either account invalid counts (it fails closed); a template
 * environment that declares no account runs under any, so the env file's account alone decides.
 * The same environment (its own env file) never differs from itself.
 */
function accountsDiffer(ofEnvFile: Guarded, ofTemplate: Guarded): boolean {
  const same = (a: Guarded, b: Guarded) => a.name === b.name && a.account === b.account && a.invalidAccount === b.invalidAccount;
  if (same(ofEnvFile, ofTemplate)) return false;
  if (ofEnvFile.invalidAccount || ofTemplate.invalidAccount) return true;
  return ofTemplate.account !== undefined && ofTemplate.account.toLowerCase() !== ofEnvFile.account?.toLowerCase();
}

/**
 * The environment of a file that groups with no other environment, when `declarations` give that
 * environment an account, valid or not (without one there is nothing to guard, and no environment
 * is claimed).
 */
function declaredAlone(path: string, declarations: readonly EnvironmentDeclaration[]): Pick<EnvironmentOption, 'name' | 'account' | 'invalidAccount'> | undefined {
  const name = environmentFileOf(path, declarations)?.environment;
  const declared = name === undefined ? undefined : declarations.find((d) => d.name === name);
  if (declared?.account) return { name: declared.name, account: declared.account };
  return declared?.invalidAccount ? { name: declared.name, invalidAccount: true } : undefined;
}

/** The guard's view of an environment: its name and what its declaration says of the account. */
type Guarded = Pick<EnvironmentOption, 'name' | 'account' | 'invalidAccount'>;

/** What the guard judges: an environment, and the template file's own when chosenEnvironment found them at odds. */
type Judged = Guarded & Pick<EnvironmentOption, 'templateEnvironment'>;

/** Whether the editor holds an account of that name (Switch Account lists it), compared ignoring case; else the next step is to add it. */
export type HasAccount = (name: string) => boolean;

/**
 * Why the active account may not run an environment, or undefined. Names are compared ignoring
 * case, as account names are. An environment whose declared account is not a name is refused under
 * every account: it fails closed, never run under whichever account happens to be active. The
 * step it names is one the user can take: switch to an account the editor holds, else add it.
 */
export function accountMismatch(option: Judged | undefined, active: string, hasAccount: HasAccount): string | undefined {
  const template = option?.templateEnvironment;
  if (option && template) {
    return `The env file is of environment ${option.name} (${accountText(option)}), but the template file is of environment ${template.name} (${accountText(template)}): ${template.name}'s template would run with ${option.name}'s variables under another account. Choose ${template.name}'s own env file, or no env file, then try again.`;
  }
  if (option?.invalidAccount) {
    return `Environment ${option.name} cannot be used: its "account" in the runpod.environments setting is not a valid account name (${ACCOUNT_NAME_RULE}), so it is not run under whichever account is active. Set it to the name of one of your RunPod accounts (the name shown by RunPod: Switch Account...), then try again.`;
  }
  if (!option?.account || option.account.toLowerCase() === active.toLowerCase()) return undefined;
  const step = hasAccount(option.account)
    ? `Switch to account ${option.account} first (RunPod: Switch Account...)`
    : `No account named ${option.account} is added in this editor: add account ${option.account} first (RunPod: Add Account...)`;
  return `Environment ${option.name} runs under the RunPod account ${option.account}, but the active account is ${active}. ${step}, then try again.`;
}

/** What a wizard knows of the accounts: the one active now, and the one its flow started under. */
export interface WizardAccounts {
  /** The active account's name now. */
  activeAccount: () => string;
  /** The account the flow started under (its client's); the active one when absent. */
  flowAccount?: string;
  /**
   * Whether the editor holds an account of that name: the refusal says to switch to it, else to add
   * it. Absent (a flow that knows no accounts, as in tests): every name counts as held.
   */
  hasAccount?: HasAccount;
}

/** The accounts' {@link HasAccount}, every name held when they do not say. */
function held(accounts: WizardAccounts): HasAccount {
  return accounts.hasAccount ?? (() => true);
}

/**
 * Why a wizard's flow may not run an environment, or undefined. Once another account than the
 * flow's is active, the environment is not the reason: the flow's bound client refuses with the
 * switch's own message (auth/accountBound.ts), so nothing here asks to switch back.
 */
export function wizardAccountMismatch(option: Judged | undefined, accounts: WizardAccounts): string | undefined {
  const active = accounts.activeAccount();
  return (accounts.flowAccount ?? active) === active ? accountMismatch(option, active, held(accounts)) : undefined;
}

/** What a picker or a refused button asks the user to do about an environment {@link accountMismatch} refuses. */
export function accountAction(option: Judged, hasAccount: HasAccount): string {
  if (option.templateEnvironment) return `choose ${option.templateEnvironment.name}'s own env file, or no env file,`;
  if (option.invalidAccount) return 'correct its account in runpod.environments';
  return hasAccount(option.account ?? '') ? `switch to account ${option.account}` : `add account ${option.account}`;
}

/** A command that takes the step a refusal names, offered as the refusal message's button. */
export interface AccountRemedy {
  title: string;
  command: string;
  args?: unknown[];
}

/**
 * The button of {@link accountMismatch}'s refusal: Switch Account… or Add Account… for another
 * account, Open Settings on runpod.environments for an invalid one; none for an env file of another
 * environment (choosing another file is done in the wizard, not by a command).
 */
export function accountRemedy(option: Judged, hasAccount: HasAccount): AccountRemedy | undefined {
  if (option.templateEnvironment) return undefined;
  if (option.invalidAccount) return { title: 'Open Settings', command: Commands.openSettings, args: ['runpod.environments'] };
  if (!option.account) return undefined;
  return hasAccount(option.account) ? { title: 'Switch Account…', command: ACCOUNT_COMMANDS.switchAccount } : { title: 'Add Account…', command: ACCOUNT_COMMANDS.addAccount };
}

/**
 * A wizard's pick list item's detail, before it is picked, when {@link wizardAccountMismatch} would
 * refuse the environment the item leads to (`option`: chosenEnvironment's answer for it), else no
 * detail: one line with what to do, so the refusal never comes as a surprise after the pick.
 */
export function pickerWarning(option: Judged | null | undefined, accounts: WizardAccounts, verb: 'launch' | 'deploy' | 'update'): { detail?: string } {
  if (!option || !wizardAccountMismatch(option, accounts)) return {};
  const template = option.templateEnvironment;
  const why = template ? `${template.name}'s template would run with ${option.name}'s variables under another account: ` : option.invalidAccount ? '' : 'another account is active: ';
  return { detail: `$(warning) ${why}${accountAction(option, held(accounts))} to ${verb} it` };
}

/** A wizard summary's refused action: its label, the message it shows and that message's button. */
export interface SummaryRefusal {
  label: string;
  message: string;
  remedy?: AccountRemedy;
}

/**
 * The summary's refusal of the environment chosen, or undefined: the last guard, after the pick's
 * ({@link pickRefusal}), for what changed since (the active account, a state kept across runs).
 */
export function summaryRefusal(option: Judged | null | undefined, accounts: WizardAccounts, verb: 'launch' | 'deploy'): SummaryRefusal | undefined {
  const message = option ? wizardAccountMismatch(option, accounts) : undefined;
  if (!option || message === undefined) return undefined;
  const has = held(accounts);
  const remedy = accountRemedy(option, has);
  return { label: `$(circle-slash) Cannot ${verb}: ${accountAction(option, has)} first`, message, ...(remedy ? { remedy } : {}) };
}

/**
 * What a wizard's pick step says, in place of its placeholder, when the item picked leads to an
 * environment {@link wizardAccountMismatch} refuses (`option`: chosenEnvironment's answer for it):
 * the step stays open, so the user picks another item or goes Back. Undefined when it may run.
 */
export function pickRefusal(option: Judged | null | undefined, accounts: WizardAccounts, verb: 'launch' | 'deploy'): string | undefined {
  if (!option || !wizardAccountMismatch(option, accounts)) return undefined;
  const action = accountAction(option, held(accounts));
  // accountAction's env file choice ends in a comma, to be followed by 'first' or 'to launch it'.
  return option.templateEnvironment ? `Cannot ${verb} with that env file: ${action.replace(/,$/, '')}` : `Cannot ${verb} with that choice: ${action} first, or pick another`;
}

/** An environment's files for a picker: `train.dev.runpod.env over train.runpod.env`, or `none` when it has no env file. */
export function environmentFilesText(option: Pick<EnvironmentOption, 'envFile' | 'sharedEnvFiles'>, none: string): string {
  const files = [...(option.envFile ? [option.envFile] : []), ...(option.sharedEnvFiles ?? [])];
  return files.length > 0 ? files.join(' over ') : none;
}

/**
 * What an environment's declaration says of its account, never the text of an invalid one (it may
 * be a pasted key): `account team`. The pickers, the summaries and Compare Environments say it alike.
 */
export function accountText(option: Guarded): string {
  return option.invalidAccount ? 'account in runpod.environments not valid' : option.account ? `account ${option.account}` : 'no account declared';
}

/** The summary's line: `Environment: prod (account team)`. */
export function environmentLine(option: Guarded): string {
  return `Environment: ${option.name}${option.invalidAccount || option.account ? ` (${accountText(option)})` : ''}`;
}
