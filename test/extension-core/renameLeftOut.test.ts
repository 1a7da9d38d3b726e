/**
 * What Rename Secret tells the user about files `runpod/renameSecret` left out because they are
 * another account's (client/src/lsp/otherAccounts.ts): read defensively from the server's answer,
 * said per account in one sentence.
 */
import { describe, expect, it } from 'vitest';
import { leftOutSentence, renameLeftOut } from '../../client/src/lsp/otherAccounts';

const file = (n: number, environment: string, account?: string) => ({ uri: `file:///w/${environment}/${n}.runpod.env`, environment, ...(account ? { account } : {}) });

describe('files a rename left out as another account\'s', () => {
  it('names each account with its count of files', () => {
    expect(leftOutSentence(renameLeftOut({ documentChanges: [], leftOut: [file(1, 'prod', 'prod'), file(2, 'prod', 'prod')] }))).toBe(
      "2 files of account prod were left as they are: there the name is another account's secret.",
    );
    expect(leftOutSentence([file(1, 'prod', 'prod')])).toBe("1 file of account prod was left as it is: there the name is another account's secret.");
    expect(leftOutSentence(renameLeftOut({ leftOut: [file(1, 'prod', 'prod'), file(2, 'staging', 'Prod'), file(3, 'qa', 'team'), file(4, 'uat')] }))).toBe(
      "2 files of account prod, 1 file of account team and 1 file of environment uat (its account in runpod.environments is not an account name) were left as they are: there the name is another account's secret.",
    );
  });

  it('nothing left out: nothing to say; a malformed answer or entry says nothing rather than something wrong', () => {
    expect(leftOutSentence(renameLeftOut({ documentChanges: [] }))).toBeUndefined();
    expect(renameLeftOut(null)).toEqual([]);
    expect(renameLeftOut({ leftOut: 'prod' })).toEqual([]);
    // An account or environment no name rule allows (markup, an escape, a key) is never shown.
    expect(renameLeftOut({ leftOut: [{ uri: 'file:///a', environment: 'prod', account: '\u001b[31mrpa_x' }, { uri: 'file:///b', environment: '<b>x</b>' }, { uri: 7, environment: 'prod' }] })).toEqual([]);
  });
});
