/**
 * What Rename Secret tells the user about files `runpod/renameSecret` left out because they are
 * another account's (client/src/lsp/otherAccounts.ts): read defensively from the server's answer,
 * said per account in one sentence.
 */
import { describe, expect, it } from 'vitest';
import { leftOutSentence, renameLeftOut } from '../../client/src/lsp/otherAccounts';
import { renameNoteMiddleware, showRenameNote, type NoteAction } from '../../client/src/lsp/renameNote';
import type { SecretsChangedParams } from '../../server/src/protocol';

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

  it('counts every file the server can leave out (it indexes at most MAX_INDEXED_FILES): 15,100 is not said as 10,000', () => {
    const leftOut = Array.from({ length: 15_100 }, (_, i) => file(i, 'prod', 'team'));
    expect(leftOutSentence(renameLeftOut({ leftOut }))).toBe("15,100 files of account team were left as they are: there the name is another account's secret.");
  });

  it('nothing left out: nothing to say; a malformed answer or entry says nothing rather than something wrong', () => {
    expect(leftOutSentence(renameLeftOut({ documentChanges: [] }))).toBeUndefined();
    expect(renameLeftOut(null)).toEqual([]);
    expect(renameLeftOut({ leftOut: 'prod' })).toEqual([]);
    // An account or environment no name rule allows (markup, an escape, a key) is never shown.
    expect(renameLeftOut({ leftOut: [{ uri: 'file:///a', environment: 'prod', account: '\u001b[31mrpa_x' }, { uri: 'file:///b', environment: '<b>x</b>' }, { uri: 7, environment: 'prod' }] })).toEqual([]);
  });
});

describe('F2 says what it left out (the languageclient middleware around textDocument/rename)', () => {
  type Rename = NonNullable<ReturnType<typeof renameNoteMiddleware>['provideRenameEdits']>;
  const document = { uri: 'file:///w/train.dev.runpod.env' } as unknown as Parameters<Rename>[0];
  const position = { line: 0, character: 30 } as unknown as Parameters<Rename>[1];
  const token = { isCancellationRequested: false } as Parameters<Rename>[3];
  const EDIT = { edit: 'the workspace edit' } as never;

  async function f2(answer: () => Promise<unknown>, edit: unknown = EDIT) {
    const said: string[] = [];
    const levels: string[] = [];
    const asked: unknown[] = [];
    const middleware = renameNoteMiddleware(
      (doc, pos) => {
        asked.push([doc, pos]);
        return answer();
      },
      (message, level) => {
        said.push(message);
        levels.push(level);
      },
      (uri) => uri.replace('file:///w/', ''),
    );
    const result = await middleware.provideRenameEdits!(document, position, 'hf-read-token', token, async () => edit as never);
    await new Promise((resolve) => setImmediate(resolve));
    return { said, levels, asked, result };
  }

  it('the edit goes to VS Code unchanged; files of another account left out are said once, in the sentence Rename Secret uses', async () => {
    const { said, asked, result } = await f2(async () => ({ leftOut: [file(1, 'prod', 'prod')] }));
    expect(result).toBe(EDIT);
    expect(asked).toEqual([[document, position]]);
    expect(said).toEqual(["F2's rename covers this account's files only. 1 file of account prod was left as it is: there the name is another account's secret."]);
  });

  it('a rename that may not be whole says so in a warning, with what to do, beside the files left out', async () => {
    const indexing = await f2(async () => ({ leftOut: [], incomplete: { index: 'indexing' } }));
    expect(indexing.result).toBe(EDIT);
    expect(indexing.said).toEqual([
      "F2's rename may not reach every reference. The workspace index is still being built: there may be more files. Wait until it is built, then rename again (F2 on a reference left).",
    ]);
    expect(indexing.levels).toEqual(['warning']);
    const both = await f2(async () => ({ leftOut: [file(1, 'prod', 'prod')], incomplete: { index: 'limit', files: [{ uri: 'file:///w/big.runpod.env', why: 'too-large' }] } }));
    expect(both.said).toEqual([
      "F2's rename covers this account's files only. 1 file of account prod was left as it is: there the name is another account's secret. " +
        "F2's rename may not reach every reference. The workspace is larger than the index reads (20,000 RunPod files, 500,000 files and folders walked), or has folders more than 64 levels deep, where no file below that depth is read: there may be more files. Add generated folders to .gitignore (the index walks every folder .gitignore does not skip, whatever runpod.files says), narrow runpod.files if more than 20,000 files match it, or open a smaller folder, then rename again (F2 on a reference left). " +
        'Not renamed whole: big.runpod.env (too large to read whole: references past its start were not renamed). Rename the references in it yourself.',
    ]);
    expect(both.levels).toEqual(['warning']);
    // Files left out as another account's alone: information, as before.
    expect((await f2(async () => ({ leftOut: [file(1, 'prod', 'prod')] }))).levels).toEqual(['info']);
  });

  it('nothing left out, a malformed or failed answer, or no edit: nothing is said and the edit is unchanged', async () => {
    expect((await f2(async () => ({ leftOut: [] }))).said).toEqual([]);
    expect((await f2(async () => ({ leftOut: [{ uri: 'file:///a', environment: 'prod', account: '\u001b[31mx' }] }))).said).toEqual([]);
    const failed = await f2(async () => {
      throw new Error('method not found');
    });
    expect(failed).toMatchObject({ said: [], result: EDIT });
    expect((await f2(async () => ({ leftOut: [file(1, 'prod', 'prod')] }), null)).said).toEqual([]);
  });
});

describe('F2 to a name that is not a secret on the account: said once, with the way forward', () => {
  type Rename = NonNullable<ReturnType<typeof renameNoteMiddleware>['provideRenameEdits']>;
  const TEXT = 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\n';
  const uri = { toString: () => 'file:///w/train.runpod.env' };
  // The reference's name is at 26..34; F2 was pressed on it.
  const document = { uri, getText: (r?: { start: { character: number }; end: { character: number } }) => (r ? TEXT.slice(r.start.character, r.end.character) : TEXT) } as unknown as Parameters<Rename>[0];
  const position = { line: 0, character: 30 } as unknown as Parameters<Rename>[1];
  const token = { isCancellationRequested: false } as Parameters<Rename>[3];
  const nameRange = { start: { line: 0, character: 26 }, end: { line: 0, character: 34 }, contains: (p: { line: number; character: number }) => p.line === 0 && p.character >= 26 && p.character <= 34 };
  const edit = (newText: string) => ({ get: (u: unknown) => (u === uri ? [{ range: nameRange, newText }] : []) });
  const secrets = (...names: string[]) => names.map((name) => ({ name, createdAt: '2026-01-01T00:00:00Z' }));
  const fresh = { state: 'fresh' as const, secrets: secrets('hf-token', 'hf-other'), account: 'team' };

  async function f2(newName: string, catalog: () => SecretsChangedParams, answer: unknown = { leftOut: [] }, at = position) {
    const said: { message: string; level: string; actions: readonly NoteAction[] }[] = [];
    const middleware = renameNoteMiddleware(
      async () => answer,
      (message, level, actions) => said.push({ message, level, actions }),
      (u) => u,
      catalog,
    );
    await middleware.provideRenameEdits!(document, at, newName, token, async () => edit(newName) as never);
    return said;
  }

  it('a new name the account lacks: one warning naming the account and the placeholder, with Create Secret (name prefilled) and Rename Secret from the old name', async () => {
    const said = await f2('hf-read-token', () => fresh);
    expect(said).toEqual([
      {
        level: 'warning',
        message:
          'F2 renames references only: hf-read-token is not a secret on account team, so Pods would boot with the placeholder text in its place. ' +
          'Create Secret makes hf-read-token; Rename Secret makes it from hf-token (its value asked again), moves the account templates to it and deletes hf-token once nothing uses it.',
        actions: [
          { title: 'Create Secret hf-read-token…', command: 'runpod.secrets.create', args: [{ name: 'hf-read-token' }] },
          { title: 'Rename Secret…', command: 'runpod.secrets.rename', args: [{ name: 'hf-token', to: 'hf-read-token' }] },
        ],
      },
    ]);
  });

  it('F2 pressed on the reference\'s prefix (the edit replaces the name after it): the old name is still read, for Rename Secret', async () => {
    const onPrefix = { line: 0, character: 14 } as unknown as Parameters<Rename>[1];
    const said = await f2('hf-read-token', () => fresh, { leftOut: [] }, onPrefix);
    expect(said[0]!.actions.map((a) => a.args)).toEqual([[{ name: 'hf-read-token' }], [{ name: 'hf-token', to: 'hf-read-token' }]]);
  });

  it('a new name that is a secret of the account (references re-pointed) says nothing new; names are compared as RunPod does, case-sensitive', async () => {
    expect(await f2('hf-other', () => fresh)).toEqual([]);
    expect((await f2('HF-OTHER', () => fresh)).map((s) => s.level)).toEqual(['warning']);
  });

  it('no list loaded: nothing is claimed (as the unknown-secret rule); a stale list says when it was fetched', async () => {
    expect(await f2('hf-read-token', () => ({ state: 'unknown', secrets: [] }))).toEqual([]);
    const stale = await f2('hf-read-token', () => ({ ...fresh, state: 'stale', fetchedAt: '2026-12-01T10:00:00Z' }));
    expect(stale[0]!.message).toMatch(/^F2 renames references only: hf-read-token was not a secret on account team when the list was last fetched, so Pods would boot with the placeholder text in its place\. /);
  });

  it('the old name not on the account either: Create Secret only (there is nothing to rename from)', async () => {
    const said = await f2('hf-read-token', () => ({ ...fresh, secrets: secrets('hf-other') }));
    expect(said[0]!.actions.map((a) => a.title)).toEqual(['Create Secret hf-read-token…']);
    expect(said[0]!.message).not.toContain('Rename Secret');
  });

  it('one notification with the other notes: files left out and a rename that may not be whole are said in the same message', async () => {
    const said = await f2('hf-read-token', () => fresh, { leftOut: [file(1, 'prod', 'prod')], incomplete: { index: 'indexing' } });
    expect(said).toHaveLength(1);
    expect(said[0]!.message).toMatch(/^F2's rename covers this account's files only\. .* F2's rename may not reach every reference\. .* F2 renames references only: hf-read-token is not a secret on account team/);
    expect(said[0]!.actions).toHaveLength(2);
  });

  it('the note is shown with its buttons, and the one chosen runs its command with its arguments', async () => {
    const ran: unknown[][] = [];
    const shown: unknown[][] = [];
    const show = showRenameNote(
      {
        showWarningMessage: async (...args: unknown[]) => (shown.push(args), 'Rename Secret…'),
        showInformationMessage: async () => undefined,
      },
      async (...args: unknown[]) => ran.push(args),
    );
    await show('the note', 'warning', [
      { title: 'Create Secret x…', command: 'runpod.secrets.create', args: [{ name: 'x' }] },
      { title: 'Rename Secret…', command: 'runpod.secrets.rename', args: [{ name: 'y', to: 'x' }] },
    ]);
    expect(shown).toEqual([['the note', 'Create Secret x…', 'Rename Secret…']]);
    expect(ran).toEqual([['runpod.secrets.rename', { name: 'y', to: 'x' }]]);
  });

  it('runs no button after a switch of account while the note was open (the secret would be made in the other account), and says so', async () => {
    let active = 'dev';
    const told: unknown[][] = [];
    const ran: unknown[][] = [];
    const show = showRenameNote(
      {
        showWarningMessage: async (...args: unknown[]) => {
          active = 'prod'; // switched while the note was on screen
          return args[1] as string;
        },
        showInformationMessage: async (...args: unknown[]) => (told.push(args), undefined),
      },
      async (...args: unknown[]) => ran.push(args),
      () => active,
    );
    await show('the note', 'warning', [{ title: 'Create Secret x…', command: 'runpod.secrets.create', args: [{ name: 'x' }] }]);
    expect(ran).toEqual([]);
    expect(told).toEqual([[expect.stringMatching(/account changed from dev to prod.*nothing was run/i)]]);
    // Without a switch the button runs.
    active = 'dev';
    const again = showRenameNote({ showWarningMessage: async (...args: unknown[]) => args[1] as string, showInformationMessage: async () => undefined }, async (...args: unknown[]) => ran.push(args), () => active);
    await again('the note', 'warning', [{ title: 'Create Secret x…', command: 'runpod.secrets.create', args: [{ name: 'x' }] }]);
    expect(ran).toEqual([['runpod.secrets.create', { name: 'x' }]]);
  });
});
