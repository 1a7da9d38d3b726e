/**
 * The hostile repository's globs through the language server's workspace index: a `.gitignore`
 * and `runpod.files` globs with many stars in one name, next to 200-letter names, and a glob of
 * many `**` next to a folder as deep as the index lists (MAX_WALKED_DEPTH): a backtracking matcher needs hours to fail either. The index completes, the refused patterns
 * ignore nothing, and the server keeps answering (a generous bound against a hang, not a measure
 * of speed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureServerBuilt, type LspClient } from '../protocol/lspClient';
import { startOn, TempWorkspace, usages } from '../protocol/workspace/helpers';
import { MAX_WALKED_DEPTH } from '../../server/src/index/walk';
import { STARRY_GLOB } from './fixture';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const LONG = 'a'.repeat(200);
/**
 * A folder as deep as the index lists (deeper is left out, said as 'limit'), and a glob of twelve
 * `**` a backtracking regular expression needs hours to fail against it.
 */
const DEEP = Array(MAX_WALKED_DEPTH).fill('x').join('/');
const GLOBSTARS = `**/${'x/**/'.repeat(12)}q.json`;
let ws: TempWorkspace;
let client: LspClient;

beforeAll(async () => {
  ensureServerBuilt();
  ws = new TempWorkspace({
    '.gitignore': `${STARRY_GLOB.replace(/^\*\*\//, '')}\n`,
    [`${LONG}/app.runpod.env`]: 'TOKEN={{ RUNPOD_SECRET_in-long-folder }}\n',
    'train.runpod.env': 'TOKEN={{ RUNPOD_SECRET_at-root }}\n',
    [`${DEEP}/deep.runpod.env`]: 'TOKEN={{ RUNPOD_SECRET_deep-down }}\n',
    // Not a RunPod file by name: only the globs can say what it is.
    [`${DEEP}/notes.json`]: '{}\n',
  });
  mkdirSync(ws.path(`${LONG}/${LONG}`));
  writeFileSync(ws.path(`${LONG}/${LONG}/${LONG}`), 'A=1\n');
  client = await startOn(ws, { configuration: () => ({ files: [STARRY_GLOB, GLOBSTARS, '**/*.runpod.json'] }) });
});
afterAll(async () => {
  await client?.stop();
  ws?.dispose();
});

describe('globs a backtracking matcher would take hours over', () => {
  it('the index completes; the refused .gitignore pattern ignores nothing; the server answers', async () => {
    const result = await usages(client);
    expect(result.complete).toBe(true);
    expect(result.usages['in-long-folder']?.files).toBe(1);
    expect(result.usages['at-root']?.files).toBe(1);
    expect(result.usages['deep-down']?.files).toBe(1);
  });
});
