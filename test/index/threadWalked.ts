/**
 * One walk of a temporary workspace in the walk thread (dist/indexWalker.js), as the index's first
 * walk of a folder makes it with the default settings: every batch it sent, then its end.
 */
import { join } from 'node:path';
import { ThreadWalk, WalkerThread, type WalkedFile, type WalkEnd } from '../../server/src/index/walkThread';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { ROOT } from '../protocol/lspClient';
import type { TempWorkspace } from '../protocol/workspace/helpers';

/** The caller builds the bundle first (ensureServerBuilt). */
export async function threadWalked(ws: TempWorkspace): Promise<{ files: WalkedFile[]; end: WalkEnd | undefined }> {
  const walk = new ThreadWalk(new WalkerThread(join(ROOT, 'dist', 'indexWalker.js')), {
    root: ws.root,
    folders: [ws.root],
    globs: DEFAULT_SETTINGS.files,
    environments: [],
    folder: ws.uri,
    maxEntries: 100_000,
    maxFiles: 1000,
    maxBytes: 1 << 20,
  });
  const files: WalkedFile[] = [];
  try {
    for (let batch = await walk.next(); batch; batch = await walk.next()) files.push(...batch);
  } finally {
    walk.stop();
  }
  return { files, end: walk.end };
}
