/**
 * Reading a secret value: from standard input (piped, or typed with echo off on a terminal) or
 * from `--value-file`, never from an argument, because any user of the machine can read a
 * process's argv (`ps`) and shells keep it in their history. Both are bounded: `/dev/zero` or an
 * endless pipe is cut off just past RunPod's limit instead of filling memory.
 */
import { holdsLineBreak, SECRET_VALUE_FILE_MAX_BYTES, VALUE_FILE_MESSAGES, valueFromFileBytes, valueFromText, withoutFinalLineBreak } from '../../../server/src/template/names';
import { CliError, UsageError } from './errors';
import { readLocalValueFile } from '../secrets/valueFile';
import type { Io } from './io';

/** Why `--value` does not exist, for the user who tried it. */
export const VALUE_FLAG_REFUSED =
  '--value is not accepted: a value on the command line is visible to other users (ps) and kept in shell history. ' +
  'Pipe it on standard input (e.g. `printf %s "$TOKEN" | runpod-check secrets create NAME`) or use --value-file FILE.';

/** The value read, or a CliError saying why not after its source (`standard input: the value is empty…`); never the value. */
function valueOrRefusal(read: { value: string } | { message: string }, source: string): string {
  if ('message' in read) throw new CliError(`${source}: ${read.message}`);
  return read.value;
}

/**
 * The value typed at the prompt: the same rule as a value file for text (names.ts valueFromText: a
 * BOM and the line break `echo` adds go, a PEM key keeps its final newline), then RunPod's size rules.
 * @param source where the value came from, for the message (`the prompt`)
 * @throws CliError for an empty or too large value (the message never contains the value)
 */
export function normalizeValue(raw: string, source: string): string {
  return valueOrRefusal(valueFromText(raw), source);
}

/** Why a paste of several lines at the prompt is refused: the prompt reads one line, and a key cut to its first line would be stored without a word. */
export const PROMPT_PASTE_REFUSED =
  'the prompt: several lines were pasted, and the prompt reads one line; nothing was stored. ' +
  'Give a value of several lines (a PEM key) with --value-file FILE, which keeps its final newline, or pipe it on standard input';

/**
 * Why a marked paste is refused whole when it did not end as the terminal marks pastes: its end
 * mark never came (cut short by tmux or screen), or came before the paste was over (the value holds
 * the mark itself): what came is not the value copied.
 */
export const PROMPT_PASTE_UNFINISHED =
  'the prompt: the paste did not end as the terminal marks pastes (cut short, or the value holds the end mark itself); nothing was stored. ' +
  'Paste it again, pipe it on standard input or use --value-file FILE';

/** Why an arrow key or another control character at the prompt is refused: dropping it would store a value the user did not type. */
export const PROMPT_CONTROL_REFUSED =
  'the prompt: the value holds a control character (an arrow or function key types one); nothing was stored. ' +
  'Type it again without, pipe it on standard input or use --value-file FILE';

/**
 * C0 controls but NUL (refused by the value rule itself, in the piped input's words), tab (a
 * character a value may hold) and line breaks (judged as lines first), DEL, and C1 controls: the rest of an escape sequence (`ESC[A`) is
 * plain text, so refusing its ESC refuses the key.
 */
const TYPED_CONTROL = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * The value typed at the hidden prompt (io.ts promptHidden): a paste of several lines or a control
 * character is refused whole, never stored cut short or with characters dropped; then the text rule.
 */
function typedValue(typed: string): string {
  // A line break with text after it: more than one line (a final one alone is the text rule's to drop).
  if (holdsLineBreak(withoutFinalLineBreak(typed))) throw new CliError(PROMPT_PASTE_REFUSED);
  if (TYPED_CONTROL.test(typed)) throw new CliError(PROMPT_CONTROL_REFUSED);
  return normalizeValue(typed, 'the prompt');
}

/** `--value-file -`: the value comes from standard input, as with no --value-file at all. */
const STDIN_VALUE_FILE = '-';

/**
 * The value for create/update/rotate: from --value-file, else standard input (`--value-file -`
 * names it explicitly). Piped bytes follow the value file's rule (names.ts valueFromFileBytes): a
 * binary or UTF-16 value is refused, never stored mangled.
 * @param optional for `update` with `--description`: the value changes only when --value-file asks
 *   for it; standard input is never read then, so a loop's remaining input (`while read n`) is not
 *   taken as the value and a CI stdin that never closes does not hang the command.
 * @returns the value, or undefined when optional and --value-file was not given
 */
export async function readValue(io: Io, options: { valueFile: string | undefined; prompt: string; optional?: boolean; command: string }): Promise<string | undefined> {
  if (options.valueFile === undefined && options.optional) return undefined;
  if (options.valueFile !== undefined && options.valueFile !== STDIN_VALUE_FILE) return readValueFile(options.valueFile);
  if (io.stdinIsTTY) return typedValue(await io.prompt(options.prompt, { hidden: true }));
  const { bytes, truncated } = await io.readStdin(SECRET_VALUE_FILE_MAX_BYTES);
  if (truncated) throw new CliError(`standard input: ${VALUE_FILE_MESSAGES['too-large']}`);
  if (bytes.byteLength === 0) throw new UsageError('no value: pipe it on standard input or use --value-file FILE', options.command);
  return valueOrRefusal(valueFromFileBytes(bytes), 'standard input');
}

/**
 * The value of a regular file of at most SECRET_VALUE_FILE_MAX_BYTES, by the editor's chain for
 * "From file…" (secrets/valueFile.ts readLocalValueFile) and in its words. Messages never repeat the
 * argument: someone who typed the value itself after `--value-file` must not see it echoed into
 * a terminal or a CI log.
 */
async function readValueFile(file: string): Promise<string> {
  const read = await readLocalValueFile(file);
  if ('value' in read) return read.value;
  const hint = read.refusal === 'special' ? '; pipe the value on standard input instead' : '';
  throw new CliError(`--value-file: ${read.error}${hint}`);
}
