/**
 * "Add KEY to <file>" (environments/addKey.ts) on the texts a file may end with, and the value it
 * copies: one secret reference as that reference, anything else as nothing.
 */
import { describe, expect, it } from 'vitest';
import { addKeyActions, valueToCopy } from '../../../server/src/template/environments/addKey';
import { codeActions, MAX_ADD_KEY_ACTIONS } from '../../../server/src/template/codeActions';
import { analyze } from '../../../server/src/template/analyze';
import { appendLine, keysInsertion } from '../../../server/src/template/environments/keyInsertion';
import { ANALYSIS_LIMIT } from '../../../server/src/template/analyze';
import { readerFor } from '../../../server/src/template/readers';
import type { DocumentKind, Problem, SecretCatalog } from '../../../server/src/template/types';

/** The edit the server makes for "Add B" (keysInsertion, as addKeysEdit calls it), B's value empty. */
const addB = (text: string, kind: DocumentKind) => keysInsertion(text, kind, [{ key: 'B', value: '' }]);

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

  it("into a file of another account (runpod.environments account), even a reference named for no environment is not copied: that account's secret of the name is another, or none", () => {
    // dev's HF_TOKEN={{ RUNPOD_SECRET_hf-token }}; prod runs under team, dev under the active account.
    const p: Problem = {
      code: 'missing-in-environment',
      span: { start: 0, end: 3 },
      message: '',
      severity: 'warning',
      data: { addKey: { key: 'HF_TOKEN', from: '/w/a.dev.runpod.env', to: ['/w/a.prod.runpod.env', '/w/a.staging.runpod.env'], toEnvironments: ['prod', 'staging'], environments: ENVIRONMENTS, toOtherAccount: [true, false] } },
    };
    const files = { editUriOf: (path: string) => path, textOf: () => 'X=1\n', kindOf: () => 'runpod-env' as const, referencesOf: () => whole('hf-token') };
    const known: SecretCatalog = { state: 'fresh', secrets: [{ name: 'hf-token' }] };
    for (const catalog of [UNKNOWN, known]) {
      // prod (team's) gets an empty value to fill in; staging (the same account's) the reference.
      expect(addKeyActions(p, files, catalog).map((a) => a.edits![0]!.newText)).toEqual(['HF_TOKEN=\n', 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\n']);
    }
  });

  it('offers one action per file lacking the key whose text is known', () => {
    const p: Problem = { code: 'missing-in-environment', span: { start: 0, end: 3 }, message: '', severity: 'warning', data: { addKey: { key: 'PORT', from: '/w/a.dev.runpod.env', to: ['/w/a.prod.runpod.env', '/w/a.staging.runpod.env'], toEnvironments: ['prod', 'staging'], environments: ENVIRONMENTS } } };
    const texts = new Map([['/w/a.prod.runpod.env', 'X=1\n']]);
    const actions = addKeyActions(p, { editUriOf: (path: string) => path, textOf: (path) => texts.get(path), kindOf: () => 'runpod-env', referencesOf: () => [] }, UNKNOWN);
    expect(actions.map((a) => [a.title, a.edits])).toEqual([['Add `PORT` to a.prod.runpod.env', [{ span: { start: 4, end: 4 }, newText: 'PORT=\n', path: '/w/a.prod.runpod.env' }]]]);
  });

  it('gives at most MAX_ADD_KEY_ACTIONS problems Add KEY actions per request: a first line holds one problem per key another environment defines, and each action reads its target back whole', () => {
    // 200 keys prod defines and dev lacks, all on dev's first line: the cursor there asked for 200
    // read-backs of dev (a 20,000-key target: 92 s of a server answering nothing).
    const text = 'A=1\n';
    const analysis = analyze(text, 'runpod-env', UNKNOWN);
    const missing = (i: number): Problem => ({ code: 'missing-in-environment', span: { start: 0, end: 3 }, message: '', severity: 'warning', data: { addKey: { key: `K${i}`, from: '/w/a.prod.runpod.env', to: ['/w/a.dev.runpod.env'], toEnvironments: ['dev'], environments: ENVIRONMENTS } } });
    analysis.problems = Array.from({ length: 200 }, (_, i) => missing(i));
    let reads = 0;
    const files = { editUriOf: (path: string) => path, textOf: () => (reads++, text), kindOf: () => 'runpod-env' as const, referencesOf: () => [] };
    const actions = codeActions(text, { start: 0, end: 0 }, 'runpod-env', UNKNOWN, analysis, files);
    // And one "Add all 200 missing keys", one more read (addKeyResolve.test.ts).
    expect(actions.map((a) => a.title)).toEqual([...Array.from({ length: MAX_ADD_KEY_ACTIONS }, (_, i) => `Add \`K${i}\` to a.dev.runpod.env`), 'Add all 200 missing keys to a.dev.runpod.env']);
    expect(reads).toBe(MAX_ADD_KEY_ACTIONS + 1);
    // A target with no place for the keys (a JSON file with a syntax error) is read as often, no more.
    reads = 0;
    const broken = { editUriOf: (path: string) => path, textOf: () => (reads++, '{ "env": {'), kindOf: () => 'runpod-json' as const, referencesOf: () => [] };
    expect(codeActions(text, { start: 0, end: 0 }, 'runpod-env', UNKNOWN, analysis, broken)).toEqual([]);
    expect(reads).toBe(MAX_ADD_KEY_ACTIONS + 1);
  });

  it('serves the problems the request names first (a Quick Fix on key #150 from the Problems panel), then the first others, MAX_ADD_KEY_ACTIONS in all', () => {
    const text = 'A=1\n';
    const analysis = analyze(text, 'runpod-env', UNKNOWN);
    const missing = (i: number): Problem => ({ code: 'missing-in-environment', span: { start: 0, end: 3 }, message: `K${i} is missing`, severity: 'warning', data: { addKey: { key: `K${i}`, from: '/w/a.prod.runpod.env', to: ['/w/a.dev.runpod.env'], toEnvironments: ['dev'], environments: ENVIRONMENTS } } });
    analysis.problems = Array.from({ length: 200 }, (_, i) => missing(i));
    const files = { editUriOf: (path: string) => path, textOf: () => text, kindOf: () => 'runpod-env' as const, referencesOf: () => [] };
    const titles = (requested: Parameters<typeof codeActions>[6]) => codeActions(text, { start: 0, end: 0 }, 'runpod-env', UNKNOWN, analysis, files, requested)
        .map((a) => a.title)
        .filter((t) => !t.startsWith('Add all'));
    const asked = (i: number) => ({ code: 'missing-in-environment', span: { start: 0, end: 3 }, message: `K${i} is missing` });
    // In the problems' order (the key on the first line's list), K150 among the first others.
    expect(titles([asked(150)])).toEqual([...Array.from({ length: MAX_ADD_KEY_ACTIONS - 1 }, (_, i) => `K${i}`), 'K150'].map((k) => `Add \`${k}\` to a.dev.runpod.env`));
    // Matched by code, span and message: another code, span or message names no problem here.
    expect(titles([{ ...asked(150), code: 'unknown-secret' }, { ...asked(151), span: { start: 0, end: 2 } }, { ...asked(152), message: 'K153 is missing' }])[0]).toBe('Add `K0` to a.dev.runpod.env');
    // A client naming all 200 (an editor sends every diagnostic under the cursor) still gets the cap.
    expect(titles(Array.from({ length: 200 }, (_, i) => asked(199 - i)))).toHaveLength(MAX_ADD_KEY_ACTIONS);
  });

  it('names the environment in the title when two files lacking the key share a name (declared files in folders: dev/.runpod/hub.json, staging/.runpod/hub.json)', () => {
    const to = ['/w/dev/.runpod/hub.json', '/w/staging/.runpod/hub.json'];
    const p: Problem = { code: 'missing-in-environment', span: { start: 0, end: 3 }, message: '', severity: 'warning', data: { addKey: { key: 'PORT', from: '/w/prod/.runpod/hub.json', to, toEnvironments: ['dev', 'staging'], environments: ENVIRONMENTS } } };
    const files = { editUriOf: (path: string) => path, textOf: () => '{ "config": { "env": [] } }', kindOf: () => 'hub-json' as const, referencesOf: () => [] };
    expect(addKeyActions(p, files, UNKNOWN).map((a) => a.title)).toEqual(['Add `PORT` to dev (hub.json)', 'Add `PORT` to staging (hub.json)']);
  });

  /** The text of `to` after "Add KEY to <file>" from a dev env file defining KEY as `reference`, or undefined when no action is offered. */
  const added = (to: string, kind: DocumentKind, text: string, key = 'DB_PASSWORD', name = 'db_password'): string | undefined => {
    const p: Problem = { code: 'missing-in-environment', span: { start: 0, end: 3 }, message: '', severity: 'warning', data: { addKey: { key, from: '/w/a.dev.runpod.env', to: [to], toEnvironments: ['prod'], environments: ENVIRONMENTS } } };
    const [action] = addKeyActions(p, { editUriOf: (path: string) => path, textOf: () => text, kindOf: () => kind, referencesOf: () => whole(name) }, UNKNOWN);
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
    // An env object with no string member yet, empty or not, gets the key (a file without env gets an env object: the next test).
    expect(read('runpod-json', added('/w/a.prod.runpod.json', 'runpod-json', '{ "env": {} }')!)).toEqual({ vars: ['DB_PASSWORD={{ RUNPOD_SECRET_db_password }}'], errors: 0 });
    expect(JSON.parse(added('/w/a.prod.runpod.json', 'runpod-json', '{ "env": { "N": 1 } }')!).env).toEqual({ DB_PASSWORD: '{{ RUNPOD_SECRET_db_password }}', N: 1 });
    // An empty env written over lines, in a file indented with tabs: the member on its own line, one tab deeper.
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{\n\t"env": {\n\t}\n}\n')).toBe('{\n\t"env": {\n\t\t"DB_PASSWORD": "{{ RUNPOD_SECRET_db_password }}"\n\t}\n}\n');
  });

  it('gives a *.runpod.json without env an env object, as the last member of its top-level object, in the file\'s indentation and line endings', () => {
    const ref = '"DB_PASSWORD": "{{ RUNPOD_SECRET_db_password }}"';
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{\n  "name": "train-prod",\n  "imageName": "x"\n}\n')).toBe(`{\n  "name": "train-prod",\n  "imageName": "x",\n  "env": {\n    ${ref}\n  }\n}\n`);
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{\r\n\t"name": "x",\r\n\t"ports": [\r\n\t\t"8888/http"\r\n\t]\r\n}')).toBe(`{\r\n\t"name": "x",\r\n\t"ports": [\r\n\t\t"8888/http"\r\n\t],\r\n\t"env": {\r\n\t\t${ref}\r\n\t}\r\n}`);
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{ "name": "x" }')).toBe(`{ "name": "x", "env": { ${ref} } }`);
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{}')).toBe(`{ "env": { ${ref} } }`);
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{\n}\n')).toBe(`{\n  "env": {\n    ${ref}\n  }\n}\n`);
    // A trailing comma (JSON with comments) is kept as the separator.
    expect(read('runpod-json', added('/w/a.prod.runpod.json', 'runpod-json', '{\n  "name": "x",\n}\n')!)).toEqual({ vars: ['DB_PASSWORD={{ RUNPOD_SECRET_db_password }}'], errors: 0 });
  });

  it('offers no env object to a file that is not an object, or whose env is something else (a second env would replace it)', () => {
    for (const text of ['', '  \n', '[]', '"x"', '{ "env": null }', '{ "env": [] }', '{ "env": "A=1" }']) expect(added('/w/a.prod.runpod.json', 'runpod-json', text), text).toBeUndefined();
  });

  it('writes the member after the last value, before the comments ending its line, and leaves comments as they are', () => {
    const ref = '"DB_PASSWORD": "{{ RUNPOD_SECRET_db_password }}"';
    // The last member ends in a line comment: the comma goes after its value, the member on the next line.
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{\n  "name": "x" // the name\n}\n')).toBe(`{\n  "name": "x", // the name\n  "env": {\n    ${ref}\n  }\n}\n`);
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{\n  "env": {\n    "N": 1 // none yet\n  }\n}\n')).toBe(`{\n  "env": {\n    "N": 1, // none yet\n    ${ref}\n  }\n}\n`);
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{\n  "env": {\n    "A": "1" /* a */ /* b */ // c\n  }\n}\n')).toBe(`{\n  "env": {\n    "A": "1", /* a */ /* b */ // c\n    ${ref}\n  }\n}\n`);
    // A comma already written stays the separator, its comment with it.
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{\n  "name": "x", // c\n}\n')).toBe(`{\n  "name": "x", // c\n  "env": {\n    ${ref}\n  }\n}\n`);
    // A comment alone in an env object (a placeholder) stays, the member before it.
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{\n  "env": {\n    // add vars here\n  }\n}\n')).toBe(`{\n  "env": {\n    ${ref}\n    // add vars here\n  }\n}\n`);
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{ "env": { /* none */ } }')).toBe(`{ "env": { ${ref} /* none */ } }`);
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{ "env": { "N": 1 /* } */ } }')).toBe(`{ "env": { "N": 1, ${ref} /* } */ } }`);
    // The last member a container or a literal: after its end.
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{\n  "ports": [1] // p\n}\n')).toBe(`{\n  "ports": [1], // p\n  "env": {\n    ${ref}\n  }\n}\n`);
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{\n  "gpuCount": 1 // one\n}\n')).toBe(`{\n  "gpuCount": 1, // one\n  "env": {\n    ${ref}\n  }\n}\n`);
  });

  it('offers nothing in a file that already has a syntax error (its reader reports only the first: an edit could hide a second); once it is fixed, the key is added', () => {
    const broken = '{\n  "name": "x"\n  "imageName": "y",\n  "env": {\n    "A": "1" // token\n  }\n}\n';
    expect(read('runpod-json', broken).errors).toBe(1);
    expect(added('/w/a.prod.runpod.json', 'runpod-json', broken)).toBeUndefined();
    expect(read('runpod-json', added('/w/a.prod.runpod.json', 'runpod-json', broken.replace('"x"', '"x",'))!)).toEqual({ vars: ['A=1', 'DB_PASSWORD={{ RUNPOD_SECRET_db_password }}'], errors: 0 });
    expect(added('/w/a.prod.runpod.toml', 'runpod-toml', 'x = \n["project".env_vars]\n')).toBeUndefined();
    expect(added('/w/prod/runpod.toml', 'runpod-toml', 'x = \n[project.env_vars]\nA = "1" # c\n')).toBeUndefined();
    expect(added('/w/.runpod/hub.json', 'hub-json', '{ "title": x, "config": { "env": [] } }')).toBeUndefined();
  });

  it('offers nothing where the key is written already without a value read as one: a Hub input with no default, a number', () => {
    const required = '{ "config": { "env": [ { "key": "DB_PASSWORD", "input": { "name": "Password", "type": "string" } } ] } }';
    expect(read('hub-json', required).vars).toEqual([]);
    expect(added('/w/.runpod/hub.json', 'hub-json', required)).toBeUndefined();
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{ "env": { "DB_PASSWORD": 8080 } }')).toBeUndefined();
    // Written in an earlier env the last one replaces: not there, so it is added.
    expect(read('hub-json', added('/w/.runpod/hub.json', 'hub-json', '{ "config": { "env": [ { "key": "DB_PASSWORD" } ], "env": [] } }')!).vars).toEqual(['DB_PASSWORD={{ RUNPOD_SECRET_db_password }}']);
  });

  it('writes in the last occurrence of a repeated property, the one readers keep', () => {
    const entry = '{ "key": "DB_PASSWORD", "value": "{{ RUNPOD_SECRET_db_password }}" }';
    expect(added('/w/.runpod/hub.json', 'hub-json', '{ "config": { "env": [] }, "config": { "runsOn": "GPU" } }')).toBe(`{ "config": { "env": [] }, "config": { "runsOn": "GPU", "env": [ ${entry} ] } }`);
  });

  it('writes in the line endings of a file with CR alone', () => {
    expect(apply('A=1\rC=2', appendLine('A=1\rC=2', 'B='))).toBe('A=1\rC=2\rB=\r');
    const ref = '"DB_PASSWORD": "{{ RUNPOD_SECRET_db_password }}"';
    expect(added('/w/a.prod.runpod.json', 'runpod-json', '{\r  "name": "x"\r}\r')).toBe(`{\r  "name": "x",\r  "env": {\r    ${ref}\r  }\r}\r`);
    expect(added('/w/prod/runpod.toml', 'runpod-toml', '[project]\rname = "w"\r')).toBe(`[project]\rname = "w"\r\r[project.env_vars]\rDB_PASSWORD = "{{ RUNPOD_SECRET_db_password }}"\r`);
  });

  it('adds the key to [project.env_vars] of a runpod.toml, as a table line, a dotted key or an inline table member, never where TOML would break or put it in another table', () => {
    const table = '[project]\nname = "w"\n\n[project.env_vars]\nHF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}" # read token\n\n[runtime]\nhandler = "h.py"\n';
    expect(read('runpod-toml', added('/w/prod/runpod.toml', 'runpod-toml', table)!)).toEqual({ vars: ['HF_TOKEN={{ RUNPOD_SECRET_hf-token }}', 'DB_PASSWORD={{ RUNPOD_SECRET_db_password }}'], errors: 0 });
    const dotted = '[project]\nname = "w"\nenv_vars.HF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}"\n';
    expect(read('runpod-toml', added('/w/prod/runpod.toml', 'runpod-toml', dotted)!).vars).toContain('DB_PASSWORD={{ RUNPOD_SECRET_db_password }}');
    const inline = '[project]\nname = "w"\nenv_vars = { HF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}" }\n';
    expect(read('runpod-toml', added('/w/prod/runpod.toml', 'runpod-toml', inline)!)).toEqual({ vars: ['HF_TOKEN={{ RUNPOD_SECRET_hf-token }}', 'DB_PASSWORD={{ RUNPOD_SECRET_db_password }}'], errors: 0 });
    // An empty table gets it under its header (a file with no env_vars at all gets a new table: the next test).
    expect(read('runpod-toml', added('/w/prod/runpod.toml', 'runpod-toml', '[project.env_vars]\n\n[runtime]\nx = 1\n')!)).toEqual({ vars: ['DB_PASSWORD={{ RUNPOD_SECRET_db_password }}'], errors: 0 });
  });

  it('gives a runpod.toml without env vars a [project.env_vars] table at its end, in its line endings', () => {
    const entry = 'DB_PASSWORD = "{{ RUNPOD_SECRET_db_password }}"';
    expect(added('/w/prod/runpod.toml', 'runpod-toml', '[project]\nname = "w"\n')).toBe(`[project]\nname = "w"\n\n[project.env_vars]\n${entry}\n`);
    expect(added('/w/prod/runpod.toml', 'runpod-toml', '[project]\r\nname = "w"\r\n\r\n[runtime]\r\nhandler = "h.py"')).toBe(`[project]\r\nname = "w"\r\n\r\n[runtime]\r\nhandler = "h.py"\r\n\r\n[project.env_vars]\r\n${entry}\r\n`);
    expect(added('/w/prod/runpod.toml', 'runpod-toml', '')).toBe(`[project.env_vars]\n${entry}\n`);
    // A project written with dotted keys at the top: a [project.env_vars] header may still define its sub-table.
    expect(read('runpod-toml', added('/w/prod/runpod.toml', 'runpod-toml', 'project.name = "w"\n')!)).toEqual({ vars: ['DB_PASSWORD={{ RUNPOD_SECRET_db_password }}'], errors: 0 });
  });

  it('writes the key into an empty inline env_vars table, in any of its spellings (a header defining it again would be an error)', () => {
    const entry = 'DB_PASSWORD = "{{ RUNPOD_SECRET_db_password }}"';
    expect(added('/w/prod/runpod.toml', 'runpod-toml', '[project]\nenv_vars = {}\nname = "w"\n')).toBe(`[project]\nenv_vars = { ${entry} }\nname = "w"\n`);
    expect(added('/w/prod/runpod.toml', 'runpod-toml', 'project = { name = "w", env_vars = { } }\n')).toBe(`project = { name = "w", env_vars = { ${entry} } }\n`);
    expect(added('/w/prod/runpod.toml', 'runpod-toml', 'project.env_vars={}')).toBe(`project.env_vars={ ${entry} }`);
    // An empty inline table of another table, or one in a comment, is left alone: the read-back finds no new variable there.
    expect(added('/w/prod/runpod.toml', 'runpod-toml', '[project]\n[other]\nenv_vars = {}\n')).toBe(`[project]\n[other]\nenv_vars = {}\n\n[project.env_vars]\n${entry}\n`);
    expect(added('/w/prod/runpod.toml', 'runpod-toml', '[project]\n# env_vars = {}\nenv_vars = {}\n')).toBe(`[project]\n# env_vars = {}\nenv_vars = { ${entry} }\n`);
    // A later match that is no place for it (a comment, a key of another table) does not hide the one that is.
    expect(added('/w/prod/runpod.toml', 'runpod-toml', '[project]\nenv_vars = {}\n# was: env_vars = {}\n')).toBe(`[project]\nenv_vars = { ${entry} }\n# was: env_vars = {}\n`);
    expect(added('/w/prod/runpod.toml', 'runpod-toml', '[project]\nenv_vars = {}\n[other]\nx-env_vars = {}\n')).toBe(`[project]\nenv_vars = { ${entry} }\n[other]\nx-env_vars = {}\n`);
  });

  it('finds the empty env_vars table past any number of commented-out ones (they are no place a key starts)', () => {
    const entry = 'DB_PASSWORD = "{{ RUNPOD_SECRET_db_password }}"';
    const comments = '# env_vars = {}\n#env_vars={}\n# was: env_vars = {}\n'.repeat(4);
    // Commented out after the real table, as an edit history leaves them: tried last to first, they hid it.
    expect(added('/w/prod/runpod.toml', 'runpod-toml', `[project]\nenv_vars = {}\n${comments}`)).toBe(`[project]\nenv_vars = { ${entry} }\n${comments}`);
    expect(added('/w/prod/runpod.toml', 'runpod-toml', `${comments}[project]\nenv_vars = {}\n`)).toBe(`${comments}[project]\nenv_vars = { ${entry} }\n`);
  });

  it('finds the empty env_vars table that the TOML reader finds: decoys in multi-line strings and a `#` in a string are text, not TOML', () => {
    const entry = 'DB_PASSWORD = "{{ RUNPOD_SECRET_db_password }}"';
    // `env_vars = {}` lines inside a """ or ''' string, after the real table: however many, the real one takes the key.
    for (const quotes of ['"""', "'''"]) {
      const decoys = (n: number) => `[project]\nenv_vars = {}\nd = ${quotes}\n${'env_vars = {}\n'.repeat(n)}${quotes}\n`;
      for (const n of [7, 9, 100_000]) expect(added('/w/prod/runpod.toml', 'runpod-toml', decoys(n)), `${quotes} ${n}`).toBe(decoys(n).replace('env_vars = {}', `env_vars = { ${entry} }`));
    }
    // Only a decoy in a string, no table: a new table at the end (the decoy stays text).
    const only = '[project]\nd = """\nenv_vars = {}\n"""\n';
    expect(added('/w/prod/runpod.toml', 'runpod-toml', only)).toBe(`${only}\n[project.env_vars]\n${entry}\n`);
    // A `#` inside a multi-line literal string holding a quote is no comment: the table after it on the line is found.
    const hash = "project = { d = '''it's # note''', env_vars = {} }\n";
    expect(added('/w/prod/runpod.toml', 'runpod-toml', hash)).toBe(hash.replace('env_vars = {}', `env_vars = { ${entry} }`));
    const escaped = 'project = { d = "say \\"#\\"", env_vars = {} }\n';
    expect(added('/w/prod/runpod.toml', 'runpod-toml', escaped)).toBe(escaped.replace('env_vars = {}', `env_vars = { ${entry} }`));
  });

  it('a comment holding a dotted or inline env_vars = {} (after `.`, `{` or `,`) is no place either: 9 such decoys do not hide the real table', () => {
    const entry = 'DB_PASSWORD = "{{ RUNPOD_SECRET_db_password }}"';
    const comments = '# e.g. project.env_vars = {}\n  # project = { env_vars = {} }\n#x = { a = 1, env_vars = {} }\n'.repeat(3);
    expect(added('/w/prod/runpod.toml', 'runpod-toml', `[project]\nenv_vars = {}\n${comments}`)).toBe(`[project]\nenv_vars = { ${entry} }\n${comments}`);
    // After a value on the line too; a `#` inside a string is no comment: that table is still found.
    const trailing = Array.from({ length: 9 }, (_, i) => `k${i} = "w" # then project.env_vars = {}\n`).join('');
    expect(added('/w/prod/runpod.toml', 'runpod-toml', `project = { name = "a#b", env_vars = {} }\n${trailing}`)).toBe(`project = { name = "a#b", env_vars = { ${entry} } }\n${trailing}`);
    expect(added('/w/prod/runpod.toml', 'runpod-toml', `project = { name = 'a#b', env_vars = {} }\n${comments}`)).toBe(`project = { name = 'a#b', env_vars = { ${entry} } }\n${comments}`);
  });

  it('offers nothing where the new table would break the TOML or not be read: the read-back check refuses it', () => {
    // env_vars is already a value: a header defining it again is an error.
    expect(added('/w/prod/runpod.toml', 'runpod-toml', '[project]\nenv_vars = []\n')).toBeUndefined();
    // The file ends inside a multi-line string: the table would be text of that string.
    expect(added('/w/prod/runpod.toml', 'runpod-toml', '[project]\ndescription = """\nunfinished\n')).toBeUndefined();
  });

  it('pins the [project.env_vars] header cases: a CRLF header with a comment, a BOM, a lone CR; none where the table is an array element or defined twice', () => {
    const entry = 'DB_PASSWORD = "{{ RUNPOD_SECRET_db_password }}"';
    const crlf = '[project]\r\nname = "w"\r\n\r\n[project.env_vars] # env\r\nA = "1"\r\n';
    expect(added('/w/prod/runpod.toml', 'runpod-toml', crlf)).toBe(`${crlf}${entry}\r\n`);
    const bom = '\uFEFF[project.env_vars]\nA = "1"\n';
    expect(added('/w/prod/runpod.toml', 'runpod-toml', bom)).toBe(`${bom}${entry}\n`);
    const cr = '[project.env_vars]\rA = "1"\r';
    expect(added('/w/prod/runpod.toml', 'runpod-toml', cr)).toBe(`${cr}${entry}\r`);
    for (const text of [crlf, bom, cr]) expect(read('runpod-toml', added('/w/prod/runpod.toml', 'runpod-toml', text)!), JSON.stringify(text)).toEqual({ vars: ['A=1', 'DB_PASSWORD={{ RUNPOD_SECRET_db_password }}'], errors: 0 });
    // [project] an array of tables: [project.env_vars] is the last element's, which no reader of the file takes as the project's.
    expect(added('/w/prod/runpod.toml', 'runpod-toml', '[[project]]\nname = "w"\n[project.env_vars]\nA = "1"\n')).toBeUndefined();
    // The table defined twice is invalid TOML: no edit could make the file read as itself plus the key.
    expect(added('/w/prod/runpod.toml', 'runpod-toml', '[project.env_vars]\nA = "1"\n[project.env_vars]\nB = "2"\n')).toBeUndefined();
  });

  it('appends a table when the only [project.env_vars] header is text of a multi-line string', () => {
    const text = 'd = """\n[project.env_vars]\n"""\n[project]\nname = "w"\n';
    expect(added('/w/prod/runpod.toml', 'runpod-toml', text)).toBe(`${text}\n[project.env_vars]\nDB_PASSWORD = "{{ RUNPOD_SECRET_db_password }}"\n`);
  });

  it('writes under the [project.env_vars] header the TOML reader finds: decoy headers in a string after it and a quoted spelling do not hide it', () => {
    const entry = 'DB_PASSWORD = "{{ RUNPOD_SECRET_db_password }}"';
    // Nine header lines inside a """ string after the real empty table: the real one takes the key.
    const decoys = '[project.env_vars]\n[x]\nd = """\n' + '[project.env_vars]\n'.repeat(9) + '"""\n';
    expect(added('/w/prod/runpod.toml', 'runpod-toml', decoys)).toBe(decoys.replace('[project.env_vars]\n', `[project.env_vars]\n${entry}\n`));
    // The header spelled with quoted keys and blanks, with a comment: the key goes under it, not in a second table (a redefinition).
    const quoted = '[ "project" . \'env_vars\' ] # env\n[runtime]\nx = 1\n';
    expect(added('/w/prod/runpod.toml', 'runpod-toml', quoted)).toBe(quoted.replace('# env\n', `# env\n${entry}\n`));
    // An array of tables of that name is no place: nothing is offered (a table of the same name would redefine it).
    expect(added('/w/prod/runpod.toml', 'runpod-toml', '[[project.env_vars]]\n')).toBeUndefined();
  });

  it('adds an entry { "key", "value" } to config.env of a Hub file, after its last entry and in its indentation', () => {
    const entry = '{ "key": "DB_PASSWORD", "value": "{{ RUNPOD_SECRET_db_password }}" }';
    const hub = '{\n  "config": {\n    "env": [\n      { "key": "HF_TOKEN", "value": "x" },\n      {\n        "key": "MODEL",\n        "input": { "name": "Model", "type": "string" }\n      }\n    ]\n  }\n}\n';
    expect(added('/w/.runpod/hub.json', 'hub-json', hub)).toBe(hub.replace('      }\n    ]', `      },\n      ${entry}\n    ]`));
    expect(read('hub-json', added('/w/.runpod/hub.json', 'hub-json', hub)!)).toEqual({ vars: ['HF_TOKEN=x', 'DB_PASSWORD={{ RUNPOD_SECRET_db_password }}'], errors: 0 });
    // tests.json keeps env the same way.
    expect(added('/w/.runpod/tests.json', 'tests-json', '{ "config": { "env": [] } }')).toBe(`{ "config": { "env": [ ${entry} ] } }`);
    // A config with no env gets one, in the file's tabs and CRLF.
    expect(added('/w/.runpod/hub.json', 'hub-json', '{\r\n\t"config": {\r\n\t\t"runsOn": "GPU"\r\n\t}\r\n}\r\n')).toBe(`{\r\n\t"config": {\r\n\t\t"runsOn": "GPU",\r\n\t\t"env": [\r\n\t\t\t${entry}\r\n\t\t]\r\n\t}\r\n}\r\n`);
  });

  it('offers no Hub entry without a config object (its fields are the author\'s to design) or where config.env is not an array', () => {
    for (const text of ['', '{}', '{ "title": "x" }', '{ "config": [] }', '{ "config": { "env": {} } }', '{ "config": { "env": null } }']) expect(added('/w/.runpod/hub.json', 'hub-json', text), text).toBeUndefined();
  });

  it('offers nothing for a template read only in part (past the analysis limit): it has no known end to write at', () => {
    const small = '{\n  "env": {\n    "A": "1"\n  }\n}\n';
    expect(addB(small, 'runpod-json')).toBeDefined();
    // The same template with a value that carries it past 16 MiB: its open document is known whole, but it is checked only in part.
    const huge = `{\n  "env": {\n    "PAD": "${'x'.repeat(ANALYSIS_LIMIT)}",\n    "A": "1"\n  }\n}\n`;
    expect(addB(huge, 'runpod-json')).toBeUndefined();
  });

  it('offers no env line for a key the env file defines already (changed on disk since the index read it): a second line would override its value with an empty one', () => {
    expect(addB('A=1\n', 'runpod-env')).toBeDefined();
    expect(addB('A=1\nB={{ RUNPOD_SECRET_b }}\n', 'runpod-env')).toBeUndefined();
    expect(addB('export B=2', 'dotenv')).toBeUndefined();
  });

  it('offers no env line past the analysis limit: the key would go where it is never read, and stay missing', () => {
    expect(addB(`PAD=${'x'.repeat(ANALYSIS_LIMIT)}\nA=1\n`, 'runpod-env')).toBeUndefined();
  });

  it('offers no new env object, table or Hub entry in a file past the analysis limit', () => {
    const pad = 'x'.repeat(ANALYSIS_LIMIT);
    expect(addB('{ "name": "x" }', 'runpod-json')).toBeDefined();
    expect(addB(`{ "name": "${pad}" }`, 'runpod-json')).toBeUndefined();
    expect(addB('[project]\nname = "w"\n', 'runpod-toml')).toBeDefined();
    expect(addB(`[project]\nname = "${pad}"\n`, 'runpod-toml')).toBeUndefined();
    expect(addB('{ "config": { "env": [] } }', 'hub-json')).toBeDefined();
    expect(addB(`{ "title": "${pad}", "config": { "env": [] } }`, 'hub-json')).toBeUndefined();
  });
});

