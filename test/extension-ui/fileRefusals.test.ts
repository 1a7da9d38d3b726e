/**
 * A flow that refuses a template file for what is in it (a field of RunPod's older APIs, bad JSON,
 * a field of the wrong shape) says so in the same words in Launch Pod, Push Template and Deploy
 * Endpoint, and offers "Open file", which puts the cursor on the offending field. A file that was
 * not read (too large, a FIFO) is refused in the same words too, with no such button: its fix is not
 * in its text, and opening a FIFO or a 5 GB file is what the bounded reader exists to avoid. An env
 * file refused for its content (the editor marks an error) is said the same way, opened at its line.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));

import { runLaunchWizard, type WizardState } from '../../client/src/launch/ui/launchWizard';
import { runDeployWizard, type DeployState } from '../../client/src/serverless/ui/deployWizard';
import { pushTemplate } from '../../client/src/commands/pushTemplate';
import { loadEnvFile } from '../../client/src/launch/ui/launchWizard';
import { varsFromText } from '../../client/src/launch/varsFile';
import { showWizardFailure } from '../../client/src/launch/ui/fileRefusal';
import type { RunpodApi } from '../../client/src/runpod/types';
import { fake, FakeDocument, FileType, Uri, whenRecorded } from './vscodeFake';

const PATH = '/w/old.runpod.json';
const uri = () => Uri.from({ scheme: 'file', path: PATH });
/** The offending key `"imageName"` is on line 3 (0-based 2), column 3 (0-based 2). */
const OLDER = '{\n  "name": "old",\n  "imageName": "runpod/base:1",\n  "serverless": true\n}\n';
const OLDER_REASON = `"imageName" is a field of RunPod's older APIs (REST v1, GraphQL): this file uses "image" (REST v2) at line 3, column 3.`;

const api = {
  getTemplate: vi.fn(async () => {
    throw new Error('not asked');
  }),
  listTemplates: vi.fn(async () => []),
  listGpuTypes: vi.fn(async () => []),
} as unknown as RunpodApi;
const log = { error: vi.fn() };

/** The file on disk and as the editor would open it (the fake's openTextDocument knows only its documents). */
function plant(text: string): void {
  fake.files.set(PATH, text);
  fake.documents.set(uri().toString(), new FakeDocument(uri(), text));
}

/** Runs each flow on the file, answering its refusal with `answer`; returns the refusal each showed. */
async function refusals(answer: string | undefined): Promise<Record<'launch' | 'push' | 'deploy', (typeof fake.messages)[number] | undefined>> {
  const launchState: WizardState = { count: 1, preset: { templateFile: uri() as never }, activeAccount: () => 'default', hasAccount: () => true, log };
  const deployState: DeployState = { preset: { file: uri() as never }, activeAccount: () => 'default', hasAccount: () => true, log };
  const out: Record<string, (typeof fake.messages)[number] | undefined> = {};
  for (const [flow, run] of [
    ['launch', () => runLaunchWizard(api, launchState)],
    ['push', () => pushTemplate({ log } as never, uri())],
    ['deploy', () => runDeployWizard(api, deployState)],
  ] as const) {
    const before = fake.messages.length;
    fake.dialogAnswers.push(answer);
    await run();
    out[flow] = fake.messages[before];
    // The wizards do not wait on the notification: its button is handled once pressed.
    if (answer) await whenRecorded(() => fake.editorsShown.length === Object.keys(out).length, `${flow}'s Open file`);
    expect(fake.editorsShown).toHaveLength(answer ? Object.keys(out).length : 0);
  }
  return out as never;
}

beforeEach(() => {
  fake.reset();
  vi.clearAllMocks();
});

describe('a template file refused for what is in it', () => {
  it("a field of RunPod's older APIs: every flow says the same, and Open file puts the cursor on the field", async () => {
    plant(OLDER);
    const shown = await refusals('Open file');
    expect(shown).toEqual({
      launch: { level: 'error', text: `Not launching: ${PATH}: ${OLDER_REASON}`, buttons: ['Open file'] },
      push: { level: 'error', text: `Not pushing: ${PATH}: ${OLDER_REASON}`, buttons: ['Open file'] },
      deploy: { level: 'error', text: `Not deploying: ${PATH}: ${OLDER_REASON}`, buttons: ['Open file'] },
    });
    expect(fake.editorsShown).toEqual(Array(3).fill({ uri: uri().toString(), line: 2, character: 2 }));
    expect(api.getTemplate).not.toHaveBeenCalled();
  });

  it('invalid JSON: Open file at the first error', async () => {
    plant('{\n  "name": "x",\n  "image": \n}\n');
    const shown = await refusals('Open file');
    for (const refusal of Object.values(shown)) expect(refusal).toMatchObject({ level: 'error', text: expect.stringContaining('Not valid JSON: value expected at line 4, column 1.'), buttons: ['Open file'] });
    expect(fake.editorsShown).toEqual(Array(3).fill({ uri: uri().toString(), line: 3, character: 0 }));
  });

  it('a file nested 100,000 levels deep: every flow refuses it as `check` does (too deeply), no stack overflow', async () => {
    plant(`{"gpu": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const shown = await refusals(undefined);
    for (const refusal of Object.values(shown)) expect(refusal).toMatchObject({ level: 'error', text: expect.stringMatching(/: The JSON is nested too deeply to read .* at line 1, column \d+\.$/), buttons: ['Open file'] });
    expect(log.error).not.toHaveBeenCalled();
  });

  it("Launch Pod: a field a launch reads of the wrong shape is opened at that field's key", async () => {
    plant('{\n  "name": "x",\n  "image": "i",\n  "cloud": "MOON"\n}\n');
    fake.dialogAnswers.push('Open file');
    await runLaunchWizard(api, { count: 1, preset: { templateFile: uri() as never }, activeAccount: () => 'default', hasAccount: () => true, log });
    expect(fake.messages).toEqual([{ level: 'error', text: `Not launching: ${PATH}: "cloud" must be SECURE or COMMUNITY.`, buttons: ['Open file'] }]);
    await whenRecorded(() => fake.editorsShown.length > 0, 'the file opened by Open file');
    expect(fake.editorsShown).toEqual([{ uri: uri().toString(), line: 3, character: 2 }]);
  });

  it('Launch Pod: a "cpu" that is no object is refused at its key, as the command line refuses it (not sent as {} nor spread into {"0": ...})', async () => {
    for (const cpu of ['true', '"abc"']) {
      fake.reset();
      plant(`{\n  "name": "x",\n  "image": "i",\n  "cpu": ${cpu}\n}\n`);
      fake.dialogAnswers.push('Open file');
      await runLaunchWizard(api, { count: 1, preset: { templateFile: uri() as never }, activeAccount: () => 'default', hasAccount: () => true, log });
      expect(fake.messages).toEqual([{ level: 'error', text: `Not launching: ${PATH}: "cpu" must be an object ({} for RunPod's default).`, buttons: ['Open file'] }]);
      await whenRecorded(() => fake.editorsShown.length > 0, 'the file opened by Open file');
      expect(fake.editorsShown).toEqual([{ uri: uri().toString(), line: 3, character: 2 }]);
    }
  });

  it('Launch Pod: a field the template schema does not know is refused at its key, with the field it likely is, as the command line refuses it', async () => {
    plant('{\n  "name": "x",\n  "image": "i",\n  "startSSh": true\n}\n');
    fake.dialogAnswers.push('Open file');
    await runLaunchWizard(api, { count: 1, preset: { templateFile: uri() as never }, activeAccount: () => 'default', hasAccount: () => true, log });
    expect(fake.messages).toEqual([{ level: 'error', text: `Not launching: ${PATH}: "startSSh" is no field of a template or Pod body; did you mean "startSsh"?`, buttons: ['Open file'] }]);
    await whenRecorded(() => fake.editorsShown.length > 0, 'the file opened by Open file');
    expect(fake.editorsShown).toEqual([{ uri: uri().toString(), line: 3, character: 2 }]);
  });

  it('Deploy Endpoint: a field the template schema does not know is refused at its key, in the words Launch Pod refuses it with', async () => {
    plant('{\n  "name": "x",\n  "image": "i",\n  "serverless": true,\n  "startSSh": true\n}\n');
    fake.dialogAnswers.push('Open file');
    await runDeployWizard(api, { preset: { file: uri() as never }, activeAccount: () => 'default', hasAccount: () => true, log });
    expect(fake.messages).toEqual([{ level: 'error', text: `Not deploying: ${PATH}: "startSSh" is no field of a template or Pod body; did you mean "startSsh"?`, buttons: ['Open file'] }]);
    await whenRecorded(() => fake.editorsShown.length > 0, 'the file opened by Open file');
    expect(fake.editorsShown).toEqual([{ uri: uri().toString(), line: 4, character: 2 }]);
  });

  it('Push Template: a field the template schema does not know is refused at its key before any request, in the words Launch Pod refuses it with', async () => {
    plant('{\n  "name": "x",\n  "image": "i",\n  "startSSh": true\n}\n');
    fake.dialogAnswers.push('Open file');
    await pushTemplate({ log } as never, uri());
    expect(fake.messages).toEqual([{ level: 'error', text: `Not pushing: ${PATH}: "startSSh" is no field of a template or Pod body; did you mean "startSsh"?`, buttons: ['Open file'] }]);
    await whenRecorded(() => fake.editorsShown.length > 0, 'the file opened by Open file');
    expect(fake.editorsShown).toEqual([{ uri: uri().toString(), line: 3, character: 2 }]);
  });

  it('the template the file names by "templateId" does not exist: Open file at the id; a network failure is not the file\'s, so no button', async () => {
    const { RunpodApiError } = await import('../../client/src/runpod/errors');
    plant('{\n  "name": "x",\n  "templateId": "gone"\n}\n');
    const launch = () => runLaunchWizard(api, { count: 1, preset: { templateFile: uri() as never }, activeAccount: () => 'default', hasAccount: () => true, log });
    vi.mocked(api.getTemplate).mockRejectedValueOnce(new RunpodApiError('not-found', 'no such template', { status: 404 }));
    fake.dialogAnswers.push('Open file');
    await launch();
    expect(fake.messages.at(-1)).toMatchObject({ text: expect.stringMatching(/^Not launching: \/w\/old\.runpod\.json: The template to launch from was not found \(404\)/), buttons: ['Open file'] });
    await whenRecorded(() => fake.editorsShown.length > 0, 'the file opened by Open file');
    expect(fake.editorsShown).toEqual([{ uri: uri().toString(), line: 2, character: 2 }]);
    vi.mocked(api.getTemplate).mockRejectedValueOnce(new RunpodApiError('network', 'Could not reach RunPod.'));
    await launch();
    expect(fake.messages.at(-1)).toEqual({ level: 'error', text: `Not launching: ${PATH}: Could not reach RunPod.` });
  });

  it("Deploy Endpoint: a Pod template, or a Hub listing for a CPU endpoint, is opened at the field that says so", async () => {
    const deploy = (path: string) => runDeployWizard(api, { preset: { file: Uri.from({ scheme: 'file', path }) as never }, activeAccount: () => 'default', hasAccount: () => true, log });
    plant('{\n  "name": "x",\n  "image": "i",\n  "serverless": false\n}\n');
    fake.dialogAnswers.push('Open file');
    await deploy(PATH);
    await whenRecorded(() => fake.editorsShown.length > 0, 'the file opened by Open file');
    expect(fake.editorsShown).toEqual([{ uri: uri().toString(), line: 3, character: 2 }]);
    const hub = Uri.from({ scheme: 'file', path: '/w/.runpod/hub.json' });
    const listing = '{\n  "title": "x",\n  "config": {\n    "runsOn": "CPU"\n  }\n}\n';
    fake.files.set(hub.path, listing);
    fake.documents.set(hub.toString(), new FakeDocument(hub, listing));
    fake.dialogAnswers.push('Open file');
    await deploy(hub.path);
    expect(fake.messages.at(-1)).toEqual({
      level: 'error',
      text: 'Not deploying: /w/.runpod/hub.json: "runsOn" is "CPU": the deploy asks for GPU pools only; deploy a CPU endpoint from the RunPod console.',
      buttons: ['Open file'],
    });
    await whenRecorded(() => fake.editorsShown.length === 2, "the listing opened by Open file");
    expect(fake.editorsShown.at(-1)).toEqual({ uri: hub.toString(), line: 3, character: 4 });
  });

  it('dismissed, the refusal opens nothing', async () => {
    plant(OLDER);
    await refusals(undefined);
    expect(fake.editorsShown).toEqual([]);
  });
});

describe('a template file that was not read', () => {
  it('is refused in the same words by every flow, with no Open file', async () => {
    plant(OLDER);
    fake.documents.clear(); // not open in an editor: the reader stats it
    fake.stats.set(PATH, { type: FileType.Unknown, size: 0 });
    const shown = await refusals(undefined);
    const reason = `${PATH} is not a regular file (a folder, a device, a pipe or a link to one); it was not read.`;
    expect(shown).toEqual({
      launch: { level: 'error', text: `Not launching: ${reason}` },
      push: { level: 'error', text: `Not pushing: ${reason}` },
      deploy: { level: 'error', text: `Not deploying: ${reason}` },
    });
    expect(fake.reads).toEqual([]);
  });

  it('Deploy Endpoint: a file that is no deploy source (by its name and the settings) is refused in the same words, unread', async () => {
    const path = '/w/notes.json';
    fake.files.set(path, '{}');
    await runDeployWizard(api, { preset: { file: Uri.from({ scheme: 'file', path }) as never }, activeAccount: () => 'default', hasAccount: () => true, log });
    expect(fake.messages).toEqual([{ level: 'error', text: `Not deploying: ${path} is neither a .runpod/hub.json nor a template file (*.runpod.json, or a JSON file of the runpod.files or runpod.environments setting).` }]);
    expect(fake.reads).toEqual([]);
  });
});

describe('an env file refused for what is in it', () => {
  it('every flow says it in its words, by line and never the line, and Open file puts the cursor on that line', async () => {
    const env = Uri.from({ scheme: 'file', path: '/w/train.runpod.env' });
    // Line 3 is a token pasted without `KEY=`: a value, so it is never shown.
    const text = 'A=1\nB=2\nhf_Qm7vXk2RtB9wLp4ZcN8sJd3Fy\n';
    fake.files.set(env.path, text);
    fake.documents.set(env.toString(), new FakeDocument(env, text));
    const refused = await loadEnvFile(env as never).then(() => undefined, (e: unknown) => e);
    const shown: Record<string, unknown> = {};
    // Launch Pod, Push Template, Deploy Endpoint and Update Env from File each end in this catch.
    for (const flow of ['launch', 'push', 'deploy', 'update'] as const) {
      fake.dialogAnswers.push('Open file');
      await showWizardFailure({ log } as never, refused, flow, 'read');
      shown[flow] = fake.messages.at(-1)!.text;
    }
    // The reason is the diagnostics' (varsFileAgree.test.ts holds them to it); here, each flow's lead and the file.
    const read = varsFromText(text);
    const reason = `${env.path}: ${read.ok ? '' : read.message}`;
    expect(reason).toMatch(/^\/w\/train\.runpod\.env: line 3: /);
    expect(shown).toEqual({ launch: `Not launching: ${reason}`, push: `Not pushing: ${reason}`, deploy: `Not deploying: ${reason}`, update: `Not updating: ${reason}` });
    expect(fake.messages.every((m) => m.buttons?.[0] === 'Open file' && !m.text.includes('hf_Qm7'))).toBe(true);
    expect(fake.editorsShown).toEqual(Array(4).fill({ uri: env.toString(), line: 2, character: 0 }));
  });
});
