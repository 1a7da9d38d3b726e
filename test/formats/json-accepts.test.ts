/**
 * jsonAccepts (server/src/template/readers/jsonAccepts.ts) decides which walk reads a JSON
 * document: the fast one only for what `JSON.parse` accepts. Were it looser, a broken template
 * would get no syntax error and be read as if whole; were it stricter, a valid one would take the
 * slow walk. So it must give JSON.parse's answer on every text: valid documents with any spacing,
 * the same documents with a character changed, and strings of JSON's own characters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonAccepts, SCAN_FROM_CHARS, scanAccepts } from '../../server/src/template/readers/jsonAccepts';
import { jsonValue } from './jsonArbitrary';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const text = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 }), fc.constantFrom('"', '\\', '\n', '\u0001', '\u007f', '\u2028', '\ud800', '😀'));
const value = jsonValue(text, fc.constantFrom(true, false, null, 0, -0, 1e21, 1e-7, 123.456e10));
const spacing = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('\t', ' \r\n', '\r\n'));
const valid = fc.tuple(value, spacing).map(([v, indent]) => JSON.stringify(v, null, indent));
/** Every character that means something to JSON, and some that do not. */
const JSON_CHARS = [...'{}[]",:\\/ \t\n\r0123456789-+.eEtruefalsnbu', 'x', 'v', 'g', 'G', '\f', '\u000b', '\u0000', '\u001f', '\u00a0', '\ufeff', 'A', 'F'];

describe('the scan (jsonAccepts for a large text) gives JSON.parse\'s answer', () => {
  it('on valid documents with any spacing', () => {
    fc.assert(
      fc.property(valid, (source) => {
        expect(scanAccepts(source)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('on valid documents with one character inserted, removed or replaced, or cut short', () => {
    fc.assert(
      fc.property(valid, fc.nat(), fc.constantFrom('insert', 'remove', 'replace', 'cut'), fc.constantFrom(...JSON_CHARS), (source, at, how, c) => {
        const k = at % (source.length + 1);
        const mutated =
          how === 'insert' ? source.slice(0, k) + c + source.slice(k) : how === 'remove' ? source.slice(0, k) + source.slice(k + 1) : how === 'replace' ? source.slice(0, k) + c + source.slice(k + 1) : source.slice(0, k);
        expect(scanAccepts(mutated), JSON.stringify(mutated)).toBe(parses(mutated));
      }),
      { numRuns: 3000 },
    );
  });

  it('on short strings of JSON characters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...JSON_CHARS), { maxLength: 12 }), (chars) => {
        const source = chars.join('');
        expect(scanAccepts(source), JSON.stringify(source)).toBe(parses(source));
      }),
      { numRuns: 5000 },
    );
  });

  it('on the edges of the grammar', () => {
    const cases = [
      '', ' ', '0', '12', '[12', '-1.5e3', '-0', '01', '-01', '1.', '.5', '+1', '1e', '1e+', '1E5', '1e-0', '-', '--1', '0x1', '1_000', 'Infinity', 'NaN',
      '"\\u12"', '"\\u123G"', '"\\u00e9"', '"\\U00e9"', '"\\x41"', '"\\\'"', '"\t"', '"\u001f"', '"\u007f"', '"\ud800"', '"abc', '"a\\"',
      'tru', 'true ', ' null\n', 'nulll', 'True', '[1,]', '[,1]', '[1 2]', '[]', '[ ]', '{}', '{ }', '{"a":1,}', '{,}', '{"a" 1}', '{"a":}',
      '\f{}', '{}\u000b', '"\\v"', '"\\f"', '"\\u00g0"', '"\\u00G0"', '"\\u00aF"', '{1:2}', "{'a':1}", '{"a":1}{}', '{"a":1} x', '\ufeff{}', '\u00a0{}', '{}\u2028', '"a"\u0000', '[1]]', '[[1]', '{"a":[}]',
    ];
    for (const source of cases) expect(scanAccepts(source), JSON.stringify(source)).toBe(parses(source));
  });

  it('at any depth, as JSON.parse reads a million nested arrays', () => {
    const depth = 1_000_000;
    const nested = '['.repeat(depth) + ']'.repeat(depth);
    expect(scanAccepts(nested)).toBe(parses(nested));
    expect(scanAccepts(nested.slice(0, -1))).toBe(false);
  });
});

describe('jsonAccepts', () => {
  it('scans a large text and asks JSON.parse of a small one, with the same answer', () => {
    const padded = (body: string, size: number): string => body + ' '.repeat(Math.max(0, size - body.length));
    for (const size of [10, SCAN_FROM_CHARS - 1, SCAN_FROM_CHARS, 2 * SCAN_FROM_CHARS]) {
      for (const body of ['{"env": {"A": "1"}}', '{"env": {"A": "1",}}', '{"env": {"A": 01}}']) {
        const source = padded(body, size);
        expect(jsonAccepts(source), `${body} at ${size}`).toBe(parses(source));
      }
    }
  });
});
