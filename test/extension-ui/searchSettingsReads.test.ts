/**
 * Find Usages' own search and the pickers judge every file found by its folder's settings
 * (`runpod.files`, `runpod.environments`): read once per folder for a search, never once per file
 * (a search finds up to 10,000 files, and each read of runpod.environments parses it again).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));

import { findSecretUsages } from '../../client/src/commands/findUsages';
import { findEnvironments, loadSources, templateFilesOf } from '../../client/src/environments/workspaceFiles';
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

  it("Compare Environments' listing and the reads of its files", async () => {
    const compare = async () => {
      const environments = await findEnvironments();
      return { environments, ...(await loadSources(environments, environments.groups)) };
    };
    const files = (count: number) => {
      fake.files.clear();
      for (let i = 0; i < count; i++) {
        fake.files.set(`/w/s${i}.dev.runpod.env`, REF);
        fake.files.set(`/w/s${i}.prod.runpod.env`, REF);
        fake.files.set(`/w/dev/s${i}.txt`, REF); // declared: env lines whatever their name
        fake.files.set(`/w/prod/s${i}.txt`, REF);
      }
    };
    fake.settings = { environments: { dev: { files: ['*.dev.runpod.env', 'dev/*.txt'] }, prod: { account: 'default', files: ['*.prod.runpod.env', 'prod/*.txt'] } } };
    const reads = async (count: number) => {
      files(count);
      const spy = vi.spyOn(workspace, 'getConfiguration');
      await compare();
      const calls = spy.mock.calls.length;
      spy.mockRestore();
      return calls;
    };
    const few = await reads(2);
    const many = await reads(40);
    files(2);
    const { environments, sources } = await compare();

    expect(many).toBe(few);
    // Each file read as its kind, a declared `.txt` as env lines; each group of its environments' files.
    expect(sources.map((s) => `${s.path} ${s.analysis.kind}`).sort()).toEqual(
      ['dev/s0.txt', 'dev/s1.txt', 'prod/s0.txt', 'prod/s1.txt', 's0.dev.runpod.env', 's0.prod.runpod.env', 's1.dev.runpod.env', 's1.prod.runpod.env'].map((p) => `${p} runpod-env`),
    );
    expect(environments.groups.map((g) => `${g.label}: ${g.environments.map((e) => e.files).join(' ')}`).sort()).toEqual([
      's0.txt: dev/s0.txt prod/s0.txt',
      's0: s0.dev.runpod.env s0.prod.runpod.env',
      's1.txt: dev/s1.txt prod/s1.txt',
      's1: s1.dev.runpod.env s1.prod.runpod.env',
    ]);
  });
});
