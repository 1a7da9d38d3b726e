/**
 * A client that does not advance a document's version on every change (LSP says it must; a buggy
 * or hand-written client sends the same number again, or a lower one). The text the server holds
 * follows every change, so its answers must too: the diagnostics after such a change are those of
 * a fresh open of the same text, never those of the text before it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidChangeTextDocumentNotification, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FRESH, uri } from './fixtures';
import { LspClient, ensureServerBuilt } from './lspClient';

const DOCUMENTS: [string, string, string][] = [
  ['runpod-env', 'a.runpod.env', 'A={{ RUNPOD_SECRET_nope }}\nB=1\n'],
  ['dotenv', '.env', 'A={{ RUNPOD_SECRET_nope }}\nB=1\n'],
  ['json', 'a.runpod.json', '{"env":{"A":"{{ RUNPOD_SECRET_nope }}"}}'],
  ['toml', 'runpod.toml', '[project.env_vars]\nA = "{{ RUNPOD_SECRET_nope }}"\n'],
];

const shown = (items: readonly Diagnostic[]): unknown[] => items.map((d) => [d.code, d.range, d.message]);

describe('changes that repeat or lower the version', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
  });
  afterAll(() => client.stop());

  it.each(DOCUMENTS)('%s: the diagnostics follow the text, not the version number', async (languageId, name, text) => {
    const u = uri(name);
    await client.open(u, languageId, text);
    expect((await client.diagnostics(u)).map((d) => d.code)).toContain('unknown-secret');
    const mirror = TextDocument.create(u, languageId, 1, text);
    const at = text.indexOf('nope');
    // The same version again, then a lower one, then the same again: each edit changes what is wrong.
    for (const [version, start, end, inserted] of [
      [1, at, at + 4, 'hf-token'],
      [0, at, at, 'x'],
      [0, at, at + 1, ''],
    ] as const) {
      const range = { start: mirror.positionAt(start), end: mirror.positionAt(end) };
      TextDocument.update(mirror, [{ range, text: inserted }], version);
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: u, version }, contentChanges: [{ range, text: inserted }] });
      const got = await client.diagnostics(u);
      const fresh = uri(name);
      await client.open(fresh, languageId, mirror.getText());
      const want = await client.diagnostics(fresh);
      await client.close(fresh);
      expect(shown(got), JSON.stringify(mirror.getText())).toEqual(shown(want));
    }
    // Sanity: the last text names a listed secret, so agreement above means the change was seen.
    expect((await client.diagnostics(u)).map((d) => d.code)).not.toContain('unknown-secret');
    await client.close(u);
  });
});
