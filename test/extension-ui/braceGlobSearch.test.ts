/**
 * Brace globs in `runpod.files` and `runpod.environments` (`**\/*.{json,jsonc}`,
 * `deploy/{dev,prod}/*.env`) and globs with a literal comma, however many a repository's settings
 * write (Find Usages runs in untrusted workspaces too): Find Usages' own search lists the walk's
 * files (workspaceWalk.ts), each judged by the globs, with no findFiles search at all.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));

import { findSecretUsages } from '../../client/src/commands/findUsages';
import { fake, workspace } from './vscodeFake';
import { fakeServices } from './flowHelpers';

const REF = 'TOKEN={{ RUNPOD_SECRET_hf-token }}\n';
const JSON_REF = '{ "name": "t", "image": "i", "env": { "TOKEN": "{{ RUNPOD_SECRET_hf-token }}" } }';

beforeEach(() => {
  fake.reset();
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function usagePaths(): Promise<{ paths: string[]; truncated: boolean }> {
  const usages = await findSecretUsages(fakeServices().services, 'hf-token');
  return { paths: usages.files.map((f) => f.path).sort(), truncated: usages.filesGap !== undefined };
}

describe('brace globs in the settings', () => {
  it('64 runpod.files globs and declared globs with braces: their files are found, with no findFiles search', async () => {
    fake.files.set('/w/t9/a.jsonc', JSON_REF);
    fake.files.set('/w/deploy/prod/x.vars', REF);
    fake.settings = {
      files: Array.from({ length: 64 }, (_, i) => `t${i}/*.{json,jsonc}`),
      environments: { prod: { account: 'default', files: ['deploy/{dev,prod}/*.vars', 'cfg/{a,b}/*.vars'] } },
    };
    const search = vi.spyOn(workspace, 'findFiles');
    const found = await usagePaths();
    expect(search).not.toHaveBeenCalled();
    expect(found).toEqual({ paths: ['/w/deploy/prod/x.vars', '/w/t9/a.jsonc'], truncated: false });
  });

  it('a glob with a literal comma is still found', async () => {
    fake.files.set('/w/deploy/a,b.json', JSON_REF);
    fake.files.set('/w/t.runpod.json', JSON_REF);
    fake.settings = { files: ['deploy/a,b.json', '**/*.{runpod.json,runpod.jsonc}'] };
    const search = vi.spyOn(workspace, 'findFiles');
    expect(await usagePaths()).toEqual({ paths: ['/w/deploy/a,b.json', '/w/t.runpod.json'], truncated: false });
    expect(search).not.toHaveBeenCalled();
  });

  it('64 globs with literal commas: every file is found, and the list is whole', async () => {
    fake.settings = { files: Array.from({ length: 64 }, (_, i) => `d${i}/a,b.json`) };
    for (let i = 0; i < 64; i++) fake.files.set(`/w/d${i}/a,b.json`, JSON_REF);
    const search = vi.spyOn(workspace, 'findFiles');
    const found = await usagePaths();
    expect(search).not.toHaveBeenCalled();
    expect(found.truncated).toBe(false);
    expect(found.paths).toHaveLength(64);
  });
});
