import { describe, expect, it } from 'vitest';
import { checkDeleteConfirmation, confirmationMessage, DELETE_WARNING, deleteWarningDetail } from '../../client/src/commands/deleteFlow';
import { indexGapSentence } from '../../client/src/secrets/indexGap';
import { MAX_INDEXED_FILES, SETTINGS_GAP_REMEDY } from '../../server/src/index/limits';
import { MAX_WALKED_DEPTH, MAX_WALKED_ENTRIES, TOO_DEEP_UNREAD, tooDeepNotice, tooDeepText } from '../../server/src/index/walk';

describe('typed delete confirmation', () => {
  it('the exact name confirms', () => {
    expect(checkDeleteConfirmation('hf-token', 'hf-token')).toEqual({ kind: 'confirmed' });
  });

  it('Escape (undefined) cancels', () => {
    expect(checkDeleteConfirmation(undefined, 'hf-token')).toEqual({ kind: 'cancelled' });
  });

  it.each(['hf-token2', 'hf-toke', 'other', 'hf token', 'hf-\u200btoken'])('a wrong name (%j) does not confirm', (typed) => {
    const result = checkDeleteConfirmation(typed, 'hf-token');
    expect(result.kind).toBe('mismatch');
  });

  it('a different case does not confirm, and says names are case-sensitive', () => {
    const result = checkDeleteConfirmation('HF-Token', 'hf-token');
    expect(result).toEqual({ kind: 'mismatch', message: expect.stringMatching(/case-sensitive/) });
  });

  it('an empty box does not confirm', () => {
    expect(checkDeleteConfirmation('', 'hf-token').kind).toBe('mismatch');
    expect(confirmationMessage('', 'hf-token')).toMatch(/Type hf-token/);
  });

  it('surrounding whitespace (a pasted newline or space) still confirms; inner whitespace does not', () => {
    expect(checkDeleteConfirmation('  hf-token \n', 'hf-token').kind).toBe('confirmed');
    expect(checkDeleteConfirmation('hf -token', 'hf-token').kind).toBe('mismatch');
  });

  it('live validation is silent only for the right name', () => {
    expect(confirmationMessage('hf-token', 'hf-token')).toBeUndefined();
    expect(confirmationMessage('hf-tok', 'hf-token')).toMatch(/not the secret's name/);
  });
});

describe('delete warning detail', () => {
  const none = { account: [], accountUnchecked: [] };

  it("lists file lines (1-based), then the account's templates and Pods with what the delete does to them, then RunPod's warning", () => {
    const detail = deleteWarningDetail('hf-token', {
      files: [{ path: 'pods/train.runpod.env', uri: 'file:///w/pods/train.runpod.env', hits: [{ line: 2, column: 9, key: 'HF_TOKEN' }, { line: 4, column: 8, key: 'OLD', kind: 'noncanonical' }] }],
      account: [
        { kind: 'template', id: 't1', name: 'trainer', keys: ['HF', 'HF2'], notSubstituted: ['HF2'] },
        { kind: 'pod', id: 'p1', name: 'train-1', keys: ['HF_TOKEN'], notSubstituted: [], status: 'RUNNING', boot: 'active' },
        { kind: 'pod', id: 'p2', name: 'idle', keys: ['HF_TOKEN'], notSubstituted: [], status: 'EXITED', boot: 'stopped' },
      ],
      accountUnchecked: [],
    });
    expect(detail).toContain('still referenced in 6 places');
    expect(detail).toContain('pods/train.runpod.env:3 (HF_TOKEN)');
    // Listed although RunPod would not substitute it, and labelled so.
    expect(detail).toContain('pods/train.runpod.env:5 (OLD, not substituted: spacing)');
    expect(detail).toContain('template "trainer" (HF, HF2 (not substituted)): Pods launched from it fail at boot');
    expect(detail).toContain('Pod "train-1" (RUNNING) (HF_TOKEN): fails at its next restart');
    expect(detail).toContain('Pod "idle" (EXITED) (HF_TOKEN): fails when it is next started');
    expect(detail.endsWith(DELETE_WARNING)).toBe(true);
    expect(DELETE_WARNING).toMatch(/fail/);
  });

  it('a use RunPod would not substitute anyway: the delete changes nothing at boot, and a later spelling fix would point at nothing', () => {
    const detail = deleteWarningDetail('hf', {
      files: [],
      account: [
        { kind: 'pod', id: 'p1', name: 'x', keys: ['HF'], notSubstituted: ['HF'], status: 'RUNNING', boot: 'active' },
        { kind: 'template', id: 't1', name: 'mixed', keys: ['A', 'B'], notSubstituted: ['B'] },
      ],
      accountUnchecked: [],
    });
    expect(detail).toContain(
      'Pod "x" (RUNNING) (HF (not substituted)): nothing changes at boot (RunPod does not substitute this reference: it already gets the text as written); fixing its spelling later would point at nothing',
    );
    // One key substituted is enough for the boot to fail.
    expect(detail).toContain('template "mixed" (A, B (not substituted)): Pods launched from it fail at boot');
  });

  it('says when nothing was found, and what on the account could not be checked', () => {
    // Everything was looked at and nothing found: no warning about references that are not there.
    expect(deleteWarningDetail('x', { files: [], ...none })).toBe('No references to x were found in workspace files or on the account.');
    const offline = deleteWarningDetail('x', { files: [], account: [], accountUnchecked: [{ kind: 'pod', reason: 'Offline: RunPod cannot be reached' }] });
    expect(offline).toContain('No references to x were found in workspace files.');
    expect(offline).toContain('Account Pods were not checked: Offline');
    // What was not checked may reference it: the warning stays.
    expect(offline.endsWith(DELETE_WARNING)).toBe(true);
  });

  it.each(['indexing', 'limit', 'settings', 'search', 'unreadable', 'partial', 'unanswered', 'unansweredPartial'] as const)('says why the workspace files may be more (%s) in that cause\'s one sentence, and keeps the warning', (gap) => {
    const detail = deleteWarningDetail('x', { files: [], filesGap: gap, ...none });
    expect(detail).toContain(indexGapSentence(gap));
    for (const other of (['indexing', 'limit', 'settings', 'search', 'unreadable', 'partial', 'unanswered', 'unansweredPartial'] as const).filter((g) => g !== gap)) expect(detail).not.toContain(indexGapSentence(other));
    expect(detail.endsWith(DELETE_WARNING)).toBe(true);
  });

  it('names the first folder too deep for the index, where the index named one', () => {
    const detail = deleteWarningDetail('x', { files: [], filesGap: 'limit', deepFolder: '/w/gen/d', ...none });
    expect(detail).toContain(`has ${tooDeepText('/w/gen/d')}, where ${TOO_DEEP_UNREAD}`);
    expect(detail.endsWith(DELETE_WARNING)).toBe(true);
  });

  it('the sentences name their cause: the index being built, its file cap, a search stopped at its own limit', () => {
    expect(indexGapSentence('indexing')).toMatch(/still being built/);
    // Each bound of the index: its file cap, and its walk's cap on files and folders looked at and on depth.
    expect(indexGapSentence('limit')).toContain(`${MAX_INDEXED_FILES.toLocaleString('en-US')} RunPod files`);
    expect(indexGapSentence('limit')).toContain(`${MAX_WALKED_ENTRIES.toLocaleString('en-US')} files and folders`);
    // The depth in the server's words (walk.ts tooDeepText), which there name a folder too.
    expect(tooDeepText('a/b')).toBe(`folders more than ${MAX_WALKED_DEPTH} levels deep (a/b is one)`);
    expect(indexGapSentence('limit')).toContain(`has ${tooDeepText()}, where ${TOO_DEEP_UNREAD}`);
    // The shared phrase, as every notice of the depth bound says it (walk.ts tooDeepNotice).
    expect(tooDeepNotice()).toContain(TOO_DEEP_UNREAD);
    expect(indexGapSentence('search')).toMatch(/search stopped at its limit/);
    expect(indexGapSentence('unreadable')).toMatch(/could not be read \(permissions/);
    // Which settings, and the one remedy every place says (the server's warning too: limits.ts SETTINGS_GAP_REMEDY).
    expect(indexGapSentence('settings')).toBe(`The RunPod settings (runpod.files, runpod.environments) of a workspace folder could not be read, so the index uses the ones it had (the defaults if none): there may be more files. ${SETTINGS_GAP_REMEDY}.`);
    // It names what is asked for (after "there may be more files", or the server's "may miss files its
    // settings name", a bare "They" reads as the files), the change that asks (only the runpod section
    // reaches the server: languageClient.ts configurationSection) and the command as the palette lists it.
    expect(SETTINGS_GAP_REMEDY).toBe('The settings are asked for again when a RunPod setting changes; Developer: Reload Window asks now');
  });

  it('caps the list and says how many more', () => {
    const hits = Array.from({ length: 20 }, (_, i) => ({ line: i, column: 0 }));
    const detail = deleteWarningDetail('x', { files: [{ path: 'a.env', uri: 'file:///a.env', hits }], ...none }, 5);
    expect(detail.match(/• /g)).toHaveLength(5);
    expect(detail).toContain('… and 15 more');
  });
});
