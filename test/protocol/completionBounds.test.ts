/**
 * Completion over the wire with a huge secret list: the answer stays small, says it is incomplete,
 * and the name being typed is in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionList } from 'vscode-languageserver/node';
import { LspClient, cursor, ensureServerBuilt } from './lspClient';

const secrets = Array.from({ length: 100_000 }, (_, i) => ({ name: `name-${i}`, description: `line one\n${'d'.repeat(65_000)}`.slice(0, i < 1000 ? 65_010 : 10) }));

describe('completion with 100,000 secrets, 1,000 of them with descriptions of the maximum length', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: { state: 'fresh', secrets } } });
  });
  afterAll(() => client.stop());

  it('answers a bounded, incomplete list that holds the name being typed', async () => {
    const uri = 'file:///bounds/a.runpod.env';
    const { text, offset } = cursor('A={{ RUNPOD_SECRET_name-4321|');
    const doc = await client.open(uri, 'runpod-env', text);
    const list = (await client.request('textDocument/completion', { textDocument: { uri }, position: doc.positionAt(offset) })) as CompletionList;
    expect(list.isIncomplete).toBe(true);
    expect(list.items.map((i) => i.label)).toContain('name-4321');
    expect(JSON.stringify(list).length).toBeLessThan(1_000_000);

    const empty = cursor('B={{ RUNPOD_SECRET_|');
    const other = await client.open('file:///bounds/b.runpod.env', 'runpod-env', empty.text);
    const all = (await client.request('textDocument/completion', { textDocument: { uri: 'file:///bounds/b.runpod.env' }, position: other.positionAt(empty.offset) })) as CompletionList;
    expect(all.isIncomplete).toBe(true);
    expect(JSON.stringify(all).length).toBeLessThan(1_000_000);
  });
});
