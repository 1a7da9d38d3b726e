import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { FRESH, UNKNOWN, TYPO_TEXT as TEXT, unknownSecrets, uri } from './fixtures';
import { LspClient, PUSH_CAPABILITIES, ensureServerBuilt } from './lspClient';

/** The id of a report (both kinds carry one from this server). */
function idOf(report: DocumentDiagnosticReport): string {
  const id = (report as { resultId?: string }).resultId;
  if (id === undefined) throw new Error('report without a resultId');
  return id;
}

function fullItems(report: DocumentDiagnosticReport): Diagnostic[] {
  if (report.kind !== 'full') throw new Error(`expected a full report, got ${report.kind}`);
  return report.items;
}

describe('pull diagnostics answer "unchanged" when the report is the same, as VS Code expects', () => {
  let client: LspClient;
  let settings: unknown = null;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: FRESH }, configuration: () => settings });
  });
  afterAll(() => client.stop());

  /** Pulls like VS Code: with the last id received; returns the new report and remembers its id. */
  function puller(u: string): () => Promise<DocumentDiagnosticReport> {
    let last: string | undefined;
    return async () => {
      const report = await client.pull(u, last);
      last = idOf(report);
      return report;
    };
  }

  it('typing inside a value with no problem is unchanged; a typo, its fix, and a line shift are full reports', async () => {
    const u = uri('a.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    const pull = puller(u);
    const first = await pull();
    expect(unknownSecrets(fullItems(first))).toHaveLength(1);

    // Type "-Instruct" into MODEL's value, one keystroke at a time: nothing anyone sees changes.
    let at = TEXT.indexOf('\n');
    for (const ch of '-Instruct') {
      await client.change(u, at, at, ch);
      at++;
      const report = await pull();
      expect(report.kind).toBe('unchanged');
      expect(idOf(report)).toBe(idOf(first));
    }

    // A typo in the good reference: a full report with the new diagnostic and a new id.
    const db = client.doc(u).getText().indexOf('db_password');
    await client.change(u, db + 2, db + 2, 'x');
    const typo = await pull();
    const typoItems = unknownSecrets(fullItems(typo));
    expect(typoItems).toHaveLength(2);
    expect(typoItems.map((d) => client.doc(u).getText(d.range))).toContain('dbx_password');
    expect(idOf(typo)).not.toBe(idOf(first));

    // Fixing it: full again, back to one diagnostic.
    await client.change(u, db + 2, db + 3, '');
    const fixed = await pull();
    expect(unknownSecrets(fullItems(fixed))).toHaveLength(1);
    expect(idOf(fixed)).not.toBe(idOf(typo));

    // A new line above the typo moves its range to another line: full, with the new range.
    await client.change(u, 0, 0, '# models\n');
    const shifted = unknownSecrets(fullItems(await pull()));
    expect(shifted.map((d) => d.range.start.line)).toEqual([2]);
    expect(client.doc(u).getText(shifted[0]!.range)).toContain('hf-tokn');
  });

  it('typing on the line of a diagnostic, before it, is full (its characters moved)', async () => {
    const u = uri('b.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    const pull = puller(u);
    const before = unknownSecrets(fullItems(await pull()))[0]!;
    const at = TEXT.indexOf('HF_TOKEN') + 2;
    await client.change(u, at, at, 'X');
    const after = unknownSecrets(fullItems(await pull()))[0]!;
    expect(after.range.start.character).toBe(before.range.start.character + 1);
  });

  it('a secret list change that changes the diagnostics gives a full report, also for an unchanged text', async () => {
    const u = uri('c.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    const pull = puller(u);
    await pull();
    expect((await pull()).kind).toBe('unchanged');

    let refreshes = client.refreshCount;
    await client.secretsChanged(UNKNOWN);
    await client.waitFor(() => client.refreshCount > refreshes, 'refresh after unknown');
    expect(unknownSecrets(fullItems(await pull()))).toEqual([]);

    refreshes = client.refreshCount;
    await client.secretsChanged({ ...FRESH, secrets: [...FRESH.secrets, { name: 'hf-tokn' }] });
    await client.waitFor(() => client.refreshCount > refreshes, 'refresh after a list with the name');
    // Still no unknown-secret, now because the name exists: the same report, so unchanged is right.
    expect((await pull()).kind).toBe('unchanged');

    refreshes = client.refreshCount;
    await client.secretsChanged(FRESH);
    await client.waitFor(() => client.refreshCount > refreshes, 'refresh after fresh');
    expect(unknownSecrets(fullItems(await pull()))).toHaveLength(1);
  });

  it('the same secret list sent again asks the editor for no refresh (each one is a pull of every document)', async () => {
    const u = uri('flood.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    const list = { ...FRESH, secrets: [...FRESH.secrets, { name: 'before-the-flood' }] };
    const refreshes = client.refreshCount;
    await client.secretsChanged(list);
    await client.waitFor(() => client.refreshCount > refreshes, 'refresh after a new list');
    await client.diagnostics(u);
    const after = client.refreshCount;
    for (let i = 0; i < 50; i++) await client.secretsChanged(structuredClone(list));
    // Messages are handled in order and a refresh is sent as its notification is handled: once this
    // answer is here, every refresh the fifty asked for has reached the client before it.
    await client.diagnostics(u);
    expect(client.refreshCount).toBe(after);
  });

  it('a severity setting that changes a diagnostic gives a full report; one that changes nothing stays unchanged', async () => {
    const u = uri('d.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    const pull = puller(u);
    await pull();
    try {
      settings = { diagnostics: { severity: { 'unknown-secret': 'error' } } };
      let refreshes = client.refreshCount;
      await client.configurationChanged();
      await client.waitFor(() => client.refreshCount > refreshes, 'refresh after settings');
      expect(unknownSecrets(fullItems(await pull())).map((d) => d.severity)).toEqual([DiagnosticSeverity.Error]);

      // A code this document does not have: the report is the same.
      settings = { diagnostics: { severity: { 'unknown-secret': 'error', 'duplicate-key': 'hint' } } };
      refreshes = client.refreshCount;
      await client.configurationChanged();
      await client.waitFor(() => client.refreshCount > refreshes, 'refresh after an unrelated setting');
      expect((await pull()).kind).toBe('unchanged');
    } finally {
      settings = null;
      await client.configurationChanged();
    }
    expect(unknownSecrets(fullItems(await pull())).map((d) => d.severity)).toEqual([DiagnosticSeverity.Warning]);
  });

  it('answers full to an id that is not the latest one, to an unknown id, and after close and reopen', async () => {
    const u = uri('e.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    const old = idOf(await client.pull(u));
    const db = TEXT.indexOf('db_password');
    await client.change(u, db, db, 'x');
    const latest = idOf(await client.pull(u, old));
    expect(latest).not.toBe(old);
    // A client that missed the latest answer and still holds the older id must get the whole report.
    expect((await client.pull(u, old)).kind).toBe('full');
    expect((await client.pull(u, 'not-an-id')).kind).toBe('full');
    expect((await client.pull(u, latest)).kind).toBe('unchanged');

    await client.close(u);
    await client.open(u, 'runpod-env', TEXT);
    const reopened = await client.pull(u, latest);
    expect(reopened.kind).toBe('full');
    expect(idOf(reopened)).not.toBe(latest);
  });

  it('an id from another server process (the server restarted) is never taken as current', async () => {
    // Two fresh servers with the same document make the same number of reports: a plain counter
    // would give both the same id, and the restarted one would wrongly answer "unchanged".
    const u = uri('f.runpod.env');
    const before = await LspClient.start({ initializationOptions: { secrets: FRESH } });
    const after = await LspClient.start({ initializationOptions: { secrets: FRESH } });
    try {
      await before.open(u, 'runpod-env', TEXT);
      await after.open(u, 'runpod-env', TEXT);
      const id = idOf(await before.pull(u));
      const report = await after.pull(u, id);
      expect(report.kind).toBe('full');
      expect(unknownSecrets(fullItems(report))).toHaveLength(1);
    } finally {
      await Promise.all([before.stop(), after.stop()]);
    }
  });
});

describe('push diagnostics skip re-publishing an identical set', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ capabilities: PUSH_CAPABILITIES, initializationOptions: { secrets: FRESH } });
  });
  afterAll(() => client.stop());

  const versionsPushed = (u: string): (number | undefined)[] => client.pushed.filter((p) => p.uri === u).map((p) => p.version);

  it('publishes when the diagnostics change, not when a keystroke leaves them as they were', async () => {
    const u = uri('push.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    expect(unknownSecrets(await client.pushedFor(u, 1))).toHaveLength(1);

    // Version 2 types inside MODEL's value. The symbols request after it is answered only after the
    // server has handled the change (and run the push it scheduled), so a v2 push would arrive first.
    const at = TEXT.indexOf('\n');
    await client.change(u, at, at, 'x');
    await client.symbols(u);

    // Version 3 adds a typo: published, with the new diagnostic.
    const db = client.doc(u).getText().indexOf('db_password');
    await client.change(u, db, db, 'x');
    expect(unknownSecrets(await client.pushedFor(u, 3))).toHaveLength(2);
    expect(versionsPushed(u)).toEqual([1, 3]);

    // Version 4 fixes it: published again.
    await client.change(u, db, db + 1, '');
    expect(unknownSecrets(await client.pushedFor(u, 4))).toHaveLength(1);
    expect(versionsPushed(u)).toEqual([1, 3, 4]);
  });
});
