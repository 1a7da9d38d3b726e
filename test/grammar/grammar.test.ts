// Runs every `# SYNTAX TEST` case under test/grammar/cases through vscode-tmgrammar-test (via the same runner
// script as `npm run test:grammar`) in one process, then reports one vitest test per case file so a failure names
// the file and shows the tool's report of expected vs actual scopes.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '..', '..');
const runner = join(repoRoot, 'test', 'grammar', 'run-tmgrammar-test.mjs');
const casesDir = join(repoRoot, 'test', 'grammar', 'cases');

interface RunResult {
  code: number;
  output: string;
}

function runCases(files: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [runner, ...files],
      { cwd: repoRoot, timeout: 60_000, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

const caseFiles = readdirSync(casesDir)
  .filter((name) => name.endsWith('.tmtest'))
  .sort();

describe('TextMate grammar scopes', () => {
  it('has the expected case files (runpod-env and every injection host)', () => {
    expect(caseFiles).toEqual([
      'env-keys-values.tmtest',
      'env-quotes.tmtest',
      'env-secret-references.tmtest',
      'inject-dotenv.tmtest',
      'inject-json.tmtest',
      'inject-jsonc.tmtest',
      'inject-toml.tmtest',
      'inject-yaml.tmtest',
    ]);
  });

  let all: RunResult = { code: -1, output: '' };
  beforeAll(async () => {
    all = await runCases([]);
  });

  it('the whole run exits 0, as npm run test:grammar must', () => {
    expect(all.code, all.output).toBe(0);
  });

  it.each(caseFiles)('%s', (name) => {
    const file = join('test', 'grammar', 'cases', name);
    // The tool prints one ERROR line per wrong token; show this file's when the test fails.
    const errors = all.output.split('\n').filter((line) => line.includes(file) && !line.startsWith('✓'));
    expect(errors, errors.join('\n')).toEqual([]);
    expect(all.output).toContain(`✓ ${file} run successfuly.`);
  });

  it('reports wrong scopes instead of passing silently', async () => {
    const file = join('test', 'grammar', 'must-fail', 'wrong-scopes.tmtest');
    const { code, output } = await runCases([file]);
    expect(code).not.toBe(0);
    expect(output).toContain('Missing required scopes: [ string.unquoted.runpod-env ]');
    expect(output).toContain('Missing required scopes: [ invalid.illegal.secret-name.runpod ]');
  });

  it('no case file has lost its assertions (the tool passes a file that has none)', () => {
    for (const name of caseFiles) {
      const text = readFileSync(join(casesDir, name), 'utf8');
      const assertions = text.split('\n').filter((line) => /^(#|\/\/)\s*(\^|<-)/.test(line));
      expect(assertions.length, name).toBeGreaterThanOrEqual(5);
    }
  });
});
