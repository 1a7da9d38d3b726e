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
