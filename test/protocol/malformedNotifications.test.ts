/**
 * Notifications and request fields a careless client gets wrong, one field at a time. What is
 * malformed is left out; what is well formed around it is served as usual, for the rest of the
 * session, and no handler fails over it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRESH, uri } from './fixtures';
import { LspClient, cursor, ensureServerBuilt } from './lspClient';

/** Log lines saying a handler failed (a TypeError over a malformed field, the library's own report of a throw). */
const failures = (client: LspClient): string[] => client.logs.filter((l) => /failed/.test(l));

describe('a didOpen whose URI is not a string', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
  });
  afterAll(() => client.stop());

  it.each([5, null, { path: '/x.runpod.env' }, ['file:///x.runpod.env']])('(%j) is not opened, and the workspace diagnostics of the other documents still come', async (bad) => {
    const u = uri('a.runpod.env');
    await client.open(u, 'runpod-env', 'A={{ RUNPOD_SECRET_nope }}\n');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: bad, languageId: 'runpod-env', version: 1, text: 'B={{ RUNPOD_SECRET_nope }}\n' } });
    const report = await client.workspaceDiagnostics();
    const mine = report.items.find((item) => item.uri === u);
    expect(mine && mine.kind === 'full' ? mine.items.map((d) => d.code) : mine).toEqual(['unknown-secret']);
    expect(report.items.every((item) => typeof item.uri === 'string')).toBe(true);
    expect(client.logs.filter((l) => /workspace\/diagnostic failed/.test(l))).toEqual([]);
    await client.close(u);
  });
});

describe('a completion request whose context is null', () => {
  it('completes as one without a context', async () => {
    ensureServerBuilt();
    const client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
    try {
      const { text, offset } = cursor('A={{ RUNPOD_SECRET_|');
      const u = uri('complete.runpod.env');
      await client.open(u, 'runpod-env', text);
      const position = client.doc(u).positionAt(offset);
      const labels = async (context: unknown): Promise<string[]> => {
        const result = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: u }, position, context })) as { items: { label: string }[] };
        return result.items.map((i) => i.label);
      };
      const without = await labels(undefined);
      expect(without).toContain('hf-token');
      expect(await labels(null)).toEqual(without);
      expect(failures(client)).toEqual([]);
    } finally {
      await client.stop();
    }
  });
});

describe('a didChange holding a malformed change among good ones', () => {
  it('is not applied in part: the text, its diagnostics and the index stay as they were, together', async () => {
    ensureServerBuilt();
    const client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
    try {
      const text = 'A={{ RUNPOD_SECRET_one }}\n';
      const u = uri('partial.runpod.env');
      const doc = await client.open(u, 'runpod-env', text);
      const before = await client.diagnostics(u);
      const at = text.indexOf('one');
      const good = { range: { start: doc.positionAt(at), end: doc.positionAt(at + 3) }, text: 'two' };
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [good, null] });
      // Had the good change alone been applied, the editor's diagnostics would name `two` while the index (never told) still held `one`.
      expect(await client.diagnostics(u)).toEqual(before);
      const named = (await client.request('runpod/secretUsages', {})) as { usages: Record<string, unknown> };
      expect(Object.keys(named.usages)).toEqual(['one']);
      // A well-formed change after it is applied as usual.
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 3 }, contentChanges: [good] });
      expect((await client.diagnostics(u))[0]?.message).toContain('two');
    } finally {
      await client.stop();
    }
  });
});

