/**
 * What a walk learns it cannot read while it runs stays known after it: a walk forgets, at its
 * listing's end, the unread paths it did not meet again, and took with them the ones an event (or
 * its own reads, in the walk thread) noted meanwhile. The index then said it was complete while a
 * file was neither indexed nor named unread. Tests run as root, so the opening of a file named
 * `shut.runpod.env` fails here as it does for another user (EACCES).
 */
import * as nodePath from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdWalk, openGate } from './walkGate';

vi.mock('node:fs', async (real) => {
  const fs = await real<typeof import('node:fs')>();
  const openSync = ((path: string, flags: number, mode?: number) => {
    if (nodePath.basename(String(path)) === 'shut.runpod.env') throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES' });
    return fs.openSync(path, flags, mode);
  }) as typeof fs.openSync;
  const mocked = { ...fs, openSync };
  return { ...mocked, default: mocked };
});

vi.mock('../../server/src/index/walk', async (original) => (await import('./walkGate')).heldWalk(await original()));

/** The walk thread, played here: its batches are `thread.files` (read as the worker would say). */
const thread = vi.hoisted(() => ({ files: [] as { path: string; kind: 'runpod-env'; read: { ok: false; reason: 'unreadable' } }[] }));
vi.mock('../../server/src/index/walkThread', () => ({
  ThreadWalk: class {
    private sent = false;
    end = { truncated: false, ignores: [], unlisted: [], undecodable: [], deep: undefined };
    next(): Promise<unknown> {
      const batch = this.sent ? undefined : thread.files;
      this.sent = true;
      return Promise.resolve(batch);
    }
    stop(): void {}
  },
}));

import { FileChangeType } from 'vscode-languageserver';
import { Indexer, type IndexerDeps } from '../../server/src/index/indexer';
import { IndexStore } from '../../server/src/index/store';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { TempWorkspace } from '../protocol/workspace/helpers';

let ws: TempWorkspace;
let indexer: Indexer;
afterEach(() => {
  openGate();
  thread.files = [];
  indexer.dispose();
  ws.dispose();
});

function start(more: Partial<IndexerDeps> = {}): Indexer {
  return new Indexer({ store: new IndexStore(), folderSettings: () => Promise.resolve(DEFAULT_SETTINGS), openFacts: () => Promise.resolve(undefined), changed: () => undefined, warn: () => undefined, ...more });
}

describe('a file found unreadable during a walk', () => {
  it('by an event, in a folder the walk already listed: still named unread after the walk', async () => {
    ws = new TempWorkspace({ 'a.runpod.env': 'A=1\n' });
    indexer = start();
    await indexer.setFolders([ws.uri]);
    const { listed, release } = holdWalk();
    const walk = indexer.rebuild();
    await listed;
    const shut = ws.write('shut.runpod.env', 'A=1\n');
    await indexer.watched([{ uri: shut, type: FileChangeType.Created }]);
    expect(indexer.unread()).toEqual([ws.path('shut.runpod.env')]);
    release();
    await walk;
    expect(indexer.unread()).toEqual([ws.path('shut.runpod.env')]);
    expect(indexer.gap).toBe('unreadable');
  });

  it('by the walk thread past the most paths remembered: the gap stays after the walk', async () => {
    ws = new TempWorkspace({ 'one/shut.runpod.env': 'A=1\n', 'two/shut.runpod.env': 'A=1\n' });
    thread.files = ['one', 'two'].map((d) => ({ path: ws.path(`${d}/shut.runpod.env`), kind: 'runpod-env', read: { ok: false, reason: 'unreadable' } }));
    indexer = start({ walkWorker: 'played-here.js', maxUnread: 1 });
    await indexer.setFolders([ws.uri]);
    expect(indexer.unread()).toHaveLength(1);
    expect(indexer.gap).toBe('unreadable');
    // The one remembered deleted: the one dropped is as unreadable as before.
    await indexer.watched([{ uri: ws.uriOf(nodePath.relative(ws.root, indexer.unread()[0]!)), type: FileChangeType.Deleted }]);
    expect(indexer.unread()).toEqual([]);
    expect(indexer.gap).toBe('unreadable');
  });
});
