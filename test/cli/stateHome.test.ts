/**
 * No test writes the user's secret history (~/.local/state/runpod-check/history.jsonl): Show Secret
 * History would list a test run's entries as "Not shown: N entries of other accounts". The unit
 * run's workers have a temporary HOME and XDG_STATE_HOME (test/setup/privateHome.ts), so a CLI run
 * in process, or started with the inherited environment, writes there; a CLI started with an
 * environment of its own takes helpers.ts cliEnv(), checked here for every spawn in the tests.
 * The real home is the account's (os.userInfo(), from the password database), which no
 * environment variable changes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { historyFilePath, readHistoryFile } from '../../client/src/secrets/historyFile';
import { apiEnv, ROOT, runCli, stateHome, withFakeApi, workspace } from './helpers';
import { codeServerEnv } from '../../scripts/editor/stack.mjs';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

const REAL_HOME = os.userInfo().homedir;
const REAL_HISTORY = historyFilePath({ HOME: REAL_HOME });
const inside = (dir: string, file: string) => !path.relative(dir, file).startsWith('..');
const setup = withFakeApi({});

describe("a test run never writes the user's secret history", () => {
  it('a CLI run in process, with the inherited environment or an empty one, writes to a temporary folder', () => {
    for (const env of [process.env, {}]) {
      const file = historyFilePath(env);
      expect(inside(REAL_HOME, file), file).toBe(false);
      expect(inside(os.tmpdir(), file), file).toBe(true);
    }
  });

  it('the spawned CLI, even given a HOME of its own, writes its history to the test\'s state folder, nothing under that HOME nor the real one', async () => {
    const home = workspace({});
    const name = `state_home_${process.pid}_${Date.now()}`;
    const r = await runCli(['secrets', 'create', name], { env: { ...apiEnv(setup.fake), HOME: home }, input: 'not-a-real-value' });
    expect(r.code, r.stderr).toBe(0);
    expect(readHistoryFile(path.join(stateHome(), 'runpod-check', 'history.jsonl')).map((e) => e.secret)).toContain(name);
    expect(fs.readdirSync(home)).toEqual([]);
    const real = fs.existsSync(REAL_HISTORY) ? fs.readFileSync(REAL_HISTORY, 'utf8') : '';
    expect(real).not.toContain(name);
  });

  it('every test that starts the CLI with an environment of its own gives it cliEnv()', () => {
    const offenders: string[] = [];
    const sources = fs.readdirSync(path.join(ROOT, 'test'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    // helpers.ts defines cliEnv() and runCli, which applies it.
    for (const rel of sources.filter((f) => f !== path.join('cli', 'helpers.ts'))) {
      const text = fs.readFileSync(path.join(ROOT, 'test', rel), 'utf8');
      for (const call of text.matchAll(/\b(?:spawn|spawnSync|runProcess|execFile|execFileSync|fork)\(/g)) {
        // The statement: up to its end (the calls here hold no `;` of their own).
        const end = text.indexOf(';\n', call.index);
        const statement = text.slice(call.index, end < 0 ? undefined : end);
        if (/cliPath\(\)|cli\.js/.test(statement) && /\benv\b/.test(statement) && !statement.includes('cliEnv()')) offenders.push(`${rel}:${text.slice(0, call.index).split('\n').length}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the editor stacks (e2e, npm start, test:vscode) give the extension and its terminal a state folder of their own', () => {
    const env = codeServerEnv({ HOME: REAL_HOME, RUNPOD_API_KEY: 'a-developer-key', XDG_STATE_HOME: path.join(REAL_HOME, '.local', 'state') }, { root: '/tmp/stack', apiKey: undefined });
    expect(env).toEqual({ HOME: REAL_HOME, XDG_STATE_HOME: '/tmp/stack/state' });
    expect(codeServerEnv({}, { root: '/tmp/stack', apiKey: 'fake-key' })).toEqual({ RUNPOD_API_KEY: 'fake-key', XDG_STATE_HOME: '/tmp/stack/state' });
    // Every code-server started takes that environment.
    for (const file of ['scripts/editor/stack.mjs', 'test/vscode/runServerTests.ts']) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      const starts = [...text.matchAll(/startCodeServer\(\{[\s\S]*?\n\s*env: ([^\n]*)/g)].map((m) => m[1]);
      expect(starts.length, file).toBeGreaterThan(0);
      for (const env of starts) expect(env, file).toMatch(/codeServerEnv\(/);
    }
    expect(fs.readFileSync(path.join(ROOT, 'test/vscode/runTests.ts'), 'utf8')).toMatch(/extensionTestsEnv: \{[^\n]*XDG_STATE_HOME: join\(root, 'state'\)/);
  });
});
