/**
 * `workspace/diagnostic` (LSP 3.17 pull): every RunPod file nobody opened is reported, so the
 * Problems view lists a typo in one; a file whose diagnostics the client holds is left out until
 * they change; a request with nothing new is held until something changes (a file on disk, the
 * secret list); open documents are reported from their open text, with the document pull's ids.
 */
import { describe, expect, it } from 'vitest';
import { CancellationTokenSource, type PreviousResultId, type WorkspaceDiagnosticReport, type WorkspaceFullDocumentDiagnosticReport } from 'vscode-languageserver/node';
import { FRESH } from '../fixtures';
import { CHANGED, DELETED, usages, useIndexedWorkspace } from './helpers';

const FILES = {
  'deploy/train.runpod.env': 'HF_TOKEN={{ RUNPOD_SECRET_hf-tokn }}\nDB={{ RUNPOD_SECRET_db_password }}\n',
  'pod.runpod.json': '{ "env": { "HF": "{{ RUNPOD_SECRET_hf-token }}" } }\n',
  'serve/runpod.toml': '[project.env_vars]\nHF = "{{RUNPOD_SECRET_hf-token}}"\n',
  'clean.runpod.env': 'MODEL=llama\n',
  // Clean too: its size in bytes (UTF-8) is larger than its length in characters.
  'greeting.runpod.env': 'GREETING=grüße 😀\n',
};

function full(report: WorkspaceDiagnosticReport): WorkspaceFullDocumentDiagnosticReport[] {
  return report.items.filter((i): i is WorkspaceFullDocumentDiagnosticReport => i.kind === 'full');
}

/** The result ids a client holds after `report`s, as it sends them back. */
function held(...reports: WorkspaceDiagnosticReport[]): PreviousResultId[] {
  const ids = new Map<string, string>();
  for (const r of reports) for (const i of r.items) if (i.resultId) ids.set(i.uri, i.resultId);
  return [...ids].map(([uri, value]) => ({ uri, value }));
}

describe('workspace/diagnostic', () => {
  const session = useIndexedWorkspace(FILES, { initializationOptions: { secrets: FRESH } });

  it('reports the problems of files nobody opened, each with a result id; clean files are not listed', async () => {
    const { ws, client } = session;
    const report = await client.workspaceDiagnostics();
    const byUri = new Map(full(report).map((r) => [r.uri, r]));
    const typo = byUri.get(ws.uriOf('deploy/train.runpod.env'))!;
    expect(typo.items.map((d) => [d.code, d.range.start.line])).toEqual([['unknown-secret', 0]]);
    expect(typo.items[0]!.message).toContain('hf-token');
    expect(typo.version).toBeNull();
    expect(typo.resultId).toBeTruthy();
    expect(byUri.get(ws.uriOf('serve/runpod.toml'))!.items.map((d) => d.code)).toEqual(['noncanonical-reference']);
    expect(byUri.has(ws.uriOf('clean.runpod.env'))).toBe(false);
    expect(byUri.get(ws.uriOf('greeting.runpod.env'))?.items.map((d) => d.code)).toBeUndefined();
    expect(byUri.has(ws.uriOf('pod.runpod.json'))).toBe(false);
  });

  it('with the result ids it sent, the client hears only of a file that changed, when it changes', async () => {
    const { ws, client } = session;
    const first = await client.workspaceDiagnostics();
    const pending = client.workspaceDiagnostics(held(first));
    let answered = false;
    void pending.then(() => (answered = true));
    // Requests sent after it are answered first: nothing changed, so it is held, not answered with every file again.
    await usages(client);
    await usages(client);
    expect(answered).toBe(false);
    const uri = ws.write('deploy/train.runpod.env', 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nDB={{ RUNPOD_SECRET_db_pasword }}\n');
    await client.watchedFiles([{ uri, type: CHANGED }]);
    const second = await pending;
    expect(second.items.map((i) => i.uri)).toEqual([uri]);
    const [report] = full(second);
    expect(report!.items.map((d) => [d.code, d.range.start.line])).toEqual([['unknown-secret', 1]]);
    expect(report!.resultId).not.toBe(held(first).find((p) => p.uri === uri)!.value);
  });

  it('a file fixed on disk is reported once with no diagnostics; a deleted one is cleared', async () => {
    const { ws, client } = session;
    const before = await client.workspaceDiagnostics();
    const fixed = ws.write('deploy/train.runpod.env', 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\n');
    ws.remove('serve/runpod.toml');
    const toml = ws.uriOf('serve/runpod.toml');
    await client.watchedFiles([
      { uri: fixed, type: CHANGED },
      { uri: toml, type: DELETED },
    ]);
    const after = await client.workspaceDiagnostics(held(before));
    expect(full(after).map((r) => [r.uri, r.items.length]).sort()).toEqual([
      [fixed, 0],
      [toml, 0],
    ].sort());
  });

  it('a new secret list re-checks every file: the typo becomes valid once the secret exists', async () => {
    const { ws, client } = session;
    const uri = ws.write('typo.runpod.env', 'X={{ RUNPOD_SECRET_brand-new }}\n');
    await client.watchedFiles([{ uri, type: 1 }]);
    const before = await client.workspaceDiagnostics();
    expect(full(before).find((r) => r.uri === uri)!.items.map((d) => d.code)).toEqual(['unknown-secret']);
    const refreshes = client.refreshCount;
    await client.secretsChanged({ ...FRESH, secrets: [...FRESH.secrets, { name: 'brand-new' }] });
    const after = await client.workspaceDiagnostics(held(before));
    expect(full(after).find((r) => r.uri === uri)!.items).toEqual([]);
    // Open documents are asked to pull again too (workspace/diagnostic/refresh).
    await client.waitFor(() => client.refreshCount > refreshes, 'a diagnostic refresh');
    await client.secretsChanged(FRESH);
  });

  it('leaves open documents to the document pull, and reports the file again from disk once closed', async () => {
    const { ws, client } = session;
    const uri = ws.write('open.runpod.env', 'A={{ RUNPOD_SECRET_nope }}\n');
    await client.watchedFiles([{ uri, type: 1 }]);
    await client.open(uri, 'runpod-env', 'A={{ RUNPOD_SECRET_hf-token }}\n');
    const whileOpen = await client.workspaceDiagnostics();
    expect(whileOpen.items.map((i) => i.uri)).not.toContain(uri);
    await client.close(uri);
    const closed = await client.workspaceDiagnostics(held(whileOpen));
    expect(full(closed).find((r) => r.uri === uri)!.items.map((d) => d.code)).toEqual(['unknown-secret']);
  });

  it('reports an open document from its open text, so a document the editor holds without pulling it still follows its edits', async () => {
    // VS Code pulls document diagnostics only for documents shown in a tab; one an extension opened
    // (workspace.openTextDocument, a WorkspaceEdit) is open on the server all the same.
    const { ws, client } = session;
    const text = 'A={{ RUNPOD_SECRET_hf-tokn }}\n';
    const uri = ws.write('held.runpod.env', text);
    await client.watchedFiles([{ uri, type: 1 }]);
    await client.open(uri, 'runpod-env', text);
    const whileOpen = await client.workspaceDiagnostics();
    const open = full(whileOpen).find((r) => r.uri === uri);
    expect(open?.items.map((d) => d.code)).toEqual(['unknown-secret']);
    expect(open?.version).toBe(1);
    // The file is fixed outside the editor: VS Code reloads the document it holds (a didChange).
    await client.change(uri, text.indexOf('tokn'), text.indexOf('tokn') + 4, 'token');
    const fixed = await client.workspaceDiagnostics(held(whileOpen));
    expect(full(fixed).find((r) => r.uri === uri)).toMatchObject({ version: 2, items: [] });
    // A client that pulls the document itself holds the document pull's id: not told the same items again.
    await client.change(uri, 0, 0, 'B={{ RUNPOD_SECRET_nope }}\n');
    const pulled = await client.pull(uri);
    const pending = client.workspaceDiagnostics([...held(whileOpen, fixed).filter((p) => p.uri !== uri), { uri, value: pulled.resultId! }]);
    let answered = false;
    void pending.then(() => (answered = true));
    await usages(client);
    await usages(client);
    expect(answered).toBe(false);
    await client.close(uri);
    expect(full(await pending).find((r) => r.uri === uri)?.items.map((d) => d.code)).toEqual(['unknown-secret']);
  });

  it('a held request does not resend a tab\'s diagnostics that the tab pulled itself after an edit', async () => {
    // VS Code's client never cancels a workspace pull on an edit: the held request carries the tab's
    // first document-pull id while the tab pulls the edited document itself.
    const { ws, client } = session;
    const text = 'A={{ RUNPOD_SECRET_hf-token }}\n';
    const uri = ws.write('tab.runpod.env', text);
    await client.watchedFiles([{ uri, type: 1 }]);
    await client.open(uri, 'runpod-env', text);
    const first = await client.pull(uri);
    const before = await client.workspaceDiagnostics();
    const pending = client.workspaceDiagnostics([...held(before).filter((p) => p.uri !== uri), { uri, value: first.resultId! }]);
    await client.change(uri, 0, 0, 'B={{ RUNPOD_SECRET_nope }}\n');
    const second = await client.pull(uri, first.resultId);
    expect(second.kind === 'full' && second.items.map((d) => d.code)).toEqual(['unknown-secret']);
    // Another file changes: the held request answers with that file only.
    const other = ws.write('deploy/train.runpod.env', 'HF_TOKEN={{ RUNPOD_SECRET_hf-toke }}\n');
    await client.watchedFiles([{ uri: other, type: CHANGED }]);
    expect((await pending).items.map((i) => i.uri)).toEqual([other]);
    await client.close(uri);
  });

  it('a held request ends when the client cancels it', async () => {
    const { client } = session;
    const first = await client.workspaceDiagnostics();
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('workspace/diagnostic', { previousResultIds: held(first) }, source.token);
    await usages(client);
    source.cancel();
    await expect(pending.then((r) => (r as WorkspaceDiagnosticReport).items, () => 'cancelled')).resolves.toSatisfy((r) => r === 'cancelled' || (Array.isArray(r) && r.length === 0));
  });
});
