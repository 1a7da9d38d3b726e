#!/usr/bin/env node
// Runs the `# SYNTAX TEST` files under test/grammar/cases with vscode-tmgrammar-test.
//
// Our own grammars (runpod-env and the secret-reference injection, with its injectTo) are read by the tool
// from package.json's contributes.grammars, so the tests exercise exactly what the extension contributes.
// The host grammars the injection targets come from the tm-grammars package (the JSON, JSONC, TOML and dotenv
// grammars that editors ship, and YAML's, which it must leave alone), so injection tests run against real host scopes, not hand-made ones.
//
// Usage: node test/grammar/run-tmgrammar-test.mjs [case files or globs...]   (default: every case)
// Used by `npm run test:grammar` and by test/grammar/grammar.test.ts, so both run the same command.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Host grammars the injection grammar is tested against, by tm-grammars file name. */
export const HOST_GRAMMARS = ['json', 'jsonc', 'toml', 'yaml', 'dotenv'];

/** Glob of every grammar test case, relative to the repository root. */
export const ALL_CASES = 'test/grammar/cases/*.tmtest';

/**
 * Builds the vscode-tmgrammar-test command line for the given case files or globs.
 * @param {string[]} cases paths or globs relative to the repository root
 * @returns {{ command: string, args: string[], cwd: string }}
 */
export function tmGrammarTestCommand(cases) {
  const cli = require.resolve('vscode-tmgrammar-test/dist/unit.js');
  const grammarsDir = dirname(require.resolve('tm-grammars/grammars/json.json'));
  const args = [cli, '--compact', '--config', 'package.json'];
  for (const name of HOST_GRAMMARS) {
    args.push('--grammar', relative(repoRoot, join(grammarsDir, `${name}.json`)));
  }
  args.push(...(cases.length > 0 ? cases : [ALL_CASES]));
  return { command: process.execPath, args, cwd: repoRoot };
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const { command, args, cwd } = tmGrammarTestCommand(process.argv.slice(2));
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', timeout: 120_000 });
  if (result.error) {
    console.error(`vscode-tmgrammar-test could not run: ${result.error.message}`);
    process.exit(1);
  }
  // The tool exits with -1 (255) on failure; normalise to 1.
  process.exit(result.status === 0 ? 0 : 1);
}
