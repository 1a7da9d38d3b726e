import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toCompletionList } from '../../../server/src/lsp/completion';
import { toDiagnostics } from '../../../server/src/lsp/diagnostics';
import { toHover } from '../../../server/src/lsp/hover';
import { DEFAULT_SETTINGS } from '../../../server/src/lsp/settings';
import { toDocumentSymbols } from '../../../server/src/lsp/symbols';
import { analyze, complete, hover, symbols } from '../../../server/src/template/index';
import type { DocumentKind, SecretCatalog } from '../../../server/src/template/types';
import { rangeInside } from '../lspClient';

const catalog: SecretCatalog = { state: 'fresh', secrets: [{ name: 'hf-token' }, { name: 'db_password' }] };

/** Env-ish fragments mixed with arbitrary UTF-16 units (lone surrogates included). */
const envText = fc
  .array(
    fc.oneof(
      fc.constantFrom('{{ RUNPOD_SECRET_', '{{', '}}', ' }}', 'hf-token', '=', '"', "'", '\\', '\n', '\r\n', '\r', '#', 'export ', 'KEY', '\uFEFF', '😀'),
      fc.string({ unit: 'binary', maxLength: 8 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const kinds: DocumentKind[] = ['runpod-env', 'dotenv'];

describe('every range the adapter produces lies inside the document (random input, core + adapter)', () => {
  it('diagnostics, symbols, completion edits and hovers', () => {
    fc.assert(
      fc.property(envText, fc.constantFrom(...kinds), fc.nat(), (text, kind, at) => {
        const doc = TextDocument.create('file:///p.runpod.env', kind, 1, text);
        const analysis = analyze(text, kind, catalog);
        for (const d of toDiagnostics(doc, analysis.problems, DEFAULT_SETTINGS, catalog)) {
          expect(rangeInside(doc, d.range)).toBe(true);
          for (const r of d.relatedInformation ?? []) expect(rangeInside(doc, r.location.range)).toBe(true);
        }
        for (const s of toDocumentSymbols(doc, symbols(analysis))) {
          expect(rangeInside(doc, s.range)).toBe(true);
          expect(rangeInside(doc, s.selectionRange)).toBe(true);
        }
        const offset = text.length === 0 ? 0 : at % (text.length + 1);
        for (const item of toCompletionList(doc, complete(text, offset, kind, catalog)).items) {
          expect(rangeInside(doc, (item.textEdit as { range: Parameters<typeof rangeInside>[1] }).range)).toBe(true);
        }
        const h = toHover(doc, hover(text, offset, kind, catalog));
        if (h?.range) expect(rangeInside(doc, h.range)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
