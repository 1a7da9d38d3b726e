// The editor loads dist/extension.js and dist/server.js as single files from the packaged .vsix, which
// ships no node_modules: every require left in a bundle must be a Node built-in (or `vscode`, which
// the editor provides). A library whose entry point loads sibling files at run time (jsonc-parser's
// UMD build did) otherwise breaks activation only inside a real editor.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

function unresolvedRequires(bundle: string): string[] {
  const text = readFileSync(join(root, 'dist', bundle), 'utf8');
  const found = new Set<string>();
  // esbuild renames a shadowed `require` (require2, __require): match those too.
  for (const match of text.matchAll(/\b(?:__)?require\d*\((["'`])([^"'`]+)\1\)/g)) found.add(match[2]);
  // `node:` names are built-ins even when this Node lacks them (undici lazily asks for node:sqlite).
  return [...found].filter((name) => !builtins.has(name) && !name.startsWith('node:'));
}

describe('bundles', () => {
  it('dist/extension.js requires nothing but Node built-ins and vscode', () => {
    expect(unresolvedRequires('extension.js')).toEqual(['vscode']);
  });

  it.each(['server.js', 'indexWalker.js', 'cli.js', 'fake-runpod.js'])('dist/%s is self-contained', (bundle) => {
    expect(unresolvedRequires(bundle)).toEqual([]);
  });
});
