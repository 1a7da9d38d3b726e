#!/usr/bin/env node
// `npm start`: build and package the extension, then run it in a real VS Code (code-server) in the
// browser against the fake RunPod API with seeded secrets, on a copy of sample-workspace/.
// Ctrl+C stops everything this script started (by process group) and removes its temp folder.
//
// Environment: PORT (code-server, default 8080), RUNPOD_FAKE_PORT (default 8787),
// RUNPOD_EDITOR_CACHE (where scripts/editor/install.sh put Node 24 and code-server),
// RUNPOD_START_SKIP_PACKAGE=1 to reuse an existing dist/runpod-templates.vsix.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { startStack, editorTools, REPO_ROOT } from './editor/stack.mjs';

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

try {
  editorTools();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

if (process.env.RUNPOD_START_SKIP_PACKAGE !== '1') {
  console.log('Building and packaging the extension (npm run package)...');
  const result = spawnSync('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) fail(`'npm run package' failed (exit ${result.status}); run it by hand to see why.`);
}

const codeServerPort = Number(process.env.PORT || 8080);
const fakePort = Number(process.env.RUNPOD_FAKE_PORT || 8787);
if (!Number.isInteger(codeServerPort) || !Number.isInteger(fakePort)) fail('PORT and RUNPOD_FAKE_PORT must be port numbers.');

const t0 = Date.now();
let stack;
try {
  // keepRoot: the temp folder (with the logs) is removed only on a clean Ctrl+C, kept after a crash.
  stack = await startStack({ codeServerPort, fakePort, rootPrefix: 'runpod-start-', keepRoot: true, log: (line) => console.log(line) });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping code-server and the fake RunPod API...`);
  await stack.stop();
  rmSync(stack.root, { recursive: true, force: true });
  console.log('Stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));

console.log(`Editor ready in ${((Date.now() - t0) / 1000).toFixed(1)}s (API key passed to the extension via RUNPOD_API_KEY).`);
console.log(`Workspace copy: ${stack.workspace}`);
console.log(`Logs: ${stack.logDir}`);
console.log(`\nOpen ${stack.codeServer.url}\n\nPress Ctrl+C to stop.`);

// If either server dies, stop the other and say so instead of leaving a half-working editor.
for (const child of [stack.fake, stack.codeServer]) {
  child.exited.then(async (code) => {
    if (stopping) return;
    console.error(`${child.name} exited unexpectedly (code ${code}); see the logs in ${stack.logDir}. Stopping.`);
    stopping = true;
    await stack.stop();
    process.exit(1);
  });
}
