/**
 * The deploy body and its summary: what the wizard shows is what is sent, every field of the body
 * has a summary line, and no env value ever appears in it.
 */
import { describe, expect, it } from 'vitest';
import { envItems } from '../../client/src/launch/envItems';
import { deployWorkers, ENDPOINT_DEFAULTS, endpointBodyFor, IDLE_TIMEOUT_BOX, workerRangeProblem, MIN_WORKERS_BILLED, parseBounded, parseIdleTimeout, parseWorkerRange, WORKER_LIMITS, WORKER_RANGE_BOX } from '../../client/src/serverless/endpointBody';
import { helpFor } from '../../client/src/cli/help';
import { summarizeDeploy } from '../../client/src/serverless/deploySummary';
import type { EndpointCreateInput, GpuType } from '../../client/src/runpod/types';

const fields = {
  name: 'Llama worker',
  env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MODEL_ID: 'meta-llama/Llama-3.1-8B', API_KEY: 'sk-plainTextValue123456' },
  asWritten: { disk: 50, ports: ['8000/http'], args: '--token hunter2', registry: 'reg123' },
  allowedCudaVersions: ['12.4'],
  dropped: [],
};

describe('endpointBodyFor', () => {
  it('a file source: its fields, the env file merged over its env (per key, the file winning), pools, workers and scaling', () => {
    const body = endpointBodyFor(
      { kind: 'fields', fields },
      { name: 'llama', image: 'acme/llama:1', envOverrides: { MODEL_ID: 'other', EXTRA: '1' }, pools: ['ADA_24'], workers: { min: 0, max: 3, idleTimeout: 5 }, scaling: { type: 'QUEUE_DELAY', queueDelay: 4 } },
    );
    expect(body).toEqual({
      name: 'llama',
      image: 'acme/llama:1',
      args: '--token hunter2',
      disk: 50,
      ports: ['8000/http'],
      registry: 'reg123',
      env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MODEL_ID: 'other', API_KEY: 'sk-plainTextValue123456', EXTRA: '1' },
      gpu: { pools: ['ADA_24'], allowedCudaVersions: ['12.4'] },
      workers: { min: 0, max: 3, idleTimeout: 5 },
      scaling: { type: 'QUEUE_DELAY', queueDelay: 4 },
    });
  });

  it('an account template: its id and only the overrides (RunPod merges the template env under them); nothing undefined', () => {
    const body = endpointBodyFor({ kind: 'template', templateId: 'tpl1' }, { name: 'sd', pools: ['ADA_24', 'AMPERE_80'], workers: { min: undefined, max: 2 } });
    expect(body).toEqual({ name: 'sd', templateId: 'tpl1', gpu: { pools: ['ADA_24', 'AMPERE_80'] }, workers: { min: 0, max: 2, idleTimeout: 5 }, scaling: { type: 'QUEUE_DELAY', queueDelay: 4 } });
    expect(JSON.stringify(body)).toBe(JSON.stringify(JSON.parse(JSON.stringify(body))));
  });

  it("worker settings nobody chose are Deploy's defaults, the values its boxes open with: the command line sends what the editor sends", () => {
    const body = endpointBodyFor({ kind: 'template', templateId: 'tpl1' }, { name: 'sd', pools: ['ADA_24'], workers: { min: 5 } });
    expect(body.workers).toEqual({ min: 5, max: ENDPOINT_DEFAULTS.workers.max, idleTimeout: ENDPOINT_DEFAULTS.idleTimeout });
    expect(body.scaling).toEqual(ENDPOINT_DEFAULTS.scaling);
    // The range judged is the one sent: a minimum over the default maximum is refused, not left to a 422.
    expect(deployWorkers({ min: 5 })).toEqual({ min: 5, max: 3, idleTimeout: 5 });
    expect(workerRangeProblem(deployWorkers({ min: 5 }))).toBe('The minimum must not exceed the maximum.');
    expect(workerRangeProblem(deployWorkers({ max: 2 }))).toBeUndefined();
  });

});

describe('the boxes of the wizard', () => {
  it('reads a worker range in the forms people type, and says what is wrong otherwise', () => {
    expect(parseWorkerRange('0..3')).toEqual({ min: 0, max: 3 });
    expect(parseWorkerRange(' 1 - 2 ')).toEqual({ min: 1, max: 2 });
    expect(parseWorkerRange('2 to 5')).toEqual({ min: 2, max: 5 });
    expect(parseWorkerRange('4')).toEqual({ min: 4, max: 4 });
    expect(parseWorkerRange('3..1')).toMatch(/must not exceed/);
    expect(parseWorkerRange('0..0')).toMatch(/At least one/);
    expect(parseWorkerRange('a lot')).toMatch(/min\.\.max/);
    expect(parseWorkerRange('1..99999')).toMatch(/min\.\.max/);
  });

  it('bounded whole numbers', () => {
    expect(parseBounded('5', 1, 3600, 'Idle timeout')).toBe(5);
    expect(parseBounded('0', 1, 3600, 'Idle timeout')).toMatch(/from 1 to 3600/);
    expect(parseBounded('1.5', 1, 3600, 'Idle timeout')).toMatch(/whole number/);
  });

  it('the idle timeout, as Deploy and Change Workers read it: whole seconds from 1 to 3600', () => {
    expect(parseIdleTimeout(' 3600 ')).toBe(3600);
    expect(parseIdleTimeout('3601')).toBe('Idle timeout: from 1 to 3600.');
    expect(parseIdleTimeout('0')).toBe('Idle timeout: from 1 to 3600.');
    expect(parseIdleTimeout('5s')).toMatch(/^Idle timeout: a whole number/);
  });
});

describe('summarizeDeploy', () => {
  const catalog = [{ id: 'NVIDIA GeForce RTX 4090', name: 'RTX 4090', pool: 'ADA_24', memory: 24 }] as GpuType[];

  it('has a line for every field of the body, and never an env value, args or a hard-coded credential', () => {
    const body: EndpointCreateInput = {
      ...endpointBodyFor({ kind: 'fields', fields }, { name: 'llama', image: 'acme/llama:1', pools: ['ADA_24'], workers: { min: 1, max: 3, idleTimeout: 7 }, scaling: { type: 'REQUEST_COUNT', requestCount: 9 } }),
      type: 'LOAD_BALANCER',
      templateId: 'tpl9',
      dataCenterIds: ['EU-RO-1'],
      networkVolumes: ['vol1'],
      timeout: 600,
      flashboot: 'FLASHBOOT',
    };
    const summary = summarizeDeploy({ body, source: 'file .runpod/hub.json', envFile: 'train.runpod.env', base: { name: 'sd-worker', image: 'x' }, env: envItems(body.env!, undefined, new Set(['hf-token'])), catalog });
    const text = summary.lines.join('\n');
    const expected: Record<keyof EndpointCreateInput, RegExp> = {
      name: /^Endpoint: llama$/m,
      type: /^Type: load balancer$/m,
      templateId: /^Template id: tpl9 \(sd-worker;/m,
      image: /^Image: acme\/llama:1$/m,
      args: /^Args: set \(15 characters, not shown\)$/m,
      disk: /^Container disk: 50 GB$/m,
      ports: /^Ports: 8000\/http$/m,
      env: /^Env: 3 variables, 1 from secrets$/m,
      registry: /^Registry credential: reg123$/m,
      gpu: /^GPU pools: ADA_24 \(RTX 4090, 24 GB\)$/m,
      cpu: /^CPU: /m,
      workers: /^Workers: 1\.\.3$\n^Idle timeout: 7 s$/m,
      scaling: /^Scaling: request count \(a worker per 9 queued jobs\)$/m,
      dataCenterIds: /^Data centres: EU-RO-1$/m,
      networkVolumes: /^Network volumes: vol1$/m,
      timeout: /^Execution timeout \(s\): 600$/m,
      flashboot: /^FlashBoot: FLASHBOOT$/m,
    };
    for (const key of Object.keys(body) as (keyof EndpointCreateInput)[]) expect(text, key).toMatch(expected[key]);
    expect(text).toMatch(/^CUDA versions: 12\.4$/m);
    expect(text).toMatch(/^ {2}HF_TOKEN ← secret hf-token$/m);
    for (const hidden of ['sk-plain', 'hunter2', 'meta-llama']) expect(text).not.toContain(hidden);
    expect(summary.flagged).toEqual([]);
  });

  it('flags a reference to a secret that is not on the account', () => {
    const body = endpointBodyFor({ kind: 'template', templateId: 't' }, { name: 'x', pools: ['ADA_24'] });
    const summary = summarizeDeploy({ body, source: 'template sd-worker', env: envItems({ HF: '{{ RUNPOD_SECRET_nope }}' }, undefined, new Set()) });
    expect(summary.flagged.map((i) => summary.lines[i])).toEqual(['Env: 1 variable, 1 from secrets, 1 secret not on your account', '  HF ← secret nope (not on your account)']);
    expect(summary.lines).toContain('Image: (from the template)');
  });
});

describe('the worker boxes: one prompt, default and check for Deploy and Change Workers', () => {
  it('the range box refuses what parseWorkerRange refuses, and reads what it takes', () => {
    expect(WORKER_RANGE_BOX.validate('4..2')).toBe(parseWorkerRange('4..2'));
    expect(WORKER_RANGE_BOX.validate('0..0')).toBe('At least one worker as the maximum: an endpoint with max 0 never runs a job.');
    expect(WORKER_RANGE_BOX.validate(' 1 to 4 ')).toBeUndefined();
    expect(WORKER_RANGE_BOX.read(' 1 to 4 ')).toEqual({ min: 1, max: 4 });
  });

  it('the idle timeout box: whole seconds from 1 to the bound', () => {
    expect(IDLE_TIMEOUT_BOX.validate('0')).toBe(parseIdleTimeout('0'));
    expect(IDLE_TIMEOUT_BOX.validate(String(WORKER_LIMITS.maxIdleTimeoutSeconds + 1))).toMatch(/^Idle timeout: from 1 to/);
    expect(IDLE_TIMEOUT_BOX.validate(' 30 ')).toBeUndefined();
    expect(IDLE_TIMEOUT_BOX.read(' 30 ')).toBe(30);
  });

  it('that a minimum above 0 is billed is said in one wording: the range box, the help (and the confirmation: changeWorkers.test.ts)', () => {
    expect(WORKER_RANGE_BOX.prompt).toContain(MIN_WORKERS_BILLED);
    expect(helpFor('endpoints update').replace(/\s+/g, ' ')).toContain(MIN_WORKERS_BILLED);
  });
});
