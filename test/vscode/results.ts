/**
 * The results file the in-editor suite writes and the runners read. A file, not the extension
 * host's stdout: in the VS Code server the extension host's output lands in the server's log,
 * mixed with everything else, while a file path passed through the environment reaches it as is.
 */

/** Environment variable naming the JSON file the suite writes its results to. */
export const RESULTS_ENV = 'RUNPOD_VSCODE_TEST_RESULTS';

/**
 * Environment variable with a throwaway value for masked input boxes: the server runner types it
 * into the page (the extension API cannot fill an input box there); the suite pastes it on desktop.
 */
export const TYPED_VALUE_ENV = 'RUNPOD_VSCODE_TYPED_VALUE';

/** One finished test. `error` is the assertion message only (never a secret value: the suite never asserts on one's presence). */
export interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

/** What the suite writes once mocha has finished. */
export interface SuiteResults {
  passed: number;
  failed: number;
  tests: TestResult[];
  durationMs: number;
}

/** A spec-like report, ending in the plain `N passed, N failed` line CI reads. */
export function formatResults(results: SuiteResults): string {
  const lines = results.tests.map((t) =>
    t.state === 'passed' ? `  ✓ ${t.title} (${t.durationMs} ms)` : `  ✗ ${t.title}\n      ${(t.error ?? '').split('\n').join('\n      ')}`,
  );
  lines.push('', `vscode: ${results.passed} passed, ${results.failed} failed`);
  return lines.join('\n');
}

/** Parses a results file's text; throws a clear message when it is not what the suite writes. */
export function parseResults(text: string): SuiteResults {
  const value = JSON.parse(text) as Partial<SuiteResults>;
  if (typeof value.passed !== 'number' || typeof value.failed !== 'number' || !Array.isArray(value.tests)) {
    throw new Error('the results file does not hold { passed, failed, tests }');
  }
  return value as SuiteResults;
}
