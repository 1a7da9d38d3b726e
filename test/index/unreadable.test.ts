/**
 * What the index could not read is not passed over in silence: a folder it cannot list and a file
 * it cannot open (permissions) make its usage counts incomplete with a cause (`unreadable`), and a
 * rename names them as not reached, so nobody deletes a secret that a file there still references.
 * Tests run as root, for whom everything reads, so the listing of a folder named `locked` and the
 * opening of a file named `shut.runpod.env` fail here as they do for another user (EACCES).
 */
import { rmSync } from 'node:fs';
import * as nodePath from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('node:fs', async (real) => {
  const fs = await real<typeof import('node:fs')>();
  const denied = (what: string, path: unknown): Error => Object.assign(new Error(`EACCES: permission denied, ${what} '${String(path)}'`), { code: 'EACCES' });
  const readdirSync = ((dir: string, options?: never) => {
    if (nodePath.basename(String(dir)) === 'locked') throw denied('scandir', dir);
    return fs.readdirSync(dir, options);
  }) as typeof fs.readdirSync;
  const openSync = ((path: string, flags: number, mode?: number) => {
    if (nodePath.basename(String(path)) === 'shut.runpod.env') throw denied('open', path);
    return fs.openSync(path, flags, mode);
  }) as typeof fs.openSync;
  const mocked = { ...fs, readdirSync, openSync };
  return { ...mocked, default: mocked };
});

import { FileChangeType } from 'vscode-languageserver';
import { Indexer } from '../../server/src/index/indexer';
import { IndexStore } from '../../server/src/index/store';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { secretUsages } from '../../server/src/lsp/workspaceFeatures';
import { TempWorkspace } from '../protocol/workspace/helpers';

let ws: TempWorkspace;
let store: IndexStore;
let indexer: Indexer;

beforeEach(() => {
  store = new IndexStore();
  indexer = new Indexer({
    store,
    folderSettings: () => Promise.resolve(DEFAULT_SETTINGS),
    openFacts: () => Promise.resolve(undefined),
    changed: () => undefined,
    warn: () => undefined,
  });
});
afterEach(() => {
  indexer.dispose();
  ws.dispose();
});

describe('what the index cannot read', () => {
  it('a whole readable workspace: no gap', async () => {
    ws = new TempWorkspace({ 'a.runpod.env': 'A={{ RUNPOD_SECRET_hf }}\n' });
    await indexer.setFolders([ws.uri]);
    expect(indexer.gap).toBeUndefined();
    expect(indexer.unread()).toEqual([]);
  });

  it('a folder it cannot list and a file it cannot open: the usage counts are incomplete, for that cause, and both are named', async () => {
    ws = new TempWorkspace({ 'a.runpod.env': 'A={{ RUNPOD_SECRET_hf }}\n', 'sub/locked/x.runpod.env': 'A={{ RUNPOD_SECRET_hf }}\n', 'shut.runpod.env': 'A={{ RUNPOD_SECRET_hf }}\n' });
    await indexer.setFolders([ws.uri]);
    expect(indexer.gap).toBe('unreadable');
    expect(indexer.unread()).toEqual([ws.path('shut.runpod.env'), ws.path('sub/locked')].sort());
    expect(secretUsages(store, {}, indexer)).toEqual({ usages: { hf: { files: 1, references: 1 } }, complete: false, gap: 'unreadable' });
  });

  it('a later walk (a settings change) keeps saying `unreadable` while it runs, and names both after it', async () => {
    ws = new TempWorkspace({ 'a.runpod.env': 'A={{ RUNPOD_SECRET_hf }}\n', 'sub/locked/x.runpod.env': 'A=1\n', 'shut.runpod.env': 'A=1\n', 'z/b.runpod.env': 'A=1\n' });
    const seen = new Set<string>();
    let spying = false;
    indexer.dispose();
    indexer = new Indexer({
      store,
      // The walk asks the folder's globs as it lists and reads each file: the gap then is the one a request meanwhile would see.
      folderSettings: () => Promise.resolve(spying ? { ...DEFAULT_SETTINGS, get files() { seen.add(String(indexer.gap)); return DEFAULT_SETTINGS.files; } } : DEFAULT_SETTINGS),
      openFacts: () => Promise.resolve(undefined),
      changed: () => undefined,
      warn: () => undefined,
    });
    await indexer.setFolders([ws.uri]);
    spying = true;
    await indexer.settingsChanged();
    expect(seen.size).toBeGreaterThan(0);
    expect([...seen]).toEqual(['unreadable']);
    expect(indexer.unread()).toEqual([ws.path('shut.runpod.env'), ws.path('sub/locked')].sort());
  });

  it('deleted, they are no longer a gap', async () => {
    ws = new TempWorkspace({ 'sub/locked/x.runpod.env': 'A=1\n', 'shut.runpod.env': 'A=1\n' });
    await indexer.setFolders([ws.uri]);
    await indexer.watched([{ uri: ws.uriOf('sub'), type: FileChangeType.Deleted }]);
    expect(indexer.unread()).toEqual([ws.path('shut.runpod.env')]);
    await indexer.watched([{ uri: ws.uriOf('shut.runpod.env'), type: FileChangeType.Deleted }]);
    expect(indexer.gap).toBeUndefined();
  });

  it('past the most paths it remembers, the ones it dropped keep the gap until the folder is walked again', async () => {
    indexer.dispose();
    indexer = new Indexer({ store, folderSettings: () => Promise.resolve(DEFAULT_SETTINGS), openFacts: () => Promise.resolve(undefined), changed: () => undefined, warn: () => undefined, maxUnread: 1 });
    ws = new TempWorkspace({ 'a/locked/x.runpod.env': 'A=1\n', 'b/locked/x.runpod.env': 'A=1\n' });
    await indexer.setFolders([ws.uri]);
    const [kept] = indexer.unread();
    expect(indexer.unread()).toHaveLength(1);
    const keptParent = nodePath.basename(nodePath.dirname(kept!));
    const dropped = keptParent === 'a' ? 'b' : 'a';
    // The one remembered is deleted; the one dropped is as unreadable as before.
    rmSync(ws.path(keptParent), { recursive: true });
    await indexer.watched([{ uri: ws.uriOf(keptParent), type: FileChangeType.Deleted }]);
    expect(indexer.unread()).toEqual([]);
    expect(indexer.gap).toBe('unreadable');
    // Walked again, it is found (and remembered) again.
    await indexer.setFolders([ws.uri]);
    expect(indexer.unread()).toEqual([ws.path(`${dropped}/locked`)]);
    // Gone too, and walked again: the index is whole.
    rmSync(ws.path(dropped), { recursive: true });
    await indexer.setFolders([ws.uri]);
    expect(indexer.gap).toBeUndefined();
  });
});
