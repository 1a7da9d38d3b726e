import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPCMessageReader, IPCMessageWriter, InitializeRequest, createProtocolConnection } from 'vscode-languageserver/node';
import { LspClient, PULL_CAPABILITIES, PUSH_CAPABILITIES, ROOT, SERVER, ensureServerBuilt } from './lspClient';

beforeAll(() => ensureServerBuilt());

describe('initialize', () => {
  const clients: LspClient[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.stop()));
  });

  it('announces incremental sync, completion triggers, hover, code actions, symbols and pull diagnostics', async () => {
    const client = await LspClient.start({ capabilities: PULL_CAPABILITIES });
    clients.push(client);
    const caps = client.initializeResult.capabilities;
    expect(caps.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(caps.completionProvider?.triggerCharacters).toEqual(expect.arrayContaining(['{', ' ', '_']));
    // Not `=`: a list opened at an empty value would take KEY= + Enter as a reference.
    expect(caps.completionProvider?.triggerCharacters).not.toContain('=');
    expect(caps.hoverProvider).toBe(true);
    expect(caps.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'refactor.rewrite'], resolveProvider: true });
    expect(caps.documentSymbolProvider).toBe(true);
    expect(caps.diagnosticProvider).toMatchObject({ interFileDependencies: false, workspaceDiagnostics: true });
    expect(caps.referencesProvider).toBe(true);
    expect(caps.documentHighlightProvider).toBe(true);
    expect(caps.workspaceSymbolProvider).toBe(true);
    expect(caps.renameProvider).toBeTruthy();
  });

  it('does not announce pull diagnostics to a client without them (it pushes instead)', async () => {
    const client = await LspClient.start({ capabilities: PUSH_CAPABILITIES });
    clients.push(client);
    expect(client.initializeResult.capabilities.diagnosticProvider).toBeUndefined();
  });

  it('survives an initialize without capabilities and keeps stdout clean for the protocol', async () => {
    const client = await LspClient.start({ capabilities: {} });
    clients.push(client);
    expect(client.initializeResult.capabilities.hoverProvider).toBe(true);
    expect(client.errorOutput).toBe('');
  });
});

describe('--node-ipc transport (what vscode-languageclient uses with TransportKind.ipc)', () => {
  it('answers initialize over the IPC channel', async () => {
    const child = spawn(process.execPath, [SERVER, '--node-ipc'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
      expect(result.capabilities.documentSymbolProvider).toBe(true);
    } finally {
      connection.dispose();
      child.kill('SIGKILL');
    }
  });
});
