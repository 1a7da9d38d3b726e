/**
 * "Add KEY to <file>" for a client that resolves an action's edit (LSP codeAction/resolve): every
 * action offered without reading a target, and "Add all N missing keys to <file>", one edit read
 * back once (environments/addKey.ts, keyInsertion.ts).
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/template/analyze';
import { codeActions, MAX_ADD_KEY_ACTIONS, MAX_LAZY_ADD_KEY_ACTIONS } from '../../../server/src/template/codeActions';
import { addAllActions, addKeysEdit } from '../../../server/src/template/environments/addKey';
import { keysInsertion } from '../../../server/src/template/environments/keyInsertion';
import { readerFor } from '../../../server/src/template/readers';
import type { DocumentKind, Problem, SecretCatalog } from '../../../server/src/template/types';

const UNKNOWN: SecretCatalog = { state: 'unknown', secrets: [] };
const ENVIRONMENTS = ['dev', 'prod'];
const apply = (text: string, edit: { span: { start: number; end: number }; newText: string }): string => text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
const missing = (key: string, to = ['/w/a.dev.runpod.env']): Problem => ({
  code: 'missing-in-environment',
  span: { start: 0, end: 3 },
  message: `${key} is missing`,
  severity: 'warning',
  data: { addKey: { key, from: '/w/a.prod.runpod.env', to, toEnvironments: to.map(() => 'dev'), environments: ENVIRONMENTS } },
});
const vars = (kind: DocumentKind, text: string) => {
  const r = readerFor(kind)(text);
  return { vars: r.variables.map((v) => `${v.key}=${v.value}`), errors: r.problems.filter((q) => q.code === 'syntax-error').length };
};
const AB = [
  { key: 'A', value: '{{ RUNPOD_SECRET_a }}' },
  { key: 'B', value: '' },
];
const added = (kind: DocumentKind, text: string) => {
  const edit = keysInsertion(text, kind, AB);
  return edit && apply(text, edit);
};

describe('Add all missing keys: one edit, read back once', () => {
  it('writes every key in each file kind, the file reading as itself plus exactly those keys', () => {
    expect(added('runpod-env', 'X=1')).toBe('X=1\nA={{ RUNPOD_SECRET_a }}\nB=\n');
    expect(added('runpod-json', '{\n  "env": {\n    "X": "1"\n  }\n}\n')).toBe('{\n  "env": {\n    "X": "1",\n    "A": "{{ RUNPOD_SECRET_a }}",\n    "B": ""\n  }\n}\n');
    expect(added('runpod-json', '{ "name": "x" }')).toBe('{ "name": "x", "env": { "A": "{{ RUNPOD_SECRET_a }}", "B": "" } }');
    expect(added('runpod-json', '{\n  "name": "x"\n}\n')).toBe('{\n  "name": "x",\n  "env": {\n    "A": "{{ RUNPOD_SECRET_a }}",\n    "B": ""\n  }\n}\n');
    expect(added('hub-json', '{ "config": { "env": [] } }')).toBe('{ "config": { "env": [ { "key": "A", "value": "{{ RUNPOD_SECRET_a }}" }, { "key": "B", "value": "" } ] } }');
    for (const toml of ['[project.env_vars]\nX = "1" # c\n', '[project]\nenv_vars = { X = "1" }\n', '[project]\nenv_vars.X = "1"\n', '[project]\nname = "w"\n']) {
      expect(vars('runpod-toml', added('runpod-toml', toml)!).vars.slice(-2), toml).toEqual(['A={{ RUNPOD_SECRET_a }}', 'B=']);
      expect(vars('runpod-toml', added('runpod-toml', toml)!).errors, toml).toBe(0);
    }
  });

  it('refuses the lot when one key is defined already (read now) or named twice', () => {
    expect(keysInsertion('B=2\n', 'runpod-env', AB)).toBeUndefined();
    expect(keysInsertion('{ "env": { "B": 1 } }', 'runpod-json', AB)).toBeUndefined();
    expect(keysInsertion('X=1\n', 'runpod-env', [AB[0]!, AB[0]!])).toBeUndefined();
    expect(keysInsertion('X=1\n', 'runpod-env', [])).toBeUndefined();
  });

  it('offers one "Add all N missing keys" per file lacking 2 or more of the keys, reading each file once', () => {
    let reads = 0;
    const files = { editUriOf: (path: string) => path, textOf: () => (reads++, 'X=1\n'), kindOf: () => 'runpod-env' as const, referencesOf: (_: string, key: string) => (key === 'K0' ? [{ name: 'k0', wellFormed: true, embedded: false }] : []) };
    const problems = [...Array.from({ length: 3 }, (_, i) => missing(`K${i}`, ['/w/a.dev.runpod.env', '/w/a.staging.runpod.env'])), missing('K3', ['/w/a.staging.runpod.env'])];
    const all = addAllActions(problems, new Set(problems.slice(0, 1)), files, UNKNOWN);
    expect(all.map((a) => a.title)).toEqual(['Add all 3 missing keys to a.dev.runpod.env', 'Add all 4 missing keys to a.staging.runpod.env']);
    expect(reads).toBe(2);
    expect(apply('X=1\n', all[0]!.edits![0]!)).toBe('X=1\nK0={{ RUNPOD_SECRET_k0 }}\nK1=\nK2=\n');
    expect(all[1]!.fixes).toHaveLength(4);
    // Asked at K3 alone (its own line): all 4 of staging, which K3 goes to; dev, which it does not, none.
    expect(addAllActions(problems, new Set(problems.slice(3)), files, UNKNOWN).map((a) => a.title)).toEqual(['Add all 4 missing keys to a.staging.runpod.env']);
    // One key only: the single action is the one.
    expect(addAllActions([missing('K0')], new Set([missing('K0')]), files, UNKNOWN)).toEqual([]);
  });

  it('for a resolving client, lists MAX_LAZY_ADD_KEY_ACTIONS of a first line of 200 missing keys (the requested first), plus Add all of the 200, without reading a target; an eager client keeps its smaller cap', () => {
    const text = 'A=1\n';
    const analysis = analyze(text, 'runpod-env', UNKNOWN);
    analysis.problems = Array.from({ length: 200 }, (_, i) => missing(`K${i}`));
    let reads = 0;
    const files = { editUriOf: (path: string) => path, textOf: () => (reads++, text), kindOf: () => 'runpod-env' as const, referencesOf: () => [] };
    const k150 = analysis.problems[150]!;
    const lazy = codeActions(text, { start: 0, end: 0 }, 'runpod-env', UNKNOWN, analysis, files, [{ code: k150.code, span: k150.span, message: k150.message }], true);
    expect(reads).toBe(0);
    // Not 200 (x targets) actions per lightbulb request: "Add all" covers the rest.
    expect(MAX_LAZY_ADD_KEY_ACTIONS).toBeGreaterThan(MAX_ADD_KEY_ACTIONS);
    expect(lazy).toHaveLength(MAX_LAZY_ADD_KEY_ACTIONS + 1);
    expect(lazy.slice(0, -1).map((a) => a.resolve!.keys[0])).toEqual(['K150', ...Array.from({ length: MAX_LAZY_ADD_KEY_ACTIONS - 1 }, (_, i) => `K${i}`)].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
    expect(lazy.find((a) => a.resolve?.keys[0] === 'K150')).toMatchObject({ title: 'Add `K150` to a.dev.runpod.env', resolve: { keys: ['K150'], to: '/w/a.dev.runpod.env' } });
    expect(lazy.every((a) => a.edits === undefined)).toBe(true);
    const all = lazy[MAX_LAZY_ADD_KEY_ACTIONS]!;
    expect(all).toMatchObject({ title: 'Add all 200 missing keys to a.dev.runpod.env', resolve: { to: '/w/a.dev.runpod.env' } });
    expect(all.resolve!.keys).toHaveLength(200);
    // Resolved: the edit the eager action has.
    expect(apply(text, addKeysEdit([analysis.problems[150]!], '/w/a.dev.runpod.env', files, UNKNOWN)!)).toBe('A=1\nK150=\n');
    const eager = codeActions(text, { start: 0, end: 0 }, 'runpod-env', UNKNOWN, analysis, files);
    expect(eager.filter((a) => a.title.startsWith('Add `'))).toHaveLength(MAX_ADD_KEY_ACTIONS);
    expect(eager.filter((a) => a.title.startsWith('Add all'))).toHaveLength(1);
  });

  it('offers no lazy action for a target whose kind the index does not know (it could not be read)', () => {
    const files = { editUriOf: (path: string) => path, textOf: () => '', kindOf: (to: string) => (to.includes('dev') ? undefined : ('runpod-toml' as const)), referencesOf: () => [] };
    const text = 'A=1\n';
    const analysis = analyze(text, 'runpod-env', UNKNOWN);
    analysis.problems = [missing('K0', ['/w/a.dev.runpod.env', '/w/staging/runpod.toml'])];
    expect(codeActions(text, { start: 0, end: 0 }, 'runpod-env', UNKNOWN, analysis, files, [], true).map((a) => a.title)).toEqual(['Add `K0` to runpod.toml']);
  });
});
