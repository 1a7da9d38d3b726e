import { describe, expect, it } from 'vitest';
import { parseTemplateFile, toLaunchTemplate, toTemplateInput } from '../../client/src/launch/templateFile';

const good = `{
  // comments are tolerated, as in the editor
  "$schema": "../schemas/runpod-template.schema.json",
  "name": "pytorch-train",
  "image": "runpod/pytorch:2.4.0",
  "disk": 50,
  "ports": ["8888/http"],
  "gpu": { "id": "NVIDIA GeForce RTX 4090", "count": 2 },
  "cloud": "COMMUNITY",
  "args": "--serve",
  "env": { "HF_TOKEN": "{{ RUNPOD_SECRET_hf-token }}", "MODEL": "llama" },
}`;

function parsed(text: string) {
  const result = parseTemplateFile(text);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.body;
}

describe('parseTemplateFile', () => {
  it('strips $schema and keeps every other field', () => {
    const body = parsed(good);
    expect(body.name).toBe('pytorch-train');
    expect(body.image).toBe('runpod/pytorch:2.4.0');
    expect(body.env).toEqual({ HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MODEL: 'llama' });
    expect(body.rest).not.toHaveProperty('$schema');
    expect(Object.keys(body.rest).sort()).toEqual(['args', 'cloud', 'disk', 'gpu', 'ports']);
  });

  it('reports bad JSON with line and column, without throwing', () => {
    const result = parseTemplateFile('{\n  "name": "x",\n  "image": \n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]!.message).toMatch(/^Not valid JSON: value expected at line 4, column 1\.$/);
    expect(result.errors[0]!.offset).toBe(29); // the closing brace
  });

  it.each([
    ['[]', /one JSON object/],
    ['"text"', /one JSON object/],
    ['', /Not valid JSON/],
    ['{"image": "x"}', /"name" is required/],
    ['{"name": "  "}', /"name" is required/],
    ['{"name": "a", "env": ["A=1"]}', /"env" must be an object/],
    ['{"name": "a", "env": {"PORT": 8080}}', /"env.PORT" must be a string/],
    ['{"name": "a", "image": 3}', /"image" must be a non-empty string/],
  ])('rejects %s with a clear message', (text, message) => {
    const result = parseTemplateFile(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.message).join(' ')).toMatch(message);
  });
});

describe('toTemplateInput', () => {
  it('leaves out Pod-only fields (RunPod would answer 422) and says which', () => {
    const { input, leftOut } = toTemplateInput(parsed(good));
    expect(leftOut.sort()).toEqual(['cloud', 'gpu']);
    expect(input).toEqual({
      name: 'pytorch-train',
      image: 'runpod/pytorch:2.4.0',
      disk: 50,
      ports: ['8888/http'],
      args: '--serve',
      env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MODEL: 'llama' },
    });
    expect(input).not.toHaveProperty('$schema');
  });
});

describe('toLaunchTemplate', () => {
  it('goes through the plan reader: gpu and cloud kept, template-only args dropped', () => {
    const result = toLaunchTemplate(parsed(good));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.template.gpu).toEqual({ id: 'NVIDIA GeForce RTX 4090', count: 2 });
    expect(result.template.cloud).toBe('COMMUNITY');
    expect(result.dropped).toEqual(['args']);
    expect(result.template).not.toHaveProperty('$schema');
  });

  it('refuses a serverless template with a sentence, not a throw', () => {
    const result = toLaunchTemplate(parsed('{"name": "w", "image": "i", "serverless": true}'));
    expect(result).toEqual({ ok: false, message: 'This file cannot launch a Pod: a serverless template cannot launch a Pod.' });
  });
});
