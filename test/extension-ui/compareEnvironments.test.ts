/**
 * RunPod: Compare Environments on the scripted vscode stand-in: from an env file's title bar, from
 * the palette, with declared environments, and after a save; the document shows keys x
 * environments and never a value.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const recorded = vi.hoisted(() => ({
  providers: new Map<string, { provideTextDocumentContent(uri: unknown): string }>(),
  executed: [] as { command: string; args: unknown[] }[],
  saveListeners: [] as ((doc: { uri: unknown }) => void)[],
  closeListeners: [] as ((doc: { uri: { scheme: string } }) => void)[],
  /** Holds a read's answer (read before the hold) until the promise it returns settles. */
  holdRead: undefined as undefined | ((path: string) => Promise<void> | undefined),
  /** Paths whose read gets no answer in time (as the bounded reader says it). */
  noAnswer: new Set<string>(),
  /** Paths whose read is refused without being started, behind another file's read that has not answered. */
  refused: new Set<string>(),
  /** Every file read (an open editor's text too), in order. */
  reads: [] as string[],
  /** Folder path → the FileSystemError code its listing fails with (as VS Code names the errno). */
  failListing: new Map<string, string>(),
  /** How many loads of a comparison's files have finished (a refresh's reads, its own or dropped). */
  loaded: 0,
}));

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
// Every read of a file the comparison makes, through the extension's one reader; a read's answer can be held.
vi.mock('../../client/src/workspaceText', async (real) => {
  const actual = await real<typeof import('../../client/src/workspaceText')>();
  return {
    ...actual,
    readWorkspaceText: async (uri: { path: string }, maxBytes?: number) => {
      recorded.reads.push(uri.path);
      if (recorded.noAnswer.has(uri.path)) return { ok: false, problem: 'did not finish', noAnswer: true };
      if (recorded.refused.has(uri.path)) return { ok: false, problem: 'not read: a read of /w/stuck.env in the same folder has not answered', refused: true };
      const read = await actual.readWorkspaceText(uri as never, maxBytes);
      await recorded.holdRead?.(uri.path);
      return read;
    },
  };
});
// Counts the loads of a comparison's files that finished: a refresh that is dropped has no other trace.
vi.mock('../../client/src/environments/workspaceFiles', async (real) => {
  const actual = await real<typeof import('../../client/src/environments/workspaceFiles')>();
  return {
    ...actual,
    loadSources: async (...args: Parameters<typeof actual.loadSources>) => {
      const loaded = await actual.loadSources(...args);
      recorded.loaded++;
      return loaded;
    },
  };
});
vi.mock('vscode', async () => {
  const base = await import('./vscodeFake');
  return {
    ...base,
    workspace: {
      ...base.workspace,
      fs: {
        ...base.workspace.fs,
        readDirectory: async (uri: { path: string }) => {
          const code = recorded.failListing.get(uri.path);
          if (code) throw Object.assign(new base.FileSystemError(`${code}: ${uri.path}`), { code });
          return base.workspace.fs.readDirectory(uri as never);
        },
      },
      registerTextDocumentContentProvider: (scheme: string, provider: { provideTextDocumentContent(uri: unknown): string }) => {
        recorded.providers.set(scheme, provider);
        return { dispose() {} };
      },
      onDidSaveTextDocument: (listener: (doc: { uri: unknown }) => void) => {
        recorded.saveListeners.push(listener);
        return { dispose() {} };
      },
      onDidCloseTextDocument: (listener: (doc: { uri: { scheme: string } }) => void) => {
        recorded.closeListeners.push(listener);
        return { dispose() {} };
      },
    },
    commands: {
      ...base.commands,
      executeCommand: async (command: string, ...args: unknown[]) => {
        recorded.executed.push({ command, args });
        return undefined;
      },
    },
  };
});

import { COMPARE_ENVIRONMENTS_COMMAND, ENVIRONMENTS_SCHEME, register } from '../../client/src/commands/compareEnvironments';
import { fake, FakeDocument, FileType, Uri, whenFired, workspace } from './vscodeFake';
import { ANALYSIS_LIMIT } from '../../server/src/template/analyze';
import { until } from '../helpers/until';
import { NO_ANSWER_PROBLEM } from '../../client/src/boundedRead';
import { escapeMarkdown } from '../../client/src/views/markdown';
import { heldAccounts } from './heldAccounts';
import { fakeServices, secret } from './flowHelpers';

const ref = (name: string): string => `{{ RUNPOD_SECRET_${name} }}`;
const PLAIN = 'plain-value-7f1e-never-shown';
const file = (path: string) => Uri.from({ scheme: 'file', path });

beforeEach(() => {
  fake.reset();
  recorded.providers.clear();
  recorded.executed = [];
  recorded.saveListeners = [];
  recorded.closeListeners = [];
  recorded.holdRead = undefined;
  recorded.reads = [];
  recorded.noAnswer.clear();
  recorded.refused.clear();
  recorded.failListing.clear();
  recorded.loaded = 0;
  fake.files.set('/w/train.dev.runpod.env', `HF_TOKEN=${ref('hf-token')}\nOPENAI_API_KEY=${ref('openai-key')}\nPROJECT=${PLAIN}\n`);
  fake.files.set('/w/train.prod.runpod.env', `HF_TOKEN=${ref('hf-token')}\nDB_PASSWORD=${ref('db_password_dev')}\nPROJECT=${PLAIN}-prod\n`);
  fake.files.set('/w/train.runpod.json', '{ "name": "train", "image": "i", "env": { "HF_HOME": "/workspace/hf" } }');
  fake.files.set('/w/serve.runpod.env', 'A=1\n');
  // The account has every secret these files reference (a test below takes one away).
  register(fakeServices(['hf-token', 'openai-key', 'db_password_dev'].map((n) => secret(n))).services);
});

/** Runs the command and returns the document it showed in the Markdown preview. */
async function compare(arg?: unknown): Promise<string | undefined> {
  await fake.commands.get(COMPARE_ENVIRONMENTS_COMMAND)!(arg);
  const shown = recorded.executed.find((e) => e.command === 'markdown.showPreview');
  if (!shown) return undefined;
  return recorded.providers.get(ENVIRONMENTS_SCHEME)!.provideTextDocumentContent(shown.args[0]);
}

/**
 * Resolves once the shown comparisons render so that `check` holds: at the provider's change event,
 * fired by a save's refresh, which nobody awaits (it reads the files again).
 */
function rendered(check: () => boolean, what: string): Promise<void> {
  const provider = recorded.providers.get(ENVIRONMENTS_SCHEME) as unknown as { onDidChange(listener: () => void): { dispose(): void } };
  return whenFired((listener) => provider.onDidChange(listener), check, what);
}

describe('Compare Environments', () => {
  it("marks a reference to a secret not on the active account (Launch's rule), in its cell and the summary", async () => {
    register(fakeServices(['hf-token', 'db_password_dev'].map((n) => secret(n))).services);
    const markdown = await compare(file('/w/train.prod.runpod.env'));
    expect(markdown).toContain('| `OPENAI_API_KEY` | **secret openai-key \\(not on your account\\)** | **\\(missing\\)** | missing in prod |');
    expect(markdown).toContain('| `HF_TOKEN` | secret hf-token | secret hf-token | same |');
    expect(markdown).toContain('⚠️ 2 keys missing somewhere · 1 secret named for another environment · 1 differs · 1 secret not on your account');
  });

  it('a secret created while the comparison is shown takes its mark away', async () => {
    const { services, store } = fakeServices(['hf-token', 'db_password_dev'].map((n) => secret(n)));
    let secretsChanged: (() => void) | undefined;
    store.onDidChange = ((listener: () => void) => ((secretsChanged = listener), { dispose() {} })) as never;
    register(services);
    expect(await compare(file('/w/train.prod.runpod.env'))).toContain('not on your account');
    store.secrets = [...store.secrets, secret('openai-key')];
    secretsChanged!();
    const shown = recorded.executed.find((e) => e.command === 'markdown.showPreview')!.args[0];
    // Rendered again at once: the marks need no file read.
    expect(recorded.providers.get(ENVIRONMENTS_SCHEME)!.provideTextDocumentContent(shown)).toContain('| `OPENAI_API_KEY` | secret openai-key |');
    expect(recorded.providers.get(ENVIRONMENTS_SCHEME)!.provideTextDocumentContent(shown)).not.toContain('not on your account');
  });

  it('marks no name the secret name rule refuses (the editor reports it as an invalid name, not as missing)', async () => {
    fake.files.set('/w/train.prod.runpod.env', `HF_TOKEN=${ref('9lives')}\nOPENAI_API_KEY=${ref('openai-key')}\n`);
    const markdown = await compare(file('/w/train.prod.runpod.env'));
    expect(markdown).toContain('| `HF_TOKEN` | secret hf-token | secret 9lives | differs |');
    expect(markdown).not.toContain('not on your account');
  });

  it('a secrets change re-renders the marks without reading the files again; an unchanged list renders nothing', async () => {
    const { services, store } = fakeServices(['hf-token', 'db_password_dev'].map((n) => secret(n)));
    let secretsChanged: (() => void) | undefined;
    store.onDidChange = ((listener: () => void) => ((secretsChanged = listener), { dispose() {} })) as never;
    register(services);
    const provider = recorded.providers.get(ENVIRONMENTS_SCHEME) as { onDidChange(listener: () => void): unknown } & { provideTextDocumentContent(uri: unknown): string };
    let renders = 0;
    provider.onDidChange(() => renders++);
    expect(await compare(file('/w/train.prod.runpod.env'))).toContain('not on your account');
    const shown = recorded.executed.find((e) => e.command === 'markdown.showPreview')!.args[0];
    const readsBefore = recorded.reads.length;
    expect(readsBefore).toBeGreaterThan(0);
    const rendersBefore = renders;
    // The store fires for a refetch that brought the same names: nothing to render again.
    secretsChanged!();
    expect(renders).toBe(rendersBefore);
    store.secrets = [...store.secrets, secret('openai-key')];
    secretsChanged!();
    expect(provider.provideTextDocumentContent(shown)).toContain('| `OPENAI_API_KEY` | secret openai-key |');
    expect(provider.provideTextDocumentContent(shown)).not.toContain('not on your account');
    expect(renders).toBe(rendersBefore + 1);
    expect(recorded.reads.length).toBe(readsBefore);
  });

  it('marks nothing while the account list is not known (signed out, never fetched): no false warnings', async () => {
    register(fakeServices([], { kind: 'signed-out' }).services);
    const markdown = await compare(file('/w/train.prod.runpod.env'));
    expect(markdown).toContain('| `OPENAI_API_KEY` | secret openai-key | **\\(missing\\)** | missing in prod |');
    expect(markdown).not.toContain('not on your account');
  });

  it("from an env file's title bar: its template's keys x environments in the Markdown preview", async () => {
    const markdown = await compare(file('/w/train.prod.runpod.env'));
    expect(markdown).toContain('## train');
    expect(markdown).toContain('| Key | dev | prod | Status |');
    expect(markdown).toContain('| `OPENAI_API_KEY` | secret openai-key | **\\(missing\\)** | missing in prod |');
    expect(markdown).toContain('| `DB_PASSWORD` | **\\(missing\\)** | **secret db\\_password\\_dev** | missing in dev; prod uses db\\_password\\_dev \\(named for another environment\\) |');
    expect(markdown).toContain('| `PROJECT` | \\(plain value\\) | \\(plain value\\) | differs |');
    expect(markdown).toContain('| `HF_HOME` | \\(plain value\\) \\(shared file\\) | \\(plain value\\) \\(shared file\\) | same |');
    expect(markdown).not.toContain(PLAIN);
    expect(markdown).not.toContain('/workspace/hf');
    expect(fake.shown.join('\n')).not.toContain(PLAIN);
  });

  it('from the palette without environments: says how to make them, opens nothing', async () => {
    for (const path of ['/w/train.dev.runpod.env', '/w/train.prod.runpod.env']) fake.files.delete(path);
    expect(await compare()).toBeUndefined();
    expect(fake.messages).toEqual([expect.objectContaining({ level: 'info', text: expect.stringContaining('No template with two or more environments') })]);
  });

  it('declared environments (runpod.environments) with their accounts', async () => {
    fake.files.set('/w/deploy/eu/api.runpod.env', `KEY=${ref('eu-key')}\n`);
    fake.files.set('/w/deploy/us/api.runpod.env', `KEY=${ref('eu-key')}\nEXTRA=1\n`);
    fake.settings = { environments: { eu: { files: ['deploy/eu/*.env'], account: 'europe' }, us: 'deploy/us/*.env', bad: { files: 'x', account: 'rpa_notAName/with-slash' } } };
    const markdown = await compare(file('/w/deploy/us/api.runpod.env'));
    expect(markdown).toContain('## api');
    // eu runs under account europe, whose list this is not: only us's column (the active account's) is marked.
    expect(markdown).toContain('| `KEY` | secret eu-key | **secret eu-key \\(not on your account\\)** | us uses eu-key \\(named for another environment\\) |');
    expect(markdown).toContain('- **eu**: deploy/eu/api.runpod.env (account europe)');
    expect(markdown).not.toContain('rpa_notAName');
  });

  it('one secret name in dev (no declared account: the active one) and prod (declared for team) is two secrets while default is active; "same" once team is', async () => {
    fake.files.set('/w/train.dev.runpod.env', `DB_PASSWORD=${ref('db_password')}\n`);
    fake.files.set('/w/train.prod.runpod.env', `DB_PASSWORD=${ref('db_password')}\n`);
    fake.settings = { environments: { prod: { files: ['train.prod.runpod.env'], account: 'team' } } };
    const { services, store } = fakeServices([secret('db_password')]);
    let secretsChanged: (() => void) | undefined;
    store.onDidChange = ((listener: () => void) => ((secretsChanged = listener), { dispose() {} })) as never;
    register(services);
    expect(await compare(file('/w/train.prod.runpod.env'))).toContain('| `DB_PASSWORD` | secret db\\_password | secret db\\_password | same name, different accounts |');
    // Switch Account reloads the store: the shown comparison follows the account now active.
    (services.accounts as { active: string }).active = 'team';
    secretsChanged!();
    const shown = recorded.executed.find((e) => e.command === 'markdown.showPreview')!.args[0];
    expect(recorded.providers.get(ENVIRONMENTS_SCHEME)!.provideTextDocumentContent(shown)).toContain('| `DB_PASSWORD` | secret db\\_password | secret db\\_password | same |');
  });

  it("an environment of an account that is not active says its secret names are not checked, and the step that checks them (add it, or switch to it)", async () => {
    fake.files.set('/w/deploy/dev/train.runpod.env', `HF_TOKEN=${ref('hf-token')}\n`);
    fake.files.set('/w/deploy/prod/train.runpod.env', `HF_TOKEN=${ref('hf-token')}\nEXTRA=${ref('prod-only')}\n`);
    fake.settings = { environments: { dev: { files: ['deploy/dev/*.env'], account: 'personal' }, prod: { files: ['deploy/prod/*.env'], account: 'team' }, stage: { files: ['deploy/stage/*.env'] } } };
    fake.files.set('/w/deploy/stage/train.runpod.env', `HF_TOKEN=${ref('hf-token')}\n`);
    const { services } = fakeServices([secret('hf-token')]);
    (services as { accounts: unknown }).accounts = heldAccounts('default', ['default', 'team']);
    register(services);
    const markdown = (await compare(file('/w/deploy/prod/train.runpod.env')))!;
    // The active account's column (stage, declaring none) is checked: no note for it.
    expect(markdown).toContain(`_${escapeMarkdown('Secret names of dev are not checked: it is for account personal, and default is active. Add account personal (RunPod: Add Account...) to check them.')}_`);
    expect(markdown).toContain(`_${escapeMarkdown('Secret names of prod are not checked: it is for account team, and default is active. Switch to team (RunPod: Switch Account...) to check them.')}_`);
    expect(markdown).not.toMatch(/Secret names of stag/);
  });

  it('an environment whose declared account is not valid: its column is shown, and the document says once, without the value, which setting to correct', async () => {
    fake.files.set('/w/deploy/eu/api.runpod.env', `KEY=${ref('eu-key')}\n`);
    fake.files.set('/w/deploy/us/api.runpod.env', `KEY=${ref('us-key')}\nEXTRA=1\n`);
    const pasted = 'rpa_PASTEDKEY0123456789abcdef';
    fake.settings = { environments: { eu: { files: ['deploy/eu/*.env'], account: pasted }, us: { files: ['deploy/us/*.env'], account: 'america' } } };
    const markdown = await compare(file('/w/deploy/eu/api.runpod.env'));
    expect(markdown).toContain('| Key | eu | us | Status |');
    expect(markdown).toContain('| `EXTRA` | **\\(missing\\)** | \\(plain value\\) | missing in eu |');
    expect(markdown).toContain('- **us**: deploy/us/api.runpod.env (account america)');
    expect(markdown).toContain('- **eu**: deploy/eu/api.runpod.env (account in runpod.environments not valid)');
    expect(markdown!.match(/not valid/g)).toHaveLength(1);
    expect(markdown).not.toContain(pasted);
    expect(markdown).not.toContain('PASTEDKEY');
  });

  it('follows a save of a compared file', async () => {
    const first = await compare(file('/w/train.dev.runpod.env'));
    expect(first).toContain('missing in prod');
    fake.files.set('/w/train.prod.runpod.env', `HF_TOKEN=${ref('hf-token')}\nOPENAI_API_KEY=${ref('openai-key-prod')}\nDB_PASSWORD=${ref('db_password')}\nPROJECT=x\n`);
    fake.files.set('/w/train.dev.runpod.env', `HF_TOKEN=${ref('hf-token')}\nOPENAI_API_KEY=${ref('openai-key')}\nDB_PASSWORD=${ref('db_password_dev')}\nPROJECT=y\n`);
    const shown = recorded.executed.find((e) => e.command === 'markdown.showPreview')!;
    const markdown = () => recorded.providers.get(ENVIRONMENTS_SCHEME)!.provideTextDocumentContent(shown.args[0]);
    const followed = rendered(() => markdown().includes('no key missing'), 'the comparison made again from the saved file');
    for (const listener of recorded.saveListeners) listener({ uri: file('/w/train.prod.runpod.env') });
    await followed;
    expect(markdown()).toContain('no key missing');
  });

  it('a save walks nothing: saving a listed file cannot change the listing, so only the compared files are read again', async () => {
    await compare(file('/w/train.dev.runpod.env'));
    await compare(file('/w/train.prod.runpod.env'));
    await compare();
    const previews = new Set(recorded.executed.filter((e) => e.command === 'markdown.showPreview').map((e) => String(e.args[0])));
    expect(previews.size).toBeGreaterThan(1);
    fake.listed = [];
    fake.files.set('/w/train.prod.runpod.env', `HF_TOKEN=${ref('hf-token')}\nOPENAI_API_KEY=${ref('openai-key')}\nPROJECT=x\n`);
    const whole = [...previews].map((p) => recorded.executed.find((e) => String(e.args[0]) === p)!.args[0]);
    const missing = () => whole.filter((uri) => recorded.providers.get(ENVIRONMENTS_SCHEME)!.provideTextDocumentContent(uri).includes('missing in prod'));
    const followed = rendered(() => missing().length === 0, 'every comparison made again from the saved file');
    for (const listener of recorded.saveListeners) listener({ uri: file('/w/train.prod.runpod.env') });
    await followed;
    expect(missing()).toEqual([]);
    expect(fake.listed).toEqual([]);
  });

  it("of two saves in a row, the later one's comparison is what stays shown, however the reads finish", async () => {
    await compare(file('/w/train.dev.runpod.env'));
    const shown = recorded.executed.find((e) => e.command === 'markdown.showPreview')!.args[0];
    const content = () => recorded.providers.get(ENVIRONMENTS_SCHEME)!.provideTextDocumentContent(shown);
    // The first save's read of the prod file is held until the second save's comparison is shown.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const reachedHold = new Promise<void>((resolve) => (holding = resolve));
    let first = true;
    recorded.holdRead = (path) => {
      if (path !== '/w/train.prod.runpod.env' || !first) return undefined;
      first = false;
      holding();
      return held;
    };
    fake.files.set('/w/train.prod.runpod.env', `HF_TOKEN=${ref('hf-token')}\nPROJECT=old\n`);
    for (const listener of recorded.saveListeners) listener({ uri: file('/w/train.prod.runpod.env') });
    await reachedHold;
    const loadsBefore = recorded.loaded;
    fake.files.set('/w/train.prod.runpod.env', `HF_TOKEN=${ref('hf-token')}\nOPENAI_API_KEY=${ref('openai-key')}\nDB_PASSWORD=${ref('db_password')}\nPROJECT=new\n`);
    const NEWER = '| `OPENAI_API_KEY` | secret openai-key | secret openai-key | same |';
    const second = rendered(() => content().includes(NEWER), "the second save's comparison");
    for (const listener of recorded.saveListeners) listener({ uri: file('/w/train.prod.runpod.env') });
    await second;
    release();
    // The first save's load ends now; what is left of its refresh (compare, then drop) runs without a wait.
    await until(() => recorded.loaded === loadsBefore + 2, "the first save's load to finish");
    await new Promise((resolve) => setImmediate(resolve));
    expect(content()).toContain(NEWER);
  });

  it('a file that gave no answer is said not read on each save while it gives none, and compared on the first save after it answers', async () => {
    // The bounded reader answers a file whose read still hangs at once, without waiting the bound again (hungRead.test.ts).
    recorded.noAnswer.add('/w/train.prod.runpod.env');
    const first = await compare(file('/w/train.dev.runpod.env'));
    // Said with its cause: not "too large or unreadable".
    expect(first).toContain(`_Not read, the read ${escapeMarkdown(NO_ANSWER_PROBLEM)}: train.prod.runpod.env._`);
    expect(first).not.toContain('too large');
    const shown = recorded.executed.find((e) => e.command === 'markdown.showPreview')!.args[0];
    const content = () => recorded.providers.get(ENVIRONMENTS_SCHEME)!.provideTextDocumentContent(shown);
    fake.files.set('/w/train.dev.runpod.env', `HF_TOKEN=${ref('hf-token')}\nNEW_KEY=1\n`);
    const withNewKey = rendered(() => content().includes('NEW_KEY'), 'the comparison made again from the saved file');
    for (const listener of recorded.saveListeners) listener({ uri: file('/w/train.dev.runpod.env') });
    await withNewKey;
    expect(content()).toContain(`_Not read, the read ${escapeMarkdown(NO_ANSWER_PROBLEM)}: train.prod.runpod.env._`);
    expect(content()).not.toContain('db\\_password\\_dev');

    // Its file system answers: the next save of a sibling compares it, no command run again.
    recorded.noAnswer.clear();
    const answered = rendered(() => !content().includes(escapeMarkdown(NO_ANSWER_PROBLEM)), 'the comparison with the file that answered');
    for (const listener of recorded.saveListeners) listener({ uri: file('/w/train.dev.runpod.env') });
    await answered;
    // prod's own key, read from it.
    expect(content()).toContain('secret db\\_password\\_dev');
  });

  it('a file refused behind another file that gave no answer is said so, and read again on the next save', async () => {
    recorded.refused.add('/w/train.prod.runpod.env');
    const first = await compare(file('/w/train.dev.runpod.env'));
    expect(first).toContain('_train.prod.runpod.env: not read: a read of /w/stuck.env in the same folder has not answered._');
    expect(first).not.toContain('too large');
    expect(first).not.toContain(escapeMarkdown(NO_ANSWER_PROBLEM));
    const shown = recorded.executed.find((e) => e.command === 'markdown.showPreview')!.args[0];
    recorded.refused.clear();
    recorded.reads = [];
    const readAgain = rendered(() => !recorded.providers.get(ENVIRONMENTS_SCHEME)!.provideTextDocumentContent(shown).includes('not read: a read'), 'the comparison with the refused file read');
    for (const listener of recorded.saveListeners) listener({ uri: file('/w/train.dev.runpod.env') });
    await readAgain;
    expect(recorded.reads).toContain('/w/train.prod.runpod.env');
  });

  it('a file that gave no answer is read again once the user opens it, or saves it', async () => {
    recorded.noAnswer.add('/w/train.prod.runpod.env');
    await compare(file('/w/train.dev.runpod.env'));
    const shown = recorded.executed.find((e) => e.command === 'markdown.showPreview')!.args[0];
    const content = () => recorded.providers.get(ENVIRONMENTS_SCHEME)!.provideTextDocumentContent(shown);
    recorded.noAnswer.clear();
    // Opened in an editor: its text is used on the next refresh, the skip list notwithstanding.
    workspace.textDocuments.push(new FakeDocument(file('/w/train.prod.runpod.env') as never, `OPENED_KEY=1\n`) as never);
    const opened = rendered(() => content().includes('OPENED_KEY'), "the comparison with the open editor's text");
    for (const listener of recorded.saveListeners) listener({ uri: file('/w/train.dev.runpod.env') });
    await opened;
    workspace.textDocuments.length = 0;
    // Saved: dropped from the skip list, read from disk from now on.
    fake.files.set('/w/train.prod.runpod.env', `SAVED_KEY=1\n`);
    const saved = rendered(() => content().includes('SAVED_KEY'), 'the comparison with the saved file');
    for (const listener of recorded.saveListeners) listener({ uri: file('/w/train.prod.runpod.env') });
    await saved;
    expect(content()).not.toContain(escapeMarkdown(NO_ANSWER_PROBLEM));
  });

  it('forgets a comparison whose document closed: a later save makes nothing again', async () => {
    await compare(file('/w/train.dev.runpod.env'));
    const shown = recorded.executed.find((e) => e.command === 'markdown.showPreview')!.args[0] as { scheme: string };
    for (const listener of recorded.closeListeners) listener({ uri: shown });
    fake.reads = [];
    for (const listener of recorded.saveListeners) listener({ uri: file('/w/train.prod.runpod.env') });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.reads).toEqual([]);
    expect(recorded.providers.get(ENVIRONMENTS_SCHEME)!.provideTextDocumentContent(shown)).toContain('Run **RunPod: Compare Environments** again');
  });

  it('a file past the analysis limit is named, and its keys show as missing', async () => {
    fake.stats.set('/w/train.prod.runpod.env', { type: FileType.File, size: ANALYSIS_LIMIT + 1 });
    const markdown = await compare(file('/w/train.dev.runpod.env'));
    expect(markdown).toContain('Not read (too large or unreadable): train.prod.runpod.env');
    expect(markdown).toContain('| `HF_TOKEN` | secret hf-token | **\\(missing\\)** | missing in prod |');
  });

  it('a file larger than a file sent to RunPod (2 MiB) but within the analysis limit is compared, as runpod-check envs compare compares it (its reading stops at ANALYSIS_LIMIT too)', async () => {
    fake.files.set('/w/train.prod.runpod.env', `${'# padding line\n'.repeat((3 * 1024 * 1024) / 15)}HF_TOKEN=${ref('hf-token')}\n`);
    const markdown = await compare(file('/w/train.dev.runpod.env'));
    expect(markdown).not.toContain('Not read');
    expect(markdown).toContain('| `HF_TOKEN` | secret hf-token | secret hf-token | same |');
  });

  it('names once the folders that could not be listed, not one deleted or made a file meanwhile (walk.ts isGoneMeanwhile)', async () => {
    for (const dir of ['locked', 'deleted', 'swapped', 'more/locked2']) fake.files.set(`/w/${dir}/train.staging.runpod.env`, 'HF_TOKEN=1\n');
    recorded.failListing.set('/w/locked', 'NoPermissions');
    recorded.failListing.set('/w/more/locked2', 'Unknown');
    recorded.failListing.set('/w/deleted', 'FileNotFound');
    recorded.failListing.set('/w/swapped', 'FileNotADirectory');
    fake.files.set('/w/serve.dev.runpod.env', 'A=1\n');
    fake.files.set('/w/serve.prod.runpod.env', 'A=2\n');
    const markdown = (await compare())!;
    // Two templates compared, the folders said once for the whole document.
    expect(markdown).toContain('## train');
    expect(markdown).toContain('## serve');
    const notes = markdown.split('\n').filter((line) => line.includes('could not be listed'));
    expect(notes).toEqual(['_Folders that could not be listed (permissions, an error of the file system, or no answer within 20 s), so their files are not compared: locked, more/locked2._']);
    expect(markdown).not.toContain('deleted');
    expect(markdown).not.toContain('swapped');
  });

  it('the document names every folder it could not list (a notification names the first ten, readFound.ts shortList)', async () => {
    for (let i = 0; i < 12; i++) recorded.failListing.set(`/w/locked${String(i).padStart(2, '0')}`, 'NoPermissions');
    for (let i = 0; i < 12; i++) fake.files.set(`/w/locked${String(i).padStart(2, '0')}/a.runpod.env`, 'A=1\n');
    const shown = await compare();
    expect(shown).toContain('so their files are not compared: locked00, locked01,');
    expect(shown).toContain('locked10, locked11._');
  });

  it('with nothing to compare because a folder could not be listed, the message names it rather than only saying to make environments', async () => {
    recorded.failListing.set('/w', 'NoPermissions');
    expect(await compare()).toBeUndefined();
    expect(fake.messages).toEqual([
      expect.objectContaining({ level: 'info', text: expect.stringMatching(/^No template with two or more environments .* Folders that could not be listed \(permissions, an error of the file system, or no answer within 20 s\): w\.$/) }),
    ]);
  });
});
