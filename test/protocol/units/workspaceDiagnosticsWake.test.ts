/**
 * A held `workspace/diagnostic` request and typing in an open document: a typing pause wakes the
 * request only when the document's diagnostics changed from what the request last looked at and
 * from what the editor's tab pulled itself; otherwise every pause would walk every indexed file.
 */
import { describe, expect, it } from 'vitest';
import { CancellationTokenSource, DiagnosticSeverity, type Diagnostic, type WorkspaceDiagnosticReport } from 'vscode-languageserver';
import { IndexStore, type IndexEntry } from '../../../server/src/index/store';
import { WorkspaceDiagnostics } from '../../../server/src/lsp/workspaceDiagnostics';
import { NO_KEYS } from '../../../server/src/index/keyColumns';

const URI = 'file:///w/open.runpod.env';
const problem: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: DiagnosticSeverity.Warning, message: 'unknown secret' };

/** Lets every already-resolved promise run (the fakes below answer at once). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const OTHER = 'file:///w/other.runpod.env';

function openEntry(uri: string): IndexEntry {
  return { path: new URL(uri).pathname, uri, kind: 'runpod-env', source: { kind: 'open', version: 1 }, folder: 'file:///w', references: [], keys: NO_KEYS, hasReferences: true, readInPart: false, template: undefined };
}

/** URI is the document under test (its diagnostics in `state`); OTHER, a clean open document whose id is always 'x'. */
function setUp(initial: { id: string; items: Diagnostic[]; pulled: string | undefined }, flush?: () => Promise<void>) {
  const store = new IndexStore();
  store.set(openEntry(URI));
  store.set(openEntry(OTHER));
  const state = { ...initial, looks: 0 };
  const diagnostics = new WorkspaceDiagnostics({
    store,
    built: () => true,
    flush:
      flush ??
      (async () => {
        state.looks++;
      }),
    isOpen: () => true,
    openReport: async (e) => (e.uri === URI ? { version: 1, resultId: state.id, items: state.items } : { version: 1, resultId: 'x', items: [] }),
    pulledId: (uri) => (uri === URI ? state.pulled : undefined),
    revision: () => ({ settings: 0, catalog: 0 }),
    diagnose: async () => [],
    yieldIfDue: async () => undefined,
  });
  return { diagnostics, state };
}

describe('WorkspaceDiagnostics.openEdited', () => {
  it('wakes a held request only when an open document shows something the client does not hold', async () => {
    const { diagnostics, state } = setUp({ id: 'a', items: [problem], pulled: undefined });
    const cancel = new CancellationTokenSource();
    let answer: WorkspaceDiagnosticReport | undefined;
    void diagnostics.pull({ previousResultIds: [{ uri: URI, value: 'a' }, { uri: OTHER, value: 'x' }] }, cancel.token).then((r) => (answer = r));
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

  it('wakes a held request that does not hold a document whose tab pulled a new problem', async () => {
    // A clean file the workspace pull never reported gets a problem in a tab that changes no index
    // fact (a bad value). Left out, the file stays unreported: once the tab closes and the file is
    // fixed outside a tab, no pass would ever clear the tab's last problem from Problems.
    const { diagnostics, state } = setUp({ id: 'a', items: [], pulled: 'a' });
    const cancel = new CancellationTokenSource();
    let answer: WorkspaceDiagnosticReport | undefined;
    // The client holds only the other file: the open one was clean and never reported.
    void diagnostics.pull({ previousResultIds: [{ uri: OTHER, value: 'x' }] }, cancel.token).then((r) => (answer = r));
    await settle();
    expect(state.looks).toBe(1);
    expect(answer).toBeUndefined();
    // The tab pulls the new problem itself; the held request does not hold the document, so it must report it.
    state.id = 'b';
    state.items = [problem];
    state.pulled = 'b';
    await diagnostics.openEdited([URI]);
    await settle();
    expect(state.looks).toBe(2);
    expect(answer?.items).toEqual([{ kind: 'full', uri: URI, version: 1, resultId: 'b', items: [problem] }]);
    cancel.cancel();
  });
});

describe('WorkspaceDiagnostics.pull while the index waits', () => {
  it('answers a cancelled request without waiting for the index flush', async () => {
    // The index's flush never ends here (a storm of file events that goes on).
    const { diagnostics: stuck } = setUp({ id: 'a', items: [problem], pulled: undefined }, () => new Promise<void>(() => undefined));
    const cancel = new CancellationTokenSource();
    let answer: WorkspaceDiagnosticReport | undefined;
    void stuck.pull({ previousResultIds: [] }, cancel.token).then((r) => (answer = r));
    await settle();
    expect(answer).toBeUndefined();
    cancel.cancel();
    await settle();
    expect(answer).toEqual({ items: [] });
  });
});
