/**
 * A walk that met a folder too deep to list (walk.ts MAX_WALKED_DEPTH) walks again at its end when
 * that folder is gone (deleted while the walk ran: its event came before the walk said the folder
 * was there). Gone is what lstat says of a deleted path (ENOENT, ENOTDIR); a folder lstat cannot
 * look at (EACCES: a parent without x, ENAMETOOLONG) is still there, and walking again for it
 * found it again and walked again, without end. Tests run as root, so lstat's answer for the deep
 * folder is injected.
 */
import * as nodePath from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

/** The code lstat fails with for a path ending in `gen/d…/d` (the deep folder), or undefined: lstat answers. */
const lstatFails = { code: undefined as string | undefined };
vi.mock('node:fs', async (real) => {
  const fs = await real<typeof import('node:fs')>();
  const lstatSync = ((path: string, options?: never) => {
    if (lstatFails.code && /\/gen(\/d)+$/.test(String(path)) && String(path).split(nodePath.sep).length > 20) {
      throw Object.assign(new Error(`${lstatFails.code}: lstat '${String(path)}'`), { code: lstatFails.code });
    }
    return fs.lstatSync(path, options);
  }) as typeof fs.lstatSync;
  const mocked = { ...fs, lstatSync };
  return { ...mocked, default: mocked };
});

import { mkdirSync } from 'node:fs';
import { Indexer } from '../../server/src/index/indexer';
import { IndexStore } from '../../server/src/index/store';
import { MAX_WALKED_DEPTH } from '../../server/src/index/walk';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { TempWorkspace } from '../protocol/workspace/helpers';

let ws: TempWorkspace;
beforeEach(() => {
  ws = new TempWorkspace({ 'top.runpod.env': 'A={{ RUNPOD_SECRET_hf }}\n' });
  mkdirSync(ws.path(['gen', ...Array.from({ length: MAX_WALKED_DEPTH + 1 }, () => 'd')].join('/')), { recursive: true });
});
afterEach(() => {
  lstatFails.code = undefined;
  ws.dispose();
});

/** The walks the index makes for the folder (and the events after), stopped at `most` should they go on. */
async function walksWhenLstatFails(code: string, most = 4): Promise<number> {
  lstatFails.code = code;
  let walks = 0;
  let tooMany!: () => void;
  const endless = new Promise<void>((resolve) => (tooMany = resolve));
  const index = new Indexer({
    store: new IndexStore(),
    folderSettings: () => Promise.resolve(DEFAULT_SETTINGS),
    openFacts: () => Promise.resolve(undefined),
    changed: () => undefined,
    warn: () => undefined,
    walked: () => {
      if (++walks >= most) tooMany();
    },
  });
  try {
    const settled = async (): Promise<void> => {
      await index.setFolders([ws.uri]);
      // Until a round of waiting sees no walk: a walk asked for at a walk's end is another wait.
      for (let before = -1; before !== walks; ) {
        before = walks;
        await index.flush();
        await index.idle;
      }
    };
    await Promise.race([settled(), endless]);
    expect(index.gap).toBe('limit');
    return walks;
  } finally {
    index.dispose();
  }
}

for (const code of ['EACCES', 'ENAMETOOLONG', 'ELOOP']) {
  it(`a deep folder lstat cannot look at (${code}) is not gone: one walk`, async () => {
    expect(await walksWhenLstatFails(code)).toBe(1);
  });
}

it('a deep folder gone (ENOENT) that the walk again finds: walked again once, not without end', async () => {
  expect(await walksWhenLstatFails('ENOENT')).toBe(2);
});
