/**
 * A deep chain of folders under a `.gitignore` of a thousand patterns (its bound, MAX_PATTERNS):
 * each folder was matched against every pattern, and each match split the folder's whole path
 * again, so the walk cost patterns x depth^2 (600 levels: minutes; the index never became
 * complete) and so did the rules' look at one watched-file event below the chain, which ran in
 * the server's own thread. A pattern whose plain names are not all in the path is passed over now,
 * and the path is split once per folder, not once per pattern.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FRESH } from '../fixtures';
import { ensureServerBuilt } from '../lspClient';
import { MAX_PATTERNS } from '../../../server/src/template/workspace/gitignore';
import { CHANGED, eventually, startOn, TempWorkspace, usages } from './helpers';

ensureServerBuilt();

const DEPTH = 600;
const CHAIN = Array.from({ length: DEPTH }, () => 'd').join('/');
// Patterns whose last name (d) every folder of the chain has: each looked for x<i> all along the path.
const IGNORE = Array.from({ length: MAX_PATTERNS }, (_, i) => (i % 2 ? `**/x${i}/**/d` : `x${i}`)).join('\n');

describe('a deep chain of folders under a large .gitignore', () => {
  it('is walked, and an event below it is applied', async () => {
    const ws = new TempWorkspace({ '.gitignore': IGNORE, 'a.runpod.env': 'A={{ RUNPOD_SECRET_hf }}\n' });
    mkdirSync(ws.path(CHAIN), { recursive: true });
    ws.write(`${CHAIN}/deep.runpod.env`, 'A={{ RUNPOD_SECRET_hf }}\n');
    const client = await startOn(ws, { initializationOptions: { secrets: FRESH } });
    try {
      expect((await usages(client, { names: ['hf'] })).usages).toEqual({ hf: { files: 2, references: 2 } });
      ws.write(`${CHAIN}/deep.runpod.env`, 'A={{ RUNPOD_SECRET_hf }}\nB={{ RUNPOD_SECRET_hf }}\n');
      await client.watchedFiles([{ uri: ws.uriOf(`${CHAIN}/deep.runpod.env`), type: CHANGED }]);
      await eventually(async () => (await usages(client, { names: ['hf'] })).usages['hf']?.references === 3, 'the event below the chain');
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});
