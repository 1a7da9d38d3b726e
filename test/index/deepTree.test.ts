/**
 * The walk lists folders at most MAX_WALKED_DEPTH below the workspace folder: a chain of folders
 * each with its own `.gitignore` costs its depth squared, so a generated tree deeper than that is
 * not walked. What is left out is said (once, as the file cap is) and the index calls itself
 * incomplete (`limit`), in the server's thread and in the walk thread alike; a file event from
 * below the bound is not read either, so the walk and the events agree on what the index holds.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileChangeType } from 'vscode-languageserver';
import { Indexer } from '../../server/src/index/indexer';
import { INDEX_LIMIT_REMEDY } from '../../server/src/index/limits';
import { IndexStore } from '../../server/src/index/store';
import { fileUri } from '../../server/src/index/uris';
import { FolderRules, MAX_WALKED_DEPTH, tooDeepNotice, tooDeepText, walkFolder } from '../../server/src/index/walk';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { pathLabel } from '../../server/src/template/displayText';
import { ensureServerBuilt } from '../protocol/lspClient';
import { TempWorkspace } from '../protocol/workspace/helpers';
import { threadWalked } from './threadWalked';

const FILE = 'A={{ RUNPOD_SECRET_hf }}\n';
let ws: TempWorkspace;
/** The deepest folder listed (MAX_WALKED_DEPTH below the root), and one more below it. */
let deepest: string;
let below: string;
beforeAll(() => {
  ensureServerBuilt();
  ws = new TempWorkspace({ 'top.runpod.env': FILE });
  deepest = ws.path(Array.from({ length: MAX_WALKED_DEPTH }, () => 'd').join('/'));
  below = join(deepest, 'd');
  mkdirSync(below, { recursive: true });
  writeFileSync(join(deepest, 'last.runpod.env'), FILE);
  writeFileSync(join(below, 'lost.runpod.env'), FILE);
});
afterAll(() => ws.dispose());

const kindOf = (path: string): true | undefined => (path.endsWith('.runpod.env') ? true : undefined);

describe(`folders more than ${MAX_WALKED_DEPTH} below the workspace folder`, () => {
  it('the walk lists the deepest allowed folder, not the one below it, and says it left some out', async () => {
    const walked = await walkFolder(new FolderRules(ws.root), kindOf, 100_000, async () => undefined);
    expect(walked.files.sort()).toEqual([join(deepest, 'last.runpod.env'), ws.path('top.runpod.env')].sort());
    expect(walked.deep).toBe(join(deepest, 'd'));
    expect(walked.truncated).toBe(false);
  });

  it('every walk\'s notice of the bound says the depth, the folder, that nothing below is read, and the index\'s remedy', () => {
    const notice = tooDeepNotice('gen/a');
    expect(notice.startsWith(`${tooDeepText('gen/a')}: no file below that depth is read`)).toBe(true);
    expect(tooDeepText('gen/a')).toBe(`folders more than ${MAX_WALKED_DEPTH} levels deep (gen/a is one)`);
    expect(notice.endsWith(`${INDEX_LIMIT_REMEDY}.`)).toBe(true);
  });

  it('a shallow tree: nothing left out', async () => {
    const shallow = new TempWorkspace({ 'a/b/c.runpod.env': FILE });
    try {
      expect((await walkFolder(new FolderRules(shallow.root), kindOf, 100_000, async () => undefined)).deep).toBeUndefined();
    } finally {
      shallow.dispose();
    }
  });

  it('the walk thread says the same', async () => {
    const { files, end } = await threadWalked(ws);
    expect(files.map((f) => f.path).sort()).toEqual([join(deepest, 'last.runpod.env'), ws.path('top.runpod.env')].sort());
    expect(end?.deep).toBe(join(deepest, 'd'));
  });

  it('the index: incomplete (limit), said once, and a file event from below the bound is not read', async () => {
    const store = new IndexStore();
    const warnings: string[] = [];
    const indexer = new Indexer({
      store,
      folderSettings: () => Promise.resolve(DEFAULT_SETTINGS),
      openFacts: () => Promise.resolve(undefined),
      changed: () => undefined,
      warn: (m) => warnings.push(m),
    });
    try {
      await indexer.setFolders([ws.uri]);
      expect(indexer.gap).toBe('limit');
      expect(store.get(join(deepest, 'last.runpod.env'))).toBeDefined();
      await indexer.rebuild();
      // What the user misses here comes before the long remedy (walk.ts tooDeepNotice's consequence).
      expect(warnings).toEqual([`RunPod: the workspace has ${tooDeepNotice(join(deepest, 'd'), 'Where-used counts, references and rename may miss files there')}`]);
      expect(warnings[0]!.indexOf('may miss files there')).toBeLessThan(warnings[0]!.indexOf(INDEX_LIMIT_REMEDY));
      // The editor's words: its files are chosen by the runpod.files setting, not by the command line's --files.
      expect(warnings[0]).toContain('the index walks every folder .gitignore does not skip, whatever runpod.files says');
      expect(warnings[0]).not.toContain('--files');
      await indexer.watched([{ uri: fileUri(join(below, 'lost.runpod.env')), type: FileChangeType.Changed }]);
      expect(store.get(join(below, 'lost.runpod.env'))).toBeUndefined();
    } finally {
      indexer.dispose();
    }
  });

  it('a long deep path is named cut as the extension cuts a path in a notice (pathLabel), not whole', async () => {
    const long = new TempWorkspace({});
    const name = 'n'.repeat(20);
    const deep = long.path(Array.from({ length: MAX_WALKED_DEPTH + 1 }, () => name).join('/'));
    mkdirSync(deep, { recursive: true });
    const warnings: string[] = [];
    const indexer = new Indexer({ store: new IndexStore(), folderSettings: () => Promise.resolve(DEFAULT_SETTINGS), openFacts: () => Promise.resolve(undefined), changed: () => undefined, warn: (m) => warnings.push(m) });
    try {
      await indexer.setFolders([long.uri]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`(${pathLabel(deep)} is one)`);
      expect(pathLabel(deep).length).toBeLessThan(deep.length);
    } finally {
      indexer.dispose();
      long.dispose();
    }
  });
});
