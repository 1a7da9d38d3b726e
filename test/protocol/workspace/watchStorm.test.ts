/**
 * A storm of `workspace/didChangeWatchedFiles` (a checkout rewriting every file, a build tool): the
 * server took each event as it came, reading its file again each time, and answered nothing until
 * the storm was read (10k events over 2,000 files: ~37 s). Events for a file already waiting are
 * one read now, and the reads run in slices: a hover sent during the storm is answered before the
 * index is current, and the index then is the one a fresh walk builds.
 */
import { describe, expect, it } from 'vitest';
import { FRESH } from '../fixtures';
import { ensureServerBuilt } from '../lspClient';
import { CHANGED, startOn, TempWorkspace, usages } from './helpers';

ensureServerBuilt();

const FILES = 1000;
const name = (i: number): string => `s/f${i}.runpod.env`;
const text = (secret: string): string => Array.from({ length: 40 }, (_, k) => `K${k}={{ RUNPOD_SECRET_${secret} }}`).join('\n');

describe('a storm of watched-file events', () => {
  it('a hover sent during it is answered before the index is current; the index then is a fresh walk', async () => {
    const ws = new TempWorkspace(Object.fromEntries(Array.from({ length: FILES }, (_, i) => [name(i), text('old')])));
    const client = await startOn(ws, { initializationOptions: { secrets: FRESH } });
    try {
      const open = ws.uriOf('open.runpod.env');
      const source = 'HF={{ RUNPOD_SECRET_hf-token }}\n';
      await client.open(open, 'runpod-env', source);
      const at = source.indexOf('hf-token');
      expect(await client.hover(open, at)).not.toBeNull();
      for (let i = 0; i < FILES; i++) ws.write(name(i), text('new'));
      for (let n = 0; n < 10; n++) {
        void client.watchedFiles(Array.from({ length: 2000 }, (_, k) => ({ uri: ws.uriOf(name((n * 2000 + k) % FILES)), type: CHANGED })));
      }
      // Asked in this order: the usage counts wait for the index to be current, the hover does not.
      const answered: string[] = [];
      const counted = usages(client, { names: ['old', 'new'] }).then((answer) => {
        answered.push('usages');
        return answer;
      });
      const hovered = client.hover(open, at).then((hover) => {
        answered.push('hover');
        return hover;
      });
      expect(await hovered).not.toBeNull();
      const counts = await counted;
      expect(answered).toEqual(['hover', 'usages']);
      expect(counts.usages).toEqual({ new: { files: FILES, references: FILES * 40 } });
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});
