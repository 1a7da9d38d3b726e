/**
 * `pods logs ID` and `endpoints logs ID WORKER`: a log stream printed line by line. Each line is the
 * container's own output: printed neutralised (client/src/logs/neutralise.ts), never interpreted.
 * A line that shows why a boot failed (a secret reference left literal, a refused image pull) gets
 * one note on stderr, so stdout stays exactly the log. Ctrl+C ends a follow: exit 0, since a
 * follow has no end of its own and stopping it is how it finishes.
 */
import { ExplanationMemo } from '../logs/logScreen';
import { neutralise } from '../logs/neutralise';
import type { LogStreamItem, LogStreamOptions, RunpodClient } from '../runpod/index';
import { LOG_BACKFILL, MAX_LOG_TAIL } from '../runpod/logStream';
import { expectPositionals, flag, parseCommandArgs, str, type Parsed } from './args';
import { apiConfig, createClient } from './client';
import { EXIT, UsageError } from './errors';
import { helpFor } from './help';
import type { Io } from './io';

/** The options both log commands take. */
export const LOG_OPTIONS = {
  follow: { type: 'boolean', short: 'f' },
  tail: { type: 'string' },
  source: { type: 'string' },
} as const;


/** `pods logs ID [--follow] [--tail N] [--source container|system]`. */
export async function podLogsCommand(argv: readonly string[], io: Io): Promise<number> {
  const command = 'pods logs';
  const parsed = parseCommandArgs(argv, LOG_OPTIONS, command);
  if (flag(parsed, 'help')) {
    io.stdout(helpFor(command));
    return EXIT.ok;
  }
  const [id] = expectPositionals(parsed, ['ID'], command);
  const options = logOptions(parsed, command);
  const client = createClient(apiConfig(io));
  try {
    return await printLog(io, (signal) => client.streamPodLogs(id!, { ...options, signal }), 'pod');
  } finally {
    await client.close();
  }
}

/** The stream options from the command line; a bad `--tail` or `--source` is a usage error. */
export function logOptions(parsed: Parsed, command: string): Omit<LogStreamOptions, 'signal'> {
  // The backfill is asked for, not left to RunPod's default, so the help's number is the one sent.
  const options: Omit<LogStreamOptions, 'signal'> = { follow: flag(parsed, 'follow'), tail: LOG_BACKFILL };
  const tail = str(parsed, 'tail');
  if (tail !== undefined) {
    if (!/^\d{1,4}$/.test(tail) || Number(tail) > MAX_LOG_TAIL) throw new UsageError(`--tail must be a number from 0 to ${MAX_LOG_TAIL}`, command);
    options.tail = Number(tail);
  }
  const source = str(parsed, 'source');
  if (source !== undefined) {
    if (source !== 'container' && source !== 'system') throw new UsageError('--source must be container or system', command);
    options.source = source;
  }
  return options;
}

/**
 * Prints a log stream until it ends, or until Ctrl+C. Lines go to stdout as `ts source line`;
 * notes and notices to stderr. Failures are thrown for `run` to report (exit 2).
 * @param what "pod" or "worker", for the closing note when it disappears
 */
async function printLog(io: Io, open: (signal: AbortSignal) => AsyncIterable<LogStreamItem>, what: 'pod' | 'worker'): Promise<number> {
  const controller = new AbortController();
  const stopListening = io.onInterrupt?.(() => controller.abort());
  const explained = new ExplanationMemo();
  try {
    for await (const item of open(controller.signal)) {
      switch (item.kind) {
        case 'line': {
          io.stdout(`${neutralise(item.ts)} ${item.source} ${neutralise(item.line)}\n`);
          const explanation = explained.take(item.line);
          if (explanation) io.stderr(`note: ${neutralise(explanation.message)}\n`);
          break;
        }
        case 'notice':
          io.stderr(`note: ${neutralise(item.text)}\n`);
          break;
        case 'end':
          if (item.reason === 'gone') io.stderr(`note: the ${what} no longer exists; its log ends here.\n`);
          return EXIT.ok;
      }
    }
    return EXIT.ok;
  } finally {
    stopListening?.();
  }
}

/** For `endpoints logs`: the same printing for a worker. */
export function printWorkerLog(io: Io, client: RunpodClient, endpointId: string, workerId: string, options: Omit<LogStreamOptions, 'signal'>): Promise<number> {
  return printLog(io, (signal) => client.streamWorkerLogs(endpointId, workerId, { ...options, signal }), 'worker');
}
