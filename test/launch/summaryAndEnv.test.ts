import { describe, expect, it } from 'vitest';
import { envItems } from '../../client/src/launch/envItems';
import { cpuChoice, gpuChoices } from '../../client/src/launch/gpuChoices';
import { summarize } from '../../client/src/launch/summary';
import { defaultCatalog } from '../fake-runpod/catalog';

const templateEnv = { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', HF_HOME: '/workspace/hf', API_KEY: 'sk-live-abcdef1234567890abcdef' };
const fileEnv = { HF_HOME: '/data/hf', WANDB_KEY: '{{RUNPOD_SECRET_wandb}}' };

describe('envItems', () => {
  it('lists merged keys in merge order with their origin and referenced secrets', () => {
    const items = envItems(templateEnv, fileEnv);
    expect(items.map((i) => [i.key, i.origin, i.references])).toEqual([
      ['HF_TOKEN', 'template', ['hf-token']],
      ['HF_HOME', 'file-overrides-template', []],
      ['API_KEY', 'template', []],
      ['WANDB_KEY', 'file', ['wandb']],
    ]);
  });

  it('never shows a plain value (it may be a credential)', () => {
    const shown = JSON.stringify(envItems(templateEnv, fileEnv));
    expect(shown).not.toContain('sk-live-abcdef1234567890abcdef');
    expect(shown).not.toContain('/data/hf');
  });
});

describe('summarize', () => {
  const [rtx4090] = gpuChoices(defaultCatalog());

  it('says image, GPU, count, cloud, total price and env keys with references marked', () => {
    const summary = summarize({
      podName: 'train-1',
      source: 'template pytorch-train',
      image: 'runpod/pytorch:2.4.0',
      compute: rtx4090!,
      count: 2,
      cloud: 'COMMUNITY',
      env: envItems(templateEnv, fileEnv),
    });
    expect(summary.pricePerHour).toBe(0.68);
    expect(summary.title).toBe('Launch train-1: 2 × RTX 4090, Community Cloud, $0.68/hr');
    expect(summary.lines).toEqual([
      'Pod: train-1',
      'From: template pytorch-train',
      'Image: runpod/pytorch:2.4.0',
      'GPU: 2 × RTX 4090 (NVIDIA GeForce RTX 4090)',
      'Cloud: Community Cloud',
      'Price: $0.68/hr',
      'Env: 4 variables, 2 from secrets',
      '  HF_TOKEN ← secret hf-token',
      '  HF_HOME',
      '  API_KEY',
      '  WANDB_KEY ← secret wandb',
    ]);
    expect(summary.lines.join('\n')).not.toContain('sk-live');
  });

  it('has no price for a CPU Pod and says so', () => {
    const summary = summarize({ podName: 'cpu', source: 'file a.runpod.json', image: undefined, compute: cpuChoice(), count: 1, cloud: 'SECURE', env: [] });
    expect(summary.pricePerHour).toBeNull();
    expect(summary.lines).toContain('Price: set by RunPod');
    expect(summary.lines).toContain('Image: (from the template)');
    expect(summary.lines).toContain('Env: none');
  });
});
