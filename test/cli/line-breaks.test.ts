/**
 * A file whose lines end in a lone CR (classic Mac), CRLF or LF: `secrets usage` and `check` name the
 * same lines, the core's (TextDocument's) rule, as the editor does.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildOnce, runCli, workspace } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

beforeAll(() => buildOnce());

describe('line breaks', () => {
  it.each([
    ['a lone CR', '\r'],
    ['CRLF', '\r\n'],
    ['LF', '\n'],
  ])('%s: secrets usage lists each use at the line check reports it on', async (_what, eol) => {
    // The spacing-variant reference is a noncanonical-reference on the same line as the use.
    const ws = workspace({ 'a.runpod.env': ['A=1', 'HF={{RUNPOD_SECRET_hf}}', 'B={{RUNPOD_SECRET_hf}}', ''].join(eol) });
    const usage = await runCli(['secrets', 'usage', 'hf', '--json'], { cwd: ws });
    const uses = (JSON.parse(usage.stdout) as { files: { line: number; column: number; key: string }[] }).files;
    expect(uses.map(({ line, column, key }) => [line, column, key])).toEqual([[2, 20, 'HF'], [3, 19, 'B']]);
    const check = await runCli(['check', '--format', 'json'], { cwd: ws });
    const found = (JSON.parse(check.stdout) as { code: string; line: number }[]).filter((f) => f.code === 'noncanonical-reference');
    expect(found.map((f) => f.line)).toEqual([2, 3]);
  });
});
