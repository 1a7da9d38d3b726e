import { describe, expect, it } from 'vitest';
import { countUsages, describeHit, envKeysReferencing, findReferencesInFile, referenceAround, referencedNames, renameReferencesInText, secretReference } from '../../client/src/secrets/references';

describe('findReferencesInFile (where a secret is used in a file)', () => {
  const text = [
    'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}',
    'OTHER={{ RUNPOD_SECRET_hf-token2 }}',
    'PREFIX={{ RUNPOD_SECRET_hf }}',
    'export TIGHT={{RUNPOD_SECRET_hf-token}}',
    '# comment {{ RUNPOD_SECRET_hf-token }}',
    '  "DB_URL": "postgres://u:{{ RUNPOD_SECRET_hf-token }}@h",',
    'WRONG_CASE={{ RUNPOD_SECRET_HF-TOKEN }}',
    'NOT_A_REF=MY_RUNPOD_SECRET_hf-token',
  ].join('\n');
  const nameAt = (line: number, name: string) => text.split('\n')[line]!.indexOf(`RUNPOD_SECRET_${name}`) + 'RUNPOD_SECRET_'.length;

  it('finds exact name matches in variables, with the 0-based line, the column of the name and the key; a comment or bare text is no use', () => {
    expect(findReferencesInFile(text, 'hf-token', undefined)).toEqual([
      { line: 0, column: nameAt(0, 'hf-token'), key: 'HF_TOKEN', kind: 'canonical' },
      { line: 3, column: nameAt(3, 'hf-token'), key: 'TIGHT', kind: 'noncanonical' },
    ]);
  });

  it('a longer name the core reads (`hf_token:x`, `hf_token!`) is no use of `hf_token`', () => {
    const env = 'A={{ RUNPOD_SECRET_hf_token:x }}\nB={{ RUNPOD_SECRET_hf_token! }}\nC={{ RUNPOD_SECRET_hf_token }}\n';
    expect(findReferencesInFile(env, 'hf_token', undefined).map((h) => [h.line, h.key])).toEqual([[2, 'C']]);
  });

  // A spelling RunPod does not substitute still names the secret: Delete Secret must list it, saying so.
  it('lists references RunPod will not substitute, labelled with the core\'s verdict', () => {
    const env = 'A={{RUNPOD_SECRET_k}}\nB={{ RUNPOD_SECRET_k\nC=x{{ RUNPOD_SECRET_k }}y\nD={{ RUNPOD_SECRET_k }}\n# {{ RUNPOD_SECRET_k }}';
    const hits = findReferencesInFile(env, 'k', undefined);
    expect(hits.map((h) => [h.line, h.kind])).toEqual([
      [0, 'noncanonical'],
      [1, 'malformed'],
      [2, 'embedded'],
      [3, 'canonical'],
    ]);
    expect(hits.map(describeHit)).toEqual(['A, not substituted: spacing', 'B, not substituted: malformed', 'C, inside a longer value', 'D']);
  });

  it('classifies exactly inside JSON strings with escapes', () => {
    const json = '{ "env": { "A": "\\"q\\" {{RUNPOD_SECRET_k}}", "B": "{{ RUNPOD_SECRET_k }}" } }';
    expect(findReferencesInFile(json, 'k', 'runpod-json').map((h) => [h.key, h.kind])).toEqual([
      ['A', 'noncanonical'],
      ['B', 'canonical'],
    ]);
  });

  it('does not match a name that is a prefix of another (hf-token vs hf-token2, hf vs hf-token); is case-sensitive', () => {
    expect(findReferencesInFile(text, 'hf-token2', undefined)).toEqual([{ line: 1, column: nameAt(1, 'hf-token2'), key: 'OTHER', kind: 'canonical' }]);
    expect(findReferencesInFile(text, 'hf', undefined).map((h) => h.line)).toEqual([2]);
    expect(findReferencesInFile(text, 'HF-TOKEN', undefined).map((h) => h.line)).toEqual([6]);
  });

  it('handles names with dots and slashes literally and several hits on one line', () => {
    const t = 'A={{ RUNPOD_SECRET_a.b/c }}{{ RUNPOD_SECRET_a.b/c }}\nB={{ RUNPOD_SECRET_a.b }}';
    expect(findReferencesInFile(t, 'a.b/c', undefined)).toHaveLength(2);
    expect(findReferencesInFile(t, 'a.b', undefined).map((h) => h.line)).toEqual([1]);
    expect(findReferencesInFile(t, 'a', undefined)).toEqual([]);
  });

  it('CRLF and a lone CR end a line, as in the core and `check` (TextDocument\'s rule); empty name finds nothing', () => {
    expect(findReferencesInFile('X=1\r\nY={{ RUNPOD_SECRET_k }}', 'k', undefined)).toEqual([{ line: 1, column: 19, key: 'Y', kind: 'canonical' }]);
    expect(findReferencesInFile('A=1\rHF={{ RUNPOD_SECRET_hf }}\rB={{ RUNPOD_SECRET_hf }}\r', 'hf', undefined)).toEqual([
      { line: 1, column: 20, key: 'HF', kind: 'canonical' },
      { line: 2, column: 19, key: 'B', kind: 'canonical' },
    ]);
    expect(findReferencesInFile(text, '', undefined)).toEqual([]);
  });

  it('names the entry key of a .runpod/hub.json value and input default, and the key of a runpod.toml string', () => {
    const hub = [
      '{ "config": { "env": [',
      '  { "key": "HF_TOKEN", "value": "{{ RUNPOD_SECRET_hf-token }}" },',
      '  {',
      '    "key": "MIRROR_TOKEN",',
      '    "input": { "name": "Mirror", "type": "string", "default": "{{ RUNPOD_SECRET_hf-token }}" }',
      '  }',
      '] } }',
    ].join('\n');
    expect(findReferencesInFile(hub, 'hf-token', 'hub-json').map((h) => [h.line, h.key])).toEqual([
      [1, 'HF_TOKEN'],
      [4, 'MIRROR_TOKEN'],
    ]);
    const toml = '[project.env_vars]\nHF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}"\n';
    expect(findReferencesInFile(toml, 'hf-token', 'runpod-toml')[0]?.key).toBe('HF_TOKEN');
  });
});

describe('envKeysReferencing and referencedNames (account env)', () => {
  const env = { B: '{{ RUNPOD_SECRET_hf-token }}', A: 'x{{ RUNPOD_SECRET_hf-token }}y', C: '{{RUNPOD_SECRET_hf-token}}', D: '{{ RUNPOD_SECRET_hf-token2 }}', N: 7 as unknown as string };

  it('lists the keys that reference the secret, sorted, and marks those RunPod will not substitute', () => {
    expect(envKeysReferencing(env, 'hf-token')).toEqual({ keys: ['A', 'B', 'C'], notSubstituted: ['C'] });
    expect(envKeysReferencing(null, 'hf-token')).toEqual({ keys: [], notSubstituted: [] });
    // Every spelling names the secret; only the canonical form (and one inside a longer value, undocumented) is substituted.
    const spellings = { A: '{{RUNPOD_SECRET_k}}', B: '{{ RUNPOD_SECRET_k', C: 'x{{ RUNPOD_SECRET_k }}y', D: '{{ RUNPOD_SECRET_k }}', E: 'RUNPOD_SECRET_k', F: 'MY_RUNPOD_SECRET_k' };
    expect(envKeysReferencing(spellings, 'k')).toEqual({ keys: ['A', 'B', 'C', 'D', 'E'], notSubstituted: ['A', 'B', 'E'] });
  });

  it('matches exact names only: no prefix of a longer name, no other case, no name the core reads longer (`hf_token:x`)', () => {
    const values = { A: '{{ RUNPOD_SECRET_hf-token2 }}', B: '{{ RUNPOD_SECRET_HF-TOKEN }}', C: '{{ RUNPOD_SECRET_hf-token:x }}', D: '{{ RUNPOD_SECRET_a.b/c }}{{ RUNPOD_SECRET_hf-token }}' };
    expect(envKeysReferencing(values, 'hf-token').keys).toEqual(['D']);
    expect(envKeysReferencing(values, 'hf').keys).toEqual([]);
    expect(envKeysReferencing(values, 'a.b/c').keys).toEqual(['D']);
    expect(envKeysReferencing(values, 'a.b').keys).toEqual([]);
    expect(envKeysReferencing(values, '').keys).toEqual([]);
  });

  it('names every secret a text mentions, by the same matching rule as envKeysReferencing', () => {
    const text = 'a {{ RUNPOD_SECRET_hf-token }} b {{RUNPOD_SECRET_db/pw}} MY_RUNPOD_SECRET_no RUNPOD_SECRET_ x RUNPOD_SECRET_RUNPOD_SECRET_y';
    const names = referencedNames(text);
    expect([...names].sort()).toEqual(['RUNPOD_SECRET_y', 'db/pw', 'hf-token']);
    for (const name of names) expect(envKeysReferencing({ K: text }, name).keys, name).toEqual(['K']);
    for (const name of ['no', 'y', 'hf', 'db']) expect(envKeysReferencing({ K: text }, name).keys, name).toEqual([]);
  });

  it('in an account value, a name is where the core ends it: the names found are exactly those envKeysReferencing finds', () => {
    const value = '{{ RUNPOD_SECRET_hf_token:x }} {{ RUNPOD_SECRET_db }} {{RUNPOD_SECRET_pw!}}';
    const names = referencedNames(value);
    expect([...names].sort()).toEqual(['db', 'hf_token:x', 'pw!']);
    for (const name of names) expect(envKeysReferencing({ K: value }, name).keys, name).toEqual(['K']);
    for (const name of ['hf_token', 'pw']) expect(envKeysReferencing({ K: value }, name).keys, name).toEqual([]);
    expect(renameReferencesInText('{{ RUNPOD_SECRET_hf_token:x }} {{ RUNPOD_SECRET_hf_token }}', 'hf_token', 'hf')).toBe('{{ RUNPOD_SECRET_hf_token:x }} {{ RUNPOD_SECRET_hf }}');
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
