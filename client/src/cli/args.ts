/**
 * Argument parsing on `node:util` parseArgs (no dependency): strict options per command, errors
 * turned into short UsageErrors. Pure: argv in, typed values out.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/**
 * Parses `argv` against `options`; every command also knows `--help`/`-h`.
 * @param command the command's name, for "see --help" hints in errors
 */
export function parseCommandArgs(argv: readonly string[], options: Options, command: string): Parsed {
  try {
    const { values, positionals, tokens } = parseArgs({
      args: negativeValuesJoined(argv, options),
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
    const repeated = repeatedSingleValue(tokens, options);
    if (repeated) throw new UsageError(`option --${repeated} is given twice`, command);
    return { values: values as Parsed['values'], positionals };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(describeParseError(err), command);
  }
}

/**
 * A string option without `multiple` given twice (`--value-file a --value-file b`): parseArgs keeps
 * the last, so one of two values the user asked for would be dropped without a word. A repeated
 * flag asks for the same thing twice and stays allowed.
 */
function repeatedSingleValue(tokens: readonly { kind: string; name?: string }[], options: Options): string | undefined {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    const option = options[token.name];
    if (option?.type !== 'string' || option.multiple) continue;
    if (seen.has(token.name)) return token.name;
    seen.add(token.name);
  }
  return undefined;
}

/**
 * `--rotation-days -1`: parseArgs reads `-1` as an option of its own and says the option "takes no
 * value". A value that looks like a negative number is the option's, as `--rotation-days=-1` says
 * it: joined so, the command's own check words the refusal. Only for options that take a value,
 * and never past `--`.
 */
function negativeValuesJoined(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return [...out, ...argv.slice(i)];
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-[0-9.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/**
 * The one refusal of an option a command knows but this subcommand does not take (each command
 * parses the options of all its subcommands): `--gpu does not apply to pods list (only to pods launch)`.
 * @param onlyFor the subcommand that takes it, when there is one
 */
export function optionNotFor(option: string, command: string, onlyFor?: string): UsageError {
  return new UsageError(`--${option} does not apply to ${command}${onlyFor ? ` (only to ${onlyFor})` : ''}`, command);
}

/**
 * parseArgs messages are long and may quote the whole token (`--value=...`); keep only the option
 * name so a value typed after `=` is never echoed.
 */
function describeParseError(err: unknown): string {
  const code = (err as { code?: string }).code;
  const message = (err as Error).message ?? String(err);
  // `Option '-f, --format <value>' argument missing`: the long form, the one --help shows.
  const option = /'(?:-[^-'\s],\s)?(-{1,2}[^'=\s]*)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option ?? ''}`.trim();
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return option ? `option ${option} ${/argument missing/.test(message) ? 'needs a value' : 'takes no value'}` : 'invalid option value';
  }
  return 'invalid arguments';
}

/** The string value of an option, or undefined. */
export function str(parsed: Parsed, name: string): string | undefined {
  const v = parsed.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** All values of a repeatable string option. */
export function strs(parsed: Parsed, name: string): string[] {
  const v = parsed.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export function flag(parsed: Parsed, name: string): boolean {
  return parsed.values[name] === true;
}

/**
 * Exactly `count` positionals, named for the message. Extra arguments are reported by position
 * only: they might be a secret value typed by mistake (`secrets create NAME VALUE`).
 */
export function expectPositionals(parsed: Parsed, names: readonly string[], command: string): string[] {
  if (parsed.positionals.length < names.length) throw new UsageError(`missing ${names[parsed.positionals.length]}`, command);
  if (parsed.positionals.length > names.length) {
    throw new UsageError(`unexpected extra argument (${parsed.positionals.length - names.length} more than expected)`, command);
  }
  return parsed.positionals;
}

/** A positive integer option value. */
export function positiveInt(text: string, what: string, command: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(text.trim())) throw new UsageError(`${what} must be a positive integer`, command);
  return Number(text.trim());
}
