/** The Launch Pod plan's pure functions: merge, preflight, request body, template file reading. */
import { describe, expect, it } from 'vitest';
import { buildPodRequest, finalEnv, mergeEnv, preflight, type TemplateFile } from '../../client/src/launch/plan';
import { parseTemplateFile, toLaunchTemplate } from '../../client/src/launch/templateFile';

/** A template file as `pods launch --template-file` reads it (the editor's reader). */
function launchTemplate(text: string): TemplateFile {
  const parsed = parseTemplateFile(text);
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  const launchable = toLaunchTemplate(parsed.body);
  if (!launchable.ok) throw new Error(launchable.message);
  return launchable.template;
}

describe('mergeEnv', () => {
  it('keeps template order, overrides win per key, new keys follow', () => {
    const merged = mergeEnv({ A: '1', B: '2', C: '3' }, { B: 'two', D: '4' });
    expect(merged).toEqual({ A: '1', B: 'two', C: '3', D: '4' });
    expect(Object.keys(merged)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('treats __proto__ as a plain key, never as the prototype', () => {
    const overrides = JSON.parse('{"__proto__": "x", "A": "1"}') as Record<string, string>;
    const merged = mergeEnv(undefined, overrides);
    expect(Object.keys(merged)).toEqual(['__proto__', 'A']);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });
});

describe('preflight', () => {
  const known = ['hf-token', 'db_password'];

  it('passes canonical references to known secrets and plain values', () => {
    expect(preflight({ HF: '{{ RUNPOD_SECRET_hf-token }}', URL: 'postgres://u:{{ RUNPOD_SECRET_db_password }}@h/db', PLAIN: 'x' }, known)).toEqual([]);
  });

  it('reports unknown, malformed, non-canonical and invalid names with key and name, in env order', () => {
    const problems = preflight(
      {
        A: '{{ RUNPOD_SECRET_missing }}',
        B: '{{ RUNPOD_SECRET_hf-token',
        C: '{{RUNPOD_SECRET_hf-token}}',
        D: '{{ RUNPOD_SECRET_RUNPOD_X }}',
        E: '{{ RUNPOD_SECRET_HF-TOKEN }}',
      },
      known,
    );
    expect(problems.map(({ key, name, reason }) => ({ key, name, reason }))).toEqual([
      { key: 'A', name: 'missing', reason: 'unknown' },
      { key: 'B', name: 'hf-token', reason: 'malformed' },
      { key: 'C', name: 'hf-token', reason: 'noncanonical' },
      { key: 'D', name: 'RUNPOD_X', reason: 'invalid-name' },
      { key: 'E', name: 'HF-TOKEN', reason: 'unknown' }, // names are case-sensitive
    ]);
    for (const p of problems) expect(p.message.length).toBeGreaterThan(10);
    expect(problems[2]!.message).toContain('{{ RUNPOD_SECRET_hf-token }}');
  });

  it('passes a reference to a legacy-named secret the account holds, as the editor does', () => {
    // Names made before RunPod's rule changed (a leading digit, the RUNPOD prefix) are still the account's.
    const legacy = ['2fa_seed', 'RUNPOD_KEY', 'runpodtok'];
    const env = { A: '{{ RUNPOD_SECRET_2fa_seed }}', B: '{{ RUNPOD_SECRET_RUNPOD_KEY }}', C: 'x={{ RUNPOD_SECRET_runpodtok }}' };
    expect(preflight(env, legacy)).toEqual([]);
    // Not held: a name that can never be created again is still refused as invalid.
    expect(preflight(env, []).map((p) => p.reason)).toEqual(['invalid-name', 'invalid-name', 'invalid-name']);
  });

  it('with an empty secret list every reference is unknown', () => {
    expect(preflight({ A: '{{ RUNPOD_SECRET_hf-token }}' }, []).map((p) => p.reason)).toEqual(['unknown']);
  });
});

describe('buildPodRequest', () => {
  it('template id with env overrides: exactly name, templateId, gpu, cloud and only the overrides as env', () => {
    const body = buildPodRequest(
      { kind: 'template-id', templateId: '30zmvf89kd' },
      { name: 'train-1', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 }, cloud: 'SECURE', env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' } },
    );
    expect(body).toStrictEqual({
      name: 'train-1',
      templateId: '30zmvf89kd',
      gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 },
      cloud: 'SECURE',
      env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' },
    });
    expect(JSON.stringify(body)).toBe(
      '{"name":"train-1","templateId":"30zmvf89kd","gpu":{"id":"NVIDIA GeForce RTX 4090","count":1},"cloud":"SECURE","env":{"HF_TOKEN":"{{ RUNPOD_SECRET_hf-token }}"}}',
    );
  });

  it('template id without overrides or cloud sends no env and no cloud key', () => {
    expect(buildPodRequest({ kind: 'template-id', templateId: 't1' }, { name: 'p', gpu: { id: 'g', count: 2 } })).toStrictEqual({
      name: 'p',
      templateId: 't1',
      gpu: { id: 'g', count: 2 },
    });
  });

  it('template file: Pod fields of the file, env merged with overrides, flags win over the file', () => {
    const template = launchTemplate(
      JSON.stringify({ name: 'f', image: 'img:1', disk: 20, ports: ['22/tcp'], startSsh: true, cloud: 'COMMUNITY', gpu: { id: 'file-gpu' }, env: { A: '1', B: '2' } }),
    );
    const body = buildPodRequest({ kind: 'template-file', template }, { name: 'f', env: { B: 'b', C: '3' }, cloud: 'SECURE' });
    expect(body).toStrictEqual({
      name: 'f',
      image: 'img:1',
      gpu: { id: 'file-gpu', count: 1 },
      cloud: 'SECURE',
      disk: 20,
      env: { A: '1', B: 'b', C: '3' },
      ports: ['22/tcp'],
      startSsh: true,
    });
  });

  it('finalEnv puts the template env under the body env only when the body names a template', () => {
    expect(finalEnv({ name: 'p', templateId: 't', env: { B: 'x' } }, { A: '1', B: '2' })).toEqual({ A: '1', B: 'x' });
    expect(finalEnv({ name: 'p', image: 'i', env: { B: 'x' } }, { A: '1' })).toEqual({ B: 'x' });
  });
});
