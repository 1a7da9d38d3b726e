/**
 * Shapes of the RunPod REST v2 API as this project uses them (see shared runpod-api.md), and the
 * contract of the API client. No `vscode` import: the extension, the command line and the tests
 * share this code.
 */
import type { Redactor } from '../redaction/redactor';
import type { Operation, Surface } from './messages';
import type { SecretMetadata } from '../../../server/src/protocol';
import type { Cloud } from './clouds';
import type { Cancel } from '../waitRace';

/** A secret as the API returns it: the metadata the language server learns (protocol SecretMetadata), plus its id. Never a value. */
export interface Secret extends SecretMetadata {
  id: string;
  name: string;
  createdAt: string;
  description: string | null;
  valueLastUpdatedAt: string | null;
}

export interface Template {
  id: string;
  name: string;
  image: string;
  args?: string;
  disk?: number;
  env: Record<string, string>;
  ports?: string[];
  registry?: string | null;
  mounts?: { persistent?: { size: number; path: string } };
  serverless?: boolean;
  public?: boolean;
  category?: 'NVIDIA' | 'AMD' | 'CPU';
  startSsh?: boolean;
  startJupyter?: boolean;
  allowedCudaVersions?: string[];
}
export type TemplateInput = Omit<Template, 'id'>;

export type PodStatus = 'PROVISIONING' | 'STARTING' | 'RUNNING' | 'EXITED' | 'ERROR' | 'TERMINATED';
export type PodAction = 'start' | 'stop' | 'restart' | 'terminate';

export interface Pod {
  id: string;
  name: string;
  image: string;
  status: PodStatus;
  /** As RunPod sent it (`--json` prints it so); read it with runpod/parse.ts podActions. */
  actions?: unknown;
  /**
   * The Pod's GPUs as RunPod sent them (`{id, count}`; null or absent for a CPU Pod): `--json`
   * prints them so. Read them with runpod/parse.ts podGpu, which leaves out what is not a GPU type
   * id or a count of GPUs (a string for the object, a count of 1e309).
   */
  gpu?: unknown;
  cpu?: unknown;
  /**
   * As RunPod sent it: a value of runpod/clouds.ts, one RunPod adds later, or anything else
   * (`--json` prints it so); read it with runpod/parse.ts podCloud.
   */
  cloud?: unknown;
  env: Record<string, string>;
  ports?: string[];
  cost?: number;
  createdAt: string;
  startedAt?: string | null;
  /** As RunPod sent it (`--json` prints it so); read it with runpod/parse.ts podSsh, which drops a command the views cannot show. */
  ssh?: unknown;
  templateId?: string | null;
}

export interface PodCreateInput {
  name: string;
  image?: string;
  templateId?: string;
  gpu?: { id: string; count: number };
  cpu?: Record<string, unknown>;
  cloud?: Cloud;
  disk?: number;
  env?: Record<string, string>;
  ports?: string[];
  mounts?: Template['mounts'];
  dataCenterIds?: string[];
  startSsh?: boolean;
  startJupyter?: boolean;
}

export interface GpuType {
  id: string;
  name: string;
  pool?: string;
  manufacturer?: string;
  memory: number;
  secure: boolean;
  community: boolean;
  price: { secure: number | null; community: number | null };
  maxCount: number;
  /** Present when listed with availability. */
  availability?: { secure?: string | number | boolean; community?: string | number | boolean } | unknown;
}

/** What kind of failure an API call met; decides the message and whether to retry. */
export type RunpodErrorKind =
  | 'unauthorized' // 401: key missing or rejected
  | 'forbidden' // 403: key lacks permission
  | 'not-found' // 404
  | 'conflict' // 409 (also pod action not allowed)
  | 'duplicate-name' // a secret/template with that name exists
  | 'validation' // 422 (and 400 that is not capacity)
  | 'insufficient-balance' // 402
  | 'no-capacity' // 400 on pod create
  | 'rate-limited' // 429 after waiting/retrying
  | 'server' // 5xx
  | 'network' // connection failed/reset
  | 'timeout' // no answer in time
  | 'bad-response' // unparseable/unexpected body
  | 'invalid-config'; // bad base URL, missing key

/** One line per API call for the output channel. Never carries the key or a value. */
export interface RequestLogEvent {
  method: string;
  path: string;
  status?: number;
  durationMs: number;
  attempt: number;
  error?: string;
}

/**
 * One window of RunPod's per-user rate limit, as the last answer's `RateLimit` and
 * `RateLimit-Policy` headers stated it. Fields a header did not state are absent.
 */
export interface RateLimitWindow {
  /** Window name as RunPod sends it (`minute`, `hour`, `day`). */
  name: string;
  /** Requests left in the window (`r`). */
  remaining?: number;
  /** Seconds until the window resets (`t`), counted from `RateLimitState.receivedAt`. */
  resetSeconds?: number;
  /** Requests allowed per window (`q` of the policy). */
  quota?: number;
  /** Length of the window in seconds (`w` of the policy). */
  windowSeconds?: number;
}

/** The latest rate-limit state the client has seen (`RunpodClient.rateLimit`). */
export interface RateLimitState {
  windows: RateLimitWindow[];
  /** Client clock (ms, the `now` option) when the answer arrived. */
  receivedAt: number;
}

export interface RunpodClientOptions {
  apiKey: string;
  /** Default `https://api.runpod.io/v2`; `http://` only for loopback hosts. */
  baseUrl?: string;
  /** Where `baseUrl` was set, named in network errors when it is not RunPod's (e.g. "the runpod.apiUrl setting"). */
  baseUrlSource?: string;
  /** Where the client's messages are read, which words their "look at the list again" step; default the editor. */
  surface?: Surface;
  /** Per-request timeout (connect and response), default 30 s. */
  timeoutMs?: number;
  /** Upper bound on retries of reads. */
  maxRetries?: number;
  onRequest?: (event: RequestLogEvent) => void;
  /**
   * Called when a write (POST, PATCH, DELETE) is first sent; the function it returns is called when
   * that write has settled (answered, refused, given up). Between the two, the write may or may not
   * have reached RunPod: the command line's Ctrl+C says so (cli/interruptedWrites.ts).
   */
  onWrite?: (op: Operation) => () => void;
  /**
   * Backoff and budget of retries (defaults in retry.ts: 500 ms doubling to 8 s, 60 s total, Retry-After up to 30 s).
   * `maxRetryAfterMs` also caps the wait for an exhausted rate-limit window before a request.
   */
  retry?: { baseDelayMs?: number; maxDelayMs?: number; maxTotalMs?: number; maxRetryAfterMs?: number };
  /** Waits between retries; injectable so tests do not wait for real. */
  sleep?: (ms: number) => Promise<void>;
  /** Clock for the retry time budget (ms); injectable with `sleep`. */
  now?: () => number;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  /** Further strings to keep out of errors and log events (the key and sent values are added automatically). */
  sensitive?: string[];
  /**
   * The redactor to use and add to (the key, the values sent), shared with whatever else the
   * session redacts: the editor's log, and the clients made after a key or setting change, so a
   * value one client sent stays hidden in the log lines another streams. Default: the client's own.
   */
  redactor?: Redactor;
}

/** The operations every caller uses; secrets are addressed by name (the client maps name to id). */
export interface RunpodApi {
  /**
   * A request the user asked for follows (Retry, Refresh): send the next one even while a window is
   * believed used up, and let its answer replace the belief (RunpodClient; optional for stand-ins).
   */
  probeRateLimit?(): void;

  listSecrets(options?: CallOptions): Promise<Secret[]>;
  getSecret(name: string, options?: CallOptions): Promise<Secret>;
  createSecret(input: { name: string; value: string; description?: string }, options?: CreateSecretOptions): Promise<Secret>;
  updateSecret(name: string, patch: { value?: string; description?: string }): Promise<Secret>;
  deleteSecret(name: string): Promise<void>;

  listTemplates(options?: CallOptions): Promise<Template[]>;
  getTemplate(id: string, options?: CallOptions): Promise<Template>;
  createTemplate(input: TemplateInput): Promise<Template>;
  updateTemplate(id: string, patch: Partial<TemplateInput>, named?: Named): Promise<Template>;

  listPods(options?: CallOptions): Promise<Pod[]>;
  getPod(id: string, options?: CallOptions): Promise<Pod>;
  createPod(input: PodCreateInput, options?: CreateOptions): Promise<Pod>;
  /** Start, stop or restart; answers the updated Pod. */
  podAction(id: string, action: Exclude<PodAction, 'terminate'>, named?: Named): Promise<Pod>;
  /** Terminate: RunPod answers 204 and the Pod is gone, so there is no Pod to answer. */
  terminatePod(id: string, named?: Named): Promise<void>;

  listGpuTypes(options?: GpuTypeOptions): Promise<GpuType[]>;

  listEndpoints(options?: CallOptions): Promise<Endpoint[]>;
  getEndpoint(id: string, options?: CallOptions): Promise<Endpoint>;
  createEndpoint(input: EndpointCreateInput, options?: CreateOptions): Promise<Endpoint>;
  /** `env` replaces the whole env; a change of env or image makes a release. */
  updateEndpoint(id: string, patch: EndpointUpdateInput): Promise<Endpoint>;
  deleteEndpoint(id: string): Promise<void>;
  listWorkers(endpointId: string, options?: CallOptions): Promise<Worker[]>;
  listReleases(endpointId: string, options?: CallOptions): Promise<Release[]>;
  /** Log streams (reconnecting with Last-Event-ID): lines as printed, neutralise before display. */
  streamPodLogs(podId: string, options?: LogStreamOptions): AsyncGenerator<LogStreamItem>;
  streamWorkerLogs(endpointId: string, workerId: string, options?: LogStreamOptions): AsyncGenerator<LogStreamItem>;
  close(): Promise<void>;
}

// -------------------------------------------------------------------------------------------------
// Serverless endpoints and logs (shared runpod-api.md "Serverless endpoints", Pod "Logs")

export type EndpointType = 'QUEUE' | 'LOAD_BALANCER';

/** A serverless endpoint. Fields RunPod may add are kept as sent; env holds only strings. */
export interface Endpoint {
  id: string;
  name: string;
  /** `QUEUE` or `LOAD_BALANCER` as RunPod documents; another string is kept as sent. */
  type: string;
  templateId?: string | null;
  image: string;
  env: Record<string, string>;
  gpu?: { pools: string[]; allowedCudaVersions?: string[] } | null;
  cpu?: unknown;
  /** Scaling bounds; `min` and `max` are 0 when RunPod leaves them out. */
  workers: { min: number; max: number; idleTimeout?: number };
  scaling?: { type: string; queueDelay?: number; requestCount?: number };
  /** The current release, when RunPod says. */
  version?: number;
  createdAt: string;
}

/**
 * A call the user can call off while a Cancel button shows: the client's retry pauses and
 * rate-limit windows (each up to DEFAULT_RETRY_POLICY.maxRetryAfterMs) take a while. `cancel` is
 * asked before each send and ends a wait at once, and a read still waiting for its answer (the
 * request aborted); cancelled: nothing more is sent and the call rejects with CallCancelled (errors.ts).
 */
export interface CallOptions {
  cancel?: Cancel;
}

/**
 * What a create's caller sees of the account's secrets the create lists before it sends anything
 * (the command line's create, to warn of a name the same but for case or separators): one list,
 * read after the value is registered for redaction, whose failure is the create's (nothing created).
 */
export interface CreateSecretOptions {
  onListed?: (listed: readonly Secret[]) => void;
}

/** The GPU catalog's read: `availability` asks for stock (Pods only), with the user's Cancel as any read's. */
export interface GpuTypeOptions extends CallOptions {
  availability?: boolean;
}

/**
 * How a write's failure names what it acted on: the name the caller knows (a Pod's, a template's),
 * said with the id in parentheses, where the id alone would not tell the user which.
 */
export interface Named {
  name?: string;
}

/**
 * A billed create the user can still call off: before its POST the client lists what exists (and
 * may retry that, within DEFAULT_RETRY_POLICY.maxTotalMs, or wait for a rate-limit window), while a Cancel
 * button shows. `cancel` is asked before that list's sends and ends its waits, and right before the POST
 * goes out (each attempt); cancelled: nothing is sent and the create rejects with CreateCancelled.
 */
export type CreateOptions = CallOptions;

/** `POST /v2/serverless`: a template id or the container fields, and where and how to scale. */
export interface EndpointCreateInput {
  name: string;
  type?: EndpointType;
  templateId?: string;
  image?: string;
  args?: string;
  disk?: number;
  ports?: string[];
  env?: Record<string, string>;
  registry?: string | null;
  gpu?: { pools: string[]; allowedCudaVersions?: string[] };
  cpu?: Record<string, unknown>;
  workers?: { min?: number; max?: number; idleTimeout?: number };
  scaling?: { type: 'QUEUE_DELAY'; queueDelay?: number } | { type: 'REQUEST_COUNT'; requestCount?: number };
  dataCenterIds?: string[];
  networkVolumes?: string[];
  timeout?: number;
  flashboot?: 'OFF' | 'FLASHBOOT' | 'PRIORITY_FLASHBOOT';
}

/** `PATCH /v2/serverless/{id}`; `env` replaces the whole env. A change of env or image makes a release. */
export type EndpointUpdateInput = Partial<Omit<EndpointCreateInput, 'type' | 'templateId'>>;

export interface Worker {
  id: string;
  /** e.g. `INITIALIZING`, `IDLE`, `RUNNING`; kept as RunPod sends it. */
  status: string;
  /** The release it runs; null when RunPod does not say. */
  version: number | null;
  /** Still on an older release than the endpoint's current one. */
  isStale: boolean;
  startedAt?: string | null;
}

/**
 * One change a release made. For env fields only the field (with the key) and the kind of change
 * are kept: whatever RunPod puts in old/new, an env value may be a credential.
 */
export interface ReleaseChange {
  /** e.g. `template.image`, `template.env.HF_TOKEN`, or `template.env` for the whole env. */
  field: string;
  change: 'added' | 'removed' | 'changed';
  /** Only for fields that are not env (e.g. the image). */
  old?: string;
  new?: string;
}

export interface Release {
  version: number;
  createdAt: string;
  /** `MANUAL`, `GIT_BUILD`, or as sent. */
  source: string;
  /** Workers running this release, when RunPod says. */
  workerCount: number | null;
  diff: ReleaseChange[];
}

export type LogSource = 'container' | 'system';

/** One line of a Pod's or worker's log, exactly as the container printed it: never interpreted, neutralise before display. */
export interface LogLine {
  /** The SSE event id (RunPod uses the ts); what a resume sends as `Last-Event-ID`. */
  id: string;
  /** `container` or `system`; `unknown` when the server sent something else. */
  source: LogSource | 'unknown';
  line: string;
  ts: string;
}

export interface LogStreamOptions {
  /** Lines of backfill (RunPod: default 100, 0 to 5000). */
  tail?: number;
  /** Only lines at or after this RFC 3339 time. */
  since?: string;
  /** One source; both when absent. */
  source?: LogSource;
  /** Keep the stream open for new lines (default true); false ends after the backfill. */
  follow?: boolean;
  /** Stops the stream (and any wait to reconnect) at once. */
  signal?: AbortSignal;
  /** Reconnection attempts in a row without a line before giving up (default 5). */
  maxReconnects?: number;
  /** A stream that sends nothing at all (not even a keep-alive) for this long counts as dropped (default 45 s). */
  idleTimeoutMs?: number;
}

/** What a log stream yields: lines, notes for the user (reconnecting, a skipped event), and how it ended. */
export type LogStreamItem =
  | ({ kind: 'line' } & LogLine)
  | { kind: 'notice'; text: string }
  | { kind: 'end'; reason: LogStreamEnd };

/**
 * - `complete`: the server ended the log (no follow, or the container will print no more).
 * - `aborted`: the caller's signal.
 * - `gone`: the Pod or worker no longer exists (404 after the stream had been open).
 */
export type LogStreamEnd = 'complete' | 'aborted' | 'gone';
