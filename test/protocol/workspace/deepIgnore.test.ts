/**
 * A deep chain of folders under a `.gitignore` of a thousand patterns (its bound, MAX_PATTERNS):
 * each folder was matched against every pattern, and each match split the folder's whole path
 * again, so the walk cost patterns x depth^2 (600 levels: minutes; the index never became
 * complete) and so did the rules' look at one watched-file event below the chain, which ran in
 * the server's own thread. A pattern whose plain names are not all in the path is passed over now,
 * and the path is split once per folder, not once per pattern. Since then the walk lists folders at
 * most MAX_WALKED_DEPTH deep (walk.ts): the chain is walked that far, the index says it is
 * incomplete, and an event from below the bound is passed over as cheaply as one the rules exclude.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FRESH } from '../fixtures';
import { ensureServerBuilt, LspClient } from '../lspClient';
import { MAX_WALKED_DEPTH } from '../../../server/src/index/walk';
import { pathLabel } from '../../../server/src/template/displayText';
import { MAX_PATTERNS } from '../../../server/src/template/workspace/gitignore';
import { CHANGED, eventually, INDEX_CAPABILITIES, TempWorkspace, usages } from './helpers';

ensureServerBuilt();

const DEPTH = 600;
const chain = (depth: number) => Array.from({ length: depth }, () => 'd').join('/');
const CHAIN = chain(DEPTH);
/** The deepest folder the walk lists. */
const LISTED = chain(MAX_WALKED_DEPTH);
// Patterns whose last name (d) every folder of the chain has: each looked for x<i> all along the path.
const IGNORE = Array.from({ length: MAX_PATTERNS }, (_, i) => (i % 2 ? `**/x${i}/**/d` : `x${i}`)).join('\n');
const ONE = 'A={{ RUNPOD_SECRET_hf }}\n';
const TWO = 'A={{ RUNPOD_SECRET_hf }}\nB={{ RUNPOD_SECRET_hf }}\n';

describe('a deep chain of folders under a large .gitignore', () => {
  it('is walked to the depth bound and said incomplete; an event within it is applied, one below it passed over', async () => {
    const ws = new TempWorkspace({ '.gitignore': IGNORE, 'a.runpod.env': ONE });
    mkdirSync(ws.path(CHAIN), { recursive: true });
    ws.write(`${LISTED}/listed.runpod.env`, ONE);
    ws.write(`${CHAIN}/deep.runpod.env`, ONE);
    const client = await LspClient.start({ capabilities: INDEX_CAPABILITIES, workspaceFolders: [ws.uri], initializationOptions: { secrets: FRESH } });
    try {
      // Never complete (startOn waits for that): the walk is done once the gap is no longer `indexing`.
      await eventually(async () => (await usages(client)).gap !== 'indexing', 'the walk');
      // The first folder not listed, named as the server's warning names it (cut: pathLabel), for the client's notes.
      expect(await usages(client, { names: ['hf'] })).toMatchObject({ usages: { hf: { files: 2, references: 2 } }, complete: false, gap: 'limit', deepFolder: pathLabel(ws.path(chain(MAX_WALKED_DEPTH + 1))) });
      ws.write(`${CHAIN}/deep.runpod.env`, TWO);
      ws.write(`${LISTED}/listed.runpod.env`, TWO);
      // The event below the bound first: the one within it is applied after it, so when it shows, the first was passed over.
      await client.watchedFiles([
        { uri: ws.uriOf(`${CHAIN}/deep.runpod.env`), type: CHANGED },
        { uri: ws.uriOf(`${LISTED}/listed.runpod.env`), type: CHANGED },
      ]);
      await eventually(async () => (await usages(client, { names: ['hf'] })).usages['hf']?.references === 3, 'the event within the bound');
      expect((await usages(client, { names: ['hf'] })).usages['hf']).toEqual({ files: 2, references: 3 });
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});
