/**
 * lsp/messageBound.ts without a process: a message whose Content-Length is past the bound is skipped
 * as its bytes arrive (never held whole), said once in the log, and the stream stays in step, so
 * the messages after it are read as usual.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { boundedInput, MAX_MESSAGE_BYTES } from '../../../server/src/lsp/messageBound';
import { ANALYSIS_LIMIT } from '../../../server/src/template/analyze';

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
  it('fits every document the analysis reads, whatever its characters (JSON writes one byte in at most 6)', () => {
    expect(MAX_MESSAGE_BYTES).toBeGreaterThanOrEqual(6 * ANALYSIS_LIMIT);
    expect(MAX_MESSAGE_BYTES).toBeLessThan(1024 * 1024 * 1024);
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
