import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { effectiveSeverity, toDiagnostics, type RunpodDiagnosticData } from '../../../server/src/lsp/diagnostics';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../../server/src/lsp/settings';
import { analyze } from '../../../server/src/template';
import { MAX_LISTED_PROBLEMS } from '../../../server/src/template/problemLimit';
import { DIAGNOSTIC_CODES, type Problem, type SecretCatalog } from '../../../server/src/template/types';

const fresh: SecretCatalog = { state: 'fresh', secrets: [{ name: 'hf-token' }] };
const stale: SecretCatalog = { state: 'stale', secrets: [{ name: 'hf-token' }], fetchedAt: '2026-09-01T12:00:00Z' };
const unknown: SecretCatalog = { state: 'unknown', secrets: [] };

const text = 'FIRST=1\nHF={{ RUNPOD_SECRET_hf-tokn }}\nFIRST=2\n';
const doc = TextDocument.create('file:///w/a.runpod.env', 'runpod-env', 3, text);
const unknownSecret: Problem = {
  code: 'unknown-secret',
  span: { start: text.indexOf('hf-tokn'), end: text.indexOf('hf-tokn') + 7 },
  message: 'Unknown secret `hf-tokn`; did you mean `hf-token`?',
  severity: 'warning',
  data: { name: 'hf-tokn', suggestion: 'hf-token' },
};
const duplicate: Problem = {
  code: 'duplicate-key',
  span: { start: text.lastIndexOf('FIRST'), end: text.lastIndexOf('FIRST') + 5 },
  message: 'FIRST is already defined',
  severity: 'warning',
  related: [{ span: { start: 0, end: 5 }, message: 'first definition' }],
};

describe('problems to diagnostics', () => {
  it('carries source, code, message, range, related information and code action data', () => {
    const [unknownDiag, dupDiag] = toDiagnostics(doc, [unknownSecret, duplicate], DEFAULT_SETTINGS, fresh);
    expect(unknownDiag).toMatchObject({
      source: 'runpod',
      code: 'unknown-secret',
      severity: DiagnosticSeverity.Warning,
      message: unknownSecret.message,
      range: { start: { line: 1, character: 20 }, end: { line: 1, character: 27 } },
      data: { name: 'hf-tokn', suggestion: 'hf-token' },
    });
    // No document version in data: it would make every report differ and defeat `unchanged` answers.
    expect(unknownDiag!.data).toEqual({ name: 'hf-tokn', suggestion: 'hf-token' });
    expect(dupDiag!.relatedInformation).toEqual([
      { location: { uri: doc.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } } }, message: 'first definition' },
    ]);
  });

  it('applies runpod.diagnostics.severity overrides and drops codes set to off', () => {
    const settings = normalizeSettings({ diagnostics: { severity: { 'unknown-secret': 'error', 'duplicate-key': 'off' } } });
    const diagnostics = toDiagnostics(doc, [unknownSecret, duplicate], settings, fresh);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['unknown-secret', DiagnosticSeverity.Error]]);
  });

  it('caps unknown-secret at Information while the list is stale, even when configured as error', () => {
    const settings = normalizeSettings({ diagnostics: { severity: { 'unknown-secret': 'error' } } });
    expect(effectiveSeverity(unknownSecret, settings, stale)).toBe(DiagnosticSeverity.Information);
    expect(effectiveSeverity(unknownSecret, normalizeSettings({ diagnostics: { severity: { 'unknown-secret': 'hint' } } }), stale)).toBe(
      DiagnosticSeverity.Hint,
    );
  });

  it('never reports unknown-secret without a secret list', () => {
    expect(toDiagnostics(doc, [unknownSecret, duplicate], DEFAULT_SETTINGS, unknown).map((d) => d.code)).toEqual(['duplicate-key']);
  });
});

describe('no cap of its own: the editor shows what the core lists', () => {
  it('shows every problem it is given, in document order, whatever its severity', () => {
    const big = 'K=v\n'.repeat(3000);
    const d = TextDocument.create('file:///w/big.runpod.env', 'runpod-env', 1, big);
    const problems: Problem[] = [];
    for (let i = 0; i < 3000; i++) {
      problems.push({ code: i % 1000 === 999 ? 'invalid-key' : 'embedded-reference', span: { start: i * 4, end: i * 4 + 1 }, message: 'm', severity: i % 1000 === 999 ? 'error' : 'hint' });
    }
    const diagnostics = toDiagnostics(d, problems, DEFAULT_SETTINGS, fresh);
    expect(diagnostics).toHaveLength(3000);
    expect(diagnostics.filter((x) => x.severity === DiagnosticSeverity.Error).map((x) => x.range.start.line)).toEqual([999, 1999, 2999]);
    const lines = diagnostics.map((x) => x.range.start.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it("lists the core's cap of each code and its notes, so every problem is shown or counted, as check counts it", () => {
    const lines = 3000;
    const text = 'A={{ RUNPOD_SECRET_\n'.repeat(lines);
    const d = TextDocument.create('file:///w/unclosed.runpod.env', 'runpod-env', 1, text);
    const problems = analyze(text, 'runpod-env', fresh).problems;
    const diagnostics = toDiagnostics(d, problems, DEFAULT_SETTINGS, fresh);
    expect(diagnostics.map((x) => [x.code, x.message])).toEqual(problems.map((p) => [p.code, p.message]));
    const counted = (code: string): number =>
      diagnostics.filter((x) => x.code === code).length +
      diagnostics.reduce((sum, x) => sum + Number(new RegExp(`([\\d,]+) more \`${code}\``).exec(String(x.message))?.[1]?.replaceAll(',', '') ?? 0), 0);
    expect(counted('malformed-reference')).toBe(lines);
    expect(counted('duplicate-key')).toBe(lines - 1);
    expect(diagnostics.filter((x) => x.code === 'duplicate-key')).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(diagnostics.filter((x) => x.code === 'too-many-problems').map((x) => (x.data as RunpodDiagnosticData).notListed)).toEqual([
      { code: 'malformed-reference', count: lines - MAX_LISTED_PROBLEMS },
      { code: 'duplicate-key', count: lines - 1 - MAX_LISTED_PROBLEMS },
    ]);
  });

  it('a lone hint of each other code shows after a thousand errors, with no note', () => {
    const big = 'K=v\n'.repeat(2000);
    const d = TextDocument.create('file:///w/big.runpod.env', 'runpod-env', 1, big);
    const problems: Problem[] = [];
    for (let i = 0; i < MAX_LISTED_PROBLEMS; i++) problems.push({ code: 'invalid-key', span: { start: i * 4, end: i * 4 + 1 }, message: 'm', severity: 'error' });
    const others = DIAGNOSTIC_CODES.filter((c) => c !== 'invalid-key' && c !== 'file-too-large' && c !== 'too-many-problems').slice(0, 8);
    others.forEach((code, k) => problems.push({ code, span: { start: (1500 + k) * 4, end: (1500 + k) * 4 + 1 }, message: 'm', severity: 'hint' }));
    const diagnostics = toDiagnostics(d, problems, DEFAULT_SETTINGS, fresh);
    expect(diagnostics.filter((x) => x.severity === DiagnosticSeverity.Hint).map((x) => x.code)).toEqual(others);
    expect(diagnostics.filter((x) => (x.data as RunpodDiagnosticData | undefined)?.notListed !== undefined)).toEqual([]);
  });

  it('keeps the one diagnostic saying where checking stopped, after thousands of errors', () => {
    const big = 'K=v\n'.repeat(3000);
    const d = TextDocument.create('file:///w/big.runpod.env', 'runpod-env', 1, big);
    const problems: Problem[] = [];
    for (let i = 0; i < 2000; i++) problems.push({ code: 'invalid-key', span: { start: i * 4, end: i * 4 + 1 }, message: 'm', severity: 'error' });
    problems.push({ code: 'file-too-large', span: { start: 2999 * 4, end: 2999 * 4 + 3 }, message: 'Not checked from here on', severity: 'warning' });
    const diagnostics = toDiagnostics(d, problems, DEFAULT_SETTINGS, fresh);
    expect(diagnostics).toHaveLength(2001);
    expect(diagnostics.at(-1)).toMatchObject({ code: 'file-too-large', range: { start: { line: 2999 } } });
  });
});
