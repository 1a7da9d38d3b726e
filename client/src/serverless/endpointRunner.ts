/**
 * Deploy Endpoint and Update Endpoint without VS Code, in the manner of launch/launchPlanRunner.ts:
 * the same secret checks against a fresh list (nothing is created or changed while a reference
 * would reach a worker unresolved), one create or PATCH (a create never repeated blindly: the
 * client looks it up), then following the workers. The UI is injected as callbacks, so the
 * extension and the tests on the fake RunPod API run the very same sequence.
 */
import { CallCancelled, CreateCancelled, type RunpodApiError } from '../runpod/errors';
import type { Endpoint, EndpointCreateInput, EndpointUpdateInput, RunpodApi, Worker } from '../runpod/types';
import { readBaseTemplate } from '../launch/baseTemplate';
import type { EnvSource, TargetEnvironment } from '../launch/checks';
import { adviceFor, type Advice } from '../launch/errorAdvice';
import { plainName } from '../ui/plainName';
import type { FollowSchedule } from '../launch/follow';
import { checkedBody, failure, runChecks, type CheckUi, type ChecksStop } from '../launch/launchPlanRunner';
import { mergeEnv, type Env } from '../launch/plan';
import { fieldChanges, isUpToDate, type FieldChange } from '../launch/templateDiff';
import { firstWorkerVerdict, rolloutProgress, startingText, watchWorkers, type FirstWorker, type RolloutProgress, type WatchOutcome } from './rollout';
import { isCancelled, type CancelToken } from '../waitRace';

export type Failed = { kind: 'failed'; error: RunpodApiError | Error; advice: Advice };

export interface FollowUi {
  progress?(message: string): void;
  /** The user's Cancel: asked between steps, and it ends the API client's waits and reads at once (never a write it sent). */
  cancel?: CancelToken;
  /** A test's clock for the waits between polls (real time when not given); Cancel ends a wait either way. */
  sleep?(ms: number): Promise<void>;
  /** Stretches a wait to stay inside the rate limit. */
  pace?(delayMs: number): number;
  /** Every worker list read: the Endpoints view shows it without a request of its own. */
  onWorkers?(endpoint: Endpoint, workers: Worker[]): void;
}

export interface DeployRequest {
  /** The exact body to POST (endpointBody.ts). */
  body: EndpointCreateInput;
  /** The env of the template the body names; read here when not given. */
  templateEnv?: Env;
  /** Files the env came from, lowest precedence first, to point findings at. */
  sources?: EnvSource[];
  /** The environment the workers run as, when the deploy has one: another environment's secret is a warning. */
  environment?: TargetEnvironment;
  schedule?: FollowSchedule;
}

export type DeployResult =
  | ChecksStop
  | { kind: 'cancelled'; stage: 'before-create' }
  /** `createCalled`: the create itself failed, its request may have gone out (mayHaveCreated). */
  | (Failed & { createCalled?: true })
  | { kind: 'created'; endpoint: Endpoint; follow?: WatchOutcome<FirstWorker>; followError?: { error: unknown; advice: Advice } };

/** Checks, creates the endpoint once, then follows it until a worker is ready. Never throws for API errors. */
export async function runDeploy(
  api: Pick<RunpodApi, 'getTemplate' | 'createEndpoint' | 'listWorkers'>,
  request: DeployRequest,
  ui: CheckUi & FollowUi,
): Promise<DeployResult> {
  let body: EndpointCreateInput;
  try {
    // The template read ends at the progress's Cancel, its client waits too (CallOptions).
    const checked = await checkedBody(request.body, request.templateEnv, (id) => readBaseTemplate(api, id, 'endpoint', ui), request.sources ?? [], ui, request.environment);
    if (checked.kind !== 'ok') return checked;
    body = checked.body;
  } catch (error) {
    if (error instanceof CallCancelled) return { kind: 'cancelled', stage: 'before-create' };
    // Named as the deploy it stopped, not as a bare read: the user asked for a deploy.
    return deployFailure(error, 'deploy-checks', request.body.name);
  }
  if (isCancelled(ui.cancel)) return { kind: 'cancelled', stage: 'before-create' };
  let endpoint: Endpoint;
  try {
    ui.progress?.('Creating the endpoint…');
    endpoint = await api.createEndpoint(body, ui); // its Cancel holds until the POST goes out
  } catch (error) {
    if (error instanceof CreateCancelled) return { kind: 'cancelled', stage: 'before-create' };
    return { ...deployFailure(error, 'deploy-endpoint', request.body.name), createCalled: true };
  }
  try {
    const follow = await watchWorkers((options) => api.listWorkers(endpoint.id, options), firstWorkerVerdict, {
      ...followOptions(ui, request.schedule),
      onUpdate: (workers) => {
        ui.onWorkers?.(endpoint, workers);
        const verdict = firstWorkerVerdict(workers);
        ui.progress?.(verdict?.kind === 'ready' ? `worker ${verdict.worker.id} is ${verdict.worker.status}` : startingText(workers));
      },
    });
    return { kind: 'created', endpoint, follow };
  } catch (error) {
    return { kind: 'created', endpoint, followError: { error, advice: adviceFor(error, 'follow-endpoint') } };
  }
}

/** A failed deploy step, its advice naming the endpoint (as its progress does, made plain: the name is the user's or a file's text). */
function deployFailure(error: unknown, phase: 'deploy-checks' | 'deploy-endpoint', name: string): Failed {
  return { ...failure(error, phase), advice: adviceFor(error, phase, plainName(name)) };
}

export interface UpdateRequest {
  /** The endpoint as just read (its env is what the PATCH's env replaces). */
  endpoint: Endpoint;
  /** An env file's variables, merged over the endpoint's env (per key, the file winning). */
  envOverrides?: Env;
  image?: string;
  sources?: EnvSource[];
  /** The environment of the env file, when it is one's: another environment's secret is a warning. */
  environment?: TargetEnvironment;
}

export interface UpdateUi extends CheckUi {
  progress?(message: string): void;
  /** Shown the field-level diff (env by key, never values) before the PATCH: true sends it. */
  confirm(endpoint: Endpoint, changes: FieldChange[]): Promise<boolean>;
}

export type UpdateResult =
  | ChecksStop
  | { kind: 'unchanged' }
  | { kind: 'cancelled'; stage: 'before-update' }
  | Failed
  | { kind: 'updated'; endpoint: Endpoint; changes: FieldChange[] };

/**
 * The PATCH of an endpoint's env and/or image: the env merged here (a PATCH's env replaces the
 * whole env), the same checks on the env the new workers boot with, the diff confirmed, then sent.
 */
export async function runEndpointUpdate(api: Pick<RunpodApi, 'updateEndpoint'>, request: UpdateRequest, ui: UpdateUi): Promise<UpdateResult> {
  const { endpoint } = request;
  const patch: EndpointUpdateInput = {};
  if (request.envOverrides) patch.env = mergeEnv(endpoint.env, request.envOverrides);
  if (request.image !== undefined && request.image !== endpoint.image) patch.image = request.image;
  if (isUpToDate(fieldChanges(endpoint, patch as Record<string, unknown>))) return { kind: 'unchanged' };
  try {
    ui.progress?.('Checking secret references…');
    // A new release restarts every worker with this env, so it is checked even when only the image changes.
    // Keys judged: the env file's (the endpoint's own keys are RunPod's already, and kept as they are).
    const checked = await runChecks(patch.env ?? endpoint.env, request.sources ?? [], ui, request.envOverrides ?? {}, request.environment);
    if (checked.kind !== 'ok') return checked;
    if (patch.env) patch.env = checked.env;
  } catch (error) {
    return failure(error, 'read');
  }
  const changes = fieldChanges(endpoint, patch as Record<string, unknown>);
  if (isUpToDate(changes)) return { kind: 'unchanged' };
  // An env that ends up as it was is not sent: it would make a release for nothing.
  if (patch.env && !changes.some((c) => c.field === 'env' && c.change !== 'unchanged')) delete patch.env;
  if (!(await ui.confirm(endpoint, changes.filter((c) => c.change !== 'unchanged')))) return { kind: 'cancelled', stage: 'before-update' };
  try {
    ui.progress?.(`Updating endpoint ${endpoint.name}…`);
    return { kind: 'updated', endpoint: await api.updateEndpoint(endpoint.id, patch), changes };
  } catch (error) {
    return failure(error, 'update-endpoint');
  }
}

/** The verdict of a rollout: every worker on the release and ready, or no worker running (new ones start on it). */
export function rolloutVerdict(release: number | undefined): (workers: Worker[]) => RolloutProgress | undefined {
  return (workers) => {
    const progress = rolloutProgress(release, workers);
    return progress.done || progress.total === 0 ? progress : undefined;
  };
}

/**
 * Follows a release as the workers cycle onto it. Cancel stops the following, not the rollout.
 * @throws what a worker listing throws (other than a 429, which is waited out once)
 */
export async function followRollout(
  api: Pick<RunpodApi, 'listWorkers'>,
  endpoint: Endpoint,
  ui: FollowUi,
  schedule?: FollowSchedule,
): Promise<WatchOutcome<RolloutProgress>> {
  return watchWorkers((options) => api.listWorkers(endpoint.id, options), rolloutVerdict(endpoint.version), {
    ...followOptions(ui, schedule),
    onUpdate: (workers) => {
      ui.onWorkers?.(endpoint, workers);
      ui.progress?.(rolloutProgress(endpoint.version, workers).text);
    },
  });
}

function followOptions(ui: FollowUi, schedule: FollowSchedule | undefined) {
  return {
    ...(ui.sleep ? { sleep: ui.sleep } : {}),
    ...(schedule ? { schedule } : {}),
    ...(ui.cancel ? { cancel: ui.cancel } : {}),
    ...(ui.pace ? { pace: ui.pace } : {}),
  };
}
