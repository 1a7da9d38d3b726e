/**
 * A held `workspace/diagnostic` request and typing in an open document: a typing pause wakes the
 * request only when the document's diagnostics changed from what the request last looked at and
 * from what the editor's tab pulled itself; otherwise every pause would walk every indexed file.
 */
import { describe, expect, it } from 'vitest';
import { CancellationTokenSource, DiagnosticSeverity, type Diagnostic, type WorkspaceDiagnosticReport } from 'vscode-languageserver';
import { IndexStore, type IndexEntry } from '../../../server/src/index/store';
import { WorkspaceDiagnostics } from '../../../server/src/lsp/workspaceDiagnostics';

const URI = 'file:///w/open.runpod.env';
const problem: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: DiagnosticSeverity.Warning, message: 'unknown secret' };

/** Lets every already-resolved promise run (the fakes below answer at once). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setUp() {
  const store = new IndexStore();
  const entry: IndexEntry = { path: '/w/open.runpod.env', uri: URI, kind: 'runpod-env', source: { kind: 'open', version: 1 }, folder: 'file:///w', references: [], keys: [], hasReferences: true, readInPart: false, template: undefined };
  store.set(entry);
  const state = { id: 'a', items: [problem], pulled: undefined as string | undefined, looks: 0 };
  const diagnostics = new WorkspaceDiagnostics({
    store,
    built: () => true,
    flush: async () => {
      state.looks++;
    },
    isOpen: () => true,
    openReport: async () => ({ version: 1, resultId: state.id, items: state.items }),
    pulledId: () => state.pulled,
    revision: () => ({ settings: 0, catalog: 0 }),
    diagnose: async () => [],
    yieldIfDue: async () => undefined,
  });
  return { diagnostics, state };
}

describe('WorkspaceDiagnostics.openEdited', () => {
  it('wakes a held request only when an open document shows something the client does not hold', async () => {
    const { diagnostics, state } = setUp();
    const cancel = new CancellationTokenSource();
    let answer: WorkspaceDiagnosticReport | undefined;
    void diagnostics.pull({ previousResultIds: [{ uri: URI, value: 'a' }] }, cancel.token).then((r) => (answer = r));
    await settle();
    expect(state.looks).toBe(1);
    // A pause that changed nothing: not woken.
    await diagnostics.openEdited([URI]);
    await settle();
    expect(state.looks).toBe(1);
    // Changed, but the tab already pulled the new diagnostics: not woken either.
    state.id = 'b';
    state.pulled = 'b';
    await diagnostics.openEdited([URI]);
    await settle();
    expect(state.looks).toBe(1);
    // Changed and not pulled by a tab (a document an extension opened): woken and reported.
    state.id = 'c';
    state.items = [];
    await diagnostics.openEdited([URI]);
    await settle();
    expect(state.looks).toBe(2);
    expect(answer?.items).toEqual([{ kind: 'full', uri: URI, version: 1, resultId: 'c', items: [] }]);
    cancel.cancel();
  });
});
