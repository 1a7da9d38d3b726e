/**
 * A Server-Sent Events parser (WHATWG HTML "Parsing an event stream"): bytes in, events out, pure.
 *
 * Lines end in CRLF, LF or CR (a CR at the end of one chunk and an LF at the start of the next are
 * one line break); `:` starts a comment; `data` lines join with LF; `id` sets the last event id
 * (ignored when it contains NUL); `retry` takes digits only; a blank line dispatches. Text is
 * decoded per line, so a chunk boundary inside a UTF-8 character changes nothing.
 *
 * Bounded memory whatever the server sends: a line longer than `maxLineBytes` is dropped as it
 * arrives (a server that never sends a line break holds at most that much), and an event whose
 * data grows past `maxEventBytes` is dropped; either way the event is still dispatched, marked
 * `oversized` with empty data, so the reader can say a line was skipped and keep its id.
 */

export interface SseEvent {
  /** The `event` field, `message` when absent. */
  type: string;
  data: string;
  /** The last event id at dispatch (ids persist until the server sets another). */
  id: string;
  /** A field line or the data was over the limits and dropped; `data` is empty then. */
  oversized: boolean;
}

export interface SseLimits {
  /** Longest field line kept, in bytes (without its line break). */
  maxLineBytes: number;
  /** Largest `data` of one event, in bytes. */
  maxEventBytes: number;
}

/** 1 MiB: far beyond any sensible log line, small enough to hold. */
export const DEFAULT_SSE_LIMITS: SseLimits = { maxLineBytes: 1024 * 1024, maxEventBytes: 1024 * 1024 };

const LF = 0x0a;
const CR = 0x0d;
const BOM = '\ufeff';

export class SseParser {
  /** The last `retry:` value (ms), if the server sent one. */
  retryMs: number | undefined;

  private readonly limits: SseLimits;
  /** Bytes of the line being read, held until its line break. */
  private partial: Uint8Array[] = [];
  private partialBytes = 0;
  /** The current line is over the limit: skip to its end. */
  private skippingLine = false;
  private afterCR = false;
  private atStart = true;
  private data: string[] = [];
  private dataBytes = 0;
  private eventType = '';
  private lastEventId = '';
  private oversized = false;

  constructor(limits: Partial<SseLimits> = {}) {
    this.limits = { ...DEFAULT_SSE_LIMITS, ...limits };
  }

  /** Bytes held for the unfinished line and event: never more than the two limits together. */
  get bufferedBytes(): number {
    return this.partialBytes + this.dataBytes;
  }

  /** Feeds the next chunk; returns the events it completed, in order. */
  push(chunk: Uint8Array): SseEvent[] {
    const events: SseEvent[] = [];
    let start = 0;
    if (this.afterCR && chunk.length > 0) {
      this.afterCR = false;
      if (chunk[0] === LF) start = 1; // the LF of a CRLF split across chunks
    }
    let nextLF = chunk.indexOf(LF, start);
    let nextCR = chunk.indexOf(CR, start);
    while (start < chunk.length) {
      if (nextLF !== -1 && nextLF < start) nextLF = chunk.indexOf(LF, start);
      if (nextCR !== -1 && nextCR < start) nextCR = chunk.indexOf(CR, start);
      const end = nextLF === -1 ? nextCR : nextCR === -1 ? nextLF : Math.min(nextLF, nextCR);
      if (end === -1) {
        this.hold(chunk.subarray(start));
        break;
      }
      this.endLine(chunk.subarray(start, end), events);
      start = end + 1;
      if (chunk[end] === CR) {
        // CRLF is one line break; when the chunk ends on the CR, the next chunk may start with its LF.
        if (start === chunk.length) this.afterCR = true;
        else if (chunk[start] === LF) start++;
      }
    }
    return events;
  }

  /** The stream ended: an unfinished event is discarded (as the spec says); resets for reuse. */
  end(): void {
    this.partial = [];
    this.partialBytes = 0;
    this.skippingLine = false;
    this.afterCR = false;
    this.resetEvent();
  }

  private hold(bytes: Uint8Array): void {
    if (this.skippingLine || bytes.length === 0) return;
    if (this.partialBytes + bytes.length > this.limits.maxLineBytes) {
      this.partial = [];
      this.partialBytes = 0;
      this.skippingLine = true;
      this.oversized = true;
      return;
    }
    // Copied: the caller may reuse its buffer.
    this.partial.push(bytes.slice());
    this.partialBytes += bytes.length;
  }

  /** Ends the line whose last bytes are `tail` (in the current chunk: decoded without a copy). */
  private endLine(tail: Uint8Array, events: SseEvent[]): void {
    let bytes = tail;
    if (this.partialBytes > 0 || this.skippingLine) {
      this.hold(tail);
      if (this.skippingLine) {
        this.skippingLine = false;
        return;
      }
      bytes = concat(this.partial, this.partialBytes);
      this.partial = [];
      this.partialBytes = 0;
    } else if (bytes.length > this.limits.maxLineBytes) {
      this.oversized = true;
      return;
    }
    let line = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
    if (this.atStart) {
      this.atStart = false;
      if (line.startsWith(BOM)) line = line.slice(1);
    }
    this.field(line, bytes.length, events);
  }

  /** One field line; `lineBytes` is its length in bytes (the field names are ASCII). */
  private field(line: string, lineBytes: number, events: SseEvent[]): void {
    if (line === '') return this.dispatch(events);
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (name) {
      case 'event':
        this.eventType = value;
        break;
      case 'data': {
        // The value's bytes: the line's, less the ASCII "data:" and the one space dropped.
        const bytes = lineBytes - (line.length - value.length) + 1;
        if (this.oversized || this.dataBytes + bytes > this.limits.maxEventBytes) {
          this.oversized = true;
          this.data = [];
          this.dataBytes = 0;
        } else {
          this.data.push(value);
          this.dataBytes += bytes;
        }
        break;
      }
      case 'id':
        if (!value.includes('\u0000')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
        break; // unknown fields are ignored
    }
  }

  private dispatch(events: SseEvent[]): void {
    if (this.data.length === 0 && !this.oversized) {
      this.resetEvent();
      return;
    }
    events.push({ type: this.eventType || 'message', data: this.oversized ? '' : this.data.join('\n'), id: this.lastEventId, oversized: this.oversized });
    this.resetEvent();
  }

  private resetEvent(): void {
    this.data = [];
    this.dataBytes = 0;
    this.eventType = '';
    this.oversized = false;
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
