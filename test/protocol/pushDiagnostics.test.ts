import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { FRESH, UNKNOWN, uri } from './fixtures';
import { LspClient, PUSH_CAPABILITIES, ensureServerBuilt } from './lspClient';

const TEXT = 'HF_TOKEN={{ RUNPOD_SECRET_hf-tokn }}\n';

describe('push diagnostics for clients without pull (e.g. Neovim 0.7)', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ capabilities: PUSH_CAPABILITIES, initializationOptions: { secrets: FRESH } });
  });
  afterAll(() => client.stop());

  it('publishes on open and on every change, tagged with the document version', async () => {
    const u = uri('a.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    expect((await client.pushedFor(u, 1)).map((d) => d.code)).toContain('unknown-secret');
    const at = TEXT.indexOf('hf-tokn') + 'hf-tok'.length;
    await client.change(u, at, at, 'e');
    expect((await client.pushedFor(u, 2)).filter((d) => d.code === 'unknown-secret')).toEqual([]);
    // No configuration request: this client does not support workspace/configuration.
    expect(client.configurationRequests).toBe(0);
  });

  it('re-publishes open documents when the secret list or the pushed settings change', async () => {
    const u = uri('b.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    await client.pushedFor(u, 1);
    const count = (): number => client.pushed.filter((p) => p.uri === u).length;

    let seen = count();
    await client.secretsChanged(UNKNOWN);
    await client.waitFor(() => count() > seen, 'push after unknown');
    expect(client.pushed.filter((p) => p.uri === u).at(-1)!.diagnostics.filter((d) => d.code === 'unknown-secret')).toEqual([]);

    seen = count();
    await client.secretsChanged(FRESH);
    await client.waitFor(() => count() > seen, 'push after fresh');
    seen = count();
    await client.configurationChanged({ runpod: { diagnostics: { severity: { 'unknown-secret': 'hint' } } } });
    await client.waitFor(() => count() > seen, 'push after settings');
    const latest = client.pushed.filter((p) => p.uri === u).at(-1)!.diagnostics.filter((d) => d.code === 'unknown-secret');
    expect(latest.map((d) => d.severity)).toEqual([DiagnosticSeverity.Hint]);
    await client.configurationChanged({ runpod: {} });
  });

  it('clears diagnostics when the document closes', async () => {
    const u = uri('c.runpod.env');
    await client.open(u, 'runpod-env', TEXT);
    await client.pushedFor(u, 1);
    const before = client.pushed.length;
    await client.close(u);
    await client.waitFor(() => client.pushed.slice(before).some((p) => p.uri === u), 'clearing push');
    expect(client.pushed.slice(before).find((p) => p.uri === u)!.diagnostics).toEqual([]);
  });
});
