/**
 * Past the analysis limit (16 MiB of text) a document is checked up to the start of the line that
 * holds the limit, and one `file-too-large` problem says where checking stopped: no crash, no
 * syntax error made up by the cut, and everything before the cut still checked.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/template';
import { ANALYSIS_LIMIT, ANALYSIS_LIMITS, type AnalysisLimits } from '../../server/src/template/analyze';
import type { DocumentKind, SecretCatalog } from '../../server/src/template/types';

const CATALOG: SecretCatalog = { state: 'fresh', secrets: [{ name: 'hf-token' }] };

/** A document of `kind` with an unknown secret `before` near the top and `after` near the bottom, `padding` lines between. */
function documentOf(kind: DocumentKind, padding: string): string {
  switch (kind) {
    case 'runpod-env':
    case 'dotenv':
      return `A={{ RUNPOD_SECRET_before }}\n${padding}\nB={{ RUNPOD_SECRET_after }}\n`;
    case 'runpod-json':
      return `{ "env": {\n "A": "{{ RUNPOD_SECRET_before }}",\n${padding}\n "B": "{{ RUNPOD_SECRET_after }}"\n} }\n`;
    case 'hub-json':
    case 'tests-json':
      return `{ "config": { "env": [\n { "key": "A", "value": "{{ RUNPOD_SECRET_before }}" },\n${padding}\n { "key": "B", "value": "{{ RUNPOD_SECRET_after }}" }\n] } }\n`;
    case 'runpod-toml':
      return `[project.env_vars]\nA = "{{ RUNPOD_SECRET_before }}"\n${padding}\nB = "{{ RUNPOD_SECRET_after }}"\n`;
  }
}

const KINDS: DocumentKind[] = ['runpod-env', 'dotenv', 'runpod-json', 'hub-json', 'tests-json', 'runpod-toml'];
/** Comment or blank lines each format accepts as padding. */
const PAD: Record<DocumentKind, string> = {
  'runpod-env': '# padding',
  dotenv: '# padding',
  'runpod-json': '// padding',
  'hub-json': '// padding',
  'tests-json': '// padding',
  'runpod-toml': '# padding',
};

/** The analysis limits with a small size (the count as it is). */
function sized(size: number): AnalysisLimits {
  return { ...ANALYSIS_LIMITS, size };
}

function unknownNames(text: string, kind: DocumentKind, limits?: AnalysisLimits): string[] {
  return analyze(text, kind, CATALOG, limits)
    .problems.filter((p) => p.code === 'unknown-secret')
    .map((p) => text.slice(p.span.start, p.span.end));
}

describe('the analysis limit', () => {
  it.each(KINDS)('%s: one file-too-large at the cut, the part before it checked, no made-up syntax error', (kind) => {
    const padding = Array.from({ length: 50 }, () => PAD[kind]).join('\n');
    const text = documentOf(kind, padding);
    expect(unknownNames(text, kind)).toEqual(['before', 'after']);
    // A limit in the middle of the padding: the cut falls at the start of that line.
    const limit = text.indexOf(padding) + 5 * (PAD[kind].length + 1) + 3;
    const a = analyze(text, kind, CATALOG, sized(limit));
    expect(a.problems.map((p) => p.code)).toEqual(['unknown-secret', 'file-too-large']);
    expect(unknownNames(text, kind, sized(limit))).toEqual(['before']);
    const cut = a.problems[1]!;
    expect(cut.span.start).toBe(text.lastIndexOf('\n', limit) + 1);
    expect(cut.message).toMatch(/^Not checked from here on/);
    expect(a.variables.map((v) => v.key)).toEqual(['A']);
  });

  it('a single line longer than the limit is not read at all, and says so', () => {
    const text = `A=${'x'.repeat(100)}{{ RUNPOD_SECRET_after }}`;
    const a = analyze(text, 'runpod-env', CATALOG, sized(50));
    expect(a.problems.map((p) => [p.code, p.span.start])).toEqual([['file-too-large', 0]]);
    expect(a.variables).toEqual([]);
  });

  it('a multi-line value that starts before the cut is read whole (no unclosed quote made up)', () => {
    const text = `A="first\n{{ RUNPOD_SECRET_inside }}\nlast"\nB={{ RUNPOD_SECRET_after }}\n`;
    const a = analyze(text, 'runpod-env', CATALOG, sized(text.indexOf('{{') + 1));
    expect(a.problems.map((p) => p.code)).toEqual(['embedded-reference', 'unknown-secret', 'file-too-large']);
    // Checking stopped after the value, so that is where the message is.
    expect(a.problems[2]!.span.start).toBe(text.indexOf('B='));
  });

  it('is 16 MiB of text, and a document just past it is cut there (env and JSON)', () => {
    expect(ANALYSIS_LIMIT).toBe(16 * 1024 * 1024);
    for (const kind of ['runpod-env', 'runpod-json'] as const) {
      const padding = PAD[kind] + ' '.repeat(ANALYSIS_LIMIT);
      const text = documentOf(kind, padding);
      const a = analyze(text, kind, CATALOG);
      expect(a.problems.map((p) => p.code)).toEqual(['unknown-secret', 'file-too-large']);
      expect(a.problems[1]!.span.start).toBe(text.indexOf(padding));
    }
  });
});
