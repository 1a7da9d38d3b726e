/**
 * Completion at a plain value over the wire: the trigger kind the editor sends decides. Typing
 * `WORKERS=2` (a trigger character, then the editor asking again for an incomplete list) gets no
 * references, so Enter inserts a newline; Ctrl+Space (Invoked) or a request without context (an
 * editor's explicit omnifunc) gets them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionList } from 'vscode-languageserver/node';
import { LspClient, cursor, ensureServerBuilt } from './lspClient';

const secrets = Array.from({ length: 325 }, (_, i) => ({ name: `svc-${i}-token` })).concat([{ name: 'hf-token' }]);

describe('completion trigger kinds at a plain value (325 secrets)', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: { state: 'fresh', secrets } } });
  });
  afterAll(() => client.stop());

  async function complete(uri: string, src: string, context?: { triggerKind: number; triggerCharacter?: string }): Promise<CompletionList> {
    const { text, offset } = cursor(src);
    const doc = await client.open(uri, 'runpod-env', text);
    return (await client.request('textDocument/completion', { textDocument: { uri }, position: doc.positionAt(offset), ...(context ? { context } : {}) })) as CompletionList;
  }

  it('typing a plain value (a trigger character, or Invoked: VS Code quick-suggests as a word is typed) gets no references', async () => {
    expect((await complete('file:///trigger/a.runpod.env', 'WORKERS=2|', { triggerKind: 1 })).items).toEqual([]);
    expect((await complete('file:///trigger/b.env', 'MODE=tok|', { triggerKind: 1 })).items).toEqual([]);
    expect((await complete('file:///trigger/c.runpod.env', 'A = hf|', { triggerKind: 2, triggerCharacter: ' ' })).items).toEqual([]);
  });

  it('Ctrl+Space (Invoked) or a request without context at an empty value offers references, narrowed as the user types on', async () => {
    const invoked = await complete('file:///trigger/d.runpod.env', 'MODE=|', { triggerKind: 1 });
    expect(invoked.items.length).toBeGreaterThan(0);
    expect(invoked.isIncomplete).toBe(true); // 326 secrets: the editor asks again as the user types
    const plain = await complete('file:///trigger/e.runpod.env', 'MODE=|');
    expect(plain.items.length).toBeGreaterThan(0);
    // The editor asking again for that open list (TriggerForIncompleteCompletions) narrows it.
    const narrowed = await complete('file:///trigger/i.runpod.env', 'MODE=hf|', { triggerKind: 3 });
    expect(narrowed.items.map((i) => i.label)).toEqual(['hf-token']);
  });

  it('the `=` and space trigger characters at an empty value get no references (KEY= and Enter stays empty)', async () => {
    expect((await complete('file:///trigger/f.runpod.env', 'WORKERS=|', { triggerKind: 2, triggerCharacter: '=' })).items).toEqual([]);
    expect((await complete('file:///trigger/h.runpod.env', 'WORKERS = |', { triggerKind: 2, triggerCharacter: ' ' })).items).toEqual([]);
  });

  it('a reference being written still completes on a trigger character', async () => {
    const list = await complete('file:///trigger/g.runpod.env', 'A={{ RUNPOD_SECRET_hf|', { triggerKind: 3 });
    expect(list.items.map((i) => i.label)).toContain('hf-token');
  });
});
