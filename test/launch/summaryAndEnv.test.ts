import { describe, expect, it } from 'vitest';
import { envItems, knownSecretNames } from '../../client/src/launch/envItems';
import { cpuChoice, gpuChoices } from '../../client/src/launch/gpuChoices';
import { summarize } from '../../client/src/launch/summary';
import { defaultCatalog } from '../fake-runpod/catalog';

const templateEnv = { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', HF_HOME: '/workspace/hf', API_KEY: 'sk-live-abcdef1234567890abcdef' };
const fileEnv = { HF_HOME: '/data/hf', WANDB_KEY: '{{RUNPOD_SECRET_wandb}}' };

describe('envItems', () => {
  it('lists merged keys in merge order with their origin and referenced secrets', () => {
    const items = envItems(templateEnv, fileEnv);
    expect(items.map((i) => [i.key, i.origin, i.references, i.notSubstituted])).toEqual([
      ['HF_TOKEN', 'template', ['hf-token'], []],
      ['HF_HOME', 'file-overrides-template', [], []],
      ['API_KEY', 'template', [], []],
      ['WANDB_KEY', 'file', ['wandb'], ['wandb']],
    ]);
  });

  it('never shows a plain value (it may be a credential)', () => {
    const shown = JSON.stringify(envItems(templateEnv, fileEnv));
    expect(shown).not.toContain('sk-live-abcdef1234567890abcdef');
    expect(shown).not.toContain('/data/hf');
  });
});

describe('references to secrets not on the account', () => {
  const known = new Set(['hf-token', 'openai-key']);

  it('are marked in the env items against the known list, and only when the list is known', () => {
    const items = envItems(templateEnv, { HF_HUB_TOKEN: '{{ RUNPOD_SECRET_hf-tokn }}', WANDB_KEY: '{{RUNPOD_SECRET_wandb}}' }, known);
    const hub = items.find((i) => i.key === 'HF_HUB_TOKEN')!;
    expect(hub.unknown).toEqual(['hf-tokn']);
    expect(hub.description).toBe('secret hf-tokn (not on your account) · from the env file');
    expect(items.find((i) => i.key === 'HF_TOKEN')).toMatchObject({ unknown: [], description: 'secret hf-token · from the template' });
    expect(items.find((i) => i.key === 'WANDB_KEY')!.unknown).toEqual(['wandb']);
    // No list yet (signed out, never fetched): nothing is called unknown.
    expect(envItems(templateEnv, { HF_HUB_TOKEN: '{{ RUNPOD_SECRET_hf-tokn }}' }).every((i) => i.unknown.length === 0)).toBe(true);
  });

  it("take the store's list only once it was fetched (fresh, stale, or loading over one of them)", () => {
    const secrets = [{ name: 'hf-token' }];
    expect(knownSecretNames({ kind: 'fresh', fetchedAt: 't' }, secrets)).toEqual(new Set(['hf-token']));
    expect(knownSecretNames({ kind: 'stale', fetchedAt: 't', error: { kind: 'network', message: 'm' } }, secrets)).toEqual(new Set(['hf-token']));
    expect(knownSecretNames({ kind: 'loading', previous: { kind: 'fresh', fetchedAt: 't' } }, secrets)).toEqual(new Set(['hf-token']));
    expect(knownSecretNames({ kind: 'loading' }, [])).toBeUndefined();
    expect(knownSecretNames({ kind: 'signed-out' }, [])).toBeUndefined();
    expect(knownSecretNames({ kind: 'error', error: { kind: 'network', message: 'm' } }, [])).toBeUndefined();
  });

  it('are marked in the summary, the env header counts them, and their lines are flagged for a warning icon', () => {
    const summary = summarize({
      podName: 'p',
      source: 'file pytorch-train.runpod.json',
      envFile: 'runpod.env',
      image: 'img',
      compute: cpuChoice(),
      count: 1,
      cloud: 'SECURE',
      env: envItems({ HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' }, { HF_HUB_TOKEN: '{{ RUNPOD_SECRET_hf-tokn }}' }, known),
    });
    expect(summary.lines.slice(-3)).toEqual(['Env: 2 variables, 2 from secrets, 1 secret not on your account', '  HF_TOKEN ← secret hf-token', '  HF_HUB_TOKEN ← secret hf-tokn (not on your account)']);
    expect(summary.flagged.map((i) => summary.lines[i])).toEqual(['Env: 2 variables, 2 from secrets, 1 secret not on your account', '  HF_HUB_TOKEN ← secret hf-tokn (not on your account)']);
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
      '  WANDB_KEY ← secret wandb (not substituted: fix the spelling)',
    ]);
    expect(summary.lines.join('\n')).not.toContain('sk-live');
    // The file's `{{RUNPOD_SECRET_wandb}}` would reach the Pod as literal text: Launch refuses it, the summary marks it.
    expect(summary.flagged.map((i) => summary.lines[i])).toEqual(['  WANDB_KEY ← secret wandb (not substituted: fix the spelling)']);
  });

  it('names the env file merged over a template file, after the template', () => {
    const input = { podName: 'p', source: 'file pytorch-train.runpod.json', image: 'img', compute: cpuChoice(), count: 1, cloud: 'SECURE' as const, env: [] };
    expect(summarize({ ...input, envFile: 'runpod.env' }).lines.slice(1, 3)).toEqual(['From: file pytorch-train.runpod.json', "Env file: runpod.env (its variables override the template's)"]);
    expect(summarize(input).lines.join('\n')).not.toContain('Env file');
  });

  it('has no price for a CPU Pod and says so', () => {
    const summary = summarize({ podName: 'cpu', source: 'file a.runpod.json', image: undefined, compute: cpuChoice(), count: 1, cloud: 'SECURE', env: [] });
    expect(summary.pricePerHour).toBeNull();
    expect(summary.lines).toContain('Price: set by RunPod');
    expect(summary.lines).toContain('Image: (from the template)');
    expect(summary.lines).toContain('Env: none');
  });
});
