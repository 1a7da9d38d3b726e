/**
 * Developer: Set Log Level > Trace on "RunPod Language Server" while the server is starting (a window
 * just opened on a large workspace) must turn the message trace on, as it does once the server runs.
 * vscode-languageclient takes the channel's level when a client is built and listens for changes only
 * after `initialize` (client.js hookLogLevelChanged): the stand-in below does exactly that, and the
 * extension's relay (client/src/lsp/traceLevel.ts) repeats a level that changed in between.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { StandInLanguageClient, standInDeps } from './languageClientStandIn';

const TRACE = 1;
const INFO = 3;

/** A LogOutputChannel as VS Code's: a level, its change event, the log methods. */
class FakeLogChannel {
  logLevel = INFO;
  readonly lines: string[] = [];
  private readonly listeners = new Set<(level: number) => void>();
  onDidChangeLogLevel = (listener: (level: number) => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  /** Developer: Set Log Level... on this channel. */
  setLevel(level: number): void {
    this.logLevel = level;
    for (const listener of [...this.listeners]) listener(level);
  }
  trace(line: string): void {
    this.lines.push(line);
  }
  info(): void {}
  error(): void {}
  appendLine(): void {}
  dispose(): void {}
}

const channels: FakeLogChannel[] = [];
vi.mock('vscode', async () => {
  const fake = await import('../extension-ui/vscodeFake');
  return {
    ...fake,
    window: {
      ...fake.window,
      createOutputChannel: () => {
        const channel = new FakeLogChannel();
        channels.push(channel);
        return channel;
      },
    },
  };
});

const clients: LibraryLikeClient[] = [];

/** What vscode-languageclient does with its channel's log level, and a start held until the test lets initialize answer. */
class LibraryLikeClient extends StandInLanguageClient {
  /** `_traceLogLevel`: message tracing is on when it is Trace. */
  traceLevel: number;
  readonly channel: FakeLogChannel;
  private answerInitialize!: () => void;
  readonly initializeAnswered = new Promise<void>((resolve) => (this.answerInitialize = resolve));
  constructor(_id: string, _name: string, _server: unknown, options: { outputChannel: FakeLogChannel }) {
    super();
    this.channel = options.outputChannel;
    this.traceLevel = this.channel.logLevel;
    clients.push(this);
  }
  override async start(): Promise<void> {
    await this.initializeAnswered;
    this.channel.onDidChangeLogLevel((level) => (this.traceLevel = level));
    this.running = true;
  }
  initialize(): void {
    this.answerInitialize();
  }
  /** What the library writes for a message when tracing is on (client.js logTrace: channel.trace). */
  sendNotification(method: string): Promise<void> {
    if (this.traceLevel === TRACE) this.channel.trace(`Sending notification '${method}'.`);
    return Promise.resolve();
  }
}

vi.mock('vscode-languageclient/node', () => ({ LanguageClient: LibraryLikeClient, TransportKind: { ipc: 1 } }));

const { RunpodLanguageClient } = await import('../../client/src/lsp/languageClient');

function languageClient() {
  return new RunpodLanguageClient(standInDeps());
}

describe('the log level of the language server channel', () => {
  beforeEach(() => {
    clients.length = 0;
    channels.length = 0;
  });

  it('set to Trace while the server starts: its messages are traced once it runs', async () => {
    const client = languageClient();
    const started = client.start();
    await vi.waitFor(() => expect(clients).toHaveLength(1));
    const [library] = clients;
    channels[0]!.setLevel(TRACE);
    library!.initialize();
    await started;
    await library!.sendNotification('textDocument/didChange');
    expect(channels[0]!.lines).toContain("Sending notification 'textDocument/didChange'.");
  });

  it('set to Trace once the server runs, then back to Info: traced, then not', async () => {
    const client = languageClient();
    const started = client.start();
    await vi.waitFor(() => expect(clients).toHaveLength(1));
    clients[0]!.initialize();
    await started;
    channels[0]!.setLevel(TRACE);
    await clients[0]!.sendNotification('textDocument/didOpen');
    channels[0]!.setLevel(INFO);
    await clients[0]!.sendNotification('textDocument/didChange');
    expect(channels[0]!.lines).toContain("Sending notification 'textDocument/didOpen'.");
    expect(channels[0]!.lines).not.toContain("Sending notification 'textDocument/didChange'.");
  });

  it('left alone: nothing traced, and the library writes to the extension\'s one channel', async () => {
    const client = languageClient();
    const started = client.start();
    await vi.waitFor(() => expect(clients).toHaveLength(1));
    clients[0]!.initialize();
    await started;
    await clients[0]!.sendNotification('textDocument/didOpen');
    expect(channels).toHaveLength(1);
    expect(channels[0]!.lines).toEqual([]);
    clients[0]!.channel.trace('written through');
    expect(channels[0]!.lines).toEqual(['written through']);
  });
});
