import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { ReportIds, sameDiagnostics } from '../../../server/src/lsp/resultIds';

const base = (): Diagnostic => ({
  range: { start: { line: 3, character: 20 }, end: { line: 3, character: 27 } },
  severity: DiagnosticSeverity.Warning,
  source: 'runpod',
  code: 'unknown-secret',
  message: 'Unknown secret `hf-tokn`; did you mean `hf-token`?',
  data: { name: 'hf-tokn', suggestion: 'hf-token' },
  relatedInformation: [{ location: { uri: 'file:///w/a.runpod.env', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } } }, message: 'first' }],
});

describe('sameDiagnostics: equal only when nothing a client sees differs', () => {
  it('treats separately built but equal reports as equal', () => {
    expect(sameDiagnostics([base(), base()], [base(), base()])).toBe(true);
    expect(sameDiagnostics([], [])).toBe(true);
  });

  const changes: [string, (d: Diagnostic) => void][] = [
    ['start line', (d) => (d.range.start.line = 4)],
    ['start character', (d) => (d.range.start.character = 21)],
    ['end line', (d) => (d.range.end.line = 4)],
    ['end character', (d) => (d.range.end.character = 28)],
    ['severity', (d) => (d.severity = DiagnosticSeverity.Error)],
    ['code', (d) => (d.code = 'malformed-reference')],
    ['message', (d) => (d.message = 'Unknown secret `hf-tokm`; did you mean `hf-token`?')],
    ['source', (d) => (d.source = 'other')],
    ['data value', (d) => (d.data = { name: 'hf-tokm', suggestion: 'hf-token' })],
    ['data key added', (d) => (d.data = { name: 'hf-tokn', suggestion: 'hf-token', suggestedName: 'x' })],
    ['data removed', (d) => delete d.data],
    ['related message', (d) => (d.relatedInformation![0]!.message = 'second')],
    ['related range', (d) => (d.relatedInformation![0]!.location.range.end.character = 6)],
    ['related uri', (d) => (d.relatedInformation![0]!.location.uri = 'file:///w/b.runpod.env')],
    ['related removed', (d) => delete d.relatedInformation],
    ['tags', (d) => (d.tags = [1])],
  ];
  for (const [what, change] of changes) {
    it(`sees a different ${what} in the last item`, () => {
      const changed = base();
      change(changed);
      expect(sameDiagnostics([base(), base()], [base(), changed])).toBe(false);
      expect(sameDiagnostics([base(), changed], [base(), base()])).toBe(false);
    });
  }

  it('sees a different length and order', () => {
    const other = { ...base(), code: 'duplicate-key' };
    expect(sameDiagnostics([base()], [base(), base()])).toBe(false);
    expect(sameDiagnostics([base(), other], [other, base()])).toBe(false);
  });
});

describe('ReportIds', () => {
  it('keeps the id while the items stay equal, and gives a never-seen id when they change', () => {
    const ids = new ReportIds('p');
    const first = ids.idFor('u', [base()]);
    expect(first.changed).toBe(true);
    expect(ids.idFor('u', [base()])).toEqual({ id: first.id, changed: false });
    const changed = { ...base(), message: 'other' };
    const second = ids.idFor('u', [changed]);
    expect(second.changed).toBe(true);
    expect(second.id).not.toBe(first.id);
    // Back to the first content: a new id all the same (the client holds the second one).
    const third = ids.idFor('u', [base()]);
    expect(third.changed).toBe(true);
    expect([first.id, second.id]).not.toContain(third.id);
  });

  it('keeps documents apart and starts over for a forgotten one', () => {
    const ids = new ReportIds('p');
    const a = ids.idFor('a', [base()]);
    const b = ids.idFor('b', [base()]);
    expect(b.id).not.toBe(a.id);
    ids.forget('a');
    const again = ids.idFor('a', [base()]);
    expect(again.changed).toBe(true);
    expect(again.id).not.toBe(a.id);
  });

  it('gives two server processes different ids for the same history', () => {
    expect(new ReportIds().idFor('u', []).id).not.toBe(new ReportIds().idFor('u', []).id);
  });
});
