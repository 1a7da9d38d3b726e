/** Tiny HTTP helper for the fake's own tests: real requests, raw body kept for leak checks. */
import type { FakeRunpod } from './index';

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when empty / not JSON. */
  json: any;
}

/** Sends `method path` (path relative to the `/v2` base) with the fake's key unless `auth` overrides it. */
export async function call(
  fake: FakeRunpod,
  method: string,
  path: string,
  body?: unknown,
  options: { auth?: string | null; rawBody?: string } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  const auth = options.auth === undefined ? `Bearer ${fake.apiKey}` : options.auth;
  if (auth !== null) headers['Authorization'] = auth;
  let payload: string | undefined = options.rawBody;
  if (body !== undefined) payload = JSON.stringify(body);
  if (payload !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(fake.url + path, { method, headers, body: payload });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Asserts the RFC 9457 shape RunPod uses and returns the problem. */
export function expectProblem(res: RawResponse, status: number): { title: string; status: number; detail: string; errors?: string[] } {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text.slice(0, 300)}`);
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${type}`);
  const p = res.json;
  if (typeof p?.title !== 'string' || p.status !== status || typeof p.detail !== 'string') throw new Error(`not a problem document: ${res.text}`);
  return p;
}

/** One event of a log stream as the fake sends it (`id` and the parsed `data`). */
export interface StreamedLine {
  id: string;
  data: { source: string; line: string; ts: string };
}

/** An open log stream: read events as they come, see how it ended. */
export interface OpenStream {
  status: number;
  headers: Headers;
  /** The next `n` events; rejects when the stream ends or breaks first. */
  take(n: number): Promise<StreamedLine[]>;
  /** Every event until the server ends the stream (rejects when the connection breaks instead). */
  rest(): Promise<StreamedLine[]>;
  /** Comment lines seen so far (`: keep-alive`). */
  comments: string[];
  close(): void;
}

/**
 * Opens `GET path` on the fake as an event stream. Parses the fake's own well-formed output
 * (`id:`/`data:` lines, blank line between events); the client's parser has its own tests.
 */
export async function openStream(fake: FakeRunpod, path: string, headers: Record<string, string> = {}): Promise<OpenStream> {
  const controller = new AbortController();
  const res = await fetch(fake.url + path, { headers: { Authorization: `Bearer ${fake.apiKey}`, ...headers }, signal: controller.signal });
  const queue: StreamedLine[] = [];
  const comments: string[] = [];
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      while (reader) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
          for (const l of block.split('\n')) if (l.startsWith(':')) comments.push(l);
          if (fields['data'] !== undefined) queue.push({ id: fields['id']!, data: JSON.parse(fields['data']) });
        }
        wake?.();
      }
    } catch (err) {
      failure = err;
    }
    ended = true;
    wake?.();
  })();
  const waitFor = async (enough: () => boolean): Promise<void> => {
    while (!enough()) {
      if (ended) {
        if (failure !== undefined && !controller.signal.aborted) throw new Error(`stream broke: ${String(failure)}`);
        if (!enough()) throw new Error(`stream ended after ${queue.length} more event(s)`);
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  return {
    status: res.status,
    headers: res.headers,
    comments,
    async take(n) {
      await waitFor(() => queue.length >= n);
      return queue.splice(0, n);
    },
    async rest() {
      await waitFor(() => ended);
      if (failure !== undefined) throw new Error(`stream broke: ${String(failure)}`);
      return queue.splice(0);
    },
    close() {
      controller.abort();
    },
  };
}
