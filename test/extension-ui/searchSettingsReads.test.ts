/**
 * Find Usages' own search and the pickers judge every file found by its folder's settings
 * (`runpod.files`, `runpod.environments`): read once per folder for a search, never once per file
 * (a search finds up to 10,000 files, and each read of runpod.environments parses it again).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));

import { findSecretUsages } from '../../client/src/commands/findUsages';
import { findEnvironments, templateFilesOf } from '../../client/src/environments/workspaceFiles';
import { fake, workspace } from './vscodeFake';
import { fakeServices } from './flowHelpers';

const REF = 'TOKEN={{ RUNPOD_SECRET_hf-token }}\n';
const JSON_REF = '{ "name": "t", "image": "i", "env": { "TOKEN": "{{ RUNPOD_SECRET_hf-token }}" } }';

beforeEach(() => {
  fake.reset();
  fake.settings = { environments: { prod: { account: 'default', files: ['deploy/*.vars'] } } };
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** The settings reads of `run` with `count` env and template files in the workspace. */
async function settingsReads(count: number, run: () => Promise<unknown>): Promise<number> {
  fake.files.clear();
  for (let i = 0; i < count; i++) {
    fake.files.set(`/w/s${i}.runpod.env`, REF);
    fake.files.set(`/w/t${i}.runpod.json`, JSON_REF);
  }
  const reads = vi.spyOn(workspace, 'getConfiguration');
  await run();
  const calls = reads.mock.calls.length;
  reads.mockRestore();
  return calls;
}

describe('settings are read per folder, not per file found', () => {
  it("Find Usages' own search", async () => {
    const usages = () => findSecretUsages(fakeServices().services, 'hf-token');
    const few = await settingsReads(2, usages);
    expect(await settingsReads(40, usages)).toBe(few);
    expect((await usages()).files).toHaveLength(80);
  });

  it('the template picker', async () => {
    const templates = async () => templateFilesOf(await findEnvironments());
    const few = await settingsReads(2, templates);
    expect(await settingsReads(40, templates)).toBe(few);
    expect((await templates()).files).toHaveLength(40);
  });
});
