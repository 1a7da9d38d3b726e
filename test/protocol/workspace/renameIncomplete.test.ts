/**
 * A rename never claims to be whole when it may not be: `runpod/renameSecret` and
 * `runpod/renameLeftOut` (F2's note) say what the edit may not reach (`incomplete`): files the
 * index has not read yet (its walk unfinished when the rename stops waiting), and files it lists
 * that the edit cannot cover whole (past the analysis limit, or unreadable now).
 */
import { symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import { ANALYSIS_LIMIT, MAX_ANALYZED_ENTRIES } from '../../../server/src/template/analyze';
import type { RenameLeftOutResult, RenameSecretResult } from '../../../server/src/protocol';
import { FRESH } from '../fixtures';
import { LspClient } from '../lspClient';
import { editsByUri, INDEX_CAPABILITIES, startOn, TempWorkspace } from './helpers';

const TRAIN = 'HF={{ RUNPOD_SECRET_hf-token }}\n';

describe('a rename while the index cannot finish its walk', () => {
  it('renameSecret and renameLeftOut answer after their wait with what the index holds, and say the index was still being built', async () => {
    // The walk reads the folders one after the other, each after its settings: the first two never
    // answer, so the walk waits out the settings deadline twice before it reaches the third folder.
    const held = [new TempWorkspace({}), new TempWorkspace({})];
    const ws = new TempWorkspace({ 'train.runpod.env': TRAIN, 'deploy/other.runpod.env': 'X={{ RUNPOD_SECRET_hf-token }}\n' });
    const heldUris = new Set(held.map((h) => h.uri));
    const client = await LspClient.start({
      capabilities: INDEX_CAPABILITIES,
      workspaceFolders: [...held.map((h) => h.uri), ws.uri],
      initializationOptions: { secrets: FRESH },
      configuration: (scopeUri) => (scopeUri !== undefined && heldUris.has(scopeUri) ? new Promise(() => undefined) : null),
    });
    try {
      const uri = ws.uriOf('train.runpod.env');
      await client.open(uri, 'runpod-env', TRAIN);
      const position = client.doc(uri).positionAt(TRAIN.indexOf('hf-token'));
      const [renamed, leftOut] = (await Promise.all([
        client.request('runpod/renameSecret', { from: 'hf-token', to: 'hf-read-token' }),
        client.request('runpod/renameLeftOut', { textDocument: { uri }, position }),
      ])) as [RenameSecretResult, RenameLeftOutResult];
      // Only the open file: the other one is on disk, not read yet.
      expect([...editsByUri(renamed as WorkspaceEdit).keys()]).toEqual([uri]);
      expect(renamed.incomplete).toEqual({ index: 'indexing' });
      expect(leftOut).toEqual({ leftOut: [], incomplete: { index: 'indexing' } });
      // The usage counts say the same cause (the Secrets tree's note).
      expect(await client.request('runpod/secretUsages', {})).toEqual({ usages: { 'hf-token': { files: 1, references: 1 } }, complete: false, gap: 'indexing' });
    } finally {
      await client.stop();
      ws.dispose();
      for (const h of held) h.dispose();
    }
  }, 60_000);
});

describe('files the index lists that a rename cannot cover whole', () => {
  it('files past the analysis limit (one edited in its start, one whose only reference is past it) and one that became a link (not followed, not edited) are said; a whole rename says nothing', async () => {
    const outside = new TempWorkspace({ 'secret.runpod.env': 'X={{ RUNPOD_SECRET_near }}\n' });
    const ws = new TempWorkspace({
      'small.runpod.env': 'A={{ RUNPOD_SECRET_near }}\nB={{ RUNPOD_SECRET_only_here }}\n',
      'swapped.runpod.env': 'S={{ RUNPOD_SECRET_near }}\n',
    });
    const filler = `PAD=${'x'.repeat(95)}\n`.repeat(Math.ceil(ANALYSIS_LIMIT / 100) + 100);
    writeFileSync(ws.path('huge.runpod.env'), `FIRST={{ RUNPOD_SECRET_near }}\n${filler}LAST={{ RUNPOD_SECRET_near }}\n`);
    // Its only reference past the cut: the index never saw it reference anything.
    writeFileSync(ws.path('tail.runpod.env'), `${filler}LAST={{ RUNPOD_SECRET_near }}\n`);
    const client = await startOn(ws, { initializationOptions: { secrets: FRESH } });
    try {
      // Swapped for a link after the walk read it (no watcher event yet): the index still lists it.
      unlinkSync(ws.path('swapped.runpod.env'));
      symlinkSync(outside.path('secret.runpod.env'), ws.path('swapped.runpod.env'));
      const renamed = (await client.request('runpod/renameSecret', { from: 'near', to: 'far' })) as RenameSecretResult;
      const edits = editsByUri(renamed as WorkspaceEdit);
      expect([...edits.keys()].sort()).toEqual([ws.uriOf('huge.runpod.env'), ws.uriOf('small.runpod.env')].sort());
      expect(edits.get(ws.uriOf('huge.runpod.env'))).toHaveLength(1); // FIRST only: LAST lies past the limit
      expect(renamed.incomplete).toEqual({
        files: [
          { uri: ws.uriOf('huge.runpod.env'), why: 'too-large' },
          { uri: ws.uriOf('swapped.runpod.env'), why: 'unreadable' },
          { uri: ws.uriOf('tail.runpod.env'), why: 'too-large' },
        ].sort((a, b) => (a.uri < b.uri ? -1 : 1)),
      });
      // F2's note says the same from a reference to the name.
      const text = 'A={{ RUNPOD_SECRET_near }}\nB={{ RUNPOD_SECRET_only_here }}\n';
      const uri = ws.uriOf('small.runpod.env');
      await client.open(uri, 'runpod-env', text);
      const note = (await client.request('runpod/renameLeftOut', { textDocument: { uri }, position: client.doc(uri).positionAt(text.indexOf('near')) })) as RenameLeftOutResult;
      expect(note.incomplete).toEqual(renamed.incomplete);
      // Any name: the files read in part may reference it past their cut.
      const other = (await client.request('runpod/renameSecret', { from: 'only_here', to: 'still_here' })) as RenameSecretResult;
      expect(editsByUri(other as WorkspaceEdit).size).toBe(1);
      expect(other.incomplete).toEqual({ files: [ws.uriOf('huge.runpod.env'), ws.uriOf('tail.runpod.env')].sort().map((u) => ({ uri: u, why: 'too-large' })) });
      // Without them, a name only whole files reference: nothing to say.
      unlinkSync(ws.path('huge.runpod.env'));
      unlinkSync(ws.path('tail.runpod.env'));
      await client.watchedFiles(['huge.runpod.env', 'tail.runpod.env'].map((f) => ({ uri: ws.uriOf(f), type: 3 })));
      const whole = (await client.request('runpod/renameSecret', { from: 'only_here', to: 'still_here' })) as RenameSecretResult;
      expect(editsByUri(whole as WorkspaceEdit).size).toBe(1);
      expect(whole).not.toHaveProperty('incomplete');
      const wholeNote = (await client.request('runpod/renameLeftOut', { textDocument: { uri }, position: client.doc(uri).positionAt(text.indexOf('only_here')) })) as RenameLeftOutResult;
      expect(wholeNote).toEqual({ leftOut: [] });
    } finally {
      await client.stop();
      ws.dispose();
      outside.dispose();
    }
  }, 60_000);
});


describe('files the index read in part because they hold more entries than analysis reads', () => {
  it('a file under the size limit past the entry count is said, whether it references the name before the cut or only after it', async () => {
    // 400,001 short lines: about 2 MB, far under the size limit, one entry past the count.
    const filler = 'A=1\n'.repeat(MAX_ANALYZED_ENTRIES + 1);
    const ws = new TempWorkspace({ 'small.runpod.env': 'A={{ RUNPOD_SECRET_near }}\n' });
    writeFileSync(ws.path('many.runpod.env'), `FIRST={{ RUNPOD_SECRET_near }}\n${filler}LAST={{ RUNPOD_SECRET_near }}\n`);
    writeFileSync(ws.path('tail.runpod.env'), `${filler}LAST={{ RUNPOD_SECRET_near }}\n`);
    const client = await startOn(ws, { initializationOptions: { secrets: FRESH } });
    try {
      const renamed = (await client.request('runpod/renameSecret', { from: 'near', to: 'far' })) as RenameSecretResult;
      const edits = editsByUri(renamed as WorkspaceEdit);
      expect([...edits.keys()].sort()).toEqual([ws.uriOf('many.runpod.env'), ws.uriOf('small.runpod.env')].sort());
      expect(edits.get(ws.uriOf('many.runpod.env'))).toHaveLength(1); // FIRST only: LAST lies past the count
      expect(renamed.incomplete).toEqual({ files: [ws.uriOf('many.runpod.env'), ws.uriOf('tail.runpod.env')].sort().map((u) => ({ uri: u, why: 'too-large' })) });
      const uri = ws.uriOf('small.runpod.env');
      await client.open(uri, 'runpod-env', 'A={{ RUNPOD_SECRET_near }}\n');
      const note = (await client.request('runpod/renameLeftOut', { textDocument: { uri }, position: { line: 0, character: 20 } })) as RenameLeftOutResult;
      expect(note.incomplete).toEqual(renamed.incomplete);
    } finally {
      await client.stop();
      ws.dispose();
    }
  }, 60_000);
});
