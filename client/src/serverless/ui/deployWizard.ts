/**
 * The steps of Deploy Endpoint: source (a serverless template on the account, a serverless
 * `*.runpod.json`, or a `.runpod/hub.json`), env file (before any box to type in, so an environment
 * its account refuses stops the deploy first, as in Launch Pod), image (only when the source has
 * none), GPU pools, workers min..max, idle timeout, scaling and its value, name, summary. Enums are pickers;
 * numbers are boxes that say what is wrong as you type. The state survives the wizard, so a retry
 * after a failure re-opens it at the summary with everything kept. What a cancelled deploy chose is
 * each step's default the next time the same source is picked (ui/wizardMemory.ts).
 */
import { count } from '../../../../server/src/template/counts';
import * as vscode from 'vscode';
import type { EnvSource } from '../../launch/checks';
import type { RunpodLog } from '../../services';
import { envItems, type EnvItem } from '../../launch/envItems';
import { mergeEnv, type Env } from '../../launch/plan';
import { fieldOffset, parseTemplateFile } from '../../launch/templateFile';
import { choiceEnv, choiceFiles, loadEnvChoice, runReplaceRow, sourceKey, templateEnvCount, type EnvFileChoice } from '../../launch/ui/launchWizard';
import { secretFixRows, type ReplaceRow } from '../../launch/ui/secretFixRows';
import { summaryRefusalLabel, wizardRefusal, type EnvironmentOption, type WizardAccounts } from '../../launch/environmentChoice';
import { envFileItems } from '../../launch/ui/envFileItems';
import { showAccountRefusal } from '../../launch/ui/accountRefusal';
import { contentRefusal, isRefusal, kindRefusal, parseRefusal, unreadRefusal, type FileRefusal } from '../../launch/fileRefusal';
import { showFileRefusal } from '../../launch/ui/fileRefusal';
import { envFilesOf, listEnvironments, listEnvironmentsBeside, TEMPLATE_FILE_KINDS, walkedFilesOfKinds, withOwnFolders, type WorkspaceEnvironments } from '../../environments/workspaceFiles';
import { fileLabel, readWorkspaceText } from '../../workspaceText';
import { pickName, pickPath } from '../../ui/plainName';
import { pickerPlaceholder, runpodFileKind } from '../../runpodFiles';
import type { WalkedFile } from '../../environments/workspaceWalk';
import type { EndpointCreateInput, GpuType, RunpodApi, Template } from '../../runpod/types';
import type { DocumentKind } from '../../../../server/src/template/types';
import { ACCOUNT_TEMPLATES, showInputStep, showMultiPickStep, showPickStep, type PickContent, type PickRead, type StepFrame } from '../../ui/multiStepInput';
import { withReadProgress } from '../../commands/progress';
import { runSteps, stepOutcome, type StepOutcome } from '../../ui/stepMachine';
import { showSummaryStep, type FixRows } from '../../ui/summaryStep';
import { summarizeDeploy, poolText, type DeploySummary } from '../deploySummary';
import { boxRule, endpointBodyFor, ENDPOINT_DEFAULTS, IDLE_TIMEOUT_BOX, imageProblem, parseBounded, WORKER_LIMITS, WORKER_RANGE_BOX, workerRangeText, type Scaling } from '../endpointBody';
import { endpointFromHubJson, endpointFromTemplateFile, type EndpointSource } from '../endpointSource';
import { isServerlessTemplateFile } from '../serverlessFile';
import { readFileBaseTemplate } from '../../launch/ui/baseTemplateRead';
import { resourceNameProblem } from '../../ui/resourceName';
import { answersOver } from '../../ui/wizardMemory';

/** Where the endpoint comes from. */
export type DeploySourceChoice =
  | { kind: 'account'; template: Template }
  | {
      kind: 'file';
      uri: vscode.Uri;
      text: string;
      /** `hub-json` for a Hub listing, `runpod-json` for a template file. */
      docKind: 'hub-json' | 'runpod-json';
      fields: EndpointSource;
      /** The serverless template the file names by `templateId`, read when the file was loaded. */
      base?: Template;
    };

/** The accounts (WizardAccounts): the environment's declared account is checked against the flow's. */
export interface DeployState extends WizardAccounts {
  source?: DeploySourceChoice;
  image?: string;
  /** null = chosen "no env file". */
  envFile?: EnvFileChoice | null;
  pools?: string[];
  workers?: { min: number; max: number };
  idleTimeout?: number;
  scaling?: Scaling;
  name?: string;
  /**
   * The number boxes' text when Back left them unaccepted (their fields above hold parsed numbers,
   * so a half-typed or invalid text has nowhere else to live): shown again on the way back, dropped
   * once the box is accepted. The scaling value's is dropped when another scaling type is picked.
   */
  typed?: { workers?: string; idleTimeout?: string; scalingValue?: string };
  /**
   * A file the command was started on (CodeLens, context menu): step 1 preselected. `activeFile`:
   * started with no file (palette) while an editor is active: highlighted at step 1 when it is one
   * of the listed deploy files (the list still shows), as Launch Pod highlights its template file.
   */
  preset: { file?: vscode.Uri; activeFile?: vscode.Uri };
  knownSecrets?: () => ReadonlySet<string> | undefined;
  gpus?: GpuType[];
  templates?: Template[];
  /** The workspace's templates x environments, found once per deploy (an environment's env file brings its shared ones). */
  environments?: WorkspaceEnvironments;
  /** The environment of the chosen env file, if it has one: its declared account must be the active one. */
  environment?: EnvironmentOption | null;
  /** Where a refusal's button that fails is logged (the output channel). */
  log: Pick<RunpodLog, 'error'>;
  /** What a cancelled deploy in this window chose (ui/wizardMemory.ts): the steps' defaults for that same source. */
  recalled?: Partial<DeployAnswers>;
}

/** The choices a cancelled deploy keeps for the next: ids, names and numbers, never a file's text (a file is read again when picked). */
export interface DeployAnswers {
  [field: string]: string | number | readonly string[] | undefined;
  /** `account:<template id>` or `file:<uri>` (launchWizard.ts sourceKey). */
  source?: string;
  image?: string;
  /** The env file's URI, or `none` for "No env file". */
  envFile?: string;
  pools?: readonly string[];
  workersMin?: number;
  workersMax?: number;
  idleTimeout?: number;
  scaling?: Scaling['type'];
  /** The queue delay or the request count, by `scaling`. */
  scalingValue?: number;
  name?: string;
}

const NO_ENV_FILE = 'none';

/** The answers of the wizard so far ({@link DeployAnswers}), over those kept for the same source that this run did not answer again. */
export function deployAnswers(state: DeployState): DeployAnswers {
  // Escape before a source was chosen answered nothing: what an earlier cancelled deploy kept stands.
  if (!state.source) return { ...state.recalled };
  const source = sourceKey(state.source);
  const { envFile, scaling } = state;
  return answersOver(state.recalled?.source === source ? state.recalled : undefined, {
    source,
    image: sourceHasImage(state) ? undefined : state.image,
    envFile: envFile === undefined ? undefined : envFile === null ? NO_ENV_FILE : envFile.uri.toString(),
    pools: state.pools,
    workersMin: state.workers?.min,
    workersMax: state.workers?.max,
    idleTimeout: state.idleTimeout,
    scaling: scaling?.type,
    scalingValue: scaling && (scaling.type === 'QUEUE_DELAY' ? scaling.queueDelay : scaling.requestCount),
    name: state.name,
  });
}

/** The kept choices a step offers, as the state holds them. */
interface RecalledChoices {
  image?: string | undefined;
  envFile?: string | undefined;
  pools?: string[] | undefined;
  workers?: { min: number; max: number } | undefined;
  idleTimeout?: number | undefined;
  scaling?: Scaling | undefined;
  name?: string | undefined;
}

/**
 * What a cancelled deploy chose, when it chose it for the source now picked: another source's
 * image, pools, workers and name are not this one's (its file may name others, and a default
 * accepted with Enter deploys billed workers it did not ask for).
 */
function recalledFor(state: DeployState): RecalledChoices {
  const r = state.recalled;
  if (!r || !state.source || r.source !== sourceKey(state.source)) return {};
  const value = r.scalingValue;
  return {
    image: r.image,
    envFile: r.envFile,
    pools: r.pools && [...r.pools],
    workers: r.workersMin !== undefined && r.workersMax !== undefined ? { min: r.workersMin, max: r.workersMax } : undefined,
    idleTimeout: r.idleTimeout,
    scaling: value === undefined ? undefined : r.scaling === 'QUEUE_DELAY' ? { type: 'QUEUE_DELAY', queueDelay: value } : r.scaling === 'REQUEST_COUNT' ? { type: 'REQUEST_COUNT', requestCount: value } : undefined,
    name: r.name,
  };
}

export const DEPLOY_STEP = { source: 0, env: 1, image: 2, pools: 3, workers: 4, idle: 5, scaling: 6, scalingValue: 7, name: 8, summary: 9 } as const;

/** The keys of a multi-select quick pick, as they work from where the focus opens. */
const POOL_KEYS = '↓ to a pool, Space to check it, Enter to go on';
const TOTAL = 9;
const TITLE = 'RunPod: Deploy Endpoint';

type Item<T> = vscode.QuickPickItem & { value?: T };

function frame(step: number, back: boolean): StepFrame {
  return { title: TITLE, step, totalSteps: TOTAL, back };
}

/** The kind of a workspace file for Deploy: a Hub listing, a template file, or neither (by `runpod.files`). */
export function deployFileKind(uri: vscode.Uri): 'hub-json' | 'runpod-json' | undefined {
  const kind = runpodFileKind(uri, 'json');
  return kind === 'hub-json' || kind === 'runpod-json' ? kind : undefined;
}

/**
 * Loads a file as a deploy source, or the refusal that says why it cannot deploy (opened where the
 * fix is, fileRefusal.ts). A template file naming a template by id has it read now, so the summary
 * and the checks see the env RunPod will apply. Undefined when the user cancelled that read (baseTemplateRead.ts).
 */
export async function loadDeployFile(api: Pick<RunpodApi, 'getTemplate'>, uri: vscode.Uri, catalog: readonly GpuType[]): Promise<DeploySourceChoice | FileRefusal | undefined> {
  const label = fileLabel(uri);
  const docKind = deployFileKind(uri);
  if (!docKind) return kindRefusal(label, 'deploy', `neither a .runpod/hub.json nor a template file (${TEMPLATE_FILE_KINDS})`);
  const read = await readWorkspaceText(uri);
  if (!read.ok) return unreadRefusal(label, 'deploy', read.problem);
  const text = read.text;
  const file = { label, sourceId: uri.toString(), text };
  const parsed = parseTemplateFile(text);
  if (!parsed.ok) return parseRefusal(file, 'deploy', parsed.errors);
  const result = docKind === 'hub-json' ? endpointFromHubJson(parsed.body, text, catalog) : endpointFromTemplateFile(parsed.body, catalog);
  if (!result.ok) return contentRefusal(file, 'deploy', result.message, fieldOffset(text, result.field));
  const choice: DeploySourceChoice = { kind: 'file', uri, text, docKind, fields: result.source };
  if (result.source.templateId !== undefined) {
    const base = await readFileBaseTemplate(api, file, 'deploy', result.source.templateId);
    if (base === undefined || isRefusal(base)) return base;
    choice.base = base;
  }
  return choice;
}

const DEPLOY_KINDS: ReadonlySet<DocumentKind> = new Set(['hub-json', 'runpod-json']);

/** Serverless template files and Hub listings of the workspace's walk, declared ones included (other template files are Pod templates). */
async function deployFilesOf(environments: WorkspaceEnvironments): Promise<{ files: WalkedFile[]; truncated: boolean }> {
  const found = walkedFilesOfKinds(environments, DEPLOY_KINDS);
  const out: WalkedFile[] = [];
  // Each file's kind as the walk judged it, here and in the picker's description: judging it again reads the folder's settings.
  for (const file of found.files) {
    if (file.kind === 'hub-json' || (await isServerlessTemplateFile(file.uri))) out.push(file);
  }
  return { files: out, truncated: found.truncated };
}

/** Whether the chosen source brings an image (its own, or its template's): else the image step asks. */
function sourceHasImage(state: DeployState): boolean {
  const s = state.source;
  return !s || s.kind === 'account' || s.fields.image !== undefined || s.fields.templateId !== undefined;
}

/** The exact POST /v2/serverless body for the choices so far: what the summary shows is what Deploy sends. */
export function deployBody(state: DeployState): EndpointCreateInput {
  const s = state.source!;
  return endpointBodyFor(s.kind === 'account' ? { kind: 'template', templateId: s.template.id } : { kind: 'fields', fields: s.fields }, {
    name: state.name ?? '',
    ...(state.image !== undefined && !sourceHasImage(state) ? { image: state.image } : {}),
    ...(state.envFile ? { envOverrides: choiceEnv(state.envFile) } : {}),
    pools: state.pools ?? [],
    // What is not chosen yet is Deploy's default, filled by endpointBodyFor as for the command line.
    workers: { ...state.workers, idleTimeout: state.idleTimeout },
    scaling: state.scaling,
  });
}

/** The env of the template RunPod merges under the body's (for the checks), when the body names one. */
export function deployTemplateEnv(state: DeployState): Env | undefined {
  const s = state.source;
  if (!s) return undefined;
  return s.kind === 'account' ? (s.template.env ?? {}) : s.base?.env;
}

/** Files the env came from, lowest precedence first, to point findings at (and to fix a typo in). */
export function deploySources(state: DeployState): EnvSource[] {
  const out: EnvSource[] = [];
  const s = state.source;
  if (s?.kind === 'file') out.push({ id: s.uri.toString(), label: vscode.workspace.asRelativePath(s.uri), text: s.text, kind: s.docKind });
  for (const file of state.envFile ? choiceFiles(state.envFile) : []) out.push({ id: file.uri.toString(), label: vscode.workspace.asRelativePath(file.uri), text: file.text, kind: 'runpod-env' });
  return out;
}

export function sourceLabel(state: DeployState): string {
  const s = state.source;
  if (!s) return '';
  return s.kind === 'account' ? `template ${s.template.name}` : `file ${vscode.workspace.asRelativePath(s.uri)}`;
}

/** The env under the env file: an account template's, or a file's merged over the template it names. */
function sourceEnv(state: DeployState): Env {
  const s = state.source;
  return s?.kind === 'account' ? (s.template.env ?? {}) : mergeEnv(s?.base?.env, s?.fields.env);
}

function deployEnvItems(state: DeployState): EnvItem[] {
  return envItems(sourceEnv(state), state.envFile ? choiceEnv(state.envFile) : undefined, state.knownSecrets?.());
}

/** The summary's Replace rows (Launch Pod's variables list has the same, from the same code: secretFixRows.ts); Create rows are the summary's own. */
async function replaceRows(api: Pick<RunpodApi, 'getTemplate'>, state: DeployState): Promise<FixRows<ReplaceRow>> {
  const sources = deploySources(state);
  const rows = await secretFixRows(mergeEnv(sourceEnv(state), state.envFile ? choiceEnv(state.envFile) : undefined), state.knownSecrets?.(), sources);
  return {
    rows: rows.filter((row): row is ReplaceRow => 'replace' in row),
    run: (row) => runReplaceRow(row, state, sources, (uri) => loadDeployFile(api, uri, state.gpus ?? [])),
  };
}

function summary(state: DeployState): DeploySummary {
  const s = state.source!;
  const base = s.kind === 'account' ? s.template : s.base;
  return summarizeDeploy({
    body: deployBody(state),
    source: sourceLabel(state),
    ...(state.envFile ? { envFile: vscode.workspace.asRelativePath(state.envFile.uri) } : {}),
    ...(state.envFile?.shared ? { sharedEnvFiles: state.envFile.shared.map((f) => vscode.workspace.asRelativePath(f.uri)) } : {}),
    ...(state.environment ? { environment: state.environment } : {}),
    ...(base ? { base: { name: base.name, image: base.image } } : {}),
    env: deployEnvItems(state),
    ...(state.gpus ? { catalog: state.gpus } : {}),
    ...(s.kind === 'file' ? { dropped: s.fields.dropped } : {}),
  });
}

/** An item of the source step: a serverless template or a file (its key for the answers kept), loaded when picked (undefined: the catalog's read cancelled). */
type SourceItem = Item<() => Promise<DeploySourceChoice | FileRefusal | undefined>> & { key?: string };

/**
 * A deploy file loaded with the GPU catalog its GPU ids map to pools by, the catalog read first
 * (once per deploy) under a notification whose Cancel calls it off: no pick is on screen then.
 * @returns undefined when the user cancelled the catalog's read
 */
async function loadWithCatalog(api: Pick<RunpodApi, 'getTemplate' | 'listGpuTypes'>, state: DeployState, uri: vscode.Uri): Promise<DeploySourceChoice | FileRefusal | undefined> {
  state.gpus ??= await withReadProgress('the GPU catalog', (cancel) => api.listGpuTypes({ cancel }));
  return state.gpus && loadDeployFile(api, uri, state.gpus);
}

/**
 * Runs the wizard from `start`.
 * @param onStep told each step as it starts (ui/stepMachine.ts)
 * @returns true when the user chose Deploy on the summary
 */
export async function runDeployWizard(api: RunpodApi, state: DeployState, start = 0, onStep?: (index: number) => void): Promise<boolean> {
  const steps = [
    // 1. Source.
    async (ctx: { canGoBack: boolean; cameBack: boolean }): Promise<StepOutcome> => {
      if (state.preset.file && !ctx.cameBack) {
        const loaded = await loadWithCatalog(api, state, state.preset.file);
        delete state.preset.file;
        if (!loaded) return 'cancel';
        if (isRefusal(loaded)) {
          void showFileRefusal(loaded, state.log);
          return 'cancel';
        }
        choose(state, loaded);
        return 'next';
      }
      // The one walk of the workspace (the env file step lists from it too); Cancel on its progress ends the deploy quietly.
      // A failed template listing, or Escape on the busy pick, stops the walk (listEnvironmentsBeside).
      const content = async (signal?: AbortSignal, busy?: (placeholder: string) => void): Promise<PickContent<SourceItem> | undefined> => {
        const [templates, environments] = await listEnvironmentsBeside(
          state.templates ? Promise.resolve(state.templates) : api.listTemplates({ cancel: signal }).then((t) => (state.templates = t.filter((x) => x.serverless))),
          state.environments,
          signal && busy ? { signal, busy } : undefined,
        );
        if (!environments) return undefined;
        state.environments = environments;
        const found = await deployFilesOf(environments);
        const files = found.files;
        // Escaped while the files were looked at: nothing more is said.
        if (signal?.aborted) return undefined;
        if (templates.length === 0 && files.length === 0 && !found.truncated) {
          void vscode.window.showInformationMessage('No serverless template on this RunPod account, and no .runpod/hub.json or serverless template file ("serverless": true) in the workspace.');
          return undefined;
        }
        const items: SourceItem[] = [
          { label: 'Serverless templates on the account', kind: vscode.QuickPickItemKind.Separator },
          ...templates.map((t) => ({
            label: `$(cloud) ${pickName(t.name)}`,
            description: pickName(t.image),
            detail: templateEnvCount(t),
            key: sourceKey({ kind: 'account', template: t }),
            value: async () => ({ kind: 'account' as const, template: t }),
          })),
          { label: 'Files in this workspace', kind: vscode.QuickPickItemKind.Separator },
          ...files.map(({ uri, kind }) => ({
            label: `$(file) ${pickPath(vscode.workspace.asRelativePath(uri))}`,
            description: kind === 'hub-json' ? 'Hub listing: its config.env defaults' : 'serverless template file',
            key: sourceKey({ kind: 'file', uri }),
            value: () => loadWithCatalog(api, state, uri),
          })),
        ];
        // The source chosen so far, else the active editor's deploy file, else the one a cancelled deploy chose.
        const activeFile = state.preset.activeFile && files.find(({ uri }) => uri.toString() === state.preset.activeFile!.toString());
        const wanted = state.source ? sourceKey(state.source) : activeFile ? sourceKey({ kind: 'file', uri: activeFile.uri }) : state.recalled?.source;
        const active = wanted === undefined ? undefined : items.find((item) => item.key === wanted);
        return { items, ...(active ? { active } : {}), placeholder: pickerPlaceholder('Deploy from (a serverless template, a template file or a Hub listing)', found, files.length) };
      };
      // The account's templates are read while the pick shows busy; listed before, the pick opens with them.
      const shown = state.templates ? await content() : { items: { reading: ACCOUNT_TEMPLATES, read: content } };
      if (!shown) return 'cancel';
      return stepOutcome(await showPickStep({ ...frame(1, ctx.canGoBack), ...shown }), async (item) => {
        const loaded = await item.value?.();
        // No loader, or the GPU catalog read under it cancelled: the source step again.
        if (!loaded) return { goto: DEPLOY_STEP.source };
        if (isRefusal(loaded)) {
          void showFileRefusal(loaded, state.log);
          return { goto: DEPLOY_STEP.source };
        }
        choose(state, loaded);
        return 'next';
      });
    },
    // 2. Env file, merged over the source's env (per key, the file winning). An environment's env
    // file brings the files its template's environments share under it, as in Launch Pod. Right
    // after the source, as Launch Pod's env step: an environment refused for its account (another
    // one active, one not added) stops the deploy before the user types anything (the image).
    async (ctx: { canGoBack: boolean }): Promise<StepOutcome> => {
      // Cancel on the listing's progress ends the deploy quietly; the env files are the walk's.
      const listed = state.environments ?? (await listEnvironments());
      if (!listed) return 'cancel';
      // A source outside every folder is judged in its own folder (workspaceFiles.ts withOwnFolders).
      const sourceFile = state.source?.kind === 'file' ? state.source.uri : undefined;
      const environments = await withOwnFolders(listed, [sourceFile]);
      if (!environments) return 'cancel'; // Cancel on the listing of its own folder
      state.environments = environments;
      const found = envFilesOf(environments);
      const { items, none, refuse, environmentOf } = envFileItems({
        environments,
        files: found.files,
        sourceFile,
        accounts: state,
        verb: 'deploy',
        noneDescription: "the source's env only",
        describe: (_uri, environment) => `${environment ? `environment ${environment.name} · ` : ''}its variables override the source (per key)`,
      });
      // The file chosen so far, else the one a cancelled deploy chose for this source ("No env file" either way when none).
      const chosen = state.envFile === undefined ? recalledFor(state).envFile : (state.envFile?.uri.toString() ?? NO_ENV_FILE);
      const active = items.find((i) => i.value && i.value.toString() === chosen) ?? none;
      const env = deployEnvItems(state);
      const unknown = new Set(env.flatMap((e) => e.unknown)).size;
      const placeholder = pickerPlaceholder(`Merge an env file over the ${count(env.length, 'variable')} of the source?${unknown ? ` (${count(unknown, 'referenced secret is', 'referenced secrets are')} not on your account)` : ''}`, found, found.files.length);
      return stepOutcome(await showPickStep({ ...frame(2, ctx.canGoBack), items, active, placeholder, refuse }), async (item): Promise<StepOutcome> => {
        const uri = item.value;
        state.environment = environmentOf(uri ?? undefined);
        state.envFile = uri ? await loadEnvChoice(uri, state.environment, environments.uris) : null;
        return 'next';
      });
    },
    // 3. Image, when the source has none (a Hub listing: the Hub builds it from the repository).
    async (ctx: { canGoBack: boolean }): Promise<StepOutcome> => {
      if (sourceHasImage(state)) return 'skip';
      return stepOutcome(
        await showInputStep({
          ...frame(3, ctx.canGoBack),
          value: state.image ?? recalledFor(state).image ?? '',
          prompt: 'Container image of the worker (this source names none), e.g. myorg/worker:1.0',
          validate: imageProblem,
          // Back to another env file keeps the image typed, as it keeps an accepted one.
          onBack: (typed) => (state.image = typed),
        }),
        (value) => {
          state.image = value.trim();
          return 'next';
        },
      );
    },
    // 4. GPU pools: one or more, tried in order.
    async (ctx: { canGoBack: boolean }): Promise<StepOutcome> => {
      const content = (gpus: readonly GpuType[]) => {
        const pools = [...new Set(gpus.map((g) => g.pool).filter((p): p is string => typeof p === 'string' && p !== ''))];
        // Pool and GPU names are the catalog's (the server's): by the quick pick's label rule.
        const items: Item<string>[] = pools.map((pool) => ({ label: pickName(pool), description: pickName(poolText(pool, gpus).slice(pool.length).trim()), value: pool }));
        const wanted = state.pools ?? recalledFor(state).pools ?? (state.source?.kind === 'file' ? state.source.fields.pools : undefined) ?? [];
        return { items, selected: items.filter((i) => wanted.includes(i.value!)) };
      };
      // The catalog read once per deploy, while the pick shows busy; a cached one opens the pick as is.
      const read: PickRead<Item<string>> = { reading: 'the GPU catalog', read: async (signal) => content((state.gpus = await api.listGpuTypes({ cancel: signal }))) };
      const answer = await showMultiPickStep({
        ...frame(4, ctx.canGoBack),
        ...(state.gpus ? content(state.gpus) : { items: read }),
        // The focus opens in the filter box, where Space types a space; ↓ moves it to the list, where
        // Space checks (VS Code binds quickInput.toggleCheckbox to Space outside an input only).
        placeholder: `GPU pools the workers may run on, tried in this order: ${POOL_KEYS}`,
        refuse: (checked) => (checked.length === 0 ? `Check at least one GPU pool: ${POOL_KEYS}.` : undefined),
      });
      return stepOutcome(answer, (picked) => {
        state.pools = picked.map((i) => i.value!);
        return 'next';
      });
    },
    // 5. Workers min..max.
    async (ctx: { canGoBack: boolean }): Promise<StepOutcome> => {
      const current = state.workers ?? recalledFor(state).workers ?? ENDPOINT_DEFAULTS.workers;
      return stepOutcome(
        await showInputStep({
          ...frame(5, ctx.canGoBack),
          value: state.typed?.workers ?? workerRangeText(current),
          prompt: WORKER_RANGE_BOX.prompt,
          validate: WORKER_RANGE_BOX.validate,
          onBack: (typed) => (state.typed = { ...state.typed, workers: typed }),
        }),
        (value) => {
          delete state.typed?.workers;
          state.workers = WORKER_RANGE_BOX.read(value);
          return 'next';
        },
      );
    },
    // 6. Idle timeout.
    async (ctx: { canGoBack: boolean }): Promise<StepOutcome> => {
      return stepOutcome(
        await showInputStep({
          ...frame(6, ctx.canGoBack),
          value: state.typed?.idleTimeout ?? String(state.idleTimeout ?? recalledFor(state).idleTimeout ?? ENDPOINT_DEFAULTS.idleTimeout),
          prompt: IDLE_TIMEOUT_BOX.prompt,
          validate: IDLE_TIMEOUT_BOX.validate,
          onBack: (typed) => (state.typed = { ...state.typed, idleTimeout: typed }),
        }),
        (value) => {
          delete state.typed?.idleTimeout;
          state.idleTimeout = IDLE_TIMEOUT_BOX.read(value);
          return 'next';
        },
      );
    },
    // 7. Scaling type.
    async (ctx: { canGoBack: boolean }): Promise<StepOutcome> => {
      const items: Item<Scaling['type']>[] = [
        { label: 'Queue delay', description: 'add a worker when a job has waited this many seconds', value: 'QUEUE_DELAY' },
        { label: 'Request count', description: 'a worker per this many queued jobs', value: 'REQUEST_COUNT' },
      ];
      const recalled = recalledFor(state).scaling;
      const active = items.find((i) => i.value === (state.scaling ?? recalled ?? ENDPOINT_DEFAULTS.scaling).type);
      return stepOutcome(await showPickStep({ ...frame(7, ctx.canGoBack), items, ...(active ? { active } : {}), placeholder: 'How RunPod adds workers' }), (item) => {
        // A new type starts at its default value, or at the value a cancelled deploy gave it.
        if (item.value !== state.scaling?.type) {
          delete state.typed?.scalingValue;
          state.scaling = recalled?.type === item.value ? recalled : item.value === 'QUEUE_DELAY' ? { ...ENDPOINT_DEFAULTS.scaling } : { type: 'REQUEST_COUNT', requestCount: 1 };
        }
        return 'next';
      });
    },
    // 7b. Its value.
    async (ctx: { canGoBack: boolean }): Promise<StepOutcome> => {
      const scaling = state.scaling ?? ENDPOINT_DEFAULTS.scaling;
      const queue = scaling.type === 'QUEUE_DELAY';
      const box = queue
        ? boxRule('Queue delay in seconds before another worker starts', (v) => parseBounded(v, 1, WORKER_LIMITS.maxQueueDelaySeconds, 'Queue delay'))
        : boxRule('Queued jobs per worker', (v) => parseBounded(v, 1, WORKER_LIMITS.maxRequestCount, 'Request count'));
      return stepOutcome(
        await showInputStep({
          ...frame(7, ctx.canGoBack),
          value: state.typed?.scalingValue ?? String(scaling.type === 'QUEUE_DELAY' ? scaling.queueDelay : scaling.requestCount),
          prompt: box.prompt,
          validate: box.validate,
          onBack: (typed) => (state.typed = { ...state.typed, scalingValue: typed }),
        }),
        (value) => {
          delete state.typed?.scalingValue;
          const n = box.read(value);
          state.scaling = queue ? { type: 'QUEUE_DELAY', queueDelay: n } : { type: 'REQUEST_COUNT', requestCount: n };
          return 'next';
        },
      );
    },
    // 8. Name.
    async (ctx: { canGoBack: boolean }): Promise<StepOutcome> => {
      const fallback = (state.source?.kind === 'account' ? state.source.template.name : state.source?.kind === 'file' ? state.source.fields.name : '') || 'endpoint';
      return stepOutcome(
        await showInputStep({
          ...frame(8, ctx.canGoBack),
          value: state.name ?? recalledFor(state).name ?? fallback,
          prompt: 'Name of the new endpoint',
          validate: (v) => resourceNameProblem(v, 'An endpoint needs a name.'),
          onBack: (typed) => (state.name = typed),
        }),
        (value) => {
          state.name = value.trim();
          return 'next';
        },
      );
    },
    // 9. Summary and Deploy (refused while another account is active than the environment's, as Launch Pod does).
    async (ctx: { canGoBack: boolean }): Promise<StepOutcome> => {
      const refused = wizardRefusal(state.environment, state);
      const action = refused
        ? { label: summaryRefusalLabel(refused, 'deploy'), description: '', refuse: () => showAccountRefusal(refused.message, refused.remedy, state.log) }
        : { label: '$(cloud-upload) Deploy', description: 'workers are billed while they run' };
      return showSummaryStep(frame(9, ctx.canGoBack), action, summary(state), DEPLOY_STEP.summary, refused ? undefined : await replaceRows(api, state));
    },
  ];
  return runSteps(steps, start, onStep);
}

/** A new source: its name suggestion and pools replace the old one's (an env file and the numbers stay). */
function choose(state: DeployState, source: DeploySourceChoice): void {
  if (sourceLabel({ ...state, source }) !== sourceLabel(state)) {
    delete state.name;
    delete state.pools;
  }
  state.source = source;
}
