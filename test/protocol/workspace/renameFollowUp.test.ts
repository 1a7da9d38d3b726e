/**
 * F2's follow-up (`runpod/renameLeftOut`, sent after textDocument/rename) says what the rename may
 * not have reached without reading the files again: the edit just read each one, and the index
 * recorded whether it read each whole (IndexEntry.readInPart). It only opens each file as a read
 * would (no link followed, no FIFO waited on) to learn whether it is still the file the index
 * read; a file changed since is read, so the answer still agrees with the rename's.
 * Which files the server reads is seen through fileReads.cjs, loaded into it with --require.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RenameLeftOutResult, RenameSecretResult } from '../../../server/src/protocol';
import { MAX_ANALYZED_ENTRIES } from '../../../server/src/template/analyze';
import { FRESH } from '../fixtures';
import type { LspClient } from '../lspClient';
import { startOn, TempWorkspace } from './helpers';

const SMALL = 'A={{ RUNPOD_SECRET_near }}\n';
const MANY = `FIRST={{ RUNPOD_SECRET_near }}\n${'A=1\n'.repeat(MAX_ANALYZED_ENTRIES + 1)}`;

/** The files of `ws` the server read since the last call. */
function readsOf(client: LspClient, ws: TempWorkspace): () => string[] {
  const log = join(tmpdir(), `runpod-reads-${client.process.pid}.log`);
  return () => {
    const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [];
    rmSync(log, { force: true });
    return [...new Set(lines.filter((l) => l.startsWith(`${ws.root}/`)))].sort();
  };
}

async function startLogged(ws: TempWorkspace): Promise<LspClient> {
  return startOn(ws, { initializationOptions: { secrets: FRESH }, nodeArgs: ['--require', join(__dirname, 'fileReads.cjs')] });
}

describe("F2's follow-up after a rename", () => {
  it('reads no file the index read as it is now, and says what the rename said: one read in part, one swapped for a FIFO (unreadable, no hang)', async () => {
    const ws = new TempWorkspace({ 'small.runpod.env': SMALL, 'b.runpod.env': 'B={{ RUNPOD_SECRET_near }}\n', 'fifo.runpod.env': 'F={{ RUNPOD_SECRET_near }}\n' });
    writeFileSync(ws.path('many.runpod.env'), MANY);
    const client = await startLogged(ws);
    const reads = readsOf(client, ws);
    try {
      // Swapped after the walk read it (no watcher event yet): the index still lists it.
      unlinkSync(ws.path('fifo.runpod.env'));
      execFileSync('mkfifo', [ws.path('fifo.runpod.env')]);
      const uri = ws.uriOf('small.runpod.env');
      await client.open(uri, 'runpod-env', SMALL);
      reads();
      const renamed = (await client.request('runpod/renameSecret', { from: 'near', to: 'far' })) as RenameSecretResult;
      // The edit reads the files on disk it edits (the log sees reads: this test can fail).
      expect(reads()).toEqual([ws.path('b.runpod.env'), ws.path('many.runpod.env')]);
      expect(renamed.incomplete).toEqual({
        files: [
          { uri: ws.uriOf('fifo.runpod.env'), why: 'unreadable' },
          { uri: ws.uriOf('many.runpod.env'), why: 'too-large' },
        ],
      });
      const note = (await client.request('runpod/renameLeftOut', { textDocument: { uri }, position: client.doc(uri).positionAt(SMALL.indexOf('near')) })) as RenameLeftOutResult;
      expect(note).toEqual({ leftOut: [], incomplete: renamed.incomplete });
      expect(reads()).toEqual([]);
    } finally {
      await client.stop();
      reads();
      ws.dispose();
    }
  }, 60_000);

  it('reads a file changed since the index read it (its watcher event not handled yet), so it says what the rename says of it now', async () => {
    const ws = new TempWorkspace({ 'small.runpod.env': SMALL, 'grown.runpod.env': 'G={{ RUNPOD_SECRET_near }}\n' });
    const client = await startLogged(ws);
    const reads = readsOf(client, ws);
    try {
      // Past the entry count now: only its start can be edited.
      writeFileSync(ws.path('grown.runpod.env'), MANY);
      const uri = ws.uriOf('small.runpod.env');
      await client.open(uri, 'runpod-env', SMALL);
      reads();
      const note = (await client.request('runpod/renameLeftOut', { textDocument: { uri }, position: client.doc(uri).positionAt(SMALL.indexOf('near')) })) as RenameLeftOutResult;
      expect(reads()).toEqual([ws.path('grown.runpod.env')]);
      expect(note).toEqual({ leftOut: [], incomplete: { files: [{ uri: ws.uriOf('grown.runpod.env'), why: 'too-large' }] } });
      const renamed = (await client.request('runpod/renameSecret', { from: 'near', to: 'far' })) as RenameSecretResult;
      expect(renamed.incomplete).toEqual(note.incomplete);
    } finally {
      await client.stop();
      reads();
      ws.dispose();
    }
  }, 60_000);
});
