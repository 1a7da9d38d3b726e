/**
 * `runpod/secretUsages` (the Secrets tree's "N files" and the where-used lists), `runpod/usagesChanged`
 * (sent, debounced, when counts may differ) and `workspace/symbol` (env keys and secret names across
 * the workspace).
 */
import { describe, expect, it } from 'vitest';
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver/node';
import { FRESH } from '../fixtures';
import { CREATED, usages, useIndexedWorkspace } from './helpers';

const FILES = {
  'a.runpod.env': 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nMIRROR=https://m/{{ RUNPOD_SECRET_hf-token }}\nDB={{RUNPOD_SECRET_db_password}}\n',
  'b.runpod.json': '{ "env": { "HUGGING_FACE_HUB_TOKEN": "{{ RUNPOD_SECRET_hf-token }}" } }\n',
  'c/.runpod/tests.json': '{ "config": { "env": [{ "key": "OPENAI_KEY", "value": "{{ RUNPOD_SECRET_openai" }] } }\n',
};

describe('runpod/secretUsages and workspace/symbol', () => {
  const session = useIndexedWorkspace(FILES, { initializationOptions: { secrets: FRESH } });

  it('counts files and references per secret, complete once the index is built', async () => {
    const { client } = session;
    expect(await usages(client)).toEqual({
      usages: { 'hf-token': { files: 2, references: 3 }, db_password: { files: 1, references: 1 }, openai: { files: 1, references: 1 } },
      complete: true,
    });
  });

  it('limits the answer to the names asked for, and gives locations with the variable and RunPod’s verdict when asked', async () => {
    const { ws, client } = session;
    const result = await usages(client, { names: ['db_password', 'openai', 'unused'], withLocations: true });
    expect(Object.keys(result.usages).sort()).toEqual(['db_password', 'openai']);
    expect(result.usages['db_password']!.locations).toEqual([
      { uri: ws.uriOf('a.runpod.env'), range: { start: { line: 2, character: 19 }, end: { line: 2, character: 30 } }, key: 'DB', substituted: 'no' },
    ]);
    // Unclosed: still names the secret (deleting it would leave the fix pointing at nothing), not substituted.
    expect(result.usages['openai']!.locations!.map((l) => [l.key, l.substituted])).toEqual([['OPENAI_KEY', 'no']]);
    const embedded = (await usages(client, { names: ['hf-token'], withLocations: true })).usages['hf-token']!.locations!;
    expect(embedded.map((l) => l.substituted).sort()).toEqual(['undocumented', 'yes', 'yes']);
  });

  it('takes only what fits the protocol from its params', async () => {
    const { client } = session;
    expect((await usages(client, { names: 'hf-token' })).usages['hf-token']).toBeDefined();
    expect((await usages(client, { names: [3, null, 'openai'] })).usages).toEqual({ openai: { files: 1, references: 1 } });
    expect((await usages(client, null)).complete).toBe(true);
  });

  it('tells the client when counts may have changed, and the counts follow', async () => {
    const { ws, client } = session;
    const before = client.usagesChanged;
    const uri = ws.write('d.runpod.env', 'X={{ RUNPOD_SECRET_db_password }}\n');
    await client.watchedFiles([{ uri, type: CREATED }]);
    await client.waitFor(() => client.usagesChanged > before, 'runpod/usagesChanged');
    expect((await usages(client, { names: ['db_password'] })).usages['db_password']).toEqual({ files: 2, references: 2 });
  });

  it('typing in an open document changes the counts (after a short pause) and says so', async () => {
    const { ws, client } = session;
    const uri = ws.uriOf('b.runpod.json');
    await client.open(uri, 'json', FILES['b.runpod.json']);
    const before = client.usagesChanged;
    const at = FILES['b.runpod.json'].indexOf('hf-token');
    await client.change(uri, at, at + 'hf-token'.length, 'db_password');
    await client.waitFor(() => client.usagesChanged > before, 'runpod/usagesChanged after typing');
    expect((await usages(client, { names: ['hf-token'] })).usages['hf-token']).toEqual({ files: 1, references: 2 });
    await client.close(uri);
  });

  it('workspace/symbol finds env keys and secret names in every file, by a subsequence of the name', async () => {
    const { ws, client } = session;
    const symbols = (await client.workspaceSymbols('hftok')) as SymbolInformation[];
    const found = symbols.map((s) => `${s.kind === SymbolKind.Key ? 'secret' : 'key'} ${s.name} ${s.containerName}`).sort();
    // The container name does not repeat the file: VS Code's Ctrl+T shows each symbol's path beside it
    // ("hf-token secret · .runpod/hub.json • app • .runpod/hub.json" said it twice).
    expect(found).toEqual(['key HF_TOKEN undefined', 'key HUGGING_FACE_HUB_TOKEN undefined', 'secret hf-token secret', 'secret hf-token secret']);
    expect(symbols.filter((s) => s.name === 'hf-token').map((s) => s.location.uri).sort()).toEqual([ws.uriOf('a.runpod.env'), ws.uriOf('b.runpod.json')]);
    const key = symbols.find((s) => s.name === 'HF_TOKEN')!;
    expect(key.location).toEqual({ uri: ws.uriOf('a.runpod.env'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } } });
    const nested = (await client.workspaceSymbols('OPENAI')) as SymbolInformation[];
    expect(nested.map((s) => [s.name, s.containerName, s.location.uri])).toEqual([
      ['OPENAI_KEY', undefined, ws.uriOf('c/.runpod/tests.json')],
      ['openai', 'secret', ws.uriOf('c/.runpod/tests.json')],
    ]);
  });
});

describe('runpod/secretUsages with a file of more uses than the index keeps', () => {
  const other = Array.from({ length: 10_001 }, (_, i) => `K${i}={{ RUNPOD_SECRET_other }}`).join('\n');
  const session = useIndexedWorkspace({ 'a.runpod.env': 'A={{ RUNPOD_SECRET_hf }}\n', 'many.runpod.env': `${other}\nHF={{ RUNPOD_SECRET_hf }}\n` }, { initializationOptions: { secrets: FRESH } });

  it('says the counts are not complete, because a file was read in part', async () => {
    const answer = await usages(session.client, { names: ['hf'] });
    // The use past the cap is not counted: the count says it may be more.
    expect(answer).toEqual({ usages: { hf: { files: 1, references: 1 } }, complete: false, readInPart: true });
  });
});

describe('runpod/secretUsages for secrets named as Object.prototype members', () => {
  // `__proto__` is a valid secret name: counted into a plain object, it set the answer's prototype
  // instead of a member, so the Secrets tree showed it unused and Delete Secret's check passed.
  const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
  const session = useIndexedWorkspace(
    { 'p.runpod.env': NAMES.map((n, i) => `K${i}={{ RUNPOD_SECRET_${n} }}\n`).join('') },
    { initializationOptions: { secrets: FRESH } },
  );

  it('counts each one, with its locations, as any other name', async () => {
    const { client } = session;
    const counted = { files: 1, references: 1 };
    const all = await usages(client);
    expect(Object.keys(all.usages).sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) expect(all.usages[name]).toEqual(counted);
    const located = await usages(client, { names: NAMES, withLocations: true });
    expect(NAMES.map((n) => located.usages[n]?.locations?.map((l) => l.key))).toEqual([['K0'], ['K1'], ['K2'], ['K3']]);
  });
});
