/**
 * A bound on the size of one incoming message. The RPC library's reader (vscode-jsonrpc
 * ReadableStreamMessageReader) takes any Content-Length and holds the whole body before parsing
 * it: a client that sent a 1 GB didOpen was buffered whole, and parsed. The reader has no option
 * for a bound and its buffer is private, so the bound sits in front of it, on the byte stream: a
 * message past it is skipped as its bytes arrive (never held), with one log line, and the stream
 * stays in step, so the messages after it are read as usual. A notification skipped so is lost, as
 * its size says no editor sent it (see MAX_MESSAGE_BYTES). A request is answered, so that its client
 * does not wait for ever: its top-level id is read as the bytes pass (requestId.ts, constant memory),
 * and the reader gets in its place a small request of that id for MESSAGE_TOO_LONG, which the server
 * refuses (messageTooLong), as sessionOrder.ts passes on a refused request renamed. A request whose
 * id is not found there (past 1 KiB, or a body not read as an object) is not answered.
 *
 * Headers are read with the library's own message buffer (RAL), so a header is taken as the reader
 * takes it. A header whose length the reader cannot use (missing, not a number, negative) is passed
 * on as it came, with everything after it: the reader reports it, and transport.ts exits.
 *
 * A header is bounded too (MAX_HEADER_BYTES): the library's buffer held one that never ends whole,
 * and scanned it again from its start at every chunk (200 MB of `a` were 200 MB held, and minutes of
 * work). One longer than the bound makes the input unreadable (HEADER_TOO_LONG, an error of the
 * stream the reader reports), and transport.ts exits as for the reader's own header errors: nothing
 * after such a header can be trusted to be in step. The bound caps memory, not work: the end of a
 * header is looked for here over each new byte once (HeaderEnd), and the buffer asked for it only
 * then, as it searches all it holds again at every call.
 */
import { randomUUID } from 'node:crypto';
import { Transform } from 'node:stream';
import { ErrorCodes, RAL, ResponseError } from 'vscode-languageserver/node';
import { RequestIdScanner } from './requestId';
import { INTERNAL_METHODS } from './internalMethods';
import { ANALYSIS_LIMIT } from '../template/analyze';
import { MAX_URI_LENGTH } from '../template/fileKinds';
import { bytesInWords, grouped } from '../template/counts';

/**
 * Room for what a didOpen or a full didChange holds besides the document's text: its URI (at most
 * MAX_URI_LENGTH characters, six bytes each at worst in JSON; a longer one names no file the server
 * serves) and the rest of the envelope (method, version, languageId: a few hundred bytes).
 */
const ENVELOPE_BYTES = 6 * MAX_URI_LENGTH + 4 * 1024;

/**
 * The longest message read: every document the analysis reads (ANALYSIS_LIMIT, 16 MiB) fits in a
 * didOpen or a full didChange whatever its characters, as JSON writes one byte in at most six
 * (`\u0000`), with its envelope. Anything longer is no document the server would analyse.
 */
export const MAX_MESSAGE_BYTES = 6 * ANALYSIS_LIMIT + ENVELOPE_BYTES;

/**
 * The longest header read, its blank line included. LSP's header is at most two short lines
 * (Content-Length, and Content-Type, which no client needs to send): under a hundred bytes. 64 KiB
 * leaves room for any client's extra lines many times over, and is as much as the buffer holds
 * while it waits for a header's end.
 */
export const MAX_HEADER_BYTES = 64 * 1024;

/** The start of the stream's error for a header past its bound (transport.ts names the problem from it). */
export const HEADER_TOO_LONG = 'Message header longer than';
/** The error of a header whose Content-Length is negative (transport.ts says it in its words). */
export const NEGATIVE_CONTENT_LENGTH = 'Negative Content-Length';

/**
 * The method a request past the bound reaches the reader as; its handler is {@link messageTooLong}.
 * A client's request for an internal method is refused before it gets there (sessionOrder.ts); this
 * one ends in a name made at start, which no client knows, so only the bound's own get through.
 */
export const MESSAGE_TOO_LONG = `${INTERNAL_METHODS}messageTooLong/${randomUUID()}`;

/**
 * The answer to a request past the bound. InvalidRequest (JSON-RPC: not a valid request object):
 * the request as a whole is refused, unread; MethodNotFound, InvalidParams or LSP's RequestFailed
 * would each say something of a method or params the server never read.
 */
export function messageTooLong(): ResponseError<void> {
  // The bound only: the log line says how long the message said it was.
  return new ResponseError(ErrorCodes.InvalidRequest, `The request was not read: its message is longer than the ${grouped(MAX_MESSAGE_BYTES)} bytes the server reads.`);
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * Where a header ends (its `\r\n\r\n`), found over each new byte once. The library's buffer
 * (messageBuffer.js tryReadHeaders) searches everything it holds again at every call: a 64 KB
 * header sent a byte a time cost 69 s of CPU, and 20 KB dripped at a byte a millisecond 7 s. So
 * the buffer is asked for the header only once its end has been seen here. The states are the
 * library's own (a CR where none is expected starts over, as there), so the end found here is the
 * one the buffer finds; the end may straddle chunks, as the state carries over.
 */
class HeaderEnd {
  /** 0 nothing, 1 `\r`, 2 `\r\n`, 3 `\r\n\r`: as messageBuffer.js counts. */
  private state = 0;
  /** Bytes of the current header scanned so far. */
  scanned = 0;

  /** Scans `bytes`, the header's next ones: the header's whole length, its blank line included, if its end is among them. */
  push(bytes: Uint8Array): number | undefined {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === CR) this.state = this.state === 0 ? 1 : this.state === 2 ? 3 : 0;
      else if (b === LF && this.state === 3) {
        const length = this.scanned + i + 1;
        this.state = 0;
        this.scanned = 0;
        return length;
      } else this.state = b === LF && this.state === 1 ? 2 : 0;
    }
    this.scanned += bytes.length;
    return undefined;
  }
}

/** `input` as the reader should get it: every message past `max` bytes left out, each said by `log`. */
export function boundedInput(input: NodeJS.ReadableStream, max: number, log: (line: string) => void): NodeJS.ReadableStream {
  // The library's buffer (AbstractMessageBuffer) counts what it holds; its RAL type leaves that out.
  const buffer = RAL().messageBuffer.create('utf-8') as ReturnType<ReturnType<typeof RAL>['messageBuffer']['create']> & { readonly numberOfBytes: number };
  /** Bytes of the current body still to come; -1 while a header is being read. */
  let remaining = -1;
  let skipping = false;
  /** The id of the request being skipped, read as its bytes pass. */
  let scanner = new RequestIdScanner();
  /** After a header the reader cannot use: it is out of step, and gets everything as it comes. */
  let passing = false;
  /**
   * The body being read, when it spans chunks: filled as they arrive and passed on whole. The
   * reader takes a body that is one chunk as it is, and copies one in pieces together only once
   * the last piece is in: for a 10 MB didOpen, tens of milliseconds (fresh memory) between its last
   * byte and the first diagnostics, and the pieces and the copy held at once. Filled here, the copy
   * overlaps the arrival.
   */
  let body: Buffer | undefined;
  let filled = 0;
  const headerEnd = new HeaderEnd();
  const output = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (passing) return done(null, chunk);
      try {
        buffer.append(chunk);
        for (;;) {
          if (remaining < 0) {
            // Names lowercased, the last of a repeated one kept: as the reader reads them
            // (messageReader.js), so `Content-Length: 10` then `content-length: 900000000` is 900000000 here too.
            // The bytes not scanned yet are the last ones held, all of this chunk: what the buffer held
            // before it was a header scanned whole without its end.
            const unscanned = buffer.numberOfBytes - headerEnd.scanned;
            const headerBytes = headerEnd.push(chunk.subarray(chunk.length - unscanned));
            // Held whole if it never ends: past the bound, whether its end came or not (so chunking cannot matter).
            if ((headerBytes ?? buffer.numberOfBytes) > MAX_HEADER_BYTES) throw new Error(`${HEADER_TOO_LONG} ${MAX_HEADER_BYTES} bytes`);
            if (headerBytes === undefined) break;
            const headers = buffer.tryReadHeaders(true);
            if (!headers) throw new Error('The message buffer did not find the header end seen in its bytes');
            // Passed on as read (one of each name): the reader gets the length judged here.
            const text = [...headers].map(([key, value]) => `${key}: ${value}\r\n`).join('');
            const declared = headers.get('content-length');
            // The reader's own reading of the length (messageReader.js: parseInt).
            const length = declared === undefined ? NaN : parseInt(declared);
            // The library takes a negative length as given and reads out of step for good, skipping
            // message after message, where it reports every other unusable length: said here.
            if (length < 0) throw new Error(NEGATIVE_CONTENT_LENGTH);
            if (!(length >= 0)) {
              passing = true;
              this.push(`${text}\r\n`);
              if (buffer.numberOfBytes > 0) this.push(buffer.tryReadBody(buffer.numberOfBytes));
              break;
            }
            remaining = length;
            skipping = length > max;
            if (skipping) {
              scanner = new RequestIdScanner();
              log(
                `runpod language server: a message of ${grouped(length)} bytes was skipped unread; it reads messages of at most ${grouped(max)} bytes ` +
                  `(room for a file it analyses, ${bytesInWords(ANALYSIS_LIMIT)}, whatever its characters). A request in it is refused, if its id is found.`,
              );
            } else {
              this.push(`${text}\r\n`);
            }
          }
          const n = Math.min(remaining, buffer.numberOfBytes);
          if (n > 0) {
            const piece = buffer.tryReadBody(n);
            if (piece && skipping) scanner.push(piece);
            else if (piece && body === undefined && n === remaining) this.push(piece);
            else if (piece) {
              // Within the bound (not skipping): allocated at its declared size, unfilled pages cost nothing.
              body ??= Buffer.allocUnsafe(remaining);
              body.set(piece, filled);
              filled += n;
              if (n === remaining) {
                this.push(body);
                body = undefined;
                filled = 0;
              }
            }
            remaining -= n;
          }
          if (remaining > 0) break;
          const id = skipping ? scanner.requestId() : undefined;
          if (id !== undefined) {
            const refused = JSON.stringify({ jsonrpc: '2.0', id, method: MESSAGE_TOO_LONG });
            this.push(`Content-Length: ${Buffer.byteLength(refused)}\r\n\r\n${refused}`);
          }
          remaining = -1;
          skipping = false;
        }
        done();
      } catch (error) {
        // A header line the library's buffer cannot read (no colon): its own error, as the reader would
        // report it; or a header past MAX_HEADER_BYTES. The stream ends here, and what it held with it.
        done(error as Error);
      }
    },
  });
  // A failed input stream is the reader's to report (transport.ts exits on it), as each of its errors
  // came (pipe does not pass errors on, and destroy would say only the first, later). Forwarded by
  // hand, not piped: an error on a pipe's destination unpipes it, and the reader heard nothing after.
  input.on('error', (error: Error) => output.emit('error', error));
  input.on('data', (chunk: Buffer) => {
    if (!output.write(chunk)) input.pause();
  });
  output.on('drain', () => input.resume());
  input.on('end', () => output.end());
  return output;
}
