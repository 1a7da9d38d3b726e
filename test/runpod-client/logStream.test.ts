/**
 * Log streams through the API client: against the fake over real HTTP (backfill, follow, drops
 * resumed with Last-Event-ID without a duplicate or a lost line, a Pod that disappears), against
 * scripted openers (a server that resends lines at the resume point, repeated failures, abort in
 * a wait) and against hostile servers (a 10 MB line, no line break ever, silence, the wrong type).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLIENT_CLOSED, errorFromTransport, RunpodApiError } from '../../client/src/runpod/errors';
import { Redactor } from '../../client/src/redaction/redactor';
import { compareEventIds, LOG_RECONNECTS_PER_MINUTE, MAX_LOG_TAIL, readLogStream, type StreamOpen } from '../../client/src/runpod/logStream';
import type { LogStreamItem } from '../../client/src/runpod/types';
import { DEFAULT_RETRY_POLICY } from '../../client/src/runpod/retry';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { clientFor, type Harness } from './helpers';
import { untilATimerIsSet } from '../helpers/timers';

const BOOT_MS = 1000;
const INTERVAL_MS = 1000;
const RTX = { id: 'NVIDIA GeForce RTX 4090', count: 1 };
let fake: FakeRunpod;
let h: Harness;
let clock = Date.parse('2026-09-01T12:00:00Z');

beforeAll(async () => {
  fake = await startFakeRunpod({ seed: true, podBootMs: BOOT_MS, logIntervalMs: INTERVAL_MS, streamPollMs: 20, rateLimitPerMinute: 10_000, now: () => clock });
  h = clientFor(fake);
});
afterAll(async () => {
  await h.client.close();
  await fake.close();
});

async function collect(stream: AsyncIterable<LogStreamItem>, until?: (items: LogStreamItem[]) => boolean): Promise<LogStreamItem[]> {
  const items: LogStreamItem[] = [];
  for await (const item of stream) {
    items.push(item);
    if (until?.(items)) break;
  }
  return items;
}
/** What a stream gave before it failed, and its error (undefined when it ended). */
async function collectUntilError(stream: AsyncIterable<LogStreamItem>): Promise<{ items: LogStreamItem[]; error: unknown }> {
  const items: LogStreamItem[] = [];
  try {
    for await (const item of stream) items.push(item);
    return { items, error: undefined };
  } catch (error) {
    return { items, error };
  }
}
const lines = (items: LogStreamItem[]) => items.flatMap((i) => (i.kind === 'line' ? [i.line] : []));
const ends = (items: LogStreamItem[]) => items.flatMap((i) => (i.kind === 'end' ? [i.reason] : []));

async function runningPod(env: Record<string, string> = {}): Promise<string> {
  const pod = await h.client.createPod({ name: 'logs', image: 'img:1', gpu: RTX, env });
  clock += BOOT_MS + 100;
  return pod.id;
}

describe('against the fake', () => {
  it('reads the backfill and ends when the server ends a stream that does not follow', async () => {
    const id = await runningPod({ TOKEN: '{{ RUNPOD_SECRET_missing-token }}' });
    clock += 3 * INTERVAL_MS;
    const items = await collect(h.client.streamPodLogs(id, { follow: false }));
    expect(lines(items)).toEqual([
      'Pulling image img:1',
      'Image pulled; creating container',
      'Container started',
      'TOKEN={{ RUNPOD_SECRET_missing-token }}',
      'Application started',
      'heartbeat 1: up 1s',
      'heartbeat 2: up 2s',
      'heartbeat 3: up 3s',
    ]);
    expect(items.at(-1)).toEqual({ kind: 'end', reason: 'complete' });
    const first = items[0]!;
    expect(first).toMatchObject({ kind: 'line', source: 'system', id: expect.stringMatching(/^2026-09-01T12:00:00\.\d{3}Z$/) });
    expect(h.events.at(-1)).toMatchObject({ method: 'GET', path: `/pods/${id}/logs`, status: 200 });
  });

  it('resumes after drops with Last-Event-ID: the same lines as an unbroken read, none twice, none lost', async () => {
    const id = await runningPod();
    clock += 40 * INTERVAL_MS;
    const unbroken = lines(await collect(h.client.streamPodLogs(id, { follow: false, tail: 5000 })));
    fake.faults.inject({ dropAfterEvents: 7 }, { path: `/pods/${id}/logs`, times: 3 });
    const items = await collect(h.client.streamPodLogs(id, { follow: false, tail: 5000 }));
    expect(lines(items)).toEqual(unbroken);
    expect(items.filter((i) => i.kind === 'notice')).toHaveLength(3);
    expect(ends(items)).toEqual(['complete']);
    const requests = fake.inspect().requests.filter((r) => r.path === `/v2/pods/${id}/logs`);
    expect(requests.slice(-4).map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it('follows new lines as the pod runs, through a clean close too, and stops on abort', async () => {
    const id = await runningPod();
    const controller = new AbortController();
    fake.faults.inject({ dropAfterEvents: 2, dropCleanly: true }, { path: `/pods/${id}/logs` });
    const stream = h.client.streamPodLogs(id, { tail: 0, signal: controller.signal });
    const seen: string[] = [];
    const done = (async () => {
      for await (const item of stream) {
        if (item.kind === 'line') {
          seen.push(item.line);
          if (seen.length === 4) controller.abort();
        }
        if (item.kind === 'end') return item.reason;
      }
      return 'no end';
    })();
    // tail=0 starts at the fake's clock when the request arrives: move the clock only after that.
    const opened = () => fake.inspect().requests.filter((r) => r.path === `/v2/pods/${id}/logs`).length;
    while (opened() === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    for (let i = 0; i < 4; i++) {
      clock += INTERVAL_MS;
      while (seen.length <= i) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await done).toBe('aborted');
    expect(seen).toEqual(['heartbeat 1: up 1s', 'heartbeat 2: up 2s', 'heartbeat 3: up 3s', 'heartbeat 4: up 4s']);
  });

  it('ends as "gone" when the pod is deleted while it is followed; an unknown pod is a not-found error', async () => {
    const id = await runningPod();
    const stream = h.client.streamPodLogs(id, { tail: 1 });
    const first = await stream.next();
    expect(first.value).toMatchObject({ kind: 'line' });
    await fetch(`${fake.url}/pods/${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${fake.apiKey}` } });
    const rest = await collect(stream);
    expect(ends(rest)).toEqual(['gone']);
    await expect(collect(h.client.streamPodLogs('nosuchpod', { follow: false }))).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('the client\'s tail range (MAX_LOG_TAIL, used by the CLI) is the one the fake enforces', async () => {
    const id = await runningPod();
    for (const tail of [0, 1, MAX_LOG_TAIL, MAX_LOG_TAIL + 1]) {
      const outcome = await collect(h.client.streamPodLogs(id, { follow: false, tail })).then(
        () => 'ok',
        (e: RunpodApiError) => e.status,
      );
      expect([tail, outcome]).toEqual([tail, tail <= MAX_LOG_TAIL ? 'ok' : 400]);
    }
  });

  it('a worker replaced by a new release: its stream completes (the server says 204 on resume)', async () => {
    const template = fake.inspect().templates.find((t) => t.name === 'sd-worker')!;
    const endpoint = await h.client.createEndpoint({ name: 'logs-ep', templateId: template.id, gpu: { pools: ['ADA_24'] } });
    clock += BOOT_MS + 100;
    const [worker] = await h.client.listWorkers(endpoint.id);
    const stream = h.client.streamWorkerLogs(endpoint.id, worker!.id, { tail: 0 });
    const pending = collect(stream);
    await h.client.updateEndpoint(endpoint.id, { image: 'img:2' });
    clock += 10;
    const items = await pending;
    expect(lines(items)).toEqual(['Worker stopped: replaced by a worker of a newer release']);
    expect(ends(items)).toEqual(['complete']);
  });
});

describe('reconnection rules (scripted server)', () => {
  const enc = (text: string) => new TextEncoder().encode(text);
  const event = (id: string, line: string) => `id: ${id}\ndata: ${JSON.stringify({ source: 'container', line, ts: id })}\n\n`;
  const ts = (n: number) => `2026-09-01T12:00:00.${String(n).padStart(3, '0')}Z`;
  const op = { label: 'read the logs of pod `p`', resource: 'pods' as const, action: 'read' as const, target: 'p' };
  const policy = { ...DEFAULT_RETRY_POLICY };

  function scripted(answers: Array<(lastEventId: string | undefined) => StreamOpen | Error>) {
    const asked: Array<string | undefined> = [];
    const open = async (lastEventId: string | undefined): Promise<StreamOpen> => {
      asked.push(lastEventId);
      const answer = answers.shift();
      if (!answer) throw new Error('no more answers');
      const result = answer(lastEventId);
      if (result instanceof Error) throw result;
      return result;
    };
    return { open, asked };
  }
  const events = (text: string, breakWith?: Error): StreamOpen => ({
    kind: 'events',
    chunks: (async function* () {
      yield enc(text);
      if (breakWith) throw breakWith;
    })(),
    close: () => undefined,
  });
  const reset = () => new RunpodApiError('network', 'reset', { code: 'ECONNRESET' });

  it('skips what the server resends at the resume point (the same line, an older one) but keeps new lines that share its ts', async () => {
    const { open, asked } = scripted([
      () => events(event(ts(1), 'a') + event(ts(2), 'b') + event(ts(2), 'c'), reset()),
      () => events(event(ts(1), 'a') + event(ts(2), 'b') + event(ts(2), 'c') + event(ts(2), 'd') + event(ts(3), 'e') + event(ts(1), 'late but new')),
    ]);
    const sleeps: number[] = [];
    const items = await collect(readLogStream(open, { op, follow: false, policy, sleep: async (ms) => void sleeps.push(ms) }));
    expect(lines(items)).toEqual(['a', 'b', 'c', 'd', 'e', 'late but new']);
    expect(asked).toEqual([undefined, ts(2)]);
    expect(sleeps).toHaveLength(1);
  });

  it('gives up after maxReconnects failures in a row with a clear error; a line in between resets the count', async () => {
    const { open } = scripted([
      () => reset(),
      () => events(event(ts(1), 'one'), reset()),
      () => reset(),
      () => reset(),
      () => reset(),
    ]);
    const items: LogStreamItem[] = [];
    const read = async () => {
      for await (const item of readLogStream(open, { op, follow: true, maxReconnects: 2, policy, sleep: async () => undefined })) items.push(item);
    };
    const error = await read().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RunpodApiError);
    expect((error as RunpodApiError).message).toBe(
      'Lost the connection while trying to read the logs of pod `p`: 2 reconnection attempts in a row failed (last: ECONNRESET). Check your connection and run it again.',
    );
    expect(lines(items)).toEqual(['one']);
    const notices = items.filter((i) => i.kind === 'notice').map((i) => (i as { text: string }).text);
    // The first failure came before any connection: nothing was interrupted then.
    expect(notices[0]).toMatch(/^Could not connect to the log stream \(ECONNRESET\); trying again in \d/);
    expect(notices[1]).toMatch(/^The log stream was interrupted \(ECONNRESET\); reconnecting in \d/);
  });

  it('a first connection that never answers is retried as any read, says it got no answer (it did connect), then gives the read\'s own error', async () => {
    const timeout = () => new RunpodApiError('timeout', 'RunPod did not answer within 30 s to read the logs of pod `p`.', { code: 'UND_ERR_HEADERS_TIMEOUT' });
    const { open, asked } = scripted(Array.from({ length: 10 }, () => timeout));
    const items: LogStreamItem[] = [];
    const read = async () => {
      for await (const item of readLogStream(open, { op, follow: true, policy, sleep: async () => undefined })) items.push(item);
    };
    const error = await read().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(asked).toHaveLength(policy.maxRetries + 1);
    expect((error as RunpodApiError).message).toBe('RunPod did not answer within 30 s to read the logs of pod `p`.');
    const notices = items.map((i) => (i as { text: string }).text);
    expect(notices).toHaveLength(policy.maxRetries);
    // Each notice names the attempt about to be made: the first failed, so the next is attempt 2.
    for (const [n, text] of notices.entries()) expect(text).toMatch(new RegExp(`^Got no answer from the log stream \\(UND_ERR_HEADERS_TIMEOUT\\); trying again in .* \\(attempt ${n + 2} of ${policy.maxRetries + 1}\\)\\.$`));
  });

  it('a first connection that hangs to the read limit each time: the notices count the attempts the overall limit leaves, and that many are made', async () => {
    // Each attempt waits the whole read limit (30 s) for an answer, on the clock the budget runs on.
    let now = 0;
    const hang = () => {
      now += 30_000;
      return new RunpodApiError('timeout', 'RunPod did not answer within 30 s to read the logs of pod `p`.', { code: 'UND_ERR_HEADERS_TIMEOUT' });
    };
    const { open, asked } = scripted(Array.from({ length: 10 }, () => hang));
    const sleep = async (ms: number) => {
      now += ms;
    };
    const { items, error } = await collectUntilError(readLogStream(open, { op, follow: true, policy, sleep, now: () => now, random: () => 0.5 }));
    expect((error as RunpodApiError).kind).toBe('timeout');
    // Two 30 s attempts fill the 60 s a read gets (retry.ts maxTotalMs): the notice says 2, not the 4 the count alone allows.
    expect(asked).toHaveLength(2);
    expect(items.map((i) => (i as { text: string }).text)).toEqual([expect.stringMatching(/\(attempt 2 of 2\)\.$/)]);
  });

  it("a first connection the server rations (429, Retry-After: 25) waits what it asks each time, and the notices count the attempts the minute leaves for such waits", async () => {
    // The count took the backoff's 1 s and 2 s pauses after the first wait: "attempt 2 of 4", then it stopped at 3.
    let now = 0;
    const rationed = () => new RunpodApiError('rate-limited', 'RunPod is rate limiting requests.', { status: 429, retryAfterSeconds: 25 });
    const { open, asked } = scripted(Array.from({ length: 10 }, () => rationed));
    const slept: number[] = [];
    const sleep = async (ms: number) => {
      slept.push(ms);
      now += ms;
    };
    const { items, error } = await collectUntilError(readLogStream(open, { op, follow: true, policy, sleep, now: () => now }));
    expect((error as RunpodApiError).kind).toBe('rate-limited');
    expect(slept).toEqual([25_000, 25_000]);
    expect(asked).toHaveLength(3);
    expect(items.map((i) => (i as { text: string }).text)).toEqual([expect.stringMatching(/\(attempt 2 of 3\)\.$/), expect.stringMatching(/\(attempt 3 of 3\)\.$/)]);
  });

  it.each([
    [10, 4],
    [18, 4],
    [25, 3],
  ])('a first connection rationed with Retry-After: %i s: the notices count the attempts made, and each that fits the minute is made (%i)', async (seconds, made) => {
    // Attempts at 0, 18, 36 and 54 s fit the minute: the count once took the pauses waited for time spent
    // in each attempt, said "attempt 2 of 4", then "3 of 3", and gave up with a fourth attempt still in it.
    let now = 0;
    const rationed = () => new RunpodApiError('rate-limited', 'RunPod is rate limiting requests.', { status: 429, retryAfterSeconds: seconds });
    const { open, asked } = scripted(Array.from({ length: 10 }, () => rationed));
    const sleep = async (ms: number) => {
      now += ms;
    };
    const { items, error } = await collectUntilError(readLogStream(open, { op, follow: true, policy, sleep, now: () => now }));
    expect((error as RunpodApiError).kind).toBe('rate-limited');
    expect(asked).toHaveLength(made);
    expect(items.map((i) => (i as { text: string }).text)).toEqual(Array.from({ length: made - 1 }, (_, n) => expect.stringMatching(new RegExp(`\\(attempt ${n + 2} of ${made}\\)\\.$`))));
  });

  it('failures before the first connection do not count against the reconnections of the stream that then opens', async () => {
    const { open, asked } = scripted([...Array.from({ length: policy.maxRetries }, () => reset), () => events('', reset()), () => reset(), () => reset()]);
    const { items, error } = await collectUntilError(readLogStream(open, { op, follow: true, maxReconnects: 2, policy, sleep: async () => undefined }));
    // Connected on the last attempt a read gets, dropped before any line, then 2 reconnections failed.
    expect(asked).toHaveLength(policy.maxRetries + 1 + 2);
    expect((error as RunpodApiError).message).toMatch(/: 2 reconnection attempts in a row failed \(last: ECONNRESET\)/);
    const notices = items.map((i) => (i as { text: string }).text);
    expect(notices.filter((t) => t.startsWith('The log stream was interrupted'))).toHaveLength(2);
  });

  it('does not reconnect after an error that retrying cannot fix (401, 404 before any stream)', async () => {
    const { open, asked } = scripted([() => new RunpodApiError('unauthorized', 'RunPod rejected the API key (401).', { status: 401 })]);
    await expect(collect(readLogStream(open, { op, follow: true, policy, sleep: async () => undefined }))).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(asked).toHaveLength(1);
  });

  it('does not reconnect on a client the switch of account, key or URL closed: it says so once', async () => {
    const { open, asked } = scripted([() => errorFromTransport(CLIENT_CLOSED, { op, host: 'rest.runpod.io', timeoutMs: 1000, isWrite: false, surface: 'editor' })]);
    const error = await collect(readLogStream(open, { op, follow: true, policy, sleep: async () => undefined })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(asked).toHaveLength(1);
    expect((error as RunpodApiError).code).toBe(CLIENT_CLOSED);
    expect((error as RunpodApiError).message).toMatch(/client was closed/);
  });

  it('an open stream that drops and whose reconnection meets an expired certificate stops at once with the TLS message, as a read does', async () => {
    const expired = () => errorFromTransport('CERT_HAS_EXPIRED', { op, host: 'rest.runpod.io', timeoutMs: 1000, isWrite: false, surface: 'editor' });
    const { open, asked } = scripted([() => events(event(ts(1), 'one'), reset()), ...Array.from({ length: 10 }, () => expired)]);
    const { items, error } = await collectUntilError(readLogStream(open, { op, follow: true, policy, sleep: async () => undefined }));
    expect(asked).toHaveLength(2);
    expect((error as RunpodApiError).message).toBe(expired().message);
    expect(lines(items)).toEqual(['one']);
  });

  it('a TLS error that drops an open stream (a bad record, a proxy\'s alert) is reconnected; a reconnection refused for its certificate then stops at once', async () => {
    const tls = (code: string) => () => errorFromTransport(code, { op, host: 'rest.runpod.io', timeoutMs: 1000, isWrite: false, surface: 'editor' });
    const badRecord = tls('ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC');
    const { open, asked } = scripted([() => events(event(ts(1), 'one'), badRecord()), () => events(event(ts(2), 'two'), badRecord()), tls('CERT_HAS_EXPIRED')]);
    const { items, error } = await collectUntilError(readLogStream(open, { op, follow: true, policy, sleep: async () => undefined }));
    expect(lines(items)).toEqual(['one', 'two']);
    expect(asked).toHaveLength(3);
    expect((error as RunpodApiError).message).toBe(tls('CERT_HAS_EXPIRED')().message);
  });

  it('a 429 on reconnection waits its Retry-After, and one longer than the policy waits for ends the stream', async () => {
    const limited = (seconds: number) => () => new RunpodApiError('rate-limited', 'Too many requests.', { status: 429, retryAfterSeconds: seconds });
    const { open } = scripted([() => events(event(ts(1), 'one'), reset()), limited(7), limited(policy.maxRetryAfterMs / 1000 + 1)]);
    const sleeps: number[] = [];
    const error = await collect(readLogStream(open, { op, follow: true, policy, sleep: async (ms) => void sleeps.push(ms) })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(sleeps.slice(1)).toEqual([7000]);
    expect((error as RunpodApiError).status).toBe(429);
  });

  it('a server that closes cleanly after every line is reconnected at most LOG_RECONNECTS_PER_MINUTE times a minute, said once', async () => {
    // The client's clock, moved by its sleeps: a simulated minute, no real wait.
    let now = 0;
    let n = 0;
    const asked: number[] = [];
    const open = async (): Promise<StreamOpen> => {
      asked.push(now);
      n++;
      return events(`retry: 100\n` + event(ts(n % 1000), `line ${n}`));
    };
    const sleep = async (ms: number) => void (now += ms);
    const items = await collect(readLogStream(open, { op, follow: true, policy, sleep, now: () => now }), () => now >= 60_000);
    const inFirstMinute = asked.filter((at) => at < 60_000);
    // The first open and the minute's reconnections.
    expect(inFirstMinute).toHaveLength(1 + LOG_RECONNECTS_PER_MINUTE);
    const notices = items.flatMap((i) => (i.kind === 'notice' ? [i.text] : []));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^The log stream keeps closing; reconnecting at most 6 times a minute to spare the API key's request quota \(next in \d+(\.\d)? s\)\.$/);
    expect(lines(items).length).toBe(asked.length);
  });

  it('an abort during the wait before reconnecting ends the stream at once', async () => {
    const controller = new AbortController();
    const { open } = scripted([() => reset()]);
    const never = () => new Promise<void>(() => undefined);
    const stream = readLogStream(open, { op, follow: true, policy, sleep: never, signal: controller.signal });
    const items: LogStreamItem[] = [];
    const done = (async () => {
      for await (const item of stream) {
        items.push(item);
        if (item.kind === 'notice') controller.abort();
      }
    })();
    await done;
    expect(ends(items)).toEqual(['aborted']);
  });

  it('an abort in the middle of a real wait ends it at once and leaves no timer behind (waitRace.ts)', async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const { open, asked } = scripted([() => reset()]);
      // No sleep given: the client's own, real timers.
      const stream = readLogStream(open, { op, follow: true, policy, signal: controller.signal });
      expect((await stream.next()).value).toMatchObject({ kind: 'notice' });
      const next = stream.next();
      await untilATimerIsSet();
      controller.abort();
      expect((await next).value).toEqual({ kind: 'end', reason: 'aborted' });
      expect(vi.getTimerCount()).toBe(0);
      expect(asked).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('an oversized event becomes a notice and still moves the resume point', async () => {
    const big = `id: ${ts(2)}\ndata: ${'x'.repeat(5000)}\n\n`;
    const { open, asked } = scripted([() => events(event(ts(1), 'a') + big, reset()), () => events(big + event(ts(3), 'c'))]);
    const items = await collect(readLogStream(open, { op, follow: false, policy, sleep: async () => undefined, random: () => 0, limits: { maxLineBytes: 1000, maxEventBytes: 1000 } }));
    expect(items.map((i) => (i.kind === 'line' ? i.line : i.kind === 'notice' ? i.text : i.reason))).toEqual([
      'a',
      '[a log line longer than 1000 bytes was skipped]',
      'The log stream was interrupted (ECONNRESET); reconnecting in 0.3 s (attempt 1 of 5).',
      'c',
      'complete',
    ]);
    expect(asked[1]).toBe(ts(2));
  });

  it('an id that cannot be sent back as a header (a control character, 300 characters) is not a resume point', async () => {
    const { open, asked } = scripted([
      () => events(event(ts(1), 'a') + event('bad\u0001id', 'b') + event('x'.repeat(300), 'c'), reset()),
      () => events(event(ts(2), 'd')),
    ]);
    const items = await collect(readLogStream(open, { op, follow: false, policy, sleep: async () => undefined }));
    expect(lines(items)).toEqual(['a', 'b', 'c', 'd']);
    expect(asked).toEqual([undefined, ts(1)]);
  });

  it('orders RFC 3339 ids at any precision; ids that are not timestamps are never treated as older', () => {
    expect(compareEventIds('2026-09-01T12:00:00.000000001Z', '2026-09-01T12:00:00Z')).toBe(1);
    expect(compareEventIds('2026-09-01T12:00:00.5Z', '2026-09-01T12:00:00.500Z')).toBe(0);
    expect(compareEventIds('2026-09-01T12:00:00.499999Z', '2026-09-01T12:00:00.5Z')).toBe(-1);
    expect(compareEventIds('2026-09-01T14:00:00+02:00', '2026-09-01T12:00:00Z')).toBe(0);
    expect(compareEventIds('abc', 'abd')).toBe(1);
    expect(compareEventIds('abc', 'abc')).toBe(0);
  });
});

describe('hostile servers', () => {
  let server: http.Server;
  let base: string;
  let behaviour: (req: http.IncomingMessage, res: http.ServerResponse) => void = () => undefined;
  let written = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => behaviour(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const sse = (res: http.ServerResponse) => res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  const hostileClient = () => clientFor({ url: base, apiKey: 'rp_test_key' } as FakeRunpod);

  it('a 10 MB line is skipped with a notice and the stream goes on', async () => {
    behaviour = (_req, res) => {
      sse(res);
      res.write('id: 1\ndata: ');
      const block = 'A'.repeat(1024 * 1024);
      for (let i = 0; i < 10; i++) res.write(block);
      res.end(`\n\nid: 2\ndata: ${JSON.stringify({ source: 'container', line: 'after', ts: '2' })}\n\n`);
    };
    const { client } = hostileClient();
    const items = await collect(client.streamPodLogs('p', { follow: false }));
    await client.close();
    expect(items.map((i) => i.kind)).toEqual(['notice', 'line', 'end']);
    expect(items[0]).toEqual({ kind: 'notice', text: '[a log line longer than 1 MiB was skipped]' });
  });

  it('a server that never sends a line break is read until the caller stops, holding nothing', async () => {
    written = 0;
    behaviour = (_req, res) => {
      sse(res);
      const chunk = 'x'.repeat(64 * 1024);
      const pump = () => {
        while (!res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
      };
      pump();
    };
    const controller = new AbortController();
    const { client } = hostileClient();
    const pending = collect(client.streamPodLogs('p', { signal: controller.signal }));
    while (written < 20 * 1024 * 1024) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    expect(ends(await pending)).toEqual(['aborted']);
    await client.close();
  });

  it('a stream that goes silent is dropped after the idle timeout and retried, then given up', async () => {
    let opened = 0;
    behaviour = (_req, res) => {
      opened++;
      sse(res);
      res.write(': hello\n\n');
    };
    const { client, sleeps } = hostileClient();
    const error = await collect(client.streamPodLogs('p', { idleTimeoutMs: 150, maxReconnects: 1 })).then(
      () => undefined,
      (e: unknown) => e,
    );
    await client.close();
    expect(error).toMatchObject({ kind: 'timeout', code: 'UND_ERR_BODY_TIMEOUT' });
    expect((error as Error).message).toMatch(/1 reconnection attempts in a row failed \(last: UND_ERR_BODY_TIMEOUT\)/);
    expect(opened).toBe(2);
    expect(sleeps).toHaveLength(1);
  });

  it('a container that prints the API key does not get it shown', async () => {
    behaviour = (_req, res) => {
      sse(res);
      res.end(`id: 1\ndata: ${JSON.stringify({ source: 'container', line: 'key is rp_test_key, see', ts: '1' })}\n\n`);
    };
    const { client } = hostileClient();
    const items = await collect(client.streamPodLogs('p', { follow: false }));
    await client.close();
    expect(lines(items)).toEqual(['key is [redacted], see']);
  });

  it('a value another client of the session sent is redacted too, when the clients share the session redactor (the editor makes a new client after each key or setting change)', async () => {
    const shared = new Redactor();
    const value = 'hf_value_sent_by_an_earlier_client_8c1f';
    const earlier = clientFor(fake, { redactor: shared }).client;
    await earlier.createSecret({ name: 'shared-redactor-secret', value });
    await earlier.close();
    behaviour = (_req, res) => {
      sse(res);
      res.end(`id: 1\ndata: ${JSON.stringify({ source: 'container', line: `HF_TOKEN=${value}`, ts: '1' })}\n\n`);
    };
    const { client } = clientFor({ url: base, apiKey: 'rp_test_key' } as FakeRunpod, { redactor: shared });
    const items = await collect(client.streamPodLogs('p', { follow: false }));
    await client.close();
    expect(lines(items)).toEqual(['HF_TOKEN=[redacted]']);
    // And the later client's key joins the same redactor: the log that shares it hides it too.
    expect(shared.redact('rp_test_key')).toBe('[redacted]');
  });

  it('a server that accepts and never answers is a timeout at the request deadline, retried as any read, then given up', async () => {
    let opened = 0;
    behaviour = () => void opened++; // no headers, ever
    const { client } = clientFor({ url: base, apiKey: 'rp_test_key' } as FakeRunpod, { timeoutMs: 200 });
    const error = await collect(client.streamPodLogs('p', { maxReconnects: 1 })).then(
      () => undefined,
      (e: unknown) => e,
    );
    await client.close();
    expect(error).toMatchObject({ kind: 'timeout' });
    // Never connected: the read's budget (retry.ts), not the reconnections', and the read's own words.
    expect((error as Error).message).toMatch(/^RunPod did not answer within 0.2 s to read the logs of pod `p`\./);
    expect(opened).toBe(DEFAULT_RETRY_POLICY.maxRetries + 1);
  });

  it('an error answer whose body trickles in is read only until the request deadline, then reported', async () => {
    behaviour = (_req, res) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.write('{'); // then nothing more, the connection held open
    };
    const { client } = clientFor({ url: base, apiKey: 'rp_test_key' } as FakeRunpod, { timeoutMs: 200 });
    const error = await collect(client.streamPodLogs('p', { maxReconnects: 0 })).then(
      () => undefined,
      (e: unknown) => e,
    );
    await client.close();
    expect(error).toMatchObject({ kind: 'server' });
  });

  it('a 200 that is not an event stream is a bad response, not something to parse', async () => {
    behaviour = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"lines": []}');
    };
    const { client } = hostileClient();
    await expect(collect(client.streamPodLogs('p'))).rejects.toMatchObject({ kind: 'bad-response' });
    await client.close();
  });

  it('sends the key only as a bearer header and the resume point as Last-Event-ID', async () => {
    const seen: Array<Record<string, unknown>> = [];
    let n = 0;
    behaviour = (req, res) => {
      seen.push({ url: req.url, auth: req.headers.authorization, last: req.headers['last-event-id'], accept: req.headers.accept });
      if (n++ === 0) {
        sse(res);
        res.end(`id: 7\ndata: ${JSON.stringify({ source: 'system', line: 'x', ts: '7' })}\n\n`);
      } else {
        res.writeHead(204);
        res.end();
      }
    };
    const { client } = hostileClient();
    const items = await collect(client.streamPodLogs('p', { tail: 3, source: 'system' }));
    await client.close();
    expect(ends(items)).toEqual(['complete']);
    expect(seen).toEqual([
      { url: '/v2/pods/p/logs?tail=3&source=system', auth: 'Bearer rp_test_key', last: undefined, accept: 'text/event-stream' },
      { url: '/v2/pods/p/logs?tail=3&source=system', auth: 'Bearer rp_test_key', last: '7', accept: 'text/event-stream' },
    ]);
  });
});
