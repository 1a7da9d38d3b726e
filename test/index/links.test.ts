/**
 * The index's rule on symbolic links (server/src/index/links.ts): a path is reached through a link
 * when a component between its workspace folder and itself, or itself, is one; the folder may be
 * a link itself. And where the index holds the file such a path reaches (indexedPathsOf, at a rename).
 */
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anyFolderLinked, indexedPathsOf, LinkCheck, pathsOfFile } from '../../server/src/index/links';

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

describe('indexedPathsOf, pathsOfFile, anyFolderLinked: the paths the index may hold a file under, and whether one file may have two', () => {
  let base: string;
  let ws: string;
  beforeEach(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'runpod-links-')));
    ws = join(base, 'ws');
    mkdirSync(join(ws, 'trainer'), { recursive: true });
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(ws, 'trainer/a.runpod.env'), 'A=1\n');
    writeFileSync(join(base, 'outside/far.runpod.env'), 'A=1\n');
    symlinkSync('trainer', join(ws, 'linked-trainer'));
    symlinkSync(join(base, 'outside/far.runpod.env'), join(ws, 'far.runpod.env'));
    symlinkSync(join(ws, 'gone.runpod.env'), join(ws, 'dangling.runpod.env'));
    symlinkSync('loop', join(ws, 'loop'));
    symlinkSync(ws, join(base, 'proj'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('a path reached through no link: undefined (nothing to stand for)', () => {
    expect(indexedPathsOf(join(ws, 'trainer/a.runpod.env'), [ws])).toBeUndefined();
  });

  it('a path through a link to a folder or a file: the real path, below the folder', () => {
    expect(indexedPathsOf(join(ws, 'linked-trainer/a.runpod.env'), [ws])).toEqual([join(ws, 'trainer/a.runpod.env')]);
  });

  it('a folder opened through a link (`~/proj`): the real path written under the folder as it was opened', () => {
    const proj = join(base, 'proj');
    expect(indexedPathsOf(join(proj, 'linked-trainer/a.runpod.env'), [proj])).toEqual([join(proj, 'trainer/a.runpod.env')]);
    expect(indexedPathsOf(join(proj, 'trainer/a.runpod.env'), [proj])).toEqual([join(proj, 'trainer/a.runpod.env')]);
  });

  it('a file outside every folder, a dangling link, a loop: none, without failing', () => {
    expect(indexedPathsOf(join(ws, 'far.runpod.env'), [ws])).toEqual([]);
    expect(indexedPathsOf(join(ws, 'dangling.runpod.env'), [ws])).toEqual([]);
    expect(indexedPathsOf(join(ws, 'loop/x.runpod.env'), [ws])).toEqual([]);
  });

  it('a file under two folders (one nested): a path per folder that holds it', () => {
    const nested = join(ws, 'trainer');
    expect(indexedPathsOf(join(ws, 'linked-trainer/a.runpod.env'), [ws, nested])).toEqual([join(ws, 'trainer/a.runpod.env'), join(nested, 'a.runpod.env')]);
  });

  it('pathsOfFile: every path the index may hold the file under, its own among them, whether or not the path is a link', () => {
    const proj = join(base, 'proj');
    const both = [join(ws, 'trainer/a.runpod.env'), join(proj, 'trainer/a.runpod.env')];
    expect(pathsOfFile(join(ws, 'trainer/a.runpod.env'), [ws, proj])).toEqual(both);
    expect(pathsOfFile(join(proj, 'linked-trainer/a.runpod.env'), [ws, proj])).toEqual(both);
    expect(pathsOfFile(join(ws, 'gone.runpod.env'), [ws, proj])).toEqual([]);
  });

  it('anyFolderLinked: false when every folder is its own real path (the index, following no link, holds each file once), true when one is reached through a link or cannot be resolved', () => {
    expect(anyFolderLinked([ws, join(ws, 'trainer')])).toBe(false);
    expect(anyFolderLinked([ws, join(base, 'proj')])).toBe(true);
    expect(anyFolderLinked([join(ws, 'linked-trainer')])).toBe(true);
    expect(anyFolderLinked([join(base, 'gone')])).toBe(true);
  });
});
