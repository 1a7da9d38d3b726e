/**
 * In JSON files VS Code's own JSON language offers values too (a value copied from a sibling env
 * entry, such as a reference to a secret that does not exist), and its items sort before ours by
 * label. Our item that sorts first is preselected there, so Enter takes a secret the account has.
 * In the files only we complete (env, TOML) nothing is preselected: the editor's own selection
 * (recently used) stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionList } from 'vscode-languageserver/node';
import { LspClient, cursor, ensureServerBuilt } from './lspClient';

// Not in name order: the preselected item is the one the editor shows first (by sortText), not the first sent.
const secrets = [{ name: 'zeta-key' }, { name: 'Hf-read-token' }, { name: 'db_password' }];

describe('completion: our first item is preselected in JSON files', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: { state: 'fresh', secrets } } });
  });
  afterAll(() => client.stop());

  async function complete(uri: string, language: string, src: string): Promise<CompletionList> {
    const { text, offset } = cursor(src);
    const doc = await client.open(uri, language, text);
    return (await client.request('textDocument/completion', { textDocument: { uri }, position: doc.positionAt(offset), context: { triggerKind: 1 } })) as CompletionList;
  }
  const preselected = (list: CompletionList) => list.items.filter((i) => i.preselect).map((i) => i.label);

  it.each([
    ['.runpod/hub.json', '{ "config": { "env": [ { "key": "A", "value": "{{ RUNPOD_SECRET_hf-rt2 }}" }, { "key": "HF_TOKEN", "value": "|" } ] } }'],
    ['.runpod/tests.json', '{ "config": { "env": [ { "key": "HF_TOKEN", "value": "|" } ] } }'],
    ['train.runpod.json', '{ "name": "t", "env": { "HF_TOKEN": "|" } }'],
    ['train.runpod.json', '{ "name": "t", "env": { "HF_TOKEN": "{{ RUNPOD_SECRET_|" } }'],
  ])('%s %s: exactly one item preselected, the one that sorts first', async (path, src) => {
    const list = await complete(`file:///preselect/${path}`, 'json', src);
    expect(list.items).toHaveLength(3);
    expect(preselected(list)).toEqual(['db_password']);
  });

  it.each([
    ['a.runpod.env', 'runpod-env', 'HF_TOKEN=|'],
    ['b.env', 'dotenv', 'HF_TOKEN={{ RUNPOD_SECRET_|'],
    ['runpod.toml', 'toml', '[project.env_vars]\nHF_TOKEN = "|"'],
  ])('%s: nothing preselected (no other provider competes)', async (path, language, src) => {
    const list = await complete(`file:///preselect/${path}`, language, src);
    expect(list.items).toHaveLength(3);
    expect(preselected(list)).toEqual([]);
  });
});
