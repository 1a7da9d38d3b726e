/**
 * The stdio transport, built here rather than by vscode-languageserver's `createConnection` from
 * `--stdio`, for one reason: its reader's errors. After a header it cannot read (a Content-Length
 * that is not a number, negative or missing, or longer than the body that follows) the library's
 * reader reports an error and stays out of step: every later message is misread, the server lives
 * on and never answers again, so the editor never restarts it. Here such an error ends the process
 * (non-zero), and the editor's client restarts a server that exits. What the library does for
 * `--stdio` around its reader is kept: stdin's end exits, console output goes to the log.
 */
import { Console } from 'node:console';
import { inspect } from 'node:util';
import { StreamMessageReader, StreamMessageWriter, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';

/**
 * What was wrong with the input, from the library's error, without its message: the message quotes
 * the header or the body it could not read (a document's text among them).
 */
export function unreadableInputProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('Header must provide a Content-Length')) return 'a message header without a usable Content-Length';
  if (message.startsWith('Content-Length value must be a number')) return 'a Content-Length that is not a number';
  return 'a message body that is not JSON, or a Content-Length that does not match its body';
}

/** The one line said on stderr before exiting: the connection itself is what cannot be trusted. */
export function unreadableInputLine(error: unknown): string {
  return `runpod language server: its input cannot be read as JSON-RPC (${unreadableInputProblem(error)}); exiting so that the editor restarts it\n`;
}

export interface StdioTransport {
  reader: MessageReader;
  writer: MessageWriter;
}

interface ProcessLike {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: { write(text: string): unknown };
  exit(code: number): void;
}

/**
 * The reader and writer over stdin and stdout. A read error exits 1 after its line; stdin's end or
 * close exits as the library's own stdio transport does: 0 after a shutdown request, else 1.
 */
export function stdioTransport(proc: ProcessLike, shutdownReceived: () => boolean): StdioTransport {
  const reader = new StreamMessageReader(proc.stdin);
  let exiting = false;
  reader.onError((error) => {
    // One line: a reader out of step reports every message after the bad one too.
    if (exiting) return;
    exiting = true;
    proc.stderr.write(unreadableInputLine(error));
    proc.exit(1);
  });
  const ended = (): void => proc.exit(shutdownReceived() ? 0 : 1);
  proc.stdin.on('end', ended);
  proc.stdin.on('close', ended);
  return { reader, writer: new StreamMessageWriter(proc.stdout) };
}

/** The console methods that take what to print, as the library patches them for `--stdio`. */
const PRINTING = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * stdout is the protocol: what a dependency prints through `console` goes to the connection's log
 * (as the library does for `--stdio`), and the rest of the console (trace, table, dir...) to stderr.
 */
export function consoleToLog(log: Record<(typeof PRINTING)[number], (message: string) => void>, stderr: NodeJS.WritableStream): void {
  const aside = new Console({ stdout: stderr, stderr });
  for (const name of Object.keys(console) as (keyof Console)[]) {
    const method = aside[name];
    if (typeof method === 'function') (console as unknown as Record<string, unknown>)[name] = (method as (...args: unknown[]) => unknown).bind(aside);
  }
  for (const name of PRINTING) console[name] = (...args: unknown[]): void => log[name](args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '));
}
