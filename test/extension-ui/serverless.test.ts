/**
 * Deploy, Update and Delete Endpoint and the Endpoints view, driven through the stand-in for VS
 * Code against the fake RunPod API: nothing is created while a reference is unknown; a Hub
 * listing deploys to a ready worker; an update shows its diff (keys, never values), then follows
 * the release onto every worker; a delete needs the typed name.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));

import { followClock } from '../../client/src/serverless/ui/followUi';
import { fake, ui, Uri, window, type FakeInputBox, type FakeQuickPick } from './vscodeFake';
import { until, useHarness, workspaceFile, type Harness } from './serverlessHarness';
import { heldAccounts } from './heldAccounts';
import { nameLabel, pickName } from '../../client/src/ui/plainName';
import { DEPLOY_STEP, runDeployWizard } from '../../client/src/serverless/ui/deployWizard';

const hubJson = readFileSync(new URL('../../sample-workspace/.runpod/hub.json', import.meta.url), 'utf8');

const harness = useHarness();
let h: Harness;
beforeEach(() => {
  h = harness();
});

const typeAndAccept = (value?: string) => (box: FakeInputBox) => {
  if (value !== undefined) box.type(value);
  box.accept();
};

/** The wizard from a preset Hub listing: no env file, image, ADA_24, workers, defaults, name, Deploy. */
function scriptHubWizard(name: string, workers = '1..2'): void {
  fake.inputScript.push(typeAndAccept('acme/llama-worker:1.0'), typeAndAccept(workers), typeAndAccept(), typeAndAccept(), typeAndAccept(name));
  ui.quickPickScript.push(
    (p: FakeQuickPick) => p.choose('No env file'),
    (p) => p.check('ADA_24'),
    (p) => p.accept(),
    (p) => p.choose('Deploy'),
  );
}

/** The window's accounts as a plain object, `active` at first; the test switches by setting `active`. Put back when the test ends. */
function switchable(active: string): { active: string } {
  const services = h.services as { accounts?: unknown };
  const original = services.accounts;
  onTestFinished(() => void (services.accounts = original));
  const accounts = heldAccounts(active, ['personal', 'team']);
  services.accounts = accounts;
  return accounts;
}

const endpointsNamed = (name: string) => h.api.inspect().endpoints.filter((e) => e.name === name);
const posts = () => h.api.inspect().requests.filter((r) => r.method === 'POST' && r.path === '/v2/serverless');

describe('Deploy Endpoint', () => {
  it("from the palette with a Hub listing's editor active, the source step highlights that file (Enter deploys the file the user was in)", async () => {
    const { doc } = workspaceFile('.runpod/hub.json', hubJson);
    const w = window as { activeTextEditor?: unknown };
    w.activeTextEditor = { document: doc };
    onTestFinished(() => void (w.activeTextEditor = undefined));
    // The source step is looked at, then dismissed: nothing else runs.
    ui.quickPickScript.push((p: FakeQuickPick) => p.hide());
    await h.run('runpod.endpoints.deploy');
    const source = ui.quickPicks.find((p) => p.step === 1)!;
    // It highlighted the account's first serverless template (sd-worker): Enter deployed that instead.
    expect(source.items).toContain('$(cloud) sd-worker');
    expect(source.active).toMatch(/^\$\(file\) .*\.runpod\/hub\.json$/);
  });

  it('a read that fails before the runner starts says the deploy failed and that nothing was created', async () => {
    const { uri } = workspaceFile('.runpod/hub.json', hubJson);
    h.api.faults.inject({ status: 403 }, { method: 'GET', path: '/catalog/gpus', times: 1 });
    const before = posts().length;
    await h.run('runpod.endpoints.deploy', { file: uri });
    const shown = fake.messages.at(-1)!;
    expect(shown.text).toMatch(/^Could not deploy the endpoint: .*\(403\).* Nothing was created\.$/);
    expect(posts()).toHaveLength(before);
  });

  it('refuses while a reference is unknown: the findings dialog names it and nothing is created', async () => {
    const { uri } = workspaceFile('.runpod/hub.json', hubJson);
    scriptHubWizard('refused');
    fake.dialogAnswers.push(undefined); // the findings dialog: dismissed (Cancel)
    const before = posts().length;
    await h.run('runpod.endpoints.deploy', { file: uri });
    const dialog = fake.messages.find((m) => m.level === 'warning')!;
    expect(dialog.text).toBe('Not deploying: 1 secret reference would reach the workers unresolved.');
    expect(dialog.detail).toMatch(/DB_PASSWORD: unknown secret "db_pasword".*Did you mean "db_password"\?/);
    expect(endpointsNamed('refused')).toEqual([]);
    expect(posts()).toHaveLength(before);
    // Every step said where it stands; the image step came because a Hub listing names no image.
    // The env file (and its environment's account) before the image: a refusal comes before any typing.
    expect(fake.boxes.map((b) => `${b.step}/${b.totalSteps}`)).toEqual(['3/9', '5/9', '6/9', '7/9', '8/9']);
    expect(ui.quickPicks.map((p) => `${p.step}/${p.totalSteps}`)).toEqual(['2/9', '4/9', '7/9', '9/9']);
    // The summary foresaw it (Deploy says it stops); no Create row for a typo of db_password: creating
    // db_pasword is never the fix, the Replace row is (first, as Launch Pod's). Choosing Deploy meets the check.
    expect(ui.quickPicks.at(-1)!.items.slice(0, 2)).toEqual(['$(replace) Replace db_pasword with db_password', '$(cloud-upload) Deploy (stops at the check: 1 secret not on your account)']);
    const summary = ui.quickPicks.at(-1)!.items.join('\n');
    expect(summary).toMatch(/^Image: acme\/llama-worker:1\.0$/m);
    expect(summary).toMatch(/^GPU pools: ADA_24 \(RTX 4090, 24 GB\)$/m);
    expect(summary).toMatch(/^Workers: 1\.\.2$/m);
    expect(summary).not.toContain('meta-llama'); // a plain env value
  });

  it('a misspelt reference: the summary offers "Replace <typo> with <name>" first, as Launch Pod does (Enter renames it in the file), then Deploy sends the fixed name', async () => {
    // Deploy had no such row: Enter on Deploy met the check, or a worker booted with the literal placeholder.
    const { uri, doc } = workspaceFile('.runpod/hub.json', hubJson);
    fake.inputScript.push(typeAndAccept('acme/llama-worker:1.0'), typeAndAccept('1..1'), typeAndAccept(), typeAndAccept(), typeAndAccept('replaced'));
    ui.quickPickScript.push(
      (p: FakeQuickPick) => p.choose('No env file'),
      (p) => p.check('ADA_24'),
      (p) => p.accept(),
      (p) => p.accept(), // Enter: the first row
      (p) => p.accept(), // Enter again: Deploy is first now
    );
    await h.run('runpod.endpoints.deploy', { file: uri });
    const [before, after] = ui.quickPicks.slice(-2);
    expect(before!.items[0]).toBe('$(replace) Replace db_pasword with db_password');
    expect(before!.active).toBe('$(replace) Replace db_pasword with db_password');
    expect(doc.text).toBe(hubJson.replace('db_pasword', 'db_password'));
    expect(after!.items[0]).toBe('$(cloud-upload) Deploy');
    // No findings dialog: the check was clear.
    expect(fake.messages.filter((m) => m.level === 'warning')).toEqual([]);
    expect(endpointsNamed('replaced')[0]!.env).toMatchObject({ DB_PASSWORD: '{{ RUNPOD_SECRET_db_password }}' });
    // The fake API is the file's: the next tests count its endpoints.
    await h.client.deleteEndpoint(endpointsNamed('replaced')[0]!.id);
  });

  it('a template file\'s "gpu" (a Pod\'s {id, count}) preselects the pool holding its GPU type, as a Hub listing\'s gpuIds do', async () => {
    const text = JSON.stringify({ name: 'gpu-file', image: 'img:1', serverless: true, gpu: { id: 'NVIDIA GeForce RTX 4090', count: 2 }, startSsh: true, env: {} });
    const { uri } = workspaceFile('gpu.runpod.json', text);
    fake.inputScript.push(typeAndAccept('0..1'), typeAndAccept(), typeAndAccept(), typeAndAccept('by-gpu-field'));
    // The pools step is accepted as it opens: what is sent is what the file's "gpu" preselected.
    ui.quickPickScript.push((p: FakeQuickPick) => p.choose('No env file'), (p) => p.accept(), (p) => p.accept(), (p) => p.choose('Deploy'));
    await h.run('runpod.endpoints.deploy', { file: uri });
    expect(endpointsNamed('by-gpu-field')).toMatchObject([{ gpu: { pools: ['ADA_24'] } }]);
    // Its count is a Pod's: the summary says it is not sent, with the other fields the create does not take.
    expect(ui.quickPicks.at(-1)!.items).toContain('Not sent (fields an endpoint create does not take): startSsh, gpu.count');
    // The fake is the file's: the Endpoints view's test counts the workers of the first few endpoints only.
    await h.client.deleteEndpoint(endpointsNamed('by-gpu-field')[0]!.id);
  });

  it('from the Hub listing: Replace fixes the typo in the file, then a worker comes up and its logs are offered', async () => {
    const { uri, doc } = workspaceFile('.runpod/hub.json', hubJson);
    scriptHubWizard('llama');
    fake.dialogAnswers.push('Replace with db_password', 'Show Logs');
    await h.run('runpod.endpoints.deploy', { file: uri });
    await until(() => fake.messages.some((m) => /is ready/.test(m.text)), 'the ready message');

    expect(doc.text).toBe(hubJson.replace('db_pasword', 'db_password'));
    const [endpoint] = endpointsNamed('llama');
    expect(endpoint).toMatchObject({
      image: 'acme/llama-worker:1.0',
      env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', DB_PASSWORD: '{{ RUNPOD_SECRET_db_password }}', MODEL_ID: 'meta-llama/Llama-3.1-8B' },
      gpu: { pools: ['ADA_24'] },
      workers: { min: 1, max: 2, idleTimeout: 5 },
      scaling: { type: 'QUEUE_DELAY', queueDelay: 4 },
      disk: 50,
    });
    const ready = fake.messages.find((m) => /is ready/.test(m.text))!;
    expect(ready.text).toMatch(/^Endpoint llama is ready: worker [a-z0-9]+ is IDLE\.$/);
    const progress = ui.progress.find((p) => p.title === 'Deploying llama')!;
    expect(progress.messages).toContain('Creating the endpoint…');
    expect(progress.messages).toContain('waiting for a worker: INITIALIZING');
    await until(() => ui.executed.some((c) => c.id === 'runpod.logs.show'), 'Show Logs');
    expect(ui.executed.find((c) => c.id === 'runpod.logs.show')!.args).toEqual([{ endpointId: endpoint!.id, workerId: endpoint!.runningWorkers[0]!.id, account: 'default' }]);
    // The account it was deployed under rides along: clicked after a switch, Show Logs says whose log it is.
  });

  it("an environment's env file brings the file its environments share under it, as Launch Pod does: the workers get both, the summary names both, a Replace in it counts", async () => {
    const { uri } = workspaceFile('.runpod/hub.json', hubJson.replace('db_pasword', 'db_password'));
    workspaceFile('train.runpod.env', 'SHARED_SETTING=on\nLOG_LEVEL=info\n');
    const dev = workspaceFile('train.dev.runpod.env', 'LOG_LEVEL=debug\nDB_PASSWORD={{ RUNPOD_SECRET_db_pasword }}\n');
    workspaceFile('train.prod.runpod.env', 'LOG_LEVEL=warn\nDB_PASSWORD={{ RUNPOD_SECRET_db_password }}\n');
    fake.inputScript.push(typeAndAccept('acme/llama-worker:1.0'), typeAndAccept('1..1'), typeAndAccept(), typeAndAccept(), typeAndAccept('dev-env'));
    let envStep: string[] = [];
    ui.quickPickScript.push(
      (p: FakeQuickPick) => {
        envStep = p.items.map((i) => `${i.label} | ${(i as { description?: string }).description ?? ''}`);
        p.choose(/train\.dev\.runpod\.env/);
      },
      (p) => p.check('ADA_24'),
      (p) => p.accept(),
      (p) => p.choose('Deploy'),
    );
    fake.dialogAnswers.push('Replace with db_password');
    await h.run('runpod.endpoints.deploy', { file: uri });
    // The typo was in the environment's file: fixed there, and the retry sent the fixed name.
    expect(dev.doc.text).toBe('LOG_LEVEL=debug\nDB_PASSWORD={{ RUNPOD_SECRET_db_password }}\n');
    expect(envStep.find((i) => i.includes('train.dev.runpod.env'))).toMatch(/environment dev · /);
    const summary = ui.quickPicks.at(-1)!.items.join('\n');
    expect(summary).toMatch(/^Env file: \/w\/train\.dev\.runpod\.env over the shared \/w\/train\.runpod\.env \(their variables override the source's\)$/m);
    const [endpoint] = endpointsNamed('dev-env');
    // The shared file's key, the environment's value where both define one.
    expect(endpoint!.env).toMatchObject({ SHARED_SETTING: 'on', LOG_LEVEL: 'debug', DB_PASSWORD: '{{ RUNPOD_SECRET_db_password }}' });
  });

  it("a template file outside every folder is judged in its own folder, as Launch Pod's: beside its siblings, svc.prod.runpod.json deploys as prod", async () => {
    const uri = Uri.from({ scheme: 'file', path: '/outside/svc.prod.runpod.json' });
    fake.files.set(uri.path, '{}');
    fake.files.set('/outside/svc.runpod.env', 'SHARED=1\n');
    fake.files.set('/outside/svc.dev.runpod.env', 'A=2\n');
    ui.quickPickScript.push(
      (p: FakeQuickPick) => p.choose(/No env file/),
      (p) => p.hide(),
    );
    const state = { source: { kind: 'file', uri, text: '{}', docKind: 'runpod-json', fields: { env: { A: '1' } } }, preset: {}, activeAccount: () => 'default', hasAccount: heldAccounts('default').has, log: { error: vi.fn() } } as unknown as Parameters<typeof runDeployWizard>[1];
    await runDeployWizard(h.client, state, DEPLOY_STEP.env);
    // Its environment is the file's, judged with dev beside it (the deploy's checks and its account guard go by it).
    expect(state.environment).toMatchObject({ name: 'prod' });
    expect(fake.listed).toContain('/outside');
  });

  it("prod's env file referencing dev's secret asks first, as Launch Pod does: Cancel creates nothing", async () => {
    await h.client.createSecret({ name: 'db_password_dev', value: 'dev-pw' });
    onTestFinished(() => h.client.deleteSecret('db_password_dev'));
    const { uri } = workspaceFile('.runpod/hub.json', hubJson.replace('db_pasword', 'db_password'));
    workspaceFile('train.dev.runpod.env', 'DB_PASSWORD={{ RUNPOD_SECRET_db_password_dev }}\n');
    workspaceFile('train.prod.runpod.env', 'DB_PASSWORD={{ RUNPOD_SECRET_db_password_dev }}\n');
    fake.inputScript.push(typeAndAccept('acme/llama-worker:1.0'), typeAndAccept('1..1'), typeAndAccept(), typeAndAccept(), typeAndAccept('prod-crossing'));
    ui.quickPickScript.push((p: FakeQuickPick) => p.choose(/train\.prod\.runpod\.env/), (p) => p.check('ADA_24'), (p) => p.accept(), (p) => p.choose('Deploy'));
    fake.dialogAnswers.push(undefined); // the warning: dismissed (Cancel)
    const before = posts().length;
    await h.run('runpod.endpoints.deploy', { file: uri });
    const dialog = fake.messages.find((m) => m.level === 'warning')!;
    expect(dialog.text).toBe('1 secret named for another environment: the workers would boot with it.');
    expect(dialog.detail).toContain(`DB_PASSWORD: secret "db_password_dev" is named for dev (/w/train.prod.runpod.env); the workers would boot with dev's secret.`);
    expect(dialog.buttons).toEqual(['Open file', 'Deploy anyway']);
    expect(endpointsNamed('prod-crossing')).toEqual([]);
    expect(posts()).toHaveLength(before);
  });

  it("prod's env file with no other environment's beside it still asks first: the file's name says prod, as the file check judges it", async () => {
    await h.client.createSecret({ name: 'db_password_dev', value: 'dev-pw' });
    onTestFinished(() => h.client.deleteSecret('db_password_dev'));
    const { uri } = workspaceFile('.runpod/hub.json', hubJson.replace('db_pasword', 'db_password'));
    workspaceFile('solo.prod.runpod.env', 'DB_PASSWORD={{ RUNPOD_SECRET_db_password_dev }}\n');
    fake.inputScript.push(typeAndAccept('acme/llama-worker:1.0'), typeAndAccept('1..1'), typeAndAccept(), typeAndAccept(), typeAndAccept('solo-crossing'));
    ui.quickPickScript.push((p: FakeQuickPick) => p.choose(/solo\.prod\.runpod\.env/), (p) => p.check('ADA_24'), (p) => p.accept(), (p) => p.choose('Deploy'));
    fake.dialogAnswers.push(undefined); // the warning: dismissed (Cancel)
    await h.run('runpod.endpoints.deploy', { file: uri });
    const dialog = fake.messages.find((m) => m.level === 'warning');
    expect(dialog?.text).toBe('1 secret named for another environment: the workers would boot with it.');
    expect(endpointsNamed('solo-crossing')).toEqual([]);
  });

  /**
   * How a refused Deploy reads at the env file step: the mark on the env file in the list before it
   * is picked, and the list's placeholder once it is picked (the step stays).
   */
  interface Refusal {
    listed: string;
    placeholder: string;
  }
  /** prod is team's and personal is active. */
  const OTHER_ACCOUNT: Refusal = {
    listed: '$(warning) another account is active: switch to account team to deploy it',
    placeholder: 'Cannot deploy with that choice: switch to account team first, or pick another',
  };
  /** prod's declared account is not an account name. */
  const INVALID_ACCOUNT: Refusal = {
    listed: "$(warning) correct prod's account in runpod.environments to deploy it",
    placeholder: "Cannot deploy with that choice: correct prod's account in runpod.environments first, or pick another",
  };
  /**
   * The template file's own environment is refused, so every env file and none are: picking another
   * cannot help, and the placeholder says the step outside the wizard instead.
   */
  const EVERY_OTHER_ACCOUNT: Refusal = { ...OTHER_ACCOUNT, placeholder: 'Cannot deploy with any env file or none: switch to account team first (Esc, then RunPod: Switch Account...)' };
  const EVERY_INVALID_ACCOUNT: Refusal = { ...INVALID_ACCOUNT, placeholder: "Cannot deploy with any env file or none: correct prod's account in runpod.environments first (Esc, then Preferences: Open Settings (UI))" };
  /** The same, with No env file picked: none is refused too. */

  /**
   * Deploy Endpoint of `uri` with `envFile` picked while `active` is the active account: the pick
   * is refused, the env file list stays with the reason, and Escape there ends the deploy quietly:
   * no later step, nothing created. The env file step comes right after the source, so no box
   * asked for anything first (a Hub listing's image is asked after it): nothing typed in vain.
   * @returns the env file list: each item's label and detail (the mark of a file Deploy would refuse)
   */
  async function deployRefused(uri: Uri, envFile: string | RegExp, refusal: Refusal = OTHER_ACCOUNT, active = 'personal'): Promise<{ label: string; detail: string }[]> {
    (h.services as { accounts?: unknown }).accounts = heldAccounts(active, ['personal', 'team']);
    let listed: { label: string; detail: string }[] = [];
    let again: { placeholder?: string; detail?: string; active?: string } = {};
    const matches = (label: string) => (typeof envFile === 'string' ? label.includes(envFile) : envFile.test(label));
    ui.quickPickScript.push(
      (p: FakeQuickPick) => {
        listed = p.items.map((i) => ({ label: i.label, detail: (i as { detail?: string }).detail ?? '' }));
        p.choose(envFile);
      },
      (p) => {
        const item = p.items.find((i) => matches(i.label)) as { detail?: string } | undefined;
        again = { placeholder: p.placeholder, detail: item?.detail, active: p.activeItems[0]?.label };
        p.hide();
      },
    );
    const before = posts().length;
    const picks = ui.quickPicks.length;
    const boxes = fake.boxes.length;
    fake.messages.length = 0;
    await h.run('runpod.endpoints.deploy', { file: uri });
    // The same list again, the picked file still active and marked, the reason in its placeholder.
    expect(ui.quickPicks.slice(picks).map((p) => p.step)).toEqual([2, 2]);
    expect(fake.boxes.slice(boxes)).toEqual([]);
    expect(again.placeholder).toBe(refusal.placeholder);
    expect(again.detail).toBe(refusal.listed);
    expect(again.active).toMatch(typeof envFile === 'string' ? new RegExp(envFile) : envFile);
    expect(fake.messages).toEqual([]);
    expect(posts()).toHaveLength(before);
    // Marked in the list before the pick, by the same refusal.
    expect(listed.find((i) => matches(i.label))?.detail).toBe(refusal.listed);
    return listed;
  }

  it("refuses an environment declared for another account than the active one, as Launch Pod does: nothing is created", async () => {
    const { uri } = workspaceFile('.runpod/hub.json', hubJson.replace('db_pasword', 'db_password'));
    workspaceFile('train.prod.runpod.env', 'LOG_LEVEL=warn\n');
    workspaceFile('train.dev.runpod.env', 'LOG_LEVEL=debug\n');
    fake.settings = { environments: { prod: { files: ['train.prod.runpod.env'], account: 'team' } } };
    await deployRefused(uri, /train\.prod\.runpod\.env/);
  });

  it("a template file of one environment (serve.prod.runpod.json) keeps its account's guard with no env file or a neutral one: nothing is created", async () => {
    const { uri } = workspaceFile('serve.prod.runpod.json', '{ "name": "serve", "image": "acme/worker:1.0", "serverless": true, "env": {} }');
    workspaceFile('serve.prod.runpod.env', 'LOG_LEVEL=warn\n');
    workspaceFile('plain.runpod.env', 'LOG_LEVEL=info\n');
    fake.settings = { environments: { prod: { files: ['serve.prod.runpod.env'], account: 'team' } } };
    await deployRefused(uri, 'No env file', EVERY_OTHER_ACCOUNT);
    for (const envFile of [/plain\.runpod\.env/, /serve\.prod\.runpod\.env/]) await deployRefused(uri, envFile, EVERY_OTHER_ACCOUNT);
  });

  it("a template file of one environment whose declared account is not a name stays refused with no env file or a neutral one: nothing is created", async () => {
    const { uri } = workspaceFile('serve.prod.runpod.json', '{ "name": "serve", "image": "acme/worker:1.0", "serverless": true, "env": {} }');
    workspaceFile('serve.prod.runpod.env', 'LOG_LEVEL=warn\n');
    workspaceFile('plain.runpod.env', 'LOG_LEVEL=info\n');
    fake.settings = { environments: { prod: { files: ['serve.prod.runpod.env'], account: 'team/prod' } } };
    await deployRefused(uri, 'No env file', EVERY_INVALID_ACCOUNT);
    await deployRefused(uri, /plain\.runpod\.env/, EVERY_INVALID_ACCOUNT);
  });

  it("a template file of one environment (serve.prod.runpod.json) with another environment's env file, declared for another account, is refused under either account: nothing is created", async () => {
    const { uri } = workspaceFile('serve.prod.runpod.json', '{ "name": "serve", "image": "acme/worker:1.0", "serverless": true, "env": {} }');
    workspaceFile('serve.prod.runpod.env', 'LOG_LEVEL=warn\n');
    workspaceFile('serve.dev.runpod.env', 'LOG_LEVEL=debug\n');
    fake.settings = { environments: { prod: { files: ['serve.prod.runpod.env'], account: 'team' }, dev: { files: ['serve.dev.runpod.env'], account: 'personal' } } };
    const mixed: Refusal = {
      listed: "$(warning) prod's template would run with dev's variables under another account: choose prod's own env file, or no env file, to deploy it",
      placeholder: "Cannot deploy with that env file: choose prod's own env file, or no env file",
    };
    for (const active of ['personal', 'team']) {
      // Under personal prod's own file and none are refused too: the step is to switch, not to pick.
      const refusal = active === 'team' ? mixed : { ...mixed, placeholder: EVERY_OTHER_ACCOUNT.placeholder };
      const listed = await deployRefused(uri, /serve\.dev\.runpod\.env/, refusal, active);
      // prod's own file, and none, are marked only while another account than prod's is active.
      const own = active === 'team' ? '' : OTHER_ACCOUNT.listed;
      expect(listed.filter((i) => /serve\.prod\.runpod\.env|No env file/.test(i.label)).map((i) => i.detail)).toEqual([own, own]);
    }
  });

  it('refuses an environment whose declared account is not an account name, under any account: nothing is created', async () => {
    const { uri } = workspaceFile('.runpod/hub.json', hubJson.replace('db_pasword', 'db_password'));
    workspaceFile('train.prod.runpod.env', 'LOG_LEVEL=warn\n');
    workspaceFile('train.dev.runpod.env', 'LOG_LEVEL=debug\n');
    fake.settings = { environments: { prod: { files: ['train.prod.runpod.env'], account: 'team/prod' } } };
    await deployRefused(uri, /train\.prod\.runpod\.env/, INVALID_ACCOUNT);
  });

  it("the summary stays the last guard: an environment the state holds for another account (a flow not bound to one) is refused there, with Switch Account… as the message's button", async () => {
    let active = 'personal';
    const template = { id: 'tpl-sd', name: 'sd-worker', image: 'acme/sd:1', serverless: true, env: {} };
    const state = {
      preset: {},
      source: { kind: 'account' as const, template: template as never },
      environment: { name: 'prod', account: 'team' },
      pools: ['ADA_24'],
      name: 'guarded',
      gpus: [],
      activeAccount: () => active,
      hasAccount: heldAccounts(active, ['personal', 'team']).has,
      log: { error: vi.fn() },
    };
    ui.quickPickScript.push((p: FakeQuickPick) => p.choose(/Cannot deploy/));
    fake.dialogAnswers.push('Switch Account…');
    expect(await runDeployWizard(h.client, state, DEPLOY_STEP.summary)).toBe(false);
    const summary = ui.quickPicks.at(-1)!.items;
    expect(summary[0]).toBe('$(circle-slash) Cannot deploy: switch to account team first');
    expect(summary).toContain('Environment: prod (account team)');
    expect(fake.messages.at(-1)).toEqual({
      level: 'error',
      text: 'Environment prod runs under the RunPod account team, but the active account is personal. Switch to account team first (RunPod: Switch Account...), then try again.',
      buttons: ['Switch Account…'],
    });
    await until(() => ui.executed.some((c) => c.id === 'runpod.switchAccount'), 'Switch Account');
    // Under team the same summary offers Deploy.
    active = 'team';
    ui.quickPickScript.push((p: FakeQuickPick) => p.hide());
    await runDeployWizard(h.client, state, DEPLOY_STEP.summary);
    expect(ui.quickPicks.at(-1)!.items[0]).toBe('$(cloud-upload) Deploy');
  });

  it('GPU pools with none checked: the step stays, saying to check one, and no message pops up', async () => {
    const { uri } = workspaceFile('.runpod/hub.json', hubJson.replace('db_pasword', 'db_password'));
    fake.inputScript.push(typeAndAccept('acme/llama-worker:1.0'), typeAndAccept('1..1'), typeAndAccept(), typeAndAccept(), typeAndAccept('pools-checked'));
    let refused: string | undefined;
    let asked: string | undefined;
    ui.quickPickScript.push(
      (p: FakeQuickPick) => p.choose('No env file'),
      (p) => {
        asked = p.placeholder;
        p.check();
      },
      (p) => {
        refused = p.placeholder;
        p.check('ADA_24');
      },
      (p) => p.accept(),
      (p) => p.choose('Deploy'),
    );
    fake.messages.length = 0;
    await h.run('runpod.endpoints.deploy', { file: uri });
    // The focus opens in the filter box, where Space types a space: ↓ moves it to the list (VS Code's
    // quickInput.toggleCheckbox is bound to Space only outside an input).
    expect(asked).toBe('GPU pools the workers may run on, tried in this order: ↓ to a pool, Space to check it, Enter to go on');
    expect(refused).toBe('Check at least one GPU pool: ↓ to a pool, Space to check it, Enter to go on.');
    expect(ui.quickPicks.map((p) => p.step)).toEqual([2, 4, 4, 7, 9]);
    expect(fake.messages.filter((m) => m.level === 'warning')).toEqual([]);
    expect(endpointsNamed('pools-checked')[0]).toMatchObject({ gpu: { pools: ['ADA_24'] } });
  });

  it('a switch while the env file is picked: the summary offers Deploy, and Deploy stops with the switch alone, not an environment refusal', async () => {
    const { uri } = workspaceFile('.runpod/hub.json', hubJson.replace('db_pasword', 'db_password'));
    workspaceFile('train.prod.runpod.env', 'LOG_LEVEL=warn\n');
    workspaceFile('train.dev.runpod.env', 'LOG_LEVEL=debug\n');
    // Declared for the account the flow started under: not the reason it stops.
    fake.settings = { environments: { prod: { files: ['train.prod.runpod.env'], account: 'personal' } } };
    const accounts = switchable('personal');
    fake.inputScript.push(typeAndAccept('acme/llama-worker:1.0'), typeAndAccept('1..1'), typeAndAccept(), typeAndAccept(), typeAndAccept('switched-away'));
    let offered: string | undefined;
    ui.quickPickScript.push(
      (p: FakeQuickPick) => {
        accounts.active = 'team'; // from the status bar, while the env file is picked
        p.choose(/train\.prod\.runpod\.env/);
      },
      (p) => p.check('ADA_24'),
      (p) => p.accept(),
      (p) => {
        offered = p.items[0]?.label;
        p.accept(); // the first item, as Enter does
      },
    );
    const before = posts().length;
    fake.messages.length = 0;
    await h.run('runpod.endpoints.deploy', { file: uri });
    expect(offered).toMatch(/Deploy$/);
    expect(fake.messages.map((m) => [m.level, m.text])).toEqual([
      ['error', "The active RunPod account changed to team while Deploy Endpoint was open; nothing was deployed. Run 'RunPod: Deploy Endpoint...' again."],
    ]);
    expect(posts()).toHaveLength(before);
  });

  it('a create RunPod rejects names the fields, and creates nothing', async () => {
    const { uri } = workspaceFile('.runpod/hub.json', hubJson.replace('db_pasword', 'db_password'));
    scriptHubWizard('flaky');
    const problem = { title: 'Unprocessable Entity', status: 422, detail: 'invalid endpoint', errors: ['gpu.pools: no capacity'] };
    h.api.faults.inject({ status: 422, body: JSON.stringify(problem), headers: { 'content-type': 'application/problem+json' } }, { method: 'POST', path: '/serverless', times: 1 });
    fake.dialogAnswers.push('Show Output'); // the advice: not Retry, so the flow ends
    await h.run('runpod.endpoints.deploy', { file: uri });
    const error = fake.messages.find((m) => m.level === 'error')!;
    expect(error.text).toMatch(/^Could not deploy endpoint flaky: RunPod rejected the request/);
    expect(error.detail).toContain('gpu.pools: no capacity');
    expect(endpointsNamed('flaky')).toEqual([]);
  });
});

describe('Deploy Endpoint: Edit and Retry', () => {
  it('after RunPod rejects the create, Back walks the steps on the first round\'s choices (boxes keep what was typed, picks preselect what was picked); Enter on each deploys one endpoint', async () => {
    const { uri } = workspaceFile('.runpod/hub.json', hubJson.replace('db_pasword', 'db_password'));
    scriptHubWizard('edited-deploy');
    const problem = { title: 'Unprocessable Entity', status: 422, detail: 'invalid endpoint' };
    h.api.faults.inject({ status: 422, body: JSON.stringify(problem), headers: { 'content-type': 'application/problem+json' } }, { method: 'POST', path: '/serverless', times: 1 });
    fake.dialogAnswers.push('Edit and Retry');
    const before = posts().length;
    const back = (p: { pressBack(): void }) => p.pressBack();
    const enter = (p: { accept(): void }) => p.accept();
    // Back from the summary to the env file step, then Enter on every step and Deploy.
    ui.quickPickScript.push(back, back, back, enter, enter, enter, (p) => p.choose('Deploy'));
    fake.inputScript.push(back, back, back, back, back, enter, enter, enter, enter, enter);
    const [picksBefore, boxesBefore] = [ui.quickPicks.length, fake.boxes.length];
    await h.run('runpod.endpoints.deploy', { file: uri });
    const first = { picks: ui.quickPicks.slice(picksBefore, picksBefore + 4), boxes: fake.boxes.slice(boxesBefore, boxesBefore + 5) };
    const second = { picks: ui.quickPicks.slice(picksBefore + 4), boxes: fake.boxes.slice(boxesBefore + 5) };
    expect(first.picks.map((p) => p.step)).toEqual([2, 4, 7, 9]);
    // Back: summary, scaling, pools, env file; forward: pools, scaling, summary (the pools are a multi-select: checked, not active).
    expect(second.picks.map((p) => [p.step, p.active])).toEqual([
      [9, '$(cloud-upload) Deploy'],
      [7, 'Queue delay'],
      [4, undefined],
      [2, '$(circle-slash) No env file'],
      [4, undefined],
      [7, 'Queue delay'],
      [9, '$(cloud-upload) Deploy'],
    ]);
    // Each box, back and forth, holds what the first round typed (scriptHubWizard).
    expect(second.boxes.map((b) => [b.step, b.value])).toEqual([
      [8, 'edited-deploy'],
      [7, '4'],
      [6, '5'],
      [5, '1..2'],
      [3, 'acme/llama-worker:1.0'],
      [3, 'acme/llama-worker:1.0'],
      [5, '1..2'],
      [6, '5'],
      [7, '4'],
      [8, 'edited-deploy'],
    ]);
    // One endpoint, of the first round's choices: the refused create and the one that went through.
    expect(endpointsNamed('edited-deploy')).toMatchObject([{ image: 'acme/llama-worker:1.0', gpu: { pools: ['ADA_24'] }, workers: { min: 1, max: 2 } }]);
    expect(posts().length - before).toBe(2);
    await h.client.deleteEndpoint(endpointsNamed('edited-deploy')[0]!.id);
  });
});

describe('Deploy Endpoint cancelled on its progress', () => {
  it('before the create (the checks still listing the secrets) says nothing was deployed, and creates nothing', async () => {
    const { uri } = workspaceFile('.runpod/hub.json', hubJson.replace('db_pasword', 'db_password'));
    scriptHubWizard('cancelled-deploy');
    // The checks' fresh secret list waits for RunPod; Cancel pressed meanwhile ends it.
    h.api.faults.inject({ latencyMs: 60_000 }, { method: 'GET', path: '/account/secrets', times: 1 });
    const before = posts().length;
    const deployed = h.run('runpod.endpoints.deploy', { file: uri });
    const progress = () => ui.progress.find((p) => p.title === 'Deploying cancelled-deploy');
    await vi.waitFor(() => expect(progress()?.messages).toContain('Checking secret references…'), { timeout: 10_000 });
    progress()!.cancel();
    await deployed;
    expect(fake.messages.map((m) => [m.level, m.text])).toContainEqual(['info', 'Deploy Endpoint cancelled: nothing was deployed.']);
    expect(posts()).toHaveLength(before);
    expect(endpointsNamed('cancelled-deploy')).toEqual([]);
    h.api.faults.clear();
  });
});

describe("Deploy Endpoint's summary when it already knows a referenced secret is missing (as Launch Pod's)", () => {
  const ref = (name: string) => `{{ RUNPOD_SECRET_${name} }}`;
  const template = { id: 'tpl-sd', name: 'sd-worker', image: 'acme/sd:1', serverless: true, env: { HF_TOKEN: ref('hf-read-token'), B: ref('b-key'), PLAIN: 'x' } };
  /** The store's names: hf-read-token appears once its create command ran. */
  const known = () => new Set(['b-key', ...(ui.executed.some((e) => e.id === 'runpod.secrets.create') ? ['hf-read-token'] : [])]);
  const summaryState = (env: Record<string, string> = template.env, knownSecrets: () => ReadonlySet<string> | undefined = known) => ({
    preset: {},
    source: { kind: 'account' as const, template: { ...template, env } as never },
    pools: ['ADA_24'],
    name: 'sd',
    gpus: [],
    knownSecrets,
    activeAccount: () => 'personal',
    hasAccount: heldAccounts('personal', ['personal', 'team']).has,
    log: { error: vi.fn() },
  });

  it('offers creating the secret first (Enter creates it, then the summary shows again with Deploy first); Deploy says it will stop at the check', async () => {
    ui.quickPickScript.push(
      (p: FakeQuickPick) => p.accept(), // Enter: the first row
      (p) => p.choose('Deploy'),
    );
    expect(await runDeployWizard(h.client, summaryState(), DEPLOY_STEP.summary)).toBe(true);
    const [before, after] = ui.quickPicks;
    expect(before!.items.slice(0, 2)).toEqual(['$(add) Create secret hf-read-token…', '$(cloud-upload) Deploy (stops at the check: 1 secret not on your account)']);
    expect(before!.active).toBe('$(add) Create secret hf-read-token…');
    expect(ui.executed).toContainEqual({ id: 'runpod.secrets.create', args: [{ name: 'hf-read-token' }] });
    expect(after!.items[0]).toBe('$(cloud-upload) Deploy');
    expect(after!.items).not.toContain('$(add) Create secret hf-read-token…');
  });

  it('offers one Create row per missing secret (three at most, the rest counted on Deploy), and none while the account list is unknown', async () => {
    const env = { ...template.env, C: ref('comet-api'), D: ref('deepl-auth'), E: ref('eleven-labs') };
    ui.quickPickScript.push((p: FakeQuickPick) => p.hide());
    await runDeployWizard(h.client, summaryState(env), DEPLOY_STEP.summary);
    expect(ui.quickPicks.at(-1)!.items.slice(0, 4)).toEqual([
      '$(add) Create secret hf-read-token…',
      '$(add) Create secret comet-api…',
      '$(add) Create secret deepl-auth…',
      '$(cloud-upload) Deploy (stops at the check: 4 secrets not on your account)',
    ]);
    ui.quickPickScript.push((p: FakeQuickPick) => p.hide());
    await runDeployWizard(h.client, summaryState(env, () => undefined), DEPLOY_STEP.summary);
    expect(ui.quickPicks.at(-1)!.items[0]).toBe('$(cloud-upload) Deploy');
  });

  it('Deploy also says it stops at a reference RunPod would not substitute (a rename fixes it, not a create)', async () => {
    ui.quickPickScript.push((p: FakeQuickPick) => p.hide());
    await runDeployWizard(h.client, summaryState({ B: '{{RUNPOD_SECRET_b-key}}' }), DEPLOY_STEP.summary);
    expect(ui.quickPicks.at(-1)!.items[0]).toBe('$(cloud-upload) Deploy (stops at the check: 1 reference RunPod would not substitute)');
  });

  it('a refused environment shows the refusal alone: no Create rows above it', async () => {
    ui.quickPickScript.push((p: FakeQuickPick) => p.hide());
    await runDeployWizard(h.client, { ...summaryState(), environment: { name: 'prod', account: 'team' } }, DEPLOY_STEP.summary);
    expect(ui.quickPicks.at(-1)!.items[0]).toBe('$(circle-slash) Cannot deploy: switch to account team first');
  });
});

describe('an account switch while a serverless flow is open', () => {
  /** Makes `name` the active account, as Switch Account does, until the test ends. */
  const switchTo = (name: string) => ((h.services.accounts as { active: string }).active = name);
  afterEach(() => switchTo('default'));

  it('Deploy Endpoint stops with that reason at the next call: nothing is deployed, no network error', async () => {
    const { uri } = workspaceFile('.runpod/hub.json', hubJson);
    scriptHubWizard('switched');
    const firstStep = ui.quickPickScript[0]!;
    ui.quickPickScript[0] = (p) => {
      switchTo('team');
      firstStep(p);
    };
    const before = posts().length;
    await h.run('runpod.endpoints.deploy', { file: uri });
    expect(fake.messages.at(-1)).toMatchObject({
      level: 'error',
      text: "The active RunPod account changed to team while Deploy Endpoint was open; nothing was deployed. Run 'RunPod: Deploy Endpoint...' again.",
    });
    expect(endpointsNamed('switched')).toEqual([]);
    expect(posts()).toHaveLength(before);
  });

  it('Deploy Endpoint: a switch that closes the wizard (Switch Account is a quick pick too) is said, not a silent cancel', async () => {
    const { uri } = workspaceFile('.runpod/hub.json', hubJson);
    ui.quickPickScript.push((p: FakeQuickPick) => p.choose('No env file'));
    fake.inputScript.push((box) => {
      switchTo('team');
      box.hide(); // the image step: VS Code hides it when Switch Account's quick pick is shown
    });
    const before = posts().length;
    await h.run('runpod.endpoints.deploy', { file: uri });
    expect(fake.messages.at(-1)).toMatchObject({
      level: 'error',
      text: "The active RunPod account changed to team while Deploy Endpoint was open; nothing was deployed. Run 'RunPod: Deploy Endpoint...' again.",
    });
    expect(posts()).toHaveLength(before);
  });

  it('Update Env from File stops with that reason before the checks and the PATCH', async () => {
    const created = await h.client.createEndpoint({ name: 'switched-update', image: 'img:1', gpu: { pools: ['ADA_24'] }, workers: { min: 1, max: 1 } });
    workspaceFile('train.runpod.env', 'LOG_LEVEL=warn\n');
    ui.quickPickScript.push((p: FakeQuickPick) => {
      switchTo('team');
      p.choose('train.runpod.env');
    });
    fake.dialogAnswers.push('Update');
    await h.run('runpod.endpoints.updateEnv', { endpointId: created.id });
    expect(fake.messages.at(-1)).toMatchObject({
      level: 'error',
      text: "The active RunPod account changed to team while Update Env from File was open; the endpoint was not updated. Run 'RunPod: Update Env from File...' again.",
    });
    expect(fake.messages.some((m) => m.text.startsWith('Update endpoint'))).toBe(false);
    expect(h.api.inspect().endpoints.find((e) => e.id === created.id)!.env).toEqual({});
  });

  const UPDATE_ENV_STOPPED = "The active RunPod account changed to team while Update Env from File was open; the endpoint was not updated. Run 'RunPod: Update Env from File...' again.";
  const CHANGE_IMAGE_STOPPED = "The active RunPod account changed to team while Change Image was open; the endpoint was not updated. Run 'RunPod: Change Image...' again.";
  const patchesOf = (id: string) => h.api.inspect().requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(id));

  it('Update Env from File: a switch that closes the env file picker (Switch Account is a quick pick too) is said, not a silent cancel', async () => {
    const created = await h.client.createEndpoint({ name: 'closed-env', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    workspaceFile('train.runpod.env', 'LOG_LEVEL=warn\n');
    ui.quickPickScript.push((p: FakeQuickPick) => {
      switchTo('team');
      p.hide(); // VS Code hides the open quick pick when another one is shown
    });
    await h.run('runpod.endpoints.updateEnv', { endpointId: created.id });
    expect(fake.messages.map((m) => [m.level, m.text])).toEqual([['error', UPDATE_ENV_STOPPED]]);
    expect(patchesOf(created.id)).toEqual([]);
  });

  it('Update Env from File: a switch that closes the endpoint picker is said too', async () => {
    await h.client.createEndpoint({ name: 'closed-pick', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    // The endpoint picker is a quick pick that lists the endpoints itself (endpointTarget.ts).
    ui.quickPickScript.push((p: FakeQuickPick) => {
      switchTo('team');
      p.hide();
    });
    await h.run('runpod.endpoints.updateEnv');
    expect(fake.messages.map((m) => [m.level, m.text])).toEqual([['error', UPDATE_ENV_STOPPED]]);
  });

  it('Change Image: a switch that closes the image box is said, not a silent cancel', async () => {
    const created = await h.client.createEndpoint({ name: 'closed-image', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    fake.inputScript.push((box) => {
      switchTo('team');
      box.hide();
    });
    await h.run('runpod.endpoints.changeImage', { endpointId: created.id });
    expect(fake.messages.map((m) => [m.level, m.text])).toEqual([['error', CHANGE_IMAGE_STOPPED]]);
    expect(patchesOf(created.id)).toEqual([]);
  });

  it('Escape without a switch still ends Update Env from File and Change Image quietly', async () => {
    const created = await h.client.createEndpoint({ name: 'escaped', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    ui.quickPickScript.push((p: FakeQuickPick) => p.hide());
    await h.run('runpod.endpoints.updateEnv', { endpointId: created.id });
    fake.inputScript.push((box) => box.hide());
    await h.run('runpod.endpoints.changeImage', { endpointId: created.id });
    expect(fake.messages).toEqual([]);
    expect(patchesOf(created.id)).toEqual([]);
  });
});

describe('Deploy Endpoint on a hostile workspace', () => {
  it('a huge file is neither read nor listed; the source list holds serverless files and Hub listings only', async () => {
    const huge = `{"name":"x","serverless":true,"env":{"A":"${'a'.repeat(3 * 1024 * 1024)}"}}`;
    fake.files.set('/w/huge.runpod.json', huge);
    fake.files.set('/w/.runpod/hub.json', hubJson);
    fake.files.set('/w/sd.runpod.json', '{"name":"sd","image":"i","serverless":true}');
    fake.files.set('/w/pod.runpod.json', '{"name":"pod","image":"i"}');
    ui.quickPickScript.push((p) => p.hide());
    await h.run('runpod.endpoints.deploy');
    const sources = ui.quickPicks[0]!.items.filter((label) => label.startsWith('$(file)'));
    expect(sources.sort()).toEqual(['$(file) /w/.runpod/hub.json', '$(file) /w/sd.runpod.json']);

    await h.run('runpod.endpoints.deploy', { file: Uri.from({ scheme: 'file', path: '/w/huge.runpod.json' }) });
    expect(fake.messages.at(-1)).toEqual({ level: 'error', text: 'Not deploying: /w/huge.runpod.json is larger than 2 MiB; it was not read.' });
    expect(fake.boxes).toEqual([]);
  });
});

describe('Update Env from File on a hostile workspace', () => {
  it('an env file too large is refused unread in the words of every flow (not "RunPod request failed"), and nothing is sent', async () => {
    const created = await h.client.createEndpoint({ name: 'huge-env', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    fake.files.set('/w/train.runpod.env', 'A=1\n');
    fake.stats.set('/w/train.runpod.env', { type: 1, size: 5 * 1024 ** 3 });
    ui.quickPickScript.push((p: FakeQuickPick) => p.choose('train.runpod.env'));
    await h.run('runpod.endpoints.updateEnv', { endpointId: created.id });
    expect(fake.messages).toEqual([{ level: 'error', text: 'Not updating: /w/train.runpod.env is larger than 2 MiB; it was not read.' }]);
    expect(h.api.inspect().requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  it('an env file the editor marks with an error is refused by line with Open file at that line, and nothing is sent', async () => {
    const created = await h.client.createEndpoint({ name: 'bad-env', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    const { uri } = workspaceFile('train.runpod.env', 'A=1\nHF-HOME=/x\n');
    ui.quickPickScript.push((p: FakeQuickPick) => p.choose('train.runpod.env'));
    fake.dialogAnswers.push('Open file');
    await h.run('runpod.endpoints.updateEnv', { endpointId: created.id });
    expect(fake.messages).toEqual([{ level: 'error', text: expect.stringMatching(/^Not updating: \/w\/train\.runpod\.env: line 2: Not a valid variable name: character 3 is /), buttons: ['Open file'] }]);
    expect(fake.editorsShown).toEqual([{ uri: uri.toString(), line: 1, character: 0 }]);
    expect(h.api.inspect().requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });
});

describe('the Endpoints view', () => {
  it('lists endpoints with type, worker counts, range, pools and release; expanding shows the workers', async () => {
    h.clock.now += 5_000; // the seeded endpoint's worker is up
    const provider = ui.treeViews.get('runpod.endpoints')!.provider as { getChildren(parent?: unknown): Promise<{ label: string; description?: string; contextValue?: string }[]> };
    const roots = await provider.getChildren();
    const sd = roots.find((r) => r.label === 'sd-endpoint')!;
    expect(sd.description).toBe('queue · 0 running, 1 idle (1..3) · ADA_24 · release 1');
    expect(sd.contextValue).toBe('runpod.endpoint');
    const workers = await provider.getChildren(sd);
    expect(workers).toHaveLength(1);
    expect(workers[0]!.description).toBe('IDLE · release 1');
    expect(workers[0]!.contextValue).toBe('runpod.worker');
    // A second look costs no request: the view reads on Refresh, not on every repaint.
    const requests = h.api.inspect().requests.length;
    await provider.getChildren();
    await provider.getChildren(sd);
    expect(h.api.inspect().requests.length).toBe(requests);
  });
});

describe('Update Env from File', () => {
  it('shows the diff by key in a modal, then follows the release until every worker runs it', async () => {
    const created = await h.client.createEndpoint({ name: 'rollout', templateId: h.api.inspect().templates.find((t) => t.name === 'sd-worker')!.id, gpu: { pools: ['ADA_24'] }, workers: { min: 3, max: 3 } });
    h.clock.now += 5_000; // every worker up on release 1
    workspaceFile('train.runpod.env', 'HUGGING_FACE_HUB_TOKEN={{ RUNPOD_SECRET_hf-token }}\nWANDB_PROJECT=llama-finetune\nHF_TOKEN={{ RUNPOD_SECRET_openai-key }}\n');
    ui.quickPickScript.push((p: FakeQuickPick) => p.choose('train.runpod.env'));
    fake.dialogAnswers.push('Update');
    await h.run('runpod.endpoints.updateEnv', { endpointId: created.id });

    const modal = fake.messages.find((m) => m.text === 'Update endpoint rollout?')!;
    expect(modal.detail!.split('\n').slice(0, 3)).toEqual(['+HUGGING_FACE_HUB_TOKEN  (env added)', '+WANDB_PROJECT  (env added)', '~HF_TOKEN  (env value: secret hf-token -> secret openai-key)']);
    expect(modal.detail).not.toMatch(/llama-finetune|RUNPOD_SECRET/);
    const rollout = ui.progress.find((p) => p.title === 'Rolling out release 2 of rollout')!;
    expect(rollout.messages.at(0)).toMatch(/^0 of 3 workers on release 2/);
    expect(rollout.messages.at(-1)).toBe('3 of 3 workers on release 2');
    // The count only grows as workers cycle.
    const counts = rollout.messages.map((m) => Number(/^(\d) of/.exec(m)![1]));
    expect(counts).toEqual([...counts].sort());
    expect(fake.messages.at(-1)!.text).toBe('Endpoint rollout: 3 of 3 workers on release 2.');
    expect(h.api.inspect().endpoints.find((e) => e.id === created.id)!.runningWorkers.map((w) => [w.version, w.isStale])).toEqual([
      [2, false],
      [2, false],
      [2, false],
    ]);
  });

  it('the Endpoints view on screen follows the rollout: the endpoint and its workers end on the new release', async () => {
    // Found in the real editor: the flow's client is bound to its account (a wrapper of the
    // window's), and the view took the follower's worker lists for another account's and dropped them.
    h.clock.now += 5_000; // the seeded endpoint's worker is up
    const provider = ui.treeViews.get('runpod.endpoints')!.provider as { getChildren(parent?: unknown): Promise<{ label: string; description?: string }[]> };
    const sd = (await provider.getChildren()).find((r) => r.label === 'sd-endpoint')!;
    expect(sd.description).toContain('release 1');
    workspaceFile('train.runpod.env', 'WANDB_PROJECT=llama-finetune\n');
    ui.quickPickScript.push((p: FakeQuickPick) => p.choose('train.runpod.env'));
    fake.dialogAnswers.push('Update');
    await h.run('runpod.endpoints.updateEnv', { endpointId: h.api.inspect().endpoints.find((e) => e.name === 'sd-endpoint')!.id });

    expect(fake.messages.at(-1)!.text).toBe('Endpoint sd-endpoint: 1 of 1 worker on release 2.');
    expect(sd.description).toContain('release 2');
    expect((await provider.getChildren(sd)).map((w) => w.description)).toEqual(['IDLE · release 2']);
  });

  it('an update whose answer was lost (RunPod may have made the release) lists the Endpoints view again: the row shows what RunPod has', async () => {
    // Before, a failed update left the view as it was: the endpoint showed the old release while RunPod ran the new one.
    h.clock.now += 5_000;
    const provider = ui.treeViews.get('runpod.endpoints')!.provider as { getChildren(parent?: unknown): Promise<{ label: string; description?: string }[]> };
    const { id, version } = h.api.inspect().endpoints.find((e) => e.name === 'sd-endpoint')!;
    const sd = (await provider.getChildren()).find((r) => r.label === 'sd-endpoint')!;
    expect(sd.description).toMatch(new RegExp(`release ${version}$`));
    h.api.faults.inject({ reset: true, afterHandling: true }, { method: 'PATCH', path: `/serverless/${id}` });
    fake.inputScript.push(typeAndAccept('img:lost-answer'));
    fake.dialogAnswers.push('Update');
    await h.run('runpod.endpoints.changeImage', { endpointId: id });

    expect(fake.messages.at(-1)!.level).toBe('error');
    const now = h.api.inspect().endpoints.find((e) => e.id === id)!.version;
    expect(now).toBe(Number(version) + 1);
    await until(() => sd.description?.endsWith(`release ${now}`) === true, 'the Endpoints view listed again');
  });

  it("an environment's env file brings the file its environments share, as Deploy Endpoint and Launch Pod do", async () => {
    const created = await h.client.createEndpoint({ name: 'env-update', image: 'img:1', gpu: { pools: ['ADA_24'] }, workers: { min: 1, max: 1 } });
    h.clock.now += 5_000;
    workspaceFile('train.runpod.env', 'SHARED_SETTING=on\nLOG_LEVEL=info\n');
    workspaceFile('train.dev.runpod.env', 'LOG_LEVEL=debug\n');
    workspaceFile('train.prod.runpod.env', 'LOG_LEVEL=warn\n');
    let described: string | undefined;
    ui.quickPickScript.push((p: FakeQuickPick) => {
      described = (p.find('train.dev.runpod.env') as { description?: string }).description;
      p.choose('train.dev.runpod.env');
    });
    fake.dialogAnswers.push('Update');
    await h.run('runpod.endpoints.updateEnv', { endpointId: created.id });
    expect(described).toMatch(/^environment dev · /);
    expect(h.api.inspect().endpoints.find((e) => e.id === created.id)!.env).toMatchObject({ SHARED_SETTING: 'on', LOG_LEVEL: 'debug' });
  });

  it('refuses an env file whose environment is declared for another account: the list stays open saying why (as in Launch Pod and Deploy), another file can be picked; no PATCH of the refused one', async () => {
    const created = await h.client.createEndpoint({ name: 'other-account', image: 'img:1', gpu: { pools: ['ADA_24'] }, workers: { min: 1, max: 1 } });
    h.clock.now += 5_000;
    workspaceFile('train.prod.runpod.env', 'LOG_LEVEL=warn\n');
    workspaceFile('train.dev.runpod.env', 'LOG_LEVEL=debug\n');
    fake.settings = { environments: { prod: { files: ['train.prod.runpod.env'], account: 'team' } } };
    (h.services as { accounts?: unknown }).accounts = heldAccounts('personal', ['personal']);
    let listed: { label: string; detail?: string }[] = [];
    let again: { placeholder?: string; active?: string } = {};
    ui.quickPickScript.push(
      (p: FakeQuickPick) => {
        listed = p.items as { label: string; detail?: string }[];
        p.choose(/train\.prod\.runpod\.env/);
      },
      (p) => {
        again = { placeholder: p.placeholder, active: p.activeItems[0]?.label };
        p.choose(/train\.dev\.runpod\.env/);
      },
    );
    fake.dialogAnswers.push('Update');
    await h.run('runpod.endpoints.updateEnv', { endpointId: created.id });
    // The editor holds no account named team: the step is to add it, said where the user picks.
    expect(again).toEqual({ placeholder: 'Cannot update with that choice: add account team first, or pick another', active: expect.stringMatching(/train\.prod\.runpod\.env/) });
    expect(fake.messages.filter((m) => m.level === 'error')).toEqual([]);
    // Marked in the list before the pick, by the same refusal; dev's file is not.
    expect(listed.find((i) => i.label.includes('train.prod.runpod.env'))?.detail).toBe('$(warning) another account is active: add account team to update it');
    expect(listed.find((i) => i.label.includes('train.dev.runpod.env'))?.detail).toBeUndefined();
    // Only dev's file went: the endpoint was not picked again.
    expect(h.api.inspect().endpoints.find((e) => e.id === created.id)!.env).toEqual({ LOG_LEVEL: 'debug' });
  });

  it('a browsed env file of a refused environment brings the list back saying why: no PATCH', async () => {
    const created = await h.client.createEndpoint({ name: 'browsed', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    const { uri } = workspaceFile('deploy/prod/x.env', 'LOG_LEVEL=warn\n');
    fake.settings = { environments: { prod: { files: ['deploy/prod/*.env'], account: 'team' } } };
    (h.services as { accounts?: unknown }).accounts = heldAccounts('personal', ['personal', 'team']);
    fake.openDialogAnswers.push([uri]);
    let again: { placeholder?: string; active?: string } = {};
    ui.quickPickScript.push(
      (p: FakeQuickPick) => p.choose(/Browse/),
      (p) => {
        again = { placeholder: p.placeholder, active: p.activeItems[0]?.label };
        p.hide();
      },
    );
    await h.run('runpod.endpoints.updateEnv', { endpointId: created.id });
    expect(again).toEqual({ placeholder: 'Cannot update with that choice: switch to account team first, or pick another', active: expect.stringMatching(/Browse/) });
    expect(fake.messages).toEqual([]);
    expect(h.api.inspect().requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(created.id))).toEqual([]);
  });

  it("a browsed env file outside every folder sends its folder's shared env file under it, as `runpod-check endpoints update` does", async () => {
    const created = await h.client.createEndpoint({ name: 'outside', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    fake.files.set('/outside/svc.runpod.env', 'WANDB_PROJECT=llama\nLOG_LEVEL=info\n');
    fake.files.set('/outside/svc.dev.runpod.env', 'LOG_LEVEL=debug\n');
    fake.files.set('/outside/svc.prod.runpod.env', 'LOG_LEVEL=warn\n');
    fake.openDialogAnswers.push([Uri.from({ scheme: 'file', path: '/outside/svc.prod.runpod.env' })]);
    ui.quickPickScript.push((p: FakeQuickPick) => p.choose(/Browse/));
    fake.dialogAnswers.push('Update');
    await h.run('runpod.endpoints.updateEnv', { endpointId: created.id });
    expect(h.api.inspect().endpoints.find((e) => e.id === created.id)!.env).toEqual({ WANDB_PROJECT: 'llama', LOG_LEVEL: 'warn' });
  });

  it('refuses an env file whose environment declares an account that is not a name: no PATCH', async () => {
    const created = await h.client.createEndpoint({ name: 'invalid-account', image: 'img:1', gpu: { pools: ['ADA_24'] }, workers: { min: 1, max: 1 } });
    workspaceFile('train.prod.runpod.env', 'LOG_LEVEL=warn\n');
    workspaceFile('train.dev.runpod.env', 'LOG_LEVEL=debug\n');
    fake.settings = { environments: { prod: { files: ['train.prod.runpod.env'], account: '' } } };
    (h.services as { accounts?: unknown }).accounts = heldAccounts('personal', ['personal']);
    let listed: { label: string; detail?: string }[] = [];
    let again: string | undefined;
    ui.quickPickScript.push(
      (p: FakeQuickPick) => {
        listed = p.items as { label: string; detail?: string }[];
        p.choose('train.prod.runpod.env');
      },
      (p) => {
        again = p.placeholder;
        p.hide();
      },
    );
    const patches = () => h.api.inspect().requests.filter((r) => r.method === 'PATCH').length;
    const before = patches();
    await h.run('runpod.endpoints.updateEnv', { endpointId: created.id });
    expect(again).toBe("Cannot update with that choice: correct prod's account in runpod.environments first, or pick another");
    expect(fake.messages).toEqual([]);
    expect(patches()).toBe(before);
    expect(listed.find((i) => i.label.includes('train.prod.runpod.env'))?.detail).toBe("$(warning) correct prod's account in runpod.environments to update it");
  });

  it.each([
    ['declared for the account the flow started under', 'personal'],
    ['declared for the account switched to', 'team'],
  ])('a switch while the env file is picked (its environment %s) stops with the switch, not an environment refusal: no PATCH', async (_what, declaredFor) => {
    const created = await h.client.createEndpoint({ name: `switched-${declaredFor}`, image: 'img:1', gpu: { pools: ['ADA_24'] }, workers: { min: 1, max: 1 } });
    workspaceFile('train.prod.runpod.env', 'LOG_LEVEL=warn\n');
    workspaceFile('train.dev.runpod.env', 'LOG_LEVEL=debug\n');
    fake.settings = { environments: { prod: { files: ['train.prod.runpod.env'], account: declaredFor } } };
    const accounts = switchable('personal');
    ui.quickPickScript.push((p: FakeQuickPick) => {
      accounts.active = 'team'; // from the status bar, while the picker is open
      p.choose('train.prod.runpod.env');
    });
    const patches = () => h.api.inspect().requests.filter((r) => r.method === 'PATCH').length;
    const before = patches();
    fake.messages.length = 0;
    await h.run('runpod.endpoints.updateEnv', { endpointId: created.id });
    expect(fake.messages.map((m) => [m.level, m.text])).toEqual([
      ['error', "The active RunPod account changed to team while Update Env from File was open; the endpoint was not updated. Run 'RunPod: Update Env from File...' again."],
    ]);
    expect(patches()).toBe(before);
  });

  it('Cancel stops following and says the rollout goes on', async () => {
    const created = await h.client.createEndpoint({ name: 'cancelled', image: 'img:1', gpu: { pools: ['ADA_24'] }, workers: { min: 2, max: 2 } });
    h.clock.now += 5_000;
    fake.inputScript.push(typeAndAccept('img:2'));
    fake.dialogAnswers.push('Update');
    // The user presses Cancel during the first wait of the rollout.
    const sleep = followClock.sleep;
    followClock.sleep = async () => ui.progress.find((p) => p.title.startsWith('Rolling out'))!.cancel();
    try {
      await h.run('runpod.endpoints.changeImage', { endpointId: created.id });
    } finally {
      followClock.sleep = sleep;
    }
    expect(fake.messages.find((m) => m.text === 'Update endpoint cancelled?')!.detail).toMatch(/^image: img:1 -> img:2$/m);
    expect(fake.messages.at(-1)!.text).toBe('Stopped following the rollout of cancelled: the rollout itself goes on at RunPod (see the Endpoints view).');
  });

  it('Change Image opens on the current image with its prompt, not an error; Enter on it changes nothing', async () => {
    const created = await h.client.createEndpoint({ name: 'same', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    let opened: string | undefined;
    fake.inputScript.push((box) => {
      opened = box.validationText;
      box.accept();
    });
    await h.run('runpod.endpoints.changeImage', { endpointId: created.id });
    // What the box says on open is the prompt ('New container image (now img:1)'), not a red message.
    expect(opened).toBeUndefined();
    expect(fake.messages.at(-1)!.text).toBe('Endpoint same already has that image: nothing to update.');
    expect(h.api.inspect().requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(created.id))).toEqual([]);
  });

  it("prod's env file referencing dev's secret asks first, as Launch Pod does: Cancel sends no PATCH", async () => {
    await h.client.createSecret({ name: 'db_password_dev', value: 'dev-pw' });
    onTestFinished(() => h.client.deleteSecret('db_password_dev'));
    const created = await h.client.createEndpoint({ name: 'prod-kept', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    workspaceFile('train.dev.runpod.env', 'LOG_LEVEL=debug\n');
    workspaceFile('train.prod.runpod.env', 'DB_PASSWORD={{ RUNPOD_SECRET_db_password_dev }}\n');
    ui.quickPickScript.push((p: FakeQuickPick) => p.choose('train.prod.runpod.env'));
    fake.dialogAnswers.push(undefined);
    await h.run('runpod.endpoints.updateEnv', created.id);
    expect(fake.messages[0]).toMatchObject({ level: 'warning', text: '1 secret named for another environment: the workers would boot with it.', buttons: ['Open file', 'Update anyway'] });
    expect(h.api.inspect().requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(created.id))).toEqual([]);
  });

  it('an unknown secret in the env file stops the update: no PATCH, no release', async () => {
    const created = await h.client.createEndpoint({ name: 'kept', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    workspaceFile('bad.runpod.env', 'TOKEN={{ RUNPOD_SECRET_nope }}\n');
    ui.quickPickScript.push((p: FakeQuickPick) => p.choose('bad.runpod.env'));
    fake.dialogAnswers.push(undefined);
    await h.run('runpod.endpoints.updateEnv', created.id);
    expect(fake.messages[0]!.text).toBe('Not updating: 1 secret reference would reach the workers unresolved.');
    expect(h.api.inspect().requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(created.id))).toEqual([]);
    expect((await h.client.getEndpoint(created.id)).version).toBe(1);
  });
});

describe('Update Env from File and Change Image picked from the palette: Retry after a failed read', () => {
  /** Four 503s on the endpoint's read use up the client's own attempts: the user's Retry reads it. */
  const failReads = (id: string) => h.api.faults.inject({ status: 503 }, { method: 'GET', path: new RegExp(`${id}$`), times: 4 });
  const listings = () => h.api.inspect().requests.filter((r) => r.method === 'GET' && r.path === '/v2/serverless').length;

  it('Update Env from File reads the picked endpoint again, without listing and picking again, and updates it', async () => {
    const created = await h.client.createEndpoint({ name: 'env-retried', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    failReads(created.id);
    workspaceFile('retried.runpod.env', 'WANDB_PROJECT=kept\n');
    // One endpoint pick, then the env file step. A pick of the endpoint asked again is closed at once:
    // the flow ends, and the titles below say what was asked (not a hang until the test's timeout).
    ui.quickPickScript.push(
      (p: FakeQuickPick) => p.choose('env-retried'),
      (p: FakeQuickPick) => (p.title === 'RunPod: Update Env of env-retried from File' ? p.choose('retried.runpod.env') : p.hide()),
    );
    fake.dialogAnswers.push('Retry', 'Update');
    const listedBefore = listings();
    await h.run('runpod.endpoints.updateEnv');
    expect(fake.messages.some((m) => m.level === 'error' && m.buttons?.includes('Retry'))).toBe(true);
    expect(ui.quickPicks.map((p) => p.title)).toEqual(['RunPod: Update Env from File', 'RunPod: Update Env of env-retried from File']);
    expect(listings()).toBe(listedBefore + 1);
    expect((await h.client.getEndpoint(created.id)).env).toEqual({ WANDB_PROJECT: 'kept' });
  });

  it('Change Image reads the picked endpoint again, without listing and picking again, and changes it', async () => {
    const created = await h.client.createEndpoint({ name: 'image-retried', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    failReads(created.id);
    ui.quickPickScript.push((p: FakeQuickPick) => p.choose('image-retried'));
    fake.dialogAnswers.push('Retry', 'Update');
    fake.inputScript.push(typeAndAccept('img:2'));
    const listedBefore = listings();
    await h.run('runpod.endpoints.changeImage');
    expect(fake.messages.some((m) => m.level === 'error' && m.buttons?.includes('Retry'))).toBe(true);
    expect(ui.quickPicks.map((p) => p.title)).toEqual(['RunPod: Change Image']);
    expect(listings()).toBe(listedBefore + 1);
    expect(h.api.inspect().endpoints.find((e) => e.id === created.id)!.image).toBe('img:2');
  });
});

describe('the endpoint pick of the endpoint commands', () => {
  it("a hostile endpoint name (a line break, an escape sequence, an icon code) is labelled by the quick pick's name rule, as Show Logs labels it", async () => {
    const name = 'evil\n\u001b[31mprod $(check) ok';
    await h.client.createEndpoint({ name, image: 'img:1', gpu: { pools: ['ADA_24'] } });
    let labels: string[] = [];
    ui.quickPickScript.push((p: FakeQuickPick) => {
      labels = p.items.map((i) => i.label);
      p.hide();
    });
    await h.run('runpod.endpoints.changeImage');
    expect(labels).toContain(pickName(name));
    expect(labels.join('')).not.toMatch(/[\n\u001b]/);
    expect(labels.join('')).not.toContain(' $(check)');
  });

  it('the same name in the title of the step after the pick (Update Env, Change Image) is one line with its escapes shown, as Show Logs titles it', async () => {
    const name = 'evil\n\u001b[31mprod';
    const created = await h.client.createEndpoint({ name, image: 'img:1', gpu: { pools: ['ADA_24'] } });
    ui.quickPickScript.push((p: FakeQuickPick) => p.hide());
    await h.run('runpod.endpoints.updateEnv', { endpointId: created.id });
    fake.inputScript.push((box: FakeInputBox) => box.hide());
    await h.run('runpod.endpoints.changeImage', { endpointId: created.id });
    const titles = [ui.quickPicks.at(-1)!.title, fake.boxes.at(-1)!.title];
    expect(titles).toEqual([`RunPod: Update Env of ${nameLabel(name)} from File`, `RunPod: Change Image of ${nameLabel(name)}`]);
    expect(titles.join('')).not.toMatch(/[\n\u001b]/);
  });
});

describe('Delete Endpoint', () => {
  it('Retry after a failed read of the endpoint reads it again and goes on to the typed confirmation (the button did nothing)', async () => {
    const created = await h.client.createEndpoint({ name: 'flaky-read', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    // Four 503s use up the client's own attempts; the user's Retry then reads it.
    h.api.faults.inject({ status: 503 }, { method: 'GET', path: new RegExp(`${created.id}$`), times: 4 });
    fake.dialogAnswers.push('Retry', 'Continue…');
    fake.inputScript.push(typeAndAccept('flaky-read'));
    await h.run('runpod.endpoints.delete', { endpointId: created.id });
    expect(fake.messages.some((m) => m.level === 'error' && m.buttons?.includes('Retry'))).toBe(true);
    expect(endpointsNamed('flaky-read')).toEqual([]);
    expect(fake.messages.at(-1)!.text).toBe('Deleted endpoint flaky-read.');
  });

  it('picked from the palette, its read failed: Retry reads the picked endpoint again, without listing and picking again', async () => {
    const created = await h.client.createEndpoint({ name: 'flaky-pick', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    h.api.faults.inject({ status: 503 }, { method: 'GET', path: new RegExp(`${created.id}$`), times: 4 });
    // One pick scripted: a second would find none and end the flow with nothing deleted.
    ui.quickPickScript.push((p: FakeQuickPick) => p.choose('flaky-pick'));
    fake.dialogAnswers.push('Retry', 'Continue…');
    fake.inputScript.push(typeAndAccept('flaky-pick'));
    await h.run('runpod.endpoints.delete');
    expect(fake.messages.some((m) => m.level === 'error' && m.buttons?.includes('Retry'))).toBe(true);
    expect(ui.quickPicks.map((p) => p.title)).toEqual(['RunPod: Delete Endpoint']);
    expect(endpointsNamed('flaky-pick')).toEqual([]);
  });

  it('a wrong name deletes nothing; the typed name deletes it', async () => {
    const created = await h.client.createEndpoint({ name: 'doomed', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    fake.dialogAnswers.push('Continue…');
    fake.inputScript.push((box) => {
      box.type('Doomed');
      box.accept(); // refused: the box stays open
      setTimeout(() => box.hide(), 0);
    });
    await h.run('runpod.endpoints.delete', { endpointId: created.id });
    expect(fake.shown.join('\n')).toMatch(/Names are case-sensitive: type doomed exactly/);
    expect(endpointsNamed('doomed')).toHaveLength(1);

    // Its one worker is still starting: it must not be called running.
    expect((await h.client.listWorkers(created.id)).map((w) => w.status)).toEqual(['INITIALIZING']);
    fake.dialogAnswers.push('Continue…');
    fake.inputScript.push(typeAndAccept('doomed'));
    await h.run('runpod.endpoints.delete', { endpointId: created.id });
    expect(fake.messages.find((m) => m.text === 'Delete the endpoint doomed?')!.detail).toMatch(/^This stops its 1 worker \(0 running, 0 idle, 1 starting\), drops the jobs in its queue/);
    expect(endpointsNamed('doomed')).toEqual([]);
    expect(fake.messages.at(-1)!.text).toBe('Deleted endpoint doomed.');
  });

  it('a name with an invisible character (pr\\u200bod, which reads as prod) is not asked for: its id is, and no dialog shows the raw character', async () => {
    const created = await h.client.createEndpoint({ name: 'pr\u200bod', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    fake.dialogAnswers.push('Continue…');
    fake.inputScript.push(typeAndAccept(created.id));
    await h.run('runpod.endpoints.delete', { endpointId: created.id });
    expect(fake.shown.join('\n')).not.toContain('\u200b');
    expect(fake.messages.some((m) => m.text === `Delete the endpoint ${created.id}?`)).toBe(true);
    expect(endpointsNamed('pr\u200bod')).toEqual([]);
  });

  it("a hostile id (the name cannot be typed) is shown and asked for by the label rule, never raw", async () => {
    const created = await h.client.createEndpoint({ name: 'pr\u200bod-hostile', image: 'img:1', gpu: { pools: ['ADA_24'] } });
    const hostile = `${created.id}\n\u001b[2K$(alert) x`;
    // The API hands the endpoint back under an id with a line break, an escape sequence and an icon code.
    const read = await h.client.getEndpoint(created.id);
    h.api.faults.inject({ status: 200, body: JSON.stringify({ ...read, id: hostile }), headers: { 'content-type': 'application/json' } }, { method: 'GET', path: new RegExp(`${created.id}$`), times: 1 });
    fake.dialogAnswers.push('Continue…');
    fake.inputScript.push((box) => box.hide());
    await h.run('runpod.endpoints.delete', { endpointId: created.id });
    expect(fake.messages.map((m) => m.text)).toContain(`Delete the endpoint ${nameLabel(hostile)}?`);
    const box = fake.boxes.at(-1)!;
    expect(box.prompt).toBe(`Type ${nameLabel(hostile)} to confirm. This cannot be undone.`);
    expect(box.title).toBe(`RunPod: Delete Endpoint ${nameLabel(hostile)}`);
    expect(fake.shown.join('\n')).not.toContain('\u001b');
    await h.client.deleteEndpoint(created.id);
  });
});

describe('the Deploy Endpoint CodeLens', () => {
  it('is on .runpod/hub.json and on template files that say "serverless": true, nowhere else', async () => {
    const { registerDeployCodeLens } = await import('../../client/src/serverless/codeLens');
    fake.codeLensProviders = [];
    registerDeployCodeLens({ subscriptions: [] } as never);
    const lenses = (path: string, text: string) => {
      const { doc } = workspaceFile(path, text);
      return fake.codeLensProviders.flatMap((p) => p.provider.provideCodeLenses(doc) as { command?: { title: string; arguments?: unknown[] } }[]);
    };
    const hub = lenses('.runpod/hub.json', hubJson);
    expect(hub.map((l) => l.command?.title)).toEqual(['$(cloud-upload) Deploy Endpoint']);
    expect(hub[0]!.command!.arguments).toEqual([{ file: expect.objectContaining({ path: '/w/.runpod/hub.json' }) }]);
    expect(lenses('sd.runpod.json', '{"name":"sd","image":"i","serverless":true}')).toHaveLength(1);
    expect(lenses('pod.runpod.json', '{"name":"p","image":"i"}')).toEqual([]);
    expect(lenses('.runpod/tests.json', '{"config":{"env":[]}}')).toEqual([]);
  });
});

describe('the template file CodeLens', () => {
  it('offers Launch Pod on a Pod template only: a serverless one gets Push Template (and Deploy Endpoint), not a Launch that always fails', async () => {
    const { registerCodeLens } = await import('../../client/src/launch/codeLens');
    fake.codeLensProviders = [];
    registerCodeLens({ subscriptions: [] } as never);
    const titles = (path: string, text: string) => {
      const { doc } = workspaceFile(path, text);
      return fake.codeLensProviders.flatMap((p) => p.provider.provideCodeLenses(doc) as { command?: { title: string } }[]).map((l) => l.command?.title);
    };
    expect(titles('pod.runpod.json', '{"name":"p","image":"i"}')).toEqual(['$(rocket) Launch Pod', 'Push Template']);
    expect(titles('sd.runpod.json', '{"name":"sd","image":"i","serverless":true}')).toEqual(['Push Template']);
  });
});

it('every endpoint and log command the manifest contributes is registered', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const ours = pkg.contributes.commands.map((c: { command: string }) => c.command).filter((id: string) => /^runpod\.(endpoints|logs)\./.test(id));
  expect(ours.length).toBeGreaterThanOrEqual(6);
  for (const id of ours) expect(fake.commands.has(id), id).toBe(true);
});
