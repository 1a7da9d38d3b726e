/**
 * lsp/requestId.ts: the top-level id of a request, read from its bytes as they pass, agrees with
 * JSON.parse on the whole body, however the bytes are cut into chunks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ID_BYTES, RequestIdScanner } from '../../../server/src/lsp/requestId';

/** What an answer would echo: the id of a request (a string method, a string or finite number id), as JSON.parse reads the body. */
function expectedId(text: string): number | string | undefined {
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { id, method } = parsed as { id?: unknown; method?: unknown };
  if (typeof method !== 'string') return undefined;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : undefined;
}

/** The scanner's id for `text`, its bytes fed in pieces cut at `cuts`. */
function scanned(text: string, cuts: number[] = []): number | string | undefined {
  const bytes = Buffer.from(text);
  const scanner = new RequestIdScanner();
  let start = 0;
  for (const cut of [...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b), bytes.length]) {
    scanner.push(bytes.subarray(start, Math.max(start, cut)));
    start = Math.max(start, cut);
  }
  return scanner.requestId();
}

/** Strings that look like JSON structure: quotes, backslashes, braces, `"id":` itself. */
const tricky = fc.string({ unit: fc.constantFrom('"', '\\', '{', '}', '[', ']', ':', ',', 'id', '"id":', 'a', 'é', '😀', '\n', '\u0000'), maxLength: 12 });
const anyString = fc.oneof(tricky, fc.string({ maxLength: 12 }));
const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    anyString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(null, true, false),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.constant('id'), fc.constant('method'), anyString), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const message = fc.record(
  {
    jsonrpc: fc.constant('2.0'),
    id: fc.oneof(fc.integer(), fc.nat(), anyString, fc.constantFrom(null, 1.5, -0), value),
    method: fc.oneof(anyString, fc.constantFrom('textDocument/didOpen', 'textDocument/hover'), value),
    params: value,
    result: value,
  },
  { requiredKeys: [] },
);

describe('the id of a request read as its bytes pass', () => {
  it('agrees with JSON.parse: ids anywhere, strings with escaped quotes and braces, escaped keys, any chunks', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        fc.oneof({ weight: 5, arbitrary: message }, { weight: 1, arbitrary: value }),
        fc.constantFrom(undefined, 0, 1, '\t', ' \n'),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        (m, indent, escapeKeys, cuts) => {
          let text = JSON.stringify(m, null, indent);
          // A key written with an escape is the same key to JSON.parse; an unescaped quote before it is structure, never inside a string.
          if (escapeKeys) text = text.replace(/([{,]\s*)"id"(\s*):/g, '$1"\\u0069d"$2:').replace(/([{,]\s*)"method":/g, '$1"\\u006dethod":');
          const expected = expectedId(text);
          if (expected !== undefined) answered++;
          expect(scanned(text, cuts)).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
    // The messages generated are requests often enough that agreeing is not just agreeing on silence.
    expect(answered).toBeGreaterThan(200);
  });

  it('agrees with JSON.parse on bodies with bytes cut, repeated or replaced, wherever JSON.parse reads them', () => {
    // A body JSON.parse rejects may still be answered (the scanner checks structure, not every string):
    // the id is the client's own. One it reads must get exactly its id, or none if it is no request.
    let parsed = 0;
    fc.assert(
      fc.property(
        message,
        fc.array(fc.record({ at: fc.nat(), length: fc.nat({ max: 8 }), insert: fc.oneof(fc.constantFrom('', '"', ',', '}', '{', ':', '"id":', '\\', ' '), fc.string({ maxLength: 3 })) }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (m, edits, cuts) => {
          let text = JSON.stringify(m);
          for (const { at, length, insert } of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert + text.slice(i + length);
          }
          // What the wire carries: an edit between the halves of a surrogate pair leaves lone halves,
          // which UTF-8 cannot encode (each is sent as U+FFFD), so the server reads that text.
          text = Buffer.from(text).toString('utf8');
          let expected: number | string | undefined;
          try {
            expected = expectedId(text);
          } catch {
            return;
          }
          parsed++;
          expect(scanned(text, cuts)).toEqual(expected);
        },
      ),
      { numRuns: 3000 },
    );
    expect(parsed).toBeGreaterThan(100);
  });

  it.each([
    ['the last of a repeated id', '{"id":1,"method":"m","id":"two"}', 'two'],
    ['a repeated id whose last is an object', '{"id":1,"method":"m","id":{"id":3}}', undefined],
    ['a method repeated as a number', '{"method":"m","id":1,"method":5}', undefined],
    ['an id nested in params only', '{"method":"m","params":{"id":4}}', undefined],
    ['a response', '{"jsonrpc":"2.0","id":7,"result":{"method":"m"}}', undefined],
    ['an infinite id', '{"method":"m","id":1e999}', undefined],
    ['a body cut short', '{"method":"m","id":1', undefined],
    ['a body not JSON after the id', '{"method":"m","id":1,]', undefined],
    ['a top-level array', '[{"method":"m","id":1}]', undefined],
    ['trailing bytes', '{"method":"m","id":1} x', undefined],
    ['a trailing comma', '{"id":1,"method":"x",}', undefined],
    ['a leading comma', '{,"id":1,"method":"x"}', undefined],
    ['an empty object', '{ }', undefined],
    ['a number id with exponent', '{"method":"m","id":2e3}', 2000],
  ])('%s', (_, text, expected) => {
    expect(scanned(text)).toEqual(expected);
  });

  it('a method of any length is a string method: only that is noted, none of its bytes kept', () => {
    expect(scanned(JSON.stringify({ id: 1, method: 'm'.repeat(ID_BYTES + 76) }))).toBe(1);
    expect(scanned(JSON.stringify({ method: 'm'.repeat(10 * ID_BYTES), id: 'after' }))).toBe('after');
  });

  it('an id longer than ID_BYTES is not taken (and not held): the request stays unanswered', () => {
    const long = 'x'.repeat(ID_BYTES + 1);
    expect(scanned(JSON.stringify({ method: 'm', id: long }))).toBeUndefined();
    expect(scanned(JSON.stringify({ method: 'm', id: long.slice(2) }))).toBe(long.slice(2));
  });

  it.each([
    ['a string nested in params', '{"jsonrpc":"2.0","id":"big","method":"textDocument/didOpen","params":{"text":"', '"}}'],
    ['a top-level string', '{"jsonrpc":"2.0","id":"big","method":"textDocument/didOpen","text":"', '"}'],
    ['a top-level key', '{"jsonrpc":"2.0","id":"big","method":"textDocument/didOpen","', '":1}'],
    ['a top-level number', '{"jsonrpc":"2.0","id":"big","method":"textDocument/didOpen","n":1', '}'],
  ])('a body of many megabytes in %s is read in constant memory: only the id and method are kept', (_, start, end) => {
    const scanner = new RequestIdScanner();
    const digit = end === '}';
    const chunk = Buffer.alloc(1024 * 1024, digit ? 0x31 : 0x61);
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
    const before = used();
    scanner.push(Buffer.from(start));
    for (let i = 0; i < 32; i++) scanner.push(chunk);
    // Measured while the scanner holds what it kept: a scanner that buffered the 32 MiB would be 32 MiB up at least.
    const growth = used() - before;
    scanner.push(Buffer.from(end));
    expect(growth).toBeLessThan(8 * 1024 * 1024);
    expect(scanner.requestId()).toBe('big');
  });
});
