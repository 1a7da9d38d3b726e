/**
 * The command line's own failures and its exit codes. Every failure ends as ONE line on stderr:
 * never a stack trace, never the API key or a secret value (messages here never quote user input
 * that could be a value, such as extra positional arguments).
 */
import { constants } from 'node:os';
import type { Remedy } from '../runpod/errorKinds';
import { API_KEY_ENV, API_URL_ENV } from '../runpod/environmentVariables';
import { oneLine } from '../../../server/src/template/displayText';

/** The command's name, as its help and its error lines (`runpod-check: ...`) spell it. */
export const PROGRAM = 'runpod-check';

/** One failure's line on stderr: the program's name, then the message. */
export function errorLine(message: string): string {
  return `${PROGRAM}: ${message}\n`;
}

/** The exit code of a process a signal ended, as shells report it: 128 + the signal's number. */
export function signalExitCode(signal: 'SIGHUP' | 'SIGINT' | 'SIGTERM'): number {
  return 128 + constants.signals[signal];
}

/**
 * 0 success, 1 findings (check problems, refused launch), 2 usage or API error, 130 Ctrl+C at a
 * prompt (SIGINT), 143 SIGTERM and 129 SIGHUP (the terminal closed) where a command stops itself to
 * record what was done (interruptedWrites.ts stopSignals).
 */
export const EXIT = {
  ok: 0,
  findings: 1,
  failure: 2,
  cancelled: signalExitCode('SIGINT'),
  terminated: signalExitCode('SIGTERM'),
  hungUp: signalExitCode('SIGHUP'),
} as const;

/** Wrong use of the command line: unknown option, missing argument, bad flag value. Exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The command whose `--help` explains the right use, e.g. `secrets create`. */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** A failure with a message ready for the user and a chosen exit code (unreadable file, refusal). */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.failure) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * The command line's wording of the fixes that name a surface (runpod/errorKinds.ts): where this
 * run's key and URL came from instead of editor commands. A rejected key is fixed where it came
 * from: `--account` and `--profile` never read RUNPOD_API_KEY. Other kinds' messages already say
 * what to do in neutral words (undefined here).
 * @param keySource where the key came from (keySource.ts: `RUNPOD_API_KEY_PROD (account prod)`,
 *   the config file's table), when one was resolved; else the plain variable
 */
export function cliRemedy(remedy: Remedy, keySource: string = API_KEY_ENV): string | undefined {
  const plain = keySource === API_KEY_ENV;
  if (remedy === 'set-key') return plain ? `Set ${API_KEY_ENV} to a valid key.` : `The key came from ${keySource}: replace it there with a valid key.`;
  if (remedy === 'check-config') return `Check ${API_URL_ENV} and ${plain ? API_KEY_ENV : `the key (from ${keySource})`}.`;
  return undefined;
}

/** The first line of a message, safe for a terminal: an error's detail never spills onto more lines. */
export function firstLine(text: string): string {
  return oneLine(text.split(/\r?\n/)[0] ?? '').trim();
}
