/**
 * The SSE parser: the event-stream grammar (line breaks of all three kinds, comments, multi-line
 * data, ids, retry), the same events whatever the chunking, and memory that stays bounded whatever
 * a server sends (a 10 MB line, a stream that never sends a line break).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser, type SseEvent } from '../../client/src/runpod/sse';

const bytes = (text: string) => new TextEncoder().encode(text);

function parseAll(chunks: Uint8Array[], limits?: ConstructorParameters<typeof SseParser>[0]): SseEvent[] {
  const parser = new SseParser(limits);
  return chunks.flatMap((c) => parser.push(c));
}

describe('event-stream grammar', () => {
  it('dispatches on a blank line; joins data lines with LF; ids persist; event type defaults to message', () => {
    const events = parseAll([bytes('id: 1\ndata: first\ndata: second\n\ndata: no id line\n\nevent: log\nid: 2\ndata:{"x":1}\n\n')]);
    expect(events).toEqual([
      { type: 'message', data: 'first\nsecond', id: '1', oversized: false },
      { type: 'message', data: 'no id line', id: '1', oversized: false },
      { type: 'log', data: '{"x":1}', id: '2', oversized: false },
    ]);
  });

  it('treats CRLF, LF and CR alike, including a CRLF split across chunks', () => {
    const expected = [{ type: 'message', data: 'a', id: 'x', oversized: false }, { type: 'message', data: 'b', id: 'x', oversized: false }];
    expect(parseAll([bytes('id: x\r\ndata: a\r\n\r\ndata: b\r\n\r\n')])).toEqual(expected);
    expect(parseAll([bytes('id: x\rdata: a\r\rdata: b\r\r')])).toEqual(expected);
    expect(parseAll([bytes('id: x\r'), bytes('\ndata: a\r'), bytes('\n\r'), bytes('\ndata: b\r\n\r\n')])).toEqual(expected);
  });

  it('ignores comments and unknown fields, reads retry (digits only), ignores an id with NUL, strips one leading space and a BOM', () => {
    const parser = new SseParser();
    const events = parser.push(bytes('\ufeff: keep-alive\nretry: 2500\nretry: soon\nfoo: bar\nid: ok\nid: bad\u0000id\ndata:  two spaces\n\n'));
    expect(events).toEqual([{ type: 'message', data: ' two spaces', id: 'ok', oversized: false }]);
    expect(parser.retryMs).toBe(2500);
  });

  it('an event without data is not dispatched; an unfinished event at the end is discarded', () => {
    const parser = new SseParser();
    expect(parser.push(bytes('id: 5\n\nevent: x\n\ndata: half'))).toEqual([]);
    parser.end();
    expect(parser.push(bytes('data: next\n\n'))).toEqual([{ type: 'message', data: 'next', id: '5', oversized: false }]);
  });

  it('decodes UTF-8 split across chunks', () => {
    const all = bytes('data: héllo ✓ 🚀\n\n');
    const events = parseAll(Array.from(all, (b) => Uint8Array.of(b)));
    expect(events.map((e) => e.data)).toEqual(['héllo ✓ 🚀']);
  });
});

describe('any chunking of the same bytes gives the same events', () => {
  const field = fc.oneof(
    fc.string({ maxLength: 20 }).map((s) => `data: ${s.replace(/[\r\n]/g, '')}`),
    fc.string({ maxLength: 10 }).map((s) => `id: ${s.replace(/[\r\n]/g, '')}`),
    fc.constantFrom(': comment', 'event: log', 'retry: 100', '', '', 'data', 'data:'),
  );
  const stream = fc.tuple(fc.array(field, { maxLength: 30 }), fc.array(fc.constantFrom('\n', '\r', '\r\n'), { minLength: 30, maxLength: 30 })).map(([lines, breaks]) =>
    bytes(lines.map((l, i) => l + breaks[i]!).join('')),
  );

  it('holds for random streams and random cut points', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 12 }), (all, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let at = 0;
        for (const p of [...points, all.length]) {
          chunks.push(all.subarray(at, p));
          at = p;
        }
        expect(parseAll(chunks)).toEqual(parseAll([all]));
      }),
    );
  });

  it('and with the size limits, whatever the chunking', () => {
    fc.assert(
      fc.property(stream, fc.integer({ min: 1, max: 7 }), (all, size) => {
        const limits = { maxLineBytes: 12, maxEventBytes: 16 };
        const chunks = Array.from({ length: Math.ceil(all.length / size) }, (_, i) => all.subarray(i * size, (i + 1) * size));
        expect(parseAll(chunks, limits)).toEqual(parseAll([all], limits));
      }),
    );
  });
});

describe('bounded memory', () => {
  it('a 10 MB line is dropped as it arrives: the event comes out marked oversized with its id, the stream goes on', () => {
    const parser = new SseParser({ maxLineBytes: 64 * 1024, maxEventBytes: 64 * 1024 });
    const events: SseEvent[] = [];
    events.push(...parser.push(bytes('id: big\ndata: ')));
    const block = new Uint8Array(1024 * 1024).fill(0x41);
    let peak = 0;
    for (let i = 0; i < 10; i++) {
      events.push(...parser.push(block));
      peak = Math.max(peak, parser.bufferedBytes);
    }
    events.push(...parser.push(bytes('\n\nid: small\ndata: after\n\n')));
    expect(peak).toBeLessThanOrEqual(64 * 1024);
    expect(events).toEqual([
      { type: 'message', data: '', id: 'big', oversized: true },
      { type: 'message', data: 'after', id: 'small', oversized: false },
    ]);
  });

  it('a server that never sends a line break holds at most the line limit', () => {
    const parser = new SseParser({ maxLineBytes: 1000, maxEventBytes: 1000 });
    const chunk = bytes('x'.repeat(777));
    for (let i = 0; i < 5000; i++) {
      expect(parser.push(chunk)).toEqual([]);
      expect(parser.bufferedBytes).toBeLessThanOrEqual(1000);
    }
  });

  it('many data lines that together exceed the event limit make one oversized event, not a growing buffer', () => {
    const parser = new SseParser({ maxLineBytes: 100, maxEventBytes: 500 });
    let peak = 0;
    for (let i = 0; i < 1000; i++) {
      parser.push(bytes('data: 0123456789\n'));
      peak = Math.max(peak, parser.bufferedBytes);
    }
    expect(peak).toBeLessThanOrEqual(600);
    expect(parser.push(bytes('\n'))).toEqual([{ type: 'message', data: '', id: '', oversized: true }]);
  });
});
