/**
 * Requests with hostile params a buggy or stale client may send: positions past the document's end
 * or negative, ranges backwards, unknown or closed URIs, a codeAction/resolve whose data the client
 * made up, a document changed with a version from the future. Each answer is a result (null or
 * empty where there is nothing) or an LSP error; no handler throws (the guard's "failed" log line)
 * and the server keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeActionResolveRequest, DidChangeTextDocumentNotification } from 'vscode-languageserver/node';
import { FRESH } from '../fixtures';
import type { LspClient } from '../lspClient';
import { startOn, TempWorkspace } from './helpers';

const DEV = 'HF={{ RUNPOD_SECRET_hf-token }}\nA=1\n';
const PROD = 'HF={{ RUNPOD_SECRET_hf-token }}\n';

describe('hostile params', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  let dev: string;
  let unknown: string;
  beforeAll(async () => {
    ws = new TempWorkspace({ 'train.dev.runpod.env': DEV, 'train.prod.runpod.env': PROD });
    client = await startOn(ws, { initializationOptions: { secrets: FRESH } });
    dev = ws.uriOf('train.dev.runpod.env');
    unknown = ws.uriOf('never-opened.runpod.env');
    await client.open(dev, 'runpod-env', DEV);
  });
  afterAll(async () => {
    await client.stop();
    ws.dispose();
  });

  const POSITIONS = [
    { line: 1e9, character: 0 },
    { line: 0, character: 1e9 },
    { line: -1, character: -5 },
    { line: 0.5, character: 2.5 },
    { line: Number.MAX_SAFE_INTEGER, character: Number.MAX_SAFE_INTEGER },
  ];
  const settle = (method: string, params: unknown): Promise<string> =>
    client.connection.sendRequest(method, params).then(
      (result) => `answered ${JSON.stringify(result)?.slice(0, 60)}`,
      (error: Error) => `refused: ${error.message}`,
    );
  const noHandlerThrew = () => expect(client.logs.filter((l) => /failed:/.test(l))).toEqual([]);

  it('positions past the end, negative or fractional, and backward ranges, on an open and an unknown document', async () => {
    for (const u of [dev, unknown]) {
      for (const position of POSITIONS) {
        const at = { textDocument: { uri: u }, position };
        const range = { start: position, end: { line: 0, character: 0 } };
        for (const [method, params] of [
          ['textDocument/hover', at],
          ['textDocument/completion', at],
          ['textDocument/references', { ...at, context: { includeDeclaration: true } }],
          ['textDocument/documentHighlight', at],
          ['textDocument/prepareRename', at],
          ['textDocument/rename', { ...at, newName: 'hf-token2' }],
          ['textDocument/codeAction', { textDocument: { uri: u }, range, context: { diagnostics: [{ range, message: 'x', code: 'missing-in-environment' }] } }],
          ['runpod/renameLeftOut', at],
        ] as const) {
          expect(await settle(method, params), `${method} ${u} ${JSON.stringify(position)}`).toMatch(/^(answered|refused: \S)/);
        }
      }
    }
    noHandlerThrew();
    expect(client.alive).toBe(true);
  });

  it('a file on disk not open, hostile new names and queries, made-up diagnostics in a code action request', async () => {
    const prod = ws.uriOf('train.prod.runpod.env');
    const onName = { line: 0, character: PROD.indexOf('hf-token') + 2 };
    for (const u of [prod, dev]) {
      const at = { textDocument: { uri: u }, position: onName };
      for (const newName of ['', 'x }}\nEVIL=1', 'a'.repeat(1_000_000), '../../etc', '\u0000', 'hf-token']) {
        expect(await settle('textDocument/rename', { ...at, newName }), `${u} ${JSON.stringify(newName).slice(0, 20)}`).toMatch(/^(answered|refused: \S)/);
      }
      expect(await settle('textDocument/documentHighlight', at)).toMatch(/^answered/);
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
      const diagnostics = [{ range, message: 'x', code: 'missing-in-environment', data: { addKey: { key: '__proto__', to: ['file:///etc/passwd'] } } }, { range: { start: { line: 1e9, character: 0 }, end: range.end }, message: 5, code: { x: 1 } }];
      const actions = await settle('textDocument/codeAction', { textDocument: { uri: u }, range, context: { diagnostics, only: ['quickfix', 5, null] } });
      expect(actions).toMatch(/^(answered|refused: \S)/);
      expect(actions).not.toContain('/etc/passwd');
    }
    for (const query of ['.*'.repeat(50_000), '\u0000', '(((((', 'a'.repeat(1_000_000)]) expect(await settle('workspace/symbol', { query })).toMatch(/^answered/);
    noHandlerThrew();
  });

  it('codeAction/resolve with data the client made up: unknown documents, files outside the workspace, odd keys', async () => {
    const outside = 'file:///etc/passwd';
    for (const data of [
      { uri: dev, keys: ['A'], to: outside },
      { uri: dev, keys: ['__proto__'], to: ws.uriOf('train.prod.runpod.env') },
      { uri: unknown, keys: ['A'], to: ws.uriOf('train.prod.runpod.env') },
      { uri: dev, keys: ['A'], to: 'untitled:x' },
      { uri: dev, keys: ['A'.repeat(100_000)], to: ws.uriOf('train.prod.runpod.env') },
      { uri: 'not a uri', keys: ['A'], to: 'also not' },
      { uri: dev, keys: [], to: outside },
    ]) {
      const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, { title: 'Add `A` to train.prod.runpod.env', data }).then(
        (a) => a,
        (e: Error) => e,
      );
      if (resolved instanceof Error) continue;
      // Never an edit of a file the problem does not name as lacking the key, least of all outside the workspace.
      expect(JSON.stringify(resolved.edit ?? null), JSON.stringify(data).slice(0, 80)).not.toContain('/etc/passwd');
      expect(resolved.edit, JSON.stringify(data).slice(0, 80)).toBeUndefined();
    }
    noHandlerThrew();
  });

  it('a change with a version from the future, or one older than the document\'s, then every request', async () => {
    for (const version of [1e9, 0, -1]) {
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: dev, version }, contentChanges: [{ range: { start: { line: 99, character: 0 }, end: { line: 0, character: 0 } }, text: 'B=2\n' }] });
      const at = { textDocument: { uri: dev }, position: { line: 0, character: 20 } };
      for (const method of ['textDocument/hover', 'textDocument/documentHighlight', 'textDocument/prepareRename', 'textDocument/diagnostic', 'textDocument/documentSymbol']) {
        expect(await settle(method, { ...at, range: { start: at.position, end: at.position }, context: { diagnostics: [] } }), method).toMatch(/^(answered|refused: \S)/);
      }
      expect(await settle('workspace/symbol', { query: 'HF' })).toMatch(/^answered/);
    }
    noHandlerThrew();
    // The backward range was read as the whole document: the client sends its text whole again, and is served by it.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: dev, version: 1e9 + 1 }, contentChanges: [{ text: DEV }] });
    const hover = await client.hover(dev, DEV.indexOf('hf-token'));
    expect(JSON.stringify(hover)).toContain('hf-token');
    expect(client.alive).toBe(true);
  });
});
