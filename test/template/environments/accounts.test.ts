/**
 * Which account a file is for (environments/accounts.ts otherAccountOf): the one rule the language
 * server asks before judging a file against the active account's list.
 */
import { describe, expect, it } from 'vitest';
import { otherAccountOf, otherAccountProblem, type EnvironmentDeclaration } from '../../../server/src/template/environments';

const DECLARED: EnvironmentDeclaration[] = [
  { name: 'dev', files: ['deploy/dev/*.env'], account: 'dev' },
  { name: 'prod', files: ['deploy/prod/*.env'], account: 'Prod' },
  { name: 'staging', files: ['deploy/staging/*.env'] },
  { name: 'qa', files: ['deploy/qa/*.env'], invalidAccount: true },
];

describe('otherAccountOf', () => {
  it("another account's environment, declared or named for it; names compare ignoring case", () => {
    expect(otherAccountOf('deploy/prod/app.env', DECLARED, 'dev')).toEqual({ environment: 'prod', account: 'Prod' });
    expect(otherAccountOf('train.prod.runpod.env', DECLARED, 'dev')).toEqual({ environment: 'prod', account: 'Prod' });
    expect(otherAccountOf('file:///w/deploy/dev/app.env', DECLARED, 'prod')).toEqual({ environment: 'dev', account: 'dev' });
    expect(otherAccountOf('deploy/prod/app.env', DECLARED, 'PROD')).toBeUndefined();
  });

  it("the active account's: no environment, one that declares no account, or no active account said", () => {
    expect(otherAccountOf('notes.runpod.env', DECLARED, 'dev')).toBeUndefined();
    expect(otherAccountOf('train.runpod.env', DECLARED, 'dev')).toBeUndefined(); // the template's shared file
    expect(otherAccountOf('deploy/staging/app.env', DECLARED, 'dev')).toBeUndefined();
    expect(otherAccountOf('deploy/prod/app.env', DECLARED, undefined)).toBeUndefined();
    expect(otherAccountOf('deploy/prod/app.env', [], 'dev')).toBeUndefined();
  });

  it('an account that is no account name fails closed: another account, which the note does not name', () => {
    const other = otherAccountOf('deploy/qa/app.env', DECLARED, 'dev')!;
    expect(other).toEqual({ environment: 'qa' });
    const note = otherAccountProblem('A=1\nB=2\n', other, 'dev');
    expect(note).toMatchObject({ code: 'other-account', severity: 'information', span: { start: 0, end: 3 } });
    expect(note.message).toMatch(/^Secret names in this file are not checked: environment qa's "account" in runpod\.environments is not an account name/);
  });
});
