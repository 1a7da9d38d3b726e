/**
 * Reading a secret value: from standard input (piped, or typed with echo off on a terminal) or
 * from `--value-file`, never from an argument, because any user of the machine can read a
 * process's argv (`ps`) and shells keep it in their history. Both are bounded: `/dev/zero` or an
 * endless pipe is cut off just past RunPod's limit instead of filling memory.
 */
import { SECRET_VALUE_FILE_MAX_BYTES, SECRET_VALUE_LIMIT_TEXT, VALUE_FILE_MESSAGES, valueFromFileBytes, valueFromText } from '../../../server/src/template/names';
import { CliError, UsageError } from './errors';
import { describeRefusal, readRegularFile } from './fileRead';
import type { Io } from './io';

/**
 * The most bytes read from a value's source: RunPod's limit plus a UTF-8 BOM and a CRLF, which
 * are dropped before the value is measured (names.ts, the editor's limit for a value file too).
 */
export const MAX_VALUE_INPUT_BYTES = SECRET_VALUE_FILE_MAX_BYTES;

const TOO_LARGE = `is too large; RunPod takes a value of less than ${SECRET_VALUE_LIMIT_TEXT}`;

/** Why `--value` does not exist, for the user who tried it. */
export const VALUE_FLAG_REFUSED =
  '--value is not accepted: a value on the command line is visible to other users (ps) and kept in shell history. ' +
  'Pipe it on standard input (e.g. `printf %s "$TOKEN" | runpod-check secrets create NAME`) or use --value-file FILE.';

/**
 * The value piped or typed: the same rule as a value file (names.ts valueFromText: a BOM and the
 * line break `echo` adds go, a PEM key keeps its final newline), then RunPod's size rules.
 * @param source where the value came from, for the message (`standard input`, `the prompt`)
 * @throws CliError for an empty or too large value (the message never contains the value)
 */
export function normalizeValue(raw: string, source: string): string {
  const read = valueFromText(raw);
  if ('value' in read) return read.value;
  if (read.problem === 'empty') throw new CliError(`the value from ${source} is empty; a secret value needs at least one character`);
  throw new CliError(`the value from ${source} ${TOO_LARGE}`);
}

/**
 * The value for create/update.
 * @param optional for `update` with `--description`: an empty pipe or a terminal means "keep the value"
 * @returns the value, or undefined when optional and none was given
 */
export async function readValue(io: Io, options: { valueFile: string | undefined; prompt: string; optional?: boolean; command: string }): Promise<string | undefined> {
  if (options.valueFile !== undefined) return readValueFile(options.valueFile);
  if (io.stdinIsTTY) {
    if (options.optional) return undefined;
    return normalizeValue(await io.prompt(options.prompt, { hidden: true }), 'the prompt');
  }
  const { text: raw, truncated } = await io.readStdin(MAX_VALUE_INPUT_BYTES);
  if (truncated) throw new CliError(`the value from standard input ${TOO_LARGE}`);
  if (options.optional && raw.length === 0) return undefined;
  if (raw.length === 0) throw new UsageError('no value: pipe it on standard input or use --value-file FILE', options.command);
  return normalizeValue(raw, 'standard input');
}

/**
 * The value of a regular file of at most {@link MAX_VALUE_INPUT_BYTES}, by the editor's rule for
 * "From file…" (names.ts valueFromFileBytes) and in its words. Messages never repeat the
 * argument: someone who typed the value itself after `--value-file` must not see it echoed into
 * a terminal or a CI log.
 */
function readValueFile(file: string): string {
  const read = readRegularFile(file, MAX_VALUE_INPUT_BYTES);
  if (!read.ok) {
    if (read.refusal === 'too-large') throw new CliError(`--value-file: ${VALUE_FILE_MESSAGES['too-large']}`);
    const hint = read.refusal === 'special' ? '; pipe the value on standard input instead' : '';
    throw new CliError(`--value-file: ${describeRefusal(read, MAX_VALUE_INPUT_BYTES)}${hint}`);
  }
  const value = valueFromFileBytes(read.bytes);
  if ('message' in value) throw new CliError(`--value-file: ${value.message}`);
  return value.value;
}
