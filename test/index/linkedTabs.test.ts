/**
 * The one answer to "which index entry does an open document left out for a link stand for"
 * (index/linkedTabs.ts), for Add KEY (lsp/templateFiles.ts) and rename (lsp/indexFeatures.ts): they
 * differed, Add KEY taking every entry of the file and rename only the first. A tab stands for every
 * entry of the file it reaches (a file indexed under two folder paths: both), so no edit aimed at
 * either goes to the disk under the tab.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkedTabs } from '../../server/src/index/linkedTabs';
import type { IndexEntry } from '../../server/src/index/store';
import { fileUri as uriOf } from '../../server/src/index/uris';

describe('linkedTabs: the open documents the index leaves out for a link, with the entries they stand for', () => {
  let base: string;
  let ws: string;
  beforeEach(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'runpod-linked-tabs-')));
    ws = join(base, 'ws');
    mkdirSync(join(ws, 'trainer'), { recursive: true });
    writeFileSync(join(ws, 'trainer/a.runpod.env'), 'A=1\n');
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(base, 'outside/far.runpod.env'), 'A=1\n');
    symlinkSync('trainer', join(ws, 'linked'));
    symlinkSync(join(base, 'outside/far.runpod.env'), join(ws, 'far.runpod.env'));
    // The same folder opened twice, once through a link: the index holds its files under both paths.
    symlinkSync(ws, join(base, 'proj'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const entry = (path: string) => ({ uri: uriOf(path), path }) as unknown as IndexEntry;

  it('every entry of the file a tab reaches, a tab reaching none once with none, and a tab the index holds not at all', () => {
    const real = entry(join(ws, 'trainer/a.runpod.env'));
    const twin = entry(join(base, 'proj/trainer/a.runpod.env'));
    const held = new Map([real, twin].map((e) => [e.path, e]));
    const get = (path: string) => held.get(path);
    const tab = uriOf(join(ws, 'linked/a.runpod.env'));
    const far = uriOf(join(ws, 'far.runpod.env'));
    const pairs = linkedTabs([real.uri, tab, far, 'untitled:Untitled-1'], get, [ws, join(base, 'proj')]);
    expect(pairs).toEqual([
      { tabUri: tab, entry: real },
      { tabUri: tab, entry: twin },
      { tabUri: far, entry: undefined },
    ]);
  });
});
