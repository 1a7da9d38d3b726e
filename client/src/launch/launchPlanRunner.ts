/**
 * The Launch Pod and Push Template flows without VS Code: checks against a fresh secret list,
 * then one create (never repeated blindly), then following the Pod. The UI is injected as
 * callbacks, so the extension, a test on the fake RunPod API and any future caller run the very
 * same sequence.
 */
import { CallCancelled, CreateCancelled, isRunpodApiError, type RunpodApiError } from '../runpod/errors';
import type { CallOptions, Pod, PodCreateInput, RunpodApi, Template } from '../runpod/types';
import { checkEnv, hasWarnings, isClear, type CheckReport, type EnvSource, type TargetEnvironment } from './checks';
import { adviceFor, type Advice } from './errorAdvice';
import { followPod, type FollowOutcome, type FollowSchedule } from './follow';
import { finalEnv, type Env } from './plan';
import { readBaseTemplate } from './baseTemplate';
import { applyReplacement, type Replacement } from './replaceReference';
import { summarizeTemplateUpdate, type TemplateUpdateSummary } from './templateDiff';
import { toTemplateInput, type TemplateFileBody } from './templateFile';
import { resourceNameProblem } from '../ui/resourceName';
import { isClientChanged } from '../auth/accountBound';
import { isCancelled, type CancelToken } from '../waitRace';

/** What the UI decides after seeing the checks. */
export type ChecksDecision =
  /** Something was fixed (a secret created): list secrets again and re-check. */
  | 'recheck'
  /** Only warnings were shown and the user chose to go on. */
  | 'proceed'
  | 'cancel'
  /** A reference was renamed in its file (Replace with a suggested name): rename it in the env too and re-check. */
  | { kind: 'replaced'; replacement: Replacement };

export interface CheckUi {
  /** A fresh list of the account's secret names (refresh the store, or list); `options.cancel` ends its wait. */
  secretNames(options?: CallOptions): Promise<string[]>;
  /** Called when the report is not clean; blocking findings can only be answered with recheck or cancel. */
  onFindings(report: CheckReport): Promise<ChecksDecision>;
  /** Whose secrets `secretNames` lists, as findings name it (" (account prod)"), when that is said. */
  accountSuffix?: string;
  /** The user's Cancel: asked between steps, and it ends the API client's waits and reads at once (never a write it sent). */
  cancel?: CancelToken;
}

export interface LaunchUi extends CheckUi {
  /** Progress text ("Creating the Pod…", "PROVISIONING"). */
  progress?(message: string): void;
  onPodUpdate?(pod: Pod): void;
  sleep?(ms: number): Promise<void>;
}

export interface LaunchRequest {
  /** The exact body to POST (from `buildPodRequest`, plus a CPU choice if any). */
  body: PodCreateInput;
  /**
   * The env of the template `body.templateId` names, for the final-env check; when it is not given
   * the template is read here (GET by id) before the checks, and a failed read launches nothing.
   */
  templateEnv?: Env;
  /** Files the env came from, lowest precedence first, to point findings at. */
  sources?: EnvSource[];
  /** The environment the Pod runs as, when the launch chose one: another environment's secret is a warning. */
  environment?: TargetEnvironment;
  schedule?: FollowSchedule;
  /** Stop after the create (no following); for callers that follow elsewhere. */
  noFollow?: boolean;
}

export type LaunchResult =
  | { kind: 'blocked'; report: CheckReport }
  | { kind: 'cancelled'; stage: 'checks' | 'before-create' }
  /** `createCalled`: the create itself failed, its request may have gone out (mayHaveCreated). */
  | { kind: 'failed'; error: RunpodApiError | Error; advice: Advice; createCalled?: true }
  | { kind: 'created'; pod: Pod; follow?: FollowOutcome; followError?: { error: unknown; advice: Advice } };

/** How many times a check may be re-run after the user fixed something: protects against loops. */
const MAX_RECHECKS = 10;

/** How the checks end when they do not clear the way: the same for every flow that runs them. */
export type ChecksStop = { kind: 'blocked'; report: CheckReport } | { kind: 'cancelled'; stage: 'checks' };

/**
 * Runs the checks until they are clear, the user cancels, or blocking findings remain unanswered.
 * Shared by Launch Pod, Push Template and the endpoint deploy and update.
 * @param sent the env the request itself carries (checkEnv's `sent`); default `env`
 * @param environment checkEnv's: the environment the env is for, when known
 * @returns the env to send (renamed references included) to go on, or the result that ends the flow
 */
export async function runChecks(env: Readonly<Env>, sources: readonly EnvSource[], ui: CheckUi, sent: Readonly<Env> = env, environment?: TargetEnvironment): Promise<{ kind: 'ok'; env: Env } | ChecksStop> {
  let current = { env: { ...env }, sources: [...sources] };
  for (let round = 0; round <= MAX_RECHECKS; round++) {
    // The list ends at the flow's Cancel, as the template read does (CallCancelled: nothing created).
    const names = await ui.secretNames(ui.cancel ? { cancel: ui.cancel } : {});
    const report = checkEnv(current.env, names, current.sources, sent, { environment, accountSuffix: ui.accountSuffix });
    if (isClear(report) && !hasWarnings(report)) return { kind: 'ok', env: current.env };
    const decision = await ui.onFindings(report);
    if (decision === 'cancel') return isClear(report) ? { kind: 'cancelled', stage: 'checks' } : { kind: 'blocked', report };
    if (decision === 'proceed') {
      // Blocking findings cannot be launched past: a Pod with a dangling reference is the failure this flow exists to prevent.
      if (isClear(report)) return { kind: 'ok', env: current.env };
      return { kind: 'blocked', report };
    }
    if (decision !== 'recheck') current = applyReplacement(current.env, current.sources, decision.replacement);
  }
  const report = checkEnv(current.env, await ui.secretNames(ui.cancel ? { cancel: ui.cancel } : {}), current.sources, sent, { environment, accountSuffix: ui.accountSuffix });
  return isClear(report) ? { kind: 'ok', env: current.env } : { kind: 'blocked', report };
}

/** The body with the values the checks changed (renamed references) set as env overrides: an override wins per key. */
function withEnvChanges<B extends { env?: Record<string, string> }>(body: B, before: Readonly<Env>, after: Readonly<Env>): B {
  const changed = Object.keys(after).filter((key) => after[key] !== before[key]);
  if (changed.length === 0) return body;
  const env = new Map(Object.entries(body.env ?? {}));
  for (const key of changed) env.set(key, after[key]!);
  return { ...body, env: Object.fromEntries(env) };
}

/**
 * The checks before a create (a Pod, an endpoint): the template the body names is read when its env
 * is not given, the final env (the template's under the body's) is checked until clear, and the
 * body comes back with what the checks renamed. Throws what reading the template or the secrets throws.
 */
export async function checkedBody<B extends { templateId?: string; env?: Record<string, string> }>(
  body: B,
  templateEnv: Env | undefined,
  readTemplate: (id: string) => Promise<Template>,
  sources: readonly EnvSource[],
  ui: CheckUi & { progress?(message: string): void },
  environment?: TargetEnvironment,
): Promise<{ kind: 'ok'; body: B } | ChecksStop> {
  let underEnv = templateEnv;
  if (body.templateId !== undefined && underEnv === undefined) {
    ui.progress?.('Reading the template…');
    underEnv = (await readTemplate(body.templateId)).env ?? {};
  }
  const env = finalEnv(body, underEnv);
  ui.progress?.('Checking secret references…');
  // Only the body's env is sent: the template's keys are RunPod's already.
  const checked = await runChecks(env, sources, ui, body.env ?? {}, environment);
  return checked.kind === 'ok' ? { kind: 'ok', body: withEnvChanges(body, env, checked.env) } : checked;
}

/** Checks, creates the Pod once, then follows it (unless `noFollow`). Never throws for API errors. */
export async function runLaunch(api: Pick<RunpodApi, 'createPod' | 'getPod' | 'getTemplate'>, request: LaunchRequest, ui: LaunchUi): Promise<LaunchResult> {
  let body: PodCreateInput;
  try {
    // The template read ends at the progress's Cancel, its client waits too (CallOptions).
    const checked = await checkedBody(request.body, request.templateEnv, (id) => readBaseTemplate(api, id, 'pod', ui), request.sources ?? [], ui, request.environment);
    if (checked.kind !== 'ok') return checked;
    body = checked.body;
  } catch (error) {
    if (error instanceof CallCancelled) return { kind: 'cancelled', stage: 'before-create' };
    return failure(error, 'launch-checks');
  }
  if (isCancelled(ui.cancel)) return { kind: 'cancelled', stage: 'before-create' };

  let pod: Pod;
  try {
    ui.progress?.('Creating the Pod…');
    pod = await api.createPod(body, ui); // its Cancel holds until the POST goes out
  } catch (error) {
    if (error instanceof CreateCancelled) return { kind: 'cancelled', stage: 'before-create' };
    return { ...failure(error, 'create-pod'), createCalled: true };
  }
  if (request.noFollow) return { kind: 'created', pod };
  try {
    const follow = await followPod(api, pod, {
      ...(request.schedule ? { schedule: request.schedule } : {}),
      ...(ui.sleep ? { sleep: ui.sleep } : {}),
      ...(ui.cancel ? { cancel: ui.cancel } : {}),
      onUpdate: (p) => {
        // Shown under the "Launching <name>" title: the status alone.
        ui.progress?.(p.status);
        ui.onPodUpdate?.(p);
      },
    });
    return { kind: 'created', pod: follow.pod, follow };
  } catch (error) {
    return { kind: 'created', pod, followError: { error, advice: adviceFor(error, 'follow') } };
  }
}

export interface PushUi extends CheckUi {
  progress?(message: string): void;
  /**
   * Asked before an account template is overwritten (never before a create): `true` sends the
   * PATCH. `change` says in a few words what differs (field names and env keys, never values).
   */
  confirmUpdate(existing: Template, change: TemplateUpdateSummary): Promise<boolean>;
}

export type PushResult =
  | { kind: 'blocked'; report: CheckReport }
  | { kind: 'cancelled'; stage: 'checks' | 'before-create' | 'before-update' }
  | { kind: 'failed'; error: RunpodApiError | Error; advice: Advice }
  /** The account template already holds what the file would send: nothing was written. */
  | { kind: 'unchanged'; template: Template; leftOut: string[] }
  | { kind: 'created' | 'updated'; template: Template; leftOut: string[] };

/**
 * Push Template: looks up the account template with the file's name (a fresh list, so a template
 * made elsewhere is updated, not duplicated); if it already matches the file, stops there. Otherwise
 * the same checks as Launch Pod on the file's env, then creates the template, or, once the user
 * confirmed the summary of what changes, PATCHes the existing one by id.
 * @param environment checkEnv's: the environment pushed, when one was chosen (another environment's secret is a warning)
 */
export async function runPushTemplate(
  api: Pick<RunpodApi, 'listTemplates' | 'createTemplate' | 'updateTemplate'>,
  body: TemplateFileBody,
  ui: PushUi,
  sources: readonly EnvSource[] = [],
  environment?: TargetEnvironment,
): Promise<PushResult> {
  const pushed = toTemplateInput(body);
  const problem = pushBodyProblem(body) ?? (pushed.ok ? undefined : pushed.message);
  if (problem !== undefined || !pushed.ok) {
    const error = new Error(problem);
    return { kind: 'failed', error, advice: adviceFor(error, 'push-template') };
  }
  const { input, leftOut } = pushed;
  let existing: Template | undefined;
  try {
    ui.progress?.('Looking for a template with that name…');
    existing = (await api.listTemplates()).find((t) => t.name === input.name);
  } catch (error) {
    return failure(error, 'push-checks');
  }
  const { name: _name, ...patch } = input;
  const change = existing ? summarizeTemplateUpdate(existing, patch) : undefined;
  if (existing && change?.upToDate) return { kind: 'unchanged', template: existing, leftOut };
  try {
    ui.progress?.('Checking secret references…');
    const checked = await runChecks(input.env, sources, ui, input.env, environment);
    if (checked.kind !== 'ok') return checked as PushResult;
    input.env = checked.env;
    patch.env = checked.env;
  } catch (error) {
    return failure(error, 'push-checks');
  }
  try {
    if (existing && change) {
      if (!(await ui.confirmUpdate(existing, change))) return { kind: 'cancelled', stage: 'before-update' };
      ui.progress?.(`Updating template ${input.name}…`);
      return { kind: 'updated', template: await api.updateTemplate(existing.id, patch), leftOut };
    }
    ui.progress?.(`Creating template ${input.name}…`);
    return { kind: 'created', template: await api.createTemplate(input), leftOut };
  } catch (error) {
    return failure(error, 'push-template');
  }
}

/** What stops a file from being pushed before any request: a name missing or one RunPod refuses, a missing image. */
function pushBodyProblem(body: TemplateFileBody): string | undefined {
  const needs = (field: string) => `The file has no "${field}"; a template needs one.`;
  // The name rule Launch Pod, Deploy Endpoint and the CLI apply, so a name RunPod answers 422 for stops here.
  const nameProblem = resourceNameProblem(body.name ?? '', needs('name'));
  if (nameProblem !== undefined) return body.name?.trim() ? `The file's "name" is refused: ${nameProblem}` : nameProblem;
  return body.image ? undefined : needs('image');
}

/**
 * Whether a runner's outcome (a Pod's launch, an endpoint's deploy) created something, or may have.
 * Once the create was called (`createCalled`), it counts unless the failure says RunPod made
 * nothing: refused before sending (`mayHaveSucceeded === false`, a switch of account), or answered
 * 4xx. Anything else may hide a made Pod or endpoint (a timeout, a dropped connection, a 5xx, a 2xx
 * whose body could not be read), and repeating it may make a second one.
 */
export function mayHaveCreated(result: { kind: string; error?: unknown; createCalled?: boolean }): boolean {
  if (result.kind === 'created') return true;
  return result.kind === 'failed' && result.createCalled === true && !madeNothing(result.error);
}

/** A create call's failure that says RunPod made nothing. */
function madeNothing(error: unknown): boolean {
  if (isClientChanged(error)) return true; // refused before any request (auth/accountBound.ts)
  if (!isRunpodApiError(error)) return false;
  return error.mayHaveSucceeded === false || (error.status !== undefined && error.status >= 400 && error.status < 500);
}

/** A failed step as a flow result, with the advice for its phase. */
export function failure(error: unknown, phase: Parameters<typeof adviceFor>[1]): { kind: 'failed'; error: RunpodApiError | Error; advice: Advice } {
  const err = isRunpodApiError(error) ? error : error instanceof Error ? error : new Error(String(error));
  return { kind: 'failed', error: err, advice: adviceFor(error, phase) };
}
