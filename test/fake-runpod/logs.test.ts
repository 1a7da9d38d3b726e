/**
 * The fake's log streams over real HTTP (Server-Sent Events): backfill with tail/since/source,
 * Last-Event-ID resume, lines produced as the clock moves, a drop fault, and the line a container
 * prints when a secret reference was left literal. Plus the pure line generator: windows of a log
 * never repeat or skip a line, whatever the cut points.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from './index';
import { linesBetween, type Boot } from './logLines';
import { call, expectProblem, openStream } from './testHelpers';

const BOOT_MS = 1000;
const INTERVAL_MS = 1000;
const RTX = { id: 'NVIDIA GeForce RTX 4090', count: 1 };
let fake: FakeRunpod;
let clock = Date.parse('2026-09-01T12:00:00Z');

beforeAll(async () => {
  fake = await startFakeRunpod({ seed: true, podBootMs: BOOT_MS, logIntervalMs: INTERVAL_MS, streamPollMs: 20, rateLimitPerMinute: 10_000, now: () => clock });
});
afterAll(() => fake.close());

async function launch(env: Record<string, string> = {}): Promise<string> {
  const res = await call(fake, 'POST', '/pods', { name: 'logs', image: 'img:1', gpu: RTX, env });
  if (res.status !== 201) throw new Error(res.text);
  return res.json.id;
}

describe('pod logs', () => {
  it('serves text/event-stream events whose id is the ts, data {source, line, ts}; the last 100 by default', async () => {
    const id = await launch();
    clock += BOOT_MS + 200 * INTERVAL_MS;
    const stream = await openStream(fake, `/pods/${id}/logs?follow=false`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await stream.rest();
    expect(events).toHaveLength(100);
    for (const e of events) {
      expect(e.id).toBe(e.data.ts);
      expect(['container', 'system']).toContain(e.data.source);
    }
    expect(events.map((e) => e.data.line).at(-1)).toBe('heartbeat 200: up 200s');
    const ids = events.map((e) => Date.parse(e.id));
    expect(ids.every((t, i) => i === 0 || t > ids[i - 1]!)).toBe(true);
  });

  it('tail, since and source choose the backfill; bad values are 400; an unknown pod 404', async () => {
    const id = await launch();
    clock += BOOT_MS + 10 * INTERVAL_MS;
    const lines = async (query: string) => (await (await openStream(fake, `/pods/${id}/logs?follow=false&${query}`)).rest()).map((e) => e.data);
    expect((await lines('tail=2')).map((l) => l.line)).toEqual(['heartbeat 9: up 9s', 'heartbeat 10: up 10s']);
    expect(await lines('tail=0')).toEqual([]);
    expect((await lines('source=system')).map((l) => l.line)).toEqual(['Pulling image img:1', 'Image pulled; creating container', 'Container started']);
    const all = await lines('tail=5000');
    const since = all[5]!.ts;
    expect(await lines(`since=${since}`)).toEqual(all.slice(5));
    for (const bad of ['tail=5001', 'tail=-1', 'tail=abc', 'source=stdout', 'since=yesterday']) {
      const res = await call(fake, 'GET', `/pods/${id}/logs?${bad}`);
      expect(expectProblem(res, 400).detail).toMatch(/invalid log request/);
    }
    expectProblem(await call(fake, 'GET', '/pods/nosuchpod/logs'), 404);
  });

  it('Last-Event-ID resumes right after that line and wins over tail and since', async () => {
    const id = await launch();
    clock += BOOT_MS + 20 * INTERVAL_MS;
    const all = await (await openStream(fake, `/pods/${id}/logs?follow=false&tail=5000`)).rest();
    const resumed = await (await openStream(fake, `/pods/${id}/logs?follow=false&tail=1&since=${all.at(-1)!.id}`, { 'Last-Event-ID': all[3]!.id })).rest();
    expect(resumed).toEqual(all.slice(4));
  });

  it('follows: new lines arrive as the pod runs, and a drop fault cuts the stream after N events; resuming loses and repeats nothing', async () => {
    const id = await launch();
    clock += BOOT_MS + 100;
    const first = await openStream(fake, `/pods/${id}/logs?tail=0`);
    fake.faults.inject({ dropAfterEvents: 3 }, { path: `/pods/${id}/logs` });
    clock += 2 * INTERVAL_MS;
    expect((await first.take(2)).map((e) => e.data.line)).toEqual(['heartbeat 1: up 1s', 'heartbeat 2: up 2s']);
    first.close();

    const dropped = await openStream(fake, `/pods/${id}/logs?tail=5000`);
    clock += 5 * INTERVAL_MS;
    await expect(dropped.rest()).rejects.toThrow(/stream broke/);
    const before = await (await openStream(fake, `/pods/${id}/logs?follow=false&tail=5000`)).rest();
    expect(before.length).toBeGreaterThan(3);
    const resumed = await openStream(fake, `/pods/${id}/logs?tail=5000`, { 'Last-Event-ID': before[2]!.id });
    clock += INTERVAL_MS;
    const after = await resumed.take(before.length - 3 + 1);
    resumed.close();
    expect(after.map((e) => e.id)).toEqual([...before.slice(3).map((e) => e.id), expect.any(String)]);
    expect(after.at(-1)!.data.line).toBe('heartbeat 8: up 8s');
  });

  it('prints the literal placeholder of each reference that did not resolve (never a secret value), and shows stop and restart', async () => {
    const id = await launch({ HF_TOKEN: '{{ RUNPOD_SECRET_hf-tokn }}', DB: 'postgres://u:{{ RUNPOD_SECRET_db_password }}@{{ RUNPOD_SECRET_db-host }}/x', OK: '{{ RUNPOD_SECRET_hf-token }}' });
    clock += BOOT_MS + 100;
    const events = await (await openStream(fake, `/pods/${id}/logs?follow=false`)).rest();
    const container = events.filter((e) => e.data.source === 'container').map((e) => e.data.line);
    expect(container).toEqual(['HF_TOKEN={{ RUNPOD_SECRET_hf-tokn }}', 'DB=…{{ RUNPOD_SECRET_db-host }}…', 'Application started']);
    const text = JSON.stringify(events);
    for (const secret of fake.inspect().secrets) expect(text).not.toContain(secret.value);

    await call(fake, 'POST', `/pods/${id}/action`, { action: 'stop' });
    clock += 3 * INTERVAL_MS;
    await call(fake, 'POST', `/pods/${id}/action`, { action: 'start' });
    clock += BOOT_MS;
    const lines = (await (await openStream(fake, `/pods/${id}/logs?follow=false&source=system`)).rest()).map((e) => e.data.line);
    expect(lines).toEqual(['Pulling image img:1', 'Image pulled; creating container', 'Container started', 'Container stopped', 'Pulling image img:1', 'Image pulled; creating container', 'Container started']);
  });

  it('sends a keep-alive comment while nothing happens', async () => {
    const quiet = await startFakeRunpod({ podBootMs: 0, keepAliveMs: 30, streamPollMs: 10, now: () => clock });
    try {
      const pod = (await call(quiet, 'POST', '/pods', { name: 'q', image: 'i', gpu: RTX })).json;
      const stream = await openStream(quiet, `/pods/${pod.id}/logs`);
      while (stream.comments.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(stream.comments[0]).toBe(': keep-alive');
      stream.close();
    } finally {
      await quiet.close();
    }
  });
});

describe('worker logs', () => {
  it('a worker replaced by a new release ends its log with a line saying so; a resume after the end is 204', async () => {
    const template = fake.inspect().templates.find((t) => t.name === 'sd-worker')!;
    const endpoint = (await call(fake, 'POST', '/serverless', { name: 'wl', templateId: template.id, gpu: { pools: ['ADA_24'] }, env: { KEY: '{{ RUNPOD_SECRET_missing-one }}' } })).json;
    clock += BOOT_MS + 2 * INTERVAL_MS;
    const [worker] = (await call(fake, 'GET', `/serverless/${endpoint.id}/workers`)).json.workers;
    const path = `/serverless/${endpoint.id}/workers/${worker.id}/logs`;
    const live = await openStream(fake, `${path}?tail=0`);
    await call(fake, 'PATCH', `/serverless/${endpoint.id}`, { image: 'img:2' });
    clock += 1; // the worker's last line comes 1 ms after it stopped
    const ending = await live.rest();
    expect(ending.map((e) => e.data.line)).toEqual(['Worker stopped: replaced by a worker of a newer release']);
    const all = await (await openStream(fake, `${path}?follow=false`)).rest();
    expect(all.map((e) => e.data.line)).toContain('KEY={{ RUNPOD_SECRET_missing-one }}');
    const resumed = await fetch(fake.url + path, { headers: { Authorization: `Bearer ${fake.apiKey}`, 'Last-Event-ID': all.at(-1)!.id } });
    expect(resumed.status).toBe(204);
    expectProblem(await call(fake, 'GET', `/serverless/${endpoint.id}/workers/nosuchworker/logs`), 404);
  });
});

describe('log line generator', () => {
  const boots = fc
    // Zero-length gaps and boots happen (a stop or restart in the same millisecond): drawn often.
    .array(
      fc.record({
        gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5000 })),
        boot: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })),
        run: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 }))),
        echo: fc.integer({ min: 0, max: 3 }),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((specs) => {
      let t = 1_000_000;
      return specs.map((s, i): Boot => {
        const startedAtMs = (t += s.gap);
        const last = i === specs.length - 1;
        const endedAtMs = last && s.run === null ? null : (t = startedAtMs + (s.run ?? 1000));
        return {
          kind: 'pod',
          startedAtMs,
          readyAtMs: startedAtMs + s.boot,
          endedAtMs,
          ending: endedAtMs === null ? null : 'restart',
          image: 'img',
          echo: Array.from({ length: s.echo }, (_, j) => ({ key: `K${j}`, names: [`n${j}`], embedded: false })),
        };
      });
    });

  it('successive windows join into the whole log: no line twice, none lost, ts strictly increasing', () => {
    fc.assert(
      fc.property(boots, fc.array(fc.integer({ min: 1_000_000, max: 1_100_000 }), { maxLength: 6 }), fc.integer({ min: 100, max: 700 }), (b, cuts, interval) => {
        const end = 1_100_000;
        const whole = linesBetween(b, interval, { afterMs: -Infinity, untilMs: end, limit: 100_000 });
        const points = [-Infinity, ...[...cuts].sort((x, y) => x - y), end];
        const joined = points.slice(1).flatMap((until, i) => linesBetween(b, interval, { afterMs: points[i]!, untilMs: until, limit: 100_000 }));
        expect(joined).toEqual(whole);
        expect(whole.every((l, i) => i === 0 || l.ts > whole[i - 1]!.ts)).toBe(true);
      }),
    );
  });

  it('the last N of a window are the tail of the whole window', () => {
    fc.assert(
      fc.property(boots, fc.integer({ min: 0, max: 50 }), fc.integer({ min: 100, max: 700 }), (b, n, interval) => {
        const q = { afterMs: -Infinity, untilMs: 1_100_000 };
        const whole = linesBetween(b, interval, { ...q, limit: 100_000 });
        expect(linesBetween(b, interval, { ...q, limit: n })).toEqual(whole.slice(Math.max(0, whole.length - n)));
        const containerOnly = linesBetween(b, interval, { ...q, limit: n, source: 'container' });
        const allContainer = whole.filter((l) => l.source === 'container');
        expect(containerOnly).toEqual(allContainer.slice(Math.max(0, allContainer.length - n)));
      }),
    );
  });
});
