/**
 * A folder that changes while it is walked: one deleted, or swapped for a file, after its parent
 * was listed is gone (nothing there to check or index), whereas one that cannot be listed (EACCES)
 * may hold references and is said. The CLI's check and the server's index decide it alike (walk.ts
 * isGoneMeanwhile). The swap is made at the moment the folder is listed, by a listing that fails as
 * the file system would.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/** Folder name → the error its listing fails with. */
const FAILS: Record<string, string> = { swapped: 'ENOTDIR', deleted: 'ENOENT', locked: 'EACCES' };

vi.mock('node:fs', async (real) => {
  const fs = await real<typeof import('node:fs')>();
  const readdirSync = ((dir: string, options?: never) => {
    const code = FAILS[path.basename(String(dir))];
    if (code) throw Object.assign(new Error(`${code}: listing ${path.basename(String(dir))}`), { code });
    return fs.readdirSync(dir, options);
  }) as typeof fs.readdirSync;
  return { ...fs, default: { ...fs, readdirSync }, readdirSync };
});

const fs = await import('node:fs');
const { discoverFiles } = await import('../../client/src/cli/check/discover');
const { FolderRules, walkFolder } = await import('../../server/src/index/walk');

let root: string;
beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'walk-gone-')));
  for (const dir of [...Object.keys(FAILS), 'kept']) {
    fs.mkdirSync(path.join(root, dir));
    fs.writeFileSync(path.join(root, dir, 'app.runpod.env'), 'A=1\n');
  }
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('a folder gone or swapped for a file during the walk', () => {
  it('check names only the folder that cannot be listed, not one deleted or made a file meanwhile', () => {
    const found = discoverFiles(['.'], root);
    expect(found.files.map((f) => f.display)).toEqual(['kept/app.runpod.env']);
    expect(found.skipped).toEqual([{ display: 'locked', reason: expect.stringContaining('EACCES') }]);
  });

  it('the index records only the folder that cannot be listed as unread', async () => {
    const walked = await walkFolder(new FolderRules(root), () => true, 1000, async () => undefined);
    expect(walked.files).toEqual([path.join(root, 'kept', 'app.runpod.env')]);
    expect(walked.unlisted).toEqual([path.join(root, 'locked')]);
  });
});
