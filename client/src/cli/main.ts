/**
 * Entry of `dist/cli.js` (bin `runpod-check`): runs the command and sets the exit code. The exit
 * code is set rather than calling process.exit so stdout is fully flushed when piped.
 */
import { errorLine, EXIT } from './errors';
import { nodeIo } from './io';
import { run } from './run';

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // `runpod-check check | head`: the reader went away; stop quietly instead of a stack trace.
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  // `> report.sarif` on a full disk, a closed descriptor: the result was not delivered, so never
  // exit 1 (CI reads it as "findings, the report is good"), and one line, not a stack trace.
  process.stderr.write(errorLine(`could not write the output (${err.code ?? 'write failed'})`));
  process.exit(EXIT.failure);
});

void run(process.argv.slice(2), nodeIo()).then((code) => {
  process.exitCode = code;
});
