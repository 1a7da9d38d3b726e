/**
 * lsp/transport.ts without a process: what a dependency prints through `console` goes to the
 * connection's log, never to stdout (the protocol), as the library's own `--stdio` transport does.
 */
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleToLog, stdioTransport } from '../../../server/src/lsp/transport';

const saved = { ...console };
afterEach(() => Object.assign(console, saved));

describe('consoleToLog', () => {
  it('sends console.log and its kin to the log, the rest of the console to stderr', () => {
    const lines: string[] = [];
    const log = { log: (m: string) => lines.push(`log ${m}`), info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`), error: (m: string) => lines.push(`error ${m}`), debug: (m: string) => lines.push(`debug ${m}`) };
    let aside = '';
    const stderr = new Writable({
      write(chunk: Buffer, _encoding, done) {
        aside += chunk.toString();
        done();
      },
    });
    consoleToLog(log, stderr);
    console.log('a', { b: 1 });
    console.warn('w');
    console.table([{ t: 1 }]);
    Object.assign(console, saved);
    expect(lines).toEqual(['log a { b: 1 }', 'warn w']);
    expect(aside).toContain('t');
  });
});

describe('stdioTransport', () => {
  it('exits 1 with its own line when the input stream itself fails (EIO), and only once', async () => {
    const stdin = new PassThrough();
    let stderr = '';
    const exits: number[] = [];
    const logged: string[] = [];
    const { reader } = stdioTransport({ stdin, stdout: new PassThrough(), stderr: { write: (t: string) => (stderr += t) }, exit: (code) => exits.push(code) }, () => false, (m) => logged.push(m));
    reader.listen(() => undefined);
    const failed = Object.assign(new Error('read EIO'), { code: 'EIO' });
    stdin.emit('error', failed);
    stdin.emit('error', failed);
    expect(exits).toEqual([1]);
    expect(stderr).toBe('runpod language server: its input stream failed; exiting so that the editor restarts it\n');
    expect(logged).toEqual([]);
  });
});
