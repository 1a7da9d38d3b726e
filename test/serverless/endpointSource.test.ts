/**
 * What a workspace file says about an endpoint: a serverless template file and a `.runpod/hub.json`
 * become the same source; a Pod template and a CPU listing are refused with a message that never
 * quotes the file and names the field to open. Broken JSON never gets here: the caller parses the
 * file once with the template-file reader and says its errors (test/cli/endpoints.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTemplateFile, toLaunchTemplate } from '../../client/src/launch/templateFile';
import { endpointFromHubJson, endpointFromTemplateFile, gpusNote, isServerlessTemplateText } from '../../client/src/serverless/endpointSource';
import type { GpuType } from '../../client/src/runpod/types';

const catalog = [
  { id: 'NVIDIA GeForce RTX 4090', name: 'RTX 4090', pool: 'ADA_24', memory: 24 },
  { id: 'NVIDIA A100 80GB PCIe', name: 'A100 80GB', pool: 'AMPERE_80', memory: 80 },
] as GpuType[];

function bodyOf(text: string) {
  const parsed = parseTemplateFile(text);
  if (!parsed.ok) throw new Error('fixture does not parse');
  return parsed.body;
}
const templateFile = (text: string) => endpointFromTemplateFile(bodyOf(text));
const hubJson = (text: string, gpus: readonly GpuType[] = []) => endpointFromHubJson(bodyOf(text), text, gpus);

describe('endpointFromTemplateFile', () => {
  it('takes name, image, env, the container fields and CUDA versions; names what an endpoint create does not take', () => {
    const result = templateFile(
      JSON.stringify({ name: 'sd', image: 'img:1', serverless: true, disk: 20, ports: ['8000/http'], args: 'serve', startSsh: true, allowedCudaVersions: ['12.4'], env: { A: '1' } }),
    );
    expect(result).toEqual({
      ok: true,
      source: { name: 'sd', image: 'img:1', env: { A: '1' }, asWritten: { args: 'serve', disk: 20, ports: ['8000/http'] }, allowedCudaVersions: ['12.4'], dropped: ['startSsh'] },
    });
  });

  it('takes a Pod\'s "gpu" as the pool holding its GPU type, preselected (an endpoint create takes GPUs as pools); its count dropped and named', () => {
    const text = JSON.stringify({ name: 'sd', image: 'img:1', serverless: true, gpu: { id: 'NVIDIA GeForce RTX 4090', count: 2 } });
    const result = endpointFromTemplateFile(bodyOf(text), catalog);
    expect(result).toEqual(expect.objectContaining({ ok: true, source: expect.objectContaining({ gpus: { field: 'gpu', names: ['NVIDIA GeForce RTX 4090'] }, pools: ['ADA_24'], dropped: ['gpu.count'] }) }));
    // Without the catalog the GPU is kept for the caller to map; a GPU type the catalog lacks gives no pool.
    expect(templateFile(text)).toMatchObject({ ok: true, source: { gpus: { names: ['NVIDIA GeForce RTX 4090'] }, dropped: ['gpu.count'] } });
    expect(templateFile(text).ok && (templateFile(text) as { source: { pools?: string[] } }).source.pools).toBeUndefined();
    const unknown = endpointFromTemplateFile(bodyOf(JSON.stringify({ image: 'i', gpu: { id: 'NVIDIA H200' } })), catalog);
    expect(unknown.ok && unknown.source.pools).toBeUndefined();
    expect(unknown.ok && unknown.source.dropped).toEqual([]); // no count written: none dropped
  });

  it('refuses a malformed "gpu" in Launch Pod\'s words: dropping it would drop the GPU it asks for', () => {
    for (const gpu of [{ count: 1 }, { id: 4090 }, { id: 'x', count: 0 }, 'NVIDIA GeForce RTX 4090']) {
      expect(templateFile(JSON.stringify({ image: 'i', gpu }))).toEqual({ ok: false, field: 'gpu', message: '"gpu" must be {"id": string, "count"?: positive integer}.' });
    }
  });

  it('refuses an empty or blank GPU id in Launch Pod\'s words, at the id: ignoring it would deploy without the GPU the file meant', () => {
    for (const id of ['', '   ']) {
      expect(endpointFromTemplateFile(bodyOf(JSON.stringify({ image: 'i', gpu: { id, count: 1 } })), catalog)).toEqual({ ok: false, field: ['gpu', 'id'], message: '"gpu" must name a GPU type: its "id" is empty.' });
    }
  });

  it('the note says what was done with the file\'s GPUs, naming the pools and never the file\'s text', () => {
    const gpu = { field: 'gpu' as const, names: ['NVIDIA GeForce RTX 4090'] };
    expect(gpusNote(gpu, ['ADA_24'], false)).toBe('"gpu" sent as the GPU pool holding that GPU type: ADA_24 (an endpoint create takes GPUs as pools)');
    expect(gpusNote({ field: 'gpuIds', names: ['ADA_24', 'RTX 4090'] }, ['ADA_24'], false)).toBe('"gpuIds" sent as the GPU pool holding them: ADA_24 (an endpoint create takes GPUs as pools)');
    expect(gpusNote(gpu, ['AMPERE_80'], true)).toBe('"gpu" not sent: --gpu-pool chose the pools');
  });

  it('"gpu": null asks for no GPU, as any field set to null (templateFile.ts asksFor): no pool preselected, nothing dropped', () => {
    expect(endpointFromTemplateFile(bodyOf('{"name": "sd", "image": "i", "serverless": true, "gpu": null}'), catalog)).toEqual({
      ok: true,
      source: { name: 'sd', image: 'i', env: {}, asWritten: {}, dropped: [] },
    });
  });

  it('"templateId": null names no template, as any field set to null (templateFile.ts asksFor): the file\'s image is the container', () => {
    expect(templateFile('{"name": "sd", "image": "i", "serverless": true, "templateId": null}')).toEqual({
      ok: true,
      source: { name: 'sd', image: 'i', env: {}, asWritten: {}, dropped: [] },
    });
  });

  it('a field set to null is no dropped field, as for a launch: nothing is noted as not sent', () => {
    const result = templateFile('{"name": "sd", "image": "img:1", "serverless": true, "mounts": null, "startSsh": null, "startJupyter": true}');
    expect(result.ok && result.source.dropped).toEqual(['startJupyter']);
  });

  it('sends dataCenterIds as written: an endpoint create takes it (runpod-api.md), so it is no dropped field', () => {
    const result = templateFile('{"name": "sd", "image": "i", "serverless": true, "dataCenterIds": ["EU-RO-1"], "cloud": "SECURE"}');
    expect(result).toMatchObject({ ok: true, source: { asWritten: { dataCenterIds: ['EU-RO-1'] }, dropped: ['cloud'] } });
  });

  it('refuses a file that asks for a CPU endpoint ("cpu"), as a CPU Hub listing: Deploy Endpoint deploys to GPU pools, and dropping it would start GPU workers', () => {
    expect(templateFile('{"name": "sd", "image": "i", "serverless": true, "cpu": {}}')).toEqual({
      ok: false,
      message: '"cpu" asks for a CPU endpoint: the deploy asks for GPU pools only; deploy a CPU endpoint from the RunPod console.',
      field: 'cpu',
    });
    // A null asks for nothing, so nothing is refused.
    expect(templateFile('{"name": "sd", "image": "i", "serverless": true, "cpu": null}').ok).toBe(true);
  });

  it('a field set to null is left out of the endpoint, but "registry": null, which RunPod takes as no credential (over a template\'s)', () => {
    const result = templateFile('{"name": "sd", "image": "i", "serverless": true, "ports": null, "args": null, "dataCenterIds": null, "registry": null}');
    expect(result.ok && result.source.asWritten).toEqual({ registry: null });
    expect(result.ok && result.source.dropped).toEqual([]);
  });

  it('refuses a Pod template (serverless: false) and a templateId that is not a string, in a sentence (ending as Launch Pod\'s), naming the field', () => {
    expect(templateFile('{"name":"p","image":"i","serverless":false}')).toEqual({ ok: false, message: '"serverless" is false: this is a Pod template, and an endpoint needs a serverless one.', field: 'serverless' });
    expect(templateFile('{"name":"p","templateId":7}')).toEqual({ ok: false, message: '"templateId" must be a non-empty string.', field: 'templateId' });
  });

  it('refuses a field the template schema does not know, with the "did you mean" and in the words of Launch Pod\'s refusal: a typo would deploy paid workers without it', () => {
    const typo = '{"name": "w", "image": "i", "serverless": true, "startSSh": true}';
    expect(templateFile(typo)).toEqual({ ok: false, field: 'startSSh', message: '"startSSh" is no field of a template or Pod body; did you mean "startSsh"?' });
    expect(templateFile('{"name": "w", "image": "i", "diskSize": 5}')).toEqual({ ok: false, field: 'diskSize', message: '"diskSize" is no field of a template or Pod body.' });
    // One rule: the file a launch refuses for a field, a deploy refuses in the same words.
    for (const text of ['{"image": "i", "dataCenterId": ["EU-RO-1"]}', '{"image": "i", "startJupyer": true}', `{"image": "i", "\\u001b[2J${'x'.repeat(500)}": 1}`]) {
      const launch = toLaunchTemplate(bodyOf(text));
      expect(launch.ok).toBe(false);
      expect(templateFile(text)).toEqual(launch);
    }
  });

  it('tells serverless template files from others, unreadable ones included', () => {
    expect(isServerlessTemplateText('{"name":"s","serverless":true}')).toBe(true);
    expect(isServerlessTemplateText('{"name":"s"}')).toBe(false);
    expect(isServerlessTemplateText('{"name":')).toBe(false);
  });
});

describe('endpointFromHubJson', () => {
  it('reads the sample workspace listing: title, every config.env value or input default, the disk; no image', () => {
    const text = readFileSync(new URL('../../sample-workspace/.runpod/hub.json', import.meta.url), 'utf8');
    const result = hubJson(text, catalog);
    expect(result).toEqual({
      ok: true,
      source: {
        name: 'Llama fine-tuning worker',
        env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', DB_PASSWORD: '{{ RUNPOD_SECRET_db_pasword }}', MODEL_ID: 'meta-llama/Llama-3.1-8B' },
        asWritten: { disk: 50 },
        dropped: [],
      },
    });
  });

  it('maps gpuIds (pool ids or GPU ids, exclusions skipped, unknown ones dropped) to the catalog\'s pools, once each', () => {
    const text = JSON.stringify({ title: 't', config: { gpuIds: 'ADA_24,-AMPERE_80, NVIDIA A100 80GB PCIe ,RTX 4090,NOT_A_POOL', allowedCudaVersions: ['12.8', 3], env: [] } });
    const result = hubJson(text, catalog);
    expect(result).toMatchObject({ ok: true, source: { pools: ['ADA_24', 'AMPERE_80'], allowedCudaVersions: ['12.8'] } });
  });

  it('an input without a default is left out; the last entry of a key wins', () => {
    const text = JSON.stringify({ config: { env: [{ key: 'A', input: { name: 'a' } }, { key: 'B', value: '1' }, { key: 'B', value: '2' }] } });
    expect(hubJson(text)).toMatchObject({ ok: true, source: { name: '', env: { B: '2' } } });
  });

  it('a key named __proto__ is an env var like any other, not the env object\'s prototype', () => {
    const text = JSON.stringify({ config: { env: [{ key: '__proto__', value: 'x' }, { key: 'A', value: '1' }] } });
    const result = hubJson(text);
    expect(result.ok && Object.keys(result.source.env)).toEqual(['__proto__', 'A']);
    expect(result.ok && Object.getOwnPropertyDescriptor(result.source.env, '__proto__')?.value).toBe('x');
  });

  it('a repeated `config`: the env and the disk both come from the last, as JSON readers read it', () => {
    const text = '{"config":{"containerDiskInGb":5,"env":[{"key":"A","value":"1"}]},"config":{"containerDiskInGb":9,"env":[{"key":"B","value":"2"}]}}';
    expect(hubJson(text)).toMatchObject({ ok: true, source: { env: { B: '2' }, asWritten: { disk: 9 } } });
    expect(hubJson(text)).not.toMatchObject({ source: { env: { A: '1' } } });
  });

  it('refuses a CPU listing and a listing that is not serverless, in a sentence, naming the field to open', () => {
    expect(hubJson('{"config":{"runsOn":"CPU"}}')).toEqual({
      ok: false,
      message: '"runsOn" is "CPU": the deploy asks for GPU pools only; deploy a CPU endpoint from the RunPod console.',
      field: ['config', 'runsOn'],
    });
    expect(hubJson('{"type":"pod","config":{}}')).toEqual({ ok: false, message: '"type" is not "serverless": this Hub listing does not describe an endpoint.', field: 'type' });
  });
});
