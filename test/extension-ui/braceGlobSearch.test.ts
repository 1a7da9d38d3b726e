/**
 * Ordinary brace globs in `runpod.files` and `runpod.environments` (`**\/*.{json,jsonc}`,
 * `deploy/{dev,prod}/*.env`) are searched with the one `{…}` include glob, never one findFiles
 * search each: a repository's settings write them (Find Usages runs in untrusted workspaces too).
 * Only a glob with a literal comma outside braces is searched apart, and only a few of them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

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
  it('64 runpod.files globs and declared globs with braces take one findFiles search, and their files are found', async () => {
    fake.files.set('/w/t9/a.jsonc', JSON_REF);
    fake.files.set('/w/deploy/prod/x.vars', REF);
    fake.settings = {
      files: Array.from({ length: 64 }, (_, i) => `t${i}/*.{json,jsonc}`),
      environments: { prod: { account: 'default', files: ['deploy/{dev,prod}/*.vars', 'cfg/{a,b}/*.vars'] } },
    };
    const search = vi.spyOn(workspace, 'findFiles');
    const found = await usagePaths();
    expect(search).toHaveBeenCalledTimes(1);
    expect(found).toEqual({ paths: ['/w/deploy/prod/x.vars', '/w/t9/a.jsonc'], truncated: false });
  });

  it('a glob with a literal comma is still found, on its own search', async () => {
    fake.files.set('/w/deploy/a,b.json', JSON_REF);
    fake.files.set('/w/t.runpod.json', JSON_REF);
    fake.settings = { files: ['deploy/a,b.json', '**/*.{runpod.json,runpod.jsonc}'] };
    const search = vi.spyOn(workspace, 'findFiles');
    expect(await usagePaths()).toEqual({ paths: ['/w/deploy/a,b.json', '/w/t.runpod.json'], truncated: false });
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('past a few globs with literal commas, the rest are not searched and the list says it may be incomplete', async () => {
    fake.settings = { files: Array.from({ length: 64 }, (_, i) => `d${i}/a,b.json`) };
    for (let i = 0; i < 64; i++) fake.files.set(`/w/d${i}/a,b.json`, JSON_REF);
    const search = vi.spyOn(workspace, 'findFiles');
    const found = await usagePaths();
    expect(search.mock.calls.length).toBeLessThanOrEqual(5);
    expect(found.truncated).toBe(true);
    expect(found.paths.length).toBeGreaterThan(0);
  });
});
