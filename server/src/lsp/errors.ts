/**
 * Error reporting that cannot leak document contents. Messages of errors thrown by our own code or
 * by a parser may quote the text being parsed (and env files hold credentials), so only the error's
 * class and stack frames are logged; the message is kept for the engine's own TypeError,
 * RangeError and ReferenceError, whose messages name code, with what they quote elided.
 */
import { ErrorCodes, ResponseError, type ConsoleFeature } from 'vscode-languageserver';
import { escapeUnsafe, oneLine } from '../template/displayText';

const ENGINE_ERRORS: ReadonlySet<string> = new Set(['TypeError', 'RangeError', 'ReferenceError']);

/** A log line describing `error` without any document text or value. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `non-Error thrown (${typeof error})`;
  // An engine message names code, but quotes the property or string involved, which may come
  // from the document (`Cannot read properties of undefined (reading 'hf_…')`): elided.
  const head = ENGINE_ERRORS.has(error.name) ? `${error.name}: ${error.message.slice(0, 200).replace(/'[^']*'?|"[^"]*"?/g, "'…'")}` : error.name;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 6)
    .join('\n');
  return frames ? `${head}\n${frames}` : head;
}

/**
 * Wraps a handler so an exception answers `fallback` and is logged, instead of failing the request
 * (or, for a notification, escaping into the RPC layer's own logging, which prints the message).
 * A `ResponseError` the handler throws on purpose (a refusal the user should read, such as an
 * invalid new name for rename) is the answer itself and passes through; its message is ours.
 */
export function guard<P extends unknown[], R>(
  name: string,
  fallback: R,
  log: (message: string) => void,
  handler: (...args: P) => R | Promise<R>,
): (...args: P) => Promise<R> {
  return async (...args: P): Promise<R> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      log(`runpod language server: ${name} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}

/** The refusal of request `name` whose params are not what it needs (`problem` says how): the client's mistake, said as InvalidParams. */
export function invalidParams(name: string, problem: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${name}: ${problem}.`);
}

/**
 * Wraps the handler of a request about one document (hover, completion, rename...) so params
 * without `textDocument.uri` as a string are refused as invalid params (-32602), saying what is
 * missing, instead of reaching the handler, whose TypeError was logged with a stack as if the
 * server had a bug. Inside {@link guard}, which passes the refusal through.
 */
export function needsDocument<A extends [unknown, ...unknown[]], R>(name: string, handler: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    const params: unknown = args[0];
    const document = typeof params === 'object' && params !== null ? (params as { textDocument?: unknown }).textDocument : undefined;
    const uri = typeof document === 'object' && document !== null ? (document as { uri?: unknown }).uri : undefined;
    if (typeof uri !== 'string') throw invalidParams(name, 'the params have no textDocument.uri (a string)');
    return handler(...args);
  };
}

/** The longest line of the RPC library's that reaches the log: its own sentences are shorter. */
const LIBRARY_LINE_MAX = 300;

/**
 * A log line of the JSON-RPC library (vscode-jsonrpc, the document manager), as the server lets it
 * through: the first line only, unsafe characters escaped (displayText.ts), at most
 * LIBRARY_LINE_MAX characters. The library follows some sentences with the whole message a client
 * sent, as JSON ("neither a response nor a notification message:" and a didOpen's text with it),
 * and names what it was sent as is (a URI with an escape sequence or a line break in it).
 */
export function libraryLogLine(message: string): string {
  const text = String(message);
  const end = text.search(/[\r\n]/);
  const first = end < 0 ? text : text.slice(0, end);
  const bounded = first.length > LIBRARY_LINE_MAX ? `${first.slice(0, LIBRARY_LINE_MAX)}…` : first;
  return escapeUnsafe(bounded);
}

/** The server's own log lines, written as they are: they never hold document text or values. */
export interface OwnLines {
  own: { error(message: string): void; warn(message: string): void; info(message: string): void };
}

/**
 * The console the RPC library logs through is the connection's: every line it writes passes
 * libraryLogLine (a malformed message's params, a document's text among them, never reach the log).
 * The server's own lines are written as they are (`own`).
 */
export const filteredConsole: ConsoleFeature<OwnLines> = (Base) =>
  class extends Base {
    own = { error: (message: string): void => super.error(message), warn: (message: string): void => super.warn(message), info: (message: string): void => super.info(message) };
    override error(message: string): void {
      super.error(libraryLogLine(message));
    }
    override warn(message: string): void {
      super.warn(libraryLogLine(message));
    }
    override info(message: string): void {
      super.info(libraryLogLine(message));
    }
    override log(message: string): void {
      super.log(libraryLogLine(message));
    }
    override debug(message: string): void {
      super.debug(libraryLogLine(message));
    }
  };

/**
 * The last resort's log: through the connection while it is open. A client that closed its end of
 * stdout closed the connection: logging through it throws, and a throw inside the handler exits
 * the process (code 7) with a stack trace. Then the line goes to `stderr`, without the frames, once:
 * every answer still pending fails the same way, and one line says it, not one per answer.
 */
export function lastResortLogger(log: (message: string) => void, stderr: { write(text: string): unknown }): (message: string) => void {
  let closedConnectionSaid = false;
  return (message) => {
    try {
      log(message);
    } catch {
      if (closedConnectionSaid) return;
      closedConnectionSaid = true;
      stderr.write(`runpod language server: the connection to the client is closed; ${oneLine(message.split('\n', 1)[0]!)}\n`);
    }
  };
}
