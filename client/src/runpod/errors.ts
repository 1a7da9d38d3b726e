/**
 * The one error type of the API client, and the mapping from an HTTP answer or a transport failure
 * to it. Messages come from `messages.ts`; anything taken from a server body or header passes
 * through the client's redactor first, so an echoed API key or secret value never reaches a
 * message, a detail, the stack or JSON. Raw undici errors are never attached: only their code.
 */
import type { RunpodErrorKind } from './types';
import { messages, type CustomUrl, type LostOutcome, type Operation, type Surface, type Tries } from './messages';
import { plainName } from '../ui/plainName';
import { believedWaitSeconds } from './serverWait';
import { nestsTooDeeply } from './parse';
import { Wording, type Leaving } from './wording';
import { isConnectTimeout, isTimeoutCode } from './timeoutCodes';

export interface RunpodApiErrorInit {
  status?: number;
  details?: string[];
  retryAfterSeconds?: number;
  /** Transport error code (ECONNRESET, UND_ERR_HEADERS_TIMEOUT, ...) for network and timeout kinds. */
  code?: string;
  /**
   * For writes: true when the request may have reached RunPod before the failure (timeout, reset,
   * 5xx), false when it certainly did not (connection refused, 429). Undefined for reads.
   */
  mayHaveSucceeded?: boolean;
}

/** A failed RunPod API call: `kind` decides handling, `message` is ready to show to the user. */
export class RunpodApiError extends Error {
  override readonly name = 'RunpodApiError';
  readonly kind: RunpodErrorKind;
  readonly status?: number;
  /** RunPod's `errors` list and other server-provided specifics, redacted. */
  readonly details: string[];
  readonly retryAfterSeconds?: number;
  readonly code?: string;
  readonly mayHaveSucceeded?: boolean;
  /** The message in its parts (wording.ts), kept beside `message` by every change made here. */
  private parts: Wording;
  /** The changes rewordEach made, applied again to what is appended. */
  private readonly rewordings: ((text: string) => string)[] = [];

  constructor(kind: RunpodErrorKind, message: string | Wording, init: RunpodApiErrorInit = {}) {
    super(message.toString());
    this.parts = Wording.of(message);
    this.kind = kind;
    this.details = init.details ?? [];
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
    if (init.code !== undefined) this.code = init.code;
    if (init.mayHaveSucceeded !== undefined) this.mayHaveSucceeded = init.mayHaveSucceeded;
  }

  /** The message without the parts a line says itself: the operation it names, the step of listing again. */
  messageWithout(leaving: Leaving): string {
    return this.parts.text(leaving);
  }

  /** The message in its parts, for a caller that passes them on (Rotate's restart report). */
  get wording(): Wording {
    return this.parts;
  }

  /** Whether the message itself sends the user to a list again (as made, not as its words read). */
  sendsToList(): boolean {
    return this.parts.has('listAgain');
  }

  /**
   * Adds `more` to the end of the message (its parts too). The changes made so far (redactions)
   * apply to the joined text again: `more` could complete what the message ends with.
   */
  append(more: string | Wording): void {
    this.parts = this.rewordings.reduce((parts, change) => parts.map(change), this.parts.concat(more));
    this.message = this.parts.text();
  }

  /**
   * Applies `change` (a redaction) to the message and its parts, and to whatever is appended later.
   * The parts are changed as one text where a match crosses their boundary (Wording.map).
   */
  rewordEach(change: (text: string) => string): void {
    // A message set from outside is the one shown: its text replaces the parts.
    if (this.message !== this.parts.text()) this.parts = Wording.of(this.message);
    this.rewordings.push(change);
    this.parts = this.parts.map(change);
    this.message = this.parts.text();
  }

  /** Plain data for logs and `--format json`; the same redacted fields, nothing else. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      details: this.details,
      retryAfterSeconds: this.retryAfterSeconds,
      code: this.code,
      mayHaveSucceeded: this.mayHaveSucceeded,
    };
  }
}

/** A call called off (CallOptions.cancel) before its request was sent again, or at all, or a read while it waited for its answer. */
export class CallCancelled extends Error {
  override readonly name: string = 'CallCancelled';
  constructor(message = 'cancelled before the request was sent') {
    super(message);
  }
}

/** A create called off (CreateOptions.cancel) before its request was sent: nothing was created. */
export class CreateCancelled extends CallCancelled {
  override readonly name = 'CreateCancelled';
  constructor() {
    super('cancelled before the request was sent: nothing was created');
  }
}

/** Type guard usable across bundles (checks the shape, not only the prototype). */
export function isRunpodApiError(error: unknown): error is RunpodApiError {
  return (
    error instanceof RunpodApiError ||
    (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'RunpodApiError')
  );
}

// ---------------------------------------------------------------------------------------------
// HTTP answers

export type Headers = Record<string, string | string[] | undefined>;

/** The fields of an RFC 9457 problem document we use, plus the shapes other gateways send. */
export interface Problem {
  title?: string;
  detail?: string;
  errors: string[];
}

const MAX_DETAILS = 20;
const MAX_TEXT = 500;

/**
 * Makes server text safe to show: redacted first (so truncation can never cut a secret in half and
 * leave a prefix), then made one plain line (plainName: the shared display rule, and no
 * `[text](target)` link, which a notification would render, command: targets included), then shortened.
 */
function cleanServerText(text: string, redact: (text: string) => string): string {
  const visible = plainName(redact(text)).replace(/\s+/g, ' ').trim();
  return visible.length > MAX_TEXT ? `${visible.slice(0, MAX_TEXT)}…` : visible;
}

function describeErrorItem(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  if (typeof item !== 'object' || item === null) return item === undefined ? undefined : String(item);
  const record = item as Record<string, unknown>;
  const message = [record.message, record.detail, record.msg].find((v) => typeof v === 'string') as string | undefined;
  const field = [record.field, record.path, record.loc, record.pointer].find((v) => typeof v === 'string' || Array.isArray(v));
  const where = Array.isArray(field) ? field.join('.') : (field as string | undefined);
  if (message) return where ? `${where}: ${message}` : message;
  return JSON.stringify(item);
}

/** Reads a problem document (or a GraphQL/legacy error body); unreadable bodies give an empty problem. */
export function parseProblem(bodyText: string, redact: (text: string) => string): Problem {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return { errors: [] };
  }
  // Its details are walked (JSON.stringify of an error item): a body nested too deep is unread.
  if (nestsTooDeeply(bodyText)) return { errors: [] };
  if (typeof body !== 'object' || body === null) return { errors: [] };
  const record = body as Record<string, unknown>;
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim() ? cleanServerText(value, redact) : undefined;
  const rawErrors = Array.isArray(record.errors) ? record.errors : [];
  const errors = rawErrors
    .slice(0, MAX_DETAILS)
    .map(describeErrorItem)
    .filter((item): item is string => !!item && item.trim() !== '')
    .map((item) => cleanServerText(item, redact));
  const problem: Problem = { errors };
  const title = text(record.title);
  const detail = text(record.detail) ?? text(record.message) ?? text(record.error);
  if (title) problem.title = title;
  if (detail) problem.detail = detail;
  return problem;
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** What every HTTP date has: a month's name and a four-digit year. */
const HTTP_DATE_PARTS = [/\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/, /\b\d{4}\b/];

/** Seconds to wait from a `Retry-After` header (delta seconds or an HTTP date); undefined if absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // An HTTP date (RFC 9110 5.6.7) names its month and, as sent today, a four-digit year: Date.parse
  // also reads "-5", "1.5", "abc 5" or "Mon 5" as days of 2001, a wait of 0 s.
  if (!HTTP_DATE_PARTS.every((part) => part.test(trimmed))) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * Text that says a name is taken, in the words APIs commonly use. Only wording about a name or an
 * existing object, and always more than one word (so a name, which has no spaces, never matches on
 * its own): a bare "duplicate" or "conflict" is as often about a field or a state.
 */
export function saysAlreadyExists(text: string): boolean {
  return /already (exists|in use|taken)|duplicate (name|secret|template|entry|key)|not unique|must be unique|unique constraint|name (is )?(already )?(taken|in use)/i.test(text);
}

export interface ResponseContext {
  op: Operation;
  status: number;
  bodyText: string;
  headers: Headers;
  redact: (text: string) => string;
  /** Base URL without credentials, for the "check the URL" hint on a 404 from a list. */
  baseUrl: string;
  /** True for requests that change something (decides the wording of a 5xx). */
  isWrite: boolean;
  /** Where the message is read (how it words looking at the account again). */
  surface: Surface;
  now?: number;
}

/**
 * Maps a non-2xx answer to a RunpodApiError. Duplicate names and "not found by name" are decided by
 * the client, which knows the name; this maps what the status alone says.
 */
export function errorFromResponse(ctx: ResponseContext): RunpodApiError {
  const { op, status } = ctx;
  const problem = parseProblem(ctx.bodyText, ctx.redact);
  const details = [...problem.errors];
  const requestId = header(ctx.headers, 'x-request-id') ?? header(ctx.headers, 'request-id');
  if (requestId) details.push(`Request id: ${cleanServerText(requestId, ctx.redact)}`);
  // The detail sentence: RunPod's own words, or the errors list when there is no detail.
  const said = problem.detail ?? (problem.errors.length ? problem.errors.join('; ') : problem.title);
  const init = { status, details };

  switch (true) {
    case status === 401:
      return new RunpodApiError('unauthorized', messages.unauthorized(), init);
    case status === 403:
      return new RunpodApiError('forbidden', messages.forbidden(op), init);
    case status === 402:
      return new RunpodApiError('insufficient-balance', messages.insufficientBalance(op), init);
    case status === 404 && op.action === 'read' && op.target === undefined:
      // A list always exists on RunPod (runpod-api.md): a 404 on one means the API URL points
      // elsewhere. Decided here, once, so every surface sends the user to the settings.
      return new RunpodApiError('invalid-config', messages.listNotFound(op, ctx.baseUrl), init);
    case status === 404:
      return new RunpodApiError('not-found', messages.notFound(op, ctx.surface, said), init);
    case status === 409:
      return new RunpodApiError(
        'conflict',
        op.action === 'pod-action' ? messages.podActionConflict(op, ctx.surface, said) : messages.conflict(op, said),
        init,
      );
    case status === 400 && op.action === 'pod-create':
      // RunPod: "400 may mean no capacity (no machine-readable code)". Keep its words in details.
      return new RunpodApiError('no-capacity', messages.noCapacity(), {
        status,
        details: said && !details.includes(said) ? [said, ...details] : details,
      });
    case status === 400 || status === 422:
      return new RunpodApiError('validation', messages.validation(op, status, problem.errors.length > 0, said), init);
    case status === 429: {
      const asked = parseRetryAfter(header(ctx.headers, 'retry-after'), ctx.now);
      // The message words what the server asked; the error carries only what the client believes.
      const retryAfterSeconds = asked === undefined ? undefined : believedWaitSeconds(asked);
      return new RunpodApiError('rate-limited', messages.rateLimited(op, asked), {
        ...init,
        ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
        mayHaveSucceeded: false,
      });
    }
    case status >= 500:
      return new RunpodApiError('server', messages.server(op, status, ctx.isWrite, ctx.surface), {
        ...init,
        ...(ctx.isWrite ? { mayHaveSucceeded: true } : {}),
      });
    default:
      return new RunpodApiError('bad-response', messages.unexpectedStatus(op, status, said), init);
  }
}

/**
 * A 502 or 504 is a gateway in front of RunPod that stopped waiting for it (or lost the connection),
 * not RunPod's verdict: the request may still be running there. Cloudflare's 520 (the origin sent
 * no valid answer) and 524 (the origin took too long) say the same after the request reached
 * RunPod; its 521-523 say the origin was never reached, so they are left out.
 */
const GATEWAY_GAVE_UP = new Set([502, 504, 520, 524]);
export const isGatewayGaveUp = (error: RunpodApiError): boolean => error.kind === 'server' && error.status !== undefined && GATEWAY_GAVE_UP.has(error.status);

/** How a write that may have happened ended, for its message: a status is an answer, a code is none. */
export function lostOutcome(error: RunpodApiError): LostOutcome {
  if (error.code === undefined && error.status !== undefined) return { status: error.status, gateway: isGatewayGaveUp(error) };
  return { code: error.code ?? error.kind };
}

// ---------------------------------------------------------------------------------------------
// Transport failures

/**
 * Raised by a closed client (the window's key, API URL or account changed while a flow held it)
 * before the request is sent: nothing was done, and asking again on that client cannot help.
 */
export const CLIENT_CLOSED = 'CLIENT_CLOSED';

/** A request a closed client refused (CLIENT_CLOSED): nothing was sent, and asking that client again cannot help. */
export function isClientClosed(error: unknown): boolean {
  return error instanceof RunpodApiError && error.code === CLIENT_CLOSED;
}

/** Codes raised before the request left this machine: retrying cannot duplicate anything. Timeouts: timeoutCodes.ts. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  CLIENT_CLOSED,
]);

/**
 * A certificate refused during the TLS handshake: OpenSSL's verify errors as Node names them
 * (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, UNABLE_TO_VERIFY_LEAF_SIGNATURE, ...) and Node's
 * own name check, ERR_TLS_CERT_ALTNAME_INVALID. undici reports these codes as they are. The
 * handshake comes before any byte of the request, so nothing was sent.
 */
function isCertificateCode(code: string): boolean {
  return /^(CERT_|CRL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|ERROR_IN_(CERT|CRL)_|INVALID_CA$|INVALID_PURPOSE$|PATH_LENGTH_EXCEEDED$|HOSTNAME_MISMATCH$|ERR_TLS_CERT_ALTNAME_INVALID$)/.test(code);
}

/** TLS problems do not go away by retrying; they need the user's attention. */
export function isTlsCode(code: string): boolean {
  return isCertificateCode(code) || /^(ERR_TLS|ERR_SSL|ERR_OSSL)/.test(code);
}

/**
 * The code of a proxy (HTTPS_PROXY, HTTP_PROXY) that answered the CONNECT with a status other
 * than 200: `PROXY_STATUS_407`. undici says so only in the words of its error (proxy-agent.js), under
 * the code of any aborted request, which read as "could not reach RunPod, check the API URL".
 */
const PROXY_REFUSAL = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling/;
const PROXY_STATUS = /^PROXY_STATUS_(\d{3})$/;

/** The status a proxy refused the tunnel with, from its code (`PROXY_STATUS_407`); undefined for any other code. */
export function proxyRefusalStatus(code: string): number | undefined {
  const match = PROXY_STATUS.exec(code);
  return match ? Number(match[1]) : undefined;
}

/**
 * The code of an answer that is not HTTP: another service at the API URL's port (an SSH banner), or
 * a broken proxy's header (a bare CR, a folded line). undici's parser error carries no code of its
 * own, which read as "could not reach RunPod (UNKNOWN)", when the connection was made and answered.
 */
export const NOT_HTTP = 'NOT_HTTP';

/** The most specific error code on an error, its cause chain or an AggregateError's members. */
export function transportCode(error: unknown, depth = 0): string {
  if (typeof error !== 'object' || error === null || depth > 4) return 'UNKNOWN';
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown; message?: unknown; name?: unknown };
  const refused = typeof record.message === 'string' ? PROXY_REFUSAL.exec(record.message) : null;
  if (refused) return `PROXY_STATUS_${refused[1]}`;
  if (record.name === 'HTTPParserError') return NOT_HTTP;
  if (typeof record.code === 'string' && record.code !== 'UND_ERR_SOCKET' && record.code !== 'UND_ERR_ABORTED') return record.code;
  for (const inner of [record.cause, ...(Array.isArray(record.errors) ? record.errors : [])]) {
    const code = transportCode(inner, depth + 1);
    if (code !== 'UNKNOWN') return code;
  }
  return typeof record.code === 'string' ? record.code : 'UNKNOWN';
}

export interface TransportContext {
  op: Operation;
  host: string;
  timeoutMs: number;
  isWrite: boolean;
  /** Where the message is read (how it words looking at the account again). */
  surface: Surface;
  /** Set when the base URL is not RunPod's: a network error then points at that setting. */
  customUrl?: CustomUrl;
  /** Set when the client gives up after retries: a timeout then says how many and how long in all. */
  tries?: Tries;
  /** The answer had begun (its status came) when the connection failed: RunPod was reached. */
  answerStarted?: boolean;
}

/** Maps an error code from the transport to a RunpodApiError (never wrapping the raw error). */
export function errorFromTransport(code: string, ctx: TransportContext): RunpodApiError {
  // Other TLS failures (a bad record) can come after the request went out: only a certificate's is certainly before.
  const proxyStatus = proxyRefusalStatus(code);
  // A refused tunnel carried nothing to RunPod: the request goes out only inside it.
  const notSent = NOT_SENT_CODES.has(code) || isConnectTimeout(code) || isCertificateCode(code) || proxyStatus !== undefined;
  const mayHaveSucceeded = ctx.isWrite ? !notSent : undefined;
  const init = { code, ...(mayHaveSucceeded !== undefined ? { mayHaveSucceeded } : {}) };
  if (isTimeoutCode(code)) {
    return new RunpodApiError('timeout', messages.timeout(ctx.op, ctx.timeoutMs, mayHaveSucceeded === true, ctx.surface, ctx.tries), init);
  }
  if (isCertificateCode(code)) return new RunpodApiError('network', messages.tls(ctx.host, code), init);
  if (isTlsCode(code)) return new RunpodApiError('network', messages.tlsFailed(ctx.op, ctx.host, code, mayHaveSucceeded === true, ctx.surface), init);
  if (code === CLIENT_CLOSED) return new RunpodApiError('network', messages.clientClosed(ctx.op), init);
  if (proxyStatus !== undefined) return new RunpodApiError('network', messages.proxyRefused(ctx.op, ctx.host, proxyStatus), init);
  // The answer had begun when the connection went (closed, UND_ERR_SOCKET; reset, ECONNRESET; ...):
  // RunPod was reached, so not "could not reach", whatever the code.
  if (ctx.answerStarted === true) return new RunpodApiError('network', messages.answerCut(ctx.op, ctx.host, code, mayHaveSucceeded === true, ctx.surface, ctx.customUrl), init);
  if (code === NOT_HTTP) return new RunpodApiError('network', messages.notHttp(ctx.op, ctx.host, mayHaveSucceeded === true, ctx.surface, ctx.customUrl), init);
  return new RunpodApiError('network', messages.network(ctx.op, ctx.host, code, mayHaveSucceeded === true, ctx.surface, ctx.customUrl), init);
}
