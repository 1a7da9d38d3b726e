/**
 * "Add KEY to <file>" (environments/addKey.ts) on the texts a file may end with, and the value it
 * copies: one secret reference as that reference, anything else as nothing.
 */
import { describe, expect, it } from 'vitest';
import { addKeyActions, valueToCopy } from '../../../server/src/template/environments/addKey';
import { appendLine, keyInsertion } from '../../../server/src/template/environments/keyInsertion';
import { ANALYSIS_LIMIT } from '../../../server/src/template/analyze';
import { readerFor } from '../../../server/src/template/readers';
import type { DocumentKind, Problem, SecretCatalog } from '../../../server/src/template/types';

const apply = (text: string, edit: { span: { start: number; end: number }; newText: string }): string => text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);

const ENVIRONMENTS = ['dev', 'prod', 'staging'];
const UNKNOWN: SecretCatalog = { state: 'unknown', secrets: [] };
const whole = (name: string) => [{ name, wellFormed: true, embedded: false }];

describe('Add KEY to <file>', () => {
  it('appends the line after the last, adding the line break a file lacks, in the file\'s own line endings', () => {
    expect(apply('A=1\n', appendLine('A=1\n', 'B='))).toBe('A=1\nB=\n');
    expect(apply('A=1', appendLine('A=1', 'B='))).toBe('A=1\nB=\n');
    expect(apply('', appendLine('', 'B='))).toBe('B=\n');
    expect(apply('A=1\r\nC=2', appendLine('A=1\r\nC=2', 'B='))).toBe('A=1\r\nC=2\r\nB=\r\n');
  });

  it('copies a secret reference that is the whole value; one inside a longer value, several, a malformed one or none give an empty value', () => {
    const whole = { name: 'hf-token', wellFormed: true, embedded: false };
    expect(valueToCopy([whole])).toBe('{{ RUNPOD_SECRET_hf-token }}');
    // `postgres://u:{{ RUNPOD_SECRET_pw }}@host/db`: the reference alone would make the password the URL.
    expect(valueToCopy([{ name: 'pw', wellFormed: true, embedded: true }])).toBe('');
    expect(valueToCopy([{ ...whole, embedded: true }, { ...whole, embedded: true }])).toBe('');
    expect(valueToCopy([{ name: 'a', wellFormed: true, embedded: true }, { name: 'b', wellFormed: true, embedded: true }])).toBe('');
    expect(valueToCopy([{ name: 'a', wellFormed: false, embedded: false }])).toBe('');
    expect(valueToCopy([])).toBe('');
  });

  it("never gives an environment a secret named for another: this environment's matching secret when the account has it, else an empty value", () => {
    const known = new Set(['db_password', 'prod-hf-token', 'shared-key']);
    const prod = { environment: 'prod', environments: ENVIRONMENTS, known };
    // Named for no environment, or for this one: copied as it is.
    expect(valueToCopy(whole('shared-key'), prod)).toBe('{{ RUNPOD_SECRET_shared-key }}');
    expect(valueToCopy(whole('prod-hf-token'), prod)).toBe('{{ RUNPOD_SECRET_prod-hf-token }}');
    // Named for dev: prod's match (the same one cross-environment-secret's fix offers), whether the
    // word is replaced (dev-hf-token -> prod-hf-token) or dropped (db_password_dev -> db_password).
    expect(valueToCopy(whole('dev-hf-token'), prod)).toBe('{{ RUNPOD_SECRET_prod-hf-token }}');
    expect(valueToCopy(whole('db_password_dev'), prod)).toBe('{{ RUNPOD_SECRET_db_password }}');
    // No match on the account, or the account's list not known: nothing, for the user to fill in.
    expect(valueToCopy(whole('dev-openai-key'), prod)).toBe('');
    expect(valueToCopy(whole('db_password_dev'), { ...prod, known: undefined })).toBe('');
    // Into dev, dev's name is right.
    expect(valueToCopy(whole('db_password_dev'), { ...prod, environment: 'dev' })).toBe('{{ RUNPOD_SECRET_db_password_dev }}');
    // The name without the environment word is the production secret's: into staging from prod it
    // would give staging prod's password; staging's own match, else nothing.
    expect(valueToCopy(whole('db_password_prod'), { ...prod, environment: 'staging' })).toBe('');
    expect(valueToCopy(whole('db_password_prod'), { ...prod, environment: 'staging', known: new Set(['db_password', 'db_password_staging']) })).toBe('{{ RUNPOD_SECRET_db_password_staging }}');
  });

  it('offers one action per file lacking the key whose text is known', () => {
    const p: Problem = { code: 'missing-in-environment', span: { start: 0, end: 3 }, message: '', severity: 'warning', data: { addKey: { key: 'PORT', from: '/w/a.dev.runpod.env', to: ['/w/a.prod.runpod.env', '/w/a.staging.runpod.env'], toEnvironments: ['prod', 'staging'], environments: ENVIRONMENTS } } };
    const texts = new Map([['/w/a.prod.runpod.env', 'X=1\n']]);
    const actions = addKeyActions(p, { textOf: (path) => texts.get(path), kindOf: () => 'runpod-env', referencesOf: () => [] }, UNKNOWN);
    expect(actions.map((a) => [a.title, a.edits])).toEqual([['Add `PORT` to a.prod.runpod.env', [{ span: { start: 4, end: 4 }, newText: 'PORT=\n', path: '/w/a.prod.runpod.env' }]]]);
  });

  /** The text of `to` after "Add KEY to <file>" from a dev env file defining KEY as `reference`, or undefined when no action is offered. */
  const added = (to: string, kind: DocumentKind, text: string, key = 'DB_PASSWORD', name = 'db_password'): string | undefined => {
    const p: Problem = { code: 'missing-in-environment', span: { start: 0, end: 3 }, message: '', severity: 'warning', data: { addKey: { key, from: '/w/a.dev.runpod.env', to: [to], toEnvironments: ['prod'], environments: ENVIRONMENTS } } };
    const [action] = addKeyActions(p, { textOf: () => text, kindOf: () => kind, referencesOf: () => whole(name) }, UNKNOWN);
    return action && apply(text, action.edits![0]!);
  };
  /** The variables a reader of `kind` finds in `text`, and its syntax errors: what RunPod and the rules would read of the edited file. */
  const read = (kind: DocumentKind, text: string) => {
    const r = readerFor(kind)(text);
    return { vars: r.variables.map((v) => `${v.key}=${v.value}`), errors: r.problems.filter((q) => q.code === 'syntax-error').length };
  };

  it('adds the key as a member of the env object of a *.runpod.json, in its indentation, never as an env line that breaks the JSON', () => {
    const json = '{\n  "name": "train-prod",\n  "env": {\n    "HF_TOKEN": "{{ RUNPOD_SECRET_hf-token }}",\n    "PORT": 8080\n  }\n}\n';
    const out = added('/w/a.prod.runpod.json', 'runpod-json', json)!;
    expect(read('runpod-json', out)).toEqual({ vars: ['HF_TOKEN={{ RUNPOD_SECRET_hf-token }}', 'DB_PASSWORD={{ RUNPOD_SECRET_db_password }}'], errors: 0 });
    expect(out).toContain('\n    "DB_PASSWORD": "{{ RUNPOD_SECRET_db_password }}"');
    expect(JSON.parse(out).env.PORT).toBe(8080);
    // An env object with no string member yet, empty or not, and a file without env: an empty env gets the key; none gets no action (nothing to add to).
    expect(read('runpod-json', added('/w/a.prod.runpod.json', 'runpod-json', '{ "env": {} }')!)).toEqual({ vars: ['DB_PASSWORD={{ RUNPOD_SECRET_db_password }}'], errors: 0 });
    expect(JSON.parse(added('/w/a.prod.runpod.json', 'runpod-json', '{ "env": { "N": 1 } }')!).env).toEqual({ DB_PASSWORD: '{{ RUNPOD_SECRET_db_password }}', N: 1 });
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{ "name": "x" }')).toBeUndefined();
  });

  it('adds the key to [project.env_vars] of a runpod.toml, as a table line, a dotted key or an inline table member, never where TOML would break or put it in another table', () => {
    const table = '[project]\nname = "w"\n\n[project.env_vars]\nHF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}" # read token\n\n[runtime]\nhandler = "h.py"\n';
    expect(read('runpod-toml', added('/w/prod/runpod.toml', 'runpod-toml', table)!)).toEqual({ vars: ['HF_TOKEN={{ RUNPOD_SECRET_hf-token }}', 'DB_PASSWORD={{ RUNPOD_SECRET_db_password }}'], errors: 0 });
    const dotted = '[project]\nname = "w"\nenv_vars.HF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}"\n';
    expect(read('runpod-toml', added('/w/prod/runpod.toml', 'runpod-toml', dotted)!).vars).toContain('DB_PASSWORD={{ RUNPOD_SECRET_db_password }}');
    const inline = '[project]\nname = "w"\nenv_vars = { HF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}" }\n';
    expect(read('runpod-toml', added('/w/prod/runpod.toml', 'runpod-toml', inline)!)).toEqual({ vars: ['HF_TOKEN={{ RUNPOD_SECRET_hf-token }}', 'DB_PASSWORD={{ RUNPOD_SECRET_db_password }}'], errors: 0 });
    // An empty table gets it under its header; a file with no env_vars at all gets no action.
    expect(read('runpod-toml', added('/w/prod/runpod.toml', 'runpod-toml', '[project.env_vars]\n\n[runtime]\nx = 1\n')!)).toEqual({ vars: ['DB_PASSWORD={{ RUNPOD_SECRET_db_password }}'], errors: 0 });
    expect(added('/w/prod/runpod.toml', 'runpod-toml', '[project]\nname = "w"\n')).toBeUndefined();
  });

  it('offers nothing for a file whose kind is not known or that it cannot add to safely (a Hub file)', () => {
    expect(added('/w/x', 'hub-json', '{ "config": { "env": [] } }')).toBeUndefined();
  });

  it('offers nothing for a template read only in part (past the analysis limit): it has no known end to write at', () => {
    const small = '{\n  "env": {\n    "A": "1"\n  }\n}\n';
    expect(keyInsertion(small, 'runpod-json', 'B', '')).toBeDefined();
    // The same template with a value that carries it past 16 MiB: its open document is known whole, but it is checked only in part.
    const huge = `{\n  "env": {\n    "PAD": "${'x'.repeat(ANALYSIS_LIMIT)}",\n    "A": "1"\n  }\n}\n`;
    expect(keyInsertion(huge, 'runpod-json', 'B', '')).toBeUndefined();
  });
});

