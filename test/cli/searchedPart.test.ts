/**
 * What `secrets usage` searches of a file (readFound.ts searchedPart): the part the analysis reads,
 * cut by the same rule as check's `file-too-large` (analyze.ts readAnalyzed), the entry count as
 * well as the size, for every kind; a small count is injected.
 */
import { describe, expect, it } from 'vitest';
import { searchedPart } from '../../client/src/cli/check/readFound';
import { findReferencesInFile } from '../../client/src/secrets/references';
import { analyze, ANALYSIS_LIMITS, stoppedEarly } from '../../server/src/template/analyze';
import type { DocumentKind } from '../../server/src/template/types';

const COUNT = { ...ANALYSIS_LIMITS, entries: 3 };
const ref = (i: number) => `{{ RUNPOD_SECRET_s${i} }}`;
const FILES: [DocumentKind, string][] = [
  ['runpod-env', [1, 2, 3, 4].map((i) => `K${i}=${ref(i)}`).join('\n') + '\n'],
  ['runpod-json', `{ "env": {\n${[1, 2, 3, 4].map((i) => `  "K${i}": "${ref(i)}"`).join(',\n')}\n} }\n`],
  ['runpod-toml', [1, 2, 3, 4].map((i) => `project.env_vars.K${i} = "${ref(i)}"`).join('\n') + '\n'],
];

describe('the part of a file secrets usage searches', () => {
  it.each(FILES)('%s past the count: searched up to the first entry past it, and said cut, as check says file-too-large', (kind, text) => {
    const read = { text, size: Buffer.byteLength(text), cut: false };
    const part = searchedPart(read, kind, COUNT);
    expect(part.cut).toBe(true);
    expect(part.cut).toBe(stoppedEarly(analyze(text, kind, { state: 'unknown', secrets: [] }, COUNT)));
    expect(findReferencesInFile(part.text, 's3', kind).hits).toHaveLength(1);
    expect(findReferencesInFile(part.text, 's4', kind).hits).toEqual([]);
    // Within the limits: the whole text, not cut.
    expect(searchedPart(read, kind)).toEqual({ text, cut: false });
  });

  it('a read cut by the size is said cut, whatever its entries', () => {
    const text = 'A=1\n';
    expect(searchedPart({ text, size: 20 * 1024 * 1024, cut: true }, 'runpod-env')).toEqual({ text, cut: true });
  });
});
