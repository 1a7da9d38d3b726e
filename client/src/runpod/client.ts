/**
 * The RunPod REST v2 client (see shared runpod-api.md) on undici. Secrets are addressed by name:
 * each call lists, maps the name to an id, then acts. Reads retry on 429, 5xx and network trouble;
 * writes retry only when RunPod certainly did not process them; a create that got no answer is
 * looked up instead of repeated, so a flaky network never creates a secret, template or pod twice.
 */
import { DEFAULT_BASE_URL, normalizeBaseUrl } from './baseUrl';
import { CallCancelled, CreateCancelled, RunpodApiError, isClientClosed, isGatewayGaveUp, lostOutcome, errorFromResponse, errorFromTransport, saysAlreadyExists, type Headers, type TransportContext } from './errors';
import { messages, podActionLabel, subject, type CustomUrl, type Operation, type Surface } from './messages';
import { ShapeError, listOf, nestsTooDeeply, parseGpuType, parsePod, parseSecret, parseTemplate } from './parse';
import { rateLimitFromHeaders, rateLimitWait } from './rateLimit';
import { Redactor } from '../redaction/redactor';
import { withoutKeyEcho } from './keyEcho';
import { DEFAULT_TIMEOUT_MS } from './timeout';
import { DEFAULT_RETRY_POLICY, nextRetryDelay, type RequestClass, type RetryPolicy } from './retry';
import { DEFAULT_LOG_IDLE_TIMEOUT_MS, readLogStream, type StreamOpen } from './logStream';
import { parseEndpoint, parseEndpointList, parseReleaseList, parseWorkerList } from './parseServerless';
import { Transport, TransportFailure, type HttpRequest, type HttpResponse, type HttpStream } from './transport';
import type { Wording } from './wording';
import { CLIENT_TIMEOUT } from './timeoutCodes';
import { isCancelled, raceWait, sleepUnlessCancelled, type Cancel } from '../waitRace';
import type {
  CallOptions,
  CreateSecretOptions,
  CreateOptions,
  Endpoint,
  EndpointCreateInput,
  EndpointUpdateInput,
  LogStreamItem,
  LogStreamOptions,
  Named,
  Release,
  Worker,
  GpuType,
  GpuTypeOptions,
  Pod,
  PodAction,
  PodCreateInput,
  RateLimitState,
  RequestLogEvent,
  RunpodApi,
  RunpodClientOptions,
  Secret,
  Template,
  TemplateInput,
} from './types';

const USER_AGENT = 'runpod-templates/0.1';

interface Call {
  method: HttpRequest['method'];
  /** Path below the base URL, ids already encoded. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  op: Operation;
  requestClass: RequestClass;
  /**
   * The user's Cancel, asked before each send and ending each wait (CallOptions, CreateOptions), or
   * a log stream's signal (LogStreamOptions.signal: its view was closed).
   */
  cancel?: Cancel;
}

/** A write reported to `onWrite`: `settled` once it was sent, called when its outcome is known. */
interface WriteInFlight {
  settled?: () => void;
}

const SECRETS = '/account/secrets';
const cancelOf = (options: CallOptions): Pick<Call, 'cancel'> => (options.cancel ? { cancel: options.cancel } : {});
const seg = (id: string): string => encodeURIComponent(id);
/** How a call ends at the user's Cancel: a create says nothing was created. */
const cancelled = (call: Call): CallCancelled => (call.requestClass === 'create' ? new CreateCancelled() : new CallCancelled());

/** RunPod REST v2 client; one per API key and base URL. Call `close()` when done. */
export class RunpodClient implements RunpodApi {
  /** Base URL without trailing slash, e.g. `https://api.runpod.io/v2`. */
  readonly baseUrl: string;
  private readonly host: string;
  private readonly customUrl: CustomUrl | undefined;
  private readonly surface: Surface;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly transport: Transport;
  private readonly redactor: Redactor;
  /** The API key alone (keyless). */
  private readonly keyRedactor: Redactor;
  private readonly onRequest: ((event: RequestLogEvent) => void) | undefined;
  private readonly onWrite: ((op: Operation) => () => void) | undefined;
  /** The tests' clock (their waits recorded, not waited for); undefined: real timers. */
  private readonly sleep: ((ms: number) => Promise<void>) | undefined;
  private readonly now: () => number;
  private readonly random: () => number;
  private rateLimitState: RateLimitState | undefined;

  /** Throws an 'invalid-config' RunpodApiError for a missing or malformed key or an unsafe URL. */
  constructor(options: RunpodClientOptions) {
    const apiKey = (options.apiKey ?? '').trim();
    if (!apiKey) throw new RunpodApiError('invalid-config', messages.missingKey());
    // Printable ASCII only: anything else would be rejected by undici with an error we cannot control.
    if (!/^[\x21-\x7e]+$/.test(apiKey)) throw new RunpodApiError('invalid-config', messages.badKeyFormat());
    this.apiKey = apiKey;
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.host = new URL(this.baseUrl).host;
    this.customUrl =
      this.baseUrl === DEFAULT_BASE_URL ? undefined : { source: options.baseUrlSource ?? 'the API URL', url: this.baseUrl };
    this.surface = options.surface ?? 'editor';
    this.timeoutMs = options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS;
    this.policy = {
      ...DEFAULT_RETRY_POLICY,
      ...Object.fromEntries(Object.entries(options.retry ?? {}).filter(([, v]) => typeof v === 'number')),
      maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    };
    this.redactor = options.redactor ?? new Redactor();
    for (const text of [apiKey, ...(options.sensitive ?? [])]) this.redactor.add(text);
    this.keyRedactor = new Redactor([apiKey]);
    this.onRequest = options.onRequest;
    this.onWrite = options.onWrite;
    this.sleep = options.sleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.transport = new Transport(this.timeoutMs);
  }

  /**
   * The rate-limit windows the latest answer that carried `RateLimit` headers stated (undefined
   * before any did). `resetSeconds` counts from `receivedAt` on the client's clock.
   */
  get rateLimit(): RateLimitState | undefined {
    return this.rateLimitState;
  }

  /**
   * The user asked for this (Retry, Refresh): the belief that a window is used up is dropped, so the
   * requests the refresh starts (several at once: secrets, Pods) are sent, and the first answer's
   * RateLimit headers are the belief again (a 429 is handled as any). Without this, a wrong belief
   * (a broken server, a quota raised meanwhile) would refuse requests until the window it names
   * resets. A flag for "the next request" instead let one of the refresh's requests through and
   * refused the others, and stayed set for a later unrelated one when none followed.
   */
  probeRateLimit(): void {
    this.rateLimitState = undefined;
  }

  /** Registers another string that must never appear in an error or log event of this client. */
  addSensitive(text: string): void {
    this.redactor.add(text);
  }

  /** Removes the key and every value sent so far from `text` (for callers that log server text). */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Secrets

  async listSecrets(options: CallOptions = {}): Promise<Secret[]> {
    return this.readSecrets('list secrets', options);
  }

  /**
   * The account's secret list, read under `label` (a create's own list says the create failed). No
   * target: a 404 here means the API URL points elsewhere (errors.ts), never a secret not found.
   */
  private readSecrets(label: string, options: CallOptions = {}): Promise<Secret[]> {
    return this.read(op(label, 'secrets', 'read'), SECRETS, listOf('secrets', this.secretOf), undefined, options);
  }

  async getSecret(name: string, options: CallOptions = {}): Promise<Secret> {
    const found = await this.secretByName(name, options);
    const o = op(`read secret \`${name}\``, 'secrets', 'read', name);
    const body = await this.call({ method: 'GET', path: `${SECRETS}/${seg(found.id)}`, op: o, requestClass: 'read', ...cancelOf(options) }).catch(
      (error: unknown) => {
        throw notFoundAs(error, () => secretNotFound(name, this.surface));
      },
    );
    return this.shape(() => this.secretOf(body), o);
  }

  async createSecret(input: { name: string; value: string; description?: string }, options: CreateSecretOptions = {}): Promise<Secret> {
    // Registered before anything is sent, so even an echo in the very first answer is redacted.
    this.redactor.add(input.value);
    const o = op(`create secret \`${input.name}\``, 'secrets', 'create', input.name);
    // Names are unique: checking first gives a clear message whatever status RunPod uses for a
    // duplicate, and tells a timed-out create apart from a secret that already existed.
    // Listed under the create's own operation: a failure here says the create failed, as a read
    // (never "may have reached RunPod": nothing was sent to create).
    const before = await this.readSecrets(o.label);
    if (before.some((s) => s.name === input.name)) throw duplicateSecret(input.name);
    options.onListed?.(before);
    const body: Record<string, unknown> = { name: input.name, value: input.value };
    if (input.description !== undefined) body.description = input.description;
    return this.create(
      { method: 'POST', path: SECRETS, body, op: o, requestClass: 'create' },
      this.secretOf,
      async () => (await this.listSecrets()).find((s) => s.name === input.name),
      (error) => (isDuplicateAnswer(error) ? duplicateSecret(input.name) : error),
    );
  }

  async updateSecret(name: string, patch: { value?: string; description?: string }): Promise<Secret> {
    if (patch.value === undefined && patch.description === undefined) {
      throw new RunpodApiError('validation', messages.nothingToUpdate(name));
    }
    if (patch.value !== undefined) this.redactor.add(patch.value);
    const found = await this.secretByName(name);
    const body: Record<string, unknown> = {};
    if (patch.value !== undefined) body.value = patch.value;
    if (patch.description !== undefined) body.description = patch.description;
    const what = patch.value !== undefined ? (patch.description !== undefined ? 'value and description' : 'value') : 'description';
    const o = op(`update the ${what} of secret \`${name}\``, 'secrets', 'update', name);
    return this.call({ method: 'PATCH', path: `${SECRETS}/${seg(found.id)}`, body, op: o, requestClass: 'write' }, undefined, this.secretOf).catch(
      (error: unknown) => {
        throw notFoundAs(error, () => secretNotFound(name, this.surface));
      },
    );
  }

  async deleteSecret(name: string): Promise<void> {
    const found = await this.secretByName(name);
    const o = op(`delete secret \`${name}\``, 'secrets', 'delete', name);
    try {
      await this.call({ method: 'DELETE', path: `${SECRETS}/${seg(found.id)}`, op: o, requestClass: 'write' });
    } catch (error) {
      if (error instanceof RunpodApiError && error.kind === 'not-found') throw secretNotFound(name, this.surface);
      // No answer: one list tells. Gone means done; still there may yet be done (RunPod may still be at it).
      if (error instanceof RunpodApiError && error.mayHaveSucceeded) {
        const after = await this.listSecrets().catch(() => undefined);
        if (after && !after.some((s) => s.id === found.id)) return;
        if (after) throw withMessage(error, messages.removalNotListedGone(o, lostOutcome(error), this.surface), true);
      }
      throw error;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Templates

  async listTemplates(options: CallOptions = {}): Promise<Template[]> {
    return this.read(op('list templates', 'templates', 'read'), '/templates', listOf('templates', this.keyless(parseTemplate)), undefined, options);
  }

  async getTemplate(id: string, options: CallOptions = {}): Promise<Template> {
    return this.read(op(`read template \`${id}\``, 'templates', 'read', id), `/templates/${seg(requireId(id))}`, this.keyless(parseTemplate), undefined, options);
  }

  async createTemplate(input: TemplateInput): Promise<Template> {
    const o = op(`create template \`${input.name}\``, 'templates', 'create', input.name);
    const before = await this.listTemplates();
    if (before.some((t) => t.name === input.name)) throw duplicateTemplate(input.name);
    return this.create(
      { method: 'POST', path: '/templates', body: input, op: o, requestClass: 'create' },
      this.keyless(parseTemplate),
      async () => (await this.listTemplates()).find((t) => t.name === input.name),
      (error) => (isDuplicateAnswer(error) ? duplicateTemplate(input.name) : error),
    );
  }

  async updateTemplate(id: string, patch: Partial<TemplateInput>, named: Named = {}): Promise<Template> {
    const o = op(`update ${subject('template', id, named)}`, 'templates', 'update', id);
    return this.call({ method: 'PATCH', path: `/templates/${seg(requireId(id))}`, body: patch, op: o, requestClass: 'write' }, undefined, this.keyless(parseTemplate));
  }

  // ---------------------------------------------------------------------------------------------
  // Pods

  async listPods(options: CallOptions = {}): Promise<Pod[]> {
    return this.read(op('list pods', 'pods', 'read'), '/pods', listOf('pods', this.keyless(parsePod)), undefined, options);
  }

  async getPod(id: string, options: CallOptions = {}): Promise<Pod> {
    return this.read(op(`read pod \`${id}\``, 'pods', 'read', id), `/pods/${seg(requireId(id))}`, this.keyless(parsePod), undefined, options);
  }

  async createPod(input: PodCreateInput, options: CreateOptions = {}): Promise<Pod> {
    const o = op(`launch pod \`${input.name}\``, 'pods', 'pod-create', input.name);
    const call: Call = { method: 'POST', path: '/pods', body: input, op: o, requestClass: 'create', ...cancelOf(options) };
    return this.createUnnamed(call, input.name, this.keyless(parsePod), (options) => this.listPods(options), (o, ids) => messages.podCreateAmbiguous(o, ids, this.surface));
  }

  /** Start, stop or restart: RunPod answers 200 with the updated Pod. */
  async podAction(id: string, action: Exclude<PodAction, 'terminate'>, named: Named = {}): Promise<Pod> {
    const o = op(podActionLabel(action, id, named), 'pods', 'pod-action', id);
    // Not a create: nothing to look up by name, and repeating a stop or start is not blind-safe.
    const call: Call = { method: 'POST', path: `/pods/${seg(requireId(id))}/action`, body: { action }, op: o, requestClass: 'write' };
    return this.call(call, undefined, this.keyless(parsePod)).catch((error: unknown) => {
      // Accepted (2xx) with an answer that is not a Pod: read the Pod. When that read fails too, the
      // error still says RunPod accepted the action (its own "try again" would repeat it).
      if (!(error instanceof RunpodApiError && error.kind === 'bad-response' && error.mayHaveSucceeded)) throw error;
      return this.getPod(id).catch(() => {
        throw error;
      });
    });
  }

  /**
   * Terminates a Pod. RunPod answers 204 No Content and the Pod is gone (a GET is then a 404), so
   * there is nothing to return. When the answer is lost, one GET tells: 404 means it happened.
   */
  async terminatePod(id: string, named: Named = {}): Promise<void> {
    const o = op(podActionLabel('terminate', id, named), 'pods', 'pod-action', id);
    const path = `/pods/${seg(requireId(id))}`;
    await this.tracked(async (write) => {
      try {
        await this.call({ method: 'POST', path: `${path}/action`, body: { action: 'terminate' }, op: o, requestClass: 'write' }, write);
      } catch (error) {
        if (!(error instanceof RunpodApiError) || !error.mayHaveSucceeded) throw error;
        const stillThere = await this.getPod(id).then(
          () => true,
          (lookup: unknown) => (lookup instanceof RunpodApiError && lookup.kind === 'not-found' ? false : undefined),
        );
        if (stillThere === false) return;
        if (stillThere) throw withMessage(error, messages.removalNotListedGone(o, lostOutcome(error), this.surface), true);
        throw error;
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // GPU catalog

  async listGpuTypes(options: GpuTypeOptions = {}): Promise<GpuType[]> {
    // Without product=POD, include=AVAILABILITY is a 400.
    const query = options.availability ? { include: 'AVAILABILITY', product: 'POD' } : undefined;
    return this.read(op('list GPU types', 'the GPU catalog', 'read'), '/catalog/gpus', listOf('gpus', parseGpuType), query, options);
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing

  /** A Pod, template or endpoint without an echo of the API key in any text it shows (keyEcho.ts). */
  private readonly keyless =
    <T>(parse: (value: unknown) => T) =>
    (value: unknown): T =>
      withoutKeyEcho(parse(value), (text) => this.keyRedactor.redact(text));

  /** A secret of an answer, an echo of the key or of a value sent removed from its description (parseSecret). */
  private readonly secretOf = (value: unknown): Secret => parseSecret(value, (text) => this.redactor.redact(text));

  private async secretByName(name: string, options: CallOptions = {}): Promise<Secret> {
    const found = (await this.listSecrets(options)).find((s) => s.name === name);
    if (!found) throw secretNotFound(name, this.surface);
    return found;
  }

  /**
   * POSTs a create. When the answer is lost (timeout, reset, 5xx) it does not retry: it looks the
   * object up; found means it was created. Absent after RunPod's own server error means it was not
   * (and the error says so); absent after no answer from RunPod itself (a timeout, a dropped
   * connection, a gateway that gave up: isGatewayGaveUp) proves nothing: RunPod may still be working
   * on a request that went out whole and list the object a moment later. Then absent says that, and
   * the outcome stays open (mayHaveSucceeded: Launch Pod offers the list, not Retry): with
   * `namesRepeat` (Pods, endpoints) a second create would be a second, billed one; with unique names
   * (secrets, templates) it would be refused as a duplicate, and the message says so.
   */
  private async create<T>(
    call: Call,
    parse: (body: unknown) => T,
    lookup: () => Promise<T | undefined>,
    refine: (error: RunpodApiError) => RunpodApiError,
    namesRepeat = false,
  ): Promise<T> {
    // Settled after the look-up too: until its verdict, the create may or may not have happened.
    return this.tracked(async (write) => {
      try {
        return await this.call(call, write, parse);
      } catch (error) {
        if (!(error instanceof RunpodApiError)) throw error;
        if (!error.mayHaveSucceeded) throw refine(error);
        let found: T | undefined;
        try {
          found = await lookup();
        } catch (lookupError) {
          // The lookup's own verdict (several new pods of that name) is more precise than ours.
          if (lookupError instanceof RunpodApiError && lookupError.kind === 'timeout' && lookupError.mayHaveSucceeded) throw lookupError;
          // Closed while the create was in flight: the lookup was never sent, and the message says why.
          const closed = isClientClosed(lookupError);
          throw withMessage(error, (closed ? messages.createOutcomeUncheckable : messages.createOutcomeUnknown)(call.op, lostOutcome(error), this.surface), true);
        }
        if (found !== undefined) return found;
        // Accepted (2xx), its answer unreadable, and not listed yet: its own message says to check first.
        if (error.kind === 'bad-response') throw error;
        if (error.kind === 'timeout' || error.kind === 'network' || isGatewayGaveUp(error)) {
          throw withMessage(error, messages.createNotListedYet(call.op, lostOutcome(error), this.surface, !namesRepeat), true);
        }
        // RunPod's own server error: its verdict that the create did not happen.
        throw withMessage(error, messages.serverNotCreated(call.op, error.status ?? 500), false);
      }
    });
  }

  /** A GET (retried as a read) whose answer goes through `parse`; `options`: the user's Cancel through its waits. */
  private async read<T>(o: Operation, path: string, parse: (body: unknown) => T, query?: Record<string, string>, options: CallOptions = {}): Promise<T> {
    const body = await this.call({ method: 'GET', path, ...(query ? { query } : {}), op: o, requestClass: 'read', ...cancelOf(options) });
    return this.shape(() => parse(body), o);
  }

  /** Runs a parser over a successful answer; a shape mismatch becomes 'bad-response'. */
  private shape<T>(parse: () => T, o: Operation): T {
    try {
      return parse();
    } catch (error) {
      if (error instanceof ShapeError) throw new RunpodApiError('bad-response', messages.badResponse(o, error.message));
      throw error;
    }
  }

  /**
   * One logical request with its retries; resolves with the parsed JSON body (undefined when empty),
   * or, with `answer`, with what it makes of that body. A write is reported to `onWrite` from its
   * first send until it settles, however it ends; with `write` given, the caller settles it (after
   * its own look-up, `tracked`).
   */
  private async call<T = unknown>(call: Call, write?: WriteInFlight, answer?: (body: unknown) => T): Promise<T> {
    return write ? this.attempts(call, write, answer) : this.tracked((own) => this.attempts(call, own, answer));
  }

  /**
   * Runs `body` and only then settles the write it sends: a create's or terminate's look-up after a
   * lost answer is still the "may or may not have taken effect" window, so Ctrl+C there must say so.
   */
  private async tracked<T>(body: (write: WriteInFlight) => Promise<T>): Promise<T> {
    const write: WriteInFlight = {};
    try {
      return await body(write);
    } finally {
      write.settled?.();
    }
  }

  /**
   * `answer` reads a 2xx body as the resource the write makes or changes. A body that is not one
   * (empty, `{}`, `{"ok":true}`) is as unreadable as one that is not JSON: RunPod accepted the
   * write, so it is never "try again" (unreadable: a create is looked up, an update took effect).
   */
  private async attempts<T>(call: Call, write: WriteInFlight, answer?: (body: unknown) => T): Promise<T> {
    const url = this.baseUrl + call.path + (call.query ? `?${new URLSearchParams(call.query).toString()}` : '');
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.apiKey}`,
      accept: 'application/json, application/problem+json',
      'user-agent': USER_AGENT,
    };
    let payload: string | undefined;
    if (call.body !== undefined) {
      payload = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    const isWrite = call.method !== 'GET';
    let started: number | undefined;
    for (let attempt = 1; ; attempt++) {
      await this.waitForRateLimit(call, attempt);
      if (isCancelled(call.cancel)) throw cancelled(call);
      // The retry budget counts from the first send, not from a wait for the quota.
      started ??= this.now();
      const attemptStarted = this.now();
      let error: RunpodApiError;
      let status: number | undefined;
      let transportCode: string | undefined;
      if (isWrite) write.settled ??= this.onWrite?.(call.op);
      try {
        const response = await this.send({ method: call.method, url, headers, ...(payload !== undefined ? { body: payload } : {}) }, call);
        status = response.status;
        this.noteRateLimit(response.headers);
        if (status >= 200 && status < 300) {
          let parsed: unknown;
          let unreadable: string | undefined;
          try {
            parsed = response.text.trim() === '' ? undefined : JSON.parse(response.text);
            if (parsed !== undefined && nestsTooDeeply(response.text)) unreadable = 'the answer is nested too deeply';
          } catch {
            unreadable = `HTTP ${status} with a body that is not JSON`;
          }
          if (unreadable === undefined && answer) {
            try {
              parsed = answer(parsed);
            } catch (shapeError) {
              if (!(shapeError instanceof ShapeError)) throw shapeError;
              unreadable = parsed === undefined ? `HTTP ${status} with an empty body` : shapeError.message;
            }
          }
          if (unreadable !== undefined) {
            error = this.unreadable(call, status, unreadable);
            this.log(call, status, attemptStarted, attempt, error.kind);
            throw error;
          }
          this.log(call, status, attemptStarted, attempt);
          return parsed as T;
        }
        error = errorFromResponse({
          op: call.op,
          status,
          bodyText: response.text,
          headers: response.headers,
          redact: (text) => this.redactor.redact(text),
          baseUrl: this.baseUrl,
          isWrite,
          surface: this.surface,
          now: Date.now(),
        });
      } catch (thrown) {
        if (thrown instanceof RunpodApiError) throw thrown;
        // A read called off on the wire was still sent: its line says so, as any other attempt's does.
        if (thrown instanceof CallCancelled) this.log(call, undefined, attemptStarted, attempt, 'cancelled');
        if (!(thrown instanceof TransportFailure)) throw thrown;
        transportCode = thrown.code;
        error =
          thrown.code === 'RESPONSE_TOO_LARGE'
            ? this.unreadable(call, thrown.status, 'the answer is too large')
            : errorFromTransport(thrown.code, { ...this.transportContext(call.op, isWrite), answerStarted: thrown.status !== undefined });
      }
      this.log(call, status, attemptStarted, attempt, error.kind);
      // One measure of the time spent, for the policy's budget and for the message when it gives up.
      const elapsedMs = this.now() - started;
      const delay = nextRetryDelay({ requestClass: call.requestClass, error, retriesSoFar: attempt - 1, elapsedMs, policy: this.policy, random: this.random });
      if (delay === undefined) {
        // A timeout after retries says so: "within 2 s" alone understates a wait of four attempts and their pauses.
        if (error.kind === 'timeout' && attempt > 1 && transportCode !== undefined) {
          throw errorFromTransport(transportCode, { ...this.transportContext(call.op, isWrite), tries: { attempts: attempt, elapsedMs } });
        }
        throw error;
      }
      await this.wait(delay, call);
    }
  }

  /**
   * An answer whose body cannot be read (`reason`). A 2xx to a write is RunPod's word that it was
   * done, whatever came after: "try again" would do it twice (a second, billed Pod), so it may have
   * succeeded, and a create is looked up.
   */
  private unreadable(call: Call, status: number | undefined, reason: string): RunpodApiError {
    const statusInit = status !== undefined ? { status } : {};
    if (call.method !== 'GET' && status !== undefined && status >= 200 && status < 300) {
      return new RunpodApiError('bad-response', messages.writeAnswerUnreadable(call.op, status, reason, this.surface), { status, mayHaveSucceeded: true });
    }
    return new RunpodApiError('bad-response', messages.badResponse(call.op, reason), statusInit);
  }

  /**
   * Sends one attempt. A read goes out under the call's Cancel: pressed while the read waits for its
   * answer, the call ends at once (CallCancelled) and the request is aborted, its connection let go.
   * A write, a create's POST above all, is never cut short: once sent, only its answer tells what
   * RunPod did (and whether something billed was made).
   */
  private async send(request: HttpRequest, call: Call): Promise<HttpResponse> {
    if (call.requestClass !== 'read' || !call.cancel) return this.transport.send(request);
    const abort = new AbortController();
    const raced = await raceWait(this.transport.send(request, abort.signal), { token: call.cancel });
    if (raced.kind === 'done') return raced.value;
    abort.abort();
    throw new CallCancelled('cancelled while waiting for the answer');
  }

  /**
   * Sleeps `ms` between attempts or for a rate-limit window (up to the Retry-After cap,
   * RetryPolicy.maxRetryAfterMs). A Cancel pressed during the wait ends it at once, and the call
   * with it (CallCancelled): nothing more is sent, and no timer or listener is left (waitRace.ts).
   */
  private async wait(ms: number, call: Call): Promise<void> {
    await sleepUnlessCancelled(ms, call.cancel, this.sleep);
    if (isCancelled(call.cancel)) throw cancelled(call);
  }

  /** What a transport failure's message needs to know about this client and call. */
  private transportContext(op: Operation, isWrite: boolean): TransportContext {
    return { op, host: this.host, timeoutMs: this.timeoutMs, isWrite, surface: this.surface, ...(this.customUrl ? { customUrl: this.customUrl } : {}) };
  }

  /**
   * Keeps the answer's rate-limit state, window names redacted (they are server text). An answer
   * without one keeps the previous state.
   */
  private noteRateLimit(headers: Headers): void {
    const state = rateLimitFromHeaders(headers, this.now());
    if (!state) return;
    for (const window of state.windows) window.name = this.redactor.redact(window.name);
    this.rateLimitState = state;
  }

  /**
   * Holds a request back while the last answer said a window has no request left (r=0), until that
   * window resets, instead of sending it only to get a 429. A wait beyond the Retry-After cap is
   * not waited for: the caller gets 'rate-limited' with the wait, and nothing is sent.
   */
  private async waitForRateLimit(call: Call, attempt: number): Promise<void> {
    const wait = rateLimitWait(this.rateLimitState, this.now());
    if (!wait) return;
    if (wait.waitMs > this.policy.maxRetryAfterMs) {
      const retryAfterSeconds = Math.ceil(wait.waitMs / 1000);
      // The name is server text: shown only when it is a plain word, like RunPod's minute/hour/day.
      const window = /^[A-Za-z0-9_-]{1,32}$/.test(wait.window) ? wait.window : 'rate-limit';
      const error = new RunpodApiError('rate-limited', messages.rateLimitExhausted(call.op, window, retryAfterSeconds), {
        retryAfterSeconds,
        mayHaveSucceeded: false,
      });
      this.log(call, undefined, this.now(), attempt, error.kind);
      throw error;
    }
    await this.wait(wait.waitMs, call);
  }

  private log(call: Call, status: number | undefined, startedAt: number, attempt: number, error?: string): void {
    if (!this.onRequest) return;
    // The path holds ids only; the query is left out so no value sent there can reach a log.
    const event: RequestLogEvent = { method: call.method, path: call.path, durationMs: Math.max(0, this.now() - startedAt), attempt };
    if (status !== undefined) event.status = status;
    if (error !== undefined) event.error = error;
    try {
      this.onRequest(event);
    } catch {
      // A failing logger must not fail the call.
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Serverless endpoints (shared runpod-api.md "Serverless endpoints")

  async listEndpoints(options: CallOptions = {}): Promise<Endpoint[]> {
    return this.read(op('list endpoints', 'endpoints', 'read'), '/serverless', this.keyless(parseEndpointList), undefined, options);
  }

  async getEndpoint(id: string, options: CallOptions = {}): Promise<Endpoint> {
    return this.read(op(`read endpoint \`${id}\``, 'endpoints', 'read', id), `/serverless/${seg(requireId(id))}`, this.keyless(parseEndpoint), undefined, options);
  }

  async createEndpoint(input: EndpointCreateInput, options: CreateOptions = {}): Promise<Endpoint> {
    const o = op(`deploy endpoint \`${input.name}\``, 'endpoints', 'create', input.name);
    const call: Call = { method: 'POST', path: '/serverless', body: input, op: o, requestClass: 'create', ...cancelOf(options) };
    return this.createUnnamed(call, input.name, this.keyless(parseEndpoint), (options) => this.listEndpoints(options), (o, ids) => messages.endpointCreateAmbiguous(o, ids, this.surface));
  }

  /** PATCHes an endpoint; `env` replaces the whole env, and a change of env or image makes a release. */
  async updateEndpoint(id: string, patch: EndpointUpdateInput): Promise<Endpoint> {
    const o = op(`update endpoint \`${id}\``, 'endpoints', 'update', id);
    return this.call({ method: 'PATCH', path: `/serverless/${seg(requireId(id))}`, body: patch, op: o, requestClass: 'write' }, undefined, this.keyless(parseEndpoint));
  }

  async deleteEndpoint(id: string): Promise<void> {
    const o = op(`delete endpoint \`${id}\``, 'endpoints', 'delete', id);
    try {
      await this.call({ method: 'DELETE', path: `/serverless/${seg(requireId(id))}`, op: o, requestClass: 'write' });
    } catch (error) {
      // No answer: one list tells. Gone means done; still there may yet be done (RunPod may still be at it).
      if (error instanceof RunpodApiError && error.mayHaveSucceeded) {
        const after = await this.listEndpoints().catch(() => undefined);
        if (after && !after.some((e) => e.id === id)) return;
        if (after) throw withMessage(error, messages.removalNotListedGone(o, lostOutcome(error), this.surface), true);
      }
      throw error;
    }
  }

  async listWorkers(endpointId: string, options: CallOptions = {}): Promise<Worker[]> {
    const o = op(`list the workers of endpoint \`${endpointId}\``, 'endpoints', 'read', endpointId);
    return this.read(o, `/serverless/${seg(requireId(endpointId))}/workers`, parseWorkerList, undefined, options);
  }

  /** Releases as RunPod lists them; env changes name the key only, never a value. */
  async listReleases(endpointId: string, options: CallOptions = {}): Promise<Release[]> {
    const o = op(`list the releases of endpoint \`${endpointId}\``, 'endpoints', 'read', endpointId);
    return this.read(o, `/serverless/${seg(requireId(endpointId))}/releases`, parseReleaseList, undefined, options);
  }

  /**
   * A create of something whose name need not be unique (a Pod, an endpoint). The objects that
   * existed before tell the one a lost answer created apart from an older one of the same name;
   * several new ones of that name make the outcome ambiguous, and the error says so.
   */
  private async createUnnamed<T extends { id: string; name: string }>(
    call: Call,
    name: string,
    parse: (body: unknown) => T,
    list: (options?: CallOptions) => Promise<T[]>,
    ambiguous: (o: Operation, ids: string[]) => Wording,
  ): Promise<T> {
    // The list before the create ends at the create's Cancel too, in the create's words (nothing created).
    const before = await list(cancelOf(call)).catch((error: unknown) => {
      throw error instanceof CallCancelled ? new CreateCancelled() : error;
    });
    const existing = new Set(before.map((item) => item.id));
    return this.create(
      call,
      parse,
      async () => {
        const fresh = (await list()).filter((item) => item.name === name && !existing.has(item.id));
        if (fresh.length > 1) throw new RunpodApiError('timeout', ambiguous(call.op, fresh.map((item) => item.id)), { mayHaveSucceeded: true });
        return fresh[0];
      },
      (error) => error,
      true,
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Logs (Server-Sent Events; logStream.ts reconnects and dedupes)

  /** A Pod's log: lines (as the container printed them: neutralise before display), notices, then how it ended. */
  streamPodLogs(podId: string, options: LogStreamOptions = {}): AsyncGenerator<LogStreamItem> {
    const o = op(`read the logs of pod \`${podId}\``, 'pods', 'read', podId);
    return this.logStream(o, `/pods/${seg(requireId(podId))}/logs`, options);
  }

  /** A serverless worker's log, as `streamPodLogs`. */
  streamWorkerLogs(endpointId: string, workerId: string, options: LogStreamOptions = {}): AsyncGenerator<LogStreamItem> {
    const o = { ...op(`read the logs of worker \`${workerId}\``, 'endpoints', 'read', workerId), endpointId };
    return this.logStream(o, `/serverless/${seg(requireId(endpointId))}/workers/${seg(requireId(workerId))}/logs`, options);
  }

  private logStream(o: Operation, path: string, options: LogStreamOptions): AsyncGenerator<LogStreamItem> {
    const query: Record<string, string> = {};
    if (options.tail !== undefined) query.tail = String(options.tail);
    if (options.since !== undefined) query.since = options.since;
    if (options.source !== undefined) query.source = options.source;
    const follow = options.follow ?? true;
    if (!follow) query.follow = 'false';
    // A read that does not follow is a read like any other: the whole of it is given the call
    // timeout (a stream that stalls after its headers would otherwise wait out the idle limit,
    // reconnections included). Following has no end of its own: only its idle limit applies.
    const deadline = follow ? undefined : AbortSignal.timeout(this.timeoutMs);
    const signal = deadline ? (options.signal ? AbortSignal.any([options.signal, deadline]) : deadline) : options.signal;
    // The signal ends the rate-limit wait before each (re)connection too, not only the open stream.
    const call: Call = { method: 'GET', path, query, op: o, requestClass: 'read', ...(signal ? { cancel: signal } : {}) };
    const items = readLogStream((lastEventId) => this.openEvents(call, lastEventId, { ...options, ...(signal ? { signal } : {}) }), {
      op: o,
      follow,
      ...(signal ? { signal } : {}),
      ...(options.maxReconnects !== undefined ? { maxReconnects: options.maxReconnects } : {}),
      policy: this.policy,
      ...(this.sleep ? { sleep: this.sleep } : {}),
      now: this.now,
      random: this.random,
      // A container that prints the API key or a value this client sent does not get it shown.
      redact: (text) => this.redactor.redact(text),
    });
    if (!deadline) return items;
    const timedOut = (): RunpodApiError => errorFromTransport(CLIENT_TIMEOUT, this.transportContext(o, false));
    return (async function* () {
      for await (const item of items) {
        // Ended by the deadline, not by the caller: the read's timeout, as any read that ran out of time.
        if (item.kind === 'end' && item.reason === 'aborted' && deadline.aborted && !options.signal?.aborted) throw timedOut();
        yield item;
      }
    })();
  }

  /** One attempt to open an event stream: its chunks, 204 as the end, or a RunpodApiError. */
  private async openEvents(call: Call, lastEventId: string | undefined, options: LogStreamOptions): Promise<StreamOpen> {
    await this.waitForRateLimit(call, 1);
    const started = this.now();
    const query = call.query && Object.keys(call.query).length > 0 ? `?${new URLSearchParams(call.query).toString()}` : '';
    const headers: Record<string, string> = { authorization: `Bearer ${this.apiKey}`, accept: 'text/event-stream', 'user-agent': USER_AGENT };
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
    const transportError = (code: string): RunpodApiError =>
      errorFromTransport(code, this.transportContext(call.op, false));
    let stream: HttpStream;
    try {
      stream = await this.transport.openStream(
        { method: 'GET', url: this.baseUrl + call.path + query, headers },
        { ...(options.signal ? { signal: options.signal } : {}), idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_LOG_IDLE_TIMEOUT_MS },
      );
    } catch (thrown) {
      if (!(thrown instanceof TransportFailure)) throw thrown;
      const error = transportError(thrown.code);
      this.log(call, undefined, started, 1, error.kind);
      throw error;
    }
    this.noteRateLimit(stream.headers);
    const status = stream.status;
    if (status === 204) {
      stream.close();
      this.log(call, status, started, 1);
      return { kind: 'ended' };
    }
    if (status >= 200 && status < 300) {
      const type = String(stream.headers['content-type'] ?? '');
      if (!/^text\/event-stream\b/i.test(type)) {
        stream.close();
        const error = new RunpodApiError('bad-response', messages.logStreamNotEvents(call.op, this.redactor.redact(type).slice(0, 80)), { status });
        this.log(call, status, started, 1, error.kind);
        throw error;
      }
      this.log(call, status, started, 1);
      const chunks = stream.chunks;
      return {
        kind: 'events',
        chunks: (async function* () {
          try {
            yield* chunks;
          } catch (thrown) {
            throw thrown instanceof TransportFailure ? transportError(thrown.code) : thrown;
          }
        })(),
        close: () => stream.close(),
      };
    }
    // An error answer: its problem document, read up to a small cap (it is not a stream).
    const text = await readCapped(stream, ERROR_BODY_MAX_BYTES, this.timeoutMs);
    const error = errorFromResponse({
      op: call.op,
      status,
      bodyText: text,
      headers: stream.headers,
      redact: (t) => this.redactor.redact(t),
      baseUrl: this.baseUrl,
      isWrite: false,
      surface: this.surface,
      now: Date.now(),
    });
    this.log(call, status, started, 1, error.kind);
    throw error;
  }
}

/** An error answer to a stream request is read up to this much. */
const ERROR_BODY_MAX_BYTES = 64 * 1024;

/**
 * Reads an error body up to `max` bytes and for at most `deadlineMs`: past the headers the stream
 * has only its idle timeout between chunks, and a body trickled in just under it (a byte every
 * 40 s) must not hold a log view or the command line for good, as `Transport.send`'s deadline
 * already ensures for ordinary requests.
 */
async function readCapped(stream: HttpStream, max: number, deadlineMs: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  const deadline = setTimeout(() => stream.close(), deadlineMs);
  try {
    for await (const chunk of stream.chunks) {
      parts.push(chunk.subarray(0, max - size));
      size += chunk.length;
      if (size >= max) break;
    }
  } catch {
    // A broken (or cut) error body still leaves its status to report.
  } finally {
    clearTimeout(deadline);
    stream.close();
  }
  return Buffer.concat(parts).toString('utf8');
}

function op(label: string, resource: Operation['resource'], action: Operation['action'], target?: string): Operation {
  return target === undefined ? { label, resource, action } : { label, resource, action, target };
}

function requireId(id: string): string {
  if (typeof id !== 'string' || id.trim() === '') throw new RunpodApiError('validation', 'An id is required for this RunPod call.');
  return id;
}

function secretNotFound(name: string, surface: Surface): RunpodApiError {
  return new RunpodApiError('not-found', messages.secretNotFound(name, surface));
}

function duplicateSecret(name: string): RunpodApiError {
  return new RunpodApiError('duplicate-name', messages.duplicateSecret(name));
}

function duplicateTemplate(name: string): RunpodApiError {
  return new RunpodApiError('duplicate-name', messages.duplicateTemplate(name));
}

/**
 * RunPod's newer docs answer a duplicate name on create with 409; older answers were a 400 or 422
 * whose words say so. (Those words always hold a space, which no name can: a secret called
 * `duplicate_name-already_exists` does not make every 422 about it a duplicate.)
 */
function isDuplicateAnswer(error: RunpodApiError): boolean {
  if (error.status === 409) return true;
  if (error.status !== 400 && error.status !== 422) return false;
  return saysAlreadyExists([error.message, ...error.details].join(' '));
}

function notFoundAs(error: unknown, make: () => RunpodApiError): unknown {
  return error instanceof RunpodApiError && error.kind === 'not-found' ? make() : error;
}

/** The same failure with a better-informed message (e.g. after checking whether a create happened). */
function withMessage(error: RunpodApiError, message: string | Wording, mayHaveSucceeded: boolean): RunpodApiError {
  const init = {
    details: error.details,
    mayHaveSucceeded,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.code !== undefined ? { code: error.code } : {}),
    ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
  };
  return new RunpodApiError(error.kind, message, init);
}
