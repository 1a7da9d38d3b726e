/**
 * RunPod's secret-name rules and the reference format, shared by the language server and the
 * extension (input validation in "Create secret"). This file imports only the display and count
 * rules (themselves import-free), so the client can bundle it alone.
 */
import { clip, describeChar } from './displayText';
import { bytesInWords } from './counts';

/** The prefix RunPod substitutes inside `{{ ... }}`. */
export const SECRET_REFERENCE_PREFIX = 'RUNPOD_SECRET_';
/** RunPod rejects longer names. */
export const SECRET_NAME_MAX_LENGTH = 191;
/** The longest name of a template, Pod or endpoint the editor sends: the secret names' limit, which RunPod's other names share (the fake API states it for each). */
export const RESOURCE_NAME_MAX_LENGTH = SECRET_NAME_MAX_LENGTH;
/** RunPod's value limit: a secret value is at least 1 byte and strictly under this many bytes of UTF-8 (16 MiB). */
export const SECRET_VALUE_MAX_BYTES = 16 * 1024 * 1024;
/** {@link SECRET_VALUE_MAX_BYTES} for messages: "must be smaller than 16 MiB". */
export const SECRET_VALUE_LIMIT_TEXT = bytesInWords(SECRET_VALUE_MAX_BYTES);
/** RunPod's description limit: at most this many bytes of UTF-8 (`""` clears a description). */
export const SECRET_DESCRIPTION_MAX_BYTES = 65_535;

/** Size of a string in UTF-8 bytes, without allocating a buffer (a lone surrogate counts 3, as its U+FFFD replacement). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Why RunPod would refuse a secret value: `empty` (no byte) or `too-large` (16 MiB or more of UTF-8). */
export type SecretValueProblem = 'empty' | 'too-large';

/**
 * Whether RunPod accepts a secret value: at least 1 byte, strictly under 16 MiB of UTF-8. Pass the
 * text, or the byte count of a file not read yet. Callers word the answer for their surface
 * (input box, file picker, quick fix, command line); none states the limit again.
 * @returns `undefined` when RunPod accepts it
 */
export function secretValueProblem(value: string | number): SecretValueProblem | undefined {
  const bytes = typeof value === 'number' ? value : utf8ByteLength(value);
  if (bytes <= 0) return 'empty';
  return bytes >= SECRET_VALUE_MAX_BYTES ? 'too-large' : undefined;
}

/**
 * The most bytes a value file may hold: RunPod's limit plus a UTF-8 byte-order mark and a CRLF,
 * which {@link valueFromFileBytes} drops before the value is measured. A bigger file holds a value
 * that is too large, and is refused before it is read.
 */
export const SECRET_VALUE_FILE_MAX_BYTES = SECRET_VALUE_MAX_BYTES + 5;

/**
 * Why a value file, a pipe or a prompt gives no value, in the same words in the editor ("From
 * file…") and the command line (`--value-file`, standard input, the prompt), each prefixed there
 * with its source.
 */
export const VALUE_FILE_MESSAGES = {
  empty: 'the value is empty (or only a line break); a secret value needs at least one character',
  'too-large': `the value is too large; RunPod takes a value of less than ${SECRET_VALUE_LIMIT_TEXT}`,
  'not-utf8': 'the value is not UTF-8 text; RunPod secret values are text (encode binary content, for example as base64, first)',
  nul: 'the value holds a NUL character (U+0000), which an environment variable cannot carry, so no Pod or worker could receive it',
} as const;

/** What a NUL read from a file's bytes most likely means: said for files and pipes, not for a typed value. */
const NUL_IN_BYTES_HINT = '; a UTF-16 file without a byte-order mark reads this way: save it as UTF-8 text';

/**
 * Whether a value holds a NUL (U+0000), which no Pod or worker can receive: a secret reaches its
 * Pod as an environment variable, and those are NUL-terminated strings (execve), so a NUL would cut
 * the value short. Refused ({@link VALUE_FILE_MESSAGES}.nul) however the value arrives: a file, a
 * pipe, the prompt, the editor's value box, a value moved out of a document.
 */
export function holdsNul(value: string): boolean {
  return value.includes('\u0000');
}

/**
 * `text` without one final line break: `\n`, `\r\n` or a lone `\r` (the project's line rule), so a
 * value of `\r` alone is empty too. The one rule for a value's final line break, piped or typed.
 */
export function withoutFinalLineBreak(text: string): string {
  return text.replace(/(?:\r\n|\n|\r)$/, '');
}

/** Whether `text` holds a line break of any kind (more than one line, once a final one is dropped). */
export function holdsLineBreak(text: string): boolean {
  return /[\r\n]/.test(text);
}

/**
 * The value a secret gets from a text: a leading byte-order mark is dropped (an encoding artefact),
 * and one trailing line break (`\n`, `\r\n` or `\r`) only when the rest is a single line, so a token
 * written by `echo` works while a PEM key keeps its final newline. RunPod's size rule applies to
 * this value, the one stored; then no NUL ({@link holdsNul}).
 */
export function valueFromText(text: string): { value: string } | { problem: SecretValueProblem | 'nul'; message: string } {
  let value = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rest = withoutFinalLineBreak(value);
  if (!holdsLineBreak(rest)) value = rest;
  const problem = secretValueProblem(value) ?? (holdsNul(value) ? 'nul' : undefined);
  return problem ? { problem, message: VALUE_FILE_MESSAGES[problem] } : { value };
}

/**
 * The value a secret gets from a file's bytes: UTF-8 text only (a binary file is refused, not
 * mangled into replacement characters), then {@link valueFromText}, which refuses a NUL: a UTF-16
 * file without a BOM is valid UTF-8 with a NUL after every ASCII character. The one rule for the
 * editor's "From file…" and the command line's `--value-file` and standard input.
 */
export function valueFromFileBytes(bytes: Uint8Array): { value: string } | { problem: SecretValueProblem | 'not-utf8' | 'nul'; message: string } {
  if (bytes.byteLength > SECRET_VALUE_FILE_MAX_BYTES) return { problem: 'too-large', message: VALUE_FILE_MESSAGES['too-large'] };
  let text: string;
  try {
    // ignoreBOM: the mark stays in the text so valueFromText drops it by the same rule as for a pipe.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { problem: 'not-utf8', message: VALUE_FILE_MESSAGES['not-utf8'] };
  }
  const read = valueFromText(text);
  return 'problem' in read && read.problem === 'nul' ? { ...read, message: `${read.message}${NUL_IN_BYTES_HINT}` } : read;
}

/** Whether RunPod accepts a description: at most 65,535 bytes of UTF-8 (empty is allowed). */
export function isSecretDescriptionAcceptable(description: string): boolean {
  return utf8ByteLength(description) <= SECRET_DESCRIPTION_MAX_BYTES;
}

/**
 * A description as RunPod can hold it: one it cannot came from a broken or hostile server (a list
 * answer may be 32 MB), and every hover, tooltip and render escapes the whole of it (a 32 MB one
 * took 4 s of the extension host per render of the Secrets view). Cut to a third of the limit in
 * characters, ellipsis included, which fits whatever they are (at most 3 bytes of UTF-8 each):
 * where a description enters, from the API, from storage, and in the language server's catalog.
 */
export function heldDescription(description: string): string {
  return isSecretDescriptionAcceptable(description) ? description : clip(description, Math.floor(SECRET_DESCRIPTION_MAX_BYTES / 3));
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95; // A-Z a-z _
}

/** Characters RunPod allows after the first one: ASCII letters, digits, `_ . - /`. */
export function isSecretNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 45 || c === 47;
}

/** The characters of a secret name, in the words of every message about them ("ASCII": `é` is a letter RunPod refuses). */
const NAME_CHARS_TEXT = 'ASCII letters, digits and "_ . - /"';
/** What a secret name starts with, in the words of every message about it. */
const NAME_START_TEXT = 'an ASCII letter or "_"';

/** Why a name fails {@link hasSecretNameCharsOnly}, for a message about an existing secret's name. */
export const SECRET_NAME_CHARS_RULE = `A secret name has 1 to ${SECRET_NAME_MAX_LENGTH} ${NAME_CHARS_TEXT}.`;

/**
 * The whole rule for a new secret's name as a phrase, for a prompt that states it before the user
 * types: each part is a refusal of {@link validateSecretName}, in its words.
 */
export const SECRET_NAME_RULE = `${NAME_CHARS_TEXT}, starting with ${NAME_START_TEXT} and not with "RUNPOD" (in any case), at most ${SECRET_NAME_MAX_LENGTH} characters`;

/**
 * Whether every character of `name` is one RunPod allows in a secret name (letters, digits, `_ . - /`)
 * and it is not over the length limit. Not the whole name rule: a secret made before a rule changed
 * (a leading digit, a RUNPOD prefix) is still a secret of the account, and no such name forms
 * markup, a line break or a terminal escape. What a secret list from a server must pass before its
 * names are offered, inserted or shown.
 */
export function hasSecretNameCharsOnly(name: string): boolean {
  if (name.length === 0 || name.length > SECRET_NAME_MAX_LENGTH) return false;
  for (let i = 0; i < name.length; i++) if (!isSecretNameChar(name.charCodeAt(i))) return false;
  return true;
}

/** `RUNPOD` in any case at the start: reserved by RunPod, so no secret name (compared by code, no copies: this runs for every reference). */
export function hasReservedPrefix(name: string): boolean {
  if (name.length < 6) return false;
  for (let i = 0; i < 6; i++) {
    // ASCII letters only: OR-ing 0x20 lower-cases them and cannot turn a non-letter into one here.
    if ((name.charCodeAt(i) | 0x20) !== RUNPOD_LOWER.charCodeAt(i)) return false;
  }
  return true;
}
const RUNPOD_LOWER = 'runpod';

/**
 * Checks a secret name against RunPod's rules: 1 to 191 characters, `^[a-zA-Z_][a-zA-Z0-9_.\-/]*$`,
 * and no `RUNPOD` prefix in any case.
 * @returns `undefined` when the name is valid, otherwise a user-facing reason.
 */
export function validateSecretName(name: string): string | undefined {
  if (name.length === 0) return 'A secret name cannot be empty.';
  if (name.length > SECRET_NAME_MAX_LENGTH) {
    return `A secret name has at most ${SECRET_NAME_MAX_LENGTH} characters (this one has ${name.length}).`;
  }
  if (hasReservedPrefix(name)) {
    return 'Names beginning with "RUNPOD" (in any case) are reserved by RunPod.';
  }
  const first = name.charCodeAt(0);
  if (!isNameStart(first)) {
    return `A secret name must start with ${NAME_START_TEXT}, not ${describeChar(String.fromCodePoint(name.codePointAt(0) ?? first))}.`;
  }
  for (let i = 1; i < name.length; i++) {
    if (!isSecretNameChar(name.charCodeAt(i))) {
      const cp = name.codePointAt(i) ?? name.charCodeAt(i);
      return `A secret name may only contain ${NAME_CHARS_TEXT}; it contains ${describeChar(String.fromCodePoint(cp))}.`;
    }
  }
  return undefined;
}

/**
 * Why a reference's name can never name a secret, judged against the account's names: a name the
 * account holds is judged by its characters only (one made before RunPod's rule changed, `2fa_seed`
 * or `RUNPOD_KEY`, is still the account's and RunPod substitutes it); any other name must pass the
 * whole rule for a new secret. The one answer for the editor's diagnostic and the Launch Pod, Push
 * Template and Deploy preflight.
 * @param known the account's secret names, `undefined` when no list is loaded
 * @returns `undefined` when the name is acceptable, otherwise a user-facing reason
 */
export function referenceNameProblem(name: string, known: ReadonlySet<string> | undefined): string | undefined {
  if (known !== undefined && known.has(name) && hasSecretNameCharsOnly(name)) return undefined;
  return validateSecretName(name);
}

/**
 * The environment variable key rule, `^[A-Za-z_][A-Za-z0-9_]*$` (the invalid-key diagnostic).
 *
 * RunPod documents no rule for keys; its API (and the fake that stands for it) also takes `.` and
 * `-`, and Docker takes anything without `=`. The rule is the POSIX portable name instead (IEEE
 * 1003.1 §8.1, lower case allowed as every shell does), because that is what every program in a Pod
 * can use: a shell cannot expand or `export` `HF-HOME` (`$HF-HOME` is `$HF` then `-HOME`), a start
 * command sourcing an env file fails on it, while a key of this rule works everywhere. Stricter than
 * RunPod on purpose: the editor never passes a key RunPod would refuse (test/fake-runpod/
 * differential.test.ts proves every key of this rule is one the fake accepts, and that `.` and `-`
 * are the only difference), and sends no key outside it: an env file (envEntries.ts readVarsText), a
 * template file (client launch/templateFile.ts) and the preflight (client launch/checks.ts checkEnv)
 * refuse one, in the invalid-key diagnostic's words (rules/keys.ts invalidKeyMessage).
 */
export function isEnvKeyStart(c: number): boolean {
  return isNameStart(c);
}

/**
 * The key rule ({@link isEnvKey}) in words, for every message that asks for a valid key: the
 * invalid-key diagnostic (rules/keys.ts) and the command line's preflight (cli/preflightReport.ts).
 */
export const ENV_KEY_RULE = 'ASCII letters, digits and "_", not starting with a digit';

/** A character a key may hold after the first: letters, digits, `_` (see {@link isEnvKeyStart}). */
export function isEnvKeyChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

/** Whether a whole key follows the rule: `^[A-Za-z_][A-Za-z0-9_]*$` (see {@link isEnvKeyStart}). */
export function isEnvKey(key: string): boolean {
  if (key.length === 0 || !isEnvKeyStart(key.charCodeAt(0))) return false;
  for (let i = 1; i < key.length; i++) if (!isEnvKeyChar(key.charCodeAt(i))) return false;
  return true;
}

/** The canonical reference RunPod documents: `{{ RUNPOD_SECRET_<name> }}`. */
export function formatReference(name: string): string {
  return `{{ ${SECRET_REFERENCE_PREFIX}${name} }}`;
}

/** Lower-cases and drops separators so `HF_Token`, `hf-token` and `hf.token` compare equal. */
function looseKey(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 95 || c === 45 || c === 46 || c === 47) continue;
    out += name[i];
  }
  return out.toLowerCase();
}

/**
 * Optimal-string-alignment distance, giving up (returning max + 1) once it exceeds `max`. The three
 * rows are the caller's, reused across a search (a list of 100,000 names is 300,000 arrays otherwise).
 * Only the band of cells `max` or fewer off the diagonal is computed: a cell farther off is more
 * than `max` edits whatever the letters, so it stands as `max + 1` (the cells just outside the band
 * are set so, as the next row reads them); a 14-letter name within 1 edit is 3 cells a row, not 14.
 */
function boundedEditDistance(a: string, b: string, max: number, rows: Int32Array[]): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  const over = max + 1;
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= n; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(n, i + max);
    cur[lo - 1] = lo === 1 && i <= max ? i : over;
    let rowMin = cur[lo - 1]!;
    for (let j = lo; j <= hi; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < n) cur[hi + 1] = over;
    if (rowMin > max) return over;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[n]!, over);
}

/**
 * A list of known names read once for {@link sameNameLoosely} and {@link closestName}: each tier a
 * lookup, and the edit distances computed once per lower-cased name. Searching the list itself
 * lower-cased and stripped every name again per name searched: against 100,000 secrets, a document
 * of 1,000 typos kept the server from answering for over a minute.
 */
export interface NameTable {
  exact: ReadonlySet<string>;
  /** The first known name per lower-cased name, in the list's order (the order ties are broken in). */
  byLower: ReadonlyMap<string, string>;
  /** The first known name per {@link looseKey}. */
  byLoose: ReadonlyMap<string, string>;
  /**
   * The second name per key of `byLower` and `byLoose`: the match when the first is skipped
   * ({@link sameNameLoosely}'s `except`, the secret being renamed), without a list of its own.
   */
  nextByLower: ReadonlyMap<string, string>;
  nextByLoose: ReadonlyMap<string, string>;
  /** The lower-cased names (the keys of `byLower`) and the {@link charMask} of each, in the same order. */
  lower: readonly string[];
  masks: Int32Array;
}

/**
 * The characters of `s` as 32 bits (a character's code modulo 32). An edit adds or drops at most
 * one character, so two names `d` edits apart differ by at most `d` bits each way: most names of a
 * list are ruled out by two popcounts before their edit distance is computed.
 */
function charMask(s: string): number {
  let mask = 0;
  for (let i = 0; i < s.length; i++) mask |= 1 << (s.charCodeAt(i) & 31);
  return mask;
}

function bitCount(n: number): number {
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function nameTable(known: readonly string[]): NameTable {
  const byLower = new Map<string, string>();
  const byLoose = new Map<string, string>();
  const nextByLower = new Map<string, string>();
  const nextByLoose = new Map<string, string>();
  // The first name of a key, else its second (another name than the first).
  const add = (first: Map<string, string>, next: Map<string, string>, key: string, k: string) => {
    const had = first.get(key);
    if (had === undefined) first.set(key, k);
    else if (had !== k && !next.has(key)) next.set(key, k);
  };
  for (const k of known) {
    add(byLower, nextByLower, k.toLowerCase(), k);
    const loose = looseKey(k);
    if (loose.length > 0) add(byLoose, nextByLoose, loose, k);
  }
  const lower = [...byLower.keys()];
  return { exact: new Set(known), byLower, byLoose, nextByLower, nextByLoose, lower, masks: Int32Array.from(lower, charMask) };
}

/**
 * The table of each plain list read so far, with a copy of the names it was read from. Callers
 * pass the same list once per unknown name (the preflight, Launch Pod's env items, the CLI's
 * secret usage, each with the account's secret list): a table per call made 200 names against
 * 100,000 secrets 132 s. A frozen list cannot change, so its identity is its version and the
 * table is taken as it is; any other list may be refreshed in place, so its table is reused only
 * while it still holds exactly those names: one comparison per name, less than reading them again
 * (lower-casing and stripping each) but at 100,000 secrets 390 µs a lookup, 87% of a closestName.
 * A caller asking per name of its own copy of a list can freeze the copy (`Object.freeze([...names])`).
 */
const tablesByList = new WeakMap<readonly string[], { frozen: boolean; names: readonly string[]; table: NameTable }>();

function unchanged(now: readonly string[], then: readonly string[]): boolean {
  if (now.length !== then.length) return false;
  for (let i = 0; i < now.length; i++) if (now[i] !== then[i]) return false;
  return true;
}

/** The table of `known`: itself when a table, else the one read from that array while it is unchanged. */
export function tableOf(known: readonly string[] | NameTable): NameTable {
  if (!Array.isArray(known)) return known as NameTable;
  const list = known as readonly string[];
  const cached = tablesByList.get(list);
  // Identity is trusted only for a list frozen when its table was read: one read while open, then
  // changed in place and frozen, is compared like any open list (and stored again, frozen, if changed).
  if (cached?.frozen) return cached.table;
  if (cached && unchanged(list, cached.names)) {
    // Still those names, and frozen now: they cannot change any more.
    if (Object.isFrozen(list)) tablesByList.set(list, { frozen: true, names: list, table: cached.table });
    return cached.table;
  }
  const table = nameTable(list);
  const frozen = Object.isFrozen(list);
  // A frozen list needs no copy to compare with.
  tablesByList.set(list, { frozen, names: frozen ? list : [...list], table });
  return table;
}

/**
 * The known name that is `name` but for case and separators: the name itself, then one that differs
 * only in case, then one that differs in case and separators (`hf-token` for `hf_token`). The first
 * tiers of {@link closestName}; alone, the rule for "the account already has this secret" (the
 * hard-coded credential's suggested name), where a name only a few edits away is as often another
 * credential (`gh_token` for `hf_token`) and referencing it would give the Pod the wrong value.
 */
export function sameNameLoosely(name: string, known: readonly string[] | NameTable, except?: string): string | undefined {
  if (name.length === 0) return undefined;
  const table = tableOf(known);
  if (name !== except && table.exact.has(name)) return name;
  // `except` (the secret being renamed, whose respelling makes no second one) is skipped: the key's next name answers.
  const pick = (first: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>, key: string) => {
    const found = first.get(key);
    return found !== undefined && found === except ? next.get(key) : found;
  };
  const loose = looseKey(name);
  return pick(table.byLower, table.nextByLower, name.toLowerCase()) ?? (loose.length > 0 ? pick(table.byLoose, table.nextByLoose, loose) : undefined);
}

/**
 * The known name the user most likely meant by `name`: an exact match, then a name that differs
 * only in case, then one that differs only in case and separators (`hf_token` for `hf-token`),
 * then the nearest by edit distance (at most a third of the length, at most 3 edits). The one
 * "did you mean" rule, for secret names and a template file's field names alike.
 * @returns `undefined` when nothing is close enough.
 */
export function closestName(name: string, known: readonly string[] | NameTable): string | undefined {
  const table = tableOf(known);
  if (name.length === 0 || table.exact.size === 0) return undefined;
  const same = sameNameLoosely(name, table);
  if (same !== undefined) return same;
  const lower = name.toLowerCase();
  const max = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  const rows = [0, 1, 2].map(() => new Int32Array(lower.length + max + 2));
  let best: string | undefined;
  let bestDistance = max + 1;
  const mask = charMask(lower);
  // In the list's order, and a tie keeps the first: so only a name strictly nearer than the best
  // counts, and each is measured up to one edit less than the best (it was up to the best: every
  // tie aligned in full for nothing). No name is 0 edits away (a case-only difference is a tier
  // above), so one at 1 edit is the answer: the search stops there. With the banded distance,
  // 1,000 distinct typos against 100,000 look-alike secrets went from 8.5-10 s to 0.7-0.8 s.
  for (let i = 0; i < table.lower.length; i++) {
    const k = table.lower[i]!;
    const bound = bestDistance - 1;
    if (Math.abs(k.length - lower.length) > bound) continue;
    const m = table.masks[i]!;
    if (bitCount(mask & ~m) > bound || bitCount(m & ~mask) > bound) continue;
    const d = boundedEditDistance(lower, k, bound, rows);
    if (d <= bound) {
      bestDistance = d;
      best = table.byLower.get(k);
      if (d === 1) break;
    }
  }
  return best;
}
