/**
 * The first walk of a folder in a second thread (server/src/index/walkThread.ts, the bundle
 * dist/indexWalker.js): the index it builds is the one the server's own walk builds, file for
 * file (what is skipped included: node_modules, ignored folders, links, FIFOs), the folder's
 * `.gitignore` rules reach the server's thread for the file watcher's events, and a thread that
 * fails leaves the walk to the server's thread with a line in the log.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Indexer } from '../../server/src/index/indexer';
import { IndexStore } from '../../server/src/index/store';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { ensureServerBuilt, ROOT } from '../protocol/lspClient';
import { TempWorkspace } from '../protocol/workspace/helpers';

const WORKER = join(ROOT, 'dist', 'indexWalker.js');

async function index(ws: TempWorkspace, walkWorker: string | undefined, folders: readonly string[] = [ws.uri]): Promise<{ store: IndexStore; indexer: Indexer; logs: string[] }> {
  const store = new IndexStore();
  const logs: string[] = [];
  const settings = { ...DEFAULT_SETTINGS, environments: [{ name: 'prod', files: ['**/*.prod.runpod.env', 'deploy/*.txt'] }] };
  const indexer = new Indexer({
    store,
    folderSettings: () => Promise.resolve(settings),
    openFacts: () => Promise.resolve(undefined),
    changed: () => undefined,
    warn: (m) => logs.push(m),
    log: (m) => logs.push(m),
    walkWorker,
  });
  await indexer.setFolders(folders);
  return { store, indexer, logs };
}

/** The index as plain data, in index order. */
const contents = (store: IndexStore): unknown[] => [...store.all()].map((e) => ({ ...e, source: e.source.kind }));

describe('the walk thread', () => {
  let ws: TempWorkspace;
  let outside: string;
  beforeAll(() => {
    ensureServerBuilt();
    outside = mkdtempSync(join(tmpdir(), 'runpod-outside-'));
    writeFileSync(join(outside, 'secret.runpod.env'), 'X={{ RUNPOD_SECRET_outside }}\n');
    ws = new TempWorkspace({
      'a.runpod.env': 'A={{ RUNPOD_SECRET_one }}\nB=plain\n',
      'app.prod.runpod.env': 'A={{ RUNPOD_SECRET_two }}\n',
      'svc/runpod.toml': '[project.env_vars]\nT = "{{ RUNPOD_SECRET_three }}"\n',
      'svc/.runpod/hub.json': '{"config": {"env": [{"key": "H", "value": "{{ RUNPOD_SECRET_four }}"}]}}',
      'tpl/x.runpod.json': '{"env": {"J": "{{ RUNPOD_SECRET_five }}", /* jsonc */ "K": "v"}}',
      'deep/er/.env': 'D={{ RUNPOD_SECRET_six }}\n',
      'node_modules/p/x.runpod.env': 'N={{ RUNPOD_SECRET_no }}\n',
      '.gitignore': 'build/\n',
      'build/x.runpod.env': 'N={{ RUNPOD_SECRET_no }}\n',
      'nested/.gitignore': 'private\n',
      'nested/private/x.runpod.env': 'N={{ RUNPOD_SECRET_no }}\n',
      'nested/public/x.runpod.env': 'P={{ RUNPOD_SECRET_seven }}\n',
      'notes.txt': 'N={{ RUNPOD_SECRET_no }}\n',
      // Declared by an environment: a RunPod file whatever its name (the same name elsewhere is not).
      'deploy/prod-vars.txt': 'V={{ RUNPOD_SECRET_eight }}\n',
      'other/prod-vars.txt': 'N={{ RUNPOD_SECRET_no }}\n',
    });
    symlinkSync(join(outside, 'secret.runpod.env'), ws.path('leak.runpod.env'));
    // Declared, and a link out of the folder all the same: never read.
    symlinkSync(join(outside, 'secret.runpod.env'), ws.path('deploy/leak.txt'));
    execFileSync('mkfifo', [ws.path('pipe.runpod.env')]);
  });
  afterAll(() => {
    ws.dispose();
    rmSync(outside, { recursive: true, force: true });
  });

  it("builds the index the server's own walk builds, and nothing it skips", async () => {
    const here = await index(ws, undefined);
    const threaded = await index(ws, WORKER);
    expect(contents(threaded.store)).toEqual(contents(here.store));
    expect(new Set([...threaded.store.counts().keys()])).toEqual(new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight']));
    expect(threaded.indexer.complete).toBe(true);
    expect(threaded.logs).toEqual([]);
  });

  it("hands the folder's .gitignore rules over: a watched file in an ignored folder stays out", async () => {
    const { store, indexer } = await index(ws, WORKER);
    ws.write('build/new.runpod.env', 'N={{ RUNPOD_SECRET_no }}\n');
    ws.write('nested/private/new.runpod.env', 'N={{ RUNPOD_SECRET_no }}\n');
    ws.write('nested/public/new.runpod.env', 'N={{ RUNPOD_SECRET_yes }}\n');
    await indexer.watched(['build/new.runpod.env', 'nested/private/new.runpod.env', 'nested/public/new.runpod.env'].map((rel) => ({ uri: ws.uriOf(rel), type: 1 })));
    expect(store.counts().has('no')).toBe(false);
    expect(store.counts().get('yes')?.files).toBe(1);
    for (const rel of ['build/new.runpod.env', 'nested/private/new.runpod.env', 'nested/public/new.runpod.env']) ws.remove(rel);
  });

  it("a thread that fails leaves the walk to the server's thread, and the log says why", async () => {
    const broken = join(ws.root, 'broken-worker.js');
    writeFileSync(broken, 'throw new Error("no walk today");\n');
    const { store, indexer, logs } = await index(ws, broken);
    expect(contents(store)).toEqual(contents((await index(ws, undefined)).store));
    expect(indexer.complete).toBe(true);
    expect(logs).toEqual([expect.stringMatching(/walk thread failed \(no walk today\); walking in the server's thread/)]);
    rmSync(broken);
  });

  it("a nested workspace folder walked first leaves the outer folder's first walk to the thread all the same", async () => {
    // Each first walk that goes to the thread says so in the log when the thread fails: one line
    // per folder. The inner folder's entries lie below the outer folder, yet are not the outer's.
    const broken = join(ws.root, 'broken-worker.js');
    writeFileSync(broken, 'throw new Error("no walk today");\n');
    const { store, logs } = await index(ws, broken, [ws.uriOf('nested'), ws.uri]);
    expect(logs.filter((line) => /walk thread failed/.test(line))).toHaveLength(2);
    expect(store.counts().get('seven')?.files).toBe(1);
    rmSync(broken);
  });
});
