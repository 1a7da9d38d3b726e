/**
 * A tab closed with problems the workspace pull will not report: VS Code's client keeps the tab's
 * last document-pull diagnostics after a close and "relies on the workspace result" for the file
 * from then on (vscode-languageclient diagnostic.ts forgetDocument, which also drops its workspace
 * result id for the file). Found in a real editor: a git-ignored `build/copied.runpod.env` opened
 * and closed again kept its unknown-secret warning in Problems until a reload; so did a clean file
 * closed without saving an edit that had made a typo. The next workspace answer clears such a file.
 */
import { describe, expect, it } from 'vitest';
import type { PreviousResultId, WorkspaceDiagnosticReport } from 'vscode-languageserver/node';
import { FRESH } from '../fixtures';
import { useIndexedWorkspace } from './helpers';

const FILES = {
  '.gitignore': 'build/\n',
  'clean.runpod.env': 'A={{ RUNPOD_SECRET_hf-token }}\n',
  'build/copied.runpod.env': 'A={{ RUNPOD_SECRET_nope }}\n',
  'typo.runpod.env': 'A={{ RUNPOD_SECRET_hf-tokn }}\n',
};

/** The result ids VS Code's client sends back: every file the last answers reported, but `closed`. */
function heldBut(closed: string, ...reports: WorkspaceDiagnosticReport[]): PreviousResultId[] {
  const ids = new Map<string, string>();
  for (const r of reports) for (const i of r.items) if (i.resultId) ids.set(i.uri, i.resultId);
  ids.delete(closed);
  return [...ids].map(([uri, value]) => ({ uri, value }));
}

describe('workspace/diagnostic after a tab with problems closes', () => {
  const session = useIndexedWorkspace(FILES, { initializationOptions: { secrets: FRESH } });

  async function closeWithProblems(uri: string, text: string): Promise<WorkspaceDiagnosticReport> {
    const { client } = session;
    const before = await client.workspaceDiagnostics();
    await client.open(uri, 'runpod-env', text);
    const pulled = await client.pull(uri);
    expect(pulled.kind === 'full' && pulled.items.map((d) => d.code)).toEqual(['unknown-secret']);
    const whileOpen = await client.workspaceDiagnostics(heldBut(uri, before));
    await client.close(uri);
    // The client's last document pull for the closed file (its answer is not shown), then its next
    // workspace request, without a result id for the closed file. A file left out holds it: a timeout.
    await client.pull(uri);
    return client.workspaceDiagnostics(heldBut(uri, before, whileOpen));
  }

  it('clears a file outside the index (a git-ignored folder) once its tab closes', async () => {
    const { ws } = session;
    const uri = ws.uriOf('build/copied.runpod.env');
    const after = await closeWithProblems(uri, 'A={{ RUNPOD_SECRET_nope }}\n');
    expect(after.items.filter((i) => i.uri === uri).map((i) => i.kind === 'full' && i.items.length)).toEqual([0]);
  });

  it('clears a file whose unsaved typo closed with its tab: the file on disk is clean', async () => {
    const { ws } = session;
    const uri = ws.uriOf('clean.runpod.env');
    const after = await closeWithProblems(uri, 'A={{ RUNPOD_SECRET_hf-tokn }}\n');
    expect(after.items.filter((i) => i.uri === uri).map((i) => i.kind === 'full' && i.items.length)).toEqual([0]);
  });

  it('reports a closed file that still has problems on disk with them, not cleared', async () => {
    const { ws } = session;
    const uri = ws.uriOf('typo.runpod.env');
    const after = await closeWithProblems(uri, 'A={{ RUNPOD_SECRET_hf-tokn }}\n');
    expect(after.items.filter((i) => i.uri === uri).map((i) => i.kind === 'full' && i.items.map((d) => d.code))).toEqual([['unknown-secret']]);
  });
});
