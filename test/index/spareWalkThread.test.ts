/**
 * The walk thread started ahead of the first walk (server/src/index/walkThread.ts WalkerThread,
 * indexer.ts startWalkThread): the server starts it at `initialize` when the client names a
 * folder, so the first walk does not wait out a worker's start. The first walk takes it (no second
 * thread started), a later folder's first walk starts its own, a spare that died before its walk
 * leaves that walk to the server's thread as a failing thread does, and no folders start none.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Indexer } from '../../server/src/index/indexer';
import { WalkerThread } from '../../server/src/index/walkThread';
import { IndexStore } from '../../server/src/index/store';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { ensureServerBuilt, ROOT } from '../protocol/lspClient';
import { TempWorkspace } from '../protocol/workspace/helpers';

/** Every worker the server's code started, in order. */
const started = vi.hoisted(() => [] as Worker[]);

vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:worker_threads')>();
  class Counted extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      super(...args);
      started.push(this);
    }
  }
  return { ...real, Worker: Counted };
});

const WORKER = join(ROOT, 'dist', 'indexWalker.js');

function indexer(walkWorker: string | undefined): { indexer: Indexer; store: IndexStore; logs: string[] } {
  const store = new IndexStore();
  const logs: string[] = [];
  const indexer = new Indexer({
    store,
    folderSettings: () => Promise.resolve(DEFAULT_SETTINGS),
    openFacts: () => Promise.resolve(undefined),
    changed: () => undefined,
    warn: (m) => logs.push(m),
    log: (m) => logs.push(m),
    walkWorker,
  });
  return { indexer, store, logs };
}

/** Resolves when the worker has ended (events.once would reject on its 'error' first). */
const exited = (worker: Worker): Promise<unknown> => new Promise((resolve) => worker.on('exit', resolve));

/** The index as plain data, in index order. */
const contents = (store: IndexStore): unknown[] => [...store.all()].map((e) => ({ ...e, source: e.source.kind }));

describe('the spare walk thread', () => {
  let ws: TempWorkspace;
  let other: TempWorkspace;
  beforeAll(() => {
    ensureServerBuilt();
    ws = new TempWorkspace({ 'a.runpod.env': 'A={{ RUNPOD_SECRET_one }}\n', 'svc/runpod.toml': '[project.env_vars]\nT = "{{ RUNPOD_SECRET_two }}"\n' });
    other = new TempWorkspace({ 'b.runpod.env': 'B={{ RUNPOD_SECRET_three }}\n' });
  });
  afterAll(() => {
    ws.dispose();
    other.dispose();
  });
  beforeEach(() => void (started.length = 0));

  it('is started for the folders named at initialize and taken by their first walk', async () => {
    const here = indexer(undefined);
    await here.indexer.setFolders([ws.uri]);
    const { indexer: index, store, logs } = indexer(WORKER);
    index.startWalkThread([ws.uri]);
    expect(started).toHaveLength(1);
    await index.setFolders([ws.uri]);
    expect(started).toHaveLength(1);
    expect(contents(store)).toEqual(contents(here.store));
    expect(logs).toEqual([]);
    // A folder added later has its own first walk: a thread started for it, as before.
    await index.setFolders([ws.uri, other.uri]);
    expect(started).toHaveLength(2);
    expect(store.counts().get('three')?.files).toBe(1);
    index.dispose();
  });

  it('no folder on this file system starts none', async () => {
    const { indexer: index } = indexer(WORKER);
    index.startWalkThread([]);
    index.startWalkThread(['vscode-vfs://github/x/y']);
    expect(started).toHaveLength(0);
    index.dispose();
  });

  it('one the server started as it loaded is the spare, or ends when there is no folder to walk', async () => {
    const { indexer: index, store } = indexer(WORKER);
    index.startWalkThread([ws.uri], new WalkerThread(WORKER));
    await index.setFolders([ws.uri]);
    expect(started).toHaveLength(1);
    expect(store.counts().get('two')?.files).toBe(1);
    index.dispose();

    const none = indexer(WORKER);
    const early = new WalkerThread(WORKER);
    const ended = exited(early.worker);
    none.indexer.startWalkThread([], early);
    await ended;
    expect(started).toHaveLength(2);
    none.indexer.dispose();
  });

  for (const [how, script, message] of [
    ['fails', 'throw new Error("no walk today");\n', /walk thread failed \(no walk today\); walking in the server's thread/],
    ['exits', 'process.exit(0);\n', /walk thread failed \(the index's walk thread stopped \(exit code 0\)\); walking in the server's thread/],
  ] as const) {
    it(`one that ${how} before its walk leaves the walk to the server's thread, and the log says why`, async () => {
      const broken = join(ws.root, `${how}-worker.js`);
      writeFileSync(broken, script);
      try {
        const here = indexer(undefined);
        await here.indexer.setFolders([ws.uri]);
        const { indexer: index, store, logs } = indexer(broken);
        index.startWalkThread([ws.uri]);
        await exited(started[0]!);
        await index.setFolders([ws.uri]);
        expect(started).toHaveLength(1);
        expect(contents(store)).toEqual(contents(here.store));
        expect(index.complete).toBe(true);
        expect(logs).toEqual([expect.stringMatching(message)]);
        index.dispose();
      } finally {
        ws.remove(`${how}-worker.js`);
      }
    });
  }

  it('one no walk took ends once the walks end without it, and at dispose', async () => {
    const unused = indexer(WORKER);
    unused.indexer.startWalkThread([ws.uri]);
    const unusedEnded = exited(started[0]!);
    await unused.indexer.setFolders(['vscode-vfs://github/x/y']);
    await unusedEnded;

    const disposed = indexer(WORKER);
    disposed.indexer.startWalkThread([ws.uri]);
    const ended = exited(started[1]!);
    disposed.indexer.dispose();
    await ended;
  });
});
