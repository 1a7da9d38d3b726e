/**
 * `runpod-check check` output that machines read (JSON, SARIF for code scanning) and CI logs show
 * (text), over what a repository and a server control: file names with quotes, line breaks, `%`,
 * `#`, `?` and link syntax, content written as links, and a secret list from a broken or hostile
 * API server. The JSON stays JSON, SARIF URIs stay percent-encoded URIs, text stays one line per
 * finding, and nothing from a file or a server forms a link or reaches a file as a suggestion.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { buildOnce, runCli } from '../cli/helpers';
import { RAW_CONTROL } from './leaks';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const API_KEY = 'rpa_MACHINEOUTPUTTESTKEY0000000000000000000000';

let fake: FakeRunpod;
let dir: string;

beforeAll(async () => {
  buildOnce();
  fake = await startFakeRunpod({ apiKey: API_KEY });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-machine-output-'));
});
afterAll(async () => {
  await fake?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a secret list from a broken or hostile server', () => {
  it('names no secret whose name holds characters no RunPod secret name has, in any format', async () => {
    fs.writeFileSync(path.join(dir, 'typo.runpod.env'), 'A={{ RUNPOD_SECRET_hf-tokn }}\nB={{ RUNPOD_SECRET_db-passwrd }}\n');
    const listed = [
      { id: '1', name: 'hf-tok\n' },
      { id: '2', name: 'db-passwrd](https://evil.example)' },
      { id: '3', name: 'db-passw[x]' },
      { id: '4', name: 'hf-token' },
    ];
    for (const format of ['text', 'json', 'sarif']) {
      fake.faults.inject({ status: 200, body: JSON.stringify(listed), headers: { 'Content-Type': 'application/json' } }, { method: 'GET', path: '/account/secrets', times: 1 });
      const r = await runCli(['check', '--format', format, 'typo.runpod.env'], { cwd: dir, env: { RUNPOD_API_KEY: API_KEY, RUNPOD_API_URL: fake.url, RUNPOD_TIMEOUT_MS: '10000' } });
      expect(r.stdout, r.stderr).toContain('unknown-secret');
      const output = `${r.stdout}\n${r.stderr}`;
      expect(output).toContain('hf-token');
      for (const piece of ['hf-tok\\n', 'evil.example', 'db-passw[x]', 'db-passw\\[x\\]']) expect(output, format).not.toContain(piece);
      expect(RAW_CONTROL.exec(output)?.[0]).toBeUndefined();
    }
  });
});
