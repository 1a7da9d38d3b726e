/**
 * Every variable of a JSON or TOML file answers its own places: the readers keep the numbers of
 * where a variable is written in blocks shared by many variables (readers/stringOffsets.ts), so a
 * file of more variables than one block holds, with CRLF line ends, escaped keys and values, and
 * characters outside ASCII, is read back place by place against where the test wrote each one.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/template';
import { keyLengthOf, keyStartOf, mayHaveReferences, valueLengthOf } from '../../server/src/template/readers/env';
import type { Span } from '../../server/src/template/types';
import { CATALOG } from './fixtures';

/** More than the first few blocks (16, 32, 64 variables) hold. */
const COUNT = 150;

interface Written {
  key: string;
  keySpan: Span;
  valueSpan: Span;
  span: Span;
  value: string;
  /** The secret name referenced, written at `nameSpan`. */
  name: string;
  nameSpan: Span;
}

/** A value of each kind: raw, with escapes before the reference, with a character outside ASCII. */
function entry(i: number, json: boolean): { written: string; value: string; name: string; nameAt: number } {
  const name = `secret-${i}`;
  const ref = `{{ RUNPOD_SECRET_${name} }}`;
  if (i % 3 === 0) return { written: `v${i} ${ref}`, value: `v${i} ${ref}`, name, nameAt: `v${i} {{ RUNPOD_SECRET_`.length };
  if (i % 3 === 1) {
    const escapes = json ? `say \\"hi\\" caf\\u00e9 ` : `say \\"hi\\" caf\\u00E9 `;
    return { written: `${escapes}${ref}`, value: `say "hi" café ${ref}`, name, nameAt: `${escapes}{{ RUNPOD_SECRET_`.length };
  }
  return { written: `naïve ✓ ${ref}`, value: `naïve ✓ ${ref}`, name, nameAt: `naïve ✓ {{ RUNPOD_SECRET_`.length };
}

function build(json: boolean): { text: string; written: Written[] } {
  let text = json ? '{\r\n  "name": "many",\r\n  "env": {\r\n' : '[project]\r\nname = "many"\r\n\r\n[project.env_vars]\r\n';
  const written: Written[] = [];
  for (let i = 0; i < COUNT; i++) {
    // JSON keys are written with an escape every other time (`\u0045` is `E`).
    const keyWritten = json && i % 2 === 1 ? `K\\u0045Y_${i}` : `KEY_${i}`;
    const { written: v, value, name, nameAt } = entry(i, json);
    const lineStart = text.length + (json ? 4 : 0);
    const keyStart = lineStart + (json ? 1 : 0);
    const valueStart = keyStart + keyWritten.length + (json ? 3 : 3);
    text += json ? `    "${keyWritten}": "${v}"${i < COUNT - 1 ? ',' : ''}\r\n` : `${keyWritten} = "${v}"\r\n`;
    const valueEnd = valueStart + v.length + 2;
    written.push({
      key: `KEY_${i}`,
      keySpan: { start: keyStart, end: keyStart + keyWritten.length },
      valueSpan: { start: valueStart, end: valueEnd },
      span: { start: lineStart, end: valueEnd },
      value,
      name,
      nameSpan: { start: valueStart + 1 + nameAt, end: valueStart + 1 + nameAt + name.length },
    });
  }
  if (json) text += '  }\r\n}\r\n';
  return { text, written };
}

describe('variables of a file larger than one block of places', () => {
  for (const [kind, json] of [['runpod-json', true], ['runpod-toml', false]] as const) {
    it(`${kind}: each variable's key, value, spans and reference places are its own`, () => {
      const { text, written } = build(json);
      const a = analyze(text, kind, CATALOG);
      expect(a.variables).toHaveLength(COUNT);
      a.variables.forEach((v, i) => {
        const w = written[i]!;
        expect({ key: v.key, value: v.value, keySpan: v.keySpan, valueSpan: v.valueSpan }).toEqual({ key: w.key, value: w.value, keySpan: w.keySpan, valueSpan: w.valueSpan });
        // TOML's statement starts at its key, as JSON's entry starts at the key's quote.
        expect(v.span).toEqual(json ? w.span : { start: w.keySpan.start, end: w.span.end });
        expect(v.valueOffsets).toHaveLength(v.value.length + 1);
        expect(v.valueOffsets.at(-1)).toBe(w.valueSpan.end - 1);
        // A key written as it reads is read where it is written (the key rules compare it there, nothing is kept per key); an escaped one is not there.
        expect(keyStartOf(v)).toBe(json && i % 2 === 1 ? -1 : w.keySpan.start);
        expect([keyLengthOf(v), valueLengthOf(v)]).toEqual([w.key.length, w.value.length]);
      });
      expect(a.references.map((r) => [r.name, r.nameSpan])).toEqual(written.map((w) => [w.name, w.nameSpan]));
      expect(a.references.every((r) => text.slice(r.nameSpan.start, r.nameSpan.end) === r.name)).toBe(true);
    });
  }

  it('whether a value holds `{{` is found without building it, right in any order asked', () => {
    const text = '{ "env": { "A": "x{", "B": "{{ RUNPOD_SECRET_b }}", "C": "plain", "D": "{", "E": "a {{ b", "F": "\\u007b{", "G": "}}{{" } }';
    const variables = analyze(text, 'runpod-json', CATALOG).variables;
    const expected = variables.map((v) => v.value.includes('{{'));
    expect(expected).toEqual([false, true, false, false, true, true, true]);
    for (const order of [[0, 1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1, 0], [3, 1, 6, 0, 4, 2, 5]]) {
      const fresh = analyze(text, 'runpod-json', CATALOG).variables;
      expect(order.map((i) => mayHaveReferences(fresh[i]!))).toEqual(order.map((i) => expected[i]));
    }
  });

  it('a JSON key written with an escape is the duplicate of the same key written plainly, either way round', () => {
    for (const text of ['{ "env": { "KEY": "a", "K\\u0045Y": "b" } }', '{ "env": { "K\\u0045Y": "a", "KEY": "b" } }']) {
      const a = analyze(text, 'runpod-json', CATALOG);
      expect(a.variables.map((v) => v.key)).toEqual(['KEY', 'KEY']);
      expect(a.problems.map((p) => p.code)).toContain('duplicate-key');
    }
  });

  it('a JSON value never closed that ends in an escaped quote reaches the end of its line, not its last quote', () => {
    const text = '{ "env": { "A": "{{ RUNPOD_SECRET_s \\"\n} }';
    const a = analyze(text, 'runpod-json', CATALOG);
    expect(a.variables[0]!.value).toBe('{{ RUNPOD_SECRET_s "');
    const unclosed = a.problems.find((p) => p.code === 'malformed-reference')!;
    expect(text.slice(unclosed.span.start, unclosed.span.end)).toBe('{{ RUNPOD_SECRET_s \\"');
  });
});
