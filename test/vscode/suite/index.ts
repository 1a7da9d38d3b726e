/**
 * Entry point of the integration suite, loaded INSIDE the extension host by VS Code's test runner
 * (`--extensionTestsPath`, desktop or server): `run()` is what both call. Mocha is required from the
 * repository's node_modules at run time (not bundled) because it resolves reporters and
 * interfaces dynamically.
 */
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';
import { RESULTS_ENV, type SuiteResults, type TestResult } from '../results';
import { registerActivationTests } from './activation.suite';
import { registerLanguageTests } from './language.suite';
import { registerCommandTests } from './commands.suite';
import { registerEnvironmentTests } from './environments.suite';
import { registerFolderTests } from './folders.suite';

/** Runs every suite; rejects when a test failed (VS Code then exits the extension host with 1). */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // Mocha's bdd interface installs describe/it on the context given to 'pre-require'; a private
  // object keeps them off globalThis and lets each file receive them as a typed parameter.
  const context = {} as Mocha.MochaGlobals;
  mocha.suite.emit('pre-require', context, '', mocha);
  registerActivationTests(context);
  registerLanguageTests(context);
  registerCommandTests(context);
  registerEnvironmentTests(context);
  registerFolderTests(context);

  const started = Date.now();
  const tests: TestResult[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
    runner.on('fail', (test, error: unknown) =>
      tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: describeError(error) }),
    );
  });
  const results: SuiteResults = {
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: tests.filter((t) => t.state === 'failed').length,
    tests,
    durationMs: Date.now() - started,
  };
  const resultsFile = process.env[RESULTS_ENV];
  if (resultsFile) writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
