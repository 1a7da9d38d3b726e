import { describe, expect, it } from 'vitest';
import { countUsages, describeHit, envKeysReferencing, findReferencesInFile, referenceAround, referencedNames, renameReferencesInText, secretReference } from '../../client/src/secrets/references';
import { textPositions } from '../../server/src/lsp/positions';

/** The uses of `name` in `text` read as env lines, by the core's where-used rule. */
const inEnv = (text: string, name: string) => findReferencesInFile(text, name, undefined).hits;
/** A hit's column is where the name starts: this far after where `RUNPOD_SECRET_` does. */
const NAME_AT = 'RUNPOD_SECRET_'.length;

describe('findReferencesInFile (where used in a file, the core\'s rule)', () => {
  const text = [
    'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}',
    'OTHER={{ RUNPOD_SECRET_hf-token2 }}',
    'PREFIX={{ RUNPOD_SECRET_hf }}',
    'export TIGHT={{RUNPOD_SECRET_hf-token}}',
    '# comment {{ RUNPOD_SECRET_hf-token }}',
    '  "DB_URL": "postgres://u:{{ RUNPOD_SECRET_hf-token }}@h",',
    'WRONG_CASE={{ RUNPOD_SECRET_HF-TOKEN }}',
    'NOT_A_REF=MY_RUNPOD_SECRET_hf-token',
    'BARE=RUNPOD_SECRET_hf-token',
  ].join('\n');

  it('finds exact name matches with 0-based line, the column where the name starts, and the variable key', () => {
    expect(inEnv(text, 'hf-token')).toEqual([
      { line: 0, column: 12 + NAME_AT, key: 'HF_TOKEN', kind: 'canonical' },
      { line: 3, column: 15 + NAME_AT, key: 'TIGHT', kind: 'noncanonical' },
      // Not listed: a comment, a line the env reader takes as no variable, bare text outside braces (RunPod substitutes none of them).
    ]);
  });

  it('a longer name the core reads (`hf_token:x`, `hf_token!`) is no use of `hf_token`: not listed, not renamed', () => {
    const env = 'A={{ RUNPOD_SECRET_hf_token:x }}\nB={{ RUNPOD_SECRET_hf_token! }}\nC={{ RUNPOD_SECRET_hf_token }}\n';
    expect(inEnv(env, 'hf_token').map((h) => [h.line, h.key])).toEqual([[2, 'C']]);
    expect(envKeysReferencing({ A: '{{ RUNPOD_SECRET_hf_token:x }}', B: 'x{{ RUNPOD_SECRET_hf_token }}y' }, 'hf_token').keys).toEqual(['B']);
    expect(renameReferencesInText('{{ RUNPOD_SECRET_hf_token:x }} {{ RUNPOD_SECRET_hf_token }}', 'hf_token', 'hf')).toBe('{{ RUNPOD_SECRET_hf_token:x }} {{ RUNPOD_SECRET_hf }}');
  });

  // A spelling RunPod does not substitute still names the secret: Delete Secret must list it, saying so.
  it('lists references RunPod will not substitute, labelled with the core\'s verdict', () => {
    const env = 'A={{RUNPOD_SECRET_k}}\nB={{ RUNPOD_SECRET_k\nC=x{{ RUNPOD_SECRET_k }}y\nD={{ RUNPOD_SECRET_k }}\n# {{ RUNPOD_SECRET_k }}';
    const hits = inEnv(env, 'k');
    expect(hits.map((h) => [h.line, h.kind])).toEqual([
      [0, 'noncanonical'],
      [1, 'malformed'],
      [2, 'embedded'],
      [3, 'canonical'],
    ]);
    expect(hits.map(describeHit)).toEqual(['A, not substituted: spacing', 'B, not substituted: malformed', 'C, inside a longer value', 'D']);
  });

  it('classifies exactly inside JSON strings with escapes, through the core reader', () => {
    const json = '{ "env": { "A": "\\"q\\" {{RUNPOD_SECRET_k}}", "B": "{{ RUNPOD_SECRET_k }}" } }';
    expect(findReferencesInFile(json, 'k', 'runpod-json').hits.map((h) => [h.key, h.kind])).toEqual([
      ['A', 'noncanonical'],
      ['B', 'canonical'],
    ]);
  });

  it('does not match a name that is a prefix of another (hf-token vs hf-token2, hf vs hf-token)', () => {
    expect(inEnv(text, 'hf-token2')).toEqual([{ line: 1, column: 9 + NAME_AT, key: 'OTHER', kind: 'canonical' }]);
    expect(inEnv(text, 'hf').map((h) => h.line)).toEqual([2]);
  });

  it('is case-sensitive, like RunPod names', () => {
    expect(inEnv(text, 'HF-TOKEN').map((h) => h.line)).toEqual([6]);
  });

  it('handles names with dots and slashes literally and several hits on one line', () => {
    const t = 'A={{ RUNPOD_SECRET_a.b/c }}{{ RUNPOD_SECRET_a.b/c }}\nB={{ RUNPOD_SECRET_a.b }}';
    expect(inEnv(t, 'a.b/c')).toHaveLength(2);
    expect(inEnv(t, 'a.b').map((h) => h.line)).toEqual([1]);
    expect(inEnv(t, 'a')).toEqual([]);
  });

  it('CRLF line endings count lines correctly; empty name finds nothing', () => {
    expect(inEnv('X=1\r\nY={{ RUNPOD_SECRET_k }}', 'k')).toEqual([{ line: 1, column: 5 + NAME_AT, key: 'Y', kind: 'canonical' }]);
    expect(inEnv(text, '')).toEqual([]);
  });

  it('a lone CR ends a line, as in the core and `check` (TextDocument\'s rule), in every line-break mix', () => {
    const cr = 'A=1\rHF={{ RUNPOD_SECRET_hf }}\rB={{ RUNPOD_SECRET_hf }}\r';
    expect(inEnv(cr, 'hf')).toEqual([
      { line: 1, column: 6 + NAME_AT, key: 'HF', kind: 'canonical' },
      { line: 2, column: 5 + NAME_AT, key: 'B', kind: 'canonical' },
    ]);
    // Whatever the mix, a hit sits where the core's offset-to-position rule puts it.
    const mixed = 'A=1\r\n\rX={{ RUNPOD_SECRET_hf }}\n\r\nY={{ RUNPOD_SECRET_hf }} Z={{ RUNPOD_SECRET_hf }}';
    const at = textPositions(mixed);
    const offsets = [...mixed.matchAll(/RUNPOD_SECRET_hf/g)].map((m) => m.index + NAME_AT);
    expect(inEnv(mixed, 'hf').map(({ line, column }) => ({ line, character: column }))).toEqual(offsets.map(at));
  });
});

describe('envKeysReferencing and referencedNames (account env)', () => {
  const env = { B: '{{ RUNPOD_SECRET_hf-token }}', A: 'x{{ RUNPOD_SECRET_hf-token }}y', C: '{{RUNPOD_SECRET_hf-token}}', D: '{{ RUNPOD_SECRET_hf-token2 }}', N: 7 as unknown as string };

  it('lists the keys that reference the secret, sorted, and marks those RunPod will not substitute', () => {
    expect(envKeysReferencing(env, 'hf-token')).toEqual({ keys: ['A', 'B', 'C'], notSubstituted: ['C'] });
    expect(envKeysReferencing(null, 'hf-token')).toEqual({ keys: [], notSubstituted: [] });
  });

  it('names every secret a value uses, by the same rule as envKeysReferencing: bare text outside braces is none', () => {
    const text = 'a {{ RUNPOD_SECRET_hf-token }} b {{RUNPOD_SECRET_db/pw}} {{ MY_RUNPOD_SECRET_no }} RUNPOD_SECRET_bare x {{ RUNPOD_SECRET_RUNPOD_SECRET_y }}';
    const names = referencedNames(text);
    expect([...names].sort()).toEqual(['RUNPOD_SECRET_y', 'db/pw', 'hf-token']);
    for (const name of names) expect(envKeysReferencing({ K: text }, name).keys, name).toEqual(['K']);
    for (const name of ['no', 'bare', 'y', 'hf', 'db']) expect(envKeysReferencing({ K: text }, name).keys, name).toEqual([]);
  });

  it('matches exact names only: no prefix of a longer name, no other case, no name the core reads longer (`hf-token:x`)', () => {
    const values = { A: '{{ RUNPOD_SECRET_hf-token2 }}', B: '{{ RUNPOD_SECRET_HF-TOKEN }}', C: '{{ RUNPOD_SECRET_hf-token:x }}', D: '{{ RUNPOD_SECRET_a.b/c }}{{ RUNPOD_SECRET_hf-token }}' };
    const keys = (name: string) => envKeysReferencing(values, name).keys;
    expect(keys('hf-token')).toEqual(['D']);
    expect(keys('hf-token2')).toEqual(['A']);
    expect(keys('HF-TOKEN')).toEqual(['B']);
    expect(keys('hf')).toEqual([]);
    expect(keys('a.b/c')).toEqual(['D']);
    expect(keys('a.b')).toEqual([]);
    expect(keys('')).toEqual([]);
    const text = Object.values(values).join(' ');
    expect([...referencedNames(text)].sort()).toEqual(['HF-TOKEN', 'a.b/c', 'hf-token', 'hf-token2']);
    expect(renameReferencesInText(text, 'hf-token', 'new')).toBe(
      '{{ RUNPOD_SECRET_hf-token2 }} {{ RUNPOD_SECRET_HF-TOKEN }} {{ RUNPOD_SECRET_hf-token:x }} {{ RUNPOD_SECRET_a.b/c }}{{ RUNPOD_SECRET_new }}',
    );
    expect(renameReferencesInText(text, 'a.b', 'z')).toBe(text);
    expect(renameReferencesInText(text, 'hf', 'z')).toBe(text);
    expect(renameReferencesInText(text, '', 'z')).toBe(text);
  });

  it('in an account value, a name is where the core ends it, and only a name of secret-name characters is a use', () => {
    const value = '{{ RUNPOD_SECRET_hf_token:x }} {{ RUNPOD_SECRET_db }} {{RUNPOD_SECRET_pw!}}';
    expect([...referencedNames(value)]).toEqual(['db']);
    for (const name of ['hf_token', 'hf_token:x', 'pw', 'pw!']) expect(envKeysReferencing({ K: value }, name).keys, name).toEqual([]);
  });

  it('counts places across files and account resources', () => {
    const usages = {
      files: [{ path: 'a.env', uri: 'file:///a.env', hits: [{ line: 0, column: 0 }, { line: 3, column: 0 }] }],
      account: [{ kind: 'template' as const, id: 't1', name: 'x', keys: ['A', 'B'], notSubstituted: [] }],
    };
    expect(countUsages(usages)).toBe(4);
  });
});

describe('describeHit', () => {
  it('labels a hit by its form, or by the index\'s verdict alone', () => {
    expect(describeHit({ key: 'K', kind: 'noncanonical' })).toBe('K, not substituted: spacing');
    expect(describeHit({ key: 'K', substituted: 'no' })).toBe('K, not substituted');
    expect(describeHit({ substituted: 'undocumented' })).toBe('inside a longer value');
    expect(describeHit({ key: 'K', substituted: 'yes' })).toBe('K');
  });
});

it('secretReference is the canonical form', () => {
  expect(secretReference('hf-token')).toBe('{{ RUNPOD_SECRET_hf-token }}');
});

describe('referenceAround (Insert Reference replaces the reference under the cursor)', () => {
  const line = 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }} # and {{ RUNPOD_SECRET_b }}';
  const first = { start: line.indexOf('{{'), end: line.indexOf('}}') + 2 };
  it.each([
    ['between the braces', line.indexOf('{{') + 1],
    ['in the prefix', line.indexOf('SECRE')],
    ['in the name', line.indexOf('hf-token') + 3],
    ['just before the closing braces', line.indexOf('}}')],
    ['right after the closing braces', line.indexOf('}}') + 2],
  ])('a cursor %s is inside the first reference', (_what, column) => {
    expect(referenceAround(line, column)).toEqual(first);
  });
  it.each([
    ['before the reference', line.indexOf('{{')],
    ['at the line start', 0],
    ['in the comment between two references', line.indexOf('# and')],
  ])('a cursor %s is in none', (_what, column) => {
    expect(referenceAround(line, column)).toBeUndefined();
  });
  it('finds the second reference too', () => {
    expect(referenceAround(line, line.indexOf('_b') + 1)).toEqual({ start: line.lastIndexOf('{{'), end: line.length });
  });
  it('takes a half-typed reference the cursor ends, with the rest of its name', () => {
    expect(referenceAround('KEY={{ RUNPOD_SECRET_', 21)).toEqual({ start: 4, end: 21 });
    expect(referenceAround('KEY={{ RUNPOD_SEC', 17)).toEqual({ start: 4, end: 17 });
    expect(referenceAround('KEY={{ RUNPOD_SECRET_hf-to', 23)).toEqual({ start: 4, end: 26 });
    expect(referenceAround('KEY={{', 6)).toEqual({ start: 4, end: 6 });
  });
  it('leaves other braces alone', () => {
    expect(referenceAround('CMD={{ not a reference', 22)).toBeUndefined();
  });
});

describe('findReferencesInFile in .runpod/hub.json and runpod.toml (View Secret)', () => {
  it('names the entry key of a .runpod/hub.json value and input default, on one line or several', () => {
    const hub = [
      '{ "config": { "env": [',
      '  { "key": "HF_TOKEN", "value": "{{ RUNPOD_SECRET_hf-token }}" },',
      '  {',
      '    "key": "MIRROR_TOKEN",',
      '    "input": { "name": "Mirror", "type": "string", "default": "{{ RUNPOD_SECRET_hf-token }}" }',
      '  }',
      '] } }',
    ].join('\n');
    const hits = findReferencesInFile(hub, 'hf-token', 'hub-json').hits;
    expect(hits.map((h) => [h.line, h.key])).toEqual([
      [1, 'HF_TOKEN'],
      [4, 'MIRROR_TOKEN'],
    ]);
  });
  it('names the key of a runpod.toml string', () => {
    const toml = '[project.env_vars]\nHF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}"\n';
    expect(findReferencesInFile(toml, 'hf-token', 'runpod-toml').hits[0]?.key).toBe('HF_TOKEN');
  });
});
