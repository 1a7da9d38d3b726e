/**
 * `secrets usage NAME paths --json` and `envs compare paths --json` when no named path could be
 * read: stdout still holds the (empty) result, as `check --format json` prints `[]` before its exit
 * 2, so a script parsing stdout gets a document and the exit code tells it the run was not whole.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runIn } from './runInProcess';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'json-nothing-read-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('check --format json: [] then exit 2 (the contract the others follow)', async () => {
  const r = await runIn(dir, ['check', 'gone.runpod.env', '--format', 'json']);
  expect(r.code).toBe(2);
  expect(JSON.parse(r.stdout)).toEqual([]);
});

it('secrets usage --json: the empty result, the account not asked, exit 2', async () => {
  const r = await runIn(dir, ['secrets', 'usage', 'hf_token', 'gone.runpod.env', 'missing-folder', '--json']);
  expect(r.code).toBe(2);
  const doc = JSON.parse(r.stdout) as Record<string, unknown>;
  expect(doc).toMatchObject({ name: 'hf_token', files: [], otherAccounts: [], account: [], accountChecked: false, secretOnAccount: null });
  expect((doc['unchecked'] as unknown[]).length).toBeGreaterThan(0);
  expect(r.stderr).toContain('gone.runpod.env');
});

it('envs compare --json: [] then exit 2', async () => {
  const r = await runIn(dir, ['envs', 'compare', 'gone.runpod.env', '--json']);
  expect(r.code).toBe(2);
  expect(JSON.parse(r.stdout)).toEqual([]);
});

it('without --json nothing is printed on stdout', async () => {
  for (const args of [['secrets', 'usage', 'hf_token', 'gone.runpod.env'], ['envs', 'compare', 'gone.runpod.env']]) {
    const r = await runIn(dir, args);
    expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: '' });
  }
});
