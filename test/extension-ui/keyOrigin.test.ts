/**
 * The key goes only where it was meant to go: a key belongs to the origin it was saved for, and a
 * change of runpod.apiUrl sends it nowhere else until the user says yes in a modal that names both
 * origins. Flows on the scripted VS Code stand-in, against two real fake RunPod APIs behind fronts
 * that record every Authorization header that reaches them.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => {
  const base = await import('./vscodeFake');
  const { configuration } = await import('./settingsBackend');
  return { ...base, workspace: { ...base.workspace, isTrusted: true, getConfiguration: configuration } };
});

import { prepareKeys } from '../../client/src/auth/keyEvents';
import { register as registerClearApiKey } from '../../client/src/commands/clearApiKey';
import { register as registerUseFakeApi } from '../../client/src/commands/useFakeApi';
import { checkApiUrl } from '../../client/src/config';
import { describeStatus } from '../../client/src/status/statusText';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { keyHarness, MemorySecretStorage, startFront, type Front, type KeyHarness } from './keyHarness';
import { configuration, settingsBackend } from './settingsBackend';
import { fake, type FakeInputBox } from './vscodeFake';

/** "RunPod": the server the key was saved for. */
let runpod: FakeRunpod;
/** Another server (a local fake, a gateway) that would accept the same key if it were sent. */
let other: FakeRunpod;
let a: Front;
let b: Front;
let h: KeyHarness;

beforeAll(async () => {
  runpod = await startFakeRunpod({ seed: true });
  other = await startFakeRunpod({ apiKey: runpod.apiKey });
  a = await startFront(runpod.url);
  b = await startFront(other.url);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close(), runpod.close(), other.close()]);
});
beforeEach(() => {
  fake.reset();
  a.authorizations.length = 0;
  b.authorizations.length = 0;
  settingsBackend.apiUrl = a.url;
  h = keyHarness();
});
afterEach(() => h.close());

/** The header A's key makes. */
const sentKey = () => `Bearer ${runpod.apiKey}`;

/** Signed in for A: the key saved for A's origin and one good listing. */
async function signedInForA(): Promise<void> {
  await h.keys.set(a.origin, runpod.apiKey);
  await h.settled();
  await h.store.refresh();
  expect(h.store.state.kind).toBe('fresh');
  expect(a.authorizations).toContain(sentKey());
}

function modal() {
  return fake.messages.filter((m) => m.level === 'warning' && m.text.startsWith('Send your RunPod API key'));
}

describe('switching runpod.apiUrl to another origin', () => {
  it('the new server receives no Authorization header until the user says yes', async () => {
    await signedInForA();
    fake.dialogAnswers.push(undefined); // the modal: Cancel / Escape
    await configurationUpdate(b.url);
    await h.store.refresh(); // and any later refresh
    expect(b.authorizations).toEqual([]);

    // The question named both origins, never the key; the state says signed out for B, and why.
    expect(modal()).toHaveLength(1);
    expect(`${modal()[0]!.text} ${modal()[0]!.detail}`).toContain(b.origin);
    expect(modal()[0]!.detail).toContain(a.origin);
    expect(fake.shown.join('\n')).not.toContain(runpod.apiKey);
    expect(h.store.state).toEqual({ kind: 'signed-out', origin: b.origin, keyFor: a.origin });
    const status = describeStatus(h.store.state, 0);
    expect(status.text).toBe(`$(key) RunPod: signed out for ${new URL(b.origin).host}`);
    expect(status.tooltip).toContain(`Click to set a key for ${b.origin}`);
    expect(status.command).toBe('runpod.setApiKey');

    // A command that needs the API asks again; this time the user says yes.
    fake.dialogAnswers.push(`Send Key to ${b.origin}`);
    const api = await h.core.requireApi();
    await h.settled();
    expect(api).toBeDefined();
    expect(b.authorizations.length).toBeGreaterThan(0);
    expect(new Set(b.authorizations)).toEqual(new Set([sentKey()]));
    expect(h.store.state.kind).toBe('fresh');
    expect(h.logged.join('\n')).not.toContain(runpod.apiKey);
  });

  it('after a yes the key is saved for both origins: switching back and forth asks no more', async () => {
    await signedInForA();
    fake.dialogAnswers.push(`Send Key to ${b.origin}`);
    await configurationUpdate(b.url);
    expect(h.store.state.kind).toBe('fresh');
    await configurationUpdate(a.url);
    await configurationUpdate(b.url);
    expect(modal()).toHaveLength(1);
    expect(h.store.state.kind).toBe('fresh');
  });

  it('"Set API Key for <origin>" saves a key for the new origin only; the old key never goes there', async () => {
    await signedInForA();
    const keyForB = 'rp_other_server_key_0123456789';
    const third = await startFakeRunpod({ apiKey: keyForB });
    const c = await startFront(third.url);
    try {
      fake.dialogAnswers.push(`Set API Key for ${c.origin}…`);
      fake.inputScript.push((box: FakeInputBox) => {
        box.type(keyForB);
        box.accept();
      });
      await configurationUpdate(c.url);
      expect(fake.boxes[0]?.title).toBe(`RunPod: Set API Key for ${c.origin}`);
      expect(new Set(c.authorizations)).toEqual(new Set([`Bearer ${keyForB}`]));
      expect(h.store.state.kind).toBe('fresh');

      // Back to A: its own key, no question, and B's key never reaches A.
      a.authorizations.length = 0;
      await configurationUpdate(a.url);
      expect(modal()).toHaveLength(1);
      expect(new Set(a.authorizations)).toEqual(new Set([sentKey()]));
    } finally {
      await c.close();
      await third.close();
    }
  });

  it('"Switch Back" restores the previous runpod.apiUrl, where the key belongs', async () => {
    await signedInForA();
    fake.dialogAnswers.push(`Switch Back to ${a.origin}`);
    await configurationUpdate(b.url);
    expect(settingsBackend.apiUrl).toBe(a.url);
    expect(b.authorizations).toEqual([]);
    expect(h.store.state.kind).toBe('fresh');
  });

  it('the same origin with another path keeps the key without asking', async () => {
    await signedInForA();
    await configurationUpdate(`${a.origin}/v2/`);
    expect(modal()).toHaveLength(0);
    expect(h.store.state.kind).toBe('fresh');
  });

  it('"Use the Local Fake API" while signed in for RunPod asks once, and sends nothing on a no', async () => {
    await signedInForA();
    registerUseFakeApi(h.core);
    fake.inputScript.push((box: FakeInputBox) => {
      box.type(b.url);
      box.accept();
    });
    fake.dialogAnswers.push(undefined);
    await fake.commands.get('runpod.useFakeApi')!();
    await h.settled();
    expect(settingsBackend.apiUrl).toBe(b.url);
    expect(modal()).toHaveLength(1);
    expect(b.authorizations).toEqual([]);
  });
});

describe('a runpod.apiUrl that carries credentials', () => {
  it('is refused with a message that does not echo it; the log, the state and the status bar never hold it', async () => {
    await signedInForA();
    for (const typed of [`http://user:tok_secret_1@${a.url.slice('http://'.length)}`, `${a.url}?token=tok_secret_2`]) {
      await configurationUpdate(typed);
      // An unusable URL has no cached list of its own (the harness keeps lists as activate() does).
      expect(h.store.state).toMatchObject({ kind: 'error', error: { kind: 'invalid-config' } });
      const status = describeStatus(h.store.state, h.store.secrets.length);
      const everything = [...h.logged, JSON.stringify(h.store.state), status.text, status.tooltip, ...fake.shown].join('\n');
      expect(everything).toMatch(/must not contain/);
      expect(everything).not.toMatch(/tok_secret|user:/);
    }
    expect(modal()).toHaveLength(0);
  });
});

describe('keys saved before keys had an origin, and RUNPOD_API_KEY', () => {
  it('the single key of older versions is saved for the URL in effect, without asking, and goes nowhere else', async () => {
    const secrets = new MemorySecretStorage();
    await secrets.store('runpod.apiKey', runpod.apiKey);
    h.close();
    h = keyHarness(secrets);
    await prepareKeys(h.keys, checkApiUrl(settingsBackend.apiUrl), h.core.log, {});
    expect(secrets.data.has('runpod.apiKey')).toBe(false);
    expect(await h.keys.all()).toEqual([{ account: 'default', origin: a.origin, key: runpod.apiKey }]);
    await h.store.refresh();
    expect(h.store.state.kind).toBe('fresh');

    fake.dialogAnswers.push(undefined);
    await configurationUpdate(b.url);
    expect(b.authorizations).toEqual([]);
  });

  it('RUNPOD_API_KEY is saved for the origin in effect at import, and not sent to another', async () => {
    settingsBackend.apiUrl = b.url;
    await prepareKeys(h.keys, checkApiUrl(b.url), h.core.log, { RUNPOD_API_KEY: ` ${runpod.apiKey}\n` });
    expect(await h.keys.all()).toEqual([{ account: 'default', origin: b.origin, key: runpod.apiKey }]);
    expect(h.logged).toContain(`Stored the API key from RUNPOD_API_KEY for ${b.origin}.`);

    fake.dialogAnswers.push(undefined);
    await configurationUpdate(a.url);
    expect(a.authorizations).toEqual([]);
    expect(h.store.state).toEqual({ kind: 'signed-out', origin: a.origin, keyFor: b.origin });
  });

  it('a RUNPOD_API_KEY no API key looks like is refused without echoing it', async () => {
    await prepareKeys(h.keys, checkApiUrl(a.url), h.core.log, { RUNPOD_API_KEY: 'two words here' });
    expect(await h.keys.all()).toEqual([]);
    expect(h.logged.join('\n')).toMatch(/Ignored RUNPOD_API_KEY/);
    expect(h.logged.join('\n')).not.toContain('two words');
  });
});

describe('Clear API Key', () => {
  it('forgets the key for every origin it was saved for', async () => {
    await h.keys.set(a.origin, runpod.apiKey);
    await h.keys.set(b.origin, 'rp_other_server_key_0123456789');
    registerClearApiKey(h.core);
    await fake.commands.get('runpod.clearApiKey')!();
    await h.settled();
    expect(await h.keys.all()).toEqual([]);
    expect(fake.messages.at(-1)?.text).toBe(`RunPod API keys cleared (for ${a.origin}, ${b.origin}).`);
    expect(h.store.state).toEqual({ kind: 'signed-out' });
  });

  it('says there was nothing to clear when no key is saved, rather than that one was cleared', async () => {
    registerClearApiKey(h.core);
    await fake.commands.get('runpod.clearApiKey')!();
    await h.settled();
    expect(fake.messages.at(-1)?.text).toBe('No RunPod API key is set: nothing to clear.');
    expect(h.store.state).toEqual({ kind: 'signed-out' });
  });
});

/** Changes runpod.apiUrl as the Settings editor does, then waits for the extension's reaction. */
async function configurationUpdate(url: string): Promise<void> {
  await configuration().update('apiUrl', url);
  await h.settled();
}
