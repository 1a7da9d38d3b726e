/**
 * stdout that fails (cli/main.ts): the process ends at once, with one line, never a stack trace.
 * A write still in flight (`pods launch`, `secrets rotate --restart`) is named first, in the words a
 * signal gets (interruptedWrites.ts): RunPod may still carry it out, and nothing else would say so.
 */
import { errorLine, EXIT } from './errors';
import { sayInFlight } from './interruptedWrites';

/** process.stdout's 'error' listener: ends the process. */
export function onStdoutError(err: NodeJS.ErrnoException): void {
  const writesInFlight = sayInFlight();
  // `runpod-check check | head`: the reader went away; stop quietly instead of a stack trace. With a
  // write in flight its outcome is unknown, so never 0: CI would read the launch as done.
  if (err.code === 'EPIPE') return void process.exit(process.exitCode || (writesInFlight ? EXIT.failure : EXIT.ok));
  // `> report.sarif` on a full disk, a closed descriptor: the result was not delivered, so never
  // exit 1 (CI reads it as "findings, the report is good"), and one line, not a stack trace.
  process.stderr.write(errorLine(`could not write the output (${err.code ?? 'write failed'})`));
  process.exit(EXIT.failure);
}
