/**
 * LSP orders a session: `initialize` first and once. A client that sends a request before it gets
 * ServerNotInitialized (-32002); a second `initialize` is refused (InvalidRequest) and changes
 * nothing. It used to be taken: a push client that sent it with pull capabilities got no more
 * diagnostics, its secret list was replaced, and a `processId` of a process gone made the RPC
 * library's watchdog exit the server within 3 seconds.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProtocolConnection, ErrorCodes, type ProtocolConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { FRESH, uri } from './fixtures';
import { LspClient, PUSH_CAPABILITIES, SERVER, ensureServerBuilt } from './lspClient';

const TEXT = 'HF_TOKEN={{ RUNPOD_SECRET_hf-tokn }}\n';

async function refusal(promise: Promise<unknown>): Promise<{ code: number; message: string } | 'answered'> {
  return promise.then(
    () => 'answered' as const,
    (error: unknown) => (error instanceof ResponseError ? { code: error.code, message: error.message } : { code: 0, message: String(error) }),
  );
}

/** A server on stdio with nothing sent yet (LspClient initializes at once): `talk` runs on its connection, then it is killed. */
async function rawSession(talk: (connection: ProtocolConnection) => Promise<void>): Promise<void> {
  ensureServerBuilt();
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  try {
    await talk(connection);
  } finally {
    connection.dispose();
    child.kill('SIGKILL');
  }
}

/** Initializes `connection` as a client with no capabilities would, and opens `u` with {@link TEXT}: its symbols then name HF_TOKEN. */
async function startAndOpen(connection: ProtocolConnection, u: string): Promise<void> {
  expect(await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { secrets: FRESH } })).toMatchObject({ capabilities: { hoverProvider: true } });
  await connection.sendNotification('initialized', {});
  expect(await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } })).toEqual([]);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'runpod-env', version: 1, text: TEXT } });
  expect(await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } })).toMatchObject([{ name: 'HF_TOKEN' }]);
}

describe('a request before initialize', () => {
  it('is refused with ServerNotInitialized; initialize then starts the session as usual', async () => {
    await rawSession(async (connection) => {
      const u = uri('early.runpod.env');
      // A notification before initialize is dropped (LSP): this document is not open afterwards.
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'runpod-env', version: 1, text: TEXT } });
      const early = await refusal(connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 30 } }));
      expect(early).toMatchObject({ code: ErrorCodes.ServerNotInitialized });
      expect((early as { message: string }).message).toMatch(/initialize/);
      await startAndOpen(connection, u);
    });
  });
});

describe('an initialize that fails', () => {
  it('starts no session: a request is still refused, and an initialize sent again starts it', async () => {
    await rawSession(async (connection) => {
      // Params that are no object with a capabilities object: the client's mistake (InvalidParams), refused
      // before the RPC library runs anything (with null it answered its own InternalError).
      for (const params of [null, { processId: null, rootUri: null }, { processId: null, capabilities: null }, { processId: null, capabilities: 'all' }]) {
        expect(await refusal(connection.sendRequest('initialize', params)), JSON.stringify(params)).toMatchObject({ code: ErrorCodes.InvalidParams, message: expect.stringMatching(/^initialize: .*capabilities/) });
      }
      const u = uri('retried.runpod.env');
      expect(await refusal(connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } }))).toMatchObject({ code: ErrorCodes.ServerNotInitialized });
      await startAndOpen(connection, u);
    });
  });
});

describe('a second initialize', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ capabilities: PUSH_CAPABILITIES, initializationOptions: { secrets: FRESH } });
  });
  afterAll(() => client.stop());

  it('is refused as an invalid request, and the session goes on as it was initialized', async () => {
    const u = uri('again.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    expect((await client.pushedFor(u, 1)).map((d) => d.code)).toContain('unknown-secret');

    const again = await refusal(client.connection.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true } },
      initializationOptions: { secrets: { state: 'unknown' } },
    }));
    expect(again).toMatchObject({ code: ErrorCodes.InvalidRequest });
    expect((again as { message: string }).message).toMatch(/initialize/);

    // Still pushed (not switched to pull), and judged against the list of the first initialize.
    const at = TEXT.indexOf('hf-tokn') + 'hf-tok'.length;
    await client.change(u, at, at + 1, 'x');
    expect((await client.pushedFor(u, 2)).map((d) => d.code)).toContain('unknown-secret');
    expect(client.alive).toBe(true);
  });
});
