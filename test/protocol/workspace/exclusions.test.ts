/**
 * What the index does not read, and the bounds it keeps (ARCHITECTURE.md habit 14): node_modules
 * and .git, folders a .gitignore ignores (a git-ignored file in a walked folder stays: `.env` is
 * ignored precisely because it holds the references), symbolic links (out of the folder or not),
 * FIFOs, a file past the 16 MiB analysis limit (read up to it, and said so), and more files than
 * the index holds (said once, and the index reports itself incomplete).
 */
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceFullDocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { RunpodDiagnosticData } from '../../../server/src/lsp/diagnostics';
import { MAX_INDEXED_FILES } from '../../../server/src/index/indexer';
import { ANALYSIS_LIMIT } from '../../../server/src/template/analyze';
import { FRESH } from '../fixtures';
import { LspClient } from '../lspClient';
import { eventually, INDEX_CAPABILITIES, startOn, TempWorkspace, usages } from './helpers';

const REF = 'X={{ RUNPOD_SECRET_here }}\n';

describe('what the index skips', () => {
  let ws: TempWorkspace;
  let outside: TempWorkspace;
  let client: LspClient;
  beforeAll(async () => {
    outside = new TempWorkspace({ 'secret.runpod.env': 'X={{ RUNPOD_SECRET_outside }}\n', 'dir/y.runpod.env': 'Y={{ RUNPOD_SECRET_outside }}\n' });
    ws = new TempWorkspace({
      'kept.runpod.env': REF,
      'node_modules/pkg/x.runpod.env': REF,
      '.git/x.runpod.env': REF,
      '.gitignore': '# build output\nbuild/\n/out\n**/cache\n*.tmp/\nvendor/**\n!vendor/\n.env\nlogs\n!logs/keep\n',
      'build/x.runpod.env': REF,
      'out/x.runpod.env': REF,
      'sub/out/x.runpod.env': REF, // `/out` is anchored to the root: this one is walked
      'a/b/cache/x.runpod.env': REF,
      'scratch.tmp/x.runpod.env': REF,
      'vendor/lib/x.runpod.env': REF,
      'logs/x.runpod.env': REF,
      'nested/.gitignore': 'private\n',
      'nested/private/x.runpod.env': REF,
      'nested/public/x.runpod.env': REF,
      '.env': REF, // an ignored *file* in a walked folder stays
    });
    symlinkSync(outside.path('secret.runpod.env'), ws.path('leak.runpod.env'));
    symlinkSync(outside.path('dir'), ws.path('linked-dir'));
    symlinkSync(ws.path('kept.runpod.env'), ws.path('twin.runpod.env'));
    execFileSync('mkfifo', [ws.path('pipe.runpod.env')]);
    client = await startOn(ws, { initializationOptions: { secrets: FRESH } });
  });
  afterAll(async () => {
    await client.stop();
    ws.dispose();
    outside.dispose();
  });

  it('indexes the walked files once each, and nothing below node_modules, .git, ignored folders or links', async () => {
    const result = await usages(client, { names: ['here', 'outside'], withLocations: true });
    const files = result.usages['here']!.locations!.map((l) => decodeURIComponent(l.uri.slice(ws.uri.length + 1))).sort();
    expect(files).toEqual(['.env', 'kept.runpod.env', 'nested/public/x.runpod.env', 'sub/out/x.runpod.env'].sort());
    expect(result.usages['outside']).toBeUndefined();
    expect(result.complete).toBe(true);
  });

  it('a FIFO with a RunPod name neither hangs the index nor is read (the index above completed)', async () => {
    expect((await usages(client)).complete).toBe(true);
  });
});

describe('a file past the analysis limit', () => {
  it('is read up to the limit: references beyond it are not indexed, and its diagnostics say where checking stopped', async () => {
    const ws = new TempWorkspace({});
    const filler = 'PAD=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n';
    const head = 'FIRST={{ RUNPOD_SECRET_near }}\n';
    const body = filler.repeat(Math.ceil(ANALYSIS_LIMIT / filler.length) + 100);
    writeFileSync(ws.path('huge.runpod.env'), `${head}${body}LAST={{ RUNPOD_SECRET_far }}\n`);
    const client = await startOn(ws, { initializationOptions: { secrets: FRESH } });
    try {
      const result = await usages(client);
      expect(Object.keys(result.usages)).toEqual(['near']);
      const report = (await client.workspaceDiagnostics()).items as WorkspaceFullDocumentDiagnosticReport[];
      // The cut is the one file-too-large; the filler's duplicate keys get a too-many-problems note of their own.
      const items = report.flatMap((r) => r.items);
      const tooLarge = items.filter((d) => d.code === 'file-too-large');
      expect(tooLarge).toHaveLength(1);
      expect(tooLarge[0]!.data).toBeUndefined();
      expect(items.filter((d) => d.code === 'too-many-problems').map((d) => (d.data as RunpodDiagnosticData).notListed!.code)).toEqual(['duplicate-key']);
      // Just past the limit: "more than" it, never "holds 16 MiB ... at most 16 MiB".
      expect(tooLarge[0]!.message).toMatch(/this file holds (more than 16 MiB|16\.\d MiB) of text, and RunPod checks read at most 16 MiB of text/);
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});

describe('more files than the index holds', () => {
  it(`stops at ${MAX_INDEXED_FILES.toLocaleString('en-US')} files, says so once, and reports itself incomplete until a walk finds fewer`, async () => {
    const ws = new TempWorkspace({ 'one.txt': 'X={{ RUNPOD_SECRET_capped }}\n' });
    const cap = MAX_INDEXED_FILES;
    // Hard links to one file: 21,000 names in a quarter of a second, where writing as many files takes seconds.
    for (let d = 0; d * 1000 <= cap; d++) {
      mkdirSync(ws.path(`d${d}`));
      for (let f = 0; f < 1000; f++) linkSync(ws.path('one.txt'), ws.path(`d${d}/f${f}.runpod.env`));
    }
    const client = await LspClient.start({ capabilities: INDEX_CAPABILITIES, workspaceFolders: [ws.uri] });
    try {
      await eventually(async () => (await usages(client)).usages['capped']?.files === cap && client.usagesChanged > 0, 'the capped index', 60_000);
      const result = await usages(client);
      expect(result.complete).toBe(false);
      const said = client.messages.filter((m) => m.includes(`more than ${cap.toLocaleString('en-US')} RunPod files`));
      expect(said).toHaveLength(1);
      expect(client.logs.filter((m) => m.includes(`more than ${cap.toLocaleString('en-US')} RunPod files`))).toHaveLength(1);
      // The count logged after the walk is the true one: every file the index holds.
      await eventually(async () => client.logs.some((m) => /indexed [\d,]+ RunPod files/.test(m)), 'the walk done', 60_000);
      expect(client.logs.filter((m) => /indexed [\d,]+ RunPod files/.test(m))).toEqual([expect.stringContaining(`indexed ${cap.toLocaleString('en-US')} RunPod files`)]);
      // A rename of a secret used past the cap edits the files indexed and says the index stopped at its limit.
      const renamed = (await client.request('runpod/renameSecret', { from: 'capped', to: 'capped2' })) as { changes?: Record<string, unknown>; documentChanges?: unknown[]; incomplete?: unknown };
      expect(renamed.changes ? Object.keys(renamed.changes).length : renamed.documentChanges?.length).toBe(cap);
      expect(renamed.incomplete).toEqual({ index: 'limit' });
      // Two indexed folders removed, and a walk (a settings change) finds fewer files than the cap: the
      // files it read no room for before are read now, and the index is whole again.
      const located = (await usages(client, { names: ['capped'], withLocations: true })).usages['capped']!.locations!;
      const indexed = [...new Set(located.map((l) => /\/(d\d+)\//.exec(l.uri)![1]!))].slice(0, 2);
      for (const d of indexed) rmSync(ws.path(d), { recursive: true });
      await client.configurationChanged();
      await eventually(async () => (await usages(client)).usages['capped']?.files === cap - 1000, 'the walk after the deletions', 60_000);
      expect(await usages(client)).toMatchObject({ complete: true });
      expect(((await client.request('runpod/renameSecret', { from: 'capped', to: 'capped2' })) as { incomplete?: unknown }).incomplete).toBeUndefined();
      expect(said).toHaveLength(1);
    } finally {
      await client.stop();
      ws.dispose();
    }
  }, 120_000);
});
