import { describe, expect, it } from 'vitest';
import { envItems, knownSecretNames } from '../../client/src/launch/envItems';
import { cpuChoice, gpuChoices } from '../../client/src/launch/gpuChoices';
import { foreseenStops, summarize } from '../../client/src/launch/summary';
import { preflight } from '../../client/src/launch/plan';
import { parseTemplateFile, toLaunchTemplate } from '../../client/src/launch/templateFile';
import { closestName } from '../../server/src/template/names';
import fc from 'fast-check';
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
    // Misspaced: the check refuses it for the spacing (one reason per reference), so it is no missing secret.
    expect(items.find((i) => i.key === 'WANDB_KEY')).toMatchObject({ unknown: [], notSubstituted: ['wandb'] });
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
      source: 'file pytorch-train.runpod.json',
      envFile: 'runpod.env',
      body: { name: 'p', image: 'img', cpu: {}, cloud: 'SECURE' },
      compute: cpuChoice(),
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
      source: 'template pytorch-train',
      body: { name: 'train-1', templateId: 'tpl1', gpu: { id: 'NVIDIA GeForce RTX 4090', count: 2 }, cloud: 'COMMUNITY', env: fileEnv },
      base: { name: 'pytorch-train', image: 'runpod/pytorch:2.4.0' },
      compute: rtx4090!,
      env: envItems(templateEnv, fileEnv),
    });
    expect(summary.pricePerHour).toBe(0.68);
    expect(summary.title).toBe('Launch train-1: 2 × RTX 4090, Community Cloud, $0.68/hr');
    expect(summary.lines).toEqual([
      'Pod: train-1',
      'From: template pytorch-train',
      'Template id: tpl1 (pytorch-train; RunPod applies it, then the fields below)',
      'Image: runpod/pytorch:2.4.0 (from the template)',
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
    const input = { source: 'file pytorch-train.runpod.json', body: { name: 'p', image: 'img', cpu: {} }, compute: cpuChoice(), env: [] };
    expect(summarize({ ...input, envFile: 'runpod.env' }).lines.slice(1, 3)).toEqual(['From: file pytorch-train.runpod.json', "Env file: runpod.env (its variables override the template's)"]);
    expect(summarize(input).lines.join('\n')).not.toContain('Env file');
  });

  it('names the fields of the file the launch leaves out (`"serverless": false` among them), as the command line\'s note does', () => {
    const parsed = parseTemplateFile('{"name": "p", "image": "img", "cpu": {}, "serverless": false, "args": "--x"}');
    const launch = parsed.ok ? toLaunchTemplate(parsed.body) : undefined;
    const dropped = launch?.ok ? launch.dropped : [];
    const summary = summarize({ source: 'file a.runpod.json', body: { name: 'p', image: 'img', cpu: {} }, compute: cpuChoice(), env: [], dropped });
    expect(summary.lines).toContain('Not sent (fields a Pod create does not take): serverless, args');
    expect(summarize({ source: 'file a.runpod.json', body: { name: 'p', image: 'img', cpu: {} }, compute: cpuChoice(), env: [] }).lines.join('\n')).not.toContain('Not sent');
  });

  it('has no price for a CPU Pod and says so', () => {
    const summary = summarize({ source: 'file a.runpod.json', body: { name: 'cpu', templateId: 't', cpu: {} }, compute: cpuChoice(), env: [] });
    expect(summary.pricePerHour).toBeNull();
    expect(summary.lines).toContain('Price: set by RunPod');
    expect(summary.lines).toContain('Image: (from the template)');
    expect(summary.lines).toContain('Env: none');
  });

  // Issue 10: the summary of a template file left out templateId, ports, mounts and the start options.
  it('lists every field that will be sent: template id, ports, mounts, disk, data centres, start options', () => {
    const body = {
      name: 'from-file',
      image: 'runpod/pytorch:2.4.0',
      templateId: 'pub123',
      gpu: { id: 'NVIDIA GeForce RTX 4090', count: 1 },
      cloud: 'SECURE' as const,
      disk: 50,
      ports: ['8888/http', '22/tcp'],
      mounts: { persistent: { size: 20, path: '/workspace' } },
      dataCenterIds: ['EU-RO-1'],
      startSsh: true,
      startJupyter: false,
      env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' },
    };
    const summary = summarize({ source: 'file a.runpod.json', body, base: { name: 'someone-public', image: 'base:1' }, compute: rtx4090!, env: envItems({}, body.env) });
    expect(summary.lines).toEqual([
      'Pod: from-file',
      'From: file a.runpod.json',
      'Template id: pub123 (someone-public; RunPod applies it, then the fields below)',
      'Image: runpod/pytorch:2.4.0',
      'GPU: 1 × RTX 4090 (NVIDIA GeForce RTX 4090)',
      'Cloud: Secure Cloud',
      'Price: $0.69/hr',
      'Disk: 50 GB',
      'Ports: 8888/http, 22/tcp',
      'Mounts: persistent volume, 20 GB at /workspace',
      'Data centres: EU-RO-1',
      'Start SSH: yes',
      'Start Jupyter: no',
      'Env: 1 variable, 1 from secrets',
      '  HF_TOKEN ← secret hf-token',
    ]);
  });

  it('shows a field of an unexpected shape as written, bounded', () => {
    const body = { name: 'p', image: 'i', cpu: {}, ports: 'not-a-list' as unknown as string[], mounts: { network: [{ volumeId: 'v'.repeat(500), path: '/data' }] } as never };
    const lines = summarize({ source: 's', body, compute: cpuChoice(), env: [] }).lines;
    expect(lines).toContain('Ports: not-a-list');
    const mounts = lines.find((l) => l.startsWith('Mounts: '))!;
    expect(mounts.length).toBeLessThan(220);
    expect(mounts).toMatch(/^Mounts: \{"network":\[\{"volumeId":"v+…$/);
  });
});

describe("the summary's foreseen stops are the check's (preflight's) refusals", () => {
  const stopsOf = (env: Record<string, string>, known?: ReadonlySet<string>) => foreseenStops(envItems({}, env, known));

  it('gives each reference the one reason the check gives it: a misspaced reference and an invalid name are no missing secrets', () => {
    const env = { A: '{{RUNPOD_SECRET_hf-token}}', B: '{{ RUNPOD_SECRET_9lives }}' };
    const known = new Set(['ok']);
    expect(preflight(env, known).map((p) => [p.name, p.reason])).toEqual([
      ['hf-token', 'noncanonical'],
      ['9lives', 'invalid-name'],
    ]);
    const stops = stopsOf(env, known);
    // No Create row: creating hf-token leaves the spacing the check stops on, and 9lives fails the name rule.
    expect(stops.missing).toEqual([]);
    expect(stops.stops).toEqual(['1 invalid secret name', '1 reference RunPod would not substitute']);
    const items = envItems({}, env, known);
    expect(items.map((i) => i.description)).toEqual([
      'secret hf-token (not substituted: fix the spelling) · from the env file',
      'secret 9lives (invalid secret name) · from the env file',
    ]);
  });

  it('offers a Create row only for a secret the check finds missing, whose name passes the rule', () => {
    const stops = stopsOf({ A: '{{ RUNPOD_SECRET_hf-token }}', B: '{{ RUNPOD_SECRET_9lives }}', C: '{{ RUNPOD_SECRET_hf-token }}' }, new Set(['ok']));
    expect(stops.missing).toEqual(['hf-token']);
    expect(stops.stops).toEqual(['1 secret not on your account', '1 invalid secret name']);
  });

  it('offers no Create row for a typo of a secret the account has: the check offers Replace with it instead', () => {
    // db_pasword is one edit from db_password: creating a second secret under the typo is never the fix.
    const stops = stopsOf({ A: '{{ RUNPOD_SECRET_db_pasword }}', B: '{{ RUNPOD_SECRET_wandb-key }}' }, new Set(['db_password', 'hf-token']));
    expect(stops.missing).toEqual(['wandb-key']);
    expect(stops.stops).toEqual(['2 secrets not on your account']);
  });

  // Generated envs of references in every form, over names valid, invalid, legacy-looking, on the list or not.
  const names = ['ok', 'hf-token', '9lives', 'a b', '', 'x'.repeat(70), 'Ok'];
  const forms = (n: string) => [`{{ RUNPOD_SECRET_${n} }}`, `{{RUNPOD_SECRET_${n}}}`, `pre-{{ RUNPOD_SECRET_${n} }}`, `{{ RUNPOD_SECRET_${n}`, `{{  RUNPOD_SECRET_${n} }}`];
  const value = fc.array(fc.constantFrom(...names.flatMap(forms), 'plain', '{{ }}'), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));
  const env = fc.dictionary(fc.constantFrom('A', 'B', 'C', 'D'), value, { maxKeys: 4 });
  const list = fc.subarray(names);
  const id = (p: { key: string; name: string; reason: string }) => `${p.key}\u0000${p.name}\u0000${p.reason}`;

  it('against a known list: the same refusals as preflight, reference by reference', () => {
    fc.assert(
      fc.property(env, list, (e, l) => {
        const known = new Set(l);
        const stops = stopsOf(e, known);
        const blocking = preflight(e, known);
        expect(stops.blocking.map(id)).toEqual(blocking.map(id));
        // Create rows: the missing names the check offers no "Replace with" for (its closest-name rule).
        expect(stops.missing).toEqual([...new Set(blocking.filter((b) => b.reason === 'unknown' && closestName(b.name, l) === undefined).map((b) => b.name))]);
      }),
    );
  });

  it('with the list unknown: only refusals the check makes whatever the list holds', () => {
    fc.assert(
      fc.property(env, list, (e, l) => {
        const stops = stopsOf(e, undefined);
        const blocking = preflight(e, l).map(id);
        for (const p of stops.blocking) expect(blocking).toContain(id(p));
        expect(stops.missing).toEqual([]);
      }),
    );
  });
});
