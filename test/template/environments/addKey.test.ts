/**
 * "Add KEY to <file>" (environments/addKey.ts) on the texts a file may end with, and the value it
 * copies: one secret reference as that reference, anything else as nothing.
 */
import { describe, expect, it } from 'vitest';
import { addKeyActions, appendLine, valueToCopy } from '../../../server/src/template/environments/addKey';
import type { Problem, SecretCatalog } from '../../../server/src/template/types';

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
    const actions = addKeyActions(p, { textOf: (path) => texts.get(path), referencesOf: () => [] }, UNKNOWN);
    expect(actions.map((a) => [a.title, a.edits])).toEqual([['Add `PORT` to a.prod.runpod.env', [{ span: { start: 4, end: 4 }, newText: 'PORT=\n', path: '/w/a.prod.runpod.env' }]]]);
  });
});
