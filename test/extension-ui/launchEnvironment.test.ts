/**
 * Launch Pod's env step and Push Template with environments, on the scripted vscode stand-in: the
 * environment is asked when the template has several, its env file is used, the summary names the
 * environment and its account, and another active account blocks with a clear message.
 */
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';

/** One scripted answer per quick pick shown: pick an item by its label, press Back, or dismiss. */
type PickAction = { accept: RegExp } | 'back' | 'hide';

const quick = vi.hoisted(() => ({
  script: [] as PickAction[],
  /** Every quick pick shown: title, step and the labels of its items. */
  shown: [] as { step?: number; placeholder?: string; labels: string[]; descriptions: string[]; details: string[]; active?: string[] }[],
  showQuickPick: [] as ((items: { label: string }[]) => unknown)[],
}));

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => {
  const base = await import('./vscodeFake');
  class FakeQuickPick<I extends { label: string; description?: string; detail?: string }> extends base.ShownPick {
    title?: string;
    step?: number;
    totalSteps?: number;
    items: readonly I[] = [];
    activeItems: readonly I[] = [];
    selectedItems: readonly I[] = [];
    buttons: unknown[] = [];
    matchOnDescription = false;
    matchOnDetail = false;
    ignoreFocusOut = false;
    private readonly acceptE = new base.EventEmitter<void>();
    private readonly buttonE = new base.EventEmitter<unknown>();
    private readonly hideE = new base.EventEmitter<void>();
    readonly onDidAccept = this.acceptE.event;
    readonly onDidTriggerButton = this.buttonE.event;
    readonly onDidHide = this.hideE.event;
    protected present(): void {
      quick.shown.push({
        step: this.step,
        placeholder: this.placeholder,
        labels: this.items.map((i) => i.label),
        descriptions: this.items.map((i) => i.description ?? ''),
        details: this.items.map((i) => i.detail ?? ''),
        active: this.activeItems.map((i) => i.label),
      });
      base.fake.shown.push(this.placeholder ?? '', ...this.items.flatMap((i) => [i.label, i.description ?? '']));
      const action = quick.script.shift() ?? 'hide';
      setTimeout(() => {
        if (action === 'hide') return this.hideE.fire();
        if (action === 'back') return this.buttonE.fire(base.QuickInputButtons.Back);
        const item = this.items.find((i) => action.accept.test(i.label));
        if (!item) throw new Error(`no item ${action.accept} among ${this.items.map((i) => i.label).join(' | ')}`);
        this.selectedItems = [item];
        this.acceptE.fire();
      }, 0);
    }
    dispose(): void {}
  }
  return {
    ...base,
    QuickPickItemKind: { Separator: -1, Default: 0 },
    window: {
      ...base.window,
      createQuickPick: () => new FakeQuickPick(),
      showQuickPick: async (items: { label: string; description?: string }[]) => {
        quick.shown.push({ labels: items.map((i) => i.label), descriptions: items.map((i) => i.description ?? ''), details: [] });
        return quick.showQuickPick.shift()?.(items);
      },
    },
  };
});

import { envSources, reloadEdited, runLaunchWizard, STEP, wizardBody, type WizardState } from '../../client/src/launch/ui/launchWizard';
import { CallCancelled } from '../../client/src/runpod/errors';
import { pushTemplate } from '../../client/src/commands/pushTemplate';
import { thrownRefusal } from '../../client/src/launch/fileRefusal';
import type { RunpodApi, Template } from '../../client/src/runpod/types';
import { fake, FakeDocument, ui, Uri, whenRecorded, workspace } from './vscodeFake';
import { heldAccounts } from './heldAccounts';
import { fakeServices } from './flowHelpers';

const ref = (name: string): string => `{{ RUNPOD_SECRET_${name} }}`;
const file = (path: string) => Uri.from({ scheme: 'file', path });
const TEMPLATE = '{ "name": "train", "image": "runpod/pytorch", "env": { "HF_HOME": "/workspace/hf", "DB_PASSWORD": "x" } }';

beforeEach(() => {
  fake.reset();
  vi.clearAllMocks(); // calls only: a step never reached is told by an API never called
  quick.script = [];
  quick.shown = [];
  quick.showQuickPick = [];
  fake.files.set('/w/train.runpod.json', TEMPLATE);
  fake.files.set('/w/train.dev.runpod.env', `HF_TOKEN=${ref('hf-token')}\nDB_PASSWORD=${ref('db_password_dev')}\n`);
  fake.files.set('/w/train.prod.runpod.env', `HF_TOKEN=${ref('hf-token')}\nDB_PASSWORD=${ref('db_password')}\n`);
});

/** A wizard's state; the editor holds every account these tests name unless told. */
function state(extra: Partial<WizardState> = {}): WizardState {
  const held = heldAccounts('default', ['default', 'personal', 'team', 'team-b']);
  return { count: 1, preset: { templateFile: file('/w/train.runpod.json') as never }, activeAccount: () => 'default', hasAccount: held.has, log: { error: vi.fn() }, ...extra };
}

/** A workspace file on disk and open in the editor (so edits and reads agree), closed when the test ends. */
function openFile(path: string, text: string): FakeDocument {
  fake.files.set(path, text);
  const doc = new FakeDocument(file(path), text);
  fake.documents.set(doc.uri.toString(), doc);
  workspace.textDocuments.push(doc);
  onTestFinished(() => void workspace.textDocuments.splice(workspace.textDocuments.indexOf(doc), 1));
  return doc;
}

const api = {
  getTemplate: vi.fn(),
  listTemplates: vi.fn(async () => []),
  listGpuTypes: vi.fn(async () => []),
} as unknown as RunpodApi;

describe('Launch Pod: the env step with environments', () => {
  it("asks for the environment of a template with several, and merges that environment's env file", async () => {
    quick.script = [{ accept: /prod$/ }, 'hide'];
    const s = state();
    expect(await runLaunchWizard(api, s)).toBe(false); // dismissed at the variables list
    const [environments, variables] = quick.shown;
    expect(environments!.step).toBe(2);
    expect(environments!.labels).toEqual(['$(server-environment) dev', '$(server-environment) prod', '$(file) Another env file…', '$(circle-slash) No env file']);
    expect(environments!.descriptions.slice(0, 2)).toEqual(['train.dev.runpod.env', 'train.prod.runpod.env']);
    expect(s.environment).toMatchObject({ name: 'prod', envFile: 'train.prod.runpod.env' });
    expect(s.envFile?.uri.path).toBe('/w/train.prod.runpod.env');
    expect(s.envFile?.env).toEqual({ HF_TOKEN: ref('hf-token'), DB_PASSWORD: ref('db_password') });
    expect(variables!.labels).toContain('$(key) DB_PASSWORD');
  });

  it("a secret the env references that the account lacks: the variables list offers creating it first (Enter creates it), not Continue, and shows again after", async () => {
    // "the launch stops until it exists": Enter on Continue walked on to a launch the check stops.
    // The store has hf-token once Create Secret ran.
    const known = () => new Set(['db_password', ...(ui.executed.some((c) => c.id === 'runpod.secrets.create') ? ['hf-token'] : [])]);
    quick.script = [{ accept: /prod$/ }, { accept: /Create secret hf-token/ }, 'hide'];
    expect(await runLaunchWizard(api, state({ knownSecrets: known }))).toBe(false);
    const [, before, after] = quick.shown;
    expect(before!.step).toBe(2);
    expect(before!.labels.slice(0, 2)).toEqual(['$(add) Create secret hf-token…', '$(check) Continue with 3 variables']);
    expect(before!.active).toEqual(['$(add) Create secret hf-token…']);
    expect(before!.placeholder).toBe('1 referenced secret is not on your account: the launch stops until it exists (create it first)');
    expect(ui.executed).toContainEqual({ id: 'runpod.secrets.create', args: [{ name: 'hf-token' }] });
    // The same variables list again, not the environments: the secret exists now, so Continue is first.
    expect(after!.step).toBe(2);
    expect(after!.labels[0]).toBe('$(check) Continue with 3 variables');
    expect(after!.active).toEqual(['$(check) Continue with 3 variables']);
  });

  it('a MISSPELT reference (the account has a close name) puts the fix first and active, Continue after: Replace renames it in the file, then the list shows again', async () => {
    // Before, Continue was Enter: the check stops on it, or a Pod booted with the literal placeholder.
    const text = `HF_TOKEN=${ref('hf-tokn')}\nDB_PASSWORD=${ref('db_password')}\n`;
    const doc = openFile('/w/train.prod.runpod.env', text);
    quick.script = [{ accept: /prod$/ }, { accept: /Replace hf-tokn with hf-token/ }, 'hide'];
    const s = state({ knownSecrets: () => new Set(['db_password', 'hf-token']) });
    expect(await runLaunchWizard(api, s)).toBe(false);
    const [, before, after] = quick.shown;
    expect(before!.labels.slice(0, 3)).toEqual(['$(replace) Replace hf-tokn with hf-token', '$(add) Create secret hf-tokn…', '$(check) Continue with 3 variables']);
    expect(before!.active).toEqual(['$(replace) Replace hf-tokn with hf-token']);
    expect(doc.text).toBe(text.replace('hf-tokn', 'hf-token'));
    // The wizard sends what the file now says, and Continue is Enter again.
    expect(s.envFile?.env.HF_TOKEN).toBe(ref('hf-token'));
    expect(after!.step).toBe(2);
    expect(after!.labels[0]).toBe('$(check) Continue with 3 variables');
    expect(ui.executed.filter((c) => c.id === 'runpod.secrets.create')).toEqual([]);
  });

  it('the variables list plans its Replace rows from the files the step read: a redraw (after a Create row) opens no document', async () => {
    // Each redraw opened every blocking file again (openTextDocument: a closed one is loaded and told to the language server).
    fake.files.set('/w/train.prod.runpod.env', `HF_TOKEN=${ref('hf-tokn')}\nDB_PASSWORD=${ref('db_password')}\n`);
    const opened = vi.spyOn(workspace, 'openTextDocument');
    quick.script = [{ accept: /prod$/ }, { accept: /Create secret hf-tokn/ }, 'hide'];
    expect(await runLaunchWizard(api, state({ knownSecrets: () => new Set(['db_password', 'hf-token']) }))).toBe(false);
    const lists = quick.shown.filter((shown) => shown.labels.some((l) => l.startsWith('$(check) Continue')));
    expect(lists).toHaveLength(2);
    for (const list of lists) expect(list.labels[0]).toBe('$(replace) Replace hf-tokn with hf-token');
    expect(opened).not.toHaveBeenCalled();
  });

  it('a Replace after the file changed under the list edits nothing at the old place, says so, and the list shows again from the file as it is now', async () => {
    const text = `HF_TOKEN=${ref('hf-tokn')}\nDB_PASSWORD=${ref('db_password')}\n`;
    const doc = openFile('/w/train.prod.runpod.env', text);
    const edited = `# a line typed meanwhile\n${text}`;
    let typed = false;
    // The user types in the file while the list is open (the list was drawn from the text before).
    const known = () => {
      if (quick.shown.length === 1 && !typed) {
        typed = true;
        setTimeout(() => doc.edit(() => edited), 0);
      }
      return new Set(['db_password', 'hf-token']);
    };
    quick.script = [{ accept: /prod$/ }, { accept: /Replace hf-tokn with hf-token/ }, { accept: /Replace hf-tokn with hf-token/ }, 'hide'];
    const s = state({ knownSecrets: known });
    expect(await runLaunchWizard(api, s)).toBe(false);
    expect(fake.messages.filter((m) => m.level === 'error').map((m) => m.text)).toEqual([expect.stringMatching(/^Could not replace hf-tokn with hf-token in .*train\.prod\.runpod\.env/)]);
    // The second Replace, planned from the text as it is now, renames the reference where it now is.
    expect(doc.text).toBe(edited.replace('hf-tokn', 'hf-token'));
    expect(s.envFile?.env.HF_TOKEN).toBe(ref('hf-token'));
  });

  it('a Replace in the template file whose re-read then fails leaves the wizard with the refusal: Continue never sends the copy with the old name', async () => {
    // The file names its base template; the re-read after the rename reads it again, and that read fails.
    const text = `{ "name": "job", "templateId": "tpl1", "env": { "HF_TOKEN": "${ref('hf-tokn')}" } }`;
    const doc = openFile('/w/job.runpod.json', text);
    const base = { id: 'tpl1', name: 'base', imageName: 'img:1', env: {}, serverless: false } as unknown as Template;
    const getTemplate = vi.fn().mockResolvedValueOnce(base).mockRejectedValueOnce(new Error('socket hang up'));
    quick.script = [{ accept: /No env file/ }, { accept: /Replace hf-tokn with hf-token/ }, 'hide'];
    const s = state({ preset: { templateFile: file('/w/job.runpod.json') as never }, knownSecrets: () => new Set(['hf-token']) });
    let thrown: unknown;
    await runLaunchWizard({ ...api, getTemplate } as unknown as RunpodApi, s).catch((error: unknown) => (thrown = error));
    expect(doc.text).toBe(text.replace('hf-tokn', 'hf-token'));
    expect(getTemplate).toHaveBeenCalledTimes(2);
    // The flow shows it as a file refusal (runCreateRounds: showWizardFailure), not a list to Continue from.
    expect(thrownRefusal(thrown, 'launch')?.message).toMatch(/job\.runpod\.json/);
    expect(quick.shown).toHaveLength(2);
  });

  it('a re-read of the edited template file the user cancels (its base template read) ends the flow as cancelled, the old copy not kept', async () => {
    const uri = file('/w/job.runpod.json') as never as import('vscode').Uri;
    const source = { kind: 'file', uri };
    const s: { source?: typeof source } = { source };
    const replacement = { edits: [{ sourceId: uri.toString() }] } as unknown as Parameters<typeof reloadEdited>[1];
    await expect(reloadEdited(s, replacement, async () => undefined)).rejects.toBeInstanceOf(CallCancelled);
    expect(s.source).toBe(source);
  });

  it('a misspelt reference no file holds (an account template) offers creating it first: nothing to rename', async () => {
    const template: Template = { id: 't1', name: 'train', image: 'runpod/pytorch', env: { HF_TOKEN: ref('hf-tokn') } } as Template;
    quick.script = [{ accept: /No env file/ }, 'hide'];
    await runLaunchWizard(api, state({ source: { kind: 'account', template }, knownSecrets: () => new Set(['hf-token']) }), STEP.env);
    const variables = quick.shown.find((shown) => shown.labels.some((l) => l.startsWith('$(check) Continue')))!;
    expect(variables.labels.slice(0, 2)).toEqual(['$(add) Create secret hf-tokn…', '$(check) Continue with 1 variable']);
    expect(variables.active).toEqual(['$(add) Create secret hf-tokn…']);
  });

  it("a palette start from an environment's env file highlights that environment (Enter launches the file the user was in)", async () => {
    // F1 in train.prod.runpod.env: step 1 highlights train.runpod.json; the environment step then
    // highlighted dev (the first), so Enter, Enter launched with dev's variables.
    quick.script = [{ accept: /train\.runpod\.json$/ }, 'hide'];
    await runLaunchWizard(api, state({ preset: { activeEnvFile: file('/w/train.prod.runpod.env') as never } }));
    const environments = quick.shown.find((shown) => shown.step === 2)!;
    expect(environments.labels.slice(0, 2)).toEqual(['$(server-environment) dev', '$(server-environment) prod']);
    expect(environments.active).toEqual(['$(server-environment) prod']);
  });

  it("an environment is the template's shared env file with the environment's own over it, as Compare Environments shows it", async () => {
    fake.files.set('/w/train.runpod.env', `WANDB_PROJECT=llama\nHF_TOKEN=${ref('shared-token')}\n`);
    quick.script = [{ accept: /dev$/ }, 'hide'];
    const s = state();
    await runLaunchWizard(api, s);
    // Sent: the template's env, the shared file's over it, dev's over both (dev's HF_TOKEN wins).
    expect(wizardBody(s).env).toEqual({ HF_HOME: '/workspace/hf', DB_PASSWORD: ref('db_password_dev'), WANDB_PROJECT: 'llama', HF_TOKEN: ref('hf-token') });
    // The checks locate findings in each file the env came from.
    expect(envSources(s).map((e) => e.label)).toEqual(['/w/train.runpod.json', '/w/train.runpod.env', '/w/train.dev.runpod.env']);
    expect(quick.shown[0]!.descriptions[0]).toBe('train.dev.runpod.env over train.runpod.env');
    expect(quick.shown[1]!.labels).toContain('$(symbol-variable) WANDB_PROJECT');
    quick.shown = [];
    quick.script = [{ accept: /Cancel|Launch/ }];
    await runLaunchWizard(api, s, STEP.summary).catch(() => undefined);
    expect(quick.shown[0]!.labels).toContain('Env file: /w/train.dev.runpod.env over the shared /w/train.runpod.env (their variables override the template\'s)');
  });

  it('an env file the editor marks with an error stops the wizard with the file and the line, said as Launch Pod says a refused file; nothing is sent', async () => {
    fake.files.set('/w/train.prod.runpod.env', 'HF_TOKEN="unclosed\nDB_PASSWORD=2\n');
    quick.script = [{ accept: /prod$/ }, 'hide'];
    const s = state();
    const error = await runLaunchWizard(api, s).then(() => undefined, (e: unknown) => e);
    // Launch Pod's catch (showWizardFailure) shows this refusal, opened at the first problem.
    expect(thrownRefusal(error, 'launch')).toEqual({
      kind: 'refused',
      message: expect.stringMatching(/^Not launching: \/w\/train\.prod\.runpod\.env: line 1: The " quote is never closed; /),
      at: { sourceId: 'file:///w/train.prod.runpod.env', offset: 9 },
    });
    expect(s.envFile).toBeUndefined();
  });

  it('Back on the variables list returns to the env choice it came from, not to the step before it', async () => {
    quick.script = [{ accept: /prod$/ }, 'back', { accept: /dev$/ }, 'hide'];
    const s = state();
    await runLaunchWizard(api, s);
    expect(quick.shown.map((q) => q.placeholder?.slice(0, 20))).toEqual([
      'Environment to launc',
      'The Pod gets these v',
      'Environment to launc',
      'The Pod gets these v',
    ]);
    expect(s.environment?.name).toBe('dev');

    // From a file picked in the env file list, Back shows that list again.
    quick.shown = [];
    quick.script = [{ accept: /Another env file/ }, { accept: /train\.prod\.runpod\.env$/ }, 'back', 'hide'];
    await runLaunchWizard(api, state());
    expect(quick.shown.map((q) => q.placeholder?.slice(0, 20))).toEqual(['Environment to launc', 'Merge an env file ov', 'The Pod gets these v', 'Merge an env file ov']);

    // Back on that list returns to the environments it was opened from, not to the template step.
    quick.shown = [];
    quick.script = [{ accept: /Another env file/ }, 'back', 'hide'];
    await runLaunchWizard(api, state());
    expect(quick.shown.map((q) => q.placeholder?.slice(0, 20))).toEqual(['Environment to launc', 'Merge an env file ov', 'Environment to launc']);
  });

  it('"Another env file…" lists every env file, each with its environment; the environment follows the file', async () => {
    quick.script = [{ accept: /Another env file/ }, { accept: /train\.dev\.runpod\.env$/ }, 'hide'];
    const s = state();
    await runLaunchWizard(api, s);
    expect(quick.shown[1]!.descriptions.filter((d) => d.includes('environment'))).toEqual([
      'environment dev · its variables override the template (per key)',
      'environment prod · its variables override the template (per key)',
    ]);
    expect(s.environment?.name).toBe('dev');
  });

  it('lists the env files sorted by path, whatever order the search returns them in', async () => {
    fake.files.set('/w/zz/extra.runpod.env', 'A=1\n');
    fake.files.set('/w/a.runpod.env', 'A=1\n');
    quick.script = [{ accept: /Another env file/ }, 'hide'];
    await runLaunchWizard(api, state());
    expect(quick.shown[1]!.labels).toEqual([
      '$(circle-slash) No env file',
      '$(file) /w/a.runpod.env',
      '$(file) /w/train.dev.runpod.env',
      '$(file) /w/train.prod.runpod.env',
      '$(file) /w/zz/extra.runpod.env',
    ]);
  });

  it('the env file list includes a file runpod.environments declares, whatever its name (deploy/prod-vars.txt)', async () => {
    fake.files.delete('/w/train.dev.runpod.env');
    fake.files.set('/w/deploy/prod-vars.txt', `HF_TOKEN=${ref('hf-token')}\n`);
    fake.settings = { environments: { prod: 'deploy/prod-vars.txt' } };
    quick.script = [{ accept: /prod-vars\.txt$/ }, 'hide'];
    const s = state();
    await runLaunchWizard(api, s);
    expect(quick.shown[0]!.labels).toEqual(['$(circle-slash) No env file', '$(file) /w/deploy/prod-vars.txt', '$(file) /w/train.prod.runpod.env']);
    expect(s.envFile?.env).toEqual({ HF_TOKEN: ref('hf-token') });
  });

  it("multi-root: the template's own folder's env files come first; another folder's follow under a separator with its name, never preselected", async () => {
    fake.files.delete('/w/train.dev.runpod.env');
    fake.nested.push('/w/generated');
    fake.files.set('/w/generated/huge.runpod.env', 'A=1\n'.repeat(1000));
    // The active editor holds the other folder's file: it is listed, not preselected.
    quick.script = ['hide'];
    await runLaunchWizard(api, state({ preset: { templateFile: file('/w/train.runpod.json') as never, activeEnvFile: file('/w/generated/huge.runpod.env') as never } }));
    const shown = quick.shown[0]!;
    expect(shown.labels).toEqual(['$(circle-slash) No env file', '$(file) /w/train.prod.runpod.env', 'generated', '$(file) /w/generated/huge.runpod.env']);
    expect(shown.active).toEqual(['$(circle-slash) No env file']);
  });

  it('a template without environments keeps the plain env file list', async () => {
    fake.files.delete('/w/train.dev.runpod.env');
    quick.script = ['hide'];
    await runLaunchWizard(api, state());
    expect(quick.shown[0]!.placeholder).toBe('Merge an env file over the template env?');
  });

  it('picking an environment another account runs does not advance: the list stays, saying what to do, and another environment goes on', async () => {
    fake.settings = { environments: { prod: { files: ['train.prod.runpod.env'], account: 'team' } } };
    quick.script = [{ accept: /prod$/ }, { accept: /dev$/ }, 'hide'];
    const s = state({ activeAccount: () => 'personal', hasAccount: heldAccounts('personal', ['team']).has });
    await runLaunchWizard(api, s, 0);
    const [first, again, variables] = quick.shown;
    expect(again!.step).toBe(2);
    expect(again!.labels).toEqual(first!.labels);
    expect(again!.placeholder).toBe('Cannot launch with that choice: switch to account team first, or pick another');
    // prod is still marked, before and after the pick.
    for (const list of [first!, again!]) expect(list.details[1]).toBe('$(warning) another account is active: switch to account team to launch it');
    expect(variables!.placeholder).toMatch(/^The Pod gets these variables/);
    expect(s.environment?.name).toBe('dev');
    expect(fake.messages).toEqual([]);
  });

  it('an account the editor does not hold is to be added, not switched to (Switch Account would not list it)', async () => {
    fake.settings = { environments: { prod: { files: ['train.prod.runpod.env'], account: 'team' } } };
    quick.script = [{ accept: /prod$/ }, 'hide'];
    await runLaunchWizard(api, state({ activeAccount: () => 'default', hasAccount: heldAccounts('default').has }), 0);
    expect(quick.shown[0]!.details[1]).toBe('$(warning) another account is active: add account team to launch it');
    expect(quick.shown[1]!.placeholder).toBe('Cannot launch with that choice: add account team first, or pick another');
  });

  it("the summary names the environment and its account, and stays the last guard: after a switch to another account, Launch is refused with Switch Account… as the message's button", async () => {
    fake.settings = { environments: { prod: { files: ['train.prod.runpod.env'], account: 'team' } } };
    let active = 'team';
    quick.script = [{ accept: /prod$/ }, { accept: /Continue/ }];
    const s = state({ activeAccount: () => active, hasAccount: heldAccounts(active, ['team', 'personal']).has });
    // Through the env step under team, then straight to the summary under personal (a flow not bound to an account).
    await runLaunchWizard(api, s, 0).catch(() => undefined);
    expect(s.environment).toMatchObject({ name: 'prod', account: 'team' });
    active = 'personal';
    quick.shown = [];
    quick.script = [{ accept: /Cannot launch/ }];
    fake.dialogAnswers.push('Switch Account…');
    expect(await runLaunchWizard(api, s, STEP.summary)).toBe(false);
    const summary = quick.shown[0]!.labels;
    expect(summary[0]).toBe('$(circle-slash) Cannot launch: switch to account team first');
    expect(summary).toContain('Environment: prod (account team)');
    const refusal = 'Environment prod runs under the RunPod account team, but the active account is personal. Switch to account team first (RunPod: Switch Account...), then try again.';
    expect(summary).toContain(`$(warning) ${refusal}`);
    expect(fake.messages.at(-1)).toEqual({ level: 'error', text: refusal, buttons: ['Switch Account…'] });
    await whenRecorded(() => ui.executed.some((c) => c.id === 'runpod.switchAccount'), 'Switch Account… run from the refusal');
    expect(ui.executed).toContainEqual({ id: 'runpod.switchAccount', args: [] });

    // With that account active, the same summary offers Launch.
    quick.shown = [];
    quick.script = [{ accept: /Launch/ }];
    active = 'Team';
    expect(await runLaunchWizard(api, s, STEP.summary)).toBe(true);
    expect(quick.shown[0]!.labels[0]).toBe('$(rocket) Launch');
  });

  it('an environment whose declared account is not an account name is refused at the pick under any account, saying to correct the setting', async () => {
    fake.settings = { environments: { prod: { files: ['train.prod.runpod.env'], account: 'https://team' } } };
    for (const active of ['personal', 'team']) {
      quick.shown = [];
      quick.script = [{ accept: /prod$/ }, 'hide'];
      const s = state({ activeAccount: () => active });
      expect(await runLaunchWizard(api, s, 0)).toBe(false);
      expect(quick.shown.map((q) => q.placeholder)).toEqual(['Environment to launch (its env file is merged over the template env)', "Cannot launch with that choice: correct prod's account in runpod.environments first, or pick another"]);
      expect(quick.shown[1]!.details[1]).toBe("$(warning) correct prod's account in runpod.environments to launch it");
      expect(s.environment).toBeUndefined();
    }
    expect(JSON.stringify([quick.shown, fake.messages])).not.toContain('https://team');
  });
});

describe("Launch Pod: an environment's account is its own folder's, and stays with the template", () => {
  const PROD = (account: string) => ({ environments: { prod: { files: ['deploy/*.env'], account } } });
  /** The environment of a launch of `path`: fixed by its name (the variables list next), else no env file picked. */
  const launchFile = async (path: string, script: PickAction[] = ['hide']) => {
    fake.files.set(path, TEMPLATE);
    quick.script = script;
    const s = state({ preset: { templateFile: file(path) as never } });
    await runLaunchWizard(api, s);
    return s.environment;
  };

  it("in a window of several folders, a file of one environment alone gets its own folder's account, none where its folder declares none", async () => {
    fake.nested = ['/w/b', '/w/c'];
    fake.folderSettings.set('/w', PROD('team-a'));
    fake.folderSettings.set('/w/b', PROD('team-b'));
    expect(await launchFile('/w/b/solo.prod.runpod.json')).toEqual({ name: 'prod', templateFile: 'b/solo.prod.runpod.json', account: 'team-b' });
    expect(await launchFile('/w/c/solo.prod.runpod.json', [{ accept: /No env file/ }, 'hide'])).toBeNull();
    // A file only its folder's setting declares: that folder's account, not the first folder's.
    fake.files.set('/w/b/deploy/x.env', 'A=1\n');
    const s = state({ preset: { templateFile: file('/w/b/solo.runpod.json') as never }, activeAccount: () => 'team-b' });
    fake.files.set('/w/b/solo.runpod.json', TEMPLATE);
    quick.script = [{ accept: /deploy\/x\.env$/ }, 'hide'];
    await runLaunchWizard(api, s);
    expect(s.environment).toMatchObject({ name: 'prod', account: 'team-b' });
  });

  it('a file outside every folder gets no declared account (the language server declares nothing there)', async () => {
    fake.settings = PROD('team');
    expect(await launchFile('/tmp/x/solo.prod.runpod.json', [{ accept: /No env file/ }, 'hide'])).toBeNull();
  });

  it("an env file outside every folder brings its folder's shared env file under it, as `runpod-check pods launch` merges it", async () => {
    fake.files.set('/outside/train.runpod.env', 'SHARED=1\nA=0\n');
    fake.files.set('/outside/train.prod.runpod.env', 'A=2\n');
    fake.files.set('/outside/train.dev.runpod.env', 'A=1\n');
    quick.script = ['hide'];
    const s = state({ preset: { templateFile: file('/w/train.runpod.json') as never, envFile: file('/outside/train.prod.runpod.env') as never } });
    await runLaunchWizard(api, s);
    expect(s.envFile?.shared?.map((f) => f.uri.path)).toEqual(['/outside/train.runpod.env']);
    expect(wizardBody(s).env).toMatchObject({ SHARED: '1', A: '2' });
    // Its sibling environments are the other environments its checks count.
    expect(s.environment).toMatchObject({ name: 'prod' });
  });

  /**
   * train.prod.runpod.json (prod declared for `account`) launched while personal is active: prod is
   * taken by the file's name, so Continue on its variables is refused; "Choose another env file"
   * and `other` (none, or a file of no environment) are refused too: prod's guard stays. The
   * wizard never leaves the env step, and no pick helps: the refusal names the step outside it
   * (`outside`: where it is taken), not "pick another".
   */
  async function keepsTemplateEnvironment(account: string, action: string, why = '', outside = ''): Promise<void> {
    fake.settings = { environments: { prod: { files: ['train.prod.runpod.env'], account } } };
    fake.files.set('/w/train.prod.runpod.json', TEMPLATE);
    fake.files.set('/w/plain.runpod.env', 'A=1\n');
    for (const other of [/No env file/, /plain\.runpod\.env$/]) {
      quick.shown = [];
      quick.script = [{ accept: /Continue/ }, { accept: /Choose another env file/ }, { accept: other }, 'hide'];
      const s = state({ preset: { templateFile: file('/w/train.prod.runpod.json') as never }, activeAccount: () => 'personal' });
      expect(await runLaunchWizard(api, s, 0)).toBe(false);
      const refused = (choices: string) => `Cannot launch with ${choices}: ${action} first${outside}`;
      expect(quick.shown.map((q) => [q.step, q.placeholder?.replace(/^(The Pod gets|Merge an env file).*/, '$1')])).toEqual([
        [2, 'The Pod gets'],
        [2, refused('any env file or none')],
        [2, 'Merge an env file'],
        // Whatever is picked, the refusal says no env file, and none, helps.
        [2, refused('any env file or none')],
      ]);
      expect(quick.shown[0]!.details[0]).toBe(`$(warning) ${why}${action} to launch it`);
      expect(api.listGpuTypes).not.toHaveBeenCalled();
    }
  }

  it("a template file of one environment keeps its environment's account when another env file, or none, is chosen", () => keepsTemplateEnvironment('team', 'switch to account team', 'another account is active: ', ' (Esc, then RunPod: Switch Account...)'));

  it("a template file of one environment that has no env file is refused at Continue saying no env file helps either", async () => {
    fake.settings = { environments: { prod: { files: ['train.prod.runpod.env'], account: 'team' } } };
    fake.files.set('/w/train.prod.runpod.json', TEMPLATE);
    fake.files.delete('/w/train.prod.runpod.env');
    quick.shown = [];
    quick.script = [{ accept: /Continue/ }, 'hide'];
    const s = state({ preset: { templateFile: file('/w/train.prod.runpod.json') as never }, activeAccount: () => 'personal' });
    expect(await runLaunchWizard(api, s, 0)).toBe(false);
    expect(s.envFile).toBeNull();
    expect(quick.shown.at(-1)!.placeholder).toBe('Cannot launch with any env file or none: switch to account team first (Esc, then RunPod: Switch Account...)');
    expect(api.listGpuTypes).not.toHaveBeenCalled();
  });

  it("a template file of one environment whose declared account is not a name stays refused when another env file, or none, is chosen", () =>
    keepsTemplateEnvironment('https://team', "correct prod's account in runpod.environments", '', ' (Esc, then Preferences: Open Settings (UI))'));
});

describe("Launch Pod: a template file of one environment with another environment's env file", () => {
  const MIXED = (dev: string, prod = 'team') => ({ environments: { prod: { files: ['train.prod.runpod.env'], account: prod }, dev: { files: ['train.dev.runpod.env'], account: dev } } });
  /** train.prod.runpod.json launched with dev's env file picked under `active`: the list the pick left shown, and the state. */
  async function launchMixed(active: string): Promise<{ list: (typeof quick.shown)[number]; state: WizardState }> {
    fake.files.set('/w/train.prod.runpod.json', TEMPLATE);
    quick.shown = [];
    quick.script = [{ accept: /Choose another env file/ }, { accept: /train\.dev\.runpod\.env$/ }, 'hide'];
    const s = state({ preset: { templateFile: file('/w/train.prod.runpod.json') as never }, activeAccount: () => active });
    await runLaunchWizard(api, s, 0);
    return { list: quick.shown.at(-1)!, state: s };
  }

  it("refuses dev's env file at the pick when the two environments run under different accounts, under either account: the list stays, saying what to pick", async () => {
    fake.settings = MIXED('default');
    for (const active of ['default', 'team']) {
      const { list, state: s } = await launchMixed(active);
      // Under default prod's own file and none are refused too: the step is to switch, not to pick.
      expect(list.placeholder).toBe(
        active === 'team' ? "Cannot launch with that env file: choose prod's own env file, or no env file" : 'Cannot launch with any env file or none: switch to account team first (Esc, then RunPod: Switch Account...)',
      );
      expect(list.details[list.labels.findIndex((l) => /train\.dev\.runpod\.env$/.test(l))]).toMatch(/^\$\(warning\) prod's template would run with dev's variables/);
      // Not taken: prod's own file stays the choice.
      expect(s.envFile?.uri.path).toBe('/w/train.prod.runpod.env');
      expect(api.listGpuTypes).not.toHaveBeenCalled();
    }
  });

  it('refuses when either account is not a valid name, without showing it', async () => {
    for (const settings of [MIXED('https://dev'), MIXED('default', 'https://team')]) {
      fake.settings = settings;
      const { list } = await launchMixed('default');
      // prod's own file and none are refused under default too (another account, or not a name).
      expect(list.placeholder).toMatch(/^Cannot launch with any env file or none: /);
      expect(JSON.stringify([quick.shown, fake.messages])).not.toMatch(/https:/);
    }
  });

  it("the env file list marks the other environment's file before it is picked, as the summary would refuse it; prod's own, a neutral file and none are not marked", async () => {
    fake.files.set('/w/train.prod.runpod.json', TEMPLATE);
    fake.files.set('/w/plain.runpod.env', 'A=1\n');
    /** The env file list of train.prod.runpod.json under `active`: each item's detail by its label. */
    const listed = async (active: string) => {
      quick.shown = [];
      quick.script = [{ accept: /Choose another env file/ }, 'hide'];
      await runLaunchWizard(api, state({ preset: { templateFile: file('/w/train.prod.runpod.json') as never }, activeAccount: () => active }), 0).catch(() => undefined);
      const list = quick.shown.at(-1)!;
      expect(list.placeholder).toMatch(/^Merge an env file/);
      return (label: RegExp) => list.details[list.labels.findIndex((l) => label.test(l))];
    };
    fake.settings = MIXED('default');
    for (const active of ['default', 'team']) {
      const detail = await listed(active);
      expect(detail(/train\.dev\.runpod\.env$/)).toBe("$(warning) prod's template would run with dev's variables under another account: choose prod's own env file, or no env file, to launch it");
      expect(detail(/plain\.runpod\.env$/)).toBe(active === 'team' ? '' : '$(warning) another account is active: switch to account team to launch it');
    }
    const underTeam = await listed('team');
    for (const label of [/train\.prod\.runpod\.env$/, /plain\.runpod\.env$/, /No env file/]) expect(underTeam(label)).toBe('');
    // Either account not a name: the other environment's file is marked, the value never shown.
    fake.settings = MIXED('https://dev');
    expect((await listed('team'))(/train\.dev\.runpod\.env$/)).toMatch(/^\$\(warning\) prod's template would run with dev's variables/);
    expect(JSON.stringify(quick.shown)).not.toMatch(/https:/);
    // The same account (any case): nothing to mark.
    fake.settings = MIXED('Team');
    expect((await listed('team'))(/train\.dev\.runpod\.env$/)).toBe('');
  });

  it('says nothing new when both environments run under the same account (any case): the pick is taken, and Launch is offered', async () => {
    fake.settings = MIXED('Team');
    fake.files.set('/w/train.prod.runpod.json', TEMPLATE);
    quick.script = [{ accept: /Choose another env file/ }, { accept: /train\.dev\.runpod\.env$/ }, { accept: /Continue/ }];
    const s = state({ preset: { templateFile: file('/w/train.prod.runpod.json') as never }, activeAccount: () => 'team' });
    await runLaunchWizard(api, s, 0).catch(() => undefined);
    expect(s.environment).toMatchObject({ name: 'dev', account: 'Team' });
    quick.shown = [];
    quick.script = [{ accept: /Launch/ }];
    await runLaunchWizard(api, s, STEP.summary).catch(() => undefined);
    expect(quick.shown[0]!.labels[0]).toBe('$(rocket) Launch');
  });
});

describe('Push Template with environments', () => {
  function pushApi() {
    const created: Template[] = [];
    const api = {
      listTemplates: vi.fn(async () => []),
      listSecrets: vi.fn(async () => ['hf-token', 'db_password', 'db_password_dev'].map((name) => ({ id: name, name, createdAt: '', description: null, valueLastUpdatedAt: null }))),
      createTemplate: vi.fn(async (input: Template) => {
        created.push(input);
        return { ...input, id: 'tpl1' };
      }),
    };
    const services = { ...fakeServices().services, requireApi: async () => api, getApi: async () => api };
    return { api, services, created };
  }

  it("asks the environment, merges its env file over the file's env, and names it in the result", async () => {
    const { services, created } = pushApi();
    quick.showQuickPick = [(items) => items.find((i) => i.label.endsWith('prod'))];
    fake.documents.set('file:///w/train.runpod.json', Object.assign(new (await import('./vscodeFake')).FakeDocument(file('/w/train.runpod.json'), TEMPLATE), { languageId: 'json' }));
    await pushTemplate(services as never, file('/w/train.runpod.json'));
    expect(quick.shown[0]!.labels).toEqual(['$(server-environment) dev', '$(server-environment) prod', '$(circle-slash) No environment']);
    expect(created).toHaveLength(1);
    expect(created[0]!.env).toEqual({ HF_HOME: '/workspace/hf', DB_PASSWORD: ref('db_password'), HF_TOKEN: ref('hf-token') });
    expect(fake.messages.at(-1)!.text).toBe('Created template train (tpl1) (environment prod).');
  });

  it('a template file whose name is a Markdown link forms no link in the notification (VS Code renders command: links there)', async () => {
    const { services } = pushApi();
    const named = TEMPLATE.replace('"train"', '"[Fix](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)"');
    fake.files.delete('/w/train.dev.runpod.env');
    fake.files.delete('/w/train.prod.runpod.env');
    // On disk too: Push Template reads the file with the bounded reader (an open editor's text first).
    fake.files.set('/w/train.runpod.json', named);
    fake.documents.set('file:///w/train.runpod.json', new (await import('./vscodeFake')).FakeDocument(file('/w/train.runpod.json'), named));
    await pushTemplate(services as never, file('/w/train.runpod.json'));
    expect(fake.messages.at(-1)!.text).toMatch(/^Created template \[Fix\] \(command:/);
    // The progress notification named it too.
    expect(fake.shown.filter((t) => /\]\(command:/.test(t))).toEqual([]);
  });

  it('an environment whose env file the editor marks with an error pushes nothing and says which file and line, never the line', async () => {
    fake.files.set('/w/train.prod.runpod.env', `HF_TOKEN=${ref('hf-token')}\npw:Vx7Nq2Kp9Lm4Tz=1\n`);
    const { api, services, created } = pushApi();
    quick.showQuickPick = [(items) => items.find((i) => i.label.endsWith('prod'))];
    fake.documents.set('file:///w/train.runpod.json', new (await import('./vscodeFake')).FakeDocument(file('/w/train.runpod.json'), TEMPLATE));
    fake.documents.set('file:///w/train.prod.runpod.env', new (await import('./vscodeFake')).FakeDocument(file('/w/train.prod.runpod.env'), fake.files.get('/w/train.prod.runpod.env')!));
    fake.dialogAnswers.push('Open file');
    await pushTemplate(services as never, file('/w/train.runpod.json'));
    expect(created).toEqual([]);
    expect(api.listSecrets).not.toHaveBeenCalled();
    // The words of every refused file, and Open file at the offending line (line 2, 0-based 1).
    expect(fake.messages.at(-1)).toEqual({ level: 'error', text: expect.stringMatching(/^Not pushing: \/w\/train\.prod\.runpod\.env: line 2: Not a valid variable name: character 3 is /), buttons: ['Open file'] });
    expect(fake.editorsShown).toEqual([{ uri: 'file:///w/train.prod.runpod.env', line: 1, character: 0 }]);
    expect(fake.messages.map((m) => m.text).join('\n')).not.toContain('Vx7Nq2Kp9Lm4Tz');
  });

  it("prod's env file referencing dev's secret asks first, as Launch Pod does: Cancel pushes nothing", async () => {
    fake.files.set('/w/train.prod.runpod.env', `HF_TOKEN=${ref('hf-token')}\nDB_PASSWORD=${ref('db_password_dev')}\n`);
    const { services, created } = pushApi();
    quick.showQuickPick = [(items) => items.find((i) => i.label.endsWith('prod'))];
    fake.documents.set('file:///w/train.runpod.json', new (await import('./vscodeFake')).FakeDocument(file('/w/train.runpod.json'), TEMPLATE));
    fake.dialogAnswers.push(undefined);
    await pushTemplate(services as never, file('/w/train.runpod.json'));
    expect(created).toEqual([]);
    expect(fake.messages.at(-1)).toMatchObject({ level: 'warning', text: '1 secret named for another environment: the Pod would boot with it.', buttons: ['Open file', 'Push anyway'] });
  });

  it("a template file of prod alone (no other environment's file, no account declared) referencing dev's secret asks first, as check warns", async () => {
    const solo = '{ "name": "solo", "image": "runpod/pytorch", "env": { "DB_PASSWORD": "{{ RUNPOD_SECRET_db_password_dev }}" } }';
    fake.files.set('/w/solo.prod.runpod.json', solo);
    fake.documents.set('file:///w/solo.prod.runpod.json', new (await import('./vscodeFake')).FakeDocument(file('/w/solo.prod.runpod.json'), solo));
    const { services, created } = pushApi();
    fake.dialogAnswers.push(undefined);
    await pushTemplate(services as never, file('/w/solo.prod.runpod.json'));
    expect(created).toEqual([]);
    expect(fake.messages.at(-1)).toMatchObject({ level: 'warning', text: '1 secret named for another environment: the Pod would boot with it.' });
  });

  it("pushes the environment's env over the template's shared env file too", async () => {
    fake.files.set('/w/train.runpod.env', 'WANDB_PROJECT=llama\n');
    const { services, created } = pushApi();
    quick.showQuickPick = [(items) => items.find((i) => i.label.endsWith('prod'))];
    fake.documents.set('file:///w/train.runpod.json', new (await import('./vscodeFake')).FakeDocument(file('/w/train.runpod.json'), TEMPLATE));
    await pushTemplate(services as never, file('/w/train.runpod.json'));
    expect(created[0]!.env).toEqual({ HF_HOME: '/workspace/hf', DB_PASSWORD: ref('db_password'), WANDB_PROJECT: 'llama', HF_TOKEN: ref('hf-token') });
  });

  it("a template file outside every folder: its own folder's environments are asked, their shared env file pushed too", async () => {
    fake.files.set('/outside/train.runpod.json', TEMPLATE);
    fake.files.set('/outside/train.dev.runpod.env', `HF_TOKEN=${ref('hf-token')}\n`);
    fake.files.set('/outside/train.prod.runpod.env', `DB_PASSWORD=${ref('db_password')}\n`);
    fake.files.set('/outside/train.runpod.env', 'WANDB_PROJECT=llama\n');
    const { services, created } = pushApi();
    quick.showQuickPick = [(items) => items.find((i) => i.label.endsWith('prod'))];
    fake.documents.set('file:///outside/train.runpod.json', new (await import('./vscodeFake')).FakeDocument(file('/outside/train.runpod.json'), TEMPLATE));
    await pushTemplate(services as never, file('/outside/train.runpod.json'));
    expect(quick.shown[0]!.labels).toEqual(['$(server-environment) dev', '$(server-environment) prod', '$(circle-slash) No environment']);
    expect(created[0]!.env).toEqual({ HF_HOME: '/workspace/hf', DB_PASSWORD: ref('db_password'), WANDB_PROJECT: 'llama' });
  });

  it('refuses before any API call while another account is active than the environment declares', async () => {
    const { api, services } = pushApi();
    fake.settings = { environments: { prod: { files: ['train.prod.runpod.env'], account: 'team' } } };
    quick.showQuickPick = [(items) => items.find((i) => i.label.endsWith('prod'))];
    fake.documents.set('file:///w/train.runpod.json', new (await import('./vscodeFake')).FakeDocument(file('/w/train.runpod.json'), TEMPLATE));
    await pushTemplate({ ...services, accounts: heldAccounts('personal', ['personal', 'team']) } as never, file('/w/train.runpod.json'));
    expect(api.listTemplates).not.toHaveBeenCalled();
    expect(fake.messages.at(-1)).toEqual({
      level: 'error',
      text: '/w/train.runpod.json was not pushed. Environment prod runs under the RunPod account team, but the active account is personal. Switch to account team first (RunPod: Switch Account...), then try again.',
      buttons: ['Switch Account…'],
    });
    // An account the editor does not hold: add it.
    quick.showQuickPick = [(items) => items.find((i) => i.label.endsWith('prod'))];
    await pushTemplate({ ...services, accounts: heldAccounts('personal', ['personal']) } as never, file('/w/train.runpod.json'));
    expect(fake.messages.at(-1)).toMatchObject({ text: expect.stringMatching(/No account named team is added in this editor: add account team first \(RunPod: Add Account\.\.\.\), then try again\.$/), buttons: ['Add Account…'] });
  });

  it('refuses an environment whose declared account is not an account name, whatever account is active', async () => {
    const { api, services } = pushApi();
    fake.settings = { environments: { prod: { files: ['train.prod.runpod.env'], account: 'not a name' } } };
    quick.showQuickPick = [(items) => items.find((i) => i.label.endsWith('prod'))];
    fake.documents.set('file:///w/train.runpod.json', new (await import('./vscodeFake')).FakeDocument(file('/w/train.runpod.json'), TEMPLATE));
    await pushTemplate({ ...services, accounts: heldAccounts('personal') } as never, file('/w/train.runpod.json'));
    expect(api.listTemplates).not.toHaveBeenCalled();
    expect(fake.messages.at(-1)).toMatchObject({ level: 'error', text: expect.stringMatching(/^\/w\/train\.runpod\.json was not pushed\. Environment prod cannot be used: its "account" in the runpod\.environments setting is not a valid account name/), buttons: ['Open Settings'] });
  });

  it("an environment's env file that is not read (too large) is refused in words, not thrown, and nothing is pushed", async () => {
    const { api, services } = pushApi();
    fake.stats.set('/w/train.prod.runpod.env', { type: 1, size: 5 * 1024 ** 3 });
    quick.showQuickPick = [(items) => items.find((i) => i.label.endsWith('prod'))];
    fake.documents.set('file:///w/train.runpod.json', new (await import('./vscodeFake')).FakeDocument(file('/w/train.runpod.json'), TEMPLATE));
    await expect(pushTemplate(services as never, file('/w/train.runpod.json'))).resolves.toBeUndefined();
    expect(api.listTemplates).not.toHaveBeenCalled();
    expect(fake.messages.at(-1)).toEqual({ level: 'error', text: 'Not pushing: /w/train.prod.runpod.env is larger than 2 MiB; it was not read.' });
  });

  it('dismissing the environment question pushes nothing', async () => {
    const { api, services } = pushApi();
    fake.documents.set('file:///w/train.runpod.json', new (await import('./vscodeFake')).FakeDocument(file('/w/train.runpod.json'), TEMPLATE));
    await pushTemplate(services as never, file('/w/train.runpod.json'));
    expect(api.listTemplates).not.toHaveBeenCalled();
  });
  it('pushing prod over the template dev pushed: the confirmation names the template replaced and that this window last pushed it from dev', async () => {
    const { templates, api } = oneTemplateAccount();
    const services = { ...fakeServices().services, requireApi: async () => api, getApi: async () => api };
    fake.documents.set('file:///w/train.runpod.json', new FakeDocument(file('/w/train.runpod.json'), TEMPLATE));
    const pushAs = async (environment: string) => {
      quick.showQuickPick.push((items) => items.find((i) => i.label.endsWith(environment)));
      await pushTemplate(services as never, file('/w/train.runpod.json'));
    };
    await pushAs('dev');
    expect(templates).toHaveLength(1);
    fake.dialogAnswers.push(undefined);
    await pushAs('prod');
    const asked = fake.messages.find((m) => m.text.startsWith('Update template train'))!;
    expect(asked.detail).toContain('Template train (tpl1) was last pushed from this editor with environment dev: pushing prod replaces its settings');
    expect(api.updateTemplate).not.toHaveBeenCalled();
    // Pushed again from dev: nothing said of another environment.
    fake.messages.length = 0;
    fake.files.set('/w/train.dev.runpod.env', `HF_TOKEN=${ref('hf-token')}\nDB_PASSWORD=${ref('db_password_dev')}\nEXTRA=1\n`);
    fake.dialogAnswers.push(undefined);
    await pushAs('dev');
    expect(fake.messages.find((m) => m.text.startsWith('Update template train'))!.detail).not.toContain('last pushed');
  });
  it('after a reload (a new window on the same extension storage), pushing prod still names the dev push it replaces', async () => {
    const { templates, api } = oneTemplateAccount();
    const before = fakeServices().services;
    const windowOf = (base: typeof before) => ({ ...base, requireApi: async () => api, getApi: async () => api });
    fake.documents.set('file:///w/train.runpod.json', new FakeDocument(file('/w/train.runpod.json'), TEMPLATE));
    const pushAs = async (services: unknown, environment: string) => {
      quick.showQuickPick.push((items) => items.find((i) => i.label.endsWith(environment)));
      await pushTemplate(services as never, file('/w/train.runpod.json'));
    };
    await pushAs(windowOf(before), 'dev');
    expect(templates).toHaveLength(1);
    // The reloaded window: new services and extension context, the same global storage.
    const fresh = fakeServices().services;
    const reloaded = windowOf({ ...fresh, context: { ...fresh.context, globalState: before.context.globalState } });
    fake.dialogAnswers.push(undefined);
    await pushAs(reloaded, 'prod');
    expect(fake.messages.find((m) => m.text.startsWith('Update template train'))!.detail).toContain('Template train (tpl1) was last pushed from this editor with environment dev: pushing prod replaces its settings');
    // A window with storage of its own (another VS Code profile) knows nothing of it.
    fake.messages.length = 0;
    fake.dialogAnswers.push(undefined);
    await pushAs(windowOf(fakeServices().services), 'prod');
    expect(fake.messages.find((m) => m.text.startsWith('Update template train'))!.detail).not.toContain('last pushed');
  });

});

/** An account whose templates are created as `tpl1` and updated in place, with the secrets the env files reference. */
function oneTemplateAccount() {
  const templates: Template[] = [];
  const api = {
    listTemplates: vi.fn(async () => templates),
    listSecrets: vi.fn(async () => ['hf-token', 'db_password', 'db_password_dev'].map((name) => ({ id: name, name, createdAt: '', description: null, valueLastUpdatedAt: null }))),
    createTemplate: vi.fn(async (input: Template) => {
      templates.push({ ...input, id: 'tpl1' });
      return templates[0]!;
    }),
    updateTemplate: vi.fn(async (id: string, patch: Partial<Template>) => Object.assign(templates.find((t) => t.id === id)!, patch)),
  };
  return { templates, api };
}

describe("Launch Pod's summary when it already knows a referenced secret is missing", () => {
  const template: Template = { id: 't1', name: 'train', image: 'runpod/pytorch', env: { HF_TOKEN: ref('hf-read-token'), B: ref('b-key'), PLAIN: 'x' } } as Template;
  /** The store's names: hf-read-token appears once its create command ran. */
  const known = () => new Set(['b-key', ...(ui.executed.some((e) => e.id === 'runpod.secrets.create') ? ['hf-read-token'] : [])]);
  const summaryState = (extra: Partial<WizardState> = {}) => state({ source: { kind: 'account', template }, envFile: null, podName: 'train', knownSecrets: known, ...extra });

  it('offers creating the secret first (Enter creates it, then the summary shows again with Launch first); Launch says it will stop at the check', async () => {
    quick.script = [{ accept: /Create secret/ }, { accept: /Launch/ }];
    expect(await runLaunchWizard(api, summaryState(), STEP.summary)).toBe(true);
    const [before, after] = quick.shown;
    expect(before!.labels.slice(0, 2)).toEqual(['$(add) Create secret hf-read-token…', '$(rocket) Launch (stops at the check: 1 secret not on your account)']);
    expect(ui.executed).toContainEqual({ id: 'runpod.secrets.create', args: [{ name: 'hf-read-token' }] });
    expect(after!.labels[0]).toBe('$(rocket) Launch');
    expect(after!.labels).not.toContain('$(add) Create secret hf-read-token…');
  });

  it('Launch also says it stops at a reference RunPod would not substitute (a rename fixes it, not a create)', async () => {
    quick.script = ['hide'];
    const misspaced = { ...template, env: { B: '{{RUNPOD_SECRET_b-key}}' } } as Template;
    await runLaunchWizard(api, summaryState({ source: { kind: 'account', template: misspaced } }), STEP.summary);
    expect(quick.shown[0]!.labels[0]).toBe('$(rocket) Launch (stops at the check: 1 reference RunPod would not substitute)');
  });

  it('offers no Create row for a reference the check refuses for its spacing or its name: the summary stops where the check does', async () => {
    quick.script = ['hide'];
    const refused = { ...template, env: { A: '{{RUNPOD_SECRET_hf-token}}', B: '{{ RUNPOD_SECRET_9lives }}' } } as Template;
    await runLaunchWizard(api, summaryState({ source: { kind: 'account', template: refused }, knownSecrets: () => new Set(['ok']) }), STEP.summary);
    expect(quick.shown[0]!.labels[0]).toBe('$(rocket) Launch (stops at the check: 1 invalid secret name, 1 reference RunPod would not substitute)');
    expect(quick.shown[0]!.labels.filter((l) => l.includes('Create secret'))).toEqual([]);
  });

  it('offers one Create row per missing secret, and none while the account list is unknown (no false warnings)', async () => {
    quick.script = ['hide'];
    const twoMissing = { ...template, env: { ...template.env, C: ref('comet-api') } } as Template;
    await runLaunchWizard(api, summaryState({ source: { kind: 'account', template: twoMissing } }), STEP.summary);
    expect(quick.shown[0]!.labels.slice(0, 3)).toEqual(['$(add) Create secret hf-read-token…', '$(add) Create secret comet-api…', '$(rocket) Launch (stops at the check: 2 secrets not on your account)']);
    quick.shown = [];
    quick.script = ['hide'];
    await runLaunchWizard(api, summaryState({ knownSecrets: () => undefined }), STEP.summary);
    expect(quick.shown[0]!.labels[0]).toBe('$(rocket) Launch');
  });
});
