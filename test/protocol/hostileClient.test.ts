/**
 * The language server as any editor runs it (`dist/server.js --stdio`), driven by a buggy or
 * hostile client, or fed by a hostile API server through the extension: what it is sent must never
 * reach a file the user edits, and the server keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TextEdit } from 'vscode-languageserver/node';
import { cursor, LspClient, ensureServerBuilt } from './lspClient';
import { uri } from './fixtures';

/** Every character a RunPod secret name may hold (names.ts isSecretNameChar). */
const NAME_CHARS = /^[A-Za-z0-9_.\-/]*$/;

describe('a secret list naming secrets no RunPod secret can be', () => {
  let client: LspClient;
  // A broken or hostile API server lists these; the extension passes its list on as it got it.
  const HOSTILE = ['hf-tok\n', 'x }}\nLD_PRELOAD=/tmp/evil.so\n#', 'db[x](command:runpod.secrets.delete)', 'a\u001b]52;c;SGk=\u0007'];
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({
      initializationOptions: { secrets: { state: 'fresh', secrets: [...HOSTILE.map((name) => ({ name })), { name: 'hf-token' }] } },
    });
  });
  afterAll(() => client.stop());

  it('offers no completion that would write one into the file', async () => {
    const { text, offset } = cursor('A={{ RUNPOD_SECRET_|');
    const u = uri('complete.runpod.env');
    await client.open(u, 'runpod-env', text);
    const items = await client.completion(u, offset);
    expect(items.map((i) => i.label)).toContain('hf-token');
    for (const item of items) {
      const inserted = (item.textEdit as TextEdit | undefined)?.newText ?? item.insertText ?? item.label;
      expect(inserted.replace(/^\{\{ RUNPOD_SECRET_| \}\}$/g, ''), JSON.stringify(inserted)).toMatch(NAME_CHARS);
    }
  });

  it('suggests none as the fix of a mistyped reference', async () => {
    // `hf-tokn` is one edit from `hf-tok\n` (listed first) and from `hf-token`: only the real name may be offered.
    const text = 'A={{ RUNPOD_SECRET_hf-tokn }}\n';
    const u = uri('typo.runpod.env');
    await client.open(u, 'runpod-env', text);
    const diagnostics = await client.diagnostics(u);
    expect(diagnostics.length).toBeGreaterThan(0);
    const everything = JSON.stringify(diagnostics);
    for (const name of HOSTILE) expect(everything).not.toContain(JSON.stringify(name).slice(1, -1));
    {
      const offset = text.indexOf('hf-tokn');
      for (const action of await client.codeActions(u, offset, offset, diagnostics)) {
        for (const edit of action.edit?.changes?.[u] ?? []) expect(edit.newText, action.title).toMatch(NAME_CHARS);
      }
    }
    expect(client.alive).toBe(true);
  });
});
