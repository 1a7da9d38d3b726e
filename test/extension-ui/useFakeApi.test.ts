/**
 * "Use the Local Fake API" (Secrets view welcome): asks for the fake's URL, prefilled with a
 * loopback runpod.apiUrl already set (a demo on another port) and checked to be on this machine.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const settings = vi.hoisted(() => ({
  globalApiUrl: undefined as string | undefined,
  updates: [] as [string, unknown, unknown][],
  executed: [] as string[],
}));

vi.mock('vscode', async () => {
  const base = await import('./vscodeFake');
  return {
    ...base,
    workspace: {
      ...base.workspace,
      getConfiguration: () => ({
        get: () => undefined,
        inspect: (key: string) => (key === 'apiUrl' ? { defaultValue: 'https://api.runpod.io/v2', globalValue: settings.globalApiUrl } : undefined),
        update: async (key: string, value: unknown, target: unknown) => {
          settings.updates.push([key, value, target]);
        },
      }),
    },
    commands: {
      ...base.commands,
      executeCommand: async (id: string) => {
        settings.executed.push(id);
      },
    },
  };
});

import type { CoreServices } from '../../client/src/auth/session';
import { fakeApiUrlPrefill, fakeApiUrlProblem, register } from '../../client/src/commands/useFakeApi';
import { ConfigurationTarget, fake, type FakeInputBox } from './vscodeFake';
import { fakeServices } from './flowHelpers';

beforeEach(() => {
  fake.reset();
  settings.globalApiUrl = undefined;
  settings.updates = [];
  settings.executed = [];
});

function run(): Promise<unknown> {
  const { services } = fakeServices();
  // No key saved anywhere: the command itself offers Set API Key (keyOrigin.test.ts covers a key saved for RunPod).
  const core = { ...services, keys: { lookup: async () => ({ kind: 'none' }) } } as unknown as CoreServices;
  register(core);
  return fake.commands.get('runpod.useFakeApi')!() as Promise<unknown>;
}

describe('Use the Local Fake API', () => {
  it('prefills the runpod.apiUrl of a fake on another port and keeps it', async () => {
    settings.globalApiUrl = 'http://127.0.0.1:9911/v2';
    fake.inputScript.push((box: FakeInputBox) => box.accept());
    fake.dialogAnswers.push('Set API Key');
    await run();
    expect(fake.boxes[0]?.value).toBe('http://127.0.0.1:9911/v2');
    expect(settings.updates).toEqual([['apiUrl', 'http://127.0.0.1:9911/v2', ConfigurationTarget.Global]]);
    expect(settings.executed).toEqual(['runpod.setApiKey']);
  });

  it('says how to start the fake and where its key is, for a user who only has the extension', async () => {
    fake.inputScript.push((box: FakeInputBox) => box.accept());
    await run();
    expect(fake.boxes[0]?.prompt).toContain("'npm run fake-api'");
    // The fake prints its URL and key on start (`RunPod fake API listening on <url> (API key: <key>)`).
    expect(fake.messages.at(-1)?.text).toMatch(/Set the API key that the fake API printed when it started\./);
  });

  it('prefills the default fake URL while runpod.apiUrl is RunPod itself, and takes a typed port', async () => {
    fake.inputScript.push((box: FakeInputBox) => {
      box.type('http://localhost:9000/v2/');
      box.accept();
    });
    await run();
    expect(fake.boxes[0]?.value).toBe('http://127.0.0.1:8787/v2');
    expect(settings.updates).toEqual([['apiUrl', 'http://localhost:9000/v2', ConfigurationTarget.Global]]);
    expect(settings.executed).toEqual([]);
  });

  it('refuses a URL off this machine and changes nothing on Escape', async () => {
    fake.inputScript.push((box: FakeInputBox) => {
      box.type('https://api.runpod.io/v2');
      box.accept(); // refused: the box stays open
      setTimeout(() => box.hide(), 0);
    });
    await run();
    expect(fake.shown.join('\n')).toMatch(/on this machine \(localhost or 127\.0\.0\.1\)/);
    expect(settings.updates).toEqual([]);
  });
});

describe('fake API URL rules', () => {
  it('prefill keeps loopback URLs only', () => {
    expect(fakeApiUrlPrefill('http://localhost:8788/v2')).toBe('http://localhost:8788/v2');
    expect(fakeApiUrlPrefill('https://api.runpod.io/v2')).toBe('http://127.0.0.1:8787/v2');
    expect(fakeApiUrlPrefill('https://proxy.example.com/v2')).toBe('http://127.0.0.1:8787/v2');
  });

  it('accepts http(s) on loopback hosts, nothing else', () => {
    for (const ok of ['http://127.0.0.1:8787/v2', 'http://localhost:1234/v2', 'https://[::1]:8443/v2', 'http://127.1.2.3/v2']) {
      expect(fakeApiUrlProblem(ok), ok).toBeUndefined();
    }
    for (const bad of ['', '127.0.0.1:8787', 'ftp://127.0.0.1/v2', 'http://example.com/v2', 'http://10.0.0.1:8787/v2']) {
      expect(fakeApiUrlProblem(bad), bad).toMatch(/on this machine/);
    }
    expect(fakeApiUrlProblem('http://127.0.0.1:8787/v2?x=1')).toMatch(/query or fragment/);
    expect(fakeApiUrlProblem('http://u:p@127.0.0.1:8787/v2')).toMatch(/user name or password/);
  });
});
