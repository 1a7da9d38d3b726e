/**
 * Which environment a launch or a push uses: the environments of the chosen template (its file's
 * group, or the file group named like an account template), each with the env file Launch Pod
 * merges and the account it declares; and whether the active account may run it. Pure: the wizard
 * and Push Template ask, this decides.
 */
import { accountStep, declaredAccountOf, environmentFileOf, isEnvLinesFilePath, isTemplateFilePath, type EnvironmentDeclaration, type EnvironmentGroup } from '../../../server/src/template/environments/index';
import { sameAccountName } from '../../../server/src/template/accountNames';
import { ACCOUNT_NAME_RULE } from '../auth/accountNames';
import { ACCOUNT_COMMANDS } from '../status/accountText';
import { Commands } from '../status/statusText';
import type { TargetEnvironment } from './checks';

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
   * under another account (chosenEnvironment): refused under every account (accountRefusal).
   */
  templateEnvironment?: Guarded;
}


/** The options of a group, in its order (by name). */
function optionsOf(group: EnvironmentGroup): EnvironmentOption[] {
  // A declared TOML file or Hub listing is neither: never merged into a launch (files.ts).
  const shared = group.shared.filter(isEnvLinesFilePath);
  return group.environments.map((e) => {
    const envFile = e.files.filter(isEnvLinesFilePath).at(-1);
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
    // A file of one environment alone still runs under the account declared for it, whatever its
    // kind: a Hub listing Deploy reads is guarded as a template file is (only the latter is `templateFile`).
    const alone = source.kind === 'file' ? declaredAlone(source.path, declarations) : undefined;
    const templateFile = source.kind === 'file' && isTemplateFilePath(source.path) ? { templateFile: source.path } : {};
    const fixed = alone ? { ...alone, ...templateFile } : undefined;
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

/** A launch's input file as the environment rules see it: its path (workspace-relative, or as the --environment globs see it) and its folder's declarations. */
export interface LaunchFile {
  path: string;
  declarations: readonly EnvironmentDeclaration[];
}

/** The files a launch, deploy or update sends: the template file (when the source is one) and the env file chosen (if any). */
export interface LaunchFiles {
  templateFile?: LaunchFile | undefined;
  envFile?: LaunchFile | undefined;
}

/**
 * The environment a launch of these files runs under, for the account guard: {@link chosenEnvironment}
 * of the env file's environment and the one its template file is by name. Editor and CLI alike.
 */
export function launchEnvironment(groups: readonly EnvironmentGroup[], files: LaunchFiles): EnvironmentOption | null {
  const { templateFile, envFile } = files;
  return chosenEnvironment(
    envFile && environmentOfEnvFile(groups, envFile.path, envFile.declarations),
    templateFile && environmentsForSource(groups, { kind: 'file', path: templateFile.path }, templateFile.declarations).fixed,
  );
}

/** The environment a file is of by the file rule (environmentFileOf: its name, or the declaration matching it), grouped or alone. */
export function ownEnvironment(file: LaunchFile | undefined): string | undefined {
  return file && environmentFileOf(file.path, file.declarations)?.environment;
}

/**
 * The environment the checks judge a launch, deploy or update as (checks.ts checkEnv): the env
 * file's own by the file rule, else the template file's ({@link ownEnvironment}), as
 * cross-environment-secret judges the file itself; so `train.prod.runpod.env` with no dev file
 * beside it and no account declared still warns of dev's secret, as `check` does. The guard's
 * environment (which needs a group or a declared account) is for the account only; `chosen` (an
 * environment picked, e.g. of an account template) counts when no file says one.
 */
export function launchTarget(groups: readonly EnvironmentGroup[], files: LaunchFiles, chosen: Pick<EnvironmentOption, 'name'> | null | undefined = launchEnvironment(groups, files)): TargetEnvironment | undefined {
  const name = ownEnvironment(files.envFile) ?? ownEnvironment(files.templateFile) ?? chosen?.name;
  return targetEnvironment(name === undefined ? undefined : { name }, groups);
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
  return ofTemplate.account !== undefined && (ofEnvFile.account === undefined || !sameAccountName(ofTemplate.account, ofEnvFile.account));
}

/**
 * The environment of a file that groups with no other environment, when `declarations` give that
 * environment an account, valid or not (without one there is nothing to guard, and no environment
 * is claimed).
 */
function declaredAlone(path: string, declarations: readonly EnvironmentDeclaration[]): Pick<EnvironmentOption, 'name' | 'account' | 'invalidAccount'> | undefined {
  const name = environmentFileOf(path, declarations)?.environment;
  const declared = declaredAccountOf(name, declarations);
  if (name === undefined || declared === undefined) return undefined;
  return declared === 'invalid' ? { name, invalidAccount: true } : { name, account: declared.name };
}

/** The guard's view of an environment: its name and what its declaration says of the account. */
type Guarded = Pick<EnvironmentOption, 'name' | 'account' | 'invalidAccount'>;

/** What the guard judges: an environment, and the template file's own when chosenEnvironment found them at odds. */
type Judged = Guarded & Pick<EnvironmentOption, 'templateEnvironment'>;

/** Whether the editor holds an account of that name (Switch Account lists it), compared ignoring case; else the next step is to add it. */
export type HasAccount = (name: string) => boolean;

/** A command that takes the step a refusal names, offered as the refusal message's button. */
export interface AccountRemedy {
  title: string;
  command: string;
  args?: unknown[];
}

/**
 * Why an environment may not run, in every form the user meets it. One decision, read by the
 * picker's mark, the refused pick, the summary, Push Template and Update Env.
 */
export interface AccountRefusal {
  /** The error message: what is wrong and the step to take. */
  message: string;
  /** The step, as the end of a sentence: `switch to account team`; `choose prod's own env file, or no env file`. */
  action: string;
  /** The same step with words to follow (`… first`, `… to launch it`): the env file choice takes a comma. */
  actionThen: string;
  /** Why, ahead of the step in a picker's mark: `another account is active: `, or '' when the step says it. */
  why: string;
  /** The step is choosing another env file (done in the wizard), not a command. */
  otherEnvFile: boolean;
  /** Where the step is taken when the wizard cannot take it: `RunPod: Switch Account...`, `Preferences: Open Settings (UI)`. */
  palette?: string;
  /** The message's button: Switch Account…, Add Account… (on the account's name), Open Settings. */
  remedy?: AccountRemedy;
}

/** The accounts a refusal is judged against. */
export interface RefusalAccounts {
  /** The active account's name now. */
  active: string;
  /**
   * The account the flow started under (its client's); the active one when absent. Once another is
   * active the environment is not the reason: the flow's bound client refuses with the switch's own
   * message (auth/accountBound.ts), so nothing here asks to switch back.
   */
  flowAccount?: string;
  /** Whether the editor holds an account of that name: the refusal says to switch to it, else to add it. */
  has: HasAccount;
}

/**
 * Why the active account may not run an environment, or undefined. Names are compared ignoring
 * case, as account names are. An environment whose declared account is not a name is refused under
 * every account: it fails closed, never run under whichever account happens to be active. The step
 * it names is one the user can take: switch to an account the editor holds, else add it.
 */
export function accountRefusal(option: Judged | null | undefined, accounts: RefusalAccounts): AccountRefusal | undefined {
  const active = accounts.active;
  if (!option || (accounts.flowAccount ?? active) !== active) return undefined;
  const template = option.templateEnvironment;
  if (template) {
    const action = `choose ${template.name}'s own env file, or no env file`;
    return {
      message: `The env file is of environment ${option.name} (${accountText(option)}), but the template file is of environment ${template.name} (${accountText(template)}): ${template.name}'s template would run with ${option.name}'s variables under another account. Choose ${template.name}'s own env file, or no env file, then try again.`,
      action,
      actionThen: `${action},`,
      why: `${template.name}'s template would run with ${option.name}'s variables under another account: `,
      otherEnvFile: true,
    };
  }
  if (option.invalidAccount) {
    const action = `correct ${option.name}'s account in runpod.environments`;
    return {
      message: `Environment ${option.name} cannot be used: its "account" in the runpod.environments setting is not a valid account name (${ACCOUNT_NAME_RULE}), so it is not run under whichever account is active. Set it to the name of one of your RunPod accounts (the name shown by RunPod: Switch Account...), then try again.`,
      action,
      actionThen: action,
      why: '',
      otherEnvFile: false,
      // The palette's own name of the settings editor (Open Settings, the button's command, is not in the palette).
      palette: 'Preferences: Open Settings (UI)',
      remedy: { title: 'Open Settings', command: Commands.openSettings, args: ['runpod.environments'] },
    };
  }
  const account = option.account;
  if (!account || sameAccountName(account, active)) return undefined;
  const { kind, palette, button } = accountStep(accounts.has(account));
  const held = kind === 'switch';
  const action = held ? `switch to account ${account}` : `add account ${account}`;
  const step = held ? `Switch to account ${account} first (${palette})` : `No account named ${account} is added in this editor: ${action} first (${palette})`;
  return {
    message: `Environment ${option.name} runs under the RunPod account ${account}, but the active account is ${active}. ${step}, then try again.`,
    action,
    actionThen: action,
    why: 'another account is active: ',
    otherEnvFile: false,
    palette,
    // Add Account opens on the name the message says, as the status bar's does (status/accountText.ts).
    remedy: held ? { title: button, command: ACCOUNT_COMMANDS.switchAccount } : { title: button, command: ACCOUNT_COMMANDS.addAccount, args: [account] },
  };
}

/** What a wizard knows of the accounts: the one active now, the one its flow started under, and those the editor holds. */
export interface WizardAccounts {
  /** The active account's name now. */
  activeAccount: () => string;
  /** The account the flow started under (its client's); the active one when absent. */
  flowAccount?: string;
  /** Whether the editor holds an account of that name: the refusal says to switch to it, else to add it. */
  hasAccount: HasAccount;
}

/** {@link accountRefusal} of a wizard's flow, against the account active now. */
export function wizardRefusal(option: Judged | null | undefined, accounts: WizardAccounts): AccountRefusal | undefined {
  return accountRefusal(option, { active: accounts.activeAccount(), has: accounts.hasAccount, ...(accounts.flowAccount === undefined ? {} : { flowAccount: accounts.flowAccount }) });
}

/** A wizard's accounts as its flow starts under the active one: the window's accounts, read live. */
export function flowAccounts(accounts: { readonly active: string; has: HasAccount }): WizardAccounts {
  return { activeAccount: () => accounts.active, flowAccount: accounts.active, hasAccount: (name) => accounts.has(name) };
}

/**
 * A pick list item's detail, before it is picked, when the environment the item leads to is
 * refused, else no detail: one line with what to do, so the refusal never comes as a surprise after the pick.
 */
export function pickerWarning(refusal: AccountRefusal | undefined, verb: 'launch' | 'deploy' | 'update'): { detail?: string } {
  return refusal ? { detail: `$(warning) ${refusal.why}${refusal.actionThen} to ${verb} it` } : {};
}

/** The summary's refused action's label: `$(circle-slash) Cannot launch: switch to account team first`. */
export function summaryRefusalLabel(refusal: AccountRefusal, verb: 'launch' | 'deploy'): string {
  return `$(circle-slash) Cannot ${verb}: ${refusal.actionThen} first`;
}

/**
 * What a wizard's pick step says, in place of its placeholder, when the item picked leads to a
 * refused environment: the step stays open, so the user picks another item or goes Back. When
 * every item is refused (`everyRefused`: the template file's own environment is), picking another
 * cannot help: it says the step to take outside the wizard, the one `everyRefused` names, and where
 * (`noEnvFile`: the choice refused is No env file, so none does not help either).
 */
export function pickRefusal(refusal: AccountRefusal | undefined, verb: 'launch' | 'deploy' | 'update', everyRefused?: AccountRefusal): string | undefined {
  if (!refusal) return undefined;
  // Every choice, No env file included, runs under the template file's own refused environment.
  if (everyRefused) return `Cannot ${verb} with any env file or none: ${everyRefused.action} first${everyRefused.palette ? ` (Esc, then ${everyRefused.palette})` : ''}`;
  return refusal.otherEnvFile ? `Cannot ${verb} with that env file: ${refusal.action}` : `Cannot ${verb} with that choice: ${refusal.action} first, or pick another`;
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

/**
 * The environment a flow creates for (the one chosen, or its files': chosenEnvironment's), with every
 * environment name of the workspace's `groups`, for the checks' warning of another environment's
 * secret (checks.ts). Launch Pod, Deploy Endpoint, Update Env and Push Template all ask it here, so
 * none of them sends prod's env with dev's password unasked. Undefined when the flow has no environment.
 */
export function targetEnvironment(environment: Pick<EnvironmentOption, 'name'> | null | undefined, groups: readonly EnvironmentGroup[] = []): TargetEnvironment | undefined {
  if (!environment) return undefined;
  const names = groups.flatMap((g) => g.environments.map((e) => e.name));
  return { name: environment.name, environments: [...new Set([environment.name, ...names])] };
}
