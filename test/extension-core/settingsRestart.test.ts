/**
 * A `runpod.files` change that builds another document selector restarts the language client; the
 * client's own settings sync (synchronize.configurationSection) sees the same change and sends
 * workspace/didChangeConfiguration to the client being stopped. vscode-languageclient shows a
 * failed send as an error notification and logs it ("Sending notification
 * workspace/didChangeConfiguration failed Error: Starting server failed"): a change that worked
 * must not raise either. The LanguageClient is a stand-in that does what the library does on a
 * settings change (configuration.js SyncConfigurationFeature.onDidChangeConfiguration).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { StandInLanguageClient, standInDeps } from './languageClientStandIn';

vi.mock('vscode', async () => {
  const fake = await import('../extension-ui/vscodeFake');
  return { ...fake, window: { ...fake.window, createOutputChannel: () => ({ dispose() {}, info() {}, error() {}, appendLine() {}, logLevel: 2, onDidChangeLogLevel: () => ({ dispose() {} }) }) } };
});

type Send = (sections: string[]) => Promise<void>;
type ConfigurationMiddleware = (sections: string[], next: Send) => Promise<void>;

const clients: FakeLanguageClient[] = [];

class FakeLanguageClient extends StandInLanguageClient {
  /** What the library would show as an error notification and write to the log. */
  readonly errors: unknown[] = [];
  constructor(_id: string, _name: string, readonly server: { run: { options: { execArgv?: string[] } }; debug: { options: { execArgv?: string[] } } }, readonly options: { middleware?: { workspace?: { didChangeConfiguration?: ConfigurationMiddleware } } }) {
    super();
    clients.push(this);
  }
  /** The requests sent, with the token each was sent with. */
  readonly requests: { method: string; token: { isCancellationRequested: boolean } }[] = [];
  /**
   * As vscode-jsonrpc's: a cancelled token only sends $/cancelRequest; the promise settles when the
   * server answers, which a server still indexing the workspace does not (here: never).
   */
  sendRequest(method: string, _params: unknown, token: { isCancellationRequested: boolean }): Promise<unknown> {
    this.requests.push({ method, token });
    return new Promise(() => {});
  }
  /** As the library's: the connection is looked up after an await, so a stop begun meanwhile fails the send. */
  async sendNotification(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (!this.running) throw new Error('Starting server failed');
  }
  /** The library's listener for a change of the synchronized section: the middleware, else the send; a failure is an error shown to the user. */
  configurationChanged(): void {
    const send: Send = () => this.sendNotification();
    const middleware = this.options.middleware?.workspace?.didChangeConfiguration;
    (middleware ? middleware(['runpod'], send) : send(['runpod'])).catch((error: unknown) => this.errors.push(error));
  }
}

vi.mock('vscode-languageclient/node', () => ({ LanguageClient: FakeLanguageClient, TransportKind: { ipc: 1 } }));

const { RunpodLanguageClient } = await import('../../client/src/lsp/languageClient');
const { SERVER_NODE_FLAGS } = await import('../../server/src/youngGeneration');
const { indexUnavailableReason } = await import('../../client/src/secrets/workspaceIndex');
const { CancellationTokenSource } = await import('vscode');
const { spawnSync } = await import('node:child_process');
const { readFileSync } = await import('node:fs');
const { join } = await import('node:path');

function languageClient(selectors: unknown[][]) {
  const logged: string[] = [];
  const client = new RunpodLanguageClient(standInDeps(() => selectors.shift() ?? [], logged));
  return { client, logged };
}

describe('a runpod.files change that restarts the language client', () => {
  beforeEach(() => {
    clients.length = 0;
  });

  it('raises no error: the settings sent to the client being stopped are not sent (the new client starts with them)', async () => {
    const { client, logged } = languageClient([[], [{ scheme: 'file', pattern: '**/*.pod.json' }]]);
    await client.start();
    const [old] = clients;
    // Both listeners see the one change: the extension's (restart: the selector differs), then the library's.
    const restarted = client.settingsChanged();
    old!.configurationChanged();
    await restarted;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(clients).toHaveLength(2);
    expect(clients[1]!.running).toBe(true);
    expect(old!.errors).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('a send to the running client that fails is still reported', async () => {
    const { client } = languageClient([[], []]);
    await client.start();
    const [running] = clients;
    running!.sendNotification = () => Promise.reject(new Error('the server is gone'));
    running!.configurationChanged();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(running!.errors).toEqual([new Error('the server is gone')]);
  });
});

describe('an index request (View Secret, Find Usages) to a server that does not answer', () => {
  beforeEach(() => {
    clients.length = 0;
  });

  it('fails at the request time limit, the request cancelled, instead of waiting for the server (a fresh window still indexing): the search falls back', async () => {
    vi.useFakeTimers();
    try {
      const { client } = languageClient([[]]);
      await client.start();
      const asked = client.secretUsages({ names: ['db'] });
      const failed = expect(asked).rejects.toThrow(/did not answer/);
      await vi.advanceTimersByTimeAsync(15_000);
      await failed;
      expect(clients[0]!.requests.map((r) => [r.method, r.token.isCancellationRequested])).toEqual([['runpod/secretUsages', true]]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says the server did not answer in time, not that it is not running (it runs, still building its first index)', async () => {
    vi.useFakeTimers();
    try {
      const { client } = languageClient([[]]);
      await client.start();
      const asked = client.secretUsages({ names: ['db'] }).catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(15_000);
      expect(indexUnavailableReason(await asked)).toBe('the language server did not answer within 15 s (still indexing the workspace?)');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a rename has no time limit (the references of a workspace still indexing would stay unrenamed): it waits until the caller cancels, which cancels the request', async () => {
    vi.useFakeTimers();
    try {
      const { client } = languageClient([[]]);
      await client.start();
      const cancel = new CancellationTokenSource();
      let settled = false;
      const asked = client.renameSecret({ from: 'a', to: 'b', account: 'default' }, cancel.token).finally(() => (settled = true));
      const failed = expect(asked).rejects.toThrow(/cancelled/);
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      expect(settled).toBe(false);
      expect(clients[0]!.requests.map((r) => [r.method, r.token.isCancellationRequested])).toEqual([['runpod/renameSecret', false]]);
      cancel.cancel();
      await failed;
      expect(clients[0]!.requests.map((r) => [r.method, r.token.isCancellationRequested])).toEqual([['runpod/renameSecret', true]]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the server process', () => {
  beforeEach(() => {
    clients.length = 0;
  });

  it('starts with the server\'s Node flags (youngGeneration.ts), run and debug alike', async () => {
    const { client } = languageClient([[]]);
    await client.start();
    const [started] = clients;
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
    expect(started!.server.run.options.execArgv).toEqual([...SERVER_NODE_FLAGS]);
    expect(started!.server.debug.options.execArgv!.slice(0, SERVER_NODE_FLAGS.length)).toEqual([...SERVER_NODE_FLAGS]);
  });

  it('the README gives any editor the same command: node, the flags, the server', () => {
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    expect(readme).toContain(`node ${SERVER_NODE_FLAGS.join(' ')} dist/server.js --stdio`);
  });

  it('the flags keep V8\'s young generation small while much survives (a Node that took them: no warning, new space at most 4 MB)', () => {
    // Allocates 400,000 small objects that stay alive (as a large file's analysis does), then reads the new space's size.
    const script = "const v8=require('v8');const keep=[];for(let i=0;i<400000;i++)keep.push({i,s:'k'+i});" +
      "const ns=v8.getHeapSpaceStatistics().find((s)=>s.space_name==='new_space');console.log(JSON.stringify({size:ns.space_size,kept:keep.length}));";
    const run = (flags: readonly string[]) => spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' });
    const flagged = run(SERVER_NODE_FLAGS);
    expect(flagged.stderr).toBe('');
    expect(JSON.parse(flagged.stdout).size).toBeLessThanOrEqual(4 * 2 ** 20);
    // Without them the same allocation grows it past that: the bound above says something.
    expect(JSON.parse(run([]).stdout).size).toBeGreaterThan(4 * 2 ** 20);
  });
});
