/**
 * Command dispatch and the one place failures become exit codes and a single stderr line.
 * `run` never throws and never prints a stack trace.
 */
import { isRunpodApiError, redact } from '../runpod/index';
import { checkCommand } from './check/command';
import { CliError, EXIT, UsageError } from './errors';
import { helpFor } from './help';
import type { Io } from './io';
import { listCommand } from './lists';
import { endpointsCommand } from './endpoints';
import { podLogsCommand } from './logs';
import { podsCommand } from './pods';
import { secretsCommand } from './secrets';
import { sanitize } from './table';
import { VERSION } from './version';

const PROGRAM = 'runpod-check';

/**
 * Runs one command line.
 * @returns the exit code: 0 success, 1 findings, 2 usage or API error
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        io.stderr(helpFor('main'));
        return EXIT.failure;
      case '--help':
      case '-h':
      case 'help':
        io.stdout(helpFor(rest[0] ?? 'main'));
        return EXIT.ok;
      case '--version':
      case '-V':
        io.stdout(`${VERSION}\n`);
        return EXIT.ok;
      case 'check':
        if (rest.includes('--help') || rest.includes('-h')) {
          io.stdout(helpFor('check'));
          return EXIT.ok;
        }
        return await checkCommand(rest, io);
      case 'secrets':
        return await secretsCommand(rest, io);
      case 'templates':
      case 'gpus':
        return await listCommand(command, rest, io);
      case 'pods':
        if (rest[0] === 'logs') return await podLogsCommand(rest.slice(1), io);
        return await podsCommand(rest, io);
      case 'endpoints':
        return await endpointsCommand(rest, io);
      default:
        throw new UsageError(`unknown command "${sanitize(command)}"`);
    }
  } catch (err) {
    const { message, code } = describeFailure(err);
    // Last line of defence: whatever the path, the key never reaches the terminal.
    const key = io.env['RUNPOD_API_KEY']?.trim();
    io.stderr(`${PROGRAM}: ${key ? redact(message, [key]) : message}\n`);
    return code;
  }
}

/** One line for any failure; unknown errors keep only their first line, never their stack. */
export function describeFailure(err: unknown): { message: string; code: number } {
  if (err instanceof UsageError) {
    const hint = `run '${PROGRAM} ${err.command ? `${err.command} ` : ''}--help' for usage`;
    return { message: `${oneLine(err.message)} (${hint})`, code: EXIT.failure };
  }
  if (err instanceof CliError) return { message: oneLine(err.message), code: err.exitCode };
  if (isRunpodApiError(err)) return { message: oneLine(err.message), code: EXIT.failure };
  const text = err instanceof Error ? err.message : String(err);
  return { message: `unexpected error: ${oneLine(text)}`, code: EXIT.failure };
}

function oneLine(text: string): string {
  return sanitize(text.split(/\r?\n/)[0] ?? '').trim();
}
