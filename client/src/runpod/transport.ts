/**
 * One HTTP exchange over undici: keep-alive connection reuse, HTTPS_PROXY / HTTP_PROXY / NO_PROXY
 * from the environment (EnvHttpProxyAgent) for every host but this machine, connect, header and
 * body timeouts, a header and a response size cap, and a deadline that holds whatever the
 * dispatcher does. Failures are reduced to an error code: undici errors can hold sockets and
 * request data, so they are never passed on. A redirect is never followed (undici's `request`
 * follows none without its redirect interceptor): a 3xx is an unexpected answer, so the key and a
 * secret value never reach the host it names (transport.test.ts 'a redirect from the API server').
 */
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { API_ANSWER_MAX_BYTES } from '../../../server/src/template/apiAnswers';
import { isLoopbackHost } from './baseUrl';
import { CLIENT_CLOSED, transportCode, type Headers } from './errors';
import { CLIENT_TIMEOUT } from './timeoutCodes';

/** Larger answers are refused (apiAnswers.ts, where the language server bounds a secret list by it too). */
const MAX_RESPONSE_BYTES = API_ANSWER_MAX_BYTES;
/**
 * Node's default, stated here so NODE_OPTIONS=--max-http-header-size cannot lift it: a server that
 * sends headers without end is cut off at this size.
 */
const MAX_HEADER_BYTES = 16 * 1024;
/**
 * undici's own timeouts name the phase that stalled; the deadline comes after them. undici runs
 * its header and body timeouts on its "fast timers", which tick every 499 ms and start counting at
 * the first tick after they are set: one fires up to about half a second after its time (a 250 ms
 * margin lost that race now and then, and a stall was reported as CLIENT_TIMEOUT or as
 * UND_ERR_HEADERS_TIMEOUT by chance).
 */
const DEADLINE_MARGIN_MS = 1_000;
/** How long an aborted exchange may take to end before its dispatcher is taken for stuck (Transport.retire). */
const ABORT_GRACE_MS = 1_000;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** An open streaming response: iterate `chunks`, or `close` it to let go of the connection. */
export interface HttpStream {
  status: number;
  headers: Headers;
  chunks: AsyncIterable<Buffer>;
  close(): void;
}

/** Thrown into undici when the caller's signal stops an exchange (a log stream, a read called off). */
const ABORT_REASON = Object.freeze({ code: 'ABORTED' });

/**
 * A failed exchange, described only by its code (e.g. ECONNRESET, UND_ERR_HEADERS_TIMEOUT), and
 * the status when one came before the failure (RESPONSE_TOO_LARGE: a 2xx to a write was done).
 */
export class TransportFailure extends Error {
  override readonly name = 'TransportFailure';
  constructor(
    readonly code: string,
    readonly status?: number,
  ) {
    super(code);
  }
}

/** Thrown into undici by our own deadline, so the failure is recognisably a timeout. */
const DEADLINE_REASON = Object.freeze({ code: CLIENT_TIMEOUT });

/** An exchange's own controller, aborted (ABORT_REASON) with the caller's `signal`; `release` stops listening to it. */
function controlled(signal: AbortSignal | undefined): { controller: AbortController; release(): void } {
  const controller = new AbortController();
  const stop = (): void => controller.abort(ABORT_REASON);
  if (signal?.aborted) stop();
  signal?.addEventListener('abort', stop, { once: true });
  return { controller, release: () => signal?.removeEventListener('abort', stop) };
}

/** Why an exchange was aborted: the caller's signal (`ABORTED`), our deadline, or not aborted (undefined). */
function abortCode(signal: AbortSignal): string | undefined {
  if (!signal.aborted) return undefined;
  return signal.reason === ABORT_REASON ? 'ABORTED' : CLIENT_TIMEOUT;
}

type Route = 'direct' | 'environment';

export class Transport {
  /** Created on first use and after a deadline retired the previous one. */
  private readonly dispatchers = new Map<Route, Dispatcher>();
  private closed = false;

  constructor(private readonly timeoutMs: number) {}

  /**
   * Sends one request; resolves with any status, rejects only with a TransportFailure, and always
   * settles by the deadline: undici's timeouts cover the usual stalls, but some failures (a proxy
   * that drops every CONNECT makes undici 7 reconnect in a tight loop) never reach them, and a
   * body can trickle in just fast enough to dodge bodyTimeout. `signal` (a read the user called
   * off) aborts the exchange, and its connection with it: it then fails as `ABORTED`.
   */
  async send(req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    if (this.closed) throw new TransportFailure(CLIENT_CLOSED);
    const route = routeOf(req.url);
    const dispatcher = this.dispatcher(route);
    const { controller, release } = controlled(signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort(DEADLINE_REASON);
        this.retire(route, dispatcher, exchange);
        reject(new TransportFailure(CLIENT_TIMEOUT));
      }, this.timeoutMs + DEADLINE_MARGIN_MS);
    });
    const exchange = this.exchange(req, dispatcher, controller.signal);
    // After the deadline nobody waits for the exchange; its late failure must not go unhandled.
    exchange.catch(() => undefined);
    try {
      return await Promise.race([exchange, deadline]);
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  /**
   * Refuses new requests (CLIENT_CLOSED, before anything is sent) and closes the connections once
   * idle: undici's close lets a request in flight finish, so a write the user already started
   * still lands and its answer still reaches the caller.
   */
  async close(): Promise<void> {
    this.closed = true;
    const open = [...this.dispatchers.values()];
    this.dispatchers.clear();
    await Promise.all(open.map((dispatcher) => dispatcher.close()));
  }

  private async exchange(req: HttpRequest, dispatcher: Dispatcher, signal: AbortSignal): Promise<HttpResponse> {
    // Set once the answer has begun: a failure after it (a reset, a close mid-body) carries it, as RunPod was reached.
    let status: number | undefined;
    try {
      const response = await request(req.url, {
        dispatcher,
        method: req.method,
        headers: req.headers,
        body: req.body ?? null,
        signal,
      });
      status = response.statusCode;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          response.body.destroy();
          throw new TransportFailure('RESPONSE_TOO_LARGE', response.statusCode);
        }
        chunks.push(chunk);
      }
      return { status: response.statusCode, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') };
    } catch (error) {
      if (error instanceof TransportFailure) throw error;
      throw new TransportFailure(abortCode(signal) ?? transportCode(error), status);
    }
  }

  /** @throws TransportFailure('INVALID_PROXY') when a proxy variable is not a URL (its text, which may hold a password, is dropped) */
  private dispatcher(route: Route): Dispatcher {
    let dispatcher = this.dispatchers.get(route);
    if (!dispatcher) {
      const options = {
        connect: { timeout: this.timeoutMs },
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        keepAliveTimeout: 10_000,
        maxHeaderSize: MAX_HEADER_BYTES,
      };
      // EnvHttpProxyAgent reads the proxy variables now, honours NO_PROXY, and is a plain Agent
      // when no proxy is set.
      try {
        dispatcher = route === 'direct' ? new Agent(options) : new EnvHttpProxyAgent(options);
      } catch {
        throw new TransportFailure('INVALID_PROXY');
      }
      this.dispatchers.set(route, dispatcher);
    }
    return dispatcher;
  }

  /**
   * After a deadline aborted `exchange` on `dispatcher`. New requests get a fresh dispatcher at once,
   * and this one closes once the exchanges still on it end: another request to the same server may
   * be answered within its own deadline, and destroying the dispatcher would cut it like a dropped
   * connection. But an abort is only a request, and a dispatcher stuck in a reconnect loop (a proxy
   * that drops every CONNECT) ignores it and keeps a CPU busy: when the abort has not ended the
   * exchange within {@link ABORT_GRACE_MS}, the dispatcher is destroyed, which ends the loop.
   */
  private retire(route: Route, dispatcher: Dispatcher, exchange: Promise<unknown>): void {
    if (this.dispatchers.get(route) === dispatcher) this.dispatchers.delete(route);
    const grace = setTimeout(() => void dispatcher.destroy().catch(() => undefined), ABORT_GRACE_MS);
    // Cleanup only: a CLI whose work is done exits now rather than lingering up to a second for it.
    grace.unref();
    const settled = (): void => clearTimeout(grace);
    exchange.then(settled, settled);
    void dispatcher.close().catch(() => undefined);
  }

  /**
   * Opens a long-lived response (a log stream) on the same dispatcher: the connect and headers
   * deadline of `send`, no total deadline, and `idleTimeoutMs` between body chunks instead. The
   * body is read chunk by chunk with no size cap (the reader bounds what it keeps). Rejects, and
   * the chunks fail, only with a TransportFailure (`ABORTED` when `signal` ended it).
   */
  async openStream(req: HttpRequest, options: { signal?: AbortSignal; idleTimeoutMs: number }): Promise<HttpStream> {
    if (this.closed) throw new TransportFailure(CLIENT_CLOSED);
    const route = routeOf(req.url);
    const dispatcher = this.dispatcher(route);
    const { controller, release } = controlled(options.signal);
    const failure = (error: unknown): TransportFailure =>
      error instanceof TransportFailure
        ? error
        : new TransportFailure(abortCode(controller.signal) ?? transportCode(error));
    const pending = request(req.url, {
      dispatcher,
      method: req.method,
      headers: req.headers,
      body: req.body ?? null,
      signal: controller.signal,
      bodyTimeout: options.idleTimeoutMs,
    });
    // The headers deadline holds even if the dispatcher ignores the abort; an answer that comes
    // after it is let go at once.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let late = false;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        late = true;
        controller.abort(DEADLINE_REASON);
        this.retire(route, dispatcher, pending);
        reject(new TransportFailure(CLIENT_TIMEOUT));
      }, this.timeoutMs + DEADLINE_MARGIN_MS);
    });
    pending.then((answer) => late && answer.body.destroy(), () => undefined);
    let response: Dispatcher.ResponseData;
    try {
      response = await Promise.race([pending, deadline]);
    } catch (error) {
      release();
      throw failure(error);
    } finally {
      clearTimeout(timer);
    }
    const body = response.body;
    // An abort destroys the body with an error even when nobody is reading it at that moment;
    // the iterator below still sees it, this keeps it from being an uncaught 'error' event.
    body.on('error', () => undefined);
    async function* chunks(): AsyncGenerator<Buffer> {
      try {
        for await (const chunk of body as AsyncIterable<Buffer>) yield chunk;
      } catch (error) {
        throw failure(error);
      } finally {
        body.destroy();
        release();
      }
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      chunks: chunks(),
      close: () => {
        body.destroy();
        release();
      },
    };
  }
}

/**
 * This machine is never reached through a proxy: the key and the values would cross the proxy in
 * clear text (the fake API is plain http on loopback), and a proxy could not reach it anyway.
 */
function routeOf(url: string): Route {
  return isLoopbackHost(new URL(url).hostname) ? 'direct' : 'environment';
}
