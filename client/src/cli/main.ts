/**
 * Entry of `dist/cli.js` (bin `runpod-check`): runs the command and sets the exit code. The exit
 * code is set rather than calling process.exit so stdout is fully flushed when piped.
 */
import { nodeIo } from './io';
import { run } from './run';

// `runpod-check check | head`: the reader went away; stop quietly instead of a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

void run(process.argv.slice(2), nodeIo()).then((code) => {
  process.exitCode = code;
});
