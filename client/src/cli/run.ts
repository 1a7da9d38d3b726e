/**
 * Command dispatch and the one place failures become exit codes and a single stderr line.
 * `run` never throws and never prints a stack trace.
 */
import { isRunpodApiError, redact } from '../runpod/index';
import { checkCommand } from './check/command';
import { cliRemedy, CliError, EXIT, PROGRAM, UsageError, errorLine, firstLine } from './errors';
import { errorKindFacts } from '../runpod/errorKinds';
import { API_KEY_ENV } from '../runpod/environmentVariables';
import { helpFor } from './help';
import { takeGlobalOptions } from './globalOptions';
import { isCommand } from './commands';
import type { Io } from './io';
import { listCommand } from './lists';
import { endpointsCommand } from './endpoints';
import { envsCommand } from './envs';
import { podLogsCommand } from './logs';
import { podsCommand } from './pods';
import { secretsCommand } from './secrets';
import { escapeUnsafe, oneLine } from '../../../server/src/template/displayText';
import { VERSION } from './version';
import { refusalDocument } from './preflightReport';
import { resourceJson } from './resourceJson';


/**
 * Node.js takes `--env-file F` anywhere in its argv, arguments of the script included
 * (nodejs/node#54232): it reads F before any of our code runs and applies NODE_OPTIONS from it, so
 * a repository's env file could make Node load its own code. No option of ours has that name.
 */
const ENV_FILE_REFUSED =
  '--env-file is not an option of runpod-check: Node.js reads a file given as --env-file itself, before runpod-check ' +
  'starts, and applies any NODE_OPTIONS in it. For pods launch, pass the variables with --vars-file FILE.';

/**
 * Runs one command line.
 * @returns the exit code: 0 success, 1 findings, 2 usage or API error
 */
export async function run(argv: readonly string[], terminal: Io): Promise<number> {
  const safe = safeOutput(terminal);
  // Whether the command printed its document (a refusal's, a result's) before failing.
  let printed = false;
  const io: Io = { ...safe, stdout: (text) => ((printed = true), safe.stdout(text)) };
  try {
    if (argv.some((a) => a.startsWith('--env-file'))) throw new UsageError(ENV_FILE_REFUSED);
    const global = takeGlobalOptions(argv);
    io.global = global.options;
    const [command, ...rest] = global.rest;
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
    }
    // Only the commands of the table that says what --account chooses for each (its help says so).
    if (!isCommand(command)) throw new UsageError(`unknown command "${oneLine(command)}"`);
    switch (command) {
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
      case 'envs':
        return await envsCommand(rest, io);
    }
  } catch (err) {
    const { message, code } = describeFailure(err, io.global?.keySource);
    // Last line of defence: whatever the path, the key never reaches the terminal.
    const keys = [io.env[API_KEY_ENV]?.trim(), ...(io.global?.resolvedKeys ?? [])].filter((k): k is string => !!k);
    const said = keys.length > 0 ? redact(message, keys) : message;
    io.stderr(errorLine(said));
    // help says these commands under --json print a document whatever happens: one that failed before printing its own gets this one.
    const document = printed ? undefined : failureDocument(argv, said);
    if (document) io.stdout(resourceJson(document));
    return code;
  }
}

/**
 * The --json document of a command that failed before printing its own, `error` the message stderr
 * says: `pods launch`, `endpoints deploy` and `endpoints update` (a refusal's, both lists empty) and
 * `secrets rotate` (no `secret`: the value did not change, or may not have, as the message says).
 * Undefined for other commands, or without --json (before `--`, where options end).
 */
function failureDocument(argv: readonly string[], error: string): object | undefined {
  const words = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length);
  if (!words.includes('--json')) return undefined;
  const command = takeGlobalOptionsOr(words);
  const pair = `${command[0] ?? ''} ${command[1] ?? ''}`;
  if (['pods launch', 'endpoints deploy', 'endpoints update'].includes(pair)) return { ...refusalDocument([], []), error };
  return pair === 'secrets rotate' ? { error } : undefined;
}

/** The command words after the global options, or none when they cannot be read. */
function takeGlobalOptionsOr(argv: readonly string[]): readonly string[] {
  try {
    return takeGlobalOptions(argv).rest;
  } catch {
    return [];
  }
}

/**
 * One line for any failure; unknown errors keep only their first line, never their stack.
 * @param keySource where the key came from (keySource.ts), when one was resolved: a rejected key is
 *   fixed there, and `--account`/`--profile` never read RUNPOD_API_KEY
 */
export function describeFailure(err: unknown, keySource?: string): { message: string; code: number } {
  if (err instanceof UsageError) {
    const hint = `run '${PROGRAM} ${err.command ? `${err.command} ` : ''}--help' for usage`;
    return { message: `${firstLine(err.message)} (${hint})`, code: EXIT.failure };
  }
  if (err instanceof CliError) return { message: firstLine(err.message), code: err.exitCode };
  if (isRunpodApiError(err)) {
    const kind = errorKindFacts(err.kind)?.remedy ?? 'report';
    const remedy = cliRemedy(kind, keySource);
    return { message: firstLine(err.message) + (remedy ? ` ${remedy}` : ''), code: EXIT.failure };
  }
  const text = err instanceof Error ? err.message : String(err);
  return { message: `unexpected error: ${firstLine(text)}`, code: EXIT.failure };
}

/**
 * The one place every byte the command line prints passes: whatever a command writes (a path, a
 * finding, a name or a description from the API, an error detail), no raw control character,
 * C1 control or bidi override reaches the terminal; each is written as its visible escape
 * (`\u001b`), which inside a JSON string is the same character, so JSON and SARIF stay exact.
 * Our own line feeds stay line feeds; text that must stay on one line is made so where it is
 * formatted (`oneLine`).
 */
function safeOutput(io: Io): Io {
  return {
    ...io,
    stdout: (text) => io.stdout(escapeUnsafe(text, true)),
    stderr: (text) => io.stderr(escapeUnsafe(text, true)),
    prompt: (question, options) => io.prompt(escapeUnsafe(question), options),
  };
}
