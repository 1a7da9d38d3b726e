/**
 * Runs the CLI's `run` in this process with a captured Io: for tests that mock a module (node:fs)
 * or need no build. No key, no standard input, no prompt.
 */
import { run } from '../../client/src/cli/run';
import type { Io } from '../../client/src/cli/io';

/** `runpod-check ...args` in `cwd`, its exit code and what it wrote. */
export async function runIn(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    env: {},
    cwd,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdinIsTTY: false,
    readStdin: () => Promise.reject(new Error('not used')),
    prompt: () => Promise.reject(new Error('not used')),
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
