/**
 * Shapes of the RunPod REST v2 API as this project uses them (see shared runpod-api.md), and the
 * contract of the API client. No `vscode` import: the extension, the command line and the tests
 * share this code.
 */
import type { SecretMetadata } from '../../../server/src/protocol';

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
  actions: PodAction[];
  gpu?: { id: string; count: number } | null;
  cpu?: unknown;
  cloud: 'SECURE' | 'COMMUNITY';
  env: Record<string, string>;
  ports?: string[];
  cost?: number;
  createdAt: string;
  startedAt?: string | null;
  ssh?: { host?: string; port?: number; command?: string } | null;
  templateId?: string | null;
}

export interface PodCreateInput {
  name: string;
  image?: string;
  templateId?: string;
  gpu?: { id: string; count: number };
  cpu?: Record<string, unknown>;
  cloud?: 'SECURE' | 'COMMUNITY';
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
  /** Per-request timeout (connect and response), default 30 s. */
  timeoutMs?: number;
  /** Upper bound on retries of reads. */
  maxRetries?: number;
  onRequest?: (event: RequestLogEvent) => void;
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
}

/** The operations every caller uses; secrets are addressed by name (the client maps name to id). */
export interface RunpodApi {
  listSecrets(): Promise<Secret[]>;
  getSecret(name: string): Promise<Secret>;
  createSecret(input: { name: string; value: string; description?: string }): Promise<Secret>;
  updateSecret(name: string, patch: { value?: string; description?: string }): Promise<Secret>;
  deleteSecret(name: string): Promise<void>;

  listTemplates(): Promise<Template[]>;
  getTemplate(id: string): Promise<Template>;
  createTemplate(input: TemplateInput): Promise<Template>;
  updateTemplate(id: string, patch: Partial<TemplateInput>): Promise<Template>;

  listPods(): Promise<Pod[]>;
  getPod(id: string): Promise<Pod>;
  createPod(input: PodCreateInput): Promise<Pod>;
  /** Start, stop or restart; answers the updated Pod. */
  podAction(id: string, action: Exclude<PodAction, 'terminate'>): Promise<Pod>;
  /** Terminate: RunPod answers 204 and the Pod is gone, so there is no Pod to answer. */
  terminatePod(id: string): Promise<void>;

  listGpuTypes(options?: { availability?: boolean }): Promise<GpuType[]>;
  close(): Promise<void>;
}
