// Entry of `npm run bench`: bundles the TypeScript benchmark (it imports the core and the test
// client) into a temporary file with esbuild, then runs it in this process, which has --expose-gc.
import * as esbuild from 'esbuild';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJsonBench } from './json.mjs';

const dir = mkdtempSync(join(tmpdir(), 'runpod-bench-'));
const outfile = join(dir, 'bench.cjs');
// Never run longer than the promised three minutes, whatever happens.
const deadline = setTimeout(() => {
  console.error('bench: exceeded 3 minutes, stopping');
  process.exit(2);
}, 180_000);
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
  // JSON formats first (bench/json.mjs); main writes BENCHMARKS.md and exits, then the section is appended.
  const json = await runJsonBench();
  console.log(`JSON formats beside JSON.parse\n${json.table}\n${json.verdict}\n`);
  if (!process.argv.includes('--no-write')) process.on('exit', (code) => code === 0 && appendFileSync('BENCHMARKS.md', json.markdown));
  createRequire(import.meta.url)(outfile);
} catch (error) {
  rmSync(dir, { recursive: true, force: true });
  throw error;
}
