/**
 * The language server as any editor runs it (`dist/server.js --stdio`), driven by a buggy or
 * hostile client, or fed by a hostile API server through the extension: what it is sent must never
 * reach a file the user edits, and the server keeps serving.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProtocolConnection, ErrorCodes, Message, StreamMessageReader, StreamMessageWriter, type ProtocolConnection, type ResponseMessage, type TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { cursor, LspClient, SERVER, ensureServerBuilt, rangeInside } from './lspClient';
import { uri } from './fixtures';

/** Every character a RunPod secret name may hold (names.ts isSecretNameChar). */
const NAME_CHARS = /^[A-Za-z0-9_.\-/]*$/;

/** The answers to `params: null` requests, sent as is (the client library sends no params for null). */
async function nullAnswers(client: LspClient, methods: string[]): Promise<Map<unknown, ResponseMessage>> {
  const answers = new Map<unknown, ResponseMessage>();
  new StreamMessageReader(client.process.stdout).listen((message) => {
    if (Message.isResponse(message) && typeof message.id === 'string' && message.id.startsWith('raw ')) answers.set(message.id, message);
  });
  for (const method of methods) {
    const body = JSON.stringify({ jsonrpc: '2.0', id: `raw ${method}`, method, params: null });
    client.process.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  await client.waitFor(() => methods.every((method) => answers.has(`raw ${method}`)), 'every raw request answered');
  return answers;
}

describe('a secret list naming secrets no RunPod secret can be', () => {
  let client: LspClient;
  // A broken or hostile API server lists these; the extension passes its list on as it got it.
  const HOSTILE = ['hf-tok\n', 'x }}\nLD_PRELOAD=/tmp/evil.so\n#', 'db[x](command:runpod.secrets.delete)', 'a\u001b]52;c;SGk=\u0007'];
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({
      initializationOptions: { secrets: { state: 'fresh', secrets: [...HOSTILE.map((name) => ({ name })), { name: 'hf-token' }] } },
    });
  });
  afterAll(() => client.stop());

  it('offers no completion that would write one into the file', async () => {
    const { text, offset } = cursor('A={{ RUNPOD_SECRET_|');
    const u = uri('complete.runpod.env');
    await client.open(u, 'runpod-env', text);
    const items = await client.completion(u, offset);
    expect(items.map((i) => i.label)).toContain('hf-token');
    for (const item of items) {
      const inserted = (item.textEdit as TextEdit | undefined)?.newText ?? item.insertText ?? item.label;
      expect(inserted.replace(/^\{\{ RUNPOD_SECRET_| \}\}$/g, ''), JSON.stringify(inserted)).toMatch(NAME_CHARS);
    }
  });

  it('suggests none as the fix of a mistyped reference', async () => {
    // `hf-tokn` is one edit from `hf-tok\n` (listed first) and from `hf-token`: only the real name may be offered.
    const text = 'A={{ RUNPOD_SECRET_hf-tokn }}\n';
    const u = uri('typo.runpod.env');
    await client.open(u, 'runpod-env', text);
    const diagnostics = await client.diagnostics(u);
    expect(diagnostics.length).toBeGreaterThan(0);
    const everything = JSON.stringify(diagnostics);
    for (const name of HOSTILE) expect(everything).not.toContain(JSON.stringify(name).slice(1, -1));
    {
      const offset = text.indexOf('hf-tokn');
      for (const action of await client.codeActions(u, offset, offset, diagnostics)) {
        for (const edit of action.edit?.changes?.[u] ?? []) expect(edit.newText, action.title).toMatch(NAME_CHARS);
      }
    }
    expect(client.alive).toBe(true);
  });
});

/**
 * LSP positions are unsigned integers. A client may still send `0.5`, `-3`, `"2"` or nothing; the
 * server reads such a value as the nearest position (a fraction floored; a negative, non-number or
 * missing value 0) wherever positions arrive, so its copy of the text and its analysis stay whole.
 */
function whole(value: unknown): number {
  return typeof value === 'number' && value > 0 ? Math.floor(value) : 0;
}
function wholeRange(range: { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } }) {
  const at = (p: { line?: unknown; character?: unknown } | undefined) => ({ line: whole(p?.line), character: whole(p?.character) });
  return { start: at(range.start), end: at(range.end) };
}

const TEXT = 'HF={{ RUNPOD_SECRET_hf-token }}\nDB={{ RUNPOD_SECRET_db_password }}\nX=1\nX=2\nBAD LINE\n';
const BAD_RANGES: [string, Record<string, unknown>][] = [
  ['a fractional line', { start: { line: 0.5, character: 1.5 }, end: { line: 1, character: 2 } }],
  ['fractional characters', { start: { line: 1, character: 2.5 }, end: { line: 1, character: 7.5 } }],
  ['numbers as strings', { start: { line: '1', character: '2' }, end: { line: '2', character: '1' } }],
  ['null fields', { start: { line: null, character: null }, end: { line: 1, character: 1 } }],
  ['a missing end', { start: { line: 1, character: 1 } }],
  ['negative and reversed', { start: { line: 3, character: 2 }, end: { line: -1, character: -7 } }],
  ['past the end', { start: { line: 1e300, character: 0 }, end: { line: 1e300, character: Infinity } }],
];

describe('edits and requests at positions no editor sends', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: { state: 'fresh', secrets: [{ name: 'hf-token' }, { name: 'db_password' }] } } });
  });
  afterAll(() => client.stop());

  it.each(BAD_RANGES)('an edit at %s: the analysis is that of the text as edited, in whole positions inside it', async (_name, range) => {
    const u = uri('edited.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    await client.diagnostics(u);
    let text = TEXT;
    let version = 1;
    for (const inserted of ['Y=1\n', '{{ RUNPOD_SECRET_', 'Z', '']) {
      version++;
      const expected = TextDocument.create(u, 'runpod-env', version, text);
      TextDocument.update(expected, [{ range: wholeRange(range), text: inserted }], version);
      text = expected.getText();
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version }, contentChanges: [{ range, text: inserted }] });
      const got = await client.diagnostics(u);
      const fresh = uri('fresh.runpod.env');
      await client.open(fresh, 'runpod-env', text);
      const want = await client.diagnostics(fresh);
      await client.close(fresh);
      expect(got.map((d) => [d.code, d.range]), JSON.stringify(inserted)).toEqual(want.map((d) => [d.code, d.range]));
      for (const d of got) expect(rangeInside(expected, d.range), JSON.stringify(d.range)).toBe(true);
    }
    await client.close(u);
  });

  it('requests at such positions answer as at the nearest whole position', async () => {
    const u = uri('asked.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    const onName = { line: 0, character: 22 };
    const hover = (position: unknown) => client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position });
    const expected = await hover(onName);
    expect(expected).not.toBeNull();
    expect(await hover({ line: 0.9, character: 22.9 })).toEqual(expected);
    expect(await hover({ line: -0, character: 22 })).toEqual(expected);
    const highlights = await client.connection.sendRequest('textDocument/documentHighlight', { textDocument: { uri: u }, position: { line: 0.5, character: 22.5 } });
    expect(highlights).toEqual(await client.connection.sendRequest('textDocument/documentHighlight', { textDocument: { uri: u }, position: onName }));
    await client.close(u);
  });

  it('a document opened without text is an empty document, not one every request fails on', async () => {
    const u = uri('notext.runpod.env');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'runpod-env', version: 1, text: null } });
    const before = client.logs.length;
    expect(await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } })).toMatchObject({ kind: 'full', items: [] });
    expect(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } })).toEqual([]);
    expect(client.logs.slice(before).filter((l) => /failed/.test(l))).toEqual([]);
    expect(client.alive).toBe(true);
  });
});

describe("what the server logs of a client's malformed messages", () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start();
  });
  afterAll(() => client.stop());

  /** Writes one JSON-RPC message as is, past the client library (which would not send it). */
  function raw(message: unknown): void {
    const body = JSON.stringify(message);
    client.process.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  it('never carries the text of a document, a raw control character or a forged line', async () => {
    const canary = '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';
    const u = uri('logged.runpod.env');
    // A didOpen sent with an id: the RPC library logs a message that is neither request nor notification.
    raw({ jsonrpc: '2.0', id: { n: 1 }, method: 'textDocument/didOpen', params: { textDocument: { uri: u, languageId: 'runpod-env', version: 1, text: `TOKEN=${canary}` } } });
    // A change without a version: the document manager's error names the URI as sent.
    const forged = 'file:///x\u001b]52;c;SGk=\u0007\nrunpod language server: forged line.runpod.env';
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: forged, version: null }, contentChanges: [{ text: 'A=1' }] });
    // A response to no request, carrying an error.
    raw({ jsonrpc: '2.0', id: null, error: { code: 1, message: `TOKEN=${canary}\u001b[2J` } });
    await client.open(u, 'runpod-env', 'A=1');
    await client.diagnostics(u);
    await client.waitFor(() => client.logs.some((l) => l.includes('neither')) && client.logs.some((l) => l.includes('without id')) && client.logs.some((l) => l.includes('document change event')), 'the library\'s log lines');
    const logs = client.logs.join('\n');
    expect(logs).not.toContain(canary);
    expect(logs).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(client.logs.filter((l) => l.includes('forged line')).every((l) => !l.includes('\n'))).toBe(true);
    expect(client.alive).toBe(true);
  });
});

describe('file events for paths outside the workspace folders', () => {
  it('are not read, whether the path is plain or climbs out through an encoded ..', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-ws-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-outside-'));
    fs.writeFileSync(path.join(outside, 'b.runpod.env'), 'B={{ RUNPOD_SECRET_outside }}\n');
    const client = await LspClient.start({ workspaceFolders: [pathToFileURL(ws).href] });
    try {
      // Answered once the first walk (of an empty folder) is done.
      expect(await client.request('runpod/secretUsages', {})).toMatchObject({ usages: {} });
      fs.writeFileSync(path.join(ws, 'a.runpod.env'), 'A={{ RUNPOD_SECRET_inside }}\n');
      const before = client.usagesChanged;
      await client.watchedFiles([
        { uri: pathToFileURL(path.join(ws, 'a.runpod.env')).href, type: 1 },
        { uri: pathToFileURL(path.join(outside, 'b.runpod.env')).href, type: 1 },
        { uri: `${pathToFileURL(ws).href}/%2e%2e/${path.basename(outside)}/b.runpod.env`, type: 1 },
        { uri: `${pathToFileURL(ws).href}/%2E%2E/%2e%2E/${path.relative('/', outside)}/b.runpod.env`, type: 1 },
      ]);
      await client.waitFor(() => client.usagesChanged > before, 'the index to take the events');
      const result = (await client.request('runpod/secretUsages', { withLocations: true })) as { usages: Record<string, unknown> };
      expect(Object.keys(result.usages)).toEqual(['inside']);
    } finally {
      await client.stop();
      fs.rmSync(ws, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('workspace symbols', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start();
  });
  afterAll(() => client.stop());

  it('never name an invalid key, which may be a value (a password before a =), nor match a query against it', async () => {
    const password = 'S3cretPassw0rdZZ';
    const u = uri('keys.runpod.env');
    await client.open(u, 'runpod-env', `postgres://admin:${password}@db/x=1\nK\u0007EY\u202e=2\nGOOD=3\n`);
    const all = JSON.stringify(await client.workspaceSymbols(''));
    expect(all).toContain('GOOD');
    expect(all).not.toContain(password);
    expect(all).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(await client.workspaceSymbols(password.slice(0, 8))).toEqual([]);
  });

  it('secret usages name no invalid key either: a password before the = of a line with a reference never reaches the editor', async () => {
    const password = 'hunter2Passw0rdQQ';
    const u = uri('usage-keys.runpod.env');
    await client.open(u, 'runpod-env', `postgres://app:${password}@db/x?sslkey={{ RUNPOD_SECRET_db_cert }}\nGOOD={{ RUNPOD_SECRET_db_cert }}\n`);
    const result = (await client.request('runpod/secretUsages', { withLocations: true })) as { usages: Record<string, { locations: { key?: string }[] }> };
    expect(JSON.stringify(result)).not.toContain(password);
    expect(result.usages['db_cert']!.locations.map((l) => l.key ?? null)).toEqual([null, 'GOOD']);
  });
});

describe('messages and hovers quoting what a file wrote', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: { state: 'fresh', secrets: [{ name: 'hf-token' }] } } });
  });
  afterAll(() => client.stop());

  /** What must not reach a client raw: C0 and C1 controls, DEL, bidi overrides and isolates (displayText.ts). */
  const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

  it.each([
    ['runpod-env', 'x.runpod.env', 'A={{ RUNPOD_SECRET_a\u001b]52;c;SGk=\u0007b }}\nC={{ RUNPOD_SECRET_\u202ehf-token }}\nD={{ RUNPOD_SECRET_RUNPOD\u001b[2J }}\n'],
    ['runpod-json', 'x.runpod.json', '{"env":{"A":"{{ RUNPOD_SECRET_x\\u001b]0;t\\u0007 }}","B":"{{ RUNPOD_SECRET_\\u2066y }}"}}'],
  ])('%s: escape sequences and bidi controls are shown as escapes', async (languageId, name, text) => {
    const u = uri(name);
    await client.open(u, languageId, text);
    const diagnostics = await client.diagnostics(u);
    expect(diagnostics.some((d) => d.code === 'invalid-secret-name')).toBe(true);
    for (const d of diagnostics) expect(d.message, JSON.stringify(d.message)).not.toMatch(UNSAFE);
    let at = text.indexOf('RUNPOD_SECRET_');
    while (at >= 0) {
      const hover = await client.hover(u, at + 'RUNPOD_SECRET_'.length + 1);
      // Line breaks are the hover's own Markdown.
      if (hover) expect((hover.contents as { value: string }).value.replace(/\n/g, '')).not.toMatch(UNSAFE);
      at = text.indexOf('RUNPOD_SECRET_', at + 1);
    }
  });
});

/** A server driven without LspClient's handshake: `initialize` with whatever params, and no answer to anything it asks. */
async function bareServer(initializeParams: unknown): Promise<{ connection: ProtocolConnection; initialized: unknown; stop: () => void }> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  // Requests from the server (workspace/configuration, registrations) are left unanswered.
  for (const method of ['workspace/configuration', 'client/registerCapability', 'workspace/diagnostic/refresh']) connection.onRequest(method, () => new Promise(() => undefined));
  connection.listen();
  const initialized = await connection.sendRequest('initialize', initializeParams).catch((error: Error) => error);
  await connection.sendNotification('initialized', {});
  return { connection, initialized, stop: () => { connection.dispose(); child.kill('SIGKILL'); } };
}

describe('initialize params an editor would not send', () => {
  beforeAll(() => ensureServerBuilt());

  it('workspace folders that are not folders are left out, and the server starts', async () => {
    const server = await bareServer({ processId: null, rootUri: null, capabilities: {}, workspaceFolders: [null, 'x', { uri: 5 }, { uri: 'file:///nonexistent-runpod-folder' }] });
    try {
      expect(server.initialized).toMatchObject({ capabilities: { hoverProvider: true } });
    } finally {
      server.stop();
    }
  });
});

describe('a client that claims workspace/configuration and never answers it', () => {
  beforeAll(() => ensureServerBuilt());

  it('still gets answers, by the default settings, within the deadline', async () => {
    const server = await bareServer({ processId: null, rootUri: null, capabilities: { workspace: { configuration: true } } });
    try {
      const u = uri('unanswered.runpod.env');
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'runpod-env', version: 1, text: 'A={{ RUNPOD_SECRET_hf-token }}\n' } });
      // Not a measure of speed: without the deadline these requests never settle.
      const answer = await Promise.race([
        server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } }),
        new Promise((resolve) => setTimeout(() => resolve('no answer'), 30_000)),
      ]);
      expect(answer).toMatchObject([{ name: 'A' }]);
    } finally {
      server.stop();
    }
  }, 60_000);
});

describe('params of the wrong shape, for every request the server answers', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: { state: 'fresh', secrets: [{ name: 'hf-token' }] } } });
  });
  afterAll(() => client.stop());

  const METHODS = [
    'textDocument/hover', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/documentSymbol', 'textDocument/semanticTokens/full',
    'textDocument/references', 'textDocument/documentHighlight', 'textDocument/prepareRename', 'textDocument/rename', 'textDocument/diagnostic',
    'workspace/symbol', 'workspace/diagnostic', 'runpod/secretUsages', 'runpod/renameSecret', 'runpod/renameLeftOut', 'codeAction/resolve',
  ];
  const marker = 'zzClientTextMarker';
  const PARAMS: unknown[] = [
    null,
    {},
    { textDocument: null, position: null },
    { textDocument: { uri: 5 }, position: { line: 'x' }, range: 7, context: null, newName: 5, query: 5 },
    { textDocument: { uri: `untitled:${marker}` }, position: { line: 0, character: 0 } },
    { textDocument: { uri: `vscode-notebook-cell:/x.ipynb#${marker}` }, position: { line: 0, character: 0 } },
    { textDocument: { uri: `file:///a/%2e%2e/%2e%2e/etc/${marker}.runpod.env` }, position: { line: 0, character: 0 } },
    { textDocument: { uri: `file:///${'a'.repeat(100_000)}${marker}` }, position: { line: 0, character: 0 } },
    { names: [5, null, { x: marker }, 'a'.repeat(1_000_000)], from: 5, to: [marker], query: `${marker}${'.*'.repeat(10_000)}` },
  ];

  it('answers each (a result, or an error saying why) and keeps serving; nothing of the params reaches the log', async () => {
    const u = uri('served.runpod.env');
    await client.open(u, 'runpod-env', 'HF={{ RUNPOD_SECRET_hf-token }}\n');
    const rawAnswers = await nullAnswers(client, METHODS);
    for (const method of METHODS) {
      for (const params of PARAMS) {
        const settled = await client.connection.sendRequest(method, params).then(
          () => 'answered',
          (error: Error) => `refused: ${error.message}`,
        );
        expect(settled, `${method} ${JSON.stringify(params).slice(0, 80)}`).toMatch(/^(answered|refused: \S)/);
      }
    }
    const hover = await client.hover(u, 22);
    expect((hover?.contents as { value: string }).value).toContain('hf-token');
    // A null where the params object should be is the client's mistake, said as such: never the RPC library's internal error.
    for (const method of METHODS) {
      const answer = rawAnswers.get(`raw ${method}`);
      expect(answer, method).toBeDefined();
      expect(answer?.error, method).toMatchObject({ code: ErrorCodes.InvalidParams, message: expect.stringContaining(method) });
    }
    expect(rawAnswers.get('raw workspace/diagnostic')?.error).toMatchObject({ code: ErrorCodes.InvalidParams, message: expect.stringMatching(/params/) });
    expect(client.logs.join('\n')).not.toContain(marker);
    // Params of the wrong shape are refused or answered as empty, never met by a bug's TypeError.
    expect(client.logs.filter((l) => / failed: /.test(l)).map((l) => l.split('\n')[0])).toEqual([]);
    expect(client.alive).toBe(true);
  });
});

describe('a request with `params: null`', () => {
  it('for a method the server does not handle is answered MethodNotFound, exactly as with an object: null params are no reason to refuse it otherwise', async () => {
    ensureServerBuilt();
    const client = await LspClient.start();
    try {
      const unknown = ['textDocument/foldingRange', 'runpod/noSuchRequest', 'runpod/$nullParams/x'];
      const withObject = await Promise.all(unknown.map((method) => client.connection.sendRequest(method, {}).then(() => 'answered', (error: { code: number; message: string }) => ({ code: error.code, message: error.message }))));
      expect(withObject.map((answer) => (answer as { code: number }).code)).toEqual(unknown.map(() => ErrorCodes.MethodNotFound));
      const answers = await nullAnswers(client, unknown);
      expect(unknown.map((method) => answers.get(`raw ${method}`)?.error)).toEqual(withObject);
      expect(client.alive).toBe(true);
    } finally {
      await client.stop();
    }
  });

  it('for a method the library registers itself (willSaveWaitUntil, by the documents) is still refused as invalid params', async () => {
    ensureServerBuilt();
    const client = await LspClient.start();
    try {
      const answers = await nullAnswers(client, ['textDocument/willSaveWaitUntil']);
      expect(answers.get('raw textDocument/willSaveWaitUntil')?.error).toMatchObject({ code: ErrorCodes.InvalidParams, message: expect.stringContaining('textDocument/willSaveWaitUntil') });
    } finally {
      await client.stop();
    }
  });
});

describe('a secret description from a broken or hostile server', () => {
  it('reaches hovers and completions with escape sequences and bidi controls shown as escapes', async () => {
    ensureServerBuilt();
    const description = 'Token \u001b]52;c;SGk=\u0007 for \u202eevil\u202c\r\nsecond line \u009b2J';
    const client = await LspClient.start({ initializationOptions: { secrets: { state: 'fresh', secrets: [{ name: 'hf-token', description }] } } });
    try {
      const { text, offset } = cursor('A={{ RUNPOD_SECRET_|');
      const u = uri('described.runpod.env');
      await client.open(u, 'runpod-env', `${text}\nB={{ RUNPOD_SECRET_hf-token }}\n`);
      const items = await client.completion(u, offset);
      const hover = await client.hover(u, text.length + 22);
      const shown = JSON.parse(JSON.stringify({ items, hover })) as unknown;
      expect(JSON.stringify(shown)).toContain('second line');
      const strings: string[] = [];
      JSON.stringify(shown, (_k, v: unknown) => (typeof v === 'string' ? (strings.push(v), v) : v));
      // Line feeds are Markdown's own; nothing else unsafe.
      for (const s of strings) expect(s.replace(/\n/g, ''), JSON.stringify(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    } finally {
      await client.stop();
    }
  });
});

describe('globs the settings hold that the server does not use', () => {
  it('are named once in the log, by setting and position, never as written', async () => {
    ensureServerBuilt();
    const costly = `**/${'*a'.repeat(6)}*[x](command:y).json`;
    const client = await LspClient.start({ configuration: () => ({ files: ['**/*.runpod.json', costly], environments: { prod: ['prod/*.env', costly] } }) });
    try {
      for (const name of ['a.runpod.env', 'b.runpod.env']) {
        const u = uri(name);
        await client.open(u, 'runpod-env', 'A=1\n');
        await client.diagnostics(u);
      }
      const logs = client.logs.join('\n');
      expect(client.logs.filter((l) => l.startsWith('runpod.files: glob 2 is not used: '))).toHaveLength(1);
      expect(client.logs.filter((l) => l.startsWith('Environment prod: glob 2 is not used: '))).toHaveLength(1);
      expect(logs).not.toContain('command:y');
    } finally {
      await client.stop();
    }
  });
});

describe('a runpod.environments setting of 10,000 entries', () => {
  it('is summed up in one warning (not one error per entry) in the log', async () => {
    ensureServerBuilt();
    const environments = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`env${i}`, [`a/${i}.env`, `b/${i}.env`]]));
    const client = await LspClient.start({ configuration: () => ({ environments }) });
    try {
      const u = uri('many-environments.runpod.env');
      await client.open(u, 'runpod-env', 'A=1\n');
      await client.diagnostics(u);
      const about = client.logs.flatMap((line, i) => (/\benv\d+|runpod\.environments/.test(line) ? [{ line, type: client.logTypes[i] }] : []));
      expect(about).toEqual([{ line: expect.stringMatching(/^runpod\.environments: 9,968 entries were ignored: /), type: 2 }]);
    } finally {
      await client.stop();
    }
  });
});
