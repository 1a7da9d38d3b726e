import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toCodeActions } from '../../../server/src/lsp/codeActions';
import { toDiagnostics } from '../../../server/src/lsp/diagnostics';
import { DEFAULT_SETTINGS } from '../../../server/src/lsp/settings';
import type { CodeActionCandidate, Problem, SecretCatalog } from '../../../server/src/template/types';

const catalog: SecretCatalog = { state: 'fresh', secrets: [{ name: 'hf-token' }] };
const text = 'HF={{ RUNPOD_SECRET_hf-tokn }}\nOPENAI_API_KEY=sk-proj-abc\n';
const doc = TextDocument.create('file:///w/a.runpod.env', 'runpod-env', 1, text);
const nameSpan = { start: text.indexOf('hf-tokn'), end: text.indexOf('hf-tokn') + 7 };
const valueSpan = { start: text.indexOf('sk-'), end: text.indexOf('sk-') + 'sk-proj-abc'.length };
const unknownSecret: Problem = { code: 'unknown-secret', span: nameSpan, message: 'Unknown secret', severity: 'warning', data: { name: 'hf-tokn' } };
const credential: Problem = { code: 'hardcoded-credential', span: valueSpan, message: 'Looks like a credential', severity: 'warning' };

const candidates: CodeActionCandidate[] = [
  { title: 'Replace with `hf-token`', kind: 'quickfix', isPreferred: true, fixes: [unknownSecret], edits: [{ span: nameSpan, newText: 'hf-token' }] },
  { title: 'Create secret `hf-tokn`...', kind: 'quickfix', fixes: [unknownSecret], command: { command: 'runpod.secrets.create', name: 'hf-tokn' } },
  {
    title: 'Move value into a RunPod secret...',
    kind: 'refactor.rewrite',
    fixes: [credential],
    command: { command: 'runpod.secrets.createFromValue', span: valueSpan, suggestedName: 'openai-api-key' },
  },
];

describe('code action candidates to LSP code actions', () => {
  it('turns edits into a WorkspaceEdit and commands into the extension command ids with their args', () => {
    const [replace, create, move] = toCodeActions(doc, candidates, { diagnostics: [] }, DEFAULT_SETTINGS, catalog);
    expect(replace).toMatchObject({
      kind: 'quickfix',
      isPreferred: true,
      edit: { changes: { [doc.uri]: [{ range: { start: { line: 0, character: 20 }, end: { line: 0, character: 27 } }, newText: 'hf-token' }] } },
    });
    expect(create!.command).toEqual({ title: 'Create secret `hf-tokn`...', command: 'runpod.secrets.create', arguments: [{ name: 'hf-tokn' }] });
    expect(move!.kind).toBe('refactor.rewrite');
    expect(move!.command).toEqual({
      title: 'Move value into a RunPod secret...',
      command: 'runpod.secrets.createFromValue',
      arguments: [{ uri: doc.uri, range: { start: { line: 1, character: 15 }, end: { line: 1, character: 26 } }, suggestedName: 'openai-api-key' }],
    });
    // The server passes a range, never the value itself.
    expect(JSON.stringify(move)).not.toContain('sk-proj-abc');
  });

  it("attaches the client's own diagnostic objects when they match by code and range", () => {
    const sent = toDiagnostics(doc, [unknownSecret], DEFAULT_SETTINGS, catalog).map((d) => ({ ...d, message: 'as the client has it' }));
    const [replace] = toCodeActions(doc, candidates, { diagnostics: sent }, DEFAULT_SETTINGS, catalog);
    expect(replace!.diagnostics).toEqual(sent);
  });

  it('returns only the kinds the client asked for', () => {
    const onlyRefactor = toCodeActions(doc, candidates, { diagnostics: [], only: ['refactor'] }, DEFAULT_SETTINGS, catalog);
    expect(onlyRefactor.map((a) => a.title)).toEqual(['Move value into a RunPod secret...']);
    const onlyQuickfix = toCodeActions(doc, candidates, { diagnostics: [], only: ['quickfix'] }, DEFAULT_SETTINGS, catalog);
    expect(onlyQuickfix).toHaveLength(2);
  });
});
