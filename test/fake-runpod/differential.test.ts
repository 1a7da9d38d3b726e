/**
 * The fake API stands for RunPod and keeps its own statement of RunPod's rules (test/fake-runpod/
 * secrets.ts, validate.ts); the extension and the CLI decide the same facts in the core
 * (server/src/template/names.ts, the invalid-key rule; the 50-variable limit, rules/keys.ts
 * MAX_POD_ENV_VARIABLES, as the preflight applies it to the merged env; the worker and scaling bounds
 * in client/src/serverless/endpointBody.ts). The same generated inputs go through both,
 * as units and over HTTP, and must get the same answer: any drift between the two statements fails
 * here.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/template/index';
import { resourceNameProblem } from '../../client/src/ui/resourceName';
import { deployWorkers, IMAGE_MAX_LENGTH, imageProblem, parseBounded, parseIdleTimeout, WORKER_LIMITS, workerRangeProblem } from '../../client/src/serverless/endpointBody';
import { isSecretDescriptionAcceptable, RESOURCE_NAME_MAX_LENGTH, SECRET_NAME_MAX_LENGTH, SECRET_VALUE_MAX_BYTES, secretValueProblem, validateSecretName } from '../../server/src/template/names';
import { checkEnv } from '../../client/src/launch/checks';
import { finalEnv } from '../../client/src/launch/plan';
import { MAX_POD_ENV_VARIABLES } from '../../server/src/template/index';
import { startFakeRunpod, type FakeRunpod } from './index';
import { description as fakeDescription, secretName as fakeName, secretValue as fakeValue } from './secrets';
import { call } from './testHelpers';
import { envObject, port as fakePort, type Check } from './validate';
import schema from '../../schemas/runpod-template.schema.json';
import Ajv from 'ajv';
import { isDeepStrictEqual } from 'node:util';
import { LAUNCH_FIELDS, NULL_SENT_FIELDS, parseTemplateFile, POD_ONLY_FIELDS, toLaunchTemplate, toTemplateInput, type TemplateFileBody } from '../../client/src/launch/templateFile';
import { maxGpuCount, takesGpuCount } from '../../client/src/launch/gpuChoices';
import { endpointFromTemplateFile } from '../../client/src/serverless/endpointSource';
import { endpointBodyFor } from '../../client/src/serverless/endpointBody';
import { podBodyFor } from '../../client/src/launch/podBody';
import { OLDER_FIELDS } from '../../client/src/launch/olderFields';
import { defaultCatalog } from './catalog';
import { parseLogQuery } from './logs';
import { isEventTimestamp } from '../../client/src/runpod/eventIds';
import { POD_MAX_ENV } from './limits';

const fakeAccepts = (check: Check, value: unknown): boolean => {
  const errors: string[] = [];
  check(value, 'field', errors);
  return errors.length === 0;
};

/** The core's verdict on an env key: no invalid-key problem for it in a template body. */
const coreAcceptsKey = (key: string): boolean =>
  !analyze(JSON.stringify({ env: { [key]: 'v' } }), 'runpod-json', { state: 'unknown', secrets: [] }).problems.some((p) => p.code === 'invalid-key');

/** Names near every edge of the rule: first characters, the separators, RUNPOD in any case, non-ASCII, 191 characters. */
const nameArb = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'aZ_09.-/ $éRUNPODrunpod\u0000'.split('')), maxLength: 12 }),
  fc.tuple(fc.constantFrom('RUNPOD', 'runpod', 'RunPod', 'RUNPO', 'xRUNPOD', ''), fc.string({ unit: fc.constantFrom('a', '_', '-', '1'), maxLength: 4 })).map(([a, b]) => a + b),
  fc.tuple(fc.constantFrom('a', '1', '.', '_'), fc.integer({ min: SECRET_NAME_MAX_LENGTH - 2, max: SECRET_NAME_MAX_LENGTH + 2 })).map(([first, n]) => first + 'b'.repeat(n - 1)),
  fc.string({ maxLength: 8 }),
);

/** Values by size: empty, small with any code point (lone surrogates too), and byte counts around 16 MiB. */
const smallValueArb = fc.oneof(fc.constant(''), fc.string({ unit: 'grapheme', maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('\ud800', 'a\udc00'));
const MiB = 1024 * 1024;
const bigValueArb = fc.tuple(fc.constantFrom('a', 'é', '€', '🔑'), fc.integer({ min: -4, max: 4 })).map(([unit, delta]) => {
  const bytes = Buffer.byteLength(unit);
  return unit.repeat(Math.floor((16 * MiB) / bytes) + delta);
});
const descriptionArb = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.tuple(fc.constantFrom('a', 'é', '€'), fc.integer({ min: -2, max: 2 })).map(([unit, delta]) => unit.repeat(Math.floor(65_535 / Buffer.byteLength(unit)) + delta)),
);

const keyArb = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'AZaz_09.-/ =$éŁ\u0000'.split('')), minLength: 1, maxLength: 8 }),
  fc.constantFrom('HF_TOKEN', 'HF-HOME', 'spring.profiles.active', '_x', '1BAD', '.x', '-x', 'MY KEY'),
);

describe('names, values and descriptions: the core and the fake agree (unit)', () => {
  it('secret names', () => {
    fc.assert(fc.property(nameArb, (name) => {
        expect(validateSecretName(name) === undefined, JSON.stringify(name)).toBe(fakeAccepts(fakeName, name));
      }), { numRuns: 2000 });
  });

  it('small values', () => {
    fc.assert(fc.property(smallValueArb, (value) => {
        expect(secretValueProblem(value) === undefined).toBe(fakeAccepts(fakeValue, value));
      }), { numRuns: 500 });
  });

  it('values around 16 MiB of UTF-8', () => {
    fc.assert(fc.property(bigValueArb, (value) => {
        expect(secretValueProblem(value) === undefined, `${value.length} units`).toBe(fakeAccepts(fakeValue, value));
      }), { numRuns: 12 });
  });

  it('descriptions around 65,535 bytes', () => {
    fc.assert(fc.property(descriptionArb, (text) => {
        expect(isSecretDescriptionAcceptable(text), `${text.length} units`).toBe(fakeAccepts(fakeDescription, text));
      }), { numRuns: 200 });
  });
});

describe('ports: the template schema and the fake agree', () => {
  // The schema's pattern is what the editor checks a `ports` entry against (runpod-api.md documents `8888/http`, `22/tcp`).
  const schemaPort = new RegExp(schema.properties.ports.items.pattern);
  /** Port strings near every edge: 0, leading zeros, 65535/65536, six digits, other protocols and cases, stray text. */
  const portArb = fc.oneof(
    fc
      .tuple(
        fc.oneof(fc.integer({ min: 0, max: 70_000 }).map(String), fc.constantFrom('0', '00', '01', '080', '65535', '65536', '99999', '100000', '', '1e3', '+1', ' 22')),
        fc.constantFrom('/', '/', ':', '//', ''),
        fc.constantFrom('http', 'tcp', 'udp', 'HTTP', 'https', '', 'tcp '),
      )
      .map(([n, sep, proto]) => `${n}${sep}${proto}`),
    fc.string({ unit: fc.constantFrom(...'0123456789/httpcudp'.split('')), maxLength: 10 }),
  );

  it('a generated port string passes the schema exactly when the fake takes it', () => {
    fc.assert(
      fc.property(portArb, (value) => {
        expect(fakeAccepts(fakePort, value)).toBe(schemaPort.test(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('examples that once disagreed: udp, port 0, a leading zero', () => {
    for (const value of ['53/udp', '0/tcp', '08888/http']) expect([value, fakeAccepts(fakePort, value)]).toEqual([value, false]);
    for (const value of ['8888/http', '22/tcp', '1/tcp', '65535/http']) expect([value, fakeAccepts(fakePort, value)]).toEqual([value, true]);
  });
});

describe('env keys: the core is stricter than RunPod, by exactly "." and "-"', () => {
  // The fake refuses "__proto__" to keep its own objects safe; RunPod states no such rule, so it is left out.
  const fakeAcceptsKey = (key: string) => fakeAccepts(envObject(POD_MAX_ENV), { [key]: 'v' }) || key === '__proto__';

  it('every key the editor accepts, RunPod accepts; every key only RunPod accepts has "." or "-"', () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        const core = coreAcceptsKey(key);
        const fake = fakeAcceptsKey(key);
        if (core) expect(fake, JSON.stringify(key)).toBe(true);
        if (fake && !core) expect(key, JSON.stringify(key)).toMatch(/[.-]/);
        if (fake && !core) expect(coreAcceptsKey(key.replace(/[.-]/g, '_'))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('log event ids: every id the client sends back as since=, the fake takes', () => {
  const fakeAcceptsSince = (id: string): boolean => {
    try {
      parseLogQuery(new URLSearchParams({ since: id }), {});
      return true;
    } catch {
      return false;
    }
  };
  const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
  /** Timestamps near every edge: month 13, day 30 of February, hour 24, second 60, offset +24:00, lower case, 0 to 12 fraction digits. */
  const idArb = fc
    .tuple(
      fc.constantFrom('0000', '1900', '2024', '2026', '2100', '9999'),
      two(14),
      two(32),
      fc.constantFrom('T', 't', ' '),
      two(25),
      two(61),
      two(61),
      fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 1, maxLength: 12 })),
      fc.oneof(fc.constantFrom('Z', 'z', ''), fc.tuple(fc.constantFrom('+', '-'), two(25), two(61)).map(([s, h, m]) => `${s}${h}:${m}`)),
    )
    .map(([y, mo, d, t, h, mi, s, frac, zone]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${frac === null ? '' : `.${frac}`}${zone}`);

  it('isEventTimestamp(id) implies the fake accepts since=id', () => {
    fc.assert(
      fc.property(idArb, (id) => {
        if (isEventTimestamp(id)) expect(fakeAcceptsSince(id), id).toBe(true);
      }),
      { numRuns: 3000, examples: [['2026-13-01T00:00:00Z'], ['2026-02-30T00:00:00Z'], ['2026-01-01T24:00:00Z']] },
    );
  });

  it('the fake accepts since=id implies isEventTimestamp(id), for real dates of any year (Go\'s zero time 0001-01-01 too)', () => {
    const offset = fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), two(23), two(59)).map(([s, h, m]) => `${s}${h}:${m}`));
    const realArb = fc
      .tuple(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), fc.boolean(), offset)
      // toISOString writes years 0 to 9999 in four digits, as RFC 3339 does.
      .map(([d, fraction, zone]) => d.toISOString().replace(fraction ? /Z$/ : /\.\d{3}Z$/, zone));
    fc.assert(
      fc.property(realArb, (id) => {
        if (fakeAcceptsSince(id)) expect(isEventTimestamp(id), id).toBe(true);
      }),
      { numRuns: 3000, examples: [['0001-01-01T00:00:00Z'], ['0000-01-01T00:00:00Z'], ['0099-12-31T23:59:59.999+01:00']] },
    );
  });

  it('the ids RunPod sends (real times, any precision, any offset) are timestamps to the client', () => {
    for (const id of ['2024-02-29T23:59:59Z', '2026-09-01T12:00:00.123456789Z', '2026-09-01T12:00:00+05:30', '2026-09-01t12:00:00z']) expect([id, isEventTimestamp(id)]).toEqual([id, true]);
  });
});

describe('over HTTP: a sample through the running fake', () => {
  let fake: FakeRunpod;
  beforeAll(async () => {
    fake = await startFakeRunpod({ rateLimitPerMinute: 100_000 });
  });
  afterAll(() => fake.close());

  it('POST /account/secrets answers 201 exactly for the names and descriptions the core accepts', async () => {
    const names = fc.sample(fc.uniqueArray(nameArb, { minLength: 40, maxLength: 40 }), 1)[0]!;
    const descriptions = fc.sample(descriptionArb, 40);
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const text = descriptions[i]!;
      const res = await call(fake, 'POST', '/account/secrets', { name, value: 'v', description: text });
      const core = validateSecretName(name) === undefined && isSecretDescriptionAcceptable(text);
      expect(res.status, `${JSON.stringify(name)} (${Buffer.byteLength(text)} bytes of description)`).toBe(core ? 201 : 422);
      if (res.status === 201) await call(fake, 'DELETE', `/account/secrets/${res.json.id}`);
    }
  });

  it('POST /account/secrets answers 201 exactly for the values the core accepts', async () => {
    // Over HTTP the two values either side of the exclusive limit (the unit test above samples
    // around it): the last byte accepted (3-byte units), the first refused (exactly 16 MiB of 2-byte units).
    const big = ['€'.repeat((SECRET_VALUE_MAX_BYTES - 1) / 3), 'é'.repeat(SECRET_VALUE_MAX_BYTES / 2)];
    // Each body and verdict is made before the first request: the seconds of work on 16 MiB strings
    // under load, done between requests, left the kept-alive connection idle past the fake's
    // keep-alive timeout (5 s) while the loop was blocked, and the next POST went out on a socket the
    // fake was closing: ECONNRESET, "fetch failed".
    const cases = [...fc.sample(smallValueArb, 20), ...big].map((value) => ({
      units: value.length,
      body: JSON.stringify({ name: 'diff_value', value }),
      status: secretValueProblem(value) === undefined ? 201 : 422,
    }));
    expect(cases.slice(-2).map((c) => c.status)).toEqual([201, 422]);
    for (const { units, body, status } of cases) {
      const res = await call(fake, 'POST', '/account/secrets', undefined, { rawBody: body });
      expect(res.status, `${units} units`).toBe(status);
      if (res.status === 201) await call(fake, 'DELETE', `/account/secrets/${res.json.id}`);
    }
    // Two ~16 MiB bodies sent, parsed and stored: about 3 s idle, sized for a loaded machine.
  }, 90_000);

  it('POST /templates answers 201 exactly for the names Launch Pod and Deploy Endpoint let through (trimmed, as they send them)', async () => {
    for (const typed of ['t', `  ${'t'.repeat(RESOURCE_NAME_MAX_LENGTH)}  `, 'u'.repeat(RESOURCE_NAME_MAX_LENGTH - 1), 'v'.repeat(RESOURCE_NAME_MAX_LENGTH + 1), '   ']) {
      const res = await call(fake, 'POST', '/templates', { name: typed.trim(), image: 'x' });
      expect(res.status, `${typed.length} characters typed`).toBe(resourceNameProblem(typed, 'missing') === undefined ? 201 : 422);
      if (res.status === 201) await call(fake, 'DELETE', `/templates/${res.json.id}`);
    }
  });

  describe('POST /serverless: the worker and scaling bounds of Deploy Endpoint and the CLI', () => {
    /** Counts near every edge either side might set: 0, 1, the old fake bound (100), the client's bound. */
    const near = (...edges: number[]) => fc.constantFrom(...edges.flatMap((e) => [e - 1, e, e + 1]).filter((n) => n >= 0));
    const countArb = near(0, 3, 100, WORKER_LIMITS.maxWorkers);
    const deploy = async (fields: Record<string, unknown>) => {
      const res = await call(fake, 'POST', '/serverless', { name: 'diff-workers', image: 'x', gpu: { pools: ['ADA_24'] }, ...fields });
      if (res.status === 201) await call(fake, 'DELETE', `/serverless/${res.json.id}`);
      return res.status;
    };

    it('answers 201 for exactly the worker ranges the client accepts, but for max 0, which only the client refuses (a worker never runs)', async () => {
      const ranges = fc.sample(fc.tuple(countArb, countArb), 40);
      for (const [min, max] of [...ranges, [0, WORKER_LIMITS.maxWorkers], [WORKER_LIMITS.maxWorkers, WORKER_LIMITS.maxWorkers + 1], [0, 0]] as const) {
        const client = workerRangeProblem({ min, max }) === undefined;
        const status = await deploy({ workers: { min, max } });
        expect(status, `workers ${min}..${max}`).toBe(client || (min === 0 && max === 0) ? 201 : 422);
      }
    });

    it('a range with one bound (the command line leaves the other out): 201 for exactly those the client accepts once the default fills the other, as it sends them', async () => {
      for (const n of fc.sample(countArb, 12)) {
        for (const asked of [{ min: n }, { max: n }]) {
          const client = workerRangeProblem(deployWorkers(asked)) === undefined;
          // The fake's own default fills the bound left out: it must agree with the one the client sends.
          expect(await deploy({ workers: asked }), JSON.stringify(asked)).toBe(client || asked.max === 0 ? 201 : 422);
          expect(await deploy({ workers: deployWorkers(asked) }), JSON.stringify(deployWorkers(asked))).toBe(client || asked.max === 0 ? 201 : 422);
        }
      }
    });

    it('answers 201 for exactly the idle timeouts, queue delays and request counts the wizard accepts', async () => {
      const cases = [
        ...fc.sample(near(1, WORKER_LIMITS.maxIdleTimeoutSeconds), 8).map((n) => ({ n, parse: parseIdleTimeout, body: { workers: { idleTimeout: n } } })),
        ...fc.sample(near(1, WORKER_LIMITS.maxQueueDelaySeconds), 8).map((n) => ({ n, parse: (t: string) => parseBounded(t, 1, WORKER_LIMITS.maxQueueDelaySeconds, 'field'), body: { scaling: { type: 'QUEUE_DELAY', queueDelay: n } } })),
        ...fc.sample(near(1, WORKER_LIMITS.maxRequestCount), 8).map((n) => ({ n, parse: (t: string) => parseBounded(t, 1, WORKER_LIMITS.maxRequestCount, 'field'), body: { scaling: { type: 'REQUEST_COUNT', requestCount: n } } })),
      ];
      for (const { n, parse, body } of cases) {
        const client = typeof parse(String(n)) === 'number';
        expect(await deploy(body), JSON.stringify(body)).toBe(client ? 201 : 422);
      }
    });
  });

  it('POST /templates, /pods and /serverless refuse too many variables exactly when the preflight does (the template env merged under the body)', async () => {
    const env = (n: number, prefix: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'v']));
    const max = MAX_POD_ENV_VARIABLES;
    const preflightTakes = (final: Record<string, string>) => checkEnv(final, []).tooMany === undefined;
    // [template's keys, body's own keys, body keys the template has too]: each side of the limit, alone and merged.
    const cases = [[max + 1, 0, 0], [max, 0, 0], [max, 1, 0], [max, 0, 1], [max - 1, 1, 0], [0, max, 0], [0, max + 1, 0], [max / 2, max / 2, 1], [max / 2, max / 2 + 1, 0], [max / 2, max / 2 + 1, 1]];
    let n = 0;
    for (const [inTemplate, inBody, shared] of cases as [number, number, number][]) {
      for (const serverless of [false, true]) {
        const templateEnv = env(inTemplate, 'T');
        const made = await call(fake, 'POST', '/templates', { name: `diff-env-${n++}`, image: 'x', serverless, env: templateEnv });
        expect(made.status, `template of ${inTemplate}`).toBe(preflightTakes(templateEnv) ? 201 : 422);
        if (made.status !== 201) continue;
        // `shared` of the body's keys are the template's too: merged per key, they count once.
        const body = { templateId: made.json.id as string, env: { ...env(Math.min(shared, inTemplate), 'T'), ...env(inBody, 'B') } };
        const final = finalEnv(body, templateEnv);
        const res = serverless
          ? await call(fake, 'POST', '/serverless', { name: 'diff-env', gpu: { pools: ['ADA_24'] }, ...body })
          : await call(fake, 'POST', '/pods', { name: 'diff-env', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 }, ...body });
        expect(res.status, `${serverless ? 'endpoint' : 'Pod'}: ${Object.keys(final).length} variables in all`).toBe(preflightTakes(final) ? 201 : 422);
        if (res.status === 201) await call(fake, serverless ? 'DELETE' : 'POST', serverless ? `/serverless/${res.json.id}` : `/pods/${res.json.id}/action`, serverless ? undefined : { action: 'terminate' });
        await call(fake, 'DELETE', `/templates/${made.json.id}`);
      }
    }
  });

  it('POST /templates takes every env key the core accepts', async () => {
    const keys = fc.sample(keyArb, 40).filter(coreAcceptsKey);
    const res = await call(fake, 'POST', '/templates', { name: 'diff-keys', image: 'x', env: Object.fromEntries(keys.map((k) => [k, 'v'])) });
    expect(res.status, res.text).toBe(201);
  });
});

describe('the template schema and the fake: which body takes which field, and the shape of cpu and gpu.count', () => {
  // The editor's schema (schemas/runpod-template.schema.json, as VS Code applies it) against the fake's
  // POST /templates and POST /pods. A GPU type whose catalog maxCount is high, so the count a body may
  // ask is the catalog's to limit (runpod-api.md "GPU catalog": maxCount), never a fixed number.
  const BIG = { ...defaultCatalog()[0]!, id: 'NVIDIA B200', name: 'B200', maxCount: 100 };
  let fake: FakeRunpod;
  let templateId: string;
  beforeAll(async () => {
    fake = await startFakeRunpod({ rateLimitPerMinute: 100_000, balance: 1e9, catalog: [...defaultCatalog(), BIG] });
    templateId = (await call(fake, 'POST', '/templates', { name: 'diff-fields-base', image: 'x' })).json.id as string;
  });
  afterAll(() => fake.close());

  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  const schemaTakes = ajv.compile(schema);
  const properties = schema.properties as Record<string, { description?: string; not?: unknown }>;
  /** A value of each field, as a realistic file holds it (the schema's fields, the older APIs' left out: the reader refuses those). */
  const SAMPLE: Record<string, unknown> = {
    args: '--serve', disk: 40, ports: ['8000/http', '22/tcp'], registry: null, mounts: { persistent: { size: 50, path: '/workspace' } },
    serverless: false, public: false, category: 'NVIDIA', startSsh: true, startJupyter: false, allowedCudaVersions: ['12.8'],
    gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 }, cpu: {}, cloud: 'SECURE', dataCenterIds: ['EU-RO-1'],
  };
  const fields = Object.keys(properties).filter((f) => properties[f]!.not === undefined && !['$schema', 'name', 'image', 'env', 'templateId'].includes(f));
  const podBody = (field: string, value: unknown) => ({ name: 'p', image: 'i', ...(field === 'cpu' ? {} : { gpu: SAMPLE['gpu'] }), [field]: value });

  it('every field of the schema has a sample, and the older APIs\' fields are exactly the ones marked', () => {
    expect(fields.filter((f) => !(f in SAMPLE))).toEqual([]);
    expect(Object.keys(properties).filter((f) => properties[f]!.not !== undefined).sort()).toEqual(OLDER_FIELDS.map((f) => f.old).sort());
  });

  it('POST /templates takes every field but the schema\'s "Pod only" ones, which are POD_ONLY_FIELDS (left out of a push)', async () => {
    const podOnly = Object.keys(properties).filter((f) => properties[f]!.description?.startsWith('Pod only:'));
    expect(podOnly.sort()).toEqual([...POD_ONLY_FIELDS].sort());
    for (const field of [...fields, 'templateId']) {
      const res = await call(fake, 'POST', '/templates', { name: `diff-field-${field}`, image: 'x', [field]: field === 'templateId' ? templateId : SAMPLE[field] });
      expect([field, res.status]).toEqual([field, (POD_ONLY_FIELDS as readonly string[]).includes(field) ? 422 : 201]);
      expect(schemaTakes({ name: 'n', image: 'i', [field]: field === 'templateId' ? templateId : SAMPLE[field] }), field).toBe(true);
    }
  });

  it('POST /pods takes exactly the fields a launch sends (LAUNCH_FIELDS); every other one a launch leaves out and names', async () => {
    for (const field of [...fields, 'templateId']) {
      const res = await call(fake, 'POST', '/pods', podBody(field, field === 'templateId' ? templateId : SAMPLE[field]));
      expect([field, res.status]).toEqual([field, (LAUNCH_FIELDS as readonly string[]).includes(field) ? 201 : 422]);
      if (res.status === 201) await call(fake, 'POST', `/pods/${res.json.id}/action`, { action: 'terminate' });
    }
  });

  const pool = defaultCatalog()[0]!.pool!;
  /** A file as the reader hands it to a flow: a name, an image, and `field`. */
  const fileWith = (field: string, value: unknown): TemplateFileBody => ({ name: 'f', image: 'i', env: {}, rest: { [field]: value } });

  it('POST /serverless takes exactly the file fields a deploy sends as written; every other one a deploy leaves out and names, or refuses the file', async () => {
    const serverlessId = (await call(fake, 'POST', '/templates', { name: 'diff-fields-serverless', image: 'x', serverless: true })).json.id as string;
    for (const field of [...fields, 'templateId']) {
      const value = field === 'templateId' ? serverlessId : field === 'serverless' ? true : SAMPLE[field];
      // The field alone on an endpoint body (cpu instead of the GPU pools: one of the two).
      const alone = { name: `diff-ep-${field}`, image: 'i', ...(field === 'cpu' ? {} : { gpu: { pools: [pool] } }), [field]: value };
      const fakeTakes = (await call(fake, 'POST', '/serverless', alone)).status === 201;
      const deploy = endpointFromTemplateFile(fileWith(field, value));
      const body = deploy.ok ? endpointBodyFor({ kind: 'fields', fields: deploy.source }, { name: `deploy-${field}`, pools: [pool] }) : undefined;
      const sent = body !== undefined && isDeepStrictEqual((body as unknown as Record<string, unknown>)[field], value);
      // Sent as written exactly when the create takes it; a field it takes is never dropped as "not taken": the file is refused instead.
      expect([field, sent || !deploy.ok]).toEqual([field, fakeTakes]);
      if (body) expect([field, (await call(fake, 'POST', '/serverless', body)).status]).toEqual([field, 201]);
    }
  });

  it('a field set to null: the fake takes null where RunPod gives it a meaning (NULL_SENT_FIELDS: registry) and refuses it elsewhere; Launch, Deploy and Push send null only there; the schema takes every null in a file (the tools leave the others out)', async () => {
    const nullSent = (field: string) => NULL_SENT_FIELDS.includes(field);
    expect(fields.filter((field) => !schemaTakes({ name: 'n', image: 'i', [field]: null }))).toEqual([]);
    for (const field of fields.filter((f) => !(POD_ONLY_FIELDS as readonly string[]).includes(f))) {
      const res = await call(fake, 'POST', '/templates', { name: `diff-null-${field}`, image: 'x', [field]: null });
      expect([field, res.status === 201]).toEqual([field, nullSent(field)]);
    }
    const nulls = (body: object) => Object.entries(body).filter(([, v]) => v === null).map(([k]) => k);
    for (const field of [...fields, 'templateId']) {
      const file = fileWith(field, null);
      const expected = nullSent(field) ? [field] : [];
      const launch = toLaunchTemplate(file);
      if (launch.ok) {
        const pod = podBodyFor({ kind: 'template-file', template: launch.template }, { name: `null-${field}`, compute: { kind: 'gpu', id: 'NVIDIA GeForce RTX 4090', count: 1 }, cloud: 'SECURE' });
        expect([field, nulls(pod)]).toEqual([field, []]); // a Pod create takes no registry
        const res = await call(fake, 'POST', '/pods', pod);
        expect([field, res.status]).toEqual([field, 201]);
        await call(fake, 'POST', `/pods/${res.json.id}/action`, { action: 'terminate' });
      }
      const deploy = endpointFromTemplateFile(file);
      if (deploy.ok) {
        const body = endpointBodyFor({ kind: 'fields', fields: deploy.source }, { name: `null-${field}`, pools: [pool] });
        expect([field, nulls(body)]).toEqual([field, expected]);
        expect([field, (await call(fake, 'POST', '/serverless', body)).status]).toEqual([field, 201]);
      }
      const push = toTemplateInput(file);
      if (push.ok) {
        expect([field, nulls(push.input)]).toEqual([field, expected]);
        expect([field, (await call(fake, 'POST', '/templates', { ...push.input, name: `null-push-${field}` })).status]).toEqual([field, 201]);
      }
    }
  });

  it("an image at and over the client's limit: the schema, the image boxes (imageProblem) and the fake agree, for a template, a Pod and an endpoint", async () => {
    for (const length of [IMAGE_MAX_LENGTH - 1, IMAGE_MAX_LENGTH, IMAGE_MAX_LENGTH + 1]) {
      const image = 'i'.repeat(length);
      const client = imageProblem(image) === undefined;
      expect([length, schemaTakes({ name: 't', image })]).toEqual([length, client]);
      const template = await call(fake, 'POST', '/templates', { name: `diff-image-${length}`, image });
      const pod = await call(fake, 'POST', '/pods', { name: 'p', image, gpu: { id: BIG.id, count: 1 } });
      const endpoint = await call(fake, 'POST', '/serverless', { name: 'e', image, gpu: { pools: ['ADA_24'] } });
      expect([length, template.status, pod.status, endpoint.status]).toEqual([length, ...(client ? [201, 201, 201] : [422, 422, 422])]);
      if (pod.status === 201) await call(fake, 'POST', `/pods/${pod.json.id}/action`, { action: 'terminate' });
    }
  });

  it('cpu and gpu.count: a Pod body passes the schema exactly when the fake takes it', async () => {
    // Not `"cpu": null`: the schema takes it in a file, whose null a launch leaves out (the test above), never sent.
    const bodies = [
      ...[{}, { vcpuCount: 4 }, true, false, 'cpu', 4, []].map((cpu) => ({ name: 'p', image: 'i', cpu })),
      ...[1, 2, 8, 64, 65, 100, 0, -1, 1.5, '2'].map((count) => ({ name: 'p', image: 'i', gpu: { id: BIG.id, count } })),
    ];
    for (const body of bodies) {
      const res = await call(fake, 'POST', '/pods', body);
      expect([body, res.status === 201]).toEqual([body, schemaTakes(body)]);
      if (res.status === 201) await call(fake, 'POST', `/pods/${res.json.id}/action`, { action: 'terminate' });
      // A launch (Launch Pod's count step, the command line's check of a file's gpu.count) takes only what
      // the schema and the fake take, and refuses of those just the counts over maxGpuCount's bound on a
      // catalog's maxCount (no RunPod machine comes near it; `gpus list` shows the same bound).
      if (!('gpu' in body)) continue;
      const read = parseTemplateFile(JSON.stringify(body));
      const launch = read.ok && toLaunchTemplate(read.body);
      const launchTakes = launch !== false && launch.ok && takesGpuCount(BIG, launch.template.gpu!.count);
      const count = body.gpu.count;
      expect([count, launchTakes]).toEqual([count, schemaTakes(body) && typeof count === 'number' && count <= maxGpuCount(BIG)]);
    }
    expect(maxGpuCount(BIG)).toBeLessThan(BIG.maxCount);
  });
});
