import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver/node';
import { FRESH, uri } from './fixtures';
import { LspClient, ensureServerBuilt, rangeInside } from './lspClient';

/** Deterministic pseudo-random bytes decoded as Latin-1: NULs, control characters, high bytes. */
function binary(length: number): string {
  let seed = 42;
  let out = '';
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out += String.fromCharCode(seed % 256);
  }
  return out;
}

const CASES: [string, () => string][] = [
  ['binary content', () => binary(20_000)],
  ['a 5 MB single line', () => `BIG=${'a{{ RUNPOD_SECRET_x }}b'.repeat(5 * 1024 * 1024 / 23)}`],
  ['an unbalanced quote at the end of the file', () => 'A=1\nB="unterminated value\nwith more {{ RUNPOD_SECRET_hf-token'],
  ['lone surrogates', () => `A=\uD800x\nB={{ RUNPOD_SECRET_\uDC00 }}\n\uDBFF=\uDFFF{{ RUNPOD_SECRET_hf-token }}\uD83D`],
  ['thousands of {{', () => `A=${'{{'.repeat(20_000)}\nB=${'{{ RUNPOD_SECRET_'.repeat(5_000)}\n${'{{\n'.repeat(5_000)}`],
  ['CR-only line ends and a BOM', () => `\uFEFFA=1\rB={{ RUNPOD_SECRET_hf-token }}\rC='x`],
];

describe('bad input never crashes or hangs the server, and ranges stay inside the document', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
  });
  afterAll(() => client.stop());

  it.each(CASES)('%s', async (_name, make) => {
    const text = make();
    const u = uri('bad.runpod.env');
    const doc = await client.open(u, 'runpod-env', text);

    const diagnostics = await client.diagnostics(u);
    for (const d of diagnostics) expect(rangeInside(doc, d.range), `${d.code} ${JSON.stringify(d.range)}`).toBe(true);
    for (const s of await client.symbols(u)) {
      expect(rangeInside(doc, s.range)).toBe(true);
      expect(rangeInside(doc, s.selectionRange)).toBe(true);
    }
    for (const offset of [0, Math.floor(text.length / 2), text.length]) {
      const completion = await client.completion(u, offset);
      for (const item of completion) {
        const edit = item.textEdit as { range: Parameters<typeof rangeInside>[1] } | undefined;
        if (edit) expect(rangeInside(doc, edit.range)).toBe(true);
      }
      const hover = await client.hover(u, offset);
      if (hover?.range) expect(rangeInside(doc, hover.range)).toBe(true);
      // Like an editor, send only the diagnostics that touch the requested range.
      const here = doc.positionAt(offset).line;
      const touching = diagnostics.filter((d) => d.range.start.line <= here && d.range.end.line >= here).slice(0, 50);
      const actions = await client.codeActions(u, offset, offset, touching);
      for (const action of actions) {
        for (const edit of action.edit?.changes?.[u] ?? []) expect(rangeInside(doc, edit.range)).toBe(true);
      }
    }

    // An incremental edit in the middle of the bad text is applied and analysed too.
    await client.change(u, Math.floor(text.length / 3), Math.floor(text.length / 3), '"{{ RUNPOD_SECRET_');
    for (const d of await client.diagnostics(u)) expect(rangeInside(client.doc(u), d.range)).toBe(true);

    // The server still answers ordinary requests afterwards, on a normal document.
    const ok = uri('ok.runpod.env');
    const okText = 'HF={{ RUNPOD_SECRET_hf-token }}';
    await client.open(ok, 'runpod-env', okText);
    const hover = await client.hover(ok, okText.indexOf('hf-token'));
    expect((hover!.contents as MarkupContent).value).toContain('hf-token');
    await client.close(u);
    await client.close(ok);
    expect(client.alive).toBe(true);
    // A 5 MB document crosses the pipe several times; generous on a shared 2-core machine (not a timing assertion).
  }, 90_000);

  it('never writes document text to the log', async () => {
    const marker = 'hf_ZZlogCanaryZZqwertyuiopasdfghjkl';
    const u = uri('canary.runpod.env');
    await client.open(u, 'runpod-env', `TOKEN=${marker}\nX="${marker}`);
    await client.diagnostics(u);
    await client.hover(u, 8);
    await client.completion(u, 8);
    expect(client.logs.join('\n')).not.toContain(marker);
    expect(client.errorOutput).not.toContain(marker);
  });
});
