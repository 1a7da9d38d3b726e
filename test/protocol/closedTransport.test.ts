/**
 * A client that misbehaves at the transport: closes the server's stdout, or sends a notification
 * whose params are null. The server neither crashes with a stack trace nor skips its work.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LspClient, ensureServerBuilt } from './lspClient';

ensureServerBuilt();

const clients: LspClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
});

describe('a client that closes the server\'s stdout', () => {
  it('does not make the server print a stack trace or exit 7', async () => {
    const client = await LspClient.start();
    clients.push(client);
    const uri = 'file:///closed/a.runpod.env';
    client.process.stdout.destroy();
    // Every answer is now written to a closed pipe (EPIPE).
    for (let i = 0; i < 20; i++) {
      void client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 5 } }).catch(() => undefined);
    }
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'runpod-env', version: 1, text: 'A={{ RUNPOD_SECRET_q }}' } });
    // It says so once on stderr (where else), without the frames of a stack trace; it does not crash.
    await client.waitFor(() => client.errorOutput.length > 0 || !client.alive, 'a line on stderr or an exit');
    expect(client.errorOutput).toMatch(/^runpod language server: the connection to the client is closed; [^\n]*\n$/);
    expect(client.alive).toBe(true);
    const exited = new Promise<number | null>((resolve) => client.process.once('exit', (c) => resolve(c)));
    client.process.stdin.end();
    expect(await exited).not.toBe(7);
  });
});

describe('workspace/didChangeConfiguration with params null', () => {
  it('still pulls the settings and revalidates, with no TypeError in the log', async () => {
    const client = await LspClient.start();
    clients.push(client);
    const uri = 'file:///nullparams/a.runpod.env';
    await client.open(uri, 'runpod-env', 'A={{ RUNPOD_SECRET_nope }}\n');
    await client.secretsChanged({ state: 'fresh', secrets: [{ name: 'other' }] });
    await client.waitFor(() => client.refreshCount > 0, 'refresh after the secret list');
    expect(await client.diagnostics(uri)).toHaveLength(1);
    const refreshes = client.refreshCount;
    const pulls = client.configurationRequests;
    await client.connection.sendNotification('workspace/didChangeConfiguration', null);
    await client.waitFor(() => client.refreshCount > refreshes, 'refresh after the settings change');
    // The settings are pulled again (lazily, by the next request that needs them).
    expect(await client.diagnostics(uri)).toHaveLength(1);
    expect(client.configurationRequests).toBeGreaterThan(pulls);
    expect(client.logs.join('\n')).not.toMatch(/TypeError/);
  });
});
