/**
 * Validation of what the user types when creating or editing a secret: name (shared rule plus
 * duplicates), value size, description size. Pure; the input boxes call these on every keystroke.
 */
import { grouped } from '../../../server/src/template/counts';
import {
  isSecretDescriptionAcceptable,
  sameNameLoosely,
  tableOf,
  SECRET_DESCRIPTION_MAX_BYTES,
  SECRET_VALUE_FILE_MAX_BYTES,
  validateSecretName,
  VALUE_FILE_MESSAGES,
  valueFromFileBytes,
  valueFromText,
} from '../../../server/src/template/names';
import { describeRefusal, type FileRefusal } from '../cli/fileRead';

/** A validation result the input box can show; `warning` lets the user go on. */
export interface InputProblem {
  message: string;
  severity: 'error' | 'warning';
}

/**
 * Checks a new secret's name: the shared name rule (the same one the language server uses), then
 * duplicates among the known secrets. Names are case-sensitive, so another case is allowed but
 * warned; so is a name the same but for - or _ (names.ts sameNameLoosely, the rule by which the
 * credential check offers to reference that secret instead): hf_token beside hf-token is a second secret.
 * Runs on every keystroke: pass the store's frozen `secretNames` as it is (names.ts reads a frozen
 * list's table once), never a copy.
 */
export function validateNewSecretName(name: string, existingNames: readonly string[]): InputProblem | undefined {
  return newNameProblem(name, existingNames, undefined);
}

/**
 * Checks the target of Rename Secret: not the current name, then the new-name rule, except that a
 * name that exists exactly is allowed with a warning: a rename stopped partway (its new secret made,
 * the old one kept) is finished by continuing into it, without a create and without its value.
 */
export function validateRenameTarget(name: string, from: string, existingNames: readonly string[]): InputProblem | undefined {
  if (name === from) return { message: `That is the current name. Type the new name for ${from}.`, severity: 'error' };
  if (!validateSecretName(name) && tableOf(existingNames).exact.has(name)) {
    return { message: `${name} already exists: press Enter to continue the rename of ${from} into it (its value is not changed).`, severity: 'warning' };
  }
  // The secret being renamed goes away: a new spelling of its own name (hf_token to hf-token) makes no second one.
  return newNameProblem(name, existingNames, from);
}

/** The new-name rule against `names`, where a match equal to `leaving` (the secret being renamed) does not count. */
function newNameProblem(name: string, names: readonly string[], leaving: string | undefined): InputProblem | undefined {
  const ruleMessage = validateSecretName(name);
  if (ruleMessage) return { message: ruleMessage, severity: 'error' };
  if (name !== leaving && tableOf(names).exact.has(name)) return { message: `A secret named ${name} already exists. Choose another name, or edit that secret's value.`, severity: 'error' };
  // "The account already has this secret" is one rule (names.ts sameNameLoosely): another case or
  // other separators, as the hard-coded credential's suggestion and the unknown-secret hint judge it.
  // The secret being renamed is skipped in the look-up (no copy of the list without it, which read
  // a new table of every name each keystroke): another of that spelling is still said.
  const similar = sameNameLoosely(name, names, leaving);
  if (similar === undefined) return undefined;
  const why = similar.toLowerCase() === name.toLowerCase() ? 'names are case-sensitive' : 'names differ by their separators too';
  return { message: `A secret named ${similar} exists; ${why}, so this creates a second one.`, severity: 'warning' };
}

/**
 * A value file's message (names.ts VALUE_FILE_MESSAGES) as a sentence, for the editor's value box and
 * Move value into a RunPod secret: a value RunPod refuses is said in the same words however it came.
 */
export function valueSentence(problem: 'too-large' | 'nul'): string {
  const text = VALUE_FILE_MESSAGES[problem];
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * The value a typed or pasted text gives, by the rule of a value file's text (names.ts
 * valueFromText: a leading byte-order mark dropped, as a file read drops it, and the line break
 * `echo` adds), so a value pasted from a file is stored as "From file…" or the command line's
 * prompt would store it; then non-empty, under RunPod's size limit, and no NUL (a pasted or typed
 * U+0000 would reach no Pod whole). Never echoes the value.
 */
export function typedValue(text: string): { value: string } | { error: string } {
  const read = valueFromText(text);
  if ('value' in read) return read;
  return { error: read.problem === 'empty' ? 'Enter a value (it cannot be empty).' : valueSentence(read.problem) };
}

/** The value box's check: why {@link typedValue} gives no value, or undefined. */
export function validateSecretValue(value: string): string | undefined {
  const read = typedValue(value);
  return 'error' in read ? read.error : undefined;
}

/**
 * Checks a description as it is sent, trimmed (the editor and the command line trim it): at most
 * 65,535 bytes of UTF-8; empty is allowed (none / clears).
 */
export function validateDescription(description: string): string | undefined {
  return isSecretDescriptionAcceptable(description.trim()) ? undefined : `The description must be at most ${grouped(SECRET_DESCRIPTION_MAX_BYTES)} bytes.`;
}

/**
 * Why a file of `size` bytes cannot hold a secret value (before reading it), or undefined. The
 * limit is the stored value's: a file may hold a BOM and a line break on top (names.ts).
 */
export function valueFileSizeProblem(size: number): string | undefined {
  if (size <= 0) return VALUE_FILE_MESSAGES.empty;
  return size > SECRET_VALUE_FILE_MAX_BYTES ? VALUE_FILE_MESSAGES['too-large'] : undefined;
}

/**
 * Why the file a stat describes cannot hold a secret value (before reading it), or undefined: only
 * a regular file is read, in the words of the command line's --value-file (cli/fileRead.ts): a link
 * to /dev/zero or a FIFO is no file of size 0, and reading one would never end.
 */
export function valueFileProblem(stat: { regular: boolean; folder: boolean; size: number }): string | undefined {
  if (!stat.regular) return valueFileRefusal({ refusal: stat.folder ? 'folder' : 'special' });
  return valueFileSizeProblem(stat.size);
}

/**
 * Why the bounded reader (cli/fileRead.ts readRegularFile) refused a value file, in the words of
 * the value's size rule for a file too large. Never includes content.
 */
export function valueFileRefusal(read: { refusal: FileRefusal; code?: string }): string {
  return read.refusal === 'too-large' ? VALUE_FILE_MESSAGES['too-large'] : describeRefusal(read, SECRET_VALUE_FILE_MAX_BYTES);
}

/**
 * The secret value a file's bytes give, by the command line's `--value-file` rule (names.ts
 * valueFromFileBytes: UTF-8 only, a BOM and an `echo` line break dropped, a PEM key's final
 * newline kept), or why none. Never includes content.
 */
export function decodeValueFile(bytes: Uint8Array): { value: string } | { error: string } {
  const read = valueFromFileBytes(bytes);
  return 'message' in read ? { error: read.message } : read;
}
