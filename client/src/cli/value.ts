/**
 * Reading a secret value: from standard input (piped, or typed with echo off on a terminal) or
 * from `--value-file`, never from an argument, because any user of the machine can read a
 * process's argv (`ps`) and shells keep it in their history.
 */
import * as fs from 'node:fs';
import { CliError, UsageError } from './errors';
import type { Io } from './io';

/** RunPod's limit: a value is strictly under 16 MiB of UTF-8. */
export const MAX_VALUE_BYTES = 16 * 1024 * 1024;

/** Why `--value` does not exist, for the user who tried it. */
export const VALUE_FLAG_REFUSED =
  '--value is not accepted: a value on the command line is visible to other users (ps) and kept in shell history. ' +
  'Pipe it on standard input (e.g. `printf %s "$TOKEN" | runpod-check secrets create NAME`) or use --value-file FILE.';

/**
 * Drops one trailing line break (what `echo` and editors add) and checks RunPod's size rules.
 * @throws CliError for an empty or too large value (the message never contains the value)
 */
export function normalizeValue(raw: string, source: string): string {
  const value = raw.replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
  if (value.length === 0) throw new CliError(`the value from ${source} is empty; a secret value needs at least one character`);
  if (Buffer.byteLength(value, 'utf8') >= MAX_VALUE_BYTES) throw new CliError(`the value from ${source} is too large; RunPod takes less than 16 MiB`);
  return value;
}

/**
 * The value for create/update.
 * @param optional for `update` with `--description`: an empty pipe or a terminal means "keep the value"
 * @returns the value, or undefined when optional and none was given
 */
export async function readValue(io: Io, options: { valueFile: string | undefined; prompt: string; optional?: boolean; command: string }): Promise<string | undefined> {
  if (options.valueFile !== undefined) {
    let raw: string;
    try {
      raw = fs.readFileSync(options.valueFile, 'utf8');
    } catch (err) {
      throw new CliError(`--value-file ${options.valueFile}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    return normalizeValue(raw, options.valueFile);
  }
  if (io.stdinIsTTY) {
    if (options.optional) return undefined;
    return normalizeValue(await io.prompt(options.prompt, { hidden: true }), 'the prompt');
  }
  const raw = await io.readStdin();
  if (options.optional && raw.length === 0) return undefined;
  if (raw.length === 0) throw new UsageError('no value: pipe it on standard input or use --value-file FILE', options.command);
  return normalizeValue(raw, 'standard input');
}
