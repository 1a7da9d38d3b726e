/**
 * The protocol tests' client (lspClient.ts) says why a server could not start: a server spawned
 * ahead that exited before the start is named with what it printed, as one that exits during it.
 */
import { describe, expect, it } from 'vitest';
import { LspClient, spawnServer } from './lspClient';

/** A server spawned ahead that fails to load: Node cannot find its preload, says so and exits 1. */
function failingServer() {
  return spawnServer(['--require', '/no/such/preload.js']);
}

describe('LspClient.start', () => {
  it('a server spawned ahead that already exited fails the start with what it printed', async () => {
    const child = failingServer();
    await new Promise((resolve) => child.once('exit', resolve));
    await expect(LspClient.start({ process: child })).rejects.toThrow(/exited \(1\) before answering initialize: [^]*Cannot find module '\/no\/such\/preload\.js'/);
  });

  it('refuses nodeArgs for a server spawned ahead: they would silently not apply', async () => {
    const child = failingServer();
    await expect(LspClient.start({ process: child, nodeArgs: ['--cpu-prof'] })).rejects.toThrow(/nodeArgs/);
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
  });
});
