import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_GLOBS } from '../../server/src/template/fileKinds';
import { CatalogSync } from '../../client/src/lsp/catalogSync';
import { buildDocumentSelector, selectorChanged } from '../../client/src/lsp/selector';
import { readSettings } from '../../client/src/config';
import type { EnvironmentDeclaration } from '../../server/src/template/environments';
import type { SecretsChangedParams } from '../../server/src/protocol';
import { SecretsStore } from '../../client/src/secrets/store';
import { AccessSwitch, FakeSecretsApi, MemoryPersistence, TestEmitter, secret, steppingClock } from './helpers';

describe('buildDocumentSelector', () => {
  const FOLDER = 'file:///home/u/deploy/app';
  const one = (files: readonly string[], environments: EnvironmentDeclaration[] = []) => buildDocumentSelector([{ folder: FOLDER, files, environments }]);

  it('covers runpod-env and dotenv (files and unsaved), the RunPod env file names and each runpod.files glob on disk', () => {
    expect(one(DEFAULT_FILE_GLOBS)).toEqual([
      { scheme: 'file', language: 'runpod-env' },
      { scheme: 'untitled', language: 'runpod-env' },
      { scheme: 'file', language: 'dotenv' },
      { scheme: 'untitled', language: 'dotenv' },
      { scheme: 'file', pattern: '**/*.runpod.env' },
      { scheme: 'file', pattern: '**/runpod.env' },
      { scheme: 'file', pattern: '**/.runpod/*.env' },
      { scheme: 'file', pattern: '**/*.runpod.json' },
      { scheme: 'file', pattern: '**/.runpod/hub.json' },
      { scheme: 'file', pattern: '**/.runpod/tests.json' },
      { scheme: 'file', pattern: '**/runpod.toml' },
    ]);
  });
  it('reads a relative runpod.files glob as anywhere below each workspace folder, as the server does', () => {
    // VS Code matches a string pattern against the absolute path: `deploy/*.pod.json` alone matches
    // nothing, and `**/deploy/*.pod.json` every JSON file at the top of a folder at /home/u/deploy.
    expect(one(['deploy/*.pod.json', '/abs/x.json', '**/*.pod.json']).slice(7)).toEqual([
      { scheme: 'file', pattern: '/abs/x.json' },
      { scheme: 'file', pattern: '**/*.pod.json' },
      { scheme: 'file', pattern: { baseUri: FOLDER, pattern: '**/deploy/*.pod.json' } },
    ]);
    // A window with no folder has nothing to be relative to: the whole path, as the server matches a loose file.
    expect(buildDocumentSelector([{ files: ['deploy/*.pod.json'], environments: [] }]).slice(7)).toEqual([{ scheme: 'file', pattern: '**/deploy/*.pod.json' }]);
  });
  it('leaves out the globs the server refuses as too costly to match (VS Code matches the selector with its own backtracking matcher)', () => {
    expect(one(['**/*a*a*a*a*a*a*a*a*a*b', `${'a/'.repeat(300)}*.json`, 'ok/*.json']).slice(7)).toEqual([{ scheme: 'file', pattern: { baseUri: FOLDER, pattern: '**/ok/*.json' } }]);
    expect(one([], [{ name: 'prod', files: ['**/*a*a*a*a*a*a*a*a*a*b'] }])).toHaveLength(7);
  });
  it('hands the server the files runpod.environments declares, whatever their names, relative to their workspace folder', () => {
    // A string pattern is matched against the whole path: `**/deploy/**` would take every file of a
    // workspace inside a folder named `deploy`; the protocol's relative pattern keeps it to the folder.
    const environments = [
      { name: 'prod', files: ['deploy/**', 'a/*.json'] },
      { name: 'dev', files: ['envs/dev.vars'] },
    ];
    // `a/*.json` is in runpod.files and declared: one relative pattern.
    expect(one(['a/*.json'], environments).slice(7)).toEqual([
      { scheme: 'file', pattern: { baseUri: FOLDER, pattern: '**/a/*.json' } },
      { scheme: 'file', pattern: { baseUri: FOLDER, pattern: '**/deploy/**' } },
      { scheme: 'file', pattern: { baseUri: FOLDER, pattern: '**/envs/dev.vars' } },
    ]);
  });
  it('takes each workspace folder\'s own settings (they are resource-scoped); a window with no folder has no declared files', () => {
    const other = 'file:///home/u/other';
    const selector = buildDocumentSelector([
      { folder: FOLDER, files: DEFAULT_FILE_GLOBS, environments: [] },
      { folder: other, files: ['**/*.pod.json'], environments: [{ name: 'prod', files: ['deploy/*.txt'] }] },
    ]);
    expect(selector.slice(11)).toEqual([
      { scheme: 'file', pattern: '**/*.pod.json' },
      { scheme: 'file', pattern: { baseUri: other, pattern: '**/deploy/*.txt' } },
    ]);
    expect(buildDocumentSelector([{ files: [], environments: [{ name: 'prod', files: ['deploy/*.txt'] }] }])).toHaveLength(7);
  });
  it('a folder opened at .runpod itself gets the globs that name the folder also without its name (VS Code matches the path below the folder; the server matches it as .runpod/<path>)', () => {
    const runpod = 'file:///home/u/my-hub/.runpod';
    expect(buildDocumentSelector([{ folder: runpod, files: ['.runpod/*.json'], environments: [{ name: 'prod', files: ['.runpod/prod.vars'] }] }]).slice(7)).toEqual([
      { scheme: 'file', pattern: { baseUri: runpod, pattern: '**/.runpod/*.json' } },
      { scheme: 'file', pattern: { baseUri: runpod, pattern: '**/.runpod/prod.vars' } },
      { scheme: 'file', pattern: { baseUri: runpod, pattern: '*.json' } },
      { scheme: 'file', pattern: { baseUri: runpod, pattern: 'prod.vars' } },
    ]);
  });
  it('drops duplicate and blank globs; an empty list keeps the languages and the env file names', () => {
    expect(one(['a/*.json', 'a/*.json', ' '])).toHaveLength(8);
    expect(one([])).toHaveLength(7);
  });
});

describe('selectorChanged: when a settings edit restarts the language server', () => {
  const selectorOf = (environments: unknown, files: unknown = undefined) => {
    const settings = readSettings({ get: <T>(key: string) => ({ environments, files })[key as 'files'] as T, inspect: () => undefined });
    return buildDocumentSelector([{ folder: 'file:///ws', files: settings.files, environments: settings.environments }]);
  };
  const started = selectorOf({ prod: { files: ['deploy/*.txt'], account: 'team' } });

  it('not for an edit the selector does not show (an environment\'s account): a restart re-indexes the workspace', () => {
    expect(selectorChanged(started, selectorOf({ prod: { files: ['deploy/*.txt'], account: 'personal' } }))).toBe(false);
    expect(selectorChanged(started, selectorOf({ prod: { files: ['deploy/*.txt'] } }))).toBe(false);
  });
  it('for a declared glob or a runpod.files glob added, changed or removed', () => {
    expect(selectorChanged(started, selectorOf({ prod: { files: ['deploy/*.env'], account: 'team' } }))).toBe(true);
    expect(selectorChanged(started, selectorOf({}))).toBe(true);
    expect(selectorChanged(started, selectorOf({ prod: { files: ['deploy/*.txt'], account: 'team' } }, ['**/*.pod.json']))).toBe(true);
  });
  it('not before the client has started (it reads the selector when it starts)', () => {
    expect(selectorChanged(undefined, started)).toBe(false);
  });
});

describe('CatalogSync with the store', () => {
  it('sends the catalog once per real change, not on every loading step, and again after a reset', async () => {
    const api = new FakeSecretsApi([secret('hf-token')]);
    const store = new SecretsStore({
      emitter: new TestEmitter(),
      getAccess: new AccessSwitch(api).get,
      persistence: new MemoryPersistence(),
      now: steppingClock(),
    });
    const sent: SecretsChangedParams[] = [];
    const sync = new CatalogSync(() => store.toCatalog(), (p) => sent.push(p));
    store.onDidChange(() => sync.push());

    sync.reset(store.toCatalog()); // what initializationOptions carried
    await store.refresh(); // loading (unknown, unchanged) then fresh
    expect(sent.map((p) => p.state)).toEqual(['fresh']);
    expect(sent[0]!.secrets.map((s) => s.name)).toEqual(['hf-token']);

    await store.refresh(); // same list, new fetchedAt: the server learns the new time
    expect(sent).toHaveLength(2);

    await store.create({ name: 'db_pw', value: 'some-long-value' });
    expect(sent.at(-1)!.secrets.map((s) => s.name)).toEqual(['db_pw', 'hf-token']);

    const count = sent.length;
    expect(sync.push()).toBe(false);
    sync.reset(); // restarted server with unknown initial state
    expect(sync.push()).toBe(true);
    expect(sent).toHaveLength(count + 1);
  });
});
