/**
 * The extension's listing of RunPod files walks folders at most MAX_WALKED_DEPTH below each
 * workspace folder, as the language server's index does (server/src/index/walk.ts): a file deeper is
 * in no picker, as it is in no index, and the listing says so, where it says it stopped at its bound.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));

import { MAX_WALKED_DEPTH, tooDeepNotice } from '../../server/src/index/walk';
import { INDEX_LIMIT_REMEDY } from '../../server/src/index/limits';
import { deepListingMessage, forgetDeepFoldersSaid, listEnvironments } from '../../client/src/environments/workspaceFiles';
import { fake } from './vscodeFake';

/** A chain of `name` folders `depth` deep below the workspace folder /w, as a path below it. */
const below = (depth: number, name = 'd'): string => Array.from({ length: depth }, () => name).join('/');
/** The same chain's absolute path. */
const chain = (depth: number, name = 'd'): string => `/w/${below(depth, name)}`;

beforeEach(() => {
  fake.reset();
  forgetDeepFoldersSaid();
});

describe(`the listing and folders more than ${MAX_WALKED_DEPTH} deep`, () => {
  it('lists the deepest folder walked, not the one below it, and says a deeper one was left out', async () => {
    fake.files.set('/w/train.runpod.json', '{}');
    fake.files.set(`${chain(MAX_WALKED_DEPTH)}/last.runpod.env`, 'A=1\n');
    fake.files.set(`${chain(MAX_WALKED_DEPTH + 1)}/lost.runpod.env`, 'A=1\n');
    const listed = await listEnvironments();
    expect(listed!.files.map((f) => f.uri.path).sort()).toEqual([`${chain(MAX_WALKED_DEPTH)}/last.runpod.env`, '/w/train.runpod.json']);
    expect(fake.messages).toEqual([{ level: 'warning', text: deepListingMessage(below(MAX_WALKED_DEPTH + 1)) }]);
  });

  it('names the folder left out, what is missed here, then what clears it, in the index\'s words', () => {
    // The depth, the folder, what is not read, the listing's consequence, then the remedy: the shared phrase (walk.ts tooDeepNotice).
    const message = deepListingMessage(below(MAX_WALKED_DEPTH + 1, 'x'));
    expect(message).toBe(`The workspace has ${tooDeepNotice(below(MAX_WALKED_DEPTH + 1, 'x'), 'A file there is not listed')}`);
    expect(message.indexOf('A file there is not listed')).toBeLessThan(message.indexOf(INDEX_LIMIT_REMEDY));
  });

  it('warns once per deep folder in a window: a second listing is quiet, a new deep folder warns again', async () => {
    // The chain the first test warned of: each test is a window of its own (forgetDeepFoldersSaid).
    fake.files.set(`${chain(MAX_WALKED_DEPTH + 1)}/lost.runpod.env`, 'A=1\n');
    await listEnvironments();
    await listEnvironments();
    expect(fake.messages).toEqual([{ level: 'warning', text: deepListingMessage(below(MAX_WALKED_DEPTH + 1)) }]);
    fake.files.set(`${chain(MAX_WALKED_DEPTH + 1, 'f')}/lost.runpod.env`, 'A=1\n');
    fake.files.delete(`${chain(MAX_WALKED_DEPTH + 1)}/lost.runpod.env`);
    await listEnvironments();
    expect(fake.messages.slice(1)).toEqual([{ level: 'warning', text: deepListingMessage(below(MAX_WALKED_DEPTH + 1, 'f')) }]);
  });

  it('a shallow tree: no such message', async () => {
    fake.files.set('/w/a/b/train.runpod.env', 'A=1\n');
    await listEnvironments();
    expect(fake.messages).toEqual([]);
  });
});
