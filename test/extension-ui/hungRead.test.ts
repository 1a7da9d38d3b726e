/**
 * A workspace file on a file system that never answers (a dead network or FUSE mount): its read
 * waits WORKSPACE_READ_WAIT_MS at most, then the file is skipped with a reason, so Find Usages,
 * Compare Environments and the env file pickers end instead of waiting forever. The reads that never
 * answer are injected; the clock is faked, so no test waits for the bound.
 */
import type * as vscode from 'vscode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const HUNG = '/w/hung.runpod.env';
vi.mock('../../client/src/cli/fileRead', async (real) => {
  const faked = (await import('./vscodeFake')).fakeFileRead(await real<typeof import('../../client/src/cli/fileRead')>());
  return { ...faked, readRegularFileAsync: (file: string, maxBytes: number) => (file === HUNG ? new Promise(() => {}) : faked.readRegularFileAsync(file, maxBytes)) };
});
vi.mock('vscode', async () => await import('./vscodeFake'));

import { findSecretUsages } from '../../client/src/commands/findUsages';
import { readWorkspaceText } from '../../client/src/workspaceText';
import { WORKSPACE_READ_WAIT_MS } from '../../client/src/fileLimits';
import { fake, Uri, workspace } from './vscodeFake';
import { fakeServices } from './flowHelpers';

const NO_ANSWER = `no answer within ${WORKSPACE_READ_WAIT_MS / 1000} s (a file system that does not answer, such as a dead network mount)`;

beforeEach(() => {
  fake.reset();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

/** `pending` once the clock has passed the read's bound. */
async function afterTheBound<T>(pending: Promise<T>): Promise<T> {
  await vi.advanceTimersByTimeAsync(WORKSPACE_READ_WAIT_MS);
  return pending;
}

describe('a workspace read that never answers', () => {
  it('a local file: skipped with the reason once the bound passes', async () => {
    expect(await afterTheBound(readWorkspaceText(Uri.from({ scheme: 'file', path: HUNG }) as unknown as vscode.Uri))).toEqual({ ok: false, problem: NO_ANSWER, noAnswer: true });
  });

  it('a remote file (workspace.fs): the same', async () => {
    const readFile = vi.spyOn(workspace.fs, 'readFile').mockReturnValue(new Promise(() => {}));
    try {
      const uri = Uri.from({ scheme: 'vscode-remote', path: '/w/a.runpod.env' });
      expect(await afterTheBound(readWorkspaceText(uri as unknown as vscode.Uri))).toEqual({ ok: false, problem: NO_ANSWER, noAnswer: true });
    } finally {
      readFile.mockRestore();
    }
  });

  it('Find Usages ends: the other files are searched, the list says there may be more uses, and the output names the file and why', async () => {
    fake.files.set(HUNG, 'HF={{ RUNPOD_SECRET_hf }}\n');
    fake.files.set('/w/few.runpod.env', 'A={{ RUNPOD_SECRET_hf }}\n');
    const { services, logged } = fakeServices();
    const usages = await afterTheBound(findSecretUsages(services, 'hf'));
    expect(usages.files.map((f) => f.path)).toEqual(['/w/few.runpod.env']);
    expect(usages.filesGap).toBe('partial');
    expect(logged).toContain(`Find Usages did not search /w/hung.runpod.env: ${NO_ANSWER}.`);
  });
});
