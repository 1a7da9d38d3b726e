/**
 * secret-rotation-due and the value's age over stdio: the server reads runpod.secrets.rotationDays
 * and judges the catalog's dates by its own clock. Dates here are relative to the real clock, so
 * the verdicts hold whatever day the tests run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { SecretsChangedParams } from '../../server/src/protocol';
import { uri } from './fixtures';
import { LspClient, ensureServerBuilt } from './lspClient';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY - 60_000).toISOString();
const CATALOG: SecretsChangedParams = {
  state: 'fresh',
  fetchedAt: new Date().toISOString(),
  secrets: [
    { name: 'old-token', description: null, createdAt: daysAgo(400), valueLastUpdatedAt: daysAgo(120) },
    { name: 'new-token', description: null, createdAt: daysAgo(400), valueLastUpdatedAt: daysAgo(10) },
  ],
};
const TEXT = 'OLD={{ RUNPOD_SECRET_old-token }}\nNEW={{ RUNPOD_SECRET_new-token }}\n';

describe('secret-rotation-due over stdio', () => {
  let client: LspClient;
  let settings: unknown = { secrets: {} }; // the default policy (90 days)
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: CATALOG }, configuration: () => settings });
  });
  afterAll(() => client.stop());

  it('is a hint on references to values older than the default 90 days, only those', async () => {
    const u = uri('a.runpod.env');
    const doc = await client.open(u, 'runpod-env', TEXT);
    const due = (await client.diagnostics(u)).filter((d) => d.code === 'secret-rotation-due');
    expect(due.map((d) => [doc.getText(d.range), d.severity, d.source])).toEqual([['old-token', DiagnosticSeverity.Hint, 'runpod']]);
    expect(due[0]!.message).toContain('value set 120 days ago, more than the 90 days');
  });

  it('follows runpod.secrets.rotationDays: a shorter policy flags both, 0 turns it off, the severity setting applies', async () => {
    const u = uri('b.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    const codes = async () => (await client.diagnostics(u)).filter((d) => d.code === 'secret-rotation-due');
    settings = { secrets: { rotationDays: 7 } };
    await client.configurationChanged();
    expect(await codes()).toHaveLength(2);
    settings = { secrets: { rotationDays: 0 } };
    await client.configurationChanged();
    expect(await codes()).toEqual([]);
    settings = { secrets: { rotationDays: 90 }, diagnostics: { severity: { 'secret-rotation-due': 'warning' } } };
    await client.configurationChanged();
    expect((await codes()).map((d) => d.severity)).toEqual([DiagnosticSeverity.Warning]);
    settings = { secrets: {} };
    await client.configurationChanged();
  });

  it('the hover says how old the value is and that it is due', async () => {
    const u = uri('c.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    const old = await client.hover(u, TEXT.indexOf('old-token') + 2);
    expect(JSON.stringify(old?.contents)).toContain('Due for rotation:** value set 120 days ago');
    const young = await client.hover(u, TEXT.indexOf('new-token') + 2);
    expect(JSON.stringify(young?.contents)).toContain('Value set 10 days ago.');
  });

  it('offers "Rotate Secret old-token..." on a reference due for rotation: the extension\'s Rotate command with the name, resolving the hint', async () => {
    const u = uri('d.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    const due = (await client.diagnostics(u)).filter((d) => d.code === 'secret-rotation-due');
    const at = TEXT.indexOf('old-token') + 2;
    const actions = await client.codeActions(u, at, at, due);
    const rotate = actions.filter((a) => a.command?.command === 'runpod.secrets.rotate');
    expect(rotate.map((a) => [a.title, a.kind, a.command?.arguments])).toEqual([['Rotate Secret old-token...', 'quickfix', ['old-token']]]);
    expect(rotate[0]!.diagnostics).toEqual(due);
    // A value not due: no such action.
    const young = TEXT.indexOf('new-token') + 2;
    expect((await client.codeActions(u, young, young)).filter((a) => a.command?.command === 'runpod.secrets.rotate')).toEqual([]);
  });
});
