// One build script, several entry points (the esbuild-sample layout): the extension host bundle,
// the standalone language server and the command line. `--production` minifies for packaging,
// `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Prefer ES module builds: jsonc-parser's `main` is a UMD bundle that requires its own files at run
  // time, which breaks once bundled ("Cannot find module './impl/format'" when the editor loads us).
  mainFields: ['module', 'main'],
};

const builds = [
  // `vscode` is provided by the editor at run time.
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  // The language server's walk thread (server/src/index/walkThread.ts), started beside it.
  { ...common, entryPoints: ['server/src/index/walkWorker.ts'], outfile: 'dist/indexWalker.js' },
  { ...common, entryPoints: ['client/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The fake RunPod API, for the demo (`npm start`, `npm run fake-api`) and the end-to-end tests.
  { ...common, entryPoints: ['test/fake-runpod/main.ts'], outfile: 'dist/fake-runpod.js' },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  // Each bundle is written beside its place, then renamed over it: a process starting meanwhile
  // (a test spawning dist/server.js while another test file rebuilds) reads the old bundle or the
  // new one, never half of one. esbuild's own write truncates first: a half-written server.js
  // failed to load, and the test waiting on it hung until its timeout.
  const results = await Promise.all(builds.map((options) => esbuild.build({ ...options, write: false })));
  for (const file of results.flatMap((r) => r.outputFiles)) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}
