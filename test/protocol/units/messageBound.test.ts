/**
 * lsp/messageBound.ts without a process: a message whose Content-Length is past the bound is skipped
 * as its bytes arrive (never held whole), said once in the log, and the stream stays in step, so
 * the messages after it are read as usual.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { boundedInput, MAX_HEADER_BYTES, MAX_MESSAGE_BYTES, MESSAGE_TOO_LONG } from '../../../server/src/lsp/messageBound';
import { unreadableInputProblem } from '../../../server/src/lsp/transport';
import { ANALYSIS_LIMIT } from '../../../server/src/template/analyze';
import { MAX_URI_LENGTH } from '../../../server/src/template/fileKinds';

function framed(message: unknown): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

function reading(max: number) {
  const input = new PassThrough();
  const logs: string[] = [];
  const read: Message[] = [];
  const bounded = boundedInput(input, max, (line) => logs.push(line));
  new StreamMessageReader(bounded).listen((message) => read.push(message));
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { input, logs, read, bounded, settle };
}

describe('a message longer than the bound', () => {
  it('fits the didOpen of every document the analysis reads, whatever its characters and URI (JSON writes one byte in at most 6)', () => {
    // The envelope with its text and URI empty; each then adds at most six bytes a byte (`\u0000`).
    const envelope = {
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri: '', languageId: 'runpod-template-json', version: Number.MAX_SAFE_INTEGER, text: '' } },
    };
    expect(Buffer.byteLength(JSON.stringify(envelope)) + 6 * ANALYSIS_LIMIT + 6 * MAX_URI_LENGTH).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(MAX_MESSAGE_BYTES).toBeLessThan(1024 * 1024 * 1024);
  });

  it('a body of exactly the bound is read; one byte more is skipped', async () => {
    const fits = JSON.stringify({ jsonrpc: '2.0', method: 'fits', params: { text: 'x'.repeat(900) } });
    const { input, logs, read, settle } = reading(Buffer.byteLength(fits));
    const over = JSON.stringify({ jsonrpc: '2.0', method: 'over', params: { text: 'x'.repeat(901) } });
    input.write(`Content-Length: ${Buffer.byteLength(fits)}\r\n\r\n${fits}`);
    input.write(`Content-Length: ${Buffer.byteLength(over)}\r\n\r\n${over}`);
    await settle();
    expect(read).toEqual([JSON.parse(fits)]);
    expect(logs).toHaveLength(1);
  });

  it('a character of several bytes split across chunks reaches the reader whole', async () => {
    const { input, logs, read, settle } = reading(1000);
    const message = { jsonrpc: '2.0', method: 'a', params: { text: 'é€😀' } };
    const bytes = Buffer.from(framed(message));
    for (let i = 0; i < bytes.length; i++) input.write(bytes.subarray(i, i + 1));
    await settle();
    expect(read).toEqual([message]);
    expect(logs).toEqual([]);
  });

  it('a Content-Type header is passed on with the length', async () => {
    const { input, logs, read, settle } = reading(1000);
    const body = JSON.stringify({ jsonrpc: '2.0', method: 'typed' });
    input.write(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await settle();
    expect(read).toEqual([{ jsonrpc: '2.0', method: 'typed' }]);
    expect(logs).toEqual([]);
  });

  it('is skipped as it arrives, never held: one log line says how long it said it was', async () => {
    const { input, logs, read, bounded, settle } = reading(1000);
    let passed = 0;
    bounded.on('data', (chunk: Buffer) => (passed += chunk.length));
    const before = framed({ jsonrpc: '2.0', method: 'a', params: { n: 1 } });
    input.write(before);
    // A header claiming a gigabyte, then a trickle of its body.
    input.write('Content-Length: 1073741824\r\n\r\n');
    for (let i = 0; i < 50; i++) input.write(Buffer.alloc(64 * 1024, 0x41));
    await settle();
    expect(passed).toBe(Buffer.byteLength(before));
    expect(read).toEqual([{ jsonrpc: '2.0', method: 'a', params: { n: 1 } }]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/1,073,741,824 bytes.*skipped.*at most 1,000/);
  });

  it('leaves the stream in step: what follows is read as usual', async () => {
    const { input, logs, read, settle } = reading(1000);
    const long = JSON.stringify({ jsonrpc: '2.0', method: 'long', params: { text: 'x'.repeat(2000) } });
    // Split inside the header and the body, as a pipe may deliver them.
    const all = `${`Content-Length: ${Buffer.byteLength(long)}\r\n\r\n${long}`}${framed({ jsonrpc: '2.0', id: 1, method: 'after' })}`;
    for (let i = 0; i < all.length; i += 7) input.write(all.slice(i, i + 7));
    await settle();
    expect(read).toEqual([{ jsonrpc: '2.0', id: 1, method: 'after' }]);
    expect(logs).toHaveLength(1);
  });

  it('a repeated Content-Length: the last one counts, as the reader (which lowercases the names) takes it', async () => {
    const { input, logs, read, settle } = reading(1000);
    const long = 'x'.repeat(5000);
    input.write(`Content-Length: 10\r\ncontent-length: ${long.length}\r\n\r\n${long}`);
    input.write(framed({ jsonrpc: '2.0', id: 1, method: 'after' }));
    await settle();
    expect(read).toEqual([{ jsonrpc: '2.0', id: 1, method: 'after' }]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/5,000 bytes.*skipped/);
  });

});

describe('a request longer than the bound', () => {
  it('reaches the reader as a small request with its id, for the server to refuse: its client does not wait for ever', async () => {
    const { input, logs, read, settle } = reading(1000);
    const long = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/hover', params: { text: '"}{\\'.repeat(1000) }, id: 'big "one"' });
    const all = `Content-Length: ${Buffer.byteLength(long)}\r\n\r\n${long}${framed({ jsonrpc: '2.0', id: 1, method: 'after' })}`;
    for (let i = 0; i < all.length; i += 7) input.write(all.slice(i, i + 7));
    await settle();
    expect(read).toEqual([
      { jsonrpc: '2.0', id: 'big "one"', method: MESSAGE_TOO_LONG },
      { jsonrpc: '2.0', id: 1, method: 'after' },
    ]);
    expect(logs).toHaveLength(1);
  });

  it('a notification, a response or a body whose id is not found stays unanswered, as before', async () => {
    const { input, read, settle } = reading(1000);
    const pad = 'x'.repeat(2000);
    input.write(framed({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { text: pad } }));
    input.write(framed({ jsonrpc: '2.0', id: 3, result: { text: pad } }));
    input.write(framed({ jsonrpc: '2.0', method: 'm', params: { id: 4, text: pad } }));
    input.write(framed({ jsonrpc: '2.0', id: 1, method: 'after' }));
    await settle();
    expect(read).toEqual([{ jsonrpc: '2.0', id: 1, method: 'after' }]);
  });
});

describe('a message header longer than the bound', () => {
  /** `header` then a message's body, its Content-Length written first. */
  function withHeader(extra: string, message: unknown): string {
    const body = JSON.stringify(message);
    return `Content-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;
  }
  /** An extra header line making the header exactly `total` bytes long, its `\r\n\r\n` included. */
  function padding(total: number, body: unknown): string {
    const start = `Content-Length: ${Buffer.byteLength(JSON.stringify(body))}\r\nX-Pad: `;
    return `X-Pad: ${'p'.repeat(total - Buffer.byteLength(start) - 4)}\r\n`;
  }

  it('leaves room for any header LSP writes (two short lines) many times over', () => {
    const longest = `Content-Length: ${Number.MAX_SAFE_INTEGER}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n`;
    expect(MAX_HEADER_BYTES).toBeGreaterThan(100 * longest.length);
  });

  it('a header of exactly the bound is read; one byte more makes the input unreadable, said as a header problem', async () => {
    const message = { jsonrpc: '2.0', method: 'padded' };
    const fits = reading(1000);
    fits.input.write(withHeader(padding(MAX_HEADER_BYTES, message), message));
    await fits.settle();
    expect(fits.read).toEqual([message]);

    const over = reading(1000);
    const errors: Error[] = [];
    over.bounded.on('error', (error: Error) => errors.push(error));
    over.input.write(withHeader(padding(MAX_HEADER_BYTES + 1, message), message));
    await over.settle();
    expect(over.read).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(unreadableInputProblem(errors[0])).toMatch(/header longer than/);
  });

  it('a long header trickled one byte at a time is read right, its bytes scanned once (not all again at each byte)', async () => {
    const { input, read, settle } = reading(1000);
    const message = { jsonrpc: '2.0', id: 1, method: 'trickled' };
    // 60 KiB under the bound, its blank line split as a pipe may split it; then a second message, whole.
    const bytes = Buffer.from(withHeader(padding(60 * 1024, message), message) + framed({ jsonrpc: '2.0', method: 'next' }));
    const cpu = process.cpuUsage();
    for (let i = 0; i < bytes.length; i++) input.write(bytes.subarray(i, i + 1));
    await settle();
    const { user, system } = process.cpuUsage(cpu);
    expect(read).toEqual([message, { jsonrpc: '2.0', method: 'next' }]);
    // Rescanning all it held at every byte took over a minute of CPU for 64 KB; once over, well under a second.
    expect((user + system) / 1e6).toBeLessThan(10);
  });

  it('a header that never ends is not held past the bound: the input is unreadable once the bound is passed', async () => {
    const { input, read, bounded, settle } = reading(1000);
    const errors: Error[] = [];
    bounded.on('error', (error: Error) => errors.push(error));
    const chunk = Buffer.alloc(1024, 0x61);
    let written = 0;
    // Written until the error, a kibibyte at a time: the bound is found while the bytes arrive.
    while (errors.length === 0 && written < 4 * MAX_HEADER_BYTES) {
      input.write(chunk);
      written += chunk.length;
      await settle();
    }
    expect(errors).toHaveLength(1);
    expect(unreadableInputProblem(errors[0])).toMatch(/header longer than/);
    expect(written).toBeLessThanOrEqual(MAX_HEADER_BYTES + chunk.length);
    expect(read).toEqual([]);
  });
});

describe('the input stream', () => {
  it('an error of it reaches the reader, and what comes after is still read (the server is not left up and deaf)', async () => {
    const { input, read, bounded, settle } = reading(1000);
    const errors: Error[] = [];
    bounded.on('error', (error: Error) => errors.push(error));
    input.emit('error', new Error('flaky pipe'));
    input.write(framed({ jsonrpc: '2.0', id: 1, method: 'after' }));
    await settle();
    expect(errors.map((e) => e.message)).toEqual(['flaky pipe']);
    expect(read).toEqual([{ jsonrpc: '2.0', id: 1, method: 'after' }]);
  });

  it('its end ends what the reader reads', async () => {
    const { input, bounded, settle } = reading(1000);
    let ended = false;
    bounded.on('end', () => (ended = true));
    input.end(framed({ jsonrpc: '2.0', method: 'last' }));
    await settle();
    expect(ended).toBe(true);
  });
});

describe('a body that arrives in many chunks', () => {
  it('reaches the reader as one chunk, assembled as its bytes arrive: the reader would copy the pieces together only after the last one', async () => {
    const { input, read, bounded, settle } = reading(100_000);
    const chunks: Buffer[] = [];
    bounded.on('data', (chunk: Buffer) => chunks.push(chunk));
    const message = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { text: 'KEY=value\n'.repeat(2000) } };
    const bytes = Buffer.from(framed(message));
    for (let i = 0; i < bytes.length; i += 1000) input.write(bytes.subarray(i, i + 1000));
    // And a small one after it, in the same chunk as the end of the first.
    input.write(framed({ jsonrpc: '2.0', method: 'after' }));
    await settle();
    expect(read).toEqual([message, { jsonrpc: '2.0', method: 'after' }]);
    const body = Buffer.from(JSON.stringify(message));
    expect(chunks.filter((c) => c.equals(body))).toHaveLength(1);
  });
});
