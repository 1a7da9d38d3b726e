/**
 * "Where is secret X used in this file?" has one answer: the core's where-used rule
 * (template/workspace/facts.ts factsOf), which the editor's index keeps (Find Usages, the tree's
 * counts, View / Delete / Rename Secret). `runpod-check secrets usage` and the editor's own search
 * when the index cannot answer (secrets/references.ts findReferencesInFile) must list the same uses
 * at the same places: a mention in a comment, in a field RunPod does not substitute (`args`, a Hub
 * listing's `title`) or outside braces is no use in either, and a name written with an escape is one
 * in both.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findReferencesInFile } from '../../client/src/secrets/references';
import { analyzeReferences } from '../../server/src/template/analyze';
import { flatReferences } from '../../server/src/template/variableReferences';
import { indexedFacts } from '../../server/src/lsp/indexedFacts';
import type { DocumentKind } from '../../server/src/template/types';
import { MAX_FACTS_PER_FILE } from '../../server/src/template/workspace/facts';

/** The index's uses of `name` in `text`, as the indexer builds them (indexer.ts), by line, column and key. */
function indexUses(text: string, name: string, kind: DocumentKind): [number, number, string][] {
  const { variables, references } = analyzeReferences(text, kind);
  return indexedFacts(text, { variables, references: flatReferences(references) }, false)
    .references.filter((r) => r.name === name)
    .map((r) => [r.line, r.character, r.key]);
}

function searchUses(text: string, name: string, kind: DocumentKind): [number, number, string][] {
  return findReferencesInFile(text, name, kind).hits.map((h) => [h.line, h.column, h.key ?? '']);
}

const CASES: [string, DocumentKind, string][] = [
  ['a comment', 'runpod-env', '# HF={{ RUNPOD_SECRET_hf }}\nA={{ RUNPOD_SECRET_hf }}\n'],
  ['a comment after a quoted value', 'runpod-env', 'A="{{ RUNPOD_SECRET_hf }}" # {{ RUNPOD_SECRET_hf }}\n'],
  ['the prefix outside braces', 'runpod-env', 'A=RUNPOD_SECRET_hf\nB=${RUNPOD_SECRET_hf}\n'],
  ['a value continued on the next line', 'runpod-env', 'A=x\\\n{{ RUNPOD_SECRET_hf }}\n'],
  ['a field RunPod does not substitute', 'runpod-json', '{"name": "t", "args": "{{ RUNPOD_SECRET_hf }}",\n "env": {"A": "{{ RUNPOD_SECRET_hf }}"}}'],
  ['a name written with an escape', 'runpod-json', '{"env": {"A": "{{ RUNPOD_SECRET_h\\u0066 }}"}}'],
  ['a Hub listing field outside config.env', 'hub-json', '{"title": "{{ RUNPOD_SECRET_hf }}", "config": {"env": [{"key": "A", "value": "{{ RUNPOD_SECRET_hf }}"}]}}'],
  ['a TOML comment', 'runpod-toml', '[project.env_vars]\nA = "{{ RUNPOD_SECRET_hf }}"\n# B = "{{ RUNPOD_SECRET_hf }}"\n'],
  ['a key that is no variable name', 'runpod-env', 'postgres://u:p@h={{ RUNPOD_SECRET_hf }}\n'],
  ['other spacing and unclosed', 'dotenv', 'A={{RUNPOD_SECRET_hf}}\nB={{ RUNPOD_SECRET_hf\n'],
];

describe('secrets usage and the editor index list the same uses of a secret', () => {
  it.each(CASES)('%s (%s)', (_what, kind, text) => {
    expect(searchUses(text, 'hf', kind)).toEqual(indexUses(text, 'hf', kind));
  });

  it('for generated env, JSON and TOML texts', () => {
    const piece = fc.constantFrom(
      'A=', 'B = ', '# ', '"', "'", '\\', ' ', '\n', '\r\n', 'x', '=', ':', ',', '{', '}', '[', ']',
      '{{ RUNPOD_SECRET_hf }}', '{{RUNPOD_SECRET_hf}}', 'RUNPOD_SECRET_hf', '{{ RUNPOD_SECRET_hf2 }}', '{{ RUNPOD_SECRET_hf',
      '"env": {', '"A": ', '[project.env_vars]\n', '"config": {"env": [{"key": "K", "value": ',
      // Pieces of the prefix and the name, and escapes that spell them: texts with and without the literal name.
      '{{ RUNPOD_SECRET_', 'RUNPOD_', 'SECRET_', 'h', 'f', '\\u0066', '\\U00000066', '\\x66', '\r', '\'\'\'', '"""',
    );
    const kinds = fc.constantFrom<DocumentKind>('runpod-env', 'dotenv', 'runpod-json', 'hub-json', 'runpod-toml');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), kinds, (pieces, kind) => {
        const text = pieces.join('');
        expect(searchUses(text, 'hf', kind), `${kind} ${JSON.stringify(text)}`).toEqual(indexUses(text, 'hf', kind));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('the search skips a file that cannot use the name (references.ts mayUse), and loses nothing by it', () => {
  // Escapes each reader decodes, spelling a letter of the prefix or of `hf`: a use written so has no
  // `RUNPOD_SECRET_hf` in the text, and only the backslash keeps the file from being skipped.
  const ESCAPED: [DocumentKind, string][] = [
    ['runpod-json', '{"env": {"A": "{{ RUNPOD_SECRET_h\\u0066 }}"}}'],
    ['runpod-json', '{"env": {"A": "{{ \\u0052UNPOD_SECRET_hf }}"}}'],
    ['hub-json', '{"config": {"env": [{"key": "A", "value": "{{ RUNPOD_SECRET_\\u0068f }}"}]}}'],
    ['runpod-toml', '[project.env_vars]\nA = "{{ RUNPOD_SECRET_h\\U00000066 }}"\n'],
    ['runpod-toml', '[project.env_vars]\nA = "{{ RUNPOD_SECRET_h\\x66 }}"\n'],
    ['runpod-toml', '[project.env_vars]\nA = """{{ RUNPOD_SECRET_\\\n   hf }}"""\n'],
  ];
  it.each(ESCAPED)('%s %s: found, as the index finds it', (kind, text) => {
    expect(text).not.toContain('RUNPOD_SECRET_hf');
    expect(indexUses(text, 'hf', kind)).toHaveLength(1);
    expect(searchUses(text, 'hf', kind)).toEqual(indexUses(text, 'hf', kind));
  });

  it('for generated files whose references spell the prefix and the name with each reader\'s escapes', () => {
    const hex = (c: string, n: number) => c.charCodeAt(0).toString(16).padStart(n, '0');
    // One character as a kind may write it inside a string value: itself, or an escape its reader decodes.
    const spellings: Record<'json' | 'toml' | 'env', (c: string) => string[]> = {
      json: (c) => [c, `\\u${hex(c, 4)}`],
      toml: (c) => [c, `\\u${hex(c, 4)}`, `\\U${hex(c, 8)}`, `\\x${hex(c, 2)}`],
      env: (c) => [c],
    };
    const family = (kind: DocumentKind) => (kind === 'runpod-json' || kind === 'hub-json' ? 'json' : kind === 'runpod-toml' ? 'toml' : 'env');
    const spelt = (word: string, kind: DocumentKind) =>
      fc.tuple(...[...word].map((c) => fc.constantFrom(...spellings[family(kind)](c)))).map((parts) => parts.join(''));
    const reference = (kind: DocumentKind) =>
      fc.tuple(fc.constantFrom('{{ ', '{{', '{{  '), spelt('RUNPOD_SECRET_', kind), fc.constantFrom('hf', 'hf2', 'h', 'other'), fc.constantFrom(' }}', '}}', ''))
        .chain(([open, prefix, name, close]) => spelt(name, kind).map((n) => `${open}${prefix}${n}${close}`));
    const values = (kind: DocumentKind) => fc.array(fc.oneof(reference(kind), fc.constantFrom('x', ' ', 'RUNPOD_SECRET_hf', '/')), { minLength: 1, maxLength: 4 }).map((v) => v.join(''));
    const file = (kind: DocumentKind, vals: string[]): string => {
      const vars = vals.map((v, i) => [`K${i}`, v] as const);
      if (kind === 'runpod-json') return `{"env": {${vars.map(([k, v]) => `"${k}": "${v}"`).join(', ')}}}`;
      if (kind === 'hub-json') return `{"config": {"env": [${vars.map(([k, v]) => `{"key": "${k}", "value": "${v}"}`).join(', ')}]}}`;
      if (kind === 'runpod-toml') return `[project.env_vars]\n${vars.map(([k, v]) => `${k} = "${v}"`).join('\n')}\n`;
      return vars.map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
    };
    const kinds = fc.constantFrom<DocumentKind>('runpod-env', 'runpod-json', 'hub-json', 'runpod-toml');
    fc.assert(
      fc.property(kinds.chain((kind) => fc.tuple(fc.constant(kind), fc.array(values(kind), { minLength: 1, maxLength: 3 }))), ([kind, vals]) => {
        const text = file(kind, vals);
        expect(searchUses(text, 'hf', kind), `${kind} ${JSON.stringify(text)}`).toEqual(indexUses(text, 'hf', kind));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a file of more uses than the index keeps', () => {
  // 10,000 uses of another secret, then the one use of `hf`: the index keeps the first 10,000 uses of
  // any secret (facts.ts MAX_FACTS_PER_FILE), so neither lists `hf`, and both say the file is known in part.
  const other = Array.from({ length: MAX_FACTS_PER_FILE }, (_, i) => `K${i}={{ RUNPOD_SECRET_other }}`).join('\n');
  it.each([
    ['10,000 lines of another secret', `${other}\nHF={{ RUNPOD_SECRET_hf }}\n`],
    ['one line of 10,000 references', `K=${'{{ RUNPOD_SECRET_other }}'.repeat(MAX_FACTS_PER_FILE)}{{ RUNPOD_SECRET_hf }}\n`],
  ])('%s: the search says it stopped, as the index marks the file read in part', (_, text) => {
    const found = findReferencesInFile(text, 'hf', 'runpod-env');
    expect(found.hits).toEqual(indexUses(text, 'hf', 'runpod-env'));
    expect(found.readInPart).toBe(true);
    const { variables, references } = analyzeReferences(text, 'runpod-env');
    expect(indexedFacts(text, { variables, references: flatReferences(references) }, false).readInPart).toBe(true);
  });

  it('a file of exactly the limit is whole in both', () => {
    const text = `${other}\n`;
    expect(findReferencesInFile(text, 'other', 'runpod-env')).toMatchObject({ readInPart: false });
    const { variables, references } = analyzeReferences(text, 'runpod-env');
    expect(indexedFacts(text, { variables, references: flatReferences(references) }, false).readInPart).toBe(false);
  });
});
