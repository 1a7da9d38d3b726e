/**
 * Past the count limit (MAX_ANALYZED_ENTRIES entries: variables, keys, and lines reported without
 * one) a document is checked up to where the first entry past it starts, and one `file-too-large`
 * problem says so, naming the count (not a size). A small count is injected, as for the size.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/template';
import { ANALYSIS_LIMITS, MAX_ANALYZED_ENTRIES, analyzeReferences, type AnalysisLimits } from '../../server/src/template/analyze';
import type { DocumentKind, SecretCatalog } from '../../server/src/template/types';

const CATALOG: SecretCatalog = { state: 'fresh', secrets: [{ name: 'hf-token' }] };
const COUNT: AnalysisLimits = { ...ANALYSIS_LIMITS, entries: 3 };

/** A document of `kind` with five variables, each referencing an unknown secret `s1`..`s5`, padding between them. */
function fiveVariables(kind: DocumentKind): string {
  const refs = [1, 2, 3, 4, 5].map((i) => `{{ RUNPOD_SECRET_s${i} }}`);
  switch (kind) {
    case 'runpod-env':
    case 'dotenv':
      return refs.map((r, i) => `# comment\n\nK${i + 1}=${r}`).join('\n') + '\n';
    case 'runpod-json':
      return `{ "name": "x", "env": {\n${refs.map((r, i) => `  "K${i + 1}": "${r}"`).join(',\n')}\n} }\n`;
    case 'hub-json':
    case 'tests-json':
      return `{ "config": { "env": [\n${refs.map((r, i) => `  { "key": "K${i + 1}", "value": "${r}" }`).join(',\n')}\n] } }\n`;
    case 'runpod-toml':
      // Dotted keys: a table header would be an entry of its own.
      return `${refs.map((r, i) => `# comment\nproject.env_vars.K${i + 1} = "${r}"`).join('\n')}\n`;
  }
}

/** Where the fourth entry starts in `fiveVariables(kind)`. */
function fourthEntry(text: string, kind: DocumentKind): number {
  const key = text.indexOf('K4');
  switch (kind) {
    case 'runpod-json':
      return key - 1; // the key's opening quote
    case 'hub-json':
    case 'tests-json':
      return text.lastIndexOf('{', key); // the entry's object
    case 'runpod-toml':
      return text.lastIndexOf('project', key); // the key/value's start
    default:
      return key; // the line's start
  }
}

const KINDS: DocumentKind[] = ['runpod-env', 'dotenv', 'runpod-json', 'hub-json', 'tests-json', 'runpod-toml'];

function unknownNames(text: string, kind: DocumentKind, limits?: AnalysisLimits): string[] {
  return analyze(text, kind, CATALOG, limits)
    .problems.filter((p) => p.code === 'unknown-secret')
    .map((p) => text.slice(p.span.start, p.span.end));
}

describe('the count limit', () => {
  it.each(KINDS)('%s: the first entries checked, one file-too-large where the next starts, naming the count', (kind) => {
    const text = fiveVariables(kind);
    expect(unknownNames(text, kind)).toEqual(['s1', 's2', 's3', 's4', 's5']);
    const a = analyze(text, kind, CATALOG, COUNT);
    expect(a.variables.map((v) => v.key)).toEqual(['K1', 'K2', 'K3']);
    expect(unknownNames(text, kind, COUNT)).toEqual(['s1', 's2', 's3']);
    const cut = a.problems.filter((p) => p.code === 'file-too-large');
    expect(cut).toHaveLength(1);
    expect(cut[0]!.span.start).toBe(fourthEntry(text, kind));
    expect(cut[0]!.message).toMatch(/^Not checked from here on: this file holds more than 3 entries .*Split the file/);
    expect(cut[0]!.message).not.toMatch(/MiB/);
    // Hover and completion read by the same rule.
    expect(analyzeReferences(text, kind, COUNT).variables.map((v) => v.key)).toEqual(['K1', 'K2', 'K3']);
  });

  it.each(KINDS)('%s: exactly the count is read whole, without a cut', (kind) => {
    const text = fiveVariables(kind);
    const a = analyze(text, kind, CATALOG, { ...ANALYSIS_LIMITS, entries: 5 });
    expect(a.problems.map((p) => p.code)).not.toContain('file-too-large');
    expect(a.variables).toHaveLength(5);
  });

  it('env: a line without `=` is an entry, a blank or comment line is not', () => {
    const text = 'A=1\n\n# note\nno equals\n   \nB=2\nC=3\n';
    const a = analyze(text, 'runpod-env', CATALOG, COUNT);
    expect(a.problems.map((p) => p.code)).toEqual(['missing-equals', 'file-too-large']);
    expect(a.problems[1]!.span.start).toBe(text.indexOf('C=3'));
    // dotenv reports no syntax, but the line still counts: both kinds cut at the same place.
    expect(analyze(text, 'dotenv', CATALOG, COUNT).problems.map((p) => [p.code, p.span.start])).toEqual([['file-too-large', text.indexOf('C=3')]]);
  });

  it('runpod.toml: every key/value and table header is an entry, not only the env values', () => {
    const text = '[project]\nname = "x"\n[project.env_vars]\nA = "{{ RUNPOD_SECRET_s1 }}"\nB = "{{ RUNPOD_SECRET_s2 }}"\n';
    const a = analyze(text, 'runpod-toml', CATALOG, { ...ANALYSIS_LIMITS, entries: 4 });
    expect(a.problems.map((p) => [p.code, text.slice(p.span.start, p.span.end)])).toEqual([
      ['unknown-secret', 's1'],
      ['file-too-large', 'B = "{{ RUNPOD_SECRET_s2 }}"'],
    ]);
  });

  it('JSON: a syntax error before the cut is still reported, one after it is not (it was never read)', () => {
    const before = '{ "env": { "A": "1", "B": 2 3, "C": "3", "D": "4", "E": "5" } }';
    expect(analyze(before, 'runpod-json', CATALOG, COUNT).problems.map((p) => p.code)).toEqual(['syntax-error', 'file-too-large']);
    const after = '{ "env": { "A": "1", "B": "2", "C": "3", "D": "4" } ';
    expect(analyze(after, 'runpod-json', CATALOG, COUNT).problems.map((p) => p.code)).toEqual(['file-too-large']);
  });

  it('the size says it is the size, the count that it is the count, whichever comes first', () => {
    const text = 'A=1\nB=2\nC=3\nD=4\n';
    const bySize = analyze(text, 'runpod-env', CATALOG, { size: 9, entries: 3 });
    expect(bySize.problems.map((p) => [p.code, p.span.start])).toEqual([['file-too-large', 8]]);
    // The sizes as they are (it said "0 MiB" for both when a limit under 1 MiB was written in MiB).
    expect(bySize.problems[0]!.message).toMatch(/this file holds 16 bytes of text, and RunPod checks read at most 9 bytes of text/);
    const byCount = analyze(text, 'runpod-env', CATALOG, { size: 13, entries: 2 });
    expect(byCount.problems.map((p) => [p.code, p.span.start])).toEqual([['file-too-large', 8]]);
    expect(byCount.problems[0]!.message).toMatch(/more than 2 entries/);
  });

  it('is 400,000 entries', () => {
    expect(MAX_ANALYZED_ENTRIES).toBe(400_000);
    expect(ANALYSIS_LIMITS.entries).toBe(MAX_ANALYZED_ENTRIES);
  });
});
