/**
 * Answers nested thousands of levels deep from a broken or hostile API server. JSON.parse reads
 * them (a few kilobytes of `[`), but every later walk of the value recurses once per level and
 * overflows the stack: an error body's detail, a template, Pod or GPU type kept with its unknown
 * fields and then printed by `--json`, diffed by Push Template or sent back by Launch Pod. The user
 * got "Maximum call stack size exceeded" instead of RunPod's error and what to do next.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RunpodClient } from '../../client/src/runpod/client';
import { nestsTooDeeply } from '../../client/src/runpod/parse';
import { newPath, walkValidJson } from '../../server/src/template/readers/validJson';
import { MAX_NESTING } from '../../server/src/template/readers/tooDeep';
import { startServer } from '../runpod-client/hostileNet';
import { rejection } from '../runpod-client/helpers';
import { buildOnce, runCli } from '../cli/helpers';

const KEY = 'rp_deep_answers_key_123456';
/** Deep enough to overflow any recursive walk (a few thousand levels do), small enough to send at once. */
const DEPTH = 20_000;
const deep = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;

let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  buildOnce();
  server = await startServer((req, res) => {
    const url = req.url ?? '';
    const json = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (url.includes('/secrets')) json(500, `{"errors":[${deep}],"detail":"database unavailable"}`);
    else if (url.includes('/templates')) json(200, `[{"id":"t1","name":"tpl","imageName":"x","env":{},"extra":${deep}}]`);
    else if (url.includes('/pods')) json(200, `[{"id":"p1","name":"pod","status":"RUNNING","extra":${deep}}]`);
    else if (url.includes('/catalog/gpus')) json(200, `[{"id":"NVIDIA A40","extra":{"a":${deep}}}]`);
    else json(404, '{}');
  });
});

afterAll(async () => {
  await server.close();
});

async function withClient<T>(use: (client: RunpodClient) => Promise<T>): Promise<T> {
  const client = new RunpodClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0, timeoutMs: 5_000 });
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

describe('an answer nested too deeply', () => {
  it('an error body is still the server error it is, with its next step, not a stack overflow', async () => {
    const error = await withClient((client) => rejection(() => client.listSecrets()));
    expect(error.name).toBe('RunpodApiError');
    expect(error.kind).toBe('server');
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/^RunPod had a server error \(500\) while trying to list secrets\. Try again in a moment\./);
    expect(error.message).not.toMatch(/call stack/i);
  });

  it('a list that parses but nests thousands of levels deep is a bad response that says so, for templates, Pods and GPU types alike', async () => {
    for (const list of [(c: RunpodClient) => c.listTemplates(), (c: RunpodClient) => c.listPods(), (c: RunpodClient) => c.listGpuTypes()]) {
      const error = await withClient((client) => rejection(() => list(client)));
      expect(error.name).toBe('RunpodApiError');
      expect(error.kind).toBe('bad-response');
      expect(error.message).toMatch(/cannot be read .*\(the answer is nested too deeply\)\. Try again; if it persists, check the API URL\./);
    }
  });

  it('the command line says what went wrong instead of an unexpected error, in --json too', async () => {
    const env = { RUNPOD_API_URL: server.url, RUNPOD_API_KEY: KEY, RUNPOD_CHECK_HISTORY: 'off' };
    for (const args of [['pods', 'list', '--json'], ['templates', 'list', '--json'], ['secrets', 'list']]) {
      const r = await runCli(args, { env });
      expect(r.stderr, args.join(' ')).not.toMatch(/unexpected error|call stack/i);
      expect(r.stderr, args.join(' ')).toMatch(/nested too deeply|server error \(500\)/);
    }
  });
});

describe('nestsTooDeeply', () => {
  const nested = (depth: number, inner = '1') => `${'{"a":['.repeat(depth / 2)}${inner}${']}'.repeat(depth / 2)}`;

  it("counts containers up to the file readers' bound, and brackets inside strings not at all", () => {
    expect(nestsTooDeeply(nested(MAX_NESTING))).toBe(false);
    // One level past the bound (an odd depth: one array around the even nesting) is already too deep.
    expect(nestsTooDeeply(`[${nested(MAX_NESTING)}]`)).toBe(true);
    expect(nestsTooDeeply(nested(MAX_NESTING + 2))).toBe(true);
    // Brackets in names and values, after escaped quotes and backslashes, are text.
    const strings = JSON.stringify({ '[[[[': '['.repeat(5_000), q: 'a\\"{{{{', b: '\\', c: '{"' });
    const text = `${strings.slice(0, -1)}, "d": ${nested(10)}}`;
    expect(JSON.parse(text)).toBeTypeOf('object');
    expect(nestsTooDeeply(text)).toBe(false);
    expect(nestsTooDeeply(`[${JSON.stringify('\\')}, ${nested(MAX_NESTING)}]`)).toBe(true);
  });

  it('decides as the walk with handlers does at the bound (999, 1000, 1001), past brackets in strings and escaped quotes, decoding no string', () => {
    const escaped = JSON.stringify({ 'k\\"[': 'a\\"{{[', b: '\\', c: '{"\u005b' });
    const cases: [string, boolean][] = [
      [`[${nested(MAX_NESTING - 2)}]`, false],
      [nested(MAX_NESTING), false],
      [`[${nested(MAX_NESTING)}]`, true],
      [`[${escaped}, ${nested(MAX_NESTING - 2)}]`, false],
      [`[${escaped}, [${nested(MAX_NESTING - 2)}]]`, false],
      [`[${escaped}, [${nested(MAX_NESTING)}]]`, true],
      [`[${JSON.stringify('[[[' + '\\'.repeat(3) + '"]]]')}, ${nested(MAX_NESTING)}]`, true],
    ];
    for (const [text, tooDeep] of cases) {
      expect(JSON.parse(text)).toBeTypeOf('object');
      const withHandlers = walkValidJson(text, newPath(), { string: () => undefined }) !== undefined;
      // No handler wants the strings: none is decoded (JSON.parse per escaped string was the cost on every answer).
      const parse = vi.spyOn(JSON, 'parse');
      const decided = nestsTooDeeply(text);
      expect(parse).not.toHaveBeenCalled();
      parse.mockRestore();
      expect([decided, withHandlers]).toEqual([tooDeep, tooDeep]);
    }
  });

  it('an ordinary answer of any size is taken: a list of 100,000 secrets', () => {
    const list = JSON.stringify({ secrets: Array.from({ length: 100_000 }, (_, i) => ({ id: `s${i}`, name: `name-${i}`, description: 'see [[[ "x" {{' })) });
    expect(nestsTooDeeply(list)).toBe(false);
  });
});
