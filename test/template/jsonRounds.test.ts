/**
 * analyze() reads a `*.runpod.json`, `.runpod/hub.json` or `.runpod/tests.json` in rounds of
 * variables, judging each round as the walk hands it over (server/src/template/roundsAnalysis.ts).
 * It must find exactly what reading the whole document first and then running every rule over it
 * finds (analyzeAtOnce): the same problems in the same order with the same notes, the same input
 * keys, and the same variables and references when asked for, whatever the rounds' size. Where a
 * repeated `env` (or `config`) drops variables a round already judged, it says so (undefined) and
 * analyze() reads the document at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeAtOnce } from '../../server/src/template/analyze';
import { analyzeInRounds } from '../../server/src/template/roundsAnalysis';
import { MAX_LISTED_PROBLEMS } from '../../server/src/template/problemLimit';
import type { DocumentKind, SecretCatalog } from '../../server/src/template/types';

const CATALOG: SecretCatalog = { state: 'fresh', secrets: [{ name: 'hf-token' }, { name: 'db_password' }] };

/** Values as written in JSON: references, escapes, credentials, and values that are not strings. */
const VALUES: readonly string[] = [
  '"1"',
  '"{{ RUNPOD_SECRET_hf-token }}"',
  '"{{RUNPOD_SECRET_nope}}"',
  '"https://{{ RUNPOD_SECRET_db_password }}@host"',
  '"{{ RUNPOD_SECRET_"',
  '"{{ RUNPOD_SECRET_hf-tokn }}"',
  '"hf_aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY3z"',
  '"line\\nbreak \\"q\\" \\u007b{ RUNPOD_SECRET_nope }}"',
  '"\\ud83d\\ude00 {{ RUNPOD_SECRET_nope }}"',
  '5',
  'null',
  '{"nested": "{{ RUNPOD_SECRET_nope }}"}',
  '["{{ RUNPOD_SECRET_nope }}"]',
];
/** Keys as written in JSON: valid, repeated, invalid, empty, escaped, credential-named. */
const KEYS: readonly string[] = ['"A"', '"A"', '"B"', '"HF_TOKEN"', '"1BAD"', '""', '"bad key"', '"A\\u0042"', '"AB"', '"é"', '"DB_PASSWORD"'];
/** Text that breaks the JSON (the tolerant walk then reads it, with one syntax error). */
const BROKEN: readonly string[] = ['"K" "x"', '"L": "unclosed', '/* note */ "M": "x"', '"N": ', ',', '"O": tru'];

const pick = <T>(items: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...items);
const entry = fc.oneof({ weight: 8, arbitrary: fc.tuple(pick(KEYS), pick(VALUES)).map(([k, v]) => `${k}: ${v}`) }, { weight: 1, arbitrary: pick(BROKEN) });
const envObject = fc.array(entry, { maxLength: 30 }).map((entries) => `{\n  ${entries.join(',\n  ')}\n}`);
/** Top-level fields of a template; `env` may be repeated or not an object. */
const templateField = fc.oneof(
  { weight: 4, arbitrary: envObject.map((env) => `"env": ${env}`) },
  { weight: 1, arbitrary: pick(['"name": "n"', '"name": "again"', '"env": 3', '"ports": ["8888/http"]', '"imageName": "{{ RUNPOD_SECRET_nope }}"']) },
);
const templateDoc = fc.array(templateField, { maxLength: 4 }).map((fields) => `{${fields.join(',\n')}}`);

/** Hub env entries: fields in any order, inputs with and without a default, entries that are not entries. */
const hubEntry = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(pick(KEYS), pick(VALUES), fc.boolean()).map(([k, v, keyFirst]) => (keyFirst ? `{"key": ${k}, "value": ${v}}` : `{"value": ${v}, "key": ${k}}`)) },
  { weight: 2, arbitrary: fc.tuple(pick(KEYS), pick(VALUES)).map(([k, v]) => `{"key": ${k}, "input": {"name": "n", "default": ${v}}}`) },
  { weight: 1, arbitrary: pick(KEYS).map((k) => `{"key": ${k}, "input": {"name": "required"}}`) },
  { weight: 1, arbitrary: pick(['{"key": "E"}', '{"key": 5, "value": "x"}', '"str"', '3', '{"key": "F" "value": "x"}', '{"key": "G", "value": "unclosed}']) },
);
const envArray = fc.array(hubEntry, { maxLength: 30 }).map((entries) => `[\n  ${entries.join(',\n  ')}\n]`);
const configObject = fc
  .array(fc.oneof({ weight: 4, arbitrary: envArray.map((env) => `"env": ${env}`) }, { weight: 1, arbitrary: pick(['"env": 1', '"gpuIds": "AMPERE_16"']) }), { maxLength: 3 })
  .map((fields) => `{${fields.join(',\n')}}`);
const hubDoc = fc
  .array(fc.oneof({ weight: 4, arbitrary: configObject.map((c) => `"config": ${c}`) }, { weight: 1, arbitrary: pick(['"title": "t"', '"config": []']) }), { maxLength: 3 })
  .map((fields) => `{${fields.join(',\n')}}`);

const DOCUMENTS: ReadonlyArray<[DocumentKind, fc.Arbitrary<string>]> = [
  ['runpod-json', templateDoc],
  ['hub-json', hubDoc],
  ['tests-json', hubDoc],
];

/** The `"env"` (or `"config"`) fields of a document, roughly: more than one may drop variables already judged. */
function repeatsEnv(text: string, kind: DocumentKind): boolean {
  const count = (field: string): number => text.split(`"${field}":`).length - 1;
  return count('env') > 1 || (kind !== 'runpod-json' && count('config') > 1);
}

function expectSame(text: string, kind: DocumentKind, roundSize: number): void {
  const atOnce = analyzeAtOnce(text, kind, CATALOG);
  const inRounds = analyzeInRounds(text, kind, CATALOG, Infinity, roundSize);
  const context = JSON.stringify({ text, roundSize });
  // Only a repeated env may send the document back to be read at once.
  if (!inRounds) {
    expect(repeatsEnv(text, kind), context).toBe(true);
    return;
  }
  expect(inRounds.problems, context).toEqual(atOnce.problems);
  expect(inRounds.inputKeys, context).toEqual(atOnce.inputKeys);
  expect(inRounds.variables.map((v) => [v.key, v.value, v.keySpan, v.valueSpan, v.span]), context).toEqual(atOnce.variables.map((v) => [v.key, v.value, v.keySpan, v.valueSpan, v.span]));
  expect(inRounds.references, context).toEqual(atOnce.references);
}

describe('JSON documents read in rounds', () => {
  for (const [kind, documents] of DOCUMENTS) {
    it(`finds what reading the whole ${kind} document first finds, for any round size`, () => {
      fc.assert(
        fc.property(documents, pick([1, 2, 3, 7, 1024]), (text, roundSize) => expectSame(text, kind, roundSize)),
        { numRuns: 300 },
      );
    });
  }

  it('reads in rounds a document whose env is repeated before any round was judged, and falls back only when one was', () => {
    const text = '{"env": {"A": "{{ RUNPOD_SECRET_gone }}", "B": "1"}, "name": "n", "env": {"C": "{{ RUNPOD_SECRET_nope }}"}}';
    expect(analyzeInRounds(text, 'runpod-json', CATALOG, Infinity, 1024)!.problems).toEqual(analyzeAtOnce(text, 'runpod-json', CATALOG).problems);
    expect(analyzeInRounds(text, 'runpod-json', CATALOG, Infinity, 1)).toBeUndefined();
    expect(analyze(text, 'runpod-json', CATALOG)).toEqual(analyzeAtOnce(text, 'runpod-json', CATALOG));
  });

  it('lists the same first problems of each code, and the same notes, past the cap of listed problems', () => {
    // Every entry a problem of some code, several codes past the cap, a duplicate of most keys, and
    // more repeated top-level fields than the cap (the reader's duplicate-key before the key rule's).
    const n = MAX_LISTED_PROBLEMS + 300;
    const env: string[] = [];
    const fields: string[] = [];
    for (let i = 0; i < n; i++) {
      env.push(`"1BAD_${i}": "x"`, `"K_${i % 700}": "{{RUNPOD_SECRET_nope}}"`, `"HF_TOKEN_${i}": "hf_aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY3z"`);
      fields.push(`"f${i}": 1`, `"f${i}": 2`);
    }
    const template = `{${fields.join(', ')}, "env": {\n${env.join(',\n')}\n}}`;
    const hubEntries = env.map((e) => {
      const [k, v] = e.split(': ');
      return `{"key": ${k}, "value": ${v}}`;
    });
    const hub = `{"config": {"env": [\n${hubEntries.join(',\n')}\n]}}`;
    for (const roundSize of [1, 1024, 5000]) {
      expectSame(template, 'runpod-json', roundSize);
      expectSame(hub, 'hub-json', roundSize);
    }
    for (const [text, kind] of [[template, 'runpod-json'], [hub, 'hub-json']] as const) {
      expect(analyzeInRounds(text, kind, CATALOG, Infinity)).toBeDefined();
      // The file truly is past the cap: notes say how many of a code were not listed.
      expect(analyze(text, kind, CATALOG).problems.filter((p) => p.code === 'too-many-problems').length).toBeGreaterThan(1);
    }
  });
});
