/**
 * An input stream that cannot be read as JSON-RPC: a header whose Content-Length is not a number,
 * is negative or missing, or a length longer than the body that follows. The RPC library's reader
 * is then out of step for good (every later message misread, nothing answered), so the server exits
 * non-zero with one line on stderr, and the editor's client restarts it. The line names the
 * problem, never what was sent. So does a header that does not end within MAX_HEADER_BYTES: the
 * library's buffer held such a header whole (200 MB of `a` were 200 MB of memory).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_HEADER_BYTES, MAX_MESSAGE_BYTES } from '../../server/src/lsp/messageBound';
import { ErrorCodes, Message, StreamMessageReader, type ResponseMessage } from 'vscode-languageserver/node';
import { grouped } from '../../server/src/template/counts';
import { LspClient, ensureServerBuilt } from './lspClient';
import { FRESH, uri } from './fixtures';

ensureServerBuilt();

const clients: LspClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
});

const CANARY = 'hf_ZZheaderCanaryZZqwertyuiopasdfgh';
/** A well-formed notification carrying the canary, written after the bad header. */
const body = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///h/a.runpod.env', languageId: 'runpod-env', version: 1, text: `T=${CANARY}` } } });
const good = `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('a message header the server cannot read', () => {
  it.each([
    ['a Content-Length that is not a number', `Content-Length: abc\r\n\r\n${body}`],
    ['a negative Content-Length', `Content-Length: -5\r\n\r\n${body}`],
    ['no Content-Length', `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`],
    ['a Content-Length longer than its body', `Content-Length: ${Buffer.byteLength(body) + 40}\r\n\r\n${body}`],
  ])('(%s) makes the server exit non-zero, with one line on stderr naming the problem', async (_, bad) => {
    const client = await LspClient.start();
    clients.push(client);
    // Answered first, as a client in session sends it. Written right after start, a negative length
    // made the server exit; after an answered request the server stayed up, out of step (a CI run
    // waited 20 s). messageBound.ts now refuses it, whatever came before.
    await client.connection.sendRequest('workspace/symbol', { query: '' });
    const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve(code)));
    client.process.stdin.write(bad);
    // What follows a bad header: a reader out of step misreads it too.
    client.process.stdin.write(good);
    client.process.stdin.write(good);
    const code = await exited;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(client.errorOutput).toMatch(/^runpod language server: its input cannot be read as JSON-RPC \([^)\n]+\); exiting so that the editor restarts it\n$/);
    expect(client.errorOutput).not.toContain(CANARY);
    expect(client.errorOutput).not.toMatch(/jsonrpc|didOpen|abc|-5/);
  });

  it('a header that never ends (200 MB without a blank line) is not held: the server exits non-zero with the line, before stdin ends', async () => {
    const client = await LspClient.start();
    clients.push(client);
    // Answered, so the client's own `initialized` is written whole before the raw bytes.
    await client.connection.sendRequest('workspace/symbol', { query: '' });
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve((exitCode = code))));
    // Writes after the server has gone fail (EPIPE): that is the point.
    client.process.stdin.on('error', () => undefined);
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    for (let sent = 0; sent < 200 * chunk.length && exitCode === undefined; sent += chunk.length) {
      if (!client.process.stdin.write(chunk)) await Promise.race([new Promise((resolve) => client.process.stdin.once('drain', resolve)), exited]);
    }
    // Unbounded, the server would still be holding the bytes here, and stdin's end would exit it without the line.
    client.process.stdin.end();
    expect(await exited).toBe(1);
    expect(client.errorOutput).toMatch(/^runpod language server: its input cannot be read as JSON-RPC \(a message header longer than [^)\n]+\); exiting so that the editor restarts it\n$/);
  }, 60_000);

  it('a long header the bound leaves room for (extra lines, as some clients write) is read as usual', async () => {
    const client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
    clients.push(client);
    // Answered, so the client's own `initialized` is written whole before the raw bytes.
    await client.connection.sendRequest('workspace/symbol', { query: '' });
    const u = uri('padded.runpod.env');
    const open = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: u, languageId: 'runpod-env', version: 1, text: 'A={{ RUNPOD_SECRET_nope }}\n' } } });
    const pad = `X-Padding: ${'p'.repeat(MAX_HEADER_BYTES / 2)}\r\n`;
    client.process.stdin.write(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n${pad}Content-Length: ${Buffer.byteLength(open)}\r\n\r\n${open}`);
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } });
    expect(symbols).toMatchObject([{ name: 'A' }]);
    expect(client.alive).toBe(true);
    expect(client.errorOutput).toBe('');
  });

  it('a good session is served as before, and its end (stdin closed after shutdown) exits 0', async () => {
    const client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
    clients.push(client);
    const u = uri('good.runpod.env');
    await client.open(u, 'runpod-env', 'A={{ RUNPOD_SECRET_nope }}\n');
    expect((await client.diagnostics(u)).map((d) => d.code)).toEqual(['unknown-secret']);
    expect(client.alive).toBe(true);
    const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve(code)));
    await client.connection.sendRequest('shutdown');
    client.process.stdin.end();
    expect(await exited).toBe(0);
    expect(client.errorOutput).toBe('');
  });

  it('stdin closed without a shutdown exits 1, as before', async () => {
    const client = await LspClient.start();
    clients.push(client);
    const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve(code)));
    client.process.stdin.end();
    expect(await exited).toBe(1);
  });

  it('a shutdown sent with params null (as some clients send it; LSP: void) is taken: stdin closed after it exits 0', async () => {
    const client = await LspClient.start();
    clients.push(client);
    // Answered, so the client's own `initialized` is written whole before the raw bytes.
    await client.connection.sendRequest('workspace/symbol', { query: '' });
    const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve(code)));
    const body = JSON.stringify({ jsonrpc: '2.0', id: 'raw shutdown', method: 'shutdown', params: null });
    client.process.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    // Answered, so the shutdown before it was handled.
    await client.connection.sendRequest('workspace/symbol', { query: '' });
    client.process.stdin.end();
    expect(await exited).toBe(0);
  });
});

/**
 * What the reader reads in step but the server cannot use: the library runs the connection's
 * handling inside the reader, so a throw there comes back as a reader error too. Neither leaves
 * the reader out of step: the message is logged as skipped and the server goes on.
 */
describe('a message read in step that the server cannot use', () => {
  const hoverAnswers = async (client: LspClient): Promise<void> => {
    const u = uri('still.runpod.env');
    await client.open(u, 'runpod-env', 'A={{ RUNPOD_SECRET_hf-token }}\n');
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 22 } });
    expect(hover).not.toBeNull();
    expect(client.alive).toBe(true);
    expect(client.errorOutput).toBe('');
  };

  it.each([[undefined], [{}], [{ id: null }]])('a $/cancelRequest with params %j is skipped; a hover after it answers', async (params) => {
    const client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
    clients.push(client);
    const raw = JSON.stringify({ jsonrpc: '2.0', method: '$/cancelRequest', ...(params === undefined ? {} : { params }) });
    client.process.stdin.write(`Content-Length: ${Buffer.byteLength(raw)}\r\n\r\n${raw}`);
    await hoverAnswers(client);
  });

  it('a body that is not JSON, with its right length, is skipped (logged without its text); a hover after it answers', async () => {
    const client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
    clients.push(client);
    const raw = `{"text": "${CANARY}"`;
    client.process.stdin.write(`Content-Length: ${Buffer.byteLength(raw)}\r\n\r\n${raw}`);
    await hoverAnswers(client);
    await client.waitFor(() => client.logs.some((l) => /skipped/.test(l)), 'the skipped message logged');
    expect(client.logs.join('\n')).not.toContain(CANARY);
  });
});

describe('a message longer than the server reads (lsp/messageBound.ts)', () => {
  /** The server process's resident memory in bytes (Linux /proc). */
  function residentBytes(pid: number): number {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
  }

  it('is skipped as it arrives, never held whole; the log says why, and the messages after it are served', async () => {
    const client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
    clients.push(client);
    // Answered, so what the client's connection sent (its `initialized`) is written whole before the raw bytes.
    await client.connection.sendRequest('workspace/symbol', { query: '' });
    const before = residentBytes(client.process.pid!);
    let peak = before;
    const length = MAX_MESSAGE_BYTES + 1;
    client.process.stdin.write(`Content-Length: ${length}\r\n\r\n`);
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    for (let sent = 0; sent < length; sent += chunk.length) {
      const part = sent + chunk.length <= length ? chunk : chunk.subarray(0, length - sent);
      if (!client.process.stdin.write(part)) await new Promise((resolve) => client.process.stdin.once('drain', resolve));
      peak = Math.max(peak, residentBytes(client.process.pid!));
    }
    const u = uri('after.runpod.env');
    await client.open(u, 'runpod-env', 'A={{ RUNPOD_SECRET_nope }}\n');
    expect((await client.diagnostics(u)).map((d) => d.code)).toEqual(['unknown-secret']);
    peak = Math.max(peak, residentBytes(client.process.pid!));
    // Held whole, the body alone would add its ~96 MiB.
    expect(peak - before).toBeLessThan(MAX_MESSAGE_BYTES / 2);
    expect(client.logs.filter((line) => /skipped unread/.test(line))).toEqual([expect.stringContaining(`a message of ${grouped(length)} bytes was skipped unread`)]);
    expect(client.alive).toBe(true);
  }, 60_000);

  it('a request in it is answered InvalidRequest, its id read as the bytes pass: its client does not wait for ever', async () => {
    const client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
    clients.push(client);
    await client.connection.sendRequest('workspace/symbol', { query: '' });
    const answers: ResponseMessage[] = [];
    new StreamMessageReader(client.process.stdout).listen((message) => {
      if (Message.isResponse(message) && message.id === 'raw big') answers.push(message);
    });
    // The id after the text, as a client may write it: found only once the whole body has passed.
    const start = Buffer.from('{"jsonrpc":"2.0","method":"textDocument/hover","params":{"text":"');
    const end = Buffer.from('"},"id":"raw big"}');
    const length = MAX_MESSAGE_BYTES + 1;
    client.process.stdin.write(`Content-Length: ${length}\r\n\r\n`);
    client.process.stdin.write(start);
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    for (let left = length - start.length - end.length; left > 0; left -= chunk.length) {
      if (!client.process.stdin.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((resolve) => client.process.stdin.once('drain', resolve));
    }
    client.process.stdin.write(end);
    await client.waitFor(() => answers.length > 0, 'the skipped request answered');
    expect(answers).toEqual([{ jsonrpc: '2.0', id: 'raw big', error: { code: ErrorCodes.InvalidRequest, message: expect.stringContaining(`${grouped(MAX_MESSAGE_BYTES)} bytes`) } }]);
    // In step: the next request is answered as usual.
    expect(await client.connection.sendRequest('workspace/symbol', { query: '' })).toEqual([]);
    expect(client.alive).toBe(true);
  }, 60_000);
});
