/**
 * A workspace file on a file system that never answers (a dead network or FUSE mount): its read
 * waits WORKSPACE_READ_WAIT_MS at most, then the file is skipped with a reason, so Find Usages,
 * Compare Environments and the env file pickers end instead of waiting forever. A read given up on
 * still holds a thread of node's pool, so while it pends a read of the same folder is refused
 * without being started, and past MAX_STUCK_READS every read is (boundedRead.ts). The reads that
 * never answer are injected and answered by the test; the clock is faked, so no test waits for the bound.
 */
import type * as vscode from 'vscode';
import { homedir } from 'os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** Files whose reads hang until the test answers them (`answer`); `started` every read begun. */
const reads = vi.hoisted(() => ({ started: [] as string[], hanging: new Map<string, () => void>(), hungIgnores: new Set<string>() }));
const hangs = (file: string) => file.split('/').pop()!.startsWith('hung');
vi.mock('../../client/src/cli/fileRead', async (real) => {
  const faked = (await import('./vscodeFake')).fakeFileRead(await real<typeof import('../../client/src/cli/fileRead')>());
  return {
    ...faked,
    readRegularFileAsync: (file: string, maxBytes: number) => {
      reads.started.push(file);
      if (!hangs(file)) return faked.readRegularFileAsync(file, maxBytes);
      return new Promise((resolve) => reads.hanging.set(file, () => resolve({ ok: false, refusal: 'missing' })));
    },
  };
});
// A `file:` folder's .gitignore is read through the index's guarded read: over the fake, and the paths in `hungIgnores` never answer.
vi.mock('../../server/src/index/readFile', async (real) => {
  const { fakeIndexedReads } = await import('./vscodeFake');
  return {
    ...(await real<object>()),
    ...fakeIndexedReads,
    readIndexedFileAsync: (path: string, maxBytes: number) => {
      reads.started.push(path);
      if (!reads.hungIgnores.has(path)) return fakeIndexedReads.readIndexedFileAsync(path, maxBytes);
      return new Promise((resolve) => reads.hanging.set(path, () => resolve({ ok: false, reason: 'missing' })));
    },
  };
});
vi.mock('vscode', async () => await import('./vscodeFake'));

import { findSecretUsages } from '../../client/src/commands/findUsages';
import { readPlace, readWorkspaceText } from '../../client/src/workspaceText';
import { stuckReads, MAX_READS_PER_AREA, MAX_STUCK_READS } from '../../client/src/boundedRead';
import { WORKSPACE_READ_WAIT_MS } from '../../client/src/fileLimits';
import { fake, FileType, ui, Uri, workspace } from './vscodeFake';
import { ANALYSIS_LIMIT } from '../../server/src/template/analyze';
import { fakeServices } from './flowHelpers';
import { indexGapSentence } from '../../client/src/secrets/indexGap';
import { readChosenValueFile } from '../../client/src/commands/valueInput';
import { readCliConfigWithinWait } from '../../client/src/commands/importCliConfig';
import { LISTING_PROGRESS_DELAY_MS } from '../../client/src/environments/listingProgress';
import { compareEnvironmentsCommand } from '../../client/src/commands/compareEnvironments';
import { findEnvironments, type FileRead } from '../../client/src/environments/workspaceFiles';
import { unlistedFoldersNote } from '../../client/src/environments/unlistedFolders';
import { readIgnore, walkWorkspaceFolder } from '../../client/src/environments/workspaceWalk';

const NO_ANSWER = `did not finish within ${WORKSPACE_READ_WAIT_MS / 1000} s (a file system that does not answer, or a very slow one)`;
const REFUSED = { ok: false, problem: NO_ANSWER, noAnswer: true };
/** A read refused without being started, behind `stuck`'s (a workspace-relative name when in a folder). */
const behind = (stuck: string, sameArea = true) => ({
  ok: false,
  problem: `not read: a read of ${stuck}${sameArea ? ' in the same folder' : ''} has not answered; reload the window once the file system answers again`,
  refused: true,
});

const file = (path: string) => Uri.from({ scheme: 'file', path }) as unknown as vscode.Uri;

/** Answers every hanging read, so no record outlives its test. */
async function answerAll(): Promise<void> {
  for (const answer of reads.hanging.values()) answer();
  reads.hanging.clear();
  await vi.advanceTimersByTimeAsync(0);
}

beforeEach(() => {
  fake.reset();
  reads.started = [];
  reads.hungIgnores.clear();
  vi.useFakeTimers();
});
afterEach(async () => {
  await answerAll();
  vi.useRealTimers();
});

/** `pending` once the clock has passed the read's bound. */
async function afterTheBound<T>(pending: Promise<T>): Promise<T> {
  await vi.advanceTimersByTimeAsync(WORKSPACE_READ_WAIT_MS);
  return pending;
}

/** `pending`'s value if it settles with no time passing, else `undefined`. */
async function atOnce<T>(pending: Promise<T>): Promise<T | 'waiting'> {
  return Promise.race([pending, vi.advanceTimersByTimeAsync(0).then(() => 'waiting' as const)]);
}

describe('a workspace read that never answers', () => {
  it('a local file: skipped with the reason once the bound passes', async () => {
    expect(await afterTheBound(readWorkspaceText(file('/w/hung.runpod.env')))).toEqual(REFUSED);
  });

  it('a remote file (workspace.fs): the same', async () => {
    let answer = () => {};
    const readFile = vi.spyOn(workspace.fs, 'readFile').mockReturnValue(new Promise((resolve) => (answer = () => resolve(new Uint8Array()))));
    try {
      const uri = Uri.from({ scheme: 'vscode-remote', path: '/w/a.runpod.env' });
      expect(await afterTheBound(readWorkspaceText(uri as unknown as vscode.Uri))).toEqual(REFUSED);
    } finally {
      answer();
      readFile.mockRestore();
    }
  });

  it('leaves no timer once a read answers', async () => {
    fake.files.set('/w/ok.runpod.env', 'A=1\n');
    expect(await readWorkspaceText(file('/w/ok.runpod.env'))).toEqual({ ok: true, text: 'A=1\n' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('while it pends, the other files of its folder are refused at once and not started; a file elsewhere is read; its answer clears the record', async () => {
    fake.files.set('/elsewhere/ok.runpod.env', 'A=1\n');
    expect(await afterTheBound(readWorkspaceText(file('/w/hung1.runpod.env')))).toEqual(REFUSED);
    expect(stuckReads().map((s) => s.path)).toEqual(['file:///w/hung1.runpod.env']);
    for (const name of ['hung2.runpod.env', 'sub/ok.runpod.env']) expect(await atOnce(readWorkspaceText(file(`/w/${name}`)))).toEqual(behind('/w/hung1.runpod.env'));
    expect(reads.started).toEqual(['/w/hung1.runpod.env']);
    expect(await readWorkspaceText(file('/elsewhere/ok.runpod.env'))).toEqual({ ok: true, text: 'A=1\n' });

    await answerAll();
    expect(stuckReads()).toEqual([]);
    fake.files.set('/w/ok.runpod.env', 'B=2\n');
    expect(await readWorkspaceText(file('/w/ok.runpod.env'))).toEqual({ ok: true, text: 'B=2\n' });
  });

  it(`past ${MAX_STUCK_READS} reads given up on, every read is refused at once, wherever it is`, async () => {
    for (const top of ['a', 'b']) expect(await afterTheBound(readWorkspaceText(file(`/${top}/hung.runpod.env`)))).toEqual(REFUSED);
    fake.files.set('/c/ok.runpod.env', 'A=1\n');
    expect(await atOnce(readWorkspaceText(file('/c/ok.runpod.env')))).toEqual(behind('/a/hung.runpod.env', false));
    expect(reads.started).toEqual(['/a/hung.runpod.env', '/b/hung.runpod.env']);
  });

  it('two reads of one file at once start one read, both end with the bound', async () => {
    const both = Promise.all([readWorkspaceText(file('/w/hung.runpod.env')), readWorkspaceText(file('/w/hung.runpod.env'))]);
    expect(await afterTheBound(both)).toEqual([REFUSED, REFUSED]);
    expect(reads.started).toEqual(['/w/hung.runpod.env']);
  });

  it(`at most ${MAX_READS_PER_AREA} reads of one folder run at once: the next waits its turn, and is refused once they are given up on`, async () => {
    const first = ['hung1', 'hung2'].map((name) => readWorkspaceText(file(`/w/${name}.runpod.env`)));
    const third = readWorkspaceText(file('/w/hung3.runpod.env'));
    await vi.advanceTimersByTimeAsync(0);
    expect(reads.started).toEqual(['/w/hung1.runpod.env', '/w/hung2.runpod.env']);
    expect(await afterTheBound(Promise.all(first))).toEqual([REFUSED, REFUSED]);
    expect(await third).toEqual(behind('/w/hung1.runpod.env'));
    expect(reads.started).toHaveLength(2);
  });

  it('a waiting read starts once a running one of its folder answers', async () => {
    fake.files.set('/w/ok.runpod.env', 'A=1\n');
    const running = ['hung1', 'hung2'].map((name) => readWorkspaceText(file(`/w/${name}.runpod.env`)));
    const waiting = readWorkspaceText(file('/w/ok.runpod.env'));
    await vi.advanceTimersByTimeAsync(0);
    reads.hanging.get('/w/hung1.runpod.env')!();
    expect(await atOnce(waiting)).toEqual({ ok: true, text: 'A=1\n' });
    await answerAll();
    await Promise.all(running);
  });

  it('reads of another file system do not count toward the cap of local reads', async () => {
    let answer = () => {};
    const readFile = vi.spyOn(workspace.fs, 'readFile').mockReturnValue(new Promise((resolve) => (answer = () => resolve(new Uint8Array()))));
    try {
      for (const top of ['a', 'b']) {
        const uri = Uri.from({ scheme: 'vscode-remote', path: `/${top}/x.runpod.env` }) as unknown as vscode.Uri;
        expect(await afterTheBound(readWorkspaceText(uri))).toEqual(REFUSED);
      }
      fake.files.set('/c/ok.runpod.env', 'A=1\n');
      expect(await readWorkspaceText(file('/c/ok.runpod.env'))).toEqual({ ok: true, text: 'A=1\n' });
    } finally {
      answer();
      readFile.mockRestore();
    }
  });

  it('the area is one folder deeper under a top directory of mounts or homes, or a Windows drive', () => {
    const area = (path: string) => readPlace(file(path)).area;
    expect(area('/mnt/nas/a/x.env')).toBe(area('/mnt/nas/b/y.env'));
    expect(area('/mnt/nas/x.env')).not.toBe(area('/mnt/usb/x.env'));
    expect(area('/home/ann/x.env')).not.toBe(area('/home/bob/x.env'));
    expect(area('/c:/data/x.env')).not.toBe(area('/c:/other/x.env'));
    expect(area('/srv/a/x.env')).toBe(area('/srv/b/x.env'));
  });

  it('the area is one folder deeper when the workspace folder is the home folder', () => {
    fake.folder = homedir();
    const area = (path: string) => readPlace(file(`${homedir()}/${path}`)).area;
    expect(area('nas/x.env')).not.toBe(area('code/x.env'));
    expect(area('code/a/x.env')).toBe(area('code/b/x.env'));
    expect(area('x.env')).toBe(area('y.env'));
  });

  it("Find Usages ends after one bound: another folder's files are searched, the list says why some were not, and the output names the file", async () => {
    for (const name of ['hung1', 'hung2', 'hung3']) fake.files.set(`/w/${name}.runpod.env`, 'HF={{ RUNPOD_SECRET_hf }}\n');
    fake.nested.push('/w/other');
    fake.files.set('/w/other/few.runpod.env', 'A={{ RUNPOD_SECRET_hf }}\n');
    const { services, logged } = fakeServices();
    const usages = await afterTheBound(findSecretUsages(services, 'hf'));
    expect(usages.files.map((f) => f.path)).toEqual(['/w/other/few.runpod.env']);
    // Not "more than is read of a file": their size is not why.
    expect(usages.filesGap).toBe('unanswered');
    expect(indexGapSentence('unanswered')).toContain(NO_ANSWER);
    expect(logged).toContain(`Find Usages did not search /w/hung1.runpod.env: ${NO_ANSWER}.`);
    expect(reads.started.filter(hangs)).toHaveLength(1);
  });

  it('Find Usages says both causes when a file did not answer and another was too large to search', async () => {
    fake.files.set('/w/hung.runpod.env', 'HF={{ RUNPOD_SECRET_hf }}\n');
    fake.files.set('/w/other/huge.runpod.env', 'HF={{ RUNPOD_SECRET_hf }}\n');
    fake.stats.set('/w/other/huge.runpod.env', { type: FileType.File, size: ANALYSIS_LIMIT + 1 });
    fake.nested.push('/w/other');
    const usages = await afterTheBound(findSecretUsages(fakeServices().services, 'hf'));
    expect(usages.filesGap).toBe('unansweredPartial');
    const sentence = indexGapSentence(usages.filesGap!);
    expect(sentence).toContain(NO_ANSWER);
    expect(sentence).toContain('16 MiB of text');
    expect(sentence).toMatch(/There may be more uses\.$/);
  });

  it("Find Usages' Cancel ends the wait for a read at once", async () => {
    fake.files.set('/w/hung.runpod.env', 'HF={{ RUNPOD_SECRET_hf }}\n');
    const { services } = fakeServices();
    const pending = findSecretUsages(services, 'hf');
    await vi.advanceTimersByTimeAsync(LISTING_PROGRESS_DELAY_MS);
    expect(reads.started).toContain('/w/hung.runpod.env');
    ui.progress.find((p) => p.cancellable)!.cancel();
    const usages = await atOnce(pending);
    expect(usages).not.toBe('waiting');
    expect((usages as Awaited<typeof pending>).filesGap).toBe('stopped');
  });

  it('Compare Environments: a file whose read hung is said not read on the second compare at once, without waiting the bound or starting a read again', async () => {
    fake.files.set('/w/hung.dev.runpod.env', 'A=1\n');
    fake.files.set('/w/hung.prod.runpod.env', 'A=2\n');
    const made: { reads: FileRead[] }[] = [];
    const provider = { set: (_uri: unknown, result: { reads: FileRead[] }) => void made.push(result) };
    await afterTheBound(compareEnvironmentsCommand(provider as never));
    const second = await atOnce(compareEnvironmentsCommand(provider as never));
    expect(second).not.toBe('waiting');
    expect(made).toHaveLength(2);
    for (const { reads: files } of made) {
      expect(files.map((f) => [f.path, f.read])).toEqual([
        ['hung.dev.runpod.env', REFUSED],
        ['hung.prod.runpod.env', behind('/w/hung.dev.runpod.env')],
      ]);
    }
    expect(reads.started).toEqual(['/w/hung.dev.runpod.env']);
  });

  it('a folder whose listing never answers: the walk ends after one bound, the folder and those of its area said unlisted, and a walk again does not wait', async () => {
    fake.nested.push('/w/other');
    // The walk lists the folders last found first: `dead` before `live`.
    for (const path of ['/w/live/b.runpod.env', '/w/dead/a.runpod.env', '/w/other/c.runpod.env']) fake.files.set(path, 'A=1\n');
    const list = workspace.fs.readDirectory;
    let answer = () => {};
    const started: string[] = [];
    const readDirectory = vi.spyOn(workspace.fs, 'readDirectory').mockImplementation((uri) => {
      started.push(uri.path);
      return uri.path === '/w/dead' ? new Promise((resolve) => (answer = () => resolve([]))) : list(uri);
    });
    try {
      const listed = await afterTheBound(findEnvironments());
      // `live` is of the same area (the folder /w) as `dead`: refused at once, not started. Another workspace folder is listed.
      expect(listed.unlisted).toEqual(['w/dead', 'w/live']);
      expect(listed.files.map((f) => f.uri.path)).toEqual(['/w/other/c.runpod.env']);
      expect(unlistedFoldersNote(listed.unlisted)).toBe('Folders that could not be listed (permissions, an error of the file system, or no answer within 20 s): w/dead, w/live.');
      expect(started.filter((path) => path.startsWith('/w/dead') || path.startsWith('/w/live'))).toEqual(['/w/dead']);
      // The walk again: the listing given up on is not waited for a second time.
      const again = await atOnce(findEnvironments());
      expect(again).not.toBe('waiting');
      expect(started.filter((path) => path === '/w/dead')).toHaveLength(1);
    } finally {
      answer();
      readDirectory.mockRestore();
    }
  });

  it("a remote folder's .gitignore that never answers counts as none once the bound passes", async () => {
    let answer = () => {};
    const stat = vi.spyOn(workspace.fs, 'stat').mockReturnValue(new Promise((resolve) => (answer = () => resolve({ type: FileType.File, size: 1 }))));
    try {
      const dir = Uri.from({ scheme: 'vscode-remote', path: '/srv/app' }) as unknown as vscode.Uri;
      expect(await afterTheBound(readIgnore(dir))).toBeUndefined();
      expect(stuckReads().map((s) => s.path)).toEqual([expect.stringMatching(/^vscode-remote:.*\/srv\/app\/\.gitignore$/)]);
    } finally {
      answer();
      stat.mockRestore();
    }
  });

  it("a local folder's .gitignore that never answers: the walk ends after one bound, the .gitignore counted as none, the folder's files listed", async () => {
    reads.hungIgnores.add('/w/.gitignore');
    fake.files.set('/w/.gitignore', 'a.runpod.env\n');
    fake.files.set('/w/a.runpod.env', 'A=1\n');
    const walking = walkWorkspaceFolder(workspace.workspaceFolders[0] as unknown as vscode.WorkspaceFolder);
    expect(await atOnce(walking)).toBe('waiting');
    await vi.advanceTimersByTimeAsync(WORKSPACE_READ_WAIT_MS);
    const walked = await atOnce(walking);
    expect(walked).not.toBe('waiting');
    expect((walked as Awaited<typeof walking>).files.map((f) => f.uri.path)).toEqual(['/w/a.runpod.env']);
    // Recorded while it hangs: it holds a thread of the pool, so reads of its area are refused meanwhile.
    expect(stuckReads().map((s) => s.path)).toEqual(['file:///w/.gitignore']);
  });

  it("From file…'s value file ends in the same words instead of waiting forever", async () => {
    expect(await afterTheBound(readChosenValueFile(file('/keys/hung.pem')))).toEqual({ error: NO_ANSWER });
  });

  it('From file… and the CLI config, behind a read of their folder that has not answered, are refused at once naming it, not started', async () => {
    expect(await afterTheBound(readWorkspaceText(file('/cfg/hung.toml')))).toEqual(REFUSED);
    const { problem } = behind('/cfg/hung.toml');
    expect(await atOnce(readChosenValueFile(file('/cfg/key.pem')))).toEqual({ error: problem });
    expect(await atOnce(readCliConfigWithinWait({ RUNPOD_CONFIG_FILE: '/cfg/config.toml' }))).toMatchObject({ kind: 'refused', reason: problem });
    expect(reads.started).toEqual(['/cfg/hung.toml']);
  });

  it('Import Key from RunPod CLI Config ends, the config refused in the same words', async () => {
    const read = await afterTheBound(readCliConfigWithinWait({ RUNPOD_CONFIG_FILE: '/cfg/hung.toml' }));
    expect(read).toMatchObject({ kind: 'refused', reason: NO_ANSWER });
  });
});
