/**
 * The server answers hover and completion from its cached analysis of the document instead of
 * reading the text again (a fresh read cost seconds per request on a multi-megabyte file). Both
 * ways must give the same answer at every offset, in every format.
 */
import { describe, expect, it } from 'vitest';
import { analyze, complete, hover } from '../../server/src/template';
import type { DocumentKind } from '../../server/src/template/types';
import { CATALOG, HUB_JSON, POD_JSON, RUNPOD_TOML, TESTS_JSON } from '../formats/fixtures';

const ENV = [
  'export HF={{ RUNPOD_SECRET_hf-token }}{{ RUNPOD_SECRET_db_password }}',
  'URL="postgres://{{RUNPOD_SECRET_db_pasword}}@db\\n{{ RUNPOD_SECRET_',
  "LIT='{{ RUNPOD_SECRET_x }}' # note",
  'EMPTY=',
  'PARTIAL={{ RUNPOD_SECRET_hf',
  'HF={{ RUNPOD_SECRET_hf-token }}',
  '',
].join('\r\n');

const DOCUMENTS: [DocumentKind, string][] = [
  ['runpod-env', ENV],
  ['dotenv', ENV],
  ['hub-json', HUB_JSON],
  ['tests-json', TESTS_JSON],
  ['runpod-json', POD_JSON],
  ['runpod-toml', RUNPOD_TOML],
];

describe('hover and completion from a cached analysis', () => {
  it.each(DOCUMENTS)('%s: the same answer as from the text, at every offset', (kind, text) => {
    const analysis = analyze(text, kind, CATALOG);
    let answered = 0;
    for (let offset = 0; offset <= text.length; offset++) {
      const h = hover(text, offset, kind, CATALOG);
      const c = complete(text, offset, kind, CATALOG);
      expect(hover(text, offset, kind, CATALOG, analysis), `offset ${offset}`).toEqual(h);
      expect(complete(text, offset, kind, CATALOG, analysis), `offset ${offset}`).toEqual(c);
      if (h || c) answered++;
      // Where two references touch, the cursor between them belongs to the first, as it always did.
      const first = analysis.references.find((r) => r.span.start <= offset && offset <= r.span.end);
      expect(h?.span, `offset ${offset}`).toEqual(first?.span);
    }
    // The fixtures hold references: a comparison of two empty answers everywhere would prove nothing.
    expect(answered).toBeGreaterThan(10);
  });
});
