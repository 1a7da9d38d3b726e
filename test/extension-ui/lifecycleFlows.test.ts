/**
 * The secret lifecycle commands end to end against the fake RunPod API (real HTTP, real client,
 * store, account scan and history), driven through the scripted `vscode` stand-in; the language
 * server's index is scripted (its own tests live with the server).
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { registerSecretCommands } from '../../client/src/commands/index';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { call } from '../fake-runpod/testHelpers';
import { fakeApiServices } from './fakeApiServices';
import { scriptedIndex } from './lifecycleHelpers';
import type { CancelToken } from '../../client/src/waitRace';
import { until } from '../helpers/until';
import { fake as editor, FakeDocument, ui, Uri, window, type FakeInputBox } from './vscodeFake';
import { findReferencesInFile } from '../../client/src/secrets/references';
import { DELETE_WARNING } from '../../client/src/commands/deleteFlow';
import { accountCountsByName } from '../../client/src/secrets/accountUsages';

const RTX = 'NVIDIA GeForce RTX 4090';
let api: FakeRunpod;
let env: Awaited<ReturnType<typeof fakeApiServices>>;

beforeAll(async () => {
  api = await startFakeRunpod({ seed: true, podBootMs: 0, rateLimitPerMinute: 10_000 });
});
afterAll(() => api.close());
beforeEach(() => editor.reset());
afterEach(async () => env?.close());

async function setup(options: Parameters<typeof fakeApiServices>[1] = {}) {
  env = await fakeApiServices(api, options);
  registerSecretCommands(env.services);
  return env;
}
const run = (id: string, ...args: unknown[]) => editor.commands.get(id)!(...args) as Promise<unknown>;
const typeAndAccept = (text: string) => (box: FakeInputBox) => {
  box.type(text);
  box.accept();
};

async function launchPod(name: string, secret: string): Promise<string> {
  const res = await call(api, 'POST', '/pods', { name, image: 'ubuntu:24.04', gpu: { id: RTX }, env: { TOKEN: `{{ RUNPOD_SECRET_${secret} }}` } });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

describe('Delete Secret against the fake API', () => {
  it('names the account templates and the running Pod that will fail at their next boot, then deletes on the typed name', async () => {
    expect((await call(api, 'POST', '/account/secrets', { name: 'del-token', value: 'del-value-1' })).status).toBe(201);
    await call(api, 'POST', '/templates', { name: 'del-template', image: 'img', env: { A: '{{ RUNPOD_SECRET_del-token }}' } });
    await launchPod('del-pod', 'del-token');
    const { store, lifecycle } = await setup();
    editor.dialogAnswers.push('Continue…');
    editor.inputScript.push((box) => {
      box.type('del-token');
      box.accept();
    });
    await run('runpod.secrets.delete', { secretName: 'del-token' });
    const warning = editor.messages.find((m) => m.level === 'warning')!;
    expect(warning.detail).toContain('template "del-template" (A): Pods launched from it fail at boot');
    expect(warning.detail).toContain('Pod "del-pod" (RUNNING) (TOKEN): fails at its next restart');
    expect(api.inspect().secrets.map((s) => s.name)).not.toContain('del-token');
    expect(store.secrets.map((s) => s.name)).not.toContain('del-token');
    await Promise.resolve();
    expect(lifecycle.history.all().entries.map((e) => [e.action, e.secret])).toEqual([['deleted', 'del-token']]);
    expect(editor.shown.join('\n')).not.toContain('del-value-1');
  });
});

describe('a secret deleted elsewhere (the console, another editor) after the list was loaded', () => {
  /** Rotate and Delete of a secret named `gone-rot${tag}` / `gone-del${tag}`: the flow, its command, the name, the user's answers. */
  const goneFlows = (tag: string): [string, string, string, () => void][] => [
    ['Rotate Secret', 'runpod.secrets.rotate', `gone-rot${tag}`, () => editor.inputScript.push(typeAndAccept('gone-new-value'))],
    ['Delete Secret', 'runpod.secrets.delete', `gone-del${tag}`, () => {
      editor.dialogAnswers.push('Continue…');
      editor.inputScript.push(typeAndAccept(`gone-del${tag}`));
    }],
  ];

  it.each(goneFlows(''))('%s says it is gone, and the list drops it without a Refresh', async (_flow, command, name, answer) => {
    const created = await call(api, 'POST', '/account/secrets', { name, value: 'v' });
    const { store } = await setup();
    expect(store.secrets.map((s) => s.name)).toContain(name);
    expect((await call(api, 'DELETE', `/account/secrets/${created.json.id as string}`)).status).toBe(204);
    answer();
    await run(command, name);
    // It says what happened and that the list was refreshed: no Refresh to run (the list below drops it).
    expect(editor.messages.find((m) => m.level === 'error')?.text).toContain(`Secret \`${name}\` no longer exists on this RunPod account (deleted elsewhere). The Secrets list was refreshed.`);
    expect(editor.messages.find((m) => m.level === 'error')?.text).not.toMatch(/Refresh Secrets/);
    // The refresh reads the fake API: waited for without vi.waitFor's 1 s default, which a loaded machine outlasts.
    await until(() => !store.secrets.some((s) => s.name === name), 'the refreshed Secrets list');
  });

  it.each(goneFlows('-2'))('%s: when listing the secrets again fails, it says to run Refresh Secrets, not that the list was refreshed', async (_flow, command, name, answer) => {
    const created = await call(api, 'POST', '/account/secrets', { name, value: 'v' });
    const { store } = await setup();
    expect((await call(api, 'DELETE', `/account/secrets/${created.json.id as string}`)).status).toBe(204);
    // The write's own lookup of the name lists them as it is; the listing after it fails.
    api.faults.inject({ latencyMs: 0 }, { method: 'GET', path: '/account/secrets' });
    api.faults.inject({ status: 500 }, { method: 'GET', path: '/account/secrets', times: 10 });
    answer();
    await run(command, name);
    api.faults.clear();
    const error = editor.messages.find((m) => m.level === 'error')?.text;
    expect(error).toContain(`Secret \`${name}\` no longer exists on this RunPod account (deleted elsewhere). To see the current list, run 'RunPod: Refresh Secrets'.`);
    expect(error).not.toMatch(/list was refreshed/);
    expect(store.secrets.map((s) => s.name)).toContain(name);
  });
});

describe('Delete Secret when the account cannot be checked', () => {
  it("says what was not checked and keeps RunPod's warning about what may still reference it", async () => {
    expect((await call(api, 'POST', '/account/secrets', { name: 'del-unchecked', value: 'del-unchecked-value' })).status).toBe(201);
    await setup();
    api.faults.inject({ status: 500 }, { method: 'GET', path: '/pods', times: 10 });
    editor.dialogAnswers.push(undefined);
    await run('runpod.secrets.delete', 'del-unchecked');
    api.faults.clear();
    const detail = editor.messages.find((m) => m.text === 'Delete the RunPod secret del-unchecked?')!.detail!;
    expect(detail).toMatch(/^No references to del-unchecked were found in workspace files\.\nAccount Pods were not checked: /);
    expect(detail.endsWith(DELETE_WARNING)).toBe(true);
    expect(api.inspect().secrets.map((s) => s.name)).toContain('del-unchecked');
  });
});

describe('Delete Secret when RunPod refuses the delete', () => {
  it('one error message names the secret and the reason; the secret stays', async () => {
    expect((await call(api, 'POST', '/account/secrets', { name: 'del-fail', value: 'del-fail-value' })).status).toBe(201);
    await setup();
    api.faults.inject({ status: 500 }, { method: 'DELETE', path: '/account/secrets/', times: 10 });
    editor.dialogAnswers.push('Continue…');
    editor.inputScript.push(typeAndAccept('del-fail'));
    await run('runpod.secrets.delete', 'del-fail');
    api.faults.clear();
    expect(editor.messages.map((m) => [m.level, m.text])).toEqual([
      ['warning', 'Delete the RunPod secret del-fail?'],
      ['error', expect.stringMatching(/^Deleting secret del-fail failed: .*500/)],
    ]);
    expect(api.inspect().secrets.map((s) => s.name)).toContain('del-fail');
    expect(editor.shown.join('\n')).not.toContain('del-fail-value');
    // The RunPod output says the failure once: the command's line, not the store's as well.
    expect(env.logged.filter((line) => /\[error\]/i.test(line) || /fail|could not/i.test(line))).toEqual([expect.stringMatching(/Deleting secret del-fail failed: .*500/)]);
  });
});

/** A workspace file the scripted index serves: rename edits and usages come from its current text, like the server's index. */
function workspaceFile(path: string, text: string) {
  const uri = Uri.parse(`file://${path}`);
  const doc = new FakeDocument(uri, text);
  editor.documents.set(uri.toString(), doc);
  const locations = (name: string) =>
    findReferencesInFile(doc.text, name, undefined).hits.map((hit) => ({
      uri: uri.toString(),
      range: { start: { line: hit.line, character: hit.column }, end: { line: hit.line, character: hit.column + name.length } },
      substituted: 'yes',
    }));
  const index = scriptedIndex({
    usages: (params: { names?: string[] }) => {
      const usages: Record<string, unknown> = {};
      for (const name of params.names ?? []) {
        const locs = locations(name);
        if (locs.length) usages[name] = { files: 1, references: locs.length, locations: locs };
      }
      return { complete: true, usages };
    },
    rename: ({ from, to }: { from: string; to: string }) => ({ changes: { [uri.toString()]: locations(from).map((l) => ({ range: l.range, newText: to })) } }),
  });
  return { doc, index };
}

/** The scripted index of several workspace files (workspaceFile's, each read as it is when asked). */
function indexOfFiles(docs: FakeDocument[]) {
  const locations = (doc: FakeDocument, name: string) =>
    findReferencesInFile(doc.text, name, undefined).hits.map((hit) => ({ range: { start: { line: hit.line, character: hit.column }, end: { line: hit.line, character: hit.column + name.length } } }));
  return scriptedIndex({
    usages: (params: { names?: string[] }) => {
      const usages: Record<string, unknown> = {};
      for (const name of params.names ?? []) {
        const locs = docs.flatMap((doc) => locations(doc, name).map((l) => ({ uri: doc.uri.toString(), ...l, substituted: 'yes' })));
        if (locs.length) usages[name] = { files: new Set(locs.map((l) => l.uri)).size, references: locs.length, locations: locs };
      }
      return { complete: true, usages };
    },
    rename: ({ from, to }: { from: string; to: string }) => ({ changes: Object.fromEntries(docs.map((doc) => [doc.uri.toString(), locations(doc, from).map((l) => ({ range: l.range, newText: to }))])) }),
  });
}

describe('Rename Secret against the fake API (the server\'s edit scripted)', () => {
  it('creates the new secret, applies the workspace edit as one previewed refactoring, PATCHes the template after showing the change, deletes the old one last', async () => {
    const created = await call(api, 'POST', '/account/secrets', { name: 'ren-old', value: 'ren-old-value', description: 'the token' });
    expect(created.status).toBe(201);
    const template = await call(api, 'POST', '/templates', { name: 'ren-template', image: 'img', env: { A: '{{ RUNPOD_SECRET_ren-old }}', B: 'plain', C: 'x{{ RUNPOD_SECRET_ren-old2 }}' } });
    const { doc, index } = workspaceFile('/w/app.runpod.env', 'HF={{ RUNPOD_SECRET_ren-old }}\nOTHER={{ RUNPOD_SECRET_ren-old2 }}\n');
    const { lifecycle } = await setup({ index });
    editor.inputScript.push(typeAndAccept('ren-new'), typeAndAccept('ren-new-value'), typeAndAccept('ren-old'));
    editor.dialogAnswers.push('Rename', 'Update Templates', 'Continue…');
    await run('runpod.secrets.rename', { secretName: 'ren-old' });

    // Step 1-2: name then a masked value, with Back on the value.
    expect(editor.boxes.slice(0, 2).map(({ step, totalSteps, password, back }) => ({ step, totalSteps, password, back }))).toEqual([
      { step: 1, totalSteps: 2, password: false, back: false },
      { step: 2, totalSteps: 2, password: true, back: true },
    ]);
    const secrets = api.inspect().secrets;
    expect(secrets.find((s) => s.name === 'ren-new')).toMatchObject({ value: 'ren-new-value', description: 'the token' });
    expect(secrets.map((s) => s.name)).not.toContain('ren-old');
    // The workspace: asked first (Rename or Preview), then one edit applied as a refactoring; with
    // Rename no entry needs confirmation (VS Code's preview would start them unticked).
    expect(editor.messages.find((m) => m.text.startsWith('Rename 1 reference'))?.text).toBe('Rename 1 reference in 1 workspace file from ren-old to ren-new?');
    expect(editor.applyEditOptions).toEqual([{ isRefactoring: true }]);
    expect(editor.appliedEdits[0]!.replacements.some((r) => r.metadata?.needsConfirmation)).toBe(false);
    expect(doc.text).toBe('HF={{ RUNPOD_SECRET_ren-new }}\nOTHER={{ RUNPOD_SECRET_ren-old2 }}\n');
    // The template: the change shown first (the key and the secrets it reads, never a value), then the PATCH of its env.
    const ask = editor.messages.find((m) => m.text.startsWith('Update 1 account template'))!;
    expect(ask.detail).toContain(`ren-template (${template.json.id}): env: A (secret ren-old -> secret ren-new)`);
    expect(api.inspect().templates.find((t) => t.name === 'ren-template')!.env).toEqual({ A: '{{ RUNPOD_SECRET_ren-new }}', B: 'plain', C: 'x{{ RUNPOD_SECRET_ren-old2 }}' });
    expect(editor.messages.at(-1)).toMatchObject({ level: 'info', text: 'Renamed ren-old to ren-new.' });
    // The server answered at once: no "Waiting for the language server" notification flashed.
    expect(ui.progress.filter((p) => p.title.includes('language server'))).toEqual([]);
    await Promise.resolve();
    expect(lifecycle.history.all().entries.map((e) => [e.action, e.secret, e.to])).toEqual([
      ['created', 'ren-new', undefined],
      ['renamed', 'ren-old', 'ren-new'],
      ['deleted', 'ren-old', undefined],
    ]);
    const shown = editor.shown.join('\n');
    expect(shown).not.toContain('ren-old-value');
    expect(shown).not.toContain('ren-new-value');
  });

  it('keeps the old secret while a Pod still references it, and says what is left', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-podded', value: 'v' });
    await launchPod('ren-pod', 'ren-podded');
    const { index } = workspaceFile('/w/b.runpod.env', 'X={{ RUNPOD_SECRET_ren-podded }}\n');
    await setup({ index });
    editor.inputScript.push(typeAndAccept('ren-podded-2'), typeAndAccept('v2'));
    editor.dialogAnswers.push('Rename', 'Delete Secret ren-podded…');
    await run('runpod.secrets.rename', 'ren-podded');
    expect(api.inspect().secrets.map((s) => s.name)).toEqual(expect.arrayContaining(['ren-podded', 'ren-podded-2']));
    const report = editor.messages.at(-1)!;
    expect(report.level).toBe('warning');
    expect(report.detail).toContain('Kept the old secret ren-podded: still used by Pod "ren-pod" (RUNNING).');
    expect(report.detail).toContain('Renamed 1 reference in 1 workspace file');
    // How to finish, and a button for the last step: Delete Secret, whose typed confirmation stays.
    // Launched without a template (its templateId null): no template to launch again from.
    expect(report.detail).toContain(
      "Pod \"ren-pod\" (RUNNING): a Pod keeps the env it was created with, so a restart still reads ren-podded: it was launched without a template, so launch a new one with 'RunPod: Launch Pod...' and an env that names ren-podded-2, then terminate it.",
    );
    expect(report.buttons).toEqual(['Delete Secret ren-podded…']);
    expect(ui.executed).toEqual([{ id: 'runpod.secrets.delete', args: ['ren-podded'] }]);
  });

  it("a switch of account while the report is open: its button does not run the step in the other account's secrets", async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-sw', value: 'v' });
    await launchPod('ren-sw-pod', 'ren-sw');
    const { index } = workspaceFile('/w/sw.runpod.env', 'X={{ RUNPOD_SECRET_ren-sw }}\n');
    const { services } = await setup({ index });
    editor.inputScript.push(typeAndAccept('ren-sw-2'), typeAndAccept('v2'));
    editor.dialogAnswers.push('Rename', () => {
      (services.accounts as { active: string }).active = 'personal';
      return 'Delete Secret ren-sw…';
    });
    await run('runpod.secrets.rename', 'ren-sw');
    expect(ui.executed).toEqual([]);
    expect(editor.messages.at(-1)).toMatchObject({
      level: 'warning',
      text: 'Delete Secret ren-sw was not run: the active account is now personal, and the rename was done in account default. Switch back to account default first.',
    });
  });

  it("the value step says why a rename asks for a value: RunPod cannot copy the old secret's, so it is typed again (or a new one)", async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-why', value: 'v' });
    await setup();
    editor.inputScript.push(typeAndAccept('ren-why-2'), (box) => box.hide());
    await run('runpod.secrets.rename', 'ren-why');
    expect(editor.boxes[1]?.prompt).toMatch(/^Value of ren-why-2: the value of ren-why typed again \(RunPod never returns a secret's value, so it cannot copy it\), or a new one\. It is sent to RunPod/);
  });

  it('Escape in the wizard keeps the new name for the next Rename of the same secret (never the value); another secret starts empty', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-keep', value: 'v' });
    await call(api, 'POST', '/account/secrets', { name: 'ren-keep-other', value: 'v' });
    await setup();
    // New name accepted, then the value typed and Escape.
    editor.inputScript.push(typeAndAccept('ren-keep-2'), (box) => {
      box.type('typed-value');
      box.hide();
    });
    await run('runpod.secrets.rename', 'ren-keep');
    editor.inputScript.push((box) => box.accept(), (box) => box.hide());
    await run('runpod.secrets.rename', 'ren-keep');
    editor.inputScript.push((box) => box.hide());
    await run('runpod.secrets.rename', 'ren-keep-other');
    expect(editor.boxes.map((b) => [b.step, b.value])).toEqual([[1, ''], [2, ''], [1, 'ren-keep-2'], [2, ''], [1, '']]);
    expect(api.inspect().secrets.map((x) => x.name)).not.toContain('ren-keep-2');
  });

  it('a rename whose create RunPod refused (nothing was created) keeps the new name for the next Rename', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-fail', value: 'v' });
    await setup();
    api.faults.inject({ status: 422, body: JSON.stringify({ title: 'Unprocessable Entity', status: 422, detail: 'invalid secret' }), headers: { 'content-type': 'application/problem+json' } }, { method: 'POST', path: '/account/secrets', times: 1 });
    editor.inputScript.push(typeAndAccept('ren-fail-2'), typeAndAccept('v2'));
    await run('runpod.secrets.rename', 'ren-fail');
    expect(api.inspect().secrets.map((x) => x.name)).not.toContain('ren-fail-2');
    editor.boxes.length = 0;
    editor.inputScript.push((box) => box.hide());
    await run('runpod.secrets.rename', 'ren-fail');
    expect(editor.boxes.map((b) => [b.step, b.value])).toEqual([[1, 'ren-fail-2']]);
  });

  it('Escape at the template updates: the report names the templates it listed as not updated (they were checked)', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-tesc', value: 'v' });
    await call(api, 'POST', '/templates', { name: 'ren-tesc-tpl', image: 'img', env: { A: '{{ RUNPOD_SECRET_ren-tesc }}' } });
    const { index } = workspaceFile('/w/tesc.runpod.env', 'X={{ RUNPOD_SECRET_ren-tesc }}\n');
    await setup({ index });
    editor.inputScript.push(typeAndAccept('ren-tesc-2'), typeAndAccept('v2'));
    editor.dialogAnswers.push('Rename', undefined);
    await run('runpod.secrets.rename', 'ren-tesc');
    const report = editor.messages.at(-1)!;
    expect(report.text).toBe('Renamed ren-tesc to ren-tesc-2 in part (stopped at: updating account templates): see what is left.');
    expect(report.detail).not.toContain('Account templates: not checked yet.');
    expect(report.detail).toContain('Template ren-tesc-tpl still references ren-tesc (not updated).');
    expect(api.inspect().templates.find((t) => t.name === 'ren-tesc-tpl')!.env).toEqual({ A: '{{ RUNPOD_SECRET_ren-tesc }}' });
  });

  it('a template update RunPod refuses (429) is logged naming the template once, by its name, the id in parentheses', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-t429', value: 'v' });
    const tpl = (await call(api, 'POST', '/templates', { name: 'ren-t429-tpl', image: 'img', env: { A: '{{ RUNPOD_SECRET_ren-t429 }}' } })).json as { id: string };
    const { index } = workspaceFile('/w/t429.runpod.env', 'X={{ RUNPOD_SECRET_ren-t429 }}\n');
    const { logged } = await setup({ index });
    api.faults.inject({ status: 429 }, { method: 'PATCH', path: '/templates/', times: 10 });
    editor.inputScript.push(typeAndAccept('ren-t429-2'), typeAndAccept('v2'));
    editor.dialogAnswers.push('Rename', 'Update Templates');
    await run('runpod.secrets.rename', 'ren-t429');
    api.faults.clear();
    const failed = logged.filter((line) => /failed/.test(line));
    expect(failed[0]).toMatch(new RegExp(`^Updating the template failed: RunPod is rate-limiting this API key \\(429\\) while trying to update template \`ren-t429-tpl\` \\(${tpl.id}\\)\\. `));
    // The report says it too: the id only in parentheses after the name, never alone.
    expect(failed.join('\n')).not.toContain(`\`${tpl.id}\``);
  });

  it('an endpoint still using the old secret: the report offers Update Env on that endpoint', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-ep', value: 'v' });
    const endpoint = (await call(api, 'POST', '/serverless', { name: 'ren-ep-endpoint', image: 'img', gpu: { pools: ['ADA_24'] }, env: { TOKEN: '{{ RUNPOD_SECRET_ren-ep }}' } })).json as { id: string };
    const { index } = workspaceFile('/w/ep.runpod.env', 'X={{ RUNPOD_SECRET_ren-ep }}\n');
    await setup({ index });
    editor.inputScript.push(typeAndAccept('ren-ep-2'), typeAndAccept('v2'));
    editor.dialogAnswers.push('Rename', 'Update Endpoint Env…');
    await run('runpod.secrets.rename', 'ren-ep');
    const report = editor.messages.at(-1)!;
    expect(report.detail).toContain('Kept the old secret ren-ep: still used by endpoint "ren-ep-endpoint".');
    // The view by the name package.json gives it (it was called "the Serverless view": no such view).
    const viewName = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).contributes.views.runpod.find((v: { id: string }) => v.id === 'runpod.endpoints').name;
    expect(report.detail).toContain(`endpoint "ren-ep-endpoint": change its env to name ren-ep-2 with Update Env from File… on it in the ${viewName} view.`);
    expect(report.buttons).toEqual(['Update Endpoint Env…', 'Delete Secret ren-ep…']);
    expect(ui.executed).toEqual([{ id: 'runpod.endpoints.updateEnv', args: [{ endpointId: endpoint.id }] }]);
  });

  it("files the server left out as another account's: the confirmation and the closing message say so", async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-acct', value: 'v' });
    const { index } = workspaceFile('/w/e.runpod.env', 'X={{ RUNPOD_SECRET_ren-acct }}\n');
    const rename = index.renameSecret.bind(index);
    const leftOut = [1, 2].map((n) => ({ uri: `file:///w/train${n}.prod.runpod.env`, environment: 'prod', account: 'prod' }));
    const asked: unknown[] = [];
    index.renameSecret = async (params) => {
      asked.push(params);
      return { ...((await rename(params)) as object), leftOut };
    };
    await setup({ index });
    editor.inputScript.push(typeAndAccept('ren-acct-2'), typeAndAccept('v2'), typeAndAccept('ren-acct'));
    editor.dialogAnswers.push('Rename', 'Continue…');
    await run('runpod.secrets.rename', 'ren-acct');
    const sentence = "2 files of account prod were left as they are: there the name is another account's secret.";
    expect(editor.messages.find((m) => m.text.startsWith('Rename 1 reference'))?.detail).toContain(sentence);
    expect(editor.messages.at(-1)!.text).toContain(sentence);
    // The server judges which files are another account's against the account the new secret was made in.
    expect(asked).toEqual([{ from: 'ren-acct', to: 'ren-acct-2', account: 'default' }]);
  });

  it('an index that may not hold every file: said before the edit is applied and before any template PATCH; the old secret is kept without a delete dialog, and neither the report nor the history claims the rename', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-gap', value: 'v' });
    await call(api, 'POST', '/templates', { name: 'ren-gap-template', image: 'img', env: { A: '{{ RUNPOD_SECRET_ren-gap }}' } });
    const { doc, index } = workspaceFile('/w/g.runpod.env', 'X={{ RUNPOD_SECRET_ren-gap }}\n');
    const rename = index.renameSecret.bind(index);
    index.renameSecret = async (params) => ({ ...((await rename(params)) as object), incomplete: { index: 'indexing' } });
    const { lifecycle } = await setup({ index });
    editor.inputScript.push(typeAndAccept('ren-gap-2'), typeAndAccept('v2'));
    editor.dialogAnswers.push('Rename', 'Update Templates');
    await run('runpod.secrets.rename', 'ren-gap');
    const caveat = 'The workspace index is still being built: there may be more files. Wait until it is built, then run Rename Secret on ren-gap again with the new name ren-gap-2 (it continues into ren-gap-2).';
    // First the workspace question, a warning carrying the caveat; only then the templates.
    expect(editor.messages.map((m) => m.text)).toEqual([
      'Rename 1 reference in 1 workspace file from ren-gap to ren-gap-2?',
      'Update 1 account template to use ren-gap-2?',
      'Renamed ren-gap to ren-gap-2 in part: see what is left.',
    ]);
    expect(editor.messages[0]).toMatchObject({ level: 'warning', detail: expect.stringContaining(`This may not be every reference. ${caveat} The old secret ren-gap is kept.`) });
    expect(doc.text).toBe('X={{ RUNPOD_SECRET_ren-gap-2 }}\n');
    // No delete asked, none made: what the index cannot see, its "unused" would not see either.
    expect(api.inspect().secrets.map((s) => s.name)).toEqual(expect.arrayContaining(['ren-gap', 'ren-gap-2']));
    const report = editor.messages.at(-1)!;
    expect(report.level).toBe('warning');
    expect(report.detail).toContain(`Workspace files may still reference ren-gap. ${caveat}`);
    expect(report.detail).toContain('Kept the old secret ren-gap: the rename may not have reached every workspace file');
    await Promise.resolve();
    expect(lifecycle.history.all().entries.map((e) => e.action)).not.toContain('renamed');
  });

  it('no reference in the files the index holds, but a file it could not read whole: asked before the templates; Escape stops there', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-big', value: 'v' });
    await call(api, 'POST', '/templates', { name: 'ren-big-template', image: 'img', env: { A: '{{ RUNPOD_SECRET_ren-big }}' } });
    const { index } = workspaceFile('/w/h.runpod.env', 'X=1\n');
    const rename = index.renameSecret.bind(index);
    index.renameSecret = async (params) => ({ ...((await rename(params)) as object), incomplete: { files: [{ uri: 'file:///w/huge%1B%5B31m.runpod.env', why: 'too-large' }] } });
    await setup({ index });
    editor.inputScript.push(typeAndAccept('ren-big-2'), typeAndAccept('v2'));
    editor.dialogAnswers.push(undefined);
    await run('runpod.secrets.rename', 'ren-big');
    const ask = editor.messages[0]!;
    expect(ask).toMatchObject({ level: 'warning', text: 'No file the workspace index holds references ren-big, but it may not hold them all.', buttons: ['Continue'] });
    expect(ask.detail).toContain('(too large to read whole: references past its start were not renamed). Rename the references in it yourself.');
    // A file name is shown by the display rule: no raw escape sequence reaches the dialog.
    expect(ask.detail).not.toContain('\u001b');
    expect(editor.messages.map((m) => m.text).slice(1)).toEqual(['Renamed ren-big to ren-big-2 in part (stopped at: renaming workspace references): see what is left.']);
    expect(api.inspect().templates.find((t) => t.name === 'ren-big-template')!.env).toEqual({ A: '{{ RUNPOD_SECRET_ren-big }}' });
    expect(api.inspect().secrets.map((s) => s.name)).toContain('ren-big');
  });

  it('a discarded preview changes no file, keeps the old secret, and says so', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-prev', value: 'v' });
    const { doc, index } = workspaceFile('/w/c.runpod.env', 'X={{ RUNPOD_SECRET_ren-prev }}\n');
    await setup({ index });
    editor.acceptPreview = false;
    editor.inputScript.push(typeAndAccept('ren-prev-2'), typeAndAccept('v2'));
    editor.dialogAnswers.push('Preview…');
    await run('runpod.secrets.rename', 'ren-prev');
    // Preview: an entry needs confirmation, so VS Code shows the edit, where it is discarded.
    expect(editor.applyEditOptions).toEqual([{ isRefactoring: true }]);
    expect(doc.text).toBe('X={{ RUNPOD_SECRET_ren-prev }}\n');
    expect(api.inspect().secrets.map((s) => s.name)).toContain('ren-prev');
    expect(editor.messages.at(-1)!.detail).toContain('Workspace files still reference ren-prev: the edit was not applied.');
  });

  it('Preview… opens the refactor preview with every change ticked, as F2\'s does: applying it as it opens renames every reference', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-tick', value: 'v' });
    const { doc, index } = workspaceFile('/w/tick.runpod.env', 'X={{ RUNPOD_SECRET_ren-tick }}\nY={{ RUNPOD_SECRET_ren-tick }}\n');
    await setup({ index });
    editor.inputScript.push(typeAndAccept('ren-tick-2'), typeAndAccept('v2'), typeAndAccept('ren-tick'));
    editor.dialogAnswers.push('Preview…', 'Continue…');
    await run('runpod.secrets.rename', 'ren-tick');
    expect(doc.text).toBe('X={{ RUNPOD_SECRET_ren-tick-2 }}\nY={{ RUNPOD_SECRET_ren-tick-2 }}\n');
    // The preview opened (an entry needs confirmation: the no-op create of the file's existing folder, which the preview leaves out).
    const [edit] = editor.appliedEdits;
    expect(edit!.creates).toEqual([{ uri: Uri.parse('file:///w'), options: { ignoreIfExists: true }, metadata: expect.objectContaining({ needsConfirmation: true }) }]);
    expect(edit!.replacements.some((r) => r.metadata?.needsConfirmation)).toBe(false);
    expect(editor.messages.map((m) => m.text)).not.toContain('The preview applied 0 of 2 changes.');
    expect(editor.messages.at(-1)).toMatchObject({ level: 'info', text: 'Renamed ren-tick to ren-tick-2.' });
  });

  it('a preview with some changes left unticked: asks about the rest; stopped there, the report counts what the files hold, and the old secret stays', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-part', value: 'v' });
    const { doc, index } = workspaceFile('/w/d.runpod.env', 'X={{ RUNPOD_SECRET_ren-part }}\nY={{ RUNPOD_SECRET_ren-part }}\n');
    await setup({ index });
    editor.previewTicks = (r) => r.range.start.line === 0;
    editor.inputScript.push(typeAndAccept('ren-part-2'), typeAndAccept('v2'));
    editor.dialogAnswers.push('Preview…');
    await run('runpod.secrets.rename', 'ren-part');
    expect(doc.text).toBe('X={{ RUNPOD_SECRET_ren-part-2 }}\nY={{ RUNPOD_SECRET_ren-part }}\n');
    // Previewed: the one entry that needs confirmation (it opens the preview) is the no-op create, not a change.
    expect(editor.appliedEdits[0]!.creates.map((c) => c.metadata?.needsConfirmation)).toEqual([true]);
    const report = editor.messages.at(-1)!;
    expect(report.detail).toContain('Renamed 1 reference in 1 workspace file');
    expect(report.detail).toContain('1 reference to ren-part left as it was in the preview.');
    // Escape on the question about the rest stops there: the delete is not even looked at.
    expect(editor.messages.map((m) => m.text).slice(1)).toEqual(['The preview applied 1 of 2 changes.', 'Renamed ren-part to ren-part-2 in part (stopped at: renaming workspace references): see what is left.']);
    expect(editor.messages[1]!.detail).toContain('1 reference to ren-part is left in workspace files.');
    expect(report.detail).toContain('The old secret ren-part still exists');
    expect(api.inspect().secrets.map((s) => s.name)).toEqual(expect.arrayContaining(['ren-part', 'ren-part-2']));
  });

  it('a preview that applies nothing (every change left unticked, as VS Code starts them): asks before going on; Stop Here ends before the template and delete steps and records no rename', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-none', value: 'v' });
    await call(api, 'POST', '/templates', { name: 'ren-none-tpl', image: 'img', env: { A: '{{ RUNPOD_SECRET_ren-none }}' } });
    const text = 'X={{ RUNPOD_SECRET_ren-none }}\nY={{ RUNPOD_SECRET_ren-none }}\n';
    const { doc, index } = workspaceFile('/w/none.runpod.env', text);
    const { lifecycle } = await setup({ index });
    editor.previewTicks = () => false;
    editor.inputScript.push(typeAndAccept('ren-none-2'), typeAndAccept('v2'));
    editor.dialogAnswers.push('Preview…', 'Stop Here');
    await run('runpod.secrets.rename', 'ren-none');
    expect(doc.text).toBe(text);
    expect(editor.messages.map((m) => m.text)).toEqual([
      'Rename 2 references in 1 workspace file from ren-none to ren-none-2?',
      'The preview applied 0 of 2 changes.',
      'Renamed ren-none to ren-none-2 in part (stopped at: renaming workspace references): see what is left.',
    ]);
    const ask = editor.messages[1]!;
    expect(ask.buttons).toEqual(['Apply All', 'Preview Again', 'Stop Here']);
    // What exists now, so Stop Here is an informed choice.
    expect(ask.detail).toContain('The new secret ren-none-2 was created and ren-none was kept.');
    const report = editor.messages.at(-1)!;
    expect(report.detail).toContain('Workspace files still reference ren-none: the edit was not applied.');
    expect(report.detail).toContain('Account templates: not checked yet.');
    expect(report.detail).toContain('The old secret ren-none still exists');
    expect(api.inspect().templates.find((t) => t.name === 'ren-none-tpl')!.env).toEqual({ A: '{{ RUNPOD_SECRET_ren-none }}' });
    expect(api.inspect().secrets.map((s) => s.name)).toEqual(expect.arrayContaining(['ren-none', 'ren-none-2']));
    await Promise.resolve();
    expect(lifecycle.history.all().entries.map((e) => [e.action, e.secret])).toEqual([['created', 'ren-none-2']]);
  });

  it('Apply All after a preview that applied nothing: the rest is applied without a preview and the rename finishes (templates, delete, history)', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-all', value: 'v' });
    await call(api, 'POST', '/templates', { name: 'ren-all-tpl', image: 'img', env: { A: '{{ RUNPOD_SECRET_ren-all }}' } });
    const { doc, index } = workspaceFile('/w/all.runpod.env', 'X={{ RUNPOD_SECRET_ren-all }} {{ RUNPOD_SECRET_ren-all }}\nY={{ RUNPOD_SECRET_ren-all }}\n');
    const { lifecycle } = await setup({ index });
    editor.previewTicks = () => false;
    editor.inputScript.push(typeAndAccept('ren-all-2'), typeAndAccept('v2'), typeAndAccept('ren-all'));
    editor.dialogAnswers.push('Preview…', 'Apply All', 'Update Templates', 'Continue…');
    await run('runpod.secrets.rename', 'ren-all');
    expect(doc.text).toBe('X={{ RUNPOD_SECRET_ren-all-2 }} {{ RUNPOD_SECRET_ren-all-2 }}\nY={{ RUNPOD_SECRET_ren-all-2 }}\n');
    expect(editor.appliedEdits[1]!.replacements.some((r) => r.metadata?.needsConfirmation)).toBe(false);
    expect(api.inspect().templates.find((t) => t.name === 'ren-all-tpl')!.env).toEqual({ A: '{{ RUNPOD_SECRET_ren-all-2 }}' });
    expect(api.inspect().secrets.map((s) => s.name)).not.toContain('ren-all');
    // The fresh look found nothing: the delete's question says so, without the warning about what still references it.
    expect(editor.messages.find((m) => m.text === 'Delete the RunPod secret ren-all?')!.detail).toBe('No references to ren-all were found in workspace files or on the account.');
    expect(editor.messages.at(-1)).toMatchObject({ level: 'info', text: 'Renamed ren-all to ren-all-2.' });
    await Promise.resolve();
    expect(lifecycle.history.all().entries.map((e) => [e.action, e.secret, e.to])).toEqual([
      ['created', 'ren-all-2', undefined],
      ['renamed', 'ren-all', 'ren-all-2'],
      ['deleted', 'ren-all', undefined],
    ]);
  });

  it('Preview Again after a partial preview offers only what is left, at its place in the edited line', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-again', value: 'v' });
    const { doc, index } = workspaceFile('/w/again.runpod.env', 'X={{ RUNPOD_SECRET_ren-again }} {{ RUNPOD_SECRET_ren-again }}\n');
    await setup({ index });
    let previews = 0;
    // The first preview: only the first change ticked; the second: everything it shows.
    editor.previewTicks = (r) => previews > 0 || r.range.start.character < 20;
    editor.dialogAnswers.push('Preview…', () => {
      previews++;
      return 'Preview Again';
    }, 'Continue…');
    editor.inputScript.push(typeAndAccept('ren-again-2'), typeAndAccept('v2'), typeAndAccept('ren-again'));
    await run('runpod.secrets.rename', 'ren-again');
    expect(editor.messages.map((m) => m.text).slice(0, 2)).toEqual(['Rename 2 references in 1 workspace file from ren-again to ren-again-2?', 'The preview applied 1 of 2 changes.']);
    expect(editor.appliedEdits).toHaveLength(2);
    // The second reference moved right by the 2 characters the first one grew.
    expect(editor.appliedEdits[1]!.replacements.map((r) => r.range.start.character)).toEqual([51]);
    expect(editor.appliedEdits[1]!.creates.map((c) => c.metadata?.needsConfirmation)).toEqual([true]);
    expect(doc.text).toBe('X={{ RUNPOD_SECRET_ren-again-2 }} {{ RUNPOD_SECRET_ren-again-2 }}\n');
    expect(editor.messages.at(-1)).toMatchObject({ level: 'info', text: 'Renamed ren-again to ren-again-2.' });
  });

  it('a file changed between the edit and Rename (a line added above the reference): that file is left as it is, the report says so, and the old secret is kept', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-chg', value: 'v' });
    const { doc } = workspaceFile('/w/chg.runpod.env', 'HF={{ RUNPOD_SECRET_ren-chg }}\n');
    const other = workspaceFile('/w/keep.runpod.env', 'A={{ RUNPOD_SECRET_ren-chg }}\n');
    await setup({ index: indexOfFiles([doc, other.doc]) });
    // Written on disk while the question was open (VS Code reloads the clean document): the
    // server's positions now fall inside the new comment line.
    const changed = '# a comment that was added on disk\nHF={{ RUNPOD_SECRET_ren-chg }}\n';
    editor.inputScript.push(typeAndAccept('ren-chg-2'), typeAndAccept('v2'));
    editor.dialogAnswers.push(() => {
      doc.edit(() => changed);
      return 'Rename';
    }, 'Skip');
    await run('runpod.secrets.rename', 'ren-chg');
    expect(doc.text).toBe(changed);
    expect(other.doc.text).toBe('A={{ RUNPOD_SECRET_ren-chg-2 }}\n');
    const report = editor.messages.at(-1)!;
    expect(report.text).toBe('Renamed ren-chg to ren-chg-2 in part: see what is left.');
    expect(report.detail).toContain('Renamed 1 reference in 1 workspace file');
    expect(report.detail).toContain('/w/chg.runpod.env (changed after the rename was prepared');
    expect(report.detail).toContain('Kept the old secret ren-chg');
    expect(api.inspect().secrets.map((s) => s.name)).toEqual(expect.arrayContaining(['ren-chg', 'ren-chg-2']));
  });

  it("a file changed on disk while the refactor preview was open (VS Code refuses the whole edit): Apply All renames the rest; the report names the changed file, not the preview", async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-pv', value: 'v' });
    const a = workspaceFile('/w/a.runpod.env', 'X={{ RUNPOD_SECRET_ren-pv }}\n');
    const b = workspaceFile('/w/b.runpod.env', 'X={{ RUNPOD_SECRET_ren-pv }}\n');
    await setup({ index: indexOfFiles([a.doc, b.doc]) });
    const changed = '# a line added on disk\nX={{ RUNPOD_SECRET_ren-pv }}\n';
    let previews = 0;
    // The first preview: b.runpod.env changes on disk while it is open, and VS Code applies nothing.
    editor.previewTicks = () => {
      if (previews++ === 0) b.doc.edit(() => changed);
      return previews > 2;
    };
    editor.inputScript.push(typeAndAccept('ren-pv-2'), typeAndAccept('v2'));
    editor.dialogAnswers.push('Preview…', 'Apply All');
    await run('runpod.secrets.rename', 'ren-pv');
    expect(a.doc.text).toBe('X={{ RUNPOD_SECRET_ren-pv-2 }}\n');
    expect(b.doc.text).toBe(changed);
    expect(editor.messages[1]!.text).toBe('The preview applied 0 of 1 change.');
    const report = editor.messages.at(-1)!;
    expect(report.detail).toContain('/w/b.runpod.env (changed after the rename was prepared');
    expect(report.detail).not.toContain('left as it was in the preview');
    expect(report.detail).toContain('Kept the old secret ren-pv');
  });

  it('a file deleted before Rename is clicked: the other files are renamed, the deleted one named as changed, and nothing more is asked', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-del', value: 'v' });
    const a = workspaceFile('/w/a.runpod.env', 'X={{ RUNPOD_SECRET_ren-del }}\n');
    const b = workspaceFile('/w/gone.runpod.env', 'X={{ RUNPOD_SECRET_ren-del }}\n');
    await setup({ index: indexOfFiles([a.doc, b.doc]) });
    editor.inputScript.push(typeAndAccept('ren-del-2'), typeAndAccept('v2'));
    editor.dialogAnswers.push(() => {
      editor.documents.delete(b.doc.uri.toString());
      return 'Rename';
    }, 'Skip');
    await run('runpod.secrets.rename', 'ren-del');
    expect(a.doc.text).toBe('X={{ RUNPOD_SECRET_ren-del-2 }}\n');
    expect(editor.messages.map((m) => m.buttons ?? [])).not.toContainEqual(['Apply All', 'Preview Again', 'Stop Here']);
    const report = editor.messages.at(-1)!;
    expect(report.detail).toContain('Renamed 1 reference in 1 workspace file');
    expect(report.detail).toContain('/w/gone.runpod.env (changed after the rename was prepared');
    expect(report.detail).toContain('Kept the old secret ren-del');
  });

  it("a place of the server's edit that does not hold the old name is not written: the file is named as changed", async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-off', value: 'v' });
    const { doc, index } = workspaceFile('/w/off.runpod.env', 'X={{ RUNPOD_SECRET_ren-off }}\nY=keep-this-text\n');
    // A server whose view of the file is off: one of its places holds other text.
    const rename = index.script.rename as (p: { from: string; to: string }) => { changes: Record<string, unknown[]> };
    index.script.rename = (p: { from: string; to: string }) => {
      const answer = rename(p);
      answer.changes[doc.uri.toString()]!.push({ range: { start: { line: 1, character: 2 }, end: { line: 1, character: 8 } }, newText: p.to });
      return answer;
    };
    await setup({ index });
    editor.inputScript.push(typeAndAccept('ren-off-2'), typeAndAccept('v2'));
    editor.dialogAnswers.push('Rename', 'Skip');
    await run('runpod.secrets.rename', 'ren-off');
    expect(doc.text).toBe('X={{ RUNPOD_SECRET_ren-off-2 }}\nY=keep-this-text\n');
    const report = editor.messages.at(-1)!;
    expect(report.detail).toContain('/w/off.runpod.env (changed after the rename was prepared');
    expect(report.detail).toContain('Kept the old secret ren-off');
  });

  it('a place already applied that the user edits while asked about the rest stays counted as applied (Apply All then)', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-kept', value: 'v' });
    const { doc, index } = workspaceFile('/w/kept.runpod.env', 'X={{ RUNPOD_SECRET_ren-kept }}\nY={{ RUNPOD_SECRET_ren-kept }}\n');
    await setup({ index });
    editor.previewTicks = (r) => r.range.start.line === 0;
    editor.inputScript.push(typeAndAccept('ren-kept-2'), typeAndAccept('v2'));
    editor.dialogAnswers.push('Preview…', () => {
      // The user edits the renamed line meanwhile.
      doc.edit((text) => text.replace('X={{ RUNPOD_SECRET_ren-kept-2 }}', 'X=typed over'));
      return 'Apply All';
    });
    await run('runpod.secrets.rename', 'ren-kept');
    expect(doc.text).toBe('X=typed over\nY={{ RUNPOD_SECRET_ren-kept-2 }}\n');
    const report = editor.messages.at(-1)!;
    expect(report.detail).toContain('Renamed 2 references in 1 workspace file');
    expect(report.detail).not.toContain('changed after the rename was prepared');
  });

  it("the name step's placeholder does not suggest the current name", async () => {
    await call(api, 'POST', '/account/secrets', { name: 'hf-token', value: 'v' });
    await setup();
    let placeholder: string | undefined;
    editor.inputScript.push((box) => {
      placeholder = box.placeholder;
      box.hide();
    });
    await run('runpod.secrets.rename', 'hf-token');
    expect(editor.boxes).toHaveLength(1);
    expect(placeholder ?? '').not.toContain('hf-token');
  });

  it('without the server index: the new secret exists, files are not touched, and the report says to rename them', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-noidx', value: 'v' });
    await setup();
    editor.inputScript.push(typeAndAccept('ren-noidx-2'), typeAndAccept('v2'));
    await run('runpod.secrets.rename', 'ren-noidx');
    expect(editor.appliedEdits).toEqual([]);
    expect(editor.messages.at(-1)!.detail).toMatch(/Workspace files were not changed \(the language server is not running\)[\s\S]*Kept the old secret ren-noidx/);
  });

  it('waits for a server still indexing with a Cancel that stops the request: nothing in the workspace is changed, and the report says so', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-slow', value: 'v' });
    const { doc } = workspaceFile('/w/slow.runpod.env', 'X={{ RUNPOD_SECRET_ren-slow }}\n');
    // As the language client's request: no answer while the server indexes; Cancel rejects it.
    let requestCancelled = false;
    const index = scriptedIndex({
      rename: (_params: unknown, token?: CancelToken) =>
        new Promise((_resolve, reject) => token?.onCancellationRequested(() => {
          requestCancelled = true;
          reject(new Error('The RunPod language server request was cancelled.'));
        })),
    });
    await setup({ index });
    editor.inputScript.push(typeAndAccept('ren-slow-2'), typeAndAccept('v2'));
    const renamed = run('runpod.secrets.rename', 'ren-slow');
    const waitingFor = () => ui.progress.find((p) => p.title.includes('ren-slow') && p.title.includes('language server'));
    await until(() => waitingFor() !== undefined, 'the wait for the rename edit');
    const waiting = waitingFor()!;
    expect(waiting.cancellable).toBe(true);
    waiting.cancel();
    await renamed;
    expect(requestCancelled).toBe(true);
    expect(editor.appliedEdits).toEqual([]);
    expect(doc.text).toBe('X={{ RUNPOD_SECRET_ren-slow }}\n');
    const report = editor.messages.at(-1)!;
    expect(report.detail).toMatch(/Workspace files were not changed \(cancelled while the language server was finding the references\)[\s\S]*still exists/);
    // The report offers to continue the rename; it does not also tell the user to finish it by hand.
    expect(report.detail).not.toContain('yourself');
    expect(report.buttons).toContain('Continue Rename…');
  });

  it('the name step keeps its step counter while the current name is typed (refused, so it decides nothing) and counts 1/1 for an existing name', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-cnt', value: 'v' });
    await call(api, 'POST', '/account/secrets', { name: 'ren-cnt-other', value: 'v' });
    await setup();
    const counts: string[] = [];
    editor.inputScript.push((box) => {
      for (const typed of ['ren-cnt-new', 'ren-cnt', 'ren-cnt-other', 'ren-cnt-new']) {
        box.type(typed);
        counts.push(`${typed} ${box.step}/${box.totalSteps}`);
      }
      box.hide();
    });
    await run('runpod.secrets.rename', 'ren-cnt');
    expect(counts).toEqual(['ren-cnt-new 1/2', 'ren-cnt 1/2', 'ren-cnt-other 1/1', 'ren-cnt-new 1/2']);
  });

  it('when the old secret was deleted elsewhere before its delete: the report says it is already gone, so the rename is complete (not "kept")', async () => {
    const created = await call(api, 'POST', '/account/secrets', { name: 'ren-gone', value: 'ren-gone-value' });
    const { index } = workspaceFile('/w/ren-gone.runpod.env', 'X={{ RUNPOD_SECRET_ren-gone }}\n');
    await setup({ index });
    editor.inputScript.push(typeAndAccept('ren-gone-2'), typeAndAccept('ren-gone-2-value'), typeAndAccept('ren-gone'));
    // While the delete is confirmed, the old secret is deleted in the console.
    editor.dialogAnswers.push('Rename', async () => {
      expect((await call(api, 'DELETE', `/account/secrets/${created.json.id as string}`)).status).toBe(204);
      return 'Continue…';
    });
    await run('runpod.secrets.rename', 'ren-gone');
    const report = editor.messages.at(-1)!;
    expect(report).toEqual({ level: 'info', text: 'Renamed ren-gone to ren-gone-2. The old secret ren-gone was already gone (deleted elsewhere), so the rename is complete.' });
    expect(env.logged.join('\n')).toContain('The old secret ren-gone was already gone (deleted elsewhere): nothing was left to delete.');
    expect(env.logged.join('\n')).not.toMatch(/Kept the old secret/);
  });

  const deleteFaults = [
    ['a server error (500)', 'ren-fail-500', { status: 500 }, /500/],
    ['a network error', 'ren-fail-net', { reset: true }, /no answer|connection/i],
  ] as const;
  for (const [what, name, fault, cause] of deleteFaults) {
    it(`when the old secret's delete fails with ${what}: one message, the report, saying why it stays (not "cancelled")`, async () => {
      expect((await call(api, 'POST', '/account/secrets', { name, value: `${name}-value` })).status).toBe(201);
      const { index } = workspaceFile(`/w/${name}.runpod.env`, `X={{ RUNPOD_SECRET_${name} }}\n`);
      await setup({ index });
      api.faults.inject(fault, { method: 'DELETE', path: '/account/secrets/', times: 10 });
      editor.inputScript.push(typeAndAccept(`${name}-2`), typeAndAccept(`${name}-2-value`), typeAndAccept(name));
      editor.dialogAnswers.push('Rename', 'Continue…');
      await run('runpod.secrets.rename', name);
      api.faults.clear();
      expect(editor.messages.map((m) => m.text)).toEqual([
        `Rename 1 reference in 1 workspace file from ${name} to ${name}-2?`,
        `Delete the RunPod secret ${name}?`,
        `Renamed ${name} to ${name}-2 in part: see what is left.`,
      ]);
      const report = editor.messages.at(-1)!;
      expect(report.level).toBe('warning');
      const kept = report.detail!.split('\n').find((line) => line.includes(`Kept the old secret ${name}`));
      expect(kept).toMatch(new RegExp(`^  • Kept the old secret ${name}: Deleting secret ${name} failed: `));
      expect(kept).toMatch(cause);
      expect(report.detail).not.toContain('cancelled');
      expect(api.inspect().secrets.map((s) => s.name)).toEqual(expect.arrayContaining([name, `${name}-2`]));
      expect([...editor.shown, ...env.logged].join('\n')).not.toMatch(new RegExp(`${name}(-2)?-value`));
    });
  }

  it('a rename stopped partway (new secret made, old one kept) can be continued into the existing secret: no create, its value untouched, then files, templates and the delete', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-res', value: 'ren-res-old-value' });
    await call(api, 'POST', '/account/secrets', { name: 'ren-res-2', value: 'ren-res-kept-value' });
    const before = api.inspect().secrets.find((s) => s.name === 'ren-res-2')!;
    await call(api, 'POST', '/templates', { name: 'ren-res-tpl', image: 'img', env: { A: '{{ RUNPOD_SECRET_ren-res }}' } });
    const { doc, index } = workspaceFile('/w/res.runpod.env', 'X={{ RUNPOD_SECRET_ren-res }}\n');
    const { lifecycle, requests } = await setup({ index });
    editor.inputScript.push(typeAndAccept('ren-res-2'), typeAndAccept('ren-res'));
    editor.dialogAnswers.push('Continue Rename', 'Rename', 'Update Templates', 'Continue…');
    await run('runpod.secrets.rename', 'ren-res');
    // The name step says the name exists and what Enter does; no value is asked.
    expect(editor.shown.join('\n')).toContain('ren-res-2 already exists: press Enter to continue the rename of ren-res into it (its value is not changed).');
    expect(editor.boxes.filter((b) => b.password)).toEqual([]);
    // With the value step skipped, the name step is the only one: the counter says 1/1, it does not vanish as the name is typed.
    expect(editor.boxes.slice(0, 1).map(({ step, totalSteps }) => [step, totalSteps])).toEqual([[1, 1]]);
    const ask = editor.messages[0]!;
    expect(ask).toMatchObject({ level: 'warning', text: 'Continue the rename of ren-res into the existing secret ren-res-2?', buttons: ['Continue Rename'] });
    expect(ask.detail).toContain('Its value is not changed');
    expect(requests.filter((r) => r.method === 'POST' && r.path.includes('/secrets'))).toEqual([]);
    expect(api.inspect().secrets.find((s) => s.name === 'ren-res-2')).toEqual(before);
    expect(doc.text).toBe('X={{ RUNPOD_SECRET_ren-res-2 }}\n');
    expect(api.inspect().templates.find((t) => t.name === 'ren-res-tpl')!.env).toEqual({ A: '{{ RUNPOD_SECRET_ren-res-2 }}' });
    expect(api.inspect().secrets.map((s) => s.name)).not.toContain('ren-res');
    expect(editor.messages.at(-1)).toMatchObject({ level: 'info', text: 'Renamed ren-res to ren-res-2.' });
    await Promise.resolve();
    expect(lifecycle.history.all().entries.map((e) => [e.action, e.secret, e.to])).toEqual([
      ['renamed', 'ren-res', 'ren-res-2'],
      ['deleted', 'ren-res', undefined],
    ]);
    expect([...editor.shown, ...env.logged].join('\n')).not.toMatch(/ren-res-(old|kept)-value/);
  });

  it('declining to continue into the existing secret changes nothing', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-dec', value: 'v' });
    await call(api, 'POST', '/account/secrets', { name: 'ren-dec-2', value: 'v2' });
    const { doc, index } = workspaceFile('/w/dec.runpod.env', 'X={{ RUNPOD_SECRET_ren-dec }}\n');
    await setup({ index });
    editor.inputScript.push(typeAndAccept('ren-dec-2'));
    editor.dialogAnswers.push(undefined);
    await run('runpod.secrets.rename', 'ren-dec');
    expect(editor.messages.map((m) => m.text)).toEqual(['Continue the rename of ren-dec into the existing secret ren-dec-2?']);
    expect(doc.text).toBe('X={{ RUNPOD_SECRET_ren-dec }}\n');
    expect(index.asked).toEqual([]);
    expect(api.inspect().secrets.map((s) => s.name)).toEqual(expect.arrayContaining(['ren-dec', 'ren-dec-2']));
  });

  it('an existing name that is gone from the account by the time it is confirmed (the list was stale): nothing is moved or deleted', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-stale', value: 'v' });
    await call(api, 'POST', '/account/secrets', { name: 'ren-stale-2', value: 'v2' });
    const { doc, index } = workspaceFile('/w/stale.runpod.env', 'X={{ RUNPOD_SECRET_ren-stale }}\n');
    await setup({ index });
    // Deleted elsewhere after the list was loaded: the store still shows it.
    const id = api.inspect().secrets.find((s) => s.name === 'ren-stale-2')!.id;
    expect((await call(api, 'DELETE', `/account/secrets/${id}`)).status).toBeLessThan(300);
    editor.inputScript.push(typeAndAccept('ren-stale-2'));
    await run('runpod.secrets.rename', 'ren-stale');
    expect(editor.messages.map((m) => [m.level, m.text])).toEqual([['warning', 'Rename Secret did not continue into ren-stale-2: ren-stale-2 is no longer on the account. Nothing was changed.']]);
    expect(index.asked).toEqual([]);
    expect(doc.text).toBe('X={{ RUNPOD_SECRET_ren-stale }}\n');
    expect(api.inspect().secrets.map((s) => s.name)).toContain('ren-stale');
  });

  it('account templates that cannot be listed: the report says none was changed and why, and the old secret is kept', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-down', value: 'v' });
    const { index } = workspaceFile('/w/down.runpod.env', 'X={{ RUNPOD_SECRET_ren-down }}\n');
    const { lifecycle } = await setup({ index });
    editor.inputScript.push(typeAndAccept('ren-down-2'), typeAndAccept('v2'));
    editor.dialogAnswers.push(() => {
      api.faults.inject({ status: 500 }, { method: 'GET', path: '/templates', times: 50 });
      return 'Rename';
    });
    await run('runpod.secrets.rename', 'ren-down');
    api.faults.clear();
    const report = editor.messages.at(-1)!;
    expect(report.detail).toMatch(/Account templates could not be listed, so none was changed: /);
    expect(report.detail).not.toContain('(all)');
    expect(report.detail).toContain('Kept the old secret ren-down');
    await Promise.resolve();
    expect(lifecycle.history.all().entries.map((e) => e.action)).toEqual(['created']);
  });

  it("after F2 moved the references to a name the account lacks, Rename Secret from F2's note (the new name filled in) makes it, moves the templates and deletes the old one", async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-f2', value: 'ren-f2-value' });
    await call(api, 'POST', '/templates', { name: 'ren-f2-tpl', image: 'img', env: { A: '{{ RUNPOD_SECRET_ren-f2 }}' } });
    // F2 already renamed the file's reference: the server's edit for the rename finds nothing left.
    const { doc, index } = workspaceFile('/w/f2.runpod.env', 'X={{ RUNPOD_SECRET_ren-f2-read }}\n');
    const { lifecycle } = await setup({ index });
    editor.inputScript.push((box) => box.accept(), typeAndAccept('ren-f2-new-value'), typeAndAccept('ren-f2'));
    editor.dialogAnswers.push('Update Templates', 'Continue…');
    await run('runpod.secrets.rename', { name: 'ren-f2', to: 'ren-f2-read' });
    expect(editor.boxes[0]).toMatchObject({ value: 'ren-f2-read', step: 1, totalSteps: 2 });
    expect(api.inspect().secrets.find((s) => s.name === 'ren-f2-read')).toMatchObject({ value: 'ren-f2-new-value' });
    expect(api.inspect().templates.find((t) => t.name === 'ren-f2-tpl')!.env).toEqual({ A: '{{ RUNPOD_SECRET_ren-f2-read }}' });
    expect(api.inspect().secrets.map((s) => s.name)).not.toContain('ren-f2');
    expect(doc.text).toBe('X={{ RUNPOD_SECRET_ren-f2-read }}\n');
    expect(editor.messages.at(-1)).toMatchObject({ level: 'info', text: 'Renamed ren-f2 to ren-f2-read.' });
    await Promise.resolve();
    expect(lifecycle.history.all().entries.map((e) => [e.action, e.secret])).toEqual([
      ['created', 'ren-f2-read'],
      ['renamed', 'ren-f2'],
      ['deleted', 'ren-f2'],
    ]);
  });

  it('Escape at the name step changes nothing; the current name cannot be chosen', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'ren-esc', value: 'v' });
    await setup();
    editor.inputScript.push((box) => {
      box.type('ren-esc');
      box.accept(); // refused: the current name
      setTimeout(() => box.hide(), 0);
    });
    await run('runpod.secrets.rename', 'ren-esc');
    expect(editor.shown.join('\n')).toContain('That is the current name');
    expect(api.inspect().secrets.filter((s) => s.name.startsWith('ren-esc')).map((s) => s.name)).toEqual(['ren-esc']);
  });
});

describe('Rotate Secret against the fake API', () => {
  it('PATCHes the value, restarts the running Pod on request (its boot env then has the new value), names what picks it up at next boot', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'rot-token', value: 'rot-value-1' });
    await call(api, 'POST', '/templates', { name: 'rot-template', image: 'img', env: { T: '{{ RUNPOD_SECRET_rot-token }}' } });
    const running = await launchPod('rot-running', 'rot-token');
    const stopped = await launchPod('rot-stopped', 'rot-token');
    await call(api, 'POST', `/pods/${stopped}/action`, { action: 'stop' });
    const bootEnv = (id: string) => api.inspect().pods.find((p) => p.id === id)!.bootEnv;
    expect(bootEnv(running)).toEqual({ TOKEN: 'rot-value-1' });
    const { lifecycle, store } = await setup();
    editor.inputScript.push(typeAndAccept('rot-value-2'));
    editor.dialogAnswers.push('Restart 1 Pod');
    await run('runpod.secrets.rotate', { secretName: 'rot-token' });

    expect(editor.boxes[0]).toMatchObject({ password: true });
    const ask = editor.messages.find((m) => m.text.startsWith('Updated the value of rot-token'))!;
    expect(ask.detail).toContain('Still on the old value until they restart: Pod "rot-running" (RUNNING).');
    expect(ask.detail).toContain('Template "rot-template" picks up the new value when its Pods next boot.\nPod "rot-stopped" (EXITED) picks up the new value when it next boots.');
    expect(bootEnv(running)).toEqual({ TOKEN: 'rot-value-2' });
    // Rotate's own dialog is the restart's one confirmation: the Pods view's Restart Pod question is not asked again.
    expect(editor.messages.filter((m) => m.dismiss !== undefined).map((m) => m.text)).toEqual([ask.text]);
    expect(editor.messages.at(-1)).toMatchObject({ level: 'info', text: 'Restarted 1 of 1 Pod. It boots with the new value of rot-token.' });
    expect(store.secrets.find((s) => s.name === 'rot-token')!.valueLastUpdatedAt).toBeTruthy();
    await Promise.resolve();
    expect(lifecycle.history.all().entries.map((e) => [e.action, e.pods?.map((p) => [p.name, p.ok])])).toEqual([
      ['value-changed', undefined],
      ['pods-restarted', [['rot-running', true]]],
    ]);
    expect(editor.shown.join('\n')).not.toMatch(/rot-value-/);
  });

  it('reports each Pod whose restart RunPod refused, and leaves it on the old value', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'rot-fail', value: 'old-1' });
    const a = await launchPod('rot-a', 'rot-fail');
    const b = await launchPod('rot-b', 'rot-fail');
    await setup();
    api.faults.inject({ status: 409 }, { method: 'POST', path: `/pods/${b}/action` });
    editor.inputScript.push(typeAndAccept('new-2'));
    editor.dialogAnswers.push('Restart 2 Pods');
    await run('runpod.secrets.rotate', 'rot-fail');
    const report = editor.messages.at(-1)!;
    expect(report).toMatchObject({ level: 'warning', text: 'Restarted 1 of 2 Pods.' });
    // The Pod named once, and no "Refresh Pods" beside the dialog's own Retry Restart (which lists them again).
    expect(report.detail).toContain(`Pod rot-b (${b}) did not restart: The pod cannot do that in its current state (409)`);
    expect(report.detail).not.toMatch(/Restarting Pod|Refresh Pods/);
    expect(report.buttons).toEqual(['Retry Restart']);
    expect(api.inspect().pods.find((p) => p.id === a)!.bootEnv).toEqual({ TOKEN: 'new-2' });
    expect(api.inspect().pods.find((p) => p.id === b)!.bootEnv).toEqual({ TOKEN: 'old-1' });
  });

  it('every restart failed (the API down, a 503 RunPod may have acted on): the report says they may still run the old value and offers Retry Restart, which restarts them', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'rot-down', value: 'down-1' });
    const a = await launchPod('rot-down-a', 'rot-down');
    const b = await launchPod('rot-down-b', 'rot-down');
    await setup();
    api.faults.inject({ status: 503 }, { method: 'POST', path: /\/pods\/[^/]+\/action$/, times: 2 });
    editor.inputScript.push(typeAndAccept('down-2'));
    editor.dialogAnswers.push('Restart 2 Pods', 'Retry Restart');
    await run('runpod.secrets.rotate', 'rot-down');
    const bootEnv = (id: string) => api.inspect().pods.find((p) => p.id === id)!.bootEnv;
    const failed = editor.messages.find((m) => m.text === 'Restarted 0 of 2 Pods.')!;
    expect(failed).toMatchObject({ level: 'warning', buttons: ['Retry Restart'] });
    expect(failed.detail).toContain('Perhaps still on the old value of rot-down (their restarts may have gone through): Pod "rot-down-a", Pod "rot-down-b".');
    expect(failed.detail).toContain(`Pod rot-down-a (${a}) may not have restarted: RunPod had a server error (503)`);
    expect(failed.detail).not.toMatch(/Refresh Pods/);
    // The retry restarted both: they boot with the new value, and the last word says so.
    expect([bootEnv(a), bootEnv(b)]).toEqual([{ TOKEN: 'down-2' }, { TOKEN: 'down-2' }]);
    expect(editor.messages.at(-1)).toMatchObject({ level: 'info', text: 'Restarted 2 of 2 Pods. They boot with the new value of rot-down.' });
  });

  it('Retry Restart after a Pod was stopped lists the Pods again (one call) and restarts only the one still running; the stopped one is named, not failed', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'rot-retry', value: 't1' });
    const a = await launchPod('rot-retry-a', 'rot-retry');
    const b = await launchPod('rot-retry-b', 'rot-retry');
    await setup();
    api.faults.inject({ status: 503 }, { method: 'POST', path: /\/pods\/[^/]+\/action$/, times: 2 });
    editor.inputScript.push(typeAndAccept('t2'));
    const requests = () => api.inspect().requests;
    let before = 0;
    // While the failure report is open the user stops Pod b elsewhere, then clicks Retry Restart.
    editor.dialogAnswers.push('Restart 2 Pods', async () => {
      expect((await call(api, 'POST', `/pods/${b}/action`, { action: 'stop' })).status).toBe(200);
      before = requests().length;
      return 'Retry Restart';
    });
    await run('runpod.secrets.rotate', 'rot-retry');
    const after = requests().slice(before);
    expect(after.filter((r) => r.method === 'GET' && r.path.endsWith('/pods'))).toHaveLength(1);
    expect(after.filter((r) => r.method === 'POST').map((r) => r.path.replace(/^\/v2/, ''))).toEqual([`/pods/${a}/action`]);
    const pod = (id: string) => api.inspect().pods.find((p) => p.id === id)!;
    expect(pod(a).bootEnv).toEqual({ TOKEN: 't2' });
    expect(pod(b).status).toBe('EXITED'); // left stopped: no restart was tried on it (the POSTs above)
    expect(editor.messages.at(-1)).toEqual({
      level: 'info',
      text: 'Restarted 1 of 1 Pod. It boots with the new value of rot-retry. Stopped since; they get the new value at their next start: Pod "rot-retry-b" (EXITED).',
    });
  });

  it('Retry Restart once no failed Pod runs restarts nothing and says why; a failed listing restarts nothing blind', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'rot-gone', value: 'g1' });
    const a = await launchPod('rot-gone-a', 'rot-gone');
    await setup();
    api.faults.inject({ status: 503 }, { method: 'POST', path: /\/pods\/[^/]+\/action$/, times: 1 });
    editor.inputScript.push(typeAndAccept('g2'));
    editor.dialogAnswers.push('Restart 1 Pod', async () => {
      await call(api, 'DELETE', `/pods/${a}`);
      return 'Retry Restart';
    });
    await run('runpod.secrets.rotate', 'rot-gone');
    expect(editor.messages.at(-1)).toMatchObject({ level: 'info', text: expect.stringMatching(/^No Pod needs a restart for the new value of rot-gone\. No longer on the account: Pod "rot-gone-a"/) });

    editor.reset();
    await env.close();
    await call(api, 'POST', '/account/secrets', { name: 'rot-blind', value: 'b1' });
    const b = await launchPod('rot-blind-b', 'rot-blind');
    await setup();
    api.faults.inject({ status: 503 }, { method: 'POST', path: /\/pods\/[^/]+\/action$/, times: 1 });
    editor.inputScript.push(typeAndAccept('b2'));
    editor.dialogAnswers.push('Restart 1 Pod', () => {
      api.faults.inject({ status: 500 }, { method: 'GET', path: /\/pods$/, times: 10 });
      return 'Retry Restart';
    });
    await run('runpod.secrets.rotate', 'rot-blind');
    api.faults.clear();
    expect(editor.messages.at(-1)).toMatchObject({ level: 'warning', text: expect.stringMatching(/^Listing the Pods failed.* No Pod was restarted: restart them from the Pods view\.$/) });
    expect(api.inspect().pods.find((p) => p.id === b)!.bootEnv).toEqual({ TOKEN: 'b1' });
  });

  it('a template name from the account that is a Markdown link forms no link in the notification', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'rot-linked', value: 'v1' });
    const link = '[Fix](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)';
    await call(api, 'POST', '/templates', { name: link, image: 'img', env: { T: '{{ RUNPOD_SECRET_rot-linked }}' } });
    await setup();
    editor.inputScript.push(typeAndAccept('v2'));
    await run('runpod.secrets.rotate', 'rot-linked');
    const told = editor.messages.at(-1)!.text;
    expect(told).toContain('picks up the new value when its Pods next boot');
    expect(told).not.toMatch(/\]\(command:/);
  });

  it('Escape at "Restart N Pods" leaves a reminder that the running Pods still use the old value, whose button restarts them', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'rot-remind', value: 'r1' });
    const a = await launchPod('rot-remind-a', 'rot-remind');
    const b = await launchPod('rot-remind-b', 'rot-remind');
    const { lifecycle } = await setup();
    editor.inputScript.push(typeAndAccept('r2'));
    editor.dialogAnswers.push(undefined, 'Restart 2 Pods');
    await run('runpod.secrets.rotate', 'rot-remind');
    const reminder = editor.messages.find((m) => m.text.includes('still use the old value'));
    // The button asks nothing more, so it has no ellipsis: the dialog's label.
    expect(reminder).toEqual({ level: 'warning', text: '2 running Pods still use the old value of rot-remind.', buttons: ['Restart 2 Pods'] });
    const bootEnv = (id: string) => api.inspect().pods.find((p) => p.id === id)!.bootEnv;
    expect([bootEnv(a), bootEnv(b)]).toEqual([{ TOKEN: 'r2' }, { TOKEN: 'r2' }]);
    expect(editor.messages.at(-1)).toMatchObject({ level: 'info', text: 'Restarted 2 of 2 Pods. They boot with the new value of rot-remind.' });
    await Promise.resolve();
    expect(lifecycle.history.all().entries.map((e) => e.action)).toEqual(['value-changed', 'pods-restarted']);
  });

  it('the restart dialog, shown once the value changed, dismisses with "Not Now" (not "Cancel": nothing is undone), then the reminder follows', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'rot-notnow', value: 'n1' });
    const pod = await launchPod('rot-notnow-a', 'rot-notnow');
    await setup();
    editor.inputScript.push(typeAndAccept('n2'));
    editor.dialogAnswers.push('Not Now', undefined);
    await run('runpod.secrets.rotate', 'rot-notnow');
    const dialog = editor.messages.find((m) => m.text.startsWith('Updated the value of rot-notnow.'));
    expect(dialog).toMatchObject({ buttons: ['Restart 1 Pod', 'Not Now'], dismiss: 'Not Now' });
    expect(editor.messages.at(-1)).toEqual({ level: 'warning', text: '1 running Pod still uses the old value of rot-notnow.', buttons: ['Restart 1 Pod'] });
    // The rotation stands: the value changed, the Pod was not restarted.
    expect(api.inspect().pods.find((p) => p.id === pod)!.bootEnv).toEqual({ TOKEN: 'n1' });
  });

  it('the restart dialog: Restart is its first button (Enter, by VS Code convention), Not Now its close affordance; Escape restarts nothing and records no restart', async () => {
    // VS Code's modal has no "default button" option: the first item is the primary button Enter
    // presses, as in its own confirmations (Delete's "Move to Trash"), the action the user started; the
    // isCloseAffordance item is what Escape answers (mainThreadMessageService's cancel button).
    await call(api, 'POST', '/account/secrets', { name: 'rot-escape', value: 'e1' });
    const pod = await launchPod('rot-escape-a', 'rot-escape');
    const { lifecycle } = await setup();
    editor.inputScript.push(typeAndAccept('e2'));
    const shown = vi.spyOn(window, 'showInformationMessage');
    editor.dialogAnswers.push(undefined, undefined); // Escape on the dialog, then the reminder dismissed
    const actionsBefore = api.inspect().requests.filter((r) => r.method === 'POST' && r.path.includes('/pods/')).length;
    await run('runpod.secrets.rotate', 'rot-escape');
    const modal = shown.mock.calls.find((c) => typeof c[0] === 'string' && c[0].startsWith('Updated the value of rot-escape.'))!;
    shown.mockRestore();
    expect(modal[1]).toMatchObject({ modal: true });
    expect(modal.slice(2)).toEqual([{ title: 'Restart 1 Pod' }, { title: 'Not Now', isCloseAffordance: true }]);
    // Escape: the reminder (the value changed, the Pod runs the old one), and nothing else.
    expect(editor.messages.at(-1)).toEqual({ level: 'warning', text: '1 running Pod still uses the old value of rot-escape.', buttons: ['Restart 1 Pod'] });
    expect(api.inspect().requests.filter((r) => r.method === 'POST' && r.path.includes('/pods/'))).toHaveLength(actionsBefore);
    expect(api.inspect().pods.find((p) => p.id === pod)!.bootEnv).toEqual({ TOKEN: 'e1' });
    await Promise.resolve();
    expect(lifecycle.history.all().entries.map((e) => e.action)).toEqual(['value-changed']);
  });

  it('the reminder clicked after a Pod stopped lists the Pods again (one call) and restarts only the running one; the stopped one is named, not failed', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'rot-since', value: 's1' });
    const a = await launchPod('rot-since-a', 'rot-since');
    const b = await launchPod('rot-since-b', 'rot-since');
    await setup();
    editor.inputScript.push(typeAndAccept('s2'));
    const podLists = () => api.inspect().requests.filter((r) => r.method === 'GET' && r.path.endsWith('/pods')).length;
    let listsBefore = 0;
    // While the reminder is open the user stops Pod b elsewhere, then clicks Restart.
    editor.dialogAnswers.push(undefined, async () => {
      expect((await call(api, 'POST', `/pods/${b}/action`, { action: 'stop' })).status).toBe(200);
      listsBefore = podLists();
      return 'Restart 2 Pods';
    });
    await run('runpod.secrets.rotate', 'rot-since');
    expect(podLists() - listsBefore).toBe(1);
    const pod = (id: string) => api.inspect().pods.find((p) => p.id === id)!;
    expect(pod(a).bootEnv).toEqual({ TOKEN: 's2' });
    expect(pod(b).status).toBe('EXITED'); // left stopped: no restart was tried on it
    const last = editor.messages.at(-1)!;
    expect(last).toMatchObject({ level: 'info', text: expect.stringMatching(/^Restarted 1 of 1 Pod\. It boots with the new value of rot-since\. /) });
    expect(last.text).toContain('Stopped since; they get the new value at their next start: Pod "rot-since-b" (EXITED).');
    expect(editor.messages.some((m) => m.buttons?.includes('Retry Restart'))).toBe(false);
  });

  it("the reminder's fresh look at the Pods is told to the Pods view and the tree's counts: a Pod stopped since shows stopped, though nothing was restarted", async () => {
    await call(api, 'POST', '/account/secrets', { name: 'rot-told', value: 't1' });
    const pod = await launchPod('rot-told-pod', 'rot-told');
    const { lifecycle } = await setup();
    // What the Pods view takes (podsView.ts takeListing): the account scan's Pod listings. No
    // restart is sent here, so no write invalidates the first look's listing.
    const told: { id: string; status: string }[][] = [];
    lifecycle.account.onDidList((event) => {
      if (event.kind === 'pod') told.push((event.items as { id: string; status: string }[]).map(({ id, status }) => ({ id, status })));
    });
    editor.inputScript.push(typeAndAccept('t2'));
    // While the reminder is open the user stops the Pod elsewhere (the console, runpod-check), then clicks Restart.
    editor.dialogAnswers.push(undefined, async () => {
      await call(api, 'POST', `/pods/${pod}/action`, { action: 'stop' });
      return 'Restart 1 Pod';
    });
    await run('runpod.secrets.rotate', 'rot-told');
    expect(editor.messages.at(-1)!.text).toMatch(/^No Pod needs a restart for the new value of rot-told\. Stopped since/);
    expect(told.at(-1)?.find((p) => p.id === pod)?.status).toBe('EXITED');
    // The tree counts from the scan's cache: the Pod is a stopped one now, not a running one.
    expect(accountCountsByName(await lifecycle.account.snapshot()).get('rot-told')).toMatchObject({ activePods: 0, stoppedPods: 1 });
  });

  it('the reminder clicked once no Pod runs restarts nothing and says why; a failed listing restarts nothing blind', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'rot-none', value: 'n1' });
    const a = await launchPod('rot-none-a', 'rot-none');
    await setup();
    editor.inputScript.push(typeAndAccept('n2'));
    editor.dialogAnswers.push(undefined, async () => {
      await call(api, 'POST', `/pods/${a}/action`, { action: 'stop' });
      return 'Restart 1 Pod';
    });
    await run('runpod.secrets.rotate', 'rot-none');
    expect(editor.messages.at(-1)).toEqual({ level: 'info', text: 'No Pod needs a restart for the new value of rot-none. Stopped since; they get the new value at their next start: Pod "rot-none-a" (EXITED).' });
    expect(api.inspect().requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/pods/${a}/action`))).toHaveLength(1); // the stop only

    editor.reset();
    await env.close();
    await call(api, 'POST', '/account/secrets', { name: 'rot-unlisted', value: 'u1' });
    const b = await launchPod('rot-unlisted-b', 'rot-unlisted');
    await setup();
    editor.inputScript.push(typeAndAccept('u2'));
    editor.dialogAnswers.push(undefined, () => {
      api.faults.inject({ status: 500 }, { method: 'GET', path: /\/pods$/, times: 10 });
      return 'Restart 1 Pod';
    });
    await run('runpod.secrets.rotate', 'rot-unlisted');
    api.faults.clear();
    expect(editor.messages.at(-1)).toMatchObject({ level: 'warning', text: expect.stringMatching(/^Listing the Pods failed.* No Pod was restarted: restart them from the Pods view\.$/) });
    expect(api.inspect().pods.find((p) => p.id === b)!.bootEnv).toEqual({ TOKEN: 'u1' });
  });

  it('"Not now" restarts nothing; with no running Pod nothing is offered', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'rot-later', value: 'l1' });
    const pod = await launchPod('rot-later-pod', 'rot-later');
    await setup();
    editor.inputScript.push(typeAndAccept('l2'));
    editor.dialogAnswers.push(undefined);
    await run('runpod.secrets.rotate', 'rot-later');
    expect(api.inspect().pods.find((p) => p.id === pod)!.bootEnv).toEqual({ TOKEN: 'l1' });
    editor.reset();
    await env.close();
    await call(api, 'POST', '/account/secrets', { name: 'rot-alone', value: 'x1' });
    await setup();
    editor.inputScript.push(typeAndAccept('x2'));
    await run('runpod.secrets.rotate', 'rot-alone');
    expect(editor.messages.at(-1)!.text).toContain('Nothing on the account references it');
  });
});

describe('Edit Secret Value against the fake API: the message says what the new value means on this account', () => {
  it('nothing uses it: says so', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'edit-alone', value: 'e1' });
    await setup();
    editor.inputScript.push(typeAndAccept('e2'));
    await run('runpod.secrets.editValue', 'edit-alone');
    expect(editor.messages.at(-1)).toMatchObject({ level: 'info', text: 'Updated the value of edit-alone. Nothing on the account references it: nothing else to do.' });
  });

  it('a running Pod keeps the old value until restarted: named, and Restart offered as Rotate offers it; a template picks it up at next boot', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'edit-used', value: 'u1' });
    await call(api, 'POST', '/templates', { name: 'edit-template', image: 'img', env: { T: '{{ RUNPOD_SECRET_edit-used }}' } });
    const pod = await launchPod('edit-running', 'edit-used');
    await setup();
    editor.inputScript.push(typeAndAccept('u2'));
    editor.dialogAnswers.push('Restart 1 Pod');
    await run('runpod.secrets.editValue', 'edit-used');
    const ask = editor.messages.find((m) => m.text.startsWith('Updated the value of edit-used'))!;
    expect(ask.detail).toContain('Still on the old value until they restart: Pod "edit-running" (RUNNING).');
    expect(ask.detail).toContain('Template "edit-template" picks up the new value when its Pods next boot.');
    expect(api.inspect().pods.find((p) => p.id === pod)!.bootEnv).toEqual({ TOKEN: 'u2' });
    expect(editor.shown.join('\n')).not.toMatch(/\bu[12]\b/);
  });

  it('the account could not be listed: says what is unknown instead of "nothing uses it"', async () => {
    await call(api, 'POST', '/account/secrets', { name: 'edit-unknown', value: 'k1' });
    await setup();
    editor.inputScript.push(typeAndAccept('k2'));
    api.faults.inject({ status: 500 }, { method: 'GET', path: /\/(pods|templates|endpoints)$/, times: 30 });
    await run('runpod.secrets.editValue', 'edit-unknown');
    api.faults.clear();
    const said = editor.messages.at(-1)!.text;
    expect(said).toMatch(/^Updated the value of edit-unknown\. /);
    expect(said).not.toContain('Nothing on the account references it');
    expect(said).toMatch(/not checked/);
  });
});
