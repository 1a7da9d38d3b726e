// Entry of `npm run bench`: bundles the TypeScript benchmark (it imports the core, the test client
// and the peer parsers) into a temporary file with esbuild, then runs it in this process, which has
// --expose-gc.
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'runpod-bench-'));
const outfile = join(dir, 'bench.cjs');
// Never run much longer than the promised five minutes, whatever happens.
const deadline = setTimeout(() => {
  console.error('bench: exceeded 6 minutes, stopping');
  process.exit(2);
}, 360_000);
deadline.unref();
try {
  await esbuild.build({
    entryPoints: ['bench/main.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
    // jsonc-parser's UMD `main` breaks once bundled; its ES module build does not (as in esbuild.mjs).
    mainFields: ['module', 'main'],
  });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  createRequire(import.meta.url)(outfile);
} catch (error) {
  rmSync(dir, { recursive: true, force: true });
  throw error;
}
