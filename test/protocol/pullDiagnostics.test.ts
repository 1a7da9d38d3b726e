import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { FRESH, STALE, UNKNOWN, TYPO_TEXT as TEXT, unknownSecrets, uri } from './fixtures';
import { LspClient, ensureServerBuilt, rangeInside } from './lspClient';

describe('pull diagnostics (textDocument/diagnostic), as VS Code asks for them', () => {
  let client: LspClient;
  let settings: unknown = null;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: FRESH }, configuration: () => settings });
  });
  afterAll(() => client.stop());

  it('flags an unknown secret with source runpod, a warning, the closest name and a range inside the document', async () => {
    const u = uri('a.runpod.env');
    const doc = await client.open(u, 'runpod-env', TEXT);
    const [diagnostic, ...rest] = unknownSecrets(await client.diagnostics(u));
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ source: 'runpod', code: 'unknown-secret', severity: DiagnosticSeverity.Warning });
    expect(diagnostic!.message).toContain('hf-tokn');
    expect(diagnostic!.message).toContain('hf-token');
    expect(rangeInside(doc, diagnostic!.range)).toBe(true);
    expect(doc.getText(diagnostic!.range)).toContain('hf-tokn');
  });

  it('follows incremental edits: fixing the typo removes the diagnostic, a new typo adds one', async () => {
    const u = uri('b.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    expect(unknownSecrets(await client.diagnostics(u))).toHaveLength(1);
    const at = client.doc(u).getText().indexOf('hf-tokn') + 'hf-tok'.length;
    await client.change(u, at, at, 'e');
    expect(client.doc(u).getText()).toContain('{{ RUNPOD_SECRET_hf-token }}');
    expect(unknownSecrets(await client.diagnostics(u))).toEqual([]);
    const db = client.doc(u).getText().indexOf('db_password');
    await client.change(u, db, db + 2, 'DB');
    const after = unknownSecrets(await client.diagnostics(u));
    expect(after).toHaveLength(1);
    expect(client.doc(u).getText(after[0]!.range)).toContain('DB_password');
  });

  it('answers "unchanged" when nothing changed since the previous result id', async () => {
    const u = uri('c.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    const first = await client.pull(u);
    expect(first.kind).toBe('full');
    const second = await client.pull(u, (first as { resultId?: string }).resultId);
    expect(second.kind).toBe('unchanged');
    await client.change(u, 0, 0, '# comment\n');
    expect((await client.pull(u, (first as { resultId?: string }).resultId)).kind).toBe('full');
  });

  it('follows runpod/secretsChanged: unknown silences, fresh warns, stale informs with the fetch time', async () => {
    const u = uri('d.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    let refreshes = client.refreshCount;

    await client.secretsChanged(UNKNOWN);
    await client.waitFor(() => client.refreshCount > refreshes, 'refresh after unknown');
    expect(unknownSecrets(await client.diagnostics(u))).toEqual([]);

    refreshes = client.refreshCount;
    await client.secretsChanged(FRESH);
    await client.waitFor(() => client.refreshCount > refreshes, 'refresh after fresh');
    expect(unknownSecrets(await client.diagnostics(u)).map((d) => d.severity)).toEqual([DiagnosticSeverity.Warning]);

    refreshes = client.refreshCount;
    await client.secretsChanged(STALE);
    await client.waitFor(() => client.refreshCount > refreshes, 'refresh after stale');
    const [stale] = unknownSecrets(await client.diagnostics(u));
    expect(stale!.severity).toBe(DiagnosticSeverity.Information);
    expect(stale!.message).toContain('2026-11-20');

    // A secret created since: the reference becomes valid.
    refreshes = client.refreshCount;
    await client.secretsChanged({ ...FRESH, secrets: [...FRESH.secrets, { name: 'hf-tokn' }] });
    await client.waitFor(() => client.refreshCount > refreshes, 'refresh after create');
    expect(unknownSecrets(await client.diagnostics(u))).toEqual([]);
    await client.secretsChanged(FRESH);
  });

  it('ignores a malformed secretsChanged: keeps the list, no refresh, logs why', async () => {
    const u = uri('e.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    const before = await client.diagnostics(u);
    const refreshes = client.refreshCount;
    await client.secretsChanged({ state: 'fresh', secrets: 'not a list' });
    await client.waitFor(() => client.logs.some((l) => l.includes('Ignored runpod/secretsChanged')), 'log line');
    expect(client.refreshCount).toBe(refreshes);
    expect(await client.diagnostics(u)).toEqual(before);
  });

  it('applies runpod.diagnostics.severity from workspace/configuration, re-read on didChangeConfiguration', async () => {
    const u = uri('f.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    settings = { diagnostics: { severity: { 'unknown-secret': 'error' } } };
    let refreshes = client.refreshCount;
    await client.configurationChanged();
    await client.waitFor(() => client.refreshCount > refreshes, 'refresh after settings');
    expect(unknownSecrets(await client.diagnostics(u)).map((d) => d.severity)).toEqual([DiagnosticSeverity.Error]);

    settings = { diagnostics: { severity: { 'unknown-secret': 'off' } } };
    refreshes = client.refreshCount;
    await client.configurationChanged();
    await client.waitFor(() => client.refreshCount > refreshes, 'refresh after off');
    expect(unknownSecrets(await client.diagnostics(u))).toEqual([]);

    // The client answers nothing (or garbage): defaults apply again.
    for (const answer of [null, 'garbage', { diagnostics: { severity: { 'unknown-secret': 'loud' } } }]) {
      settings = answer;
      await client.configurationChanged();
      expect(unknownSecrets(await client.diagnostics(u)).map((d) => d.severity)).toEqual([DiagnosticSeverity.Warning]);
    }
  });

  it('serves dotenv files with reference diagnostics only, and ignores unrelated documents', async () => {
    const dotenv = uri('.env');
    await client.open(dotenv, 'dotenv', 'A=1\nA=2\nnot a line\nHF={{ RUNPOD_SECRET_hf-tokn }}\n');
    const codes = (await client.diagnostics(dotenv)).map((d) => d.code);
    expect(codes).toContain('unknown-secret');
    expect(codes).not.toContain('duplicate-key');
    expect(codes).not.toContain('missing-equals');

    const other = uri('package.json');
    await client.open(other, 'json', '{ "env": { "HF": "{{ RUNPOD_SECRET_hf-tokn }}" } }');
    expect(await client.diagnostics(other)).toEqual([]);
  });
});
