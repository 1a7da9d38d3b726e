/**
 * A walk that throws (a folder's settings that cannot be read, a fault inside the walk) must not
 * leave the index "still being built" forever: the client (client/src/secrets/indexGap.ts) would
 * tell the user to wait for a build that never ends. The index ends built, names the folder it could
 * not walk as unread (the gap `unreadable`, which a rename names as not reached), says why in the
 * log, and keeps what the other folders gave. A folder whose settings cannot be read is walked by
 * the ones it had (the defaults if none) with the gap `settings`, and asked again at each walk.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Indexer } from '../../server/src/index/indexer';
import { IndexStore, type IndexEntry } from '../../server/src/index/store';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { fileUri } from '../../server/src/index/uris';
import { SETTINGS_GAP_REMEDY } from '../../server/src/index/limits';
import { pathLabel } from '../../server/src/template/displayText';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { TempWorkspace } from '../protocol/workspace/helpers';

let a: TempWorkspace;
let b: TempWorkspace;
beforeAll(() => {
  a = new TempWorkspace({ 'a.runpod.env': 'X={{ RUNPOD_SECRET_kept }}\n' });
  b = new TempWorkspace({ 'b.runpod.env': 'X={{ RUNPOD_SECRET_lost }}\n' });
});
afterAll(() => {
  a.dispose();
  b.dispose();
});

/** Walks `a` then `b` with `store` and `folderSettings`; the index's state after, and what it logged. */
async function walked(store: IndexStore, folderSettings: (uri: string) => Promise<typeof DEFAULT_SETTINGS>) {
  const logs: string[] = [];
  const indexer = new Indexer({ store, folderSettings, openFacts: () => Promise.resolve(undefined), changed: () => undefined, warn: () => undefined, log: (m) => logs.push(m) });
  try {
    await indexer.setFolders([a.uri, b.uri]);
    return { built: indexer.built, gap: indexer.gap, unread: indexer.unread(), paths: [...store.all()].map((e) => e.path), logs };
  } finally {
    indexer.dispose();
  }
}

it("a folder whose settings were never read: walked by the defaults, with the gap `settings` (not dropped, not silently whole)", async () => {
  const state = await walked(new IndexStore(), (uri) => (uri === b.uri ? Promise.reject(new Error('no settings')) : Promise.resolve(DEFAULT_SETTINGS)));
  expect(state).toMatchObject({ built: true, gap: 'settings', unread: [] });
  expect(state.paths.sort()).toEqual([a.path('a.runpod.env'), b.path('b.runpod.env')].sort());
});

it('a fault inside the walk of a folder: the index is built, that folder said unread, the other\'s files kept', async () => {
  /** A store that fails when given b's file: the walk of b throws midway. */
  class FaultyStore extends IndexStore {
    override set(entry: IndexEntry) {
      if (entry.path === b.path('b.runpod.env')) throw new Error('disk fault');
      return super.set(entry);
    }
  }
  const state = await walked(new FaultyStore(), () => Promise.resolve(DEFAULT_SETTINGS));
  expect(state).toMatchObject({ built: true, gap: 'unreadable', unread: [b.root], paths: [a.path('a.runpod.env')] });
});

/** An indexer on `a` and `b` whose settings for `b` come from `settingsOfB` (asked at each walk of it). */
function indexerOn(store: IndexStore, settingsOfB: () => Promise<typeof DEFAULT_SETTINGS>, warnings: string[] = []): Indexer {
  return new Indexer({ store, folderSettings: (uri) => (uri === b.uri ? settingsOfB() : Promise.resolve(DEFAULT_SETTINGS)), openFacts: () => Promise.resolve(undefined), changed: () => undefined, warn: (m) => warnings.push(m), log: () => undefined });
}

it("a later walk of a folder that fails: the folder's files indexed before go too, so a rename that names it unread (left as it is) edits nothing in it", async () => {
  /** A store that fails, when told to, at the walk's look at b's file: the walk of b throws midway. */
  let fail = false;
  class FaultyStore extends IndexStore {
    override get(path: string) {
      if (fail && path === b.path('b.runpod.env')) throw new Error('disk fault');
      return super.get(path);
    }
  }
  const store = new FaultyStore();
  const indexer = indexerOn(store, () => Promise.resolve(DEFAULT_SETTINGS));
  try {
    await indexer.setFolders([a.uri, b.uri]);
    expect([...store.all()].map((e) => e.path).sort()).toEqual([a.path('a.runpod.env'), b.path('b.runpod.env')].sort());
    fail = true;
    await indexer.settingsChanged();
    expect({ gap: indexer.gap, unread: indexer.unread(), paths: [...store.all()].map((e) => e.path) }).toEqual({ gap: 'unreadable', unread: [b.root], paths: [a.path('a.runpod.env')] });
    // And the next good walk reads it again: the gap goes.
    fail = false;
    await indexer.settingsChanged();
    expect({ gap: indexer.gap, unread: indexer.unread() }).toEqual({ gap: undefined, unread: [] });
  } finally {
    indexer.dispose();
  }
});

it("a later walk whose settings request fails (the client reloading): asked once more, then the folder's last settings; its files stay", async () => {
  const store = new IndexStore();
  let failures = 0;
  const indexer = indexerOn(store, () => (failures-- > 0 ? Promise.reject(new Error('no settings')) : Promise.resolve(DEFAULT_SETTINGS)));
  const all = [a.path('a.runpod.env'), b.path('b.runpod.env')].sort();
  try {
    await indexer.setFolders([a.uri, b.uri]);
    expect([...store.all()].map((e) => e.path).sort()).toEqual(all);
    // Once: the second request answers.
    failures = 1;
    await indexer.settingsChanged();
    expect({ gap: indexer.gap, paths: [...store.all()].map((e) => e.path).sort() }).toEqual({ gap: undefined, paths: all });
    // Every time: walked by the settings it had, and the index says so (the gap `settings`).
    failures = Infinity;
    await indexer.settingsChanged();
    expect({ gap: indexer.gap, paths: [...store.all()].map((e) => e.path).sort() }).toEqual({ gap: 'settings', paths: all });
  } finally {
    indexer.dispose();
  }
});

it('settings kept for a folder: the gap `settings` until they are read again, warned once, not at each walk', async () => {
  const store = new IndexStore();
  const warnings: string[] = [];
  let failing = false;
  let asks = 0;
  const indexer = indexerOn(store, () => (asks++, failing ? Promise.reject(new Error('no settings')) : Promise.resolve(DEFAULT_SETTINGS)), warnings);
  try {
    await indexer.setFolders([a.uri, b.uri]);
    expect(indexer.gap).toBeUndefined();
    failing = true;
    await indexer.settingsChanged();
    expect(indexer.gap).toBe('settings');
    expect(warnings).toEqual([expect.stringContaining(`the settings (runpod.files, runpod.environments) of ${b.root} could not be read`)]);
    expect(warnings[0]).toContain(`${SETTINGS_GAP_REMEDY}.`);
    // Walks again (an event, a settings change still failing): each asks again, still the gap, no second warning.
    const before = asks;
    await indexer.rebuild();
    expect(asks).toBeGreaterThan(before);
    await indexer.settingsChanged();
    expect(indexer.gap).toBe('settings');
    expect(warnings).toHaveLength(1);
    // Read again: whole; failing once more later is news again.
    failing = false;
    await indexer.settingsChanged();
    expect(indexer.gap).toBeUndefined();
    failing = true;
    await indexer.settingsChanged();
    expect(indexer.gap).toBe('settings');
    expect(warnings).toHaveLength(2);
  } finally {
    indexer.dispose();
  }
});

it('settings kept for a folder: the next walk (an event, not a settings change) asks again, and its answer clears the gap', async () => {
  const store = new IndexStore();
  let failing = false;
  const indexer = indexerOn(store, () => (failing ? Promise.reject(new Error('no settings')) : Promise.resolve(DEFAULT_SETTINGS)));
  try {
    await indexer.setFolders([a.uri, b.uri]);
    failing = true;
    await indexer.settingsChanged();
    expect(indexer.gap).toBe('settings');
    failing = false;
    await indexer.rebuild();
    expect(indexer.gap).toBeUndefined();
  } finally {
    indexer.dispose();
  }
});

it('the warning for settings kept names the folder as a notice names a path and says no stack frames; the log has the detail', async () => {
  // A hostile folder name: a line break, a markdown link, and longer than a notice shows.
  const hostile = nodePath.join(b.root, `x\n[click](command:x) ${'d'.repeat(200)}`);
  fs.mkdirSync(hostile);
  const warnings: string[] = [];
  const logs: string[] = [];
  const indexer = new Indexer({
    store: new IndexStore(),
    folderSettings: () => Promise.reject(new Error('no settings')),
    openFacts: () => Promise.resolve(undefined),
    changed: () => undefined,
    warn: (m) => warnings.push(m),
    log: (m) => logs.push(m),
  });
  try {
    await indexer.setFolders([fileUri(hostile)]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(pathLabel(hostile));
    expect(warnings[0]).not.toContain('\n');
    expect(warnings[0]).not.toMatch(/\bat \S+ \(?\S+:\d+:\d+/);
    expect(logs.join('\n')).toMatch(/\n\s+at /);
  } finally {
    indexer.dispose();
    fs.rmSync(hostile, { recursive: true, force: true });
  }
});

it('a folder removed while its walk is under way, whose walk then fails: not said unread (it is no longer in the workspace)', async () => {
  let failB!: () => void;
  let asked!: () => void;
  const askedB = new Promise<void>((resolve) => (asked = resolve));
  const indexer = indexerOn(new IndexStore(), () => {
    asked();
    return new Promise((_, reject) => (failB = () => reject(new Error('no settings'))));
  });
  try {
    const first = indexer.setFolders([a.uri, b.uri]);
    await askedB;
    const second = indexer.setFolders([a.uri]);
    failB();
    await Promise.all([first, second]);
    expect({ gap: indexer.gap, unread: indexer.unread() }).toEqual({ gap: undefined, unread: [] });
  } finally {
    indexer.dispose();
  }
});

it("a settings change while the request's retry waits, then the retry fails: the next walk asks the client again, not the last settings kept", async () => {
  const store = new IndexStore();
  const answers: (() => Promise<typeof DEFAULT_SETTINGS>)[] = [];
  let asks = 0;
  const indexer = indexerOn(store, () => {
    asks++;
    return (answers.shift() ?? (() => Promise.resolve(DEFAULT_SETTINGS)))();
  });
  try {
    await indexer.setFolders([a.uri, b.uri]);
    let failRetry!: () => void;
    let retried!: () => void;
    const retrying = new Promise<void>((resolve) => (retried = resolve));
    answers.push(
      () => Promise.reject(new Error('no settings')),
      () => {
        retried();
        return new Promise((_, reject) => (failRetry = () => reject(new Error('no settings'))));
      },
    );
    const first = indexer.settingsChanged();
    await retrying;
    const second = indexer.settingsChanged();
    failRetry();
    await Promise.all([first, second]);
    // The setup's ask, the failed one, its retry, and the walk after the second change's.
    expect(asks).toBe(4);
  } finally {
    indexer.dispose();
  }
});
