// Bundles the integration suite and its runners into dist/test/vscode/ (the suite is loaded by the
// editor's extension host, so it must be plain CommonJS with `vscode` left to the host). Mocha and
// @vscode/test-electron stay external: they resolve their own files at run time from node_modules.
import * as esbuild from 'esbuild';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(root, 'dist', 'test', 'vscode');

/**
 * scripts/editor/stack.mjs finds the repository from its own location (import.meta.url), so it is
 * imported from where it lives instead of being copied into the bundle.
 * @type {import('esbuild').Plugin}
 */
const stackInPlace = {
  name: 'stack-in-place',
  setup(build) {
    build.onResolve({ filter: /scripts\/editor\/stack\.mjs$/ }, () => ({
      path: relative(outdir, join(root, 'scripts', 'editor', 'stack.mjs')),
      external: true,
    }));
  },
};

/** @type {import('esbuild').BuildOptions} */
// ES module builds first, as esbuild.mjs: jsonc-parser's `main` is a UMD bundle that requires its own
// files at run time, which breaks once bundled (the suite reaches it through the walk's analyses).
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', mainFields: ['module', 'main'] };

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: [join(root, 'test/vscode/suite/index.ts')],
    outfile: join(outdir, 'suite.js'),
    format: 'cjs',
    external: ['vscode', 'mocha'],
  }),
  esbuild.build({
    ...common,
    entryPoints: [join(root, 'test/vscode/runTests.ts')],
    outfile: join(outdir, 'runTests.mjs'),
    format: 'esm',
    external: ['@vscode/test-electron'],
    plugins: [stackInPlace],
  }),
  esbuild.build({
    ...common,
    entryPoints: [join(root, 'test/vscode/runServerTests.ts')],
    outfile: join(outdir, 'runServerTests.mjs'),
    format: 'esm',
    external: ['playwright-core'],
    plugins: [stackInPlace],
  }),
]);
