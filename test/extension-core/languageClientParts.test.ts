import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_GLOBS } from '../../server/src/template/fileKinds';
import { CatalogSync } from '../../client/src/lsp/catalogSync';
import { buildDocumentSelector } from '../../client/src/lsp/selector';
import type { SecretsChangedParams } from '../../server/src/protocol';
import { SecretsStore } from '../../client/src/secrets/store';
import { AccessSwitch, FakeSecretsApi, MemoryPersistence, TestEmitter, secret, steppingClock } from './helpers';

describe('buildDocumentSelector', () => {
  it('covers runpod-env and dotenv (files and unsaved), the RunPod env file names and each runpod.files glob on disk', () => {
    expect(buildDocumentSelector(DEFAULT_FILE_GLOBS)).toEqual([
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
  it('reads a relative glob as anywhere in the workspace, as the server does', () => {
    // VS Code matches a string pattern against the absolute path: `deploy/*.pod.json` alone matches nothing.
    expect(buildDocumentSelector(['deploy/*.pod.json', '/abs/x.json']).slice(7)).toEqual([
      { scheme: 'file', pattern: '**/deploy/*.pod.json' },
      { scheme: 'file', pattern: '/abs/x.json' },
    ]);
  });
  it('leaves out the globs the server refuses as too costly to match (VS Code matches the selector with its own backtracking matcher)', () => {
    expect(buildDocumentSelector(['**/*a*a*a*a*a*a*a*a*a*b', `${'a/'.repeat(300)}*.json`, 'ok/*.json']).slice(7)).toEqual([{ scheme: 'file', pattern: '**/ok/*.json' }]);
  });
  it('hands the server the files runpod.environments declares, whatever their names (it serves them), by the same glob rules', () => {
    const environments = [
      { name: 'prod', files: ['deploy/*.txt', 'a/*.json'] },
      { name: 'dev', files: ['envs/dev.vars'] },
    ];
    expect(buildDocumentSelector(['a/*.json'], environments).slice(7)).toEqual([
      { scheme: 'file', pattern: '**/a/*.json' },
      { scheme: 'file', pattern: '**/deploy/*.txt' },
      { scheme: 'file', pattern: '**/envs/dev.vars' },
    ]);
  });
  it('drops duplicate and blank globs; an empty list keeps the languages and the env file names', () => {
    expect(buildDocumentSelector(['a/*.json', 'a/*.json', ' '])).toHaveLength(8);
    expect(buildDocumentSelector([])).toHaveLength(7);
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
