/**
 * The six steps of Launch Pod: template, env, GPU (and count), cloud, Pod name, summary. Every
 * choice is a picker where the values are known. The state survives the wizard, so "Pick another
 * GPU" after a capacity failure re-opens it at the GPU step with everything else kept.
 */
import { count } from '../../../../server/src/template/counts';
import { isServerlessTemplateFile } from '../../serverless/serverlessFile';
import * as vscode from 'vscode';
import type { GpuType, PodCreateInput, RunpodApi, Template } from '../../runpod/types';
import { CallCancelled } from '../../runpod/errors';
import type { RunpodLog } from '../../services';
import { readFileBaseTemplate } from './baseTemplateRead';
import type { EnvSource, TargetEnvironment } from '../checks';
import { envItems, type EnvItem } from '../envItems';
import { cloudChoices, countChoices, cpuChoice, gpuChoices, startingGpuCount, type CpuChoice, type GpuChoice } from '../gpuChoices';
import { CLOUD_CHOICE_TEXT, DEFAULT_CLOUD, type Cloud } from '../../runpod/clouds';
import { mergeEnv, type Env, type TemplateFile } from '../plan';
import { podBodyFor } from '../podBody';
import { summarize, type Summary } from '../summary';
import { fieldOffset, parseTemplateFile, toLaunchTemplate } from '../templateFile';
import { contentRefusal, EnvFileRefused, FileNotRead, FileRefused, isRefusal, parseRefusal, unreadRefusal, type FileRefusal } from '../fileRefusal';
import { showFileRefusal } from './fileRefusal';
import { varsFromText } from '../varsFile';
import { pickerPlaceholder } from '../../runpodFiles';
import { environmentOfChoice, environmentsForFile, envFilesOf, listEnvironments, listEnvironmentsBeside, targetOfChoice, TEMPLATE_FILE_KINDS, templateFilesOf, templateOfUri, withOwnFolders, type WorkspaceEnvironments } from '../../environments/workspaceFiles';
import { accountText, environmentFilesText, environmentsForSource, pickerWarning, pickRefusal, summaryRefusalLabel, wizardRefusal, type AccountRefusal, type EnvironmentOption, type WizardAccounts } from '../environmentChoice';
import { envFileItems, inSourceFolder, templateEnvironment } from './envFileItems';
import { showAccountRefusal } from './accountRefusal';
import { ACCOUNT_TEMPLATES, showInputStep, showPickStep, type PickContent, type PickRead, type StepFrame } from '../../ui/multiStepInput';
import { runSteps, stepOutcome, type StepOutcome } from '../../ui/stepMachine';
import { runCreateRow, showSummaryStep, type CreateRow } from '../../ui/summaryStep';
import { secretFixRows, type ReplaceRow } from './secretFixRows';
import { replaceInFiles } from './findings';
import type { Replacement } from '../replaceReference';
import { answersOver } from '../../ui/wizardMemory';
import { resourceNameProblem } from '../../ui/resourceName';
import { fileLabel, readWorkspaceText } from '../../workspaceText';
import { noIcons, pickName, pickPath, plainName } from '../../ui/plainName';

export type LaunchSourceChoice =
  | { kind: 'account'; template: Template }
  | {
      kind: 'file';
      uri: vscode.Uri;
      text: string;
      template: TemplateFile;
      name: string;
      dropped: string[];
      /** The template the file names by `templateId`, read when the file was loaded: RunPod merges its env under the file's. */
      base?: Template;
    };

export interface EnvFileChoice {
  uri: vscode.Uri;
  text: string;
  env: Env;
  /** An environment's file: the env files its template's environments share, lowest first, merged under this one. */
  shared?: EnvFileChoice[];
}

/** Everything chosen so far; kept across runs of the wizard (with the accounts: the environment's is checked against the flow's). */
export interface WizardState extends WizardAccounts {
  source?: LaunchSourceChoice;
  /** null = chosen "no env file". */
  envFile?: EnvFileChoice | null;
  /** The environment chosen, or the one the chosen env file belongs to; null = none. */
  environment?: EnvironmentOption | null;
  /** Show the env file list at the env step instead of the environments ("Choose another env file"). */
  pickEnvFile?: boolean;
  /** The workspace's templates x environments, found once per launch. */
  environments?: WorkspaceEnvironments;
  compute?: GpuChoice | CpuChoice;
  count: number;
  cloud?: Cloud;
  podName?: string;
  /** Presets from the command's argument, used on the first visit of their step. */
  preset: { templateFile?: vscode.Uri; envFile?: vscode.Uri; activeEnvFile?: vscode.Uri; activeTemplateFile?: vscode.Uri };
  /** The account's secret names the store already has (no API call), to mark references to unknown ones; undefined while unknown. */
  knownSecrets?: () => ReadonlySet<string> | undefined;
  /** Catalog and templates, loaded once per launch. */
  gpus?: GpuType[];
  templates?: Template[];
  /** Where a refusal's button that fails is logged (the output channel). */
  log: Pick<RunpodLog, 'error'>;
  /** What a cancelled launch in this window chose (ui/wizardMemory.ts): each step's default, after the command's presets. */
  recalled?: Partial<LaunchAnswers>;
}

/** The choices a cancelled launch keeps for the next (ids, never a file's text: a file is read again when picked). */
export interface LaunchAnswers {
  [field: string]: string | number | undefined;
  /** `account:<template id>` or `file:<uri>` ({@link sourceKey}). */
  template?: string;
  /** The GPU type id, or `cpu`. */
  gpu?: string;
  count?: number;
  cloud?: string;
  podName?: string;
}

/** A launch or deploy source as the answers keep it (ui/wizardMemory.ts): the template's id, or the file's URI, never its text. */
export function sourceKey(source: { kind: 'account'; template: Pick<Template, 'id'> } | { kind: 'file'; uri: vscode.Uri }): string {
  return source.kind === 'account' ? `account:${source.template.id}` : `file:${source.uri.toString()}`;
}

/**
 * What a cancelled launch chose, when it chose it for the template now picked: another template's
 * GPU, count and cloud are not this one's (its file may ask for others, and a default accepted
 * with Enter launches a billed Pod).
 */
function recalledFor(state: WizardState): Partial<LaunchAnswers> | undefined {
  return state.source && state.recalled?.template === sourceKey(state.source) ? state.recalled : undefined;
}

/** The answers of the wizard so far ({@link LaunchAnswers}), over those kept for the same template that this run did not answer again. */
export function launchAnswers(state: WizardState): LaunchAnswers {
  const template = state.source && sourceKey(state.source);
  // Escape before a template was chosen answered nothing: what an earlier cancelled launch kept stands.
  return answersOver(template === undefined || state.recalled?.template === template ? state.recalled : undefined, {
    template,
    gpu: state.compute?.id,
    count: state.compute ? state.count : undefined,
    cloud: state.cloud,
    podName: state.podName,
  });
}

/** Indexes of the steps (for "Pick another GPU"). */
export const STEP = { template: 0, env: 1, gpu: 2, count: 3, cloud: 4, name: 5, summary: 6 } as const;
const TOTAL = 6;
const TITLE = 'RunPod: Launch Pod';

type Item<T> = vscode.QuickPickItem & { value?: T };

/** An item of the template step: an account template (its id) or a template file (its URI), loaded when picked. */
type TemplateSourceItem = Item<() => Promise<LaunchSourceChoice | FileRefusal | undefined>> & { uri?: vscode.Uri; templateId?: string };

/** An account template's row detail in the template steps (Launch Pod, Deploy Endpoint): how many env variables it sets. */
export function templateEnvCount(template: Pick<Template, 'env'>): string {
  return count(Object.keys(template.env ?? {}).length, 'env variable');
}

/**
 * The first step's items: the account's templates, then the workspace's template files. The API
 * names the templates and the repository the files: both by the quick pick's label rule, so a
 * name draws no icon of its own and stays one line.
 */
export function templateSourceItems(templates: readonly Template[], files: readonly vscode.Uri[], load: (uri: vscode.Uri) => Promise<LaunchSourceChoice | FileRefusal | undefined>): TemplateSourceItem[] {
  return [
    { label: 'Account templates', kind: vscode.QuickPickItemKind.Separator },
    ...templates.map((t) => ({ label: `$(cloud) ${pickName(t.name)}`, description: pickName(t.image), detail: templateEnvCount(t), value: async () => ({ kind: 'account' as const, template: t }), templateId: t.id })),
    { label: 'Template files in this workspace', kind: vscode.QuickPickItemKind.Separator },
    ...files.map((uri) => ({ label: `$(file) ${pickPath(vscode.workspace.asRelativePath(uri))}`, value: () => load(uri), uri })),
  ];
}

function frame(step: number, back: boolean): StepFrame {
  return { title: TITLE, step, totalSteps: TOTAL, back };
}

/**
 * A workspace file's text by the extension's one bounded reader (an open editor's unsaved text wins).
 * @throws FileNotRead saying which file and why it was not read (never its content): the flow says it (showWizardFailure)
 */
export async function readText(uri: vscode.Uri): Promise<string> {
  const read = await readWorkspaceText(uri);
  if (!read.ok) throw new FileNotRead(fileLabel(uri), read.problem);
  return read.text;
}

/**
 * The template file a palette start highlights: the active editor's template file, else the
 * first template file of the active editor's env file's template (train.runpod.json for train.dev.runpod.env).
 */
function suggestedTemplateFile(preset: WizardState['preset'], environments: WorkspaceEnvironments, files: readonly vscode.Uri[]): vscode.Uri | undefined {
  if (preset.activeTemplateFile) return preset.activeTemplateFile;
  const template = preset.activeEnvFile && templateOfUri(environments, preset.activeEnvFile);
  return template === undefined ? undefined : files.find((uri) => templateOfUri(environments, uri) === template);
}

/** The template files that can launch a Pod: all but the serverless templates (serverlessFile.ts). */
async function podTemplateFiles(files: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
  const serverless = await Promise.all(files.map((uri) => isServerlessTemplateFile(uri)));
  return files.filter((_, i) => !serverless[i]);
}

/**
 * Loads a template file as a launch source, or the refusal that says why it cannot launch (opened
 * at the field to fix, fileRefusal.ts). A file naming a template by `templateId` has that template
 * read now (own or public), so the env step, the summary and the checks see the env RunPod will
 * apply; when the read fails nothing launches. Undefined when the user cancelled that read (baseTemplateRead.ts).
 */
export async function loadTemplateFile(api: Pick<RunpodApi, 'getTemplate'>, uri: vscode.Uri): Promise<LaunchSourceChoice | FileRefusal | undefined> {
  const label = fileLabel(uri);
  const read = await readWorkspaceText(uri);
  if (!read.ok) return unreadRefusal(label, 'launch', read.problem);
  const text = read.text;
  const file = { label, sourceId: uri.toString() };
  const parsed = parseTemplateFile(text);
  if (!parsed.ok) return parseRefusal(file, 'launch', parsed.errors);
  const launch = toLaunchTemplate(parsed.body);
  if (!launch.ok) return contentRefusal(file, 'launch', launch.message, fieldOffset(text, launch.field));
  const choice: LaunchSourceChoice = { kind: 'file', uri, text, template: launch.template, name: parsed.body.name ?? '', dropped: launch.dropped };
  if (launch.template.templateId !== undefined) {
    const base = await readFileBaseTemplate(api, { ...file, text }, 'launch', launch.template.templateId);
    if (base === undefined || isRefusal(base)) return base;
    choice.base = base;
  }
  return choice;
}

/**
 * An env file as a launch, push, deploy or update sends it (the last definition of a key winning,
 * as in a shell). A file the editor marks with a syntax or invalid-key error is refused, as the
 * command line refuses it (launch/varsFile.ts): nothing is sent that the user did not write.
 * @throws FileNotRead for a file not read, EnvFileRefused saying which file and which lines (never
 *   their text): the flow says either as a file refusal, opened at the first line (showWizardFailure)
 */
export async function loadEnvFile(uri: vscode.Uri): Promise<EnvFileChoice> {
  const text = await readText(uri);
  const read = varsFromText(text);
  if (!read.ok) throw new EnvFileRefused(fileLabel(uri), uri.toString(), read.message, read.offset);
  return { uri, text, env: read.env };
}

/** Every file of an env file choice, lowest precedence first (the shared files, then its own). */
export function choiceFiles(choice: EnvFileChoice): EnvFileChoice[] {
  return [...(choice.shared ?? []), choice];
}

/** The env an env file choice brings: each of its files merged over the one before (per key, the later winning). */
export function choiceEnv(choice: EnvFileChoice): Env {
  return choiceFiles(choice).reduce<Env>((env, file) => mergeEnv(env, file.env), {});
}

/**
 * The env files of a choice: `own` (an environment's env file, or one the user picked), under it
 * the files its environment shares with the template's other environments (`train.runpod.env`
 * under `train.dev.runpod.env`), as the environment rules and Compare Environments count them.
 * @returns null when there is no file at all
 */
export async function loadEnvChoice(own: vscode.Uri | undefined, environment: EnvironmentOption | null | undefined, uris: ReadonlyMap<string, vscode.Uri>): Promise<EnvFileChoice | null> {
  const shared = (environment?.sharedEnvFiles ?? []).map((path) => uris.get(path)).filter((uri): uri is vscode.Uri => uri !== undefined && uri.toString() !== own?.toString());
  const files = await Promise.all([...shared, ...(own ? [own] : [])].map(loadEnvFile));
  const last = files.pop();
  if (!last) return null;
  return files.length > 0 ? { ...last, shared: files } : last;
}

/** The same files read again (after a Replace edited one of them). */
export async function reloadEnvChoice(choice: EnvFileChoice): Promise<EnvFileChoice> {
  const [own, ...shared] = await Promise.all([choice.uri, ...(choice.shared ?? []).map((f) => f.uri)].map(loadEnvFile));
  return shared.length > 0 ? { ...own!, shared } : own!;
}

/**
 * After a reference was renamed in its file, the flow's copy of that file (its source file or an
 * env file) is read again, so the list, a retry and the create show and send the new name.
 * Never keeps the old copy silently: Continue would send the name just replaced.
 * @param loadSource the flow's reader of its source file (Launch Pod's, Deploy Endpoint's)
 * @throws FileRefused when the source file is refused on the re-read, CallCancelled when the user
 *   cancelled it; and what reloadEnvChoice throws: the flow ends, showing the refusal (showWizardFailure)
 */
export async function reloadEdited<S extends { kind: string; uri?: vscode.Uri }>(
  state: { envFile?: EnvFileChoice | null; source?: S | undefined },
  replacement: Replacement,
  loadSource: (uri: vscode.Uri) => Promise<S | FileRefusal | undefined>,
): Promise<void> {
  const edited = new Set(replacement.edits.map((e) => e.sourceId));
  if (state.envFile && choiceFiles(state.envFile).some((f) => edited.has(f.uri.toString()))) state.envFile = await reloadEnvChoice(state.envFile);
  const source = state.source;
  if (source?.kind === 'file' && source.uri && edited.has(source.uri.toString())) {
    const loaded = await loadSource(source.uri);
    if (loaded === undefined) throw new CallCancelled();
    if (isRefusal(loaded)) throw new FileRefused(loaded);
    state.source = loaded;
  }
}

/**
 * A wizard's Replace row (secretFixRows.ts): renames the reference in its file(s), then reads the
 * files again whether or not the edit went in (one refused was typed in since the step read it: the
 * list is then planned from what it says now).
 * @param sources the flow's files, for the message naming one
 */
export async function runReplaceRow<S extends { kind: string; uri?: vscode.Uri }>(
  row: ReplaceRow,
  state: { envFile?: EnvFileChoice | null; source?: S | undefined },
  sources: readonly EnvSource[],
  loadSource: (uri: vscode.Uri) => Promise<S | FileRefusal | undefined>,
): Promise<void> {
  await replaceInFiles(row.replace, (id) => sources.find((s) => s.id === id)?.label ?? id);
  await reloadEdited(state, row.replace, loadSource);
}

/** The env under the env file: an account template's, or a template file's merged over the template it names (per key, the file winning, as RunPod merges). */
function templateEnv(state: WizardState): Env {
  const source = state.source;
  if (!source) return {};
  return source.kind === 'account' ? (source.template.env ?? {}) : mergeEnv(source.base?.env, source.template.env);
}

/** The env RunPod merges under the body's: the named template's (`finalEnv`), for the checks. */
export function baseTemplateEnv(state: WizardState): Env | undefined {
  const source = state.source;
  if (!source) return undefined;
  return source.kind === 'account' ? (source.template.env ?? {}) : source.base?.env;
}

/** The exact POST /v2/pods body for the choices so far: what the summary shows is what Launch sends. */
export function wizardBody(state: WizardState): PodCreateInput {
  const source = state.source!;
  const compute = state.compute ?? cpuChoice();
  return podBodyFor(source.kind === 'account' ? { kind: 'template-id', templateId: source.template.id } : { kind: 'template-file', template: source.template }, {
    name: state.podName ?? '',
    compute: compute.kind === 'gpu' ? { kind: 'gpu', id: compute.id, count: state.count } : { kind: 'cpu' },
    cloud: state.cloud ?? DEFAULT_CLOUD,
    ...(state.envFile ? { envOverrides: choiceEnv(state.envFile) } : {}),
  });
}

/** The merged env items (template, then the env file winning per key). */
function wizardEnvItems(state: WizardState): EnvItem[] {
  return envItems(templateEnv(state), state.envFile ? choiceEnv(state.envFile) : undefined, state.knownSecrets?.());
}

/** Files the env came from, lowest precedence first, for locating findings. */
export function envSources(state: WizardState): EnvSource[] {
  const out: EnvSource[] = [];
  if (state.source?.kind === 'file') out.push({ id: state.source.uri.toString(), label: vscode.workspace.asRelativePath(state.source.uri), text: state.source.text, kind: 'runpod-json' });
  for (const file of state.envFile ? choiceFiles(state.envFile) : []) out.push({ id: file.uri.toString(), label: vscode.workspace.asRelativePath(file.uri), text: file.text, kind: 'runpod-env' });
  return out;
}

function sourceLabel(state: WizardState): string {
  const s = state.source;
  if (!s) return '';
  return s.kind === 'account' ? `template ${s.template.name}` : `file ${vscode.workspace.asRelativePath(s.uri)}`;
}

/** The template file launched, if the source is one. */
function sourceFile(state: Pick<WizardState, 'source'> | Pick<DeployLikeState, 'source'>): vscode.Uri | undefined {
  return state.source?.kind === 'file' ? state.source.uri : undefined;
}

/** What Launch Pod's and Deploy Endpoint's wizards hold of the environment: the source, the env file and environment chosen, the walk. */
interface DeployLikeState {
  source?: { kind: 'file'; uri: vscode.Uri } | { kind: 'account' };
  envFile?: EnvFileChoice | null;
  environment?: EnvironmentOption | null;
  environments?: WorkspaceEnvironments;
}

/** The environment a launch's or deploy's checks judge it as, from the wizard's choices (workspaceFiles.ts targetOfChoice). */
export function wizardTarget(state: DeployLikeState): TargetEnvironment | undefined {
  return targetOfChoice(state.environments, sourceFile(state), state.envFile?.uri, state.environment);
}

/** The summary; `refusal` is why the flow's account may not launch the chosen environment (environmentChoice.ts), if it may not. */
function wizardSummary(state: WizardState, refusal: AccountRefusal | undefined): Summary {
  const s = state.source!;
  const base = s.kind === 'account' ? s.template : s.base;
  const accountProblem = refusal?.message;
  return summarize({
    source: sourceLabel(state),
    ...(state.envFile ? { envFile: vscode.workspace.asRelativePath(state.envFile.uri) } : {}),
    ...(state.envFile?.shared ? { sharedEnvFiles: state.envFile.shared.map((f) => vscode.workspace.asRelativePath(f.uri)) } : {}),
    ...(state.environment ? { environment: state.environment } : {}),
    ...(accountProblem ? { accountProblem } : {}),
    body: wizardBody(state),
    ...(base ? { base } : {}),
    compute: state.compute ?? cpuChoice(),
    env: wizardEnvItems(state),
    ...(s.kind === 'file' && s.dropped.length > 0 ? { dropped: s.dropped } : {}),
  });
}

/**
 * Runs the wizard from `start` (0 for a new launch, STEP.gpu after a capacity failure).
 * @param onStep told each step as it starts (ui/stepMachine.ts)
 * @returns true when the user chose Launch on the summary
 */
export async function runLaunchWizard(api: RunpodApi, state: WizardState, start = 0, onStep?: (index: number) => void): Promise<boolean> {
  const steps = [
    // 1. Template: the account's templates, then the workspace's template files.
    async (ctx: { canGoBack: boolean; cameBack: boolean }): Promise<StepOutcome> => {
      if (state.preset.templateFile && !ctx.cameBack) {
        const uri = state.preset.templateFile;
        delete state.preset.templateFile;
        const loaded = await loadTemplateFile(api, uri);
        if (!loaded) return 'cancel';
        if (isRefusal(loaded)) {
          void showFileRefusal(loaded, state.log);
          return 'cancel';
        }
        state.source = loaded;
        // 'next', not 'skip': Back from the env step then shows the template picker.
        return 'next';
      }
      // The one walk of the workspace (the env step lists from it too); Cancel on its progress ends the launch quietly.
      // A failed template listing, or Escape on the busy pick, stops the walk (listEnvironmentsBeside).
      const content = async (signal?: AbortSignal, busy?: (placeholder: string) => void): Promise<PickContent<TemplateSourceItem> | undefined> => {
        const [templates, environments] = await listEnvironmentsBeside(
          state.templates ? Promise.resolve(state.templates) : api.listTemplates({ cancel: signal }).then((t) => (state.templates = t.filter((x) => !x.serverless))),
          state.environments,
          signal && busy ? { signal, busy } : undefined,
        );
        if (!environments) return undefined;
        state.environments = environments;
        const found = templateFilesOf(environments);
        // A serverless template makes an endpoint, not a Pod (loadTemplateFile refuses it): not offered, and the placeholder says where it went.
        const files = await podTemplateFiles(found.files);
        const serverless = found.files.length - files.length;
        const items = templateSourceItems(templates, files, (uri) => loadTemplateFile(api, uri));
        const suggested = suggestedTemplateFile(state.preset, environments, files);
        // The template chosen so far (Back, or Edit and Retry's round: Enter keeps it); else the open
        // file; else what a cancelled launch picked. As Deploy Endpoint's source step.
        const keyOf = (item: (typeof items)[number]) =>
          item.uri ? sourceKey({ kind: 'file', uri: item.uri }) : item.templateId !== undefined ? sourceKey({ kind: 'account', template: { id: item.templateId } }) : undefined;
        const wanted = state.source ? sourceKey(state.source) : suggested ? sourceKey({ kind: 'file', uri: suggested }) : state.recalled?.template;
        const active = wanted === undefined ? undefined : items.find((item) => keyOf(item) === wanted);
        // Escaped while the files were looked at: nothing more is said.
        if (signal?.aborted) return undefined;
        if (templates.length === 0 && files.length === 0 && !found.truncated) {
          void vscode.window.showInformationMessage(`No templates in this RunPod account and no template file (${TEMPLATE_FILE_KINDS}) in the workspace. Create a template file first.`);
          return undefined;
        }
        const placeholder = `Template to launch (account template or template file${serverless > 0 ? `; ${count(serverless, 'serverless template file')} left out: RunPod: Deploy Endpoint` : ''})`;
        return { items, ...(active ? { active } : {}), placeholder: pickerPlaceholder(placeholder, found, files.length) };
      };
      // The account's templates are read while the pick shows busy; listed before, the pick opens with them.
      const shown = state.templates ? await content() : { items: { reading: ACCOUNT_TEMPLATES, read: content } };
      if (!shown) return 'cancel';
      return stepOutcome(await showPickStep({ ...frame(1, ctx.canGoBack), ...shown }), async (item) => {
        const loaded = await item.value?.();
        if (!loaded) return 'back';
        if (isRefusal(loaded)) {
          void showFileRefusal(loaded, state.log);
          return { goto: STEP.template };
        }
        if (state.source?.kind !== loaded.kind || sourceLabel({ ...state, source: loaded }) !== sourceLabel(state)) delete state.podName;
        // The name a cancelled launch gave a Pod of this template.
        if (state.recalled?.template === sourceKey(loaded)) state.podName ??= state.recalled.podName;
        state.source = loaded;
        return 'next';
      });
    },
    // 2. Env: the template's environment (when it has several), or any runpod-env file, merged over the template env; then the merged keys.
    async (ctx: { canGoBack: boolean; cameBack: boolean }): Promise<StepOutcome> => {
      // Cancel on the listing's progress ends the launch quietly.
      const listed = state.environments ?? (await listEnvironments());
      if (!listed) return 'cancel';
      // A file outside every folder is judged in its own folder (its shared env file, its sibling environments).
      const environments = await withOwnFolders(listed, [sourceFile(state), state.preset.envFile, state.preset.activeEnvFile]);
      if (!environments) return 'cancel'; // Cancel on the listing of its own folder
      state.environments = environments;
      /** The list this step showed before the variables, which Back on them returns to (none: the previous step). */
      let envList: 'environments' | 'files' | undefined;
      if (state.preset.envFile && !ctx.cameBack) {
        state.environment = environmentOfChoice(environments, sourceFile(state), state.preset.envFile);
        state.envFile = await loadEnvChoice(state.preset.envFile, state.environment, environments.uris);
        delete state.preset.envFile;
      } else {
        const chosen = state.pickEnvFile ? 'file' : await pickEnvironment(state, ctx.canGoBack);
        state.pickEnvFile = false;
        if (chosen === 'back' || chosen === 'cancel') return chosen;
        if (chosen === 'chosen') envList = 'environments';
        if (chosen === 'file' || chosen === 'another') {
          const picked = await pickEnvFile(state, environments, ctx.canGoBack);
          // Back on the env file list opened from the environments returns to them, not to the step before.
          if (picked === 'back' && chosen === 'another') return { goto: STEP.env };
          if (picked !== 'accept') return picked;
          envList = 'files';
        }
      }
      // An environment taken without a pick (a template file of one, a preset env file) is refused here, as a pick is.
      const refused = wizardRefusal(state.environment, state);
      // No other env file helps when the template file's own environment is refused.
      const everyRefused = templateEnvironment(state.environments, sourceFile(state), state).refusal;
      // The variables list, shown again after a Create row ran (the store then knows the secret).
      for (;;) {
        const env = wizardEnvItems(state);
        const go: Item<'go'> = { label: `$(check) Continue with ${count(env.length, 'variable')}`, ...pickerWarning(refused, 'launch'), value: 'go' };
        // The check before the create stops on a secret the account lacks: its fix comes first and is
        // Enter (renaming a misspelt reference, creating a missing secret); Continue only walks on to
        // that stop, or boots a Pod with the literal placeholder. A refusal stands alone.
        const fixes = refused ? [] : await secretFixRows(mergeEnv(templateEnv(state), state.envFile ? choiceEnv(state.envFile) : undefined), state.knownSecrets?.(), envSources(state));
        const items: (Item<'go' | 'change'> | CreateRow | ReplaceRow)[] = [
          ...fixes,
          go,
          { label: '$(arrow-left) Choose another env file', value: 'change' },
          { label: 'Variables', kind: vscode.QuickPickItemKind.Separator },
          ...env.map((e) => ({ label: `${e.problems.length ? '$(warning)' : e.references.length ? '$(key)' : '$(symbol-variable)'} ${e.key}`, description: e.description })),
        ];
        const unknown = new Set(env.flatMap((e) => e.unknown)).size;
        const placeholder = unknown
          ? `${count(unknown, 'referenced secret is', 'referenced secrets are')} not on your account: the launch stops until ${unknown === 1 ? 'it exists' : 'they exist'}${fixes.length ? ` (${fixes.some((f) => 'replace' in f) ? 'fix the reference or create the secret' : `create ${unknown === 1 ? 'it' : 'them'}`} first)` : ''}`
          : 'The Pod gets these variables; secret references are marked with a key icon';
        const answer = await showPickStep({ ...frame(2, true), items, active: fixes[0] ?? go, placeholder, refuse: (item) => ('value' in item && item.value === 'go' ? pickRefusal(refused, 'launch', everyRefused) : undefined) });
        if (answer.kind === 'back' && envList) {
          state.pickEnvFile = envList === 'files';
          return { goto: STEP.env };
        }
        if (answer.kind === 'accept' && 'create' in answer.value) {
          await runCreateRow(answer.value);
          continue;
        }
        if (answer.kind === 'accept' && 'replace' in answer.value) {
          await runReplaceRow(answer.value, state, envSources(state), (uri) => loadTemplateFile(api, uri));
          continue;
        }
        return stepOutcome(answer, (item) => {
          const value = 'value' in item ? item.value : undefined;
          if (value === 'change') state.pickEnvFile = true;
          return value === 'go' ? 'next' : { goto: STEP.env };
        });
      }
    },
    // 3. GPU type from the catalog, or CPU.
    async (ctx: { canGoBack: boolean }): Promise<StepOutcome> => {
      const content = (gpus: readonly GpuType[]) => {
        const choices = [...gpuChoices(gpus, state.cloud), cpuChoice()];
        const items: Item<GpuChoice | CpuChoice>[] = choices.map((c) => ({
          // The catalog's text by the label rule already (gpuChoices.ts); here the quick pick's icon escape.
          label: `${c.kind === 'cpu' ? '$(server)' : c.available ? '$(circuit-board)' : '$(warning)'} ${noIcons(c.label)}`,
          description: noIcons(c.description),
          detail: noIcons(c.detail),
          value: c,
        }));
        const active = items.find((i) => i.value?.id === (state.compute?.id ?? recalledFor(state)?.gpu ?? fileCompute(state)?.id));
        return { items, ...(active ? { active } : {}) };
      };
      // The catalog read once per launch, while the pick shows busy; a cached one opens the pick as is.
      const read: PickRead<Item<GpuChoice | CpuChoice>> = { reading: 'the GPU catalog', read: async (signal: AbortSignal) => content((state.gpus = await api.listGpuTypes({ availability: true, cancel: signal }))) };
      return stepOutcome(await showPickStep({ ...frame(3, ctx.canGoBack), ...(state.gpus ? content(state.gpus) : { items: read }), placeholder: 'GPU type (memory · price per hour per cloud · availability)' }), (item) => {
        const choice = item.value!;
        if (!choice.available) {
          void vscode.window.showWarningMessage(`${plainName(choice.label)} has no capacity right now in either cloud. Pick another GPU type.`);
          return { goto: STEP.gpu };
        }
        // A new type starts at the count a cancelled launch chose of it, or the file asks for of it, or one.
        if (state.compute?.id !== choice.id) {
          const recalled = recalledFor(state);
          state.count = choice.kind === 'gpu' ? startingGpuCount(choice, [recalled && { id: recalled.gpu, count: recalled.count }, fileCompute(state)]) : 1;
        }
        state.compute = choice;
        return 'next';
      });
    },
    // 3b. Count within the type's maximum.
    async (ctx: { canGoBack: boolean }): Promise<StepOutcome> => {
      const compute = state.compute;
      if (!compute || compute.kind === 'cpu' || compute.maxCount <= 1) {
        state.count = 1;
        return 'skip';
      }
      const items: Item<number>[] = countChoices(compute, state.cloud).map((c) => ({ label: noIcons(c.label), description: c.description, value: c.count }));
      const active = items.find((i) => i.value === state.count);
      return stepOutcome(await showPickStep({ ...frame(3, ctx.canGoBack), items, ...(active ? { active } : {}), placeholder: `How many ${compute.label}? (up to ${compute.maxCount})` }), (item) => {
        state.count = item.value!;
        return 'next';
      });
    },
    // 4. Cloud.
    async (ctx: { canGoBack: boolean }): Promise<StepOutcome> => {
      const clouds = cloudChoices(state.compute ?? cpuChoice(), state.count);
      const items: Item<Cloud>[] = clouds.map((c) => ({ label: `${c.available ? '$(cloud)' : '$(warning)'} ${c.label}`, description: noIcons(c.description), value: c.cloud }));
      const preferred = state.cloud ?? recalledFor(state)?.cloud ?? (state.source?.kind === 'file' ? state.source.template.cloud : undefined);
      const active = items.find((i) => i.value === preferred);
      return stepOutcome(await showPickStep({ ...frame(4, ctx.canGoBack), items, ...(active ? { active } : {}), placeholder: CLOUD_CHOICE_TEXT }), (item) => {
        const chosen = clouds.find((c) => c.cloud === item.value)!;
        if (!chosen.available) {
          void vscode.window.showWarningMessage(`${chosen.label}: ${plainName(chosen.description)}. Choose the other cloud or go Back for another GPU.`);
          return { goto: STEP.cloud };
        }
        state.cloud = chosen.cloud;
        return 'next';
      });
    },
    // 5. Pod name.
    async (ctx: { canGoBack: boolean }): Promise<StepOutcome> => {
      const fallback = (state.source?.kind === 'account' ? state.source.template.name : state.source?.kind === 'file' ? state.source.name : '') || 'pod';
      return stepOutcome(
        await showInputStep({ ...frame(5, ctx.canGoBack),
          value: state.podName ?? fallback,
          prompt: 'Name of the new Pod',
          validate: (v) => resourceNameProblem(v, 'A Pod needs a name.'),
          // Back to change the cloud or GPU keeps the name typed (another source drops it, as it drops an accepted one).
          onBack: (typed) => (state.podName = typed),
        }),
        (value) => {
          state.podName = value.trim();
          return 'next';
        },
      );
    },
    // 6. Summary and Launch (refused while another account is active than the environment's).
    async (ctx: { canGoBack: boolean }): Promise<StepOutcome> => {
      const refused = wizardRefusal(state.environment, state);
      const summary = wizardSummary(state, refused);
      const description = summary.pricePerHour === null ? '' : `billed from boot, ${summary.lines.find((l) => l.startsWith('Price:'))?.slice(7)}`;
      const action = refused
        ? { label: summaryRefusalLabel(refused, 'launch'), description: '', refuse: () => showAccountRefusal(refused.message, refused.remedy, state.log) }
        : { label: '$(rocket) Launch', description };
      return showSummaryStep(frame(6, ctx.canGoBack), action, summary, STEP.summary);
    },
  ];
  return runSteps(steps, start, onStep);
}

/** What the template file asks to run on: its `gpu` (id and count, templateFile.ts gpuOf), or `cpu`. */
function fileCompute(state: WizardState): { id: string; count?: number } | undefined {
  if (state.source?.kind !== 'file') return undefined;
  const { gpu, cpu } = state.source.template;
  return gpu ?? (cpu ? { id: 'cpu' } : undefined);
}

/**
 * The environment question of the env step, when the template has several environments: one item
 * each (its env file and declared account), another env file, or none. A template file of one
 * environment (`train.prod.runpod.json`) answers it by its name: its env file is taken without asking.
 * @returns 'chosen' (state set), 'fixed' (state set without asking), 'file' (no environments),
 *   'another' (the user wants another file), or Back / cancel
 */
async function pickEnvironment(state: WizardState, canGoBack: boolean): Promise<'chosen' | 'fixed' | 'file' | 'another' | 'back' | 'cancel'> {
  const source = state.source;
  if (!source || !state.environments) return 'file';
  const { options, fixed } =
    source.kind === 'file' ? environmentsForFile(state.environments, source.uri) : environmentsForSource(state.environments.groups, { kind: 'account', templateName: source.template.name });
  const choose = async (option: EnvironmentOption | null): Promise<'chosen'> => {
    const uris = state.environments!.uris;
    state.environment = option;
    state.envFile = option ? await loadEnvChoice(option.envFile ? uris.get(option.envFile) : undefined, option, uris) : null;
    return 'chosen';
  };
  if (fixed) {
    await choose(fixed);
    return 'fixed'; // chosen without asking
  }
  if (options.length < 2) return 'file';
  const items: Item<EnvironmentOption | 'file' | null>[] = [
    ...options.map((o) => ({
      label: `$(server-environment) ${o.name}`,
      description: [environmentFilesText(o, 'no env file (the template env only)'), ...(o.account || o.invalidAccount ? [accountText(o)] : [])].join(' · '),
      ...pickerWarning(wizardRefusal(o, state), 'launch'),
      value: o,
    })),
    { label: '$(file) Another env file…', value: 'file' },
    { label: '$(circle-slash) No env file', description: 'the template env only', value: null },
  ];
  // What was chosen before; on the first visit the environment of the active editor's env file (a
  // palette start from train.prod.runpod.env highlights prod, so Enter keeps the file the user was in).
  const activeUri = state.preset.activeEnvFile?.toString();
  const highlighted = (o: EnvironmentOption): boolean =>
    state.environment === undefined
      ? activeUri !== undefined && o.envFile !== undefined && state.environments!.uris.get(o.envFile)?.toString() === activeUri
      : o.name === state.environment?.name;
  const active = items.find((i) => typeof i.value === 'object' && i.value !== null && highlighted(i.value));
  // A refused environment is not taken: the step stays, saying why (the same rule as its mark).
  const refuse = (item: Item<EnvironmentOption | 'file' | null>) => (typeof item.value === 'object' ? pickRefusal(wizardRefusal(item.value, state), 'launch') : undefined);
  const picked = await showPickStep({ ...frame(2, canGoBack), items, ...(active ? { active } : {}), placeholder: 'Environment to launch (its env file is merged over the template env)', refuse });
  if (picked.kind !== 'accept') return picked.kind;
  const value = picked.value.value;
  return value === 'file' ? 'another' : choose(value ?? null);
}

/** The env file list (every runpod-env file of the workspace, from the step's walk); the environment follows the file picked. */
async function pickEnvFile(state: WizardState, environments: WorkspaceEnvironments, canGoBack: boolean): Promise<'accept' | 'back' | 'cancel'> {
  const found = envFilesOf(environments);
  // The active editor's file (palette start) is listed even where the search does not reach (unsaved, outside the folder).
  const suggested = state.preset.activeEnvFile;
  const files = suggested && !found.files.some((u) => u.toString() === suggested.toString()) ? [suggested, ...found.files] : found.files;
  const { items, none, refuse, environmentOf } = envFileItems({
    environments,
    files,
    sourceFile: sourceFile(state),
    accounts: state,
    verb: 'launch',
    noneDescription: 'the template env only',
    describe: (uri, environment) => `${uri.toString() === suggested?.toString() ? 'the active editor · ' : ''}${environment ? `environment ${environment.name} · ` : ''}its variables override the template (per key)`,
  });
  // What was chosen before; on the first visit the active editor's file if in the template's folder; else none.
  const preselected = state.envFile === undefined ? (suggested && inSourceFolder(suggested, sourceFile(state)) ? suggested : undefined) : state.envFile?.uri;
  const active = items.find((i) => i.value && preselected && i.value.toString() === preselected.toString()) ?? none;
  const picked = await showPickStep({ ...frame(2, canGoBack), items, active, placeholder: pickerPlaceholder('Merge an env file over the template env?', found, found.files.length), refuse });
  if (picked.kind !== 'accept') return picked.kind;
  const uri = picked.value.value;
  state.environment = environmentOf(uri ?? undefined);
  state.envFile = uri ? await loadEnvChoice(uri, state.environment, environments.uris) : null;
  return 'accept';
}
