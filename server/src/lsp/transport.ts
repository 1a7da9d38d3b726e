/**
 * The stdio transport, built here rather than by vscode-languageserver's `createConnection` from
 * `--stdio`, for one reason: its reader's errors. After a header it cannot read (a Content-Length
 * that is not a number, negative or missing, or longer than the body that follows; or a header past
 * MAX_HEADER_BYTES, which the bound in front of the reader refuses, messageBound.ts) the library's
 * reader reports an error and stays out of step: every later message is misread, the server lives
 * on and never answers again, so the editor never restarts it. Here such an error (or the input
 * stream's own failure) ends the process
 * (non-zero), and the editor's client restarts a server that exits. What the library does for
 * `--stdio` around its reader is kept: stdin's end exits, console output goes to the log.
 */
import { Console } from 'node:console';
import { inspect } from 'node:util';
import { StreamMessageReader, StreamMessageWriter, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';
import { boundedInput, HEADER_TOO_LONG, MAX_HEADER_BYTES, MAX_MESSAGE_BYTES, NEGATIVE_CONTENT_LENGTH } from './messageBound';
import { grouped } from '../template/counts';

/**
 * The header errors of the library's reader (vscode-jsonrpc messageReader/messageBuffer): after one,
 * the reader is out of step for good. A Content-Length negative or past its body ends in one of
 * these too, at the next message's header (read from the middle of a body).
 */
const HEADER_PROBLEMS: readonly [prefix: string, problem: string][] = [
  ['Header must provide a Content-Length', 'a message header without a usable Content-Length'],
  ['Content-Length value must be a number', 'a Content-Length that is not a number'],
  ["Message header must separate key and value using ':'", 'a message header line without a colon'],
  ['Cannot read so many bytes', 'a Content-Length that does not match its body'],
  // Not the library's: the bound in front of its reader (messageBound.ts).
  [HEADER_TOO_LONG, `a message header longer than ${grouped(MAX_HEADER_BYTES)} bytes`],
  [NEGATIVE_CONTENT_LENGTH, 'a negative Content-Length'],
];

/**
 * What was wrong with the input, from the library's error, without its message (it quotes the
 * header or the body it could not read, a document's text among them); undefined when the reader
 * stays in step. Anything else came from one message read whole: a body that is not JSON, or a throw of the
 * connection's handling, which the library runs inside the reader (a `$/cancelRequest` without an id).
 */
export function unreadableInputProblem(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : '';
  const header = HEADER_PROBLEMS.find(([prefix]) => message.startsWith(prefix));
  return header?.[1];
}

/** Whether `error` is the input stream's own failure (a Node system error: EIO, EPIPE...), not the library's reading. */
function streamFailure(error: unknown): boolean {
  return typeof (error as { code?: unknown } | null | undefined)?.code === 'string';
}

/** The one line said on stderr before exiting: the connection itself is what cannot be trusted. */
export function unreadableInputLine(error: unknown): string | undefined {
  if (streamFailure(error)) return 'runpod language server: its input stream failed; exiting so that the editor restarts it\n';
  const problem = unreadableInputProblem(error);
  return problem && `runpod language server: its input cannot be read as JSON-RPC (${problem}); exiting so that the editor restarts it\n`;
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
 * The reader and writer over stdin and stdout. A header error or a failed stream exits 1 after its
 * line; any other read error is logged and the server goes on; stdin's end or close exits as the library's own stdio transport does: 0 after a shutdown request, else 1.
 */
export function stdioTransport(proc: ProcessLike, shutdownReceived: () => boolean, log: (message: string) => void): StdioTransport {
  // A message past MAX_MESSAGE_BYTES is skipped before the reader, which would hold it whole (messageBound.ts).
  const reader = new StreamMessageReader(boundedInput(proc.stdin, MAX_MESSAGE_BYTES, log));
  let exiting = false;
  reader.onError((error) => {
    // One line: a reader out of step reports every message after the bad one too.
    if (exiting) return;
    const line = unreadableInputLine(error);
    if (!line) {
      // Read whole, so the next message is read as usual: not a reason to exit (nor its text to log).
      log(`runpod language server: a message was skipped (its body is not JSON, or its handling failed: ${error.name})`);
      return;
    }
    exiting = true;
    proc.stderr.write(line);
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
