/**
 * The index's rule on symbolic links (server/src/index/links.ts): a path is reached through a link
 * when a component between its workspace folder and itself, or itself, is one; the folder may be
 * a link itself.
 */
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LinkCheck } from '../../server/src/index/links';

describe('LinkCheck.throughLink', () => {
  let base: string;
  let ws: string;
  beforeEach(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'runpod-links-')));
    ws = join(base, 'ws');
    mkdirSync(join(ws, 'trainer/deep'), { recursive: true });
    writeFileSync(join(ws, 'trainer/deep/a.runpod.env'), 'A=1\n');
    symlinkSync('trainer', join(ws, 'linked-trainer'));
    symlinkSync(join(ws, 'trainer/deep/a.runpod.env'), join(ws, 'twin.runpod.env'));
    symlinkSync('loop', join(ws, 'loop'));
    symlinkSync(ws, join(base, 'proj'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('a file under real folders is not; one under a linked folder, at any depth, or a link itself is', () => {
    const links = new LinkCheck();
    expect(links.throughLink(ws, join(ws, 'trainer/deep/a.runpod.env'))).toBe(false);
    expect(links.throughLink(ws, join(ws, 'linked-trainer/deep/a.runpod.env'))).toBe(true);
    expect(links.throughLink(ws, join(ws, 'linked-trainer'))).toBe(true);
    expect(links.throughLink(ws, join(ws, 'twin.runpod.env'))).toBe(true);
  });

  it('the workspace folder itself may be a link: only the path inside it is looked at', () => {
    const proj = join(base, 'proj');
    const links = new LinkCheck();
    expect(links.throughLink(proj, join(proj, 'trainer/deep/a.runpod.env'))).toBe(false);
    expect(links.throughLink(proj, join(proj, 'linked-trainer/deep/a.runpod.env'))).toBe(true);
    expect(links.throughLink(proj, proj)).toBe(false);
  });

  it('a link looping on itself is one (never followed); a path that does not exist, or outside the folder, is none', () => {
    const links = new LinkCheck();
    expect(links.throughLink(ws, join(ws, 'loop/x.runpod.env'))).toBe(true);
    expect(links.throughLink(ws, join(ws, 'gone/x.runpod.env'))).toBe(false);
    expect(links.throughLink(ws, join(ws, 'trainer/deep/a.runpod.env/below'))).toBe(false);
    expect(links.throughLink(ws, join(base, 'proj/trainer/deep/a.runpod.env'))).toBe(false);
  });

  it('a folder replaced by a link is seen so by the next batch', () => {
    const path = join(ws, 'trainer/deep/a.runpod.env');
    expect(new LinkCheck().throughLink(ws, path)).toBe(false);
    renameSync(join(ws, 'trainer'), join(base, 'moved'));
    symlinkSync(join(base, 'moved'), join(ws, 'trainer'));
    expect(new LinkCheck().throughLink(ws, path)).toBe(true);
  });
});
