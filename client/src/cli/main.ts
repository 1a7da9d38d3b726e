/**
 * Entry of `dist/cli.js` (bin `runpod-check`): runs the command and sets the exit code. The exit
 * code is set rather than calling process.exit so stdout is fully flushed when piped.
 */
import { nodeIo } from './io';
import { onStdoutError } from './outputFailure';
import { run } from './run';

// A failed stdout ends the process with one line, a write in flight named first (outputFailure.ts).
process.stdout.on('error', onStdoutError);

void run(process.argv.slice(2), nodeIo()).then((code) => {
  process.exitCode = code;
});
