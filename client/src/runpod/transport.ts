/**
 * One HTTP exchange over undici: a single dispatcher per client (keep-alive connection reuse,
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment via EnvHttpProxyAgent), connect, header
 * and body timeouts, and a response size cap. Failures are reduced to an error code: undici errors
 * can hold sockets and request data, so they are never passed on.
 */
import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { transportCode, type Headers } from './errors';

/** Larger answers are refused; no RunPod list comes near this. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

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

/** Thrown into undici when the caller's signal stops a stream. */
const ABORT_REASON = Object.freeze({ code: 'ABORTED' });

/** A failed exchange, described only by its code (e.g. ECONNRESET, UND_ERR_HEADERS_TIMEOUT). */
export class TransportFailure extends Error {
  override readonly name = 'TransportFailure';
  constructor(readonly code: string) {
    super(code);
  }
}

/** Thrown into undici by our own deadline, so the failure is recognisably a timeout. */
const DEADLINE_REASON = Object.freeze({ code: 'CLIENT_TIMEOUT' });

export class Transport {
  private readonly dispatcher: Dispatcher;

  constructor(private readonly timeoutMs: number) {
    // EnvHttpProxyAgent is a plain Agent when no proxy variable is set, and honours NO_PROXY.
    this.dispatcher = new EnvHttpProxyAgent({
      connect: { timeout: timeoutMs },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      keepAliveTimeout: 10_000,
    });
  }

  /** Sends one request; resolves with any status, rejects only with a TransportFailure. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    // undici's timeouts name the phase that stalled; this deadline is the backstop for a body that
    // trickles in just fast enough to dodge bodyTimeout. A small margin lets undici's fire first.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(DEADLINE_REASON), this.timeoutMs + 250);
    try {
      const response = await request(req.url, {
        dispatcher: this.dispatcher,
        method: req.method,
        headers: req.headers,
        body: req.body ?? null,
        signal: controller.signal,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          response.body.destroy();
          throw new TransportFailure('RESPONSE_TOO_LARGE');
        }
        chunks.push(chunk);
      }
      return { status: response.statusCode, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') };
    } catch (error) {
      if (error instanceof TransportFailure) throw error;
      throw new TransportFailure(controller.signal.aborted ? 'CLIENT_TIMEOUT' : transportCode(error));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes idle connections and refuses new requests. */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  /**
   * Opens a long-lived response (a log stream) on the same dispatcher: the connect and headers
   * deadline of `send`, no total deadline, and `idleTimeoutMs` between body chunks instead. The
   * body is read chunk by chunk with no size cap (the reader bounds what it keeps). Rejects, and
   * the chunks fail, only with a TransportFailure (`ABORTED` when `signal` ended it).
   */
  async openStream(req: HttpRequest, options: { signal?: AbortSignal; idleTimeoutMs: number }): Promise<HttpStream> {
    const controller = new AbortController();
    const stop = (): void => controller.abort(ABORT_REASON);
    if (options.signal?.aborted) stop();
    options.signal?.addEventListener('abort', stop, { once: true });
    const failure = (error: unknown): TransportFailure =>
      error instanceof TransportFailure
        ? error
        : new TransportFailure(controller.signal.reason === ABORT_REASON ? 'ABORTED' : controller.signal.aborted ? 'CLIENT_TIMEOUT' : transportCode(error));
    const release = (): void => options.signal?.removeEventListener('abort', stop);
    const pending = request(req.url, {
      dispatcher: this.dispatcher,
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
        reject(new TransportFailure('CLIENT_TIMEOUT'));
      }, this.timeoutMs + 250);
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

