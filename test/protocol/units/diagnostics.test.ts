import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_DIAGNOSTICS_PER_DOCUMENT, effectiveSeverity, toDiagnostics, type RunpodDiagnosticData } from '../../../server/src/lsp/diagnostics';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../../server/src/lsp/settings';
import { analyze } from '../../../server/src/template';
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

describe('diagnostics cap', () => {
  it('keeps at most MAX_DIAGNOSTICS_PER_DOCUMENT, most severe first, in document order', () => {
    const big = 'K=v\n'.repeat(3000);
    const d = TextDocument.create('file:///w/big.runpod.env', 'runpod-env', 1, big);
    const problems: Problem[] = [];
    for (let i = 0; i < 3000; i++) {
      problems.push({ code: i % 1000 === 999 ? 'invalid-key' : 'embedded-reference', span: { start: i * 4, end: i * 4 + 1 }, message: 'm', severity: i % 1000 === 999 ? 'error' : 'hint' });
    }
    const diagnostics = toDiagnostics(d, problems, DEFAULT_SETTINGS, fresh);
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS_PER_DOCUMENT);
    // The three errors (lines 999, 1999, 2999) survive although they come after a thousand hints.
    expect(diagnostics.filter((x) => x.severity === DiagnosticSeverity.Error).map((x) => x.range.start.line)).toEqual([999, 1999, 2999]);
    const lines = diagnostics.map((x) => x.range.start.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('counts what it drops in the notes saying how many were not listed: every problem is shown or counted', () => {
    const lines = 3000;
    const text = 'A={{ RUNPOD_SECRET_\n'.repeat(lines);
    const d = TextDocument.create('file:///w/unclosed.runpod.env', 'runpod-env', 1, text);
    const diagnostics = toDiagnostics(d, analyze(text, 'runpod-env', fresh).problems, DEFAULT_SETTINGS, fresh);
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS_PER_DOCUMENT);
    const counted = (code: string): number =>
      diagnostics.filter((x) => x.code === code).length +
      diagnostics.reduce((sum, x) => sum + Number(new RegExp(`([\\d,]+) more \`${code}\``).exec(String(x.message))?.[1]?.replaceAll(',', '') ?? 0), 0);
    expect(counted('malformed-reference')).toBe(lines);
    expect(counted('duplicate-key')).toBe(lines - 1);
    // The errors win the places; the warnings are all counted, none listed.
    expect(diagnostics.filter((x) => x.code === 'duplicate-key')).toEqual([]);
  });

  it('a code dropped by the cap in all gets a note that says so, at its severity, with its count in data; exactly the cap in all', () => {
    const big = 'K=v\n'.repeat(2000);
    const d = TextDocument.create('file:///w/big.runpod.env', 'runpod-env', 1, big);
    const problems: Problem[] = [];
    for (let i = 0; i < MAX_DIAGNOSTICS_PER_DOCUMENT; i++) problems.push({ code: 'invalid-key', span: { start: i * 4, end: i * 4 + 1 }, message: 'm', severity: 'error' });
    // One hint each of eight other codes, after the errors: none fits, each is said not listed.
    const others = DIAGNOSTIC_CODES.filter((c) => c !== 'invalid-key' && c !== 'file-too-large').slice(0, 8);
    others.forEach((code, k) => problems.push({ code, span: { start: (1500 + k) * 4, end: (1500 + k) * 4 + 1 }, message: 'm', severity: 'hint' }));
    const diagnostics = toDiagnostics(d, problems, DEFAULT_SETTINGS, fresh);
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS_PER_DOCUMENT);
    const notes = diagnostics.filter((x) => (x.data as RunpodDiagnosticData | undefined)?.notListed !== undefined);
    const counted = (code: string): number =>
      diagnostics.filter((x) => x.code === code).length + notes.reduce((sum, x) => sum + ((x.data as RunpodDiagnosticData).notListed!.code === code ? (x.data as RunpodDiagnosticData).notListed!.count : 0), 0);
    expect(counted('invalid-key')).toBe(MAX_DIAGNOSTICS_PER_DOCUMENT);
    for (const code of others) {
      expect(counted(code)).toBe(1);
      const note = notes.find((x) => (x.data as RunpodDiagnosticData).notListed!.code === code)!;
      expect(note.severity).toBe(DiagnosticSeverity.Hint);
      // Far fewer than 1,000 of this kind: the reason given must hold for the cap in all too.
      expect(note.message).toContain('at most 1,000 in all');
    }
  });

  it('always keeps the one diagnostic saying where checking stopped, after a thousand errors', () => {
    const big = 'K=v\n'.repeat(3000);
    const d = TextDocument.create('file:///w/big.runpod.env', 'runpod-env', 1, big);
    const problems: Problem[] = [];
    for (let i = 0; i < 2000; i++) problems.push({ code: 'invalid-key', span: { start: i * 4, end: i * 4 + 1 }, message: 'm', severity: 'error' });
    problems.push({ code: 'file-too-large', span: { start: 2999 * 4, end: 2999 * 4 + 3 }, message: 'Not checked from here on', severity: 'warning' });
    const diagnostics = toDiagnostics(d, problems, DEFAULT_SETTINGS, fresh);
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS_PER_DOCUMENT);
    expect(diagnostics.at(-1)).toMatchObject({ code: 'file-too-large', range: { start: { line: 2999 } } });
  });
});
