/**
 * Output that cannot be written (`check --format sarif > report.sarif` on a full disk, stdout
 * closed): the run did not deliver its result, so it fails with one line on stderr and exit 2,
 * never a stack trace and never exit 1, which CI reads as "findings, the report is good".
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, cliEnv, cliPath, workspace } from './helpers';

let ws: string;
beforeAll(() => {
  buildOnce();
  // Enough findings that the output outlasts a reader that stops after one line.
  ws = workspace({ 'a.runpod.env': 'A={{ RUNPOD_SECRET_ }}\n', 'many.runpod.env': Array.from({ length: 3000 }, (_, i) => `K${i}={{ RUNPOD_SECRET_ }}\n`).join('') });
});

describe('a reader that goes away (| head -1)', () => {
  it.each(['text', 'json', 'sarif'])('%s: no stack trace, and the exit code is still the findings\' (pipefail sees 1, not 0)', (format) => {
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${cliPath()}" check --format ${format} | head -1 >/dev/null`], { cwd: ws, encoding: 'utf8', env: cliEnv() });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at |EPIPE/);
  });
});

describe.runIf(fs.existsSync('/dev/full'))('stdout that cannot be written', () => {
  it.each(['text', 'json', 'sarif'])('%s to a full disk (/dev/full): one line, exit 2', (format) => {
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [cliPath(), 'check', '--format', format], { cwd: ws, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', env: cliEnv() });
      expect(r.status).toBe(2);
      const errors = r.stderr.split('\n').filter((l) => l.startsWith('runpod-check: '));
      expect(errors).toEqual(['runpod-check: could not write the output (ENOSPC)']);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      fs.closeSync(full);
    }
  });
});
