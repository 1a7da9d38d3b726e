/**
 * "RunPod: Show Secret History" shows what runpod-check did with the account it did it in, like
 * the editor's own entries: the CLI's own code (run(), in process) writes its history file against
 * the fake RunPod API with --account, the editor reads that file as activate() wires it, and the
 * document the command opens names both accounts the same way. Never a key or a value.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { run } from '../../client/src/cli/run';
import type { Io } from '../../client/src/cli/io';
import { registerSecretCommands } from '../../client/src/commands/index';
import { historyFilePath, readHistoryFile } from '../../client/src/secrets/historyFile';
import { escapeMarkdown } from '../../client/src/views/markdown';
import { SecretHistory } from '../../client/src/secrets/historyStore';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { fakeApiServices } from './fakeApiServices';
import { MemoryMemento, NOW } from './lifecycleHelpers';
import { fake as editor, virtualDocs } from './vscodeFake';

const CLI_VALUE = 'cli-history-value-7f3a';
const EDITOR_VALUE = 'editor-history-value-2b9c';
let api: FakeRunpod;
let env: Awaited<ReturnType<typeof fakeApiServices>>;
let home: string;

beforeAll(async () => {
  api = await startFakeRunpod({ seed: true });
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-history-ui-'));
});
afterAll(async () => {
  await api.close();
  fs.rmSync(home, { recursive: true, force: true });
});
beforeEach(() => editor.reset());
afterEach(async () => env?.close());

/** The command line's terminal, in memory: a piped value on stdin, no terminal to prompt on. */
function cliIo(vars: Record<string, string>, stdin: string): Io & { out: string[] } {
  const out: string[] = [];
  return {
    env: vars,
    cwd: home,
    out,
    stdout: (t) => void out.push(t),
    stderr: (t) => void out.push(t),
    stdinIsTTY: false,
    readStdin: async () => ({ bytes: new TextEncoder().encode(stdin), truncated: false }),
    prompt: async () => {
      throw new Error('no terminal');
    },
  };
}

describe('Show Secret History with entries of runpod-check', () => {
  it("names the CLI entry's account as it names the editor's: account (host), beside the source", async () => {
    const vars = { HOME: home, XDG_STATE_HOME: path.join(home, 'state'), RUNPOD_API_URL: api.url, RUNPOD_API_KEY_TEAM: api.apiKey, RUNPOD_TIMEOUT_MS: '5000' };
    const io = cliIo(vars, CLI_VALUE);
    expect(await run(['secrets', 'create', 'from-cli', '--account', 'team'], io), io.out.join('')).toBe(0);

    env = await fakeApiServices(api);
    // As activate() wires it: the editor's storage, and the CLI's file read when the history is shown.
    env.services.lifecycle.history = new SecretHistory({ memento: new MemoryMemento(), now: () => NOW, readCliEntries: () => readHistoryFile(historyFilePath(vars)) });
    registerSecretCommands(env.services);
    await env.store.create({ name: 'from-editor', value: EDITOR_VALUE });
    // The record is queued behind the store's write; the in-memory memento settles within a turn.
    await new Promise((resolve) => setImmediate(resolve));

    await (editor.commands.get('runpod.secrets.showHistory')!() as Promise<unknown>);
    const [doc] = [...virtualDocs.documents.values()];
    const lines = doc?.text.split('\n') ?? [];
    // The first history line under the secret's heading (RunPod's dates come before it).
    const line = (secret: string) => lines.slice(lines.indexOf(`## ${escapeMarkdown(secret)}`)).find((l) => l.startsWith('- '));
    const host = new URL(api.url).host;
    expect(line('from-cli')).toMatch(/ · created · runpod-check · /);
    expect(line('from-cli')!.endsWith(` · ${escapeMarkdown(`team (${host})`)}`)).toBe(true);
    expect(line('from-editor')).toMatch(/ · created · editor · /);
    expect(line('from-editor')!.endsWith(` · ${escapeMarkdown(`default (${host})`)}`)).toBe(true);
    for (const secret of [api.apiKey, CLI_VALUE, EDITOR_VALUE]) {
      expect(doc?.text).not.toContain(secret);
      expect(fs.readFileSync(historyFilePath(vars), 'utf8')).not.toContain(secret);
    }
  });
});
