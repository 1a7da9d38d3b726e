/**
 * Ctrl+C while a write is on its way (client.ts onWrite): the process would end without a word
 * while RunPod may still carry the write out. While a write is in flight, Ctrl+C says so for each
 * one, in the words a timed-out write gets (messages.ts), then exits 130 as at a prompt. With no
 * write in flight nothing is listened for: a prompt and a log follow keep their own Ctrl+C.
 *
 * A command whose steps must all be accounted for (rotate's restarts: the history records the
 * answered ones in one entry) takes SIGINT and SIGTERM over with `stopSignals()`: the writes in
 * flight are named as above, and the command stops starting steps, records and prints what was
 * answered, then ends with `stopExitCode`.
 */
import { messages, type Operation } from '../runpod/messages';
import { EXIT, firstLine } from './errors';

const inFlight = new Set<{ op: Operation }>();
/** The stopSignals() listening now: while there is one, an interruption is theirs to end. */
let takenOver = 0;

function sayInFlight(): void {
  for (const { op } of inFlight) process.stderr.write(`runpod-check: ${firstLine(messages.interruptedWrite(op, 'cli').text())}\n`);
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

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** 130 for Ctrl+C (SIGINT), 143 for SIGTERM: 128 + the signal's number, as shells report a process it ended. */
export function stopExitCode(signal: StopSignal): number {
  return signal === 'SIGINT' ? EXIT.cancelled : EXIT.terminated;
}

/** SIGINT and SIGTERM as a command's own stop (stopSignals). */
export interface StopSignals {
  /** The signal that came, once one did. */
  readonly signal: StopSignal | undefined;
  /**
   * `step`'s result, or undefined as soon as a signal comes (or came) first: the step was sent and
   * not answered, its outcome unknown (RunPod may still carry it out).
   */
  until<T>(step: Promise<T>): Promise<T | undefined>;
  /** Stops listening: a signal then has its usual effect again. */
  release(): void;
  /**
   * Ends the process with stopExitCode once what was printed is flushed. For after a signal: the
   * unanswered request would hold the process (and the client's close) until its answer or timeout.
   */
  exit(): Promise<never>;
}

/**
 * Listens for SIGINT and SIGTERM until released. The first one says which writes were in flight and
 * stops the steps; a second one ends the process at once (the user insists).
 */
export function stopSignals(): StopSignals {
  let signal: StopSignal | undefined;
  let wake!: () => void;
  const stopped = new Promise<undefined>((resolve) => (wake = () => resolve(undefined)));
  const listener = (received: NodeJS.Signals): void => {
    if (signal) process.exit(stopExitCode(signal));
    signal = received === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
    sayInFlight();
    wake();
  };
  takenOver++;
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    takenOver--;
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
  return {
    get signal() {
      return signal;
    },
    until: (step) => (signal ? Promise.resolve(undefined) : Promise.race([step, stopped])),
    release,
    exit: () =>
      // A pipe's writes may still be queued: exit once both streams have taken everything before.
      new Promise<never>(() => process.stdout.write('', () => process.stderr.write('', () => process.exit(stopExitCode(signal ?? 'SIGINT'))))),
  };
}
