/**
 * The fast walk of a valid JSON document (server/src/template/readers/validJson.ts) against
 * jsonc-parser's visitor (jsonWalk.ts `walkJsonWithVisitor`), which reads every other document:
 * on random documents JSON.parse accepts, written with random spacing, both must call the readers'
 * handlers identically (same strings, property names, offsets, containers, in the same order), so
 * a template reads the same whichever walk read it. Both stop at the same nesting depth.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { walkJson, walkJsonWithVisitor, type JsonHandlers, type JsonPath } from '../../server/src/template/readers/jsonWalk';
import { MAX_NESTING } from '../../server/src/template/readers/tooDeep';
import { jsonValue } from './jsonArbitrary';

/** Every handler call, with the part of the path a reader can look at. */
function record(walk: (text: string, handlers: JsonHandlers) => unknown, text: string): { calls: string[]; result: unknown } {
  const calls: string[] = [];
  const at = (path: JsonPath): string =>
    JSON.stringify(Array.from({ length: path.depth + 1 }, (_, d) => [path.isArray[d], path.prop[d], d > 0 && path.prop[d] !== undefined ? [path.propOffset[d], path.propLength[d]] : null]));
  const result = walk(text, {
    string: (path, value, offset, length) => calls.push(`string ${at(path)} ${JSON.stringify(value)} ${offset} ${length}`),
    objectBegin: (path, offset) => calls.push(`begin ${at(path)} ${offset}`),
    objectEnd: (path, end) => calls.push(`end ${at(path)} ${end}`),
    arrayBegin: (path, offset) => calls.push(`array ${at(path)} ${offset}`),
    arrayEnd: (path, end) => calls.push(`array end ${at(path)} ${end}`),
    property: (path) => calls.push(`property ${at(path)}`),
  });
  return { calls, result };
}

/** Strings with what JSON must escape, what it may, and characters outside the BMP. */
const text = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('', '"', '\\', '\\"', '/', '\n', '\u0001', '\u2028', 'é', '😀', '\ud800', '{{ RUNPOD_SECRET_hf-token }}', 'a"b\\c'),
);
const value = jsonValue(text, fc.oneof(fc.boolean(), fc.constant(null)));
/** A template body or a Hub listing (the shapes the readers look into), or any JSON value. */
const document = fc.oneof(
  fc.record({ name: text, env: fc.dictionary(text, fc.oneof(text, value), { maxKeys: 6 }), ports: value }),
  fc.record({ config: fc.record({ env: fc.array(fc.oneof(fc.record({ key: text, value: text }), fc.record({ key: text, input: fc.record({ default: text }) }), value), { maxLength: 5 }) }) }),
  value,
);

/** JSON.stringify with random indentation, a duplicate property planted by text, and sometimes a BOM. */
function render(doc: unknown, indent: number | string, duplicate: boolean, bom: boolean): string {
  let out = JSON.stringify(doc, null, indent);
  // A duplicate key: the walks see both (JSON.parse keeps the last, which must not matter).
  if (duplicate) out = out.replace(/^\{(?=\s*")/, '{"env": {"A": "1", "A": "2"},');
  return (bom ? '\ufeff' : '') + out;
}

describe('the fast walk of valid JSON and the visitor agree', () => {
  it('on random documents JSON.parse accepts', () => {
    fc.assert(
      fc.property(document, fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom('\t', ' \r\n ', '\r\n')), fc.boolean(), fc.boolean(), (doc, indent, duplicate, bom) => {
        const source = render(doc, indent, duplicate, bom);
        JSON.parse(source.replace(/^\ufeff/, ' ')); // the fast walk's premise
        expect(record(walkJson, source)).toEqual(record(walkJsonWithVisitor, source));
      }),
      { numRuns: 400 },
    );
  });

  it('a document with comments or an error is the visitor\'s, whichever walk is asked', () => {
    for (const source of ['{"env": {"A": "x", /* c */ "B": "y"}}', '{"env": {"A": "x",}}', '{"env": {"A": "x" "B": "y"}}', '{"env": {"A": "x\n"}}']) {
      expect(record(walkJson, source)).toEqual(record(walkJsonWithVisitor, source));
    }
  });

  it(`both stop at a container deeper than ${MAX_NESTING} levels, keeping what came before`, () => {
    const nested = (depth: number): string => `{"env": {"A": "x", "B": ${'['.repeat(depth - 2)}${']'.repeat(depth - 2)}, "C": "y"}}`;
    const fits = nested(MAX_NESTING);
    const deep = nested(MAX_NESTING + 1);
    expect(record(walkJson, fits)).toEqual(record(walkJsonWithVisitor, fits));
    expect(record(walkJson, fits).calls.filter((c) => c.startsWith('string'))).toHaveLength(2);
    const fast = record(walkJson, deep);
    expect(fast).toEqual(record(walkJsonWithVisitor, deep));
    expect(fast.calls.filter((c) => c.startsWith('string'))).toHaveLength(1);
    expect(JSON.stringify(fast.result)).toMatch(/nested too deeply/);
  });
});
