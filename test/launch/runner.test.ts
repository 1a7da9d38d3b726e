/**
 * The Launch Pod and Push Template flows end to end against the fake RunPod API over HTTP, with
 * the UI replaced by callbacks: what a user relies on is that nothing is rented while a reference
 * dangles, that a good launch reaches RUNNING, and that capacity failures say so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckReport, EnvSource } from '../../client/src/launch/checks';
import { planReplacement } from '../../client/src/launch/replaceReference';
import { runLaunch, runPushTemplate, type ChecksDecision, type LaunchUi, type PushUi } from '../../client/src/launch/launchPlanRunner';
import { buildPodRequest } from '../../client/src/launch/plan';
import { podSsh } from '../../client/src/runpod/parse';
import { parseTemplateFile, toLaunchTemplate } from '../../client/src/launch/templateFile';
import type { TemplateUpdateSummary } from '../../client/src/launch/templateDiff';
import type { RunpodClient } from '../../client/src/runpod/client';
import type { FakeRunpod } from '../fake-runpod/index';
import { resourceNameProblem } from '../../client/src/ui/resourceName';
import { RESOURCE_NAME_MAX_LENGTH } from '../../server/src/template/names';
import { clientFor, shortSleep, startFake } from './helpers';
import { cancelToken } from '../helpers/cancelToken';

let fake: FakeRunpod;
let api: RunpodClient;
beforeEach(async () => {
  fake = await startFake();
  api = clientFor(fake);
});
afterEach(async () => {
  await api.close();
  await fake.close();
});

/** A UI that lists secrets fresh from the API and answers findings from a script. */
function ui(decide: (report: CheckReport, round: number) => Promise<ChecksDecision> | ChecksDecision = () => 'cancel') {
  const reports: CheckReport[] = [];
  const statuses: string[] = [];
  const progress: string[] = [];
  const asked: number[] = [];
  const value: LaunchUi = {
    progress: (message) => progress.push(message),
    secretNames: async () => (await api.listSecrets()).map((s) => s.name),
    onFindings: async (report) => {
      reports.push(report);
      return decide(report, reports.length);
    },
    onPodUpdate: (pod) => statuses.push(pod.status),
    sleep: shortSleep(asked),
  };
  return { ui: value, reports, statuses, progress, asked };
}

const templateId = () => fake.inspect().templates.find((t) => t.name === 'pytorch-train')!.id;
const rtx4090 = { id: 'NVIDIA GeForce RTX 4090', count: 1 };

describe('runLaunch on the fake RunPod API', () => {
  it("a prod launch referencing dev's secret asks first: Cancel rents nothing, Launch anyway goes on", async () => {
    await api.createSecret({ name: 'db_password_dev', value: 'dev-pw' });
    const body = buildPodRequest({ kind: 'template-file', template: { image: 'runpod/base:1', env: { DB_PASSWORD: '{{ RUNPOD_SECRET_db_password_dev }}' } } }, { name: 'train-prod', gpu: rtx4090 });
    const environment = { name: 'prod', environments: ['dev', 'prod'] };
    const cancelled = ui(() => 'cancel');
    expect((await runLaunch(api, { body, environment, noFollow: true }, cancelled.ui)).kind).toBe('cancelled');
    expect(cancelled.reports[0]!.crossing?.map((x) => x.name)).toEqual(['db_password_dev']);
    expect(fake.inspect().pods).toHaveLength(0);
    const anyway = ui(() => 'proceed');
    expect((await runLaunch(api, { body, environment, noFollow: true }, anyway.ui)).kind).toBe('created');
  });

  it('a reference to a missing secret stops the launch before any Pod is created', async () => {
    const body = buildPodRequest({ kind: 'template-id', templateId: templateId() }, { name: 'train', gpu: rtx4090, env: { WANDB_API_KEY: '{{ RUNPOD_SECRET_wandb }}' } });
    const t = ui(() => 'cancel');
    const result = await runLaunch(api, { body, templateEnv: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' } }, t.ui);
    expect(result.kind).toBe('blocked');
    expect(t.reports[0]!.blocking.map((b) => [b.key, b.name, b.reason])).toEqual([['WANDB_API_KEY', 'wandb', 'unknown']]);
    expect(fake.inspect().pods).toEqual([]);
    expect(fake.inspect().requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('Cancel pressed once the create has begun, while the client still lists the Pods before its POST, rents nothing', async () => {
    // The create lists the Pods first (to tell a lost answer's Pod from an older one of that name),
    // and may wait there for a retry or a rate-limit window: Cancel shown all that time must hold.
    const body = buildPodRequest({ kind: 'template-id', templateId: templateId() }, { name: 'train', gpu: rtx4090 });
    const cancel = cancelToken();
    const t = ui(() => 'proceed');
    const launchUi: LaunchUi = { ...t.ui, progress: (message) => void (message === 'Creating the Pod…' && cancel.cancel()), cancel };
    const result = await runLaunch(api, { body, templateEnv: {} }, launchUi);
    expect(result).toEqual({ kind: 'cancelled', stage: 'before-create' });
    expect(fake.inspect().pods).toEqual([]);
    expect(fake.inspect().requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('a key the body sends outside the env-key rule blocks the launch; the same key held by the template it names does not', async () => {
    const sent = buildPodRequest({ kind: 'template-id', templateId: templateId() }, { name: 'train', gpu: rtx4090, env: { 'HF-HOME': '/hf' } });
    const t = ui(() => 'proceed');
    expect((await runLaunch(api, { body: sent, templateEnv: {} }, t.ui)).kind).toBe('blocked');
    expect(t.reports[0]!.invalidKeys?.map((k) => k.key)).toEqual(['HF-HOME']);
    expect(fake.inspect().pods).toHaveLength(0);

    // RunPod took the template's key already and merges it itself: not the editor's to refuse.
    const body = buildPodRequest({ kind: 'template-id', templateId: templateId() }, { name: 'train', gpu: rtx4090, env: { MODE: 'x' } });
    const result = await runLaunch(api, { body, templateEnv: { 'HF-HOME': '/hf' }, noFollow: true }, ui().ui);
    expect(result.kind).toBe('created');
  });

  it('"proceed" cannot launch past a blocking finding', async () => {
    const body = buildPodRequest({ kind: 'template-id', templateId: templateId() }, { name: 'train', gpu: rtx4090, env: { X: '{{ RUNPOD_SECRET_nope }}' } });
    const result = await runLaunch(api, { body }, ui(() => 'proceed').ui);
    expect(result.kind).toBe('blocked');
    expect(fake.inspect().pods).toEqual([]);
  });

  it('after the missing secret is created the checks run again on a fresh list and the launch goes on to RUNNING', async () => {
    const body = buildPodRequest({ kind: 'template-id', templateId: templateId() }, { name: 'train', gpu: rtx4090, cloud: 'SECURE', env: { WANDB_API_KEY: '{{ RUNPOD_SECRET_wandb }}' } });
    const t = ui(async (): Promise<ChecksDecision> => {
      await api.createSecret({ name: 'wandb', value: 'fake-wandb-value' }); // what "Create secret wandb" does
      return 'recheck';
    });
    const result = await runLaunch(api, { body, templateEnv: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' } }, t.ui);
    expect(t.reports).toHaveLength(1);
    expect(result.kind).toBe('created');
    if (result.kind !== 'created') return;
    expect(result.follow?.kind).toBe('running');
    expect(result.pod.status).toBe('RUNNING');
    expect(podSsh(result.pod.ssh)?.command).toMatch(/^ssh root@/);
    expect(t.statuses[0]).not.toBe('RUNNING');
    expect(t.statuses.at(-1)).toBe('RUNNING');
    const [stored] = fake.inspect().pods;
    expect(stored!.unresolvedSecrets).toEqual([]);
    expect(stored!.env).toEqual({ HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', HF_HOME: '/workspace/hf', WANDB_API_KEY: '{{ RUNPOD_SECRET_wandb }}' });
    // Polling followed the backoff schedule: 1 s, 2 s, ... asked, never more than 10 s.
    expect(t.asked[0]).toBe(1000);
    expect(Math.max(...t.asked)).toBeLessThanOrEqual(10_000);
  });

  it('the progress under the "Launching <name>" title says what happens, without repeating the Pod name', async () => {
    const body = buildPodRequest({ kind: 'template-id', templateId: templateId() }, { name: 'progress-pod', gpu: rtx4090, cloud: 'SECURE' });
    const t = ui();
    expect((await runLaunch(api, { body }, t.ui)).kind).toBe('created');
    expect(t.progress.at(-1)).toBe('RUNNING');
    expect(t.progress.filter((m) => m.includes('progress-pod'))).toEqual([]);
  });

  it('a launch from a template file sends the file fields and reaches RUNNING', async () => {
    const parsed = parseTemplateFile('{"$schema": "x", "name": "demo", "image": "runpod/base:1", "ports": ["22/tcp"], "env": {"HF": "{{ RUNPOD_SECRET_hf-token }}"}}');
    if (!parsed.ok) throw new Error('parse');
    const body = buildPodRequest({ kind: 'template-file', template: { image: 'runpod/base:1', ports: ['22/tcp'], env: parsed.body.env } }, { name: 'demo', gpu: rtx4090 });
    const result = await runLaunch(api, { body }, ui().ui);
    expect(result.kind).toBe('created');
    expect(fake.inspect().pods[0]).toMatchObject({ image: 'runpod/base:1', ports: ['22/tcp'], status: 'RUNNING' });
  });

  // Issue 10: a file naming someone else's public template launched without that template's env being checked.
  describe("a template file naming a public template of another account", () => {
    const publicTemplate = (env: Record<string, string>) => fake.addTemplate({ name: `theirs-${Object.keys(env).join('-')}`, image: 'their/image:1', env, public: true }, 'other');
    const fromFile = (templateId: string) => {
      const parsed = parseTemplateFile(`{"name": "mine", "templateId": "${templateId}", "env": {"MODE": "file"}}`);
      if (!parsed.ok) throw new Error('parse');
      const launchable = toLaunchTemplate(parsed.body);
      if (!launchable.ok) throw new Error(launchable.message);
      return buildPodRequest({ kind: 'template-file', template: launchable.template }, { name: 'mine', gpu: rtx4090 });
    };

    it('is refused before any POST when that template references a secret the account lacks', async () => {
      const theirs = publicTemplate({ THEIR_TOKEN: '{{ RUNPOD_SECRET_their-secret }}' });
      const t = ui(() => 'cancel');
      const result = await runLaunch(api, { body: fromFile(theirs.id) }, t.ui);
      expect(result.kind).toBe('blocked');
      expect(t.reports[0]!.blocking.map((b) => [b.key, b.name, b.reason])).toEqual([['THEIR_TOKEN', 'their-secret', 'unknown']]);
      expect(fake.inspect().requests.filter((r) => r.method === 'POST')).toEqual([]);
      expect(fake.inspect().requests.filter((r) => r.method === 'GET' && r.path === `/v2/templates/${theirs.id}`)).toHaveLength(1);
    });

    it('launches with the env RunPod applies (theirs merged under the file\'s) when every secret exists', async () => {
      const theirs = publicTemplate({ HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MODE: 'theirs' });
      const result = await runLaunch(api, { body: fromFile(theirs.id), noFollow: true }, ui().ui);
      expect(result.kind).toBe('created');
      expect(fake.inspect().pods[0]!.env).toEqual({ HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', MODE: 'file' });
    });

    it('an id RunPod does not know (404) stops the launch with a clear message; nothing is POSTed', async () => {
      const t = ui();
      const result = await runLaunch(api, { body: fromFile('no-such-template') }, t.ui);
      expect(result.kind).toBe('failed');
      if (result.kind !== 'failed') return;
      expect(result.advice.message).toMatch(/template to launch from was not found \(404\).*private to another account/);
      // Which flow stopped, and that no Pod exists because of it (errorAdvice's one wording).
      expect(result.advice.message).toMatch(/^Could not launch the Pod: .* Nothing was launched\.$/);
      expect(result.advice.message).not.toContain('no-such-template');
      expect(t.reports).toEqual([]);
      expect(fake.inspect().requests.filter((r) => r.method === 'POST')).toEqual([]);
    });

    it('a private template of another account answers 404 the same way', async () => {
      const hidden = fake.addTemplate({ name: 'hidden', image: 'x', env: { A: '{{ RUNPOD_SECRET_nope }}' } }, 'other');
      const result = await runLaunch(api, { body: fromFile(hidden.id) }, ui().ui);
      expect(result.kind === 'failed' && result.error.message).toMatch(/not found \(404\)/);
      expect(fake.inspect().pods).toEqual([]);
    });
  });

  it('"Replace with hf-token" renames the typo in the env file and in what is sent: the re-check passes and the Pod boots with hf-token', async () => {
    const envText = 'HF_HUB_TOKEN={{ RUNPOD_SECRET_hf-tokn }}\nBATCH=16\n';
    const sources: EnvSource[] = [{ id: 'file:///w/runpod.env', label: 'runpod.env', text: envText, kind: 'runpod-env' }];
    const body = buildPodRequest({ kind: 'template-id', templateId: templateId() }, { name: 'train', gpu: rtx4090, cloud: 'SECURE', env: { HF_HUB_TOKEN: '{{ RUNPOD_SECRET_hf-tokn }}', BATCH: '16' } });
    const t = ui((report): ChecksDecision => {
      expect(report.blocking.map((b) => [b.key, b.name, b.suggestion])).toEqual([['HF_HUB_TOKEN', 'hf-tokn', 'hf-token']]);
      // What the dialog does on the button: the file edit is the UI's, the replacement goes back to the runner.
      const replacement = planReplacement(report, 'hf-tokn', 'hf-token', (id) => sources.find((s) => s.id === id)?.text)!;
      return { kind: 'replaced', replacement };
    });
    const result = await runLaunch(api, { body, templateEnv: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' }, sources }, t.ui);
    expect(t.reports).toHaveLength(1);
    expect(result.kind).toBe('created');
    const [stored] = fake.inspect().pods;
    expect(stored!.env.HF_HUB_TOKEN).toBe('{{ RUNPOD_SECRET_hf-token }}');
    expect(stored!.env.BATCH).toBe('16');
    expect(stored!.unresolvedSecrets).toEqual([]);
  });

  it('a GPU without capacity fails with no-capacity and offers another GPU; nothing is created', async () => {
    const body = buildPodRequest({ kind: 'template-id', templateId: templateId() }, { name: 'train', gpu: { id: 'NVIDIA RTX A6000', count: 1 } });
    const result = await runLaunch(api, { body }, ui().ui);
    expect(result.kind).toBe('failed');
    if (result.kind !== 'failed') return;
    expect((result.error as { kind?: string }).kind).toBe('no-capacity');
    expect(result.advice.actions).toEqual(['pick-another-gpu']);
    expect(fake.inspect().pods).toEqual([]);
    // One POST, never repeated.
    expect(fake.inspect().requests.filter((r) => r.method === 'POST' && r.path === '/v2/pods')).toHaveLength(1);
  });

  it('a low balance fails with insufficient-balance and the add-funds action', async () => {
    fake.setBalance(0.1);
    const body = buildPodRequest({ kind: 'template-id', templateId: templateId() }, { name: 'train', gpu: rtx4090 });
    const result = await runLaunch(api, { body }, ui().ui);
    expect(result.kind === 'failed' && result.advice.actions).toEqual(['open-billing']);
    expect(fake.inspect().pods).toEqual([]);
  });

  it('a credential in plain text is asked about first; cancelling creates nothing', async () => {
    const body = buildPodRequest({ kind: 'template-id', templateId: templateId() }, { name: 'train', gpu: rtx4090, env: { HF_TOKEN: 'hf_aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY3z' } });
    const t = ui(() => 'cancel');
    const result = await runLaunch(api, { body }, t.ui);
    expect(result).toEqual({ kind: 'cancelled', stage: 'checks' });
    expect(t.reports[0]!.credentials.map((c) => c.key)).toEqual(['HF_TOKEN']);
    expect(fake.inspect().pods).toEqual([]);
  });
});

describe('runPushTemplate on the fake RunPod API', () => {
  const file = (image: string, env: string) => {
    const parsed = parseTemplateFile(`{"$schema": "s.json", "name": "my-trainer", "image": "${image}", "gpu": {"id": "x"}, "env": ${env}}`);
    if (!parsed.ok) throw new Error('parse');
    return parsed.body;
  };

  /** The checks UI plus a confirmation that answers `answer` and records what it was shown. */
  function pushUi(answer: boolean, decide?: Parameters<typeof ui>[0]) {
    const t = ui(decide);
    const confirmations: { name: string; change: TemplateUpdateSummary }[] = [];
    const value: PushUi = {
      ...t.ui,
      confirmUpdate: async (existing, change) => {
        confirmations.push({ name: existing.name, change });
        return answer;
      },
    };
    return { ...t, ui: value, confirmations };
  }

  const writes = () => fake.inspect().requests.filter((r) => r.method !== 'GET');

  it("a prod push referencing dev's secret asks first, as Launch Pod does: Cancel sends nothing, Push anyway creates it", async () => {
    // The secret exists: the warning is the only thing said.
    if (!(await api.listSecrets()).some((x) => x.name === 'db_password_dev')) await api.createSecret({ name: 'db_password_dev', value: 'dev-pw' });
    const body = { ...file('img:1', '{"DB_PASSWORD": "{{ RUNPOD_SECRET_db_password_dev }}"}'), name: 'prod-trainer' };
    const prod = { name: 'prod', environments: ['dev', 'prod'] };
    const before = writes().length;
    const cancelled = pushUi(true);
    expect((await runPushTemplate(api, body, cancelled.ui, [], prod)).kind).toBe('cancelled');
    expect(cancelled.reports[0]!.crossing?.map((x) => [x.key, x.name, x.marked])).toEqual([['DB_PASSWORD', 'db_password_dev', ['dev']]]);
    expect(writes()).toHaveLength(before);
    const anyway = pushUi(true, () => 'proceed');
    expect((await runPushTemplate(api, body, anyway.ui, [], prod)).kind).toBe('created');
  });

  it('creates the template without asking, then updates the same one by name (PATCH by id) after a confirmation', async () => {
    const t = pushUi(true);
    const first = await runPushTemplate(api, file('img:1', '{"HF": "{{ RUNPOD_SECRET_hf-token }}"}'), t.ui);
    expect(first.kind).toBe('created');
    if (first.kind !== 'created') return;
    expect(first.leftOut).toEqual(['gpu']);
    expect(t.confirmations).toEqual([]);
    const second = await runPushTemplate(api, file('img:2', '{"HF": "{{ RUNPOD_SECRET_hf-token }}", "B": "1"}'), t.ui);
    expect(second.kind).toBe('updated');
    expect(t.confirmations).toEqual([{ name: 'my-trainer', change: { upToDate: false, summary: 'image changed; env: +B' } }]);
    const mine = fake.inspect().templates.filter((x) => x.name === 'my-trainer');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: first.template.id, image: 'img:2', env: { HF: '{{ RUNPOD_SECRET_hf-token }}', B: '1' } });
    expect(mine[0]).not.toHaveProperty('$schema');
    expect(fake.inspect().requests.filter((r) => r.method === 'PATCH')).toEqual([{ method: 'PATCH', path: `/v2/templates/${first.template.id}`, status: 200 }]);
  });

  describe('over an existing account template (the sample pytorch-train.runpod.json on the seeded pytorch-train)', () => {
    const sample = () => {
      const parsed = parseTemplateFile(readFileSync(join(__dirname, '../../sample-workspace/pytorch-train.runpod.json'), 'utf8'));
      if (!parsed.ok) throw new Error('parse');
      return parsed.body;
    };
    const seeded = () => fake.inspect().templates.find((x) => x.name === 'pytorch-train')!;

    it('asks before overwriting, naming what changes (env keys, never values); Cancel sends no PATCH', async () => {
      const before = structuredClone(seeded());
      const t = pushUi(false);
      const result = await runPushTemplate(api, sample(), t.ui);
      expect(result).toEqual({ kind: 'cancelled', stage: 'before-update' });
      expect(t.confirmations).toEqual([
        { name: 'pytorch-train', change: { upToDate: false, summary: 'image unchanged; env: +OPENAI_API_KEY, +MODEL_ID, -HF_HOME' } },
      ]);
      expect(JSON.stringify(t.confirmations)).not.toContain('RUNPOD_SECRET');
      expect(JSON.stringify(t.confirmations)).not.toContain('meta-llama');
      expect(writes()).toEqual([]);
      expect(seeded()).toEqual(before);
    });

    it('Update applies the file to the account template', async () => {
      const t = pushUi(true);
      const result = await runPushTemplate(api, sample(), t.ui);
      expect(result.kind).toBe('updated');
      expect(t.confirmations).toHaveLength(1);
      expect(writes()).toEqual([{ method: 'PATCH', path: `/v2/templates/${seeded().id}`, status: 200 }]);
      expect(seeded().env).toEqual({
        HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}',
        OPENAI_API_KEY: '{{ RUNPOD_SECRET_openai-key }}',
        MODEL_ID: 'meta-llama/Llama-3.1-8B',
      });
    });

    it('once it matches, pushing again says up to date without asking or writing', async () => {
      await runPushTemplate(api, sample(), pushUi(true).ui);
      const requestsBefore = writes().length;
      const t = pushUi(true);
      const again = await runPushTemplate(api, sample(), t.ui);
      expect(again.kind).toBe('unchanged');
      expect(t.confirmations).toEqual([]);
      expect(writes()).toHaveLength(requestsBefore);
    });
  });

  it('a file without a name or an image is not pushed: it says which, and writes nothing', async () => {
    for (const [text, field] of [['{"image": "img:1"}', 'name'], ['{"name": "t"}', 'image']] as const) {
      const parsed = parseTemplateFile(text);
      if (!parsed.ok) throw new Error('parse');
      const result = await runPushTemplate(api, parsed.body, pushUi(true).ui);
      expect(result.kind === 'failed' && result.error.message).toBe(`The file has no "${field}"; a template needs one.`);
    }
    expect(writes()).toEqual([]);
  });

  it('a field the template schema does not know is refused before any request, in the words and with the "did you mean" of Launch Pod and Deploy Endpoint', async () => {
    const requestsBefore = fake.inspect().requests.length;
    const parsed = parseTemplateFile('{"name": "typo", "image": "img:1", "startSSh": true}');
    if (!parsed.ok) throw new Error('parse');
    const result = await runPushTemplate(api, parsed.body, pushUi(true).ui);
    expect(result.kind === 'failed' && result.error.message).toBe('"startSSh" is no field of a template or Pod body; did you mean "startSsh"?');
    expect(fake.inspect().requests.length).toBe(requestsBefore);
    expect(fake.inspect().templates.filter((x) => x.name === 'typo')).toEqual([]);
  });

  it('a name longer than RunPod takes is refused before any request, with the limit Launch Pod and Deploy Endpoint use', async () => {
    const requestsBefore = fake.inspect().requests.length;
    const long = file('img:1', '{}');
    long.name = 'n'.repeat(RESOURCE_NAME_MAX_LENGTH + 1);
    const result = await runPushTemplate(api, long, pushUi(true).ui);
    expect(result.kind === 'failed' && result.error.message).toBe(`The file's "name" is refused: ${resourceNameProblem(long.name, 'missing')}`);
    expect(fake.inspect().requests.length).toBe(requestsBefore);
    // At the limit it goes through, so the refusal is the limit and not the push.
    long.name = 'n'.repeat(RESOURCE_NAME_MAX_LENGTH);
    expect((await runPushTemplate(api, long, pushUi(true).ui)).kind).toBe('created');
  });

  it('a failed lookup or secret check says Push Template failed and nothing was changed (not a generic request failure)', async () => {
    // The template lookup (GET /templates) fails: nothing was sent to change anything.
    fake.faults.inject({ status: 500 }, { method: 'GET', path: '/templates', times: 10 });
    const lookup = await runPushTemplate(api, file('img:1', '{"HF": "{{ RUNPOD_SECRET_hf-token }}"}'), pushUi(true).ui);
    fake.faults.clear();
    // The secret list for the checks fails.
    fake.faults.inject({ status: 500 }, { method: 'GET', path: '/account/secrets', times: 10 });
    const checks = await runPushTemplate(api, file('img:1', '{"HF": "{{ RUNPOD_SECRET_hf-token }}"}'), pushUi(true).ui);
    fake.faults.clear();
    for (const result of [lookup, checks]) {
      expect(result.kind).toBe('failed');
      if (result.kind !== 'failed') return;
      expect(result.advice.message).toMatch(/^Could not push the template: .* Nothing was changed\.$/);
      expect(result.advice.actions).toContain('retry');
    }
    expect(writes()).toEqual([]);
  });

  it('a missing secret stops the push before anything is written', async () => {
    const result = await runPushTemplate(api, file('img:1', '{"K": "{{ RUNPOD_SECRET_missing }}"}'), pushUi(true, () => 'cancel').ui);
    expect(result.kind).toBe('blocked');
    expect(fake.inspect().templates.some((x) => x.name === 'my-trainer')).toBe(false);
  });
});
