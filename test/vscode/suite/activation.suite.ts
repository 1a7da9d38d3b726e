/**
 * The extension activates on a runpod-env file, its commands are registered, and the language
 * server it starts carries none of the extension host's environment.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as vscode from 'vscode';
import type Mocha from 'mocha';
import { EXTENSION_ID, openWorkspaceFile, waitFor } from './harness';

export function registerActivationTests({ describe, it }: Mocha.MochaGlobals): void {
  describe('activation', () => {
    it('activates when a runpod-env file is opened', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not installed in this editor`);
      const editor = await openWorkspaceFile('runpod.env');
      assert.equal(editor.document.languageId, 'runpod-env');
      await waitFor('the extension to be active', () => extension.isActive);
    });

    it('registers the secret and Launch Pod commands', async () => {
      const commands = await vscode.commands.getCommands(true);
      for (const id of ['runpod.secrets.create', 'runpod.secrets.refresh', 'runpod.secrets.insertReference', 'runpod.launchPod']) {
        assert.ok(commands.includes(id), `command ${id} is not registered`);
      }
    });

    it('starts the language server without RUNPOD_API_KEY or anything else of the host environment', async () => {
      const key = process.env.RUNPOD_API_KEY;
      assert.ok(key, 'the runner hands the key to this editor as RUNPOD_API_KEY');
      const pid = await waitFor('the language server process (dist/server.js, a child of this extension host)', () =>
        childProcesses(process.pid).find((child) => child.cmdline.includes('dist/server.js'))?.pid,
      );
      const environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
      const names = environ.split('\0').filter(Boolean).map((entry) => entry.slice(0, entry.indexOf('=')));
      assert.ok(!environ.includes(key), 'the server environment holds the API key');
      for (const dropped of ['RUNPOD_API_KEY', 'NODE_OPTIONS', 'VSCODE_OPTIONS']) {
        assert.ok(!names.includes(dropped), `the server environment has ${dropped}`);
      }
      assert.ok(names.includes('PATH'), `the server environment lacks PATH: ${names.join(', ')}`);
    });
  });
}

/** The children of a process, from /proc (Linux, where this suite runs). */
function childProcesses(parent: number): { pid: number; cmdline: string }[] {
  const children: { pid: number; cmdline: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so split after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== parent) continue;
      children.push({ pid: Number(entry), cmdline: readFileSync(`/proc/${entry}/cmdline`, 'latin1').replaceAll('\0', ' ') });
    } catch {
      // The process ended while being read.
    }
  }
  return children;
}
