/**
 * Ctrl+C while a write is on its way (client.ts onWrite): the process would end without a word
 * while RunPod may still carry the write out. While a write is in flight, Ctrl+C says so for each
 * one, in the words a timed-out write gets (messages.ts), then exits 130 as at a prompt. With no
 * write in flight nothing is listened for: a prompt and a log follow keep their own Ctrl+C.
 *
 * A command whose steps must all be accounted for (rotate's restarts: the history records the
 * answered ones in one entry) takes SIGINT, SIGTERM and SIGHUP (the terminal closed) over with
 * `stopSignals()`: the writes in flight are named as above, and the command stops starting steps,
 * records and prints what was answered, then ends with `stopExitCode`.
 */
import { messages, type Operation } from '../runpod/messages';
import { EXIT, errorLine, firstLine, signalExitCode } from './errors';

const inFlight = new Set<{ op: Operation }>();
/** The stopSignals() listening now: while there is one, an interruption is theirs to end. */
let takenOver = 0;

/** Names each write in flight on stderr: at a signal, and when stdout fails (outputFailure.ts). */
export function sayInFlight(): number {
  for (const { op } of inFlight) process.stderr.write(errorLine(firstLine(messages.interruptedWrite(op, 'cli').text())));
  return inFlight.size;
}

function onInterrupt(): void {
  if (takenOver > 0) return;
  sayInFlight();
  process.exit(EXIT.cancelled);
}

/** Notes a write as sent; the returned function notes it settled (RunpodClientOptions.onWrite). */
export function trackWrite(op: Operation): () => void {
  const entry = { op };
  if (inFlight.size === 0) process.on('SIGINT', onInterrupt);
  inFlight.add(entry);
  return () => {
    if (inFlight.delete(entry) && inFlight.size === 0) process.off('SIGINT', onInterrupt);
  };
}

/** The signals a command takes over as its own stop: those io.ts also treats as ending the process. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** 130 for Ctrl+C (SIGINT), 143 for SIGTERM, 129 for SIGHUP, as shells report a process the signal ended. */
export const stopExitCode: (signal: StopSignal) => number = signalExitCode;

/** SIGINT, SIGTERM and SIGHUP as a command's own stop (stopSignals). */
export interface StopSignals {
  /** The signal that came, once one did. */
  readonly signal: StopSignal | undefined;
  /**
   * The result of the step `start` sends, or undefined as soon as a signal comes first: the step was
   * sent and not answered, its outcome unknown (RunPod may still carry it out). After a signal the
   * step is not started at all.
   */
  until<T>(start: () => Promise<T>): Promise<T | undefined>;
  /** Stops listening: a signal then has its usual effect again. */
  release(): void;
  /**
   * Ends the process with stopExitCode once what was printed is flushed. For after a signal: the
   * unanswered request would hold the process (and the client's close) until its answer or timeout.
   */
  exit(): Promise<never>;
}

/**
 * Listens for the stop signals until released. The first one says which writes were in flight,
 * stops the steps and sets the exit code (a process ended another way meanwhile, as by a dead
 * pipe's EPIPE in main.ts, reports it); a second one ends the process at once with its own code
 * (the user insists).
 */
export function stopSignals(): StopSignals {
  let signal: StopSignal | undefined;
  let wake!: () => void;
  const stopped = new Promise<undefined>((resolve) => (wake = () => resolve(undefined)));
  const listener = (received: NodeJS.Signals): void => {
    const got: StopSignal = STOP_SIGNALS.find((s) => s === received) ?? 'SIGINT';
    if (signal) process.exit(stopExitCode(got));
    signal = got;
    process.exitCode = stopExitCode(got);
    sayInFlight();
    wake();
  };
  takenOver++;
  for (const s of STOP_SIGNALS) process.on(s, listener);
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    takenOver--;
    for (const s of STOP_SIGNALS) process.off(s, listener);
  };
  return {
    get signal() {
      return signal;
    },
    until: (start) => (signal ? Promise.resolve(undefined) : Promise.race([start(), stopped])),
    release,
    exit: () =>
      // A pipe's writes may still be queued: exit once both streams have taken everything before.
      new Promise<never>(() => process.stdout.write('', () => process.stderr.write('', () => process.exit(stopExitCode(signal ?? 'SIGINT'))))),
  };
}
