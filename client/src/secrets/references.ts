/**
 * Finds where a secret is referenced, in plain text and in the env of account resources. Pure: no
 * `vscode` import, so View Secret, Delete Secret, the tree, the CLI and the tests share one
 * definition of "referenced".
 */
import type { FilesGap } from './indexGap';
import type { AccountUnchecked, AccountUse } from './accountUsages';
import { formatReference, isSecretNameChar, SECRET_REFERENCE_PREFIX } from '../../../server/src/template/names';
import { findReferencesInValue, parseEnv, substitutionLabel, substitutionOf, substitutionOfKind, type DocumentKind, type FoundReference, type ReferenceKind, type SubstitutionVerdict } from '../../../server/src/template/index';
import { analyzeReferences, flatReferences } from '../../../server/src/template/analyze';
import { factsOf } from '../../../server/src/template/workspace/facts';
import { LineCursor } from '../../../server/src/lsp/positions';

export { SECRET_REFERENCE_PREFIX };

/** The canonical reference text for a secret, `{{ RUNPOD_SECRET_<name> }}` (the shared rule's format). */
export function secretReference(name: string): string {
  return formatReference(name);
}

/**
 * The columns `[start, end)` of the reference the cursor at `column` of `line` sits in, so Insert
 * Reference replaces it instead of nesting a second one inside: a closed `{{ ... }}` around the
 * cursor, or an open `{{ RUNPOD_SECRET_partial` that the cursor ends (what a user has typed so far).
 */
export function referenceAround(line: string, column: number): { start: number; end: number } | undefined {
  const start = line.lastIndexOf('{{', column - 1);
  if (start < 0 || start >= column) return undefined; // the cursor is not past the start of a `{{`
  const close = line.indexOf('}}', start + 2);
  if (close >= 0 && column <= close + 2) {
    // A `{{` of another reference in between means the cursor is not in this one.
    return line.lastIndexOf('{{', close) === start ? { start, end: close + 2 } : undefined;
  }
  if (close >= 0 && close < column) return undefined;
  // Open: only a reference typed so far, with the cursor at its end (or inside its name).
  let end = column;
  while (end < line.length && isSecretNameChar(line.charCodeAt(end))) end++;
  const typed = line.slice(start + 2, end).trimStart();
  return SECRET_REFERENCE_PREFIX.startsWith(typed) || typed.startsWith(SECRET_REFERENCE_PREFIX) ? { start, end } : undefined;
}

/** One occurrence of a reference in a text; line and column are 0-based (UTF-16 units). */
export interface ReferenceHit {
  line: number;
  column: number;
  /** The variable the reference sits in (`KEY` of `KEY=...` or `"KEY": ...`), when one is recognisable. */
  key?: string;
  /**
   * How the reference is written, in the core's terms (`substitutionOf`): whether RunPod substitutes
   * it. Absent when the name is not inside a reference of a variable (a comment, bare text).
   */
  kind?: ReferenceKind;
  /** The verdict alone, when the exact form is not known (a location from the language server's index). */
  substituted?: SubstitutionVerdict;
}

/** Where a variable's value lies in the text, as the template core's readers report it. */
export interface VariableSpan {
  key: string;
  valueSpan: { start: number; end: number };
  /** The decoded value and each decoded character's document offset (`EnvVariable`), to classify the reference exactly. */
  value?: string;
  valueOffsets?: readonly number[];
}

/**
 * Finds `RUNPOD_SECRET_<name>` in `text`: exact, case-sensitive name matches only (RunPod treats
 * names as case-sensitive), in every spelling of the braces around it.
 *
 * Decided: "where used" lists a reference RunPod will not substitute too (other spacing, unclosed),
 * labelled by its `kind`. It still names the secret, so Delete Secret must show it: after the
 * delete, the editor's one-click fix to the documented form would point at nothing.
 *
 * @param variables the core reader's variables for the file's kind (JSON, TOML); without them the
 *   text is read as env lines (`KEY=value`) with the core's env reader
 */
export function findReferencesInText(text: string, name: string, variables?: readonly VariableSpan[]): ReferenceHit[] {
  const hits: ReferenceHit[] = [];
  // The core's offset-to-position rule (`\r\n`, `\n` and a lone `\r` end a line), in one forward pass: hits ascend.
  const cursor = new LineCursor(text);
  let vars: readonly VariableSpan[] | undefined;
  const read = new Map() as ReadValues;
  let next = 0;
  for (const at of referenceOffsets(text, name)) {
    cursor.seek(at);
    const { line, character: column } = cursor;
    // A hit starts with `R`, never inside a line break, so its line starts `column` units before it.
    const lineStart = at - column;
    // Read once, and only for a text that mentions the name; by where values start, so that one
    // pointer moves forward through the variables as the hits ascend.
    vars ??= [...(variables ?? parseEnv(text).variables)].sort((a, b) => a.valueSpan.start - b.valueSpan.start);
    const hit: ReferenceHit = { line, column };
    while (next < vars.length && vars[next]!.valueSpan.end <= at) next++;
    const candidate = vars[next];
    const variable = candidate && candidate.valueSpan.start <= at ? candidate : undefined;
    const ref = variable ? coreReferenceAt(variable, at + SECRET_REFERENCE_PREFIX.length, read) : undefined;
    // Where the name ends is the core's rule (a reference's token ends at a space or a brace):
    // `{{ RUNPOD_SECRET_hf_token:x }}` names `hf_token:x`, which is no use of `hf_token`.
    if (ref && ref.name !== name) continue;
    const key = variable?.key ?? keyOfLine(text, lineStart, at);
    if (key) hit.key = key;
    if (ref) hit.kind = substitutionOf(ref).kind;
    hits.push(hit);
  }
  return hits;
}

/** The uses of a secret in one file, and whether the file was read only in part (as the index's IndexEntry.readInPart). */
export interface FileReferences {
  hits: ReferenceHit[];
  /**
   * There may be more hits: the analysis stopped before the text's end (analyze.ts readAnalyzed:
   * past the size or the entry count), or past the uses the index keeps of a file (facts.ts
   * MAX_FACTS_PER_FILE, of every secret: `capped`).
   */
  readInPart: boolean;
}

/**
 * The uses of `name` in a file of `kind`, by the core's where-used rule (template/workspace/facts.ts
 * factsOf), which the editor's index keeps: references the core reads in a variable's value, at the
 * name's start (where the index's locations point), with the key when it is a valid variable name
 * (an invalid one may be a value). A mention in a comment, in a field RunPod does not substitute or
 * outside braces is no use; a name written with an escape is one. `runpod-check secrets usage` and
 * the editor's own search (when the index cannot answer) read files through this. Like the index,
 * it reads a file up to the analysis limits and its uses up to the per-file limit, and says when
 * it stopped before the end (`readInPart`).
 * @param kind undefined reads the text as env lines
 */
export function findReferencesInFile(text: string, name: string, kind: DocumentKind | undefined): FileReferences {
  // Most files never name the secret: they are not analysed (a 15 MB file costs a scan, not a read).
  if (!mayUse(text, name)) return { hits: [], readInPart: false };
  const { variables, references, cut } = analyzeReferences(text, kind ?? 'runpod-env');
  const cursor = new LineCursor(text);
  const { usages, capped } = factsOf<ReferenceHit | undefined, undefined>(
    { variables, references: flatReferences(references) },
    {
      usage(ref, _substituted, key) {
        if (ref.name !== name) return undefined;
        cursor.seek(ref.nameSpan.start);
        const hit: ReferenceHit = { line: cursor.line, column: cursor.character, kind: substitutionOf(ref).kind };
        if (key !== '') hit.key = key;
        return hit;
      },
      key: () => undefined,
    },
  );
  return { hits: usages.filter((hit): hit is ReferenceHit => hit !== undefined), readInPart: cut || capped };
}

/**
 * Whether `text` may hold a use of `name`; false only when none can be there, so a file skipped
 * for it loses nothing (nor past any limit: `readInPart` is then false).
 *
 * Why it cannot miss: a use is a reference the core reads in a variable's decoded value with the
 * exact prefix right before the name (references.ts: a fuzzy prefix is a `prefix` malformation,
 * no use; isUsage). Every reader decodes a value from the text's own characters and changes them
 * only through an escape, which starts with a backslash: JSON and the Hub listings (jsonc-parser:
 * `\uXXXX`, `\/` and the rest), TOML (`\uXXXX`, `\UXXXXXXXX`, `\xHH`, `\e`, and the line-ending
 * backslash of a multi-line string, which also drops the whitespace after it), env double quotes
 * (`\n` `\r` `\t` `\"` `\\`: readers/env.ts decodeEscape). Besides those they only turn CRLF into
 * LF and trim a line break after TOML's opening `"""`: line breaks, in neither the prefix nor a
 * name, so they cannot join two pieces into `RUNPOD_SECRET_<name>`. So without a backslash, a use
 * of `name` is the text `RUNPOD_SECRET_<name>` written literally.
 */
function mayUse(text: string, name: string): boolean {
  return text.includes('\\') || text.includes(SECRET_REFERENCE_PREFIX + name);
}

/**
 * Where `RUNPOD_SECRET_<name>` starts in `text`, for exact, case-sensitive matches of the name: the
 * one matching rule of "where used" (and of renaming on the account). A match must not touch a name
 * character (the shared rule's): after one, `hf-token` would match inside `hf-token2`; before one,
 * `MY_RUNPOD_SECRET_x` would count.
 */
function referenceOffsets(text: string, name: string): number[] {
  if (name.length === 0) return [];
  const needle = SECRET_REFERENCE_PREFIX + name;
  const offsets: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    if ((at > 0 && isSecretNameChar(text.charCodeAt(at - 1))) || isSecretNameChar(text.charCodeAt(at + needle.length))) continue;
    offsets.push(at);
  }
  return offsets;
}

/**
 * `text` with every reference to `from` naming `to` instead; the braces and spacing stay as written
 * (only the name changes). Used for account env values, where the language server has no say.
 */
export function renameReferencesInText(text: string, from: string, to: string): string {
  // Only the references the core reads as naming `from` (see findReferencesInText): not `{{ RUNPOD_SECRET_from:x }}`.
  const whole = wholeValue(text);
  const read = new Map() as ReadValues;
  const offsets = referenceOffsets(text, from).filter((at) => (coreReferenceAt(whole, at + SECRET_REFERENCE_PREFIX.length, read)?.name ?? from) === from);
  if (offsets.length === 0) return text;
  let out = '';
  let last = 0;
  for (const at of offsets) {
    const nameStart = at + SECRET_REFERENCE_PREFIX.length;
    out += text.slice(last, nameStart) + to;
    last = nameStart + from.length;
  }
  return out + text.slice(last);
}

/**
 * The core's reading of the reference of `variable` whose name starts at document offset
 * `nameStart`, if one does.
 */
function coreReferenceAt(variable: VariableSpan, nameStart: number, read: ReadValues): FoundReference | undefined {
  if (variable.value === undefined) return undefined;
  let byStart = read.get(variable);
  if (!byStart) {
    const options = variable.valueOffsets ? { offsets: variable.valueOffsets } : { offsetBase: variable.valueSpan.start };
    byStart = new Map(findReferencesInValue(variable.value, options).map((r) => [r.nameSpan.start, r]));
    read.set(variable, byStart);
  }
  return byStart.get(nameStart);
}

/** Each variable's references by where their names start, read once per search: a value with 100,000 hits is not searched per hit. */
type ReadValues = Map<VariableSpan, Map<number, FoundReference>>;

/** `text` as one value (an account resource's env value), for {@link coreReferenceAt}. */
function wholeValue(text: string): VariableSpan {
  return { key: '', valueSpan: { start: 0, end: text.length }, value: text };
}

/** `HF_TOKEN` or `HF_TOKEN, not substituted: spacing`: how a hit is shown in View Secret and Delete Secret. */
export function describeHit(hit: Pick<ReferenceHit, 'key' | 'kind' | 'substituted'>): string | undefined {
  const label = hit.kind
    ? substitutionLabel({ kind: hit.kind })
    : hit.substituted === 'no'
      ? 'not substituted'
      : hit.substituted === 'undocumented'
        ? substitutionLabel({ kind: 'embedded' })
        : undefined;
  return [hit.key, label].filter(Boolean).join(', ') || undefined;
}

/** The env key at the start of a line (`KEY=`, `export KEY=`, `"KEY":`, `KEY =`), if any. */
function keyOfLine(text: string, lineStart: number, hitAt: number): string | undefined {
  const prefix = text.slice(lineStart, hitAt);
  const match = /^\s*(?:export\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[=:]/.exec(prefix);
  return match?.[1];
}

/**
 * Anything on the account whose env RunPod resolves when it boots: a template, a Pod, a Serverless
 * endpoint. Only `env` is read, and only its keys are ever shown (a value may be a hard-coded credential).
 */
export interface EnvHolder {
  id: string;
  name: string;
  env?: Readonly<Record<string, unknown>> | null;
}

/** The keys of `env` whose value references `name`, sorted, and those among them RunPod will not substitute. */
export function envKeysReferencing(env: EnvHolder['env'], name: string): { keys: string[]; notSubstituted: string[] } {
  const keys: string[] = [];
  const notSubstituted: string[] = [];
  if (!env || typeof env !== 'object') return { keys, notSubstituted };
  for (const key of Object.keys(env)) {
    const value = env[key];
    if (typeof value !== 'string') continue;
    const hits = findReferencesInText(value, name, [{ key, valueSpan: { start: 0, end: value.length }, value }]);
    if (hits.length === 0) continue;
    keys.push(key);
    // Bare `RUNPOD_SECRET_x` text outside braces (no kind) is not substituted either.
    if (hits.some((h) => h.kind === undefined || substitutionOfKind(h.kind).blocksLaunch)) notSubstituted.push(key);
  }
  return { keys: keys.sort(), notSubstituted: notSubstituted.sort() };
}

/**
 * Every secret name `text` mentions as `RUNPOD_SECRET_<name>`, by the matching rule of
 * {@link findReferencesInText} (a name is the longest run of name characters after the prefix, or
 * inside a reference the core's reading of it, and the prefix must not continue a name), with `text`
 * read as one value (an account env value): `findReferencesInText(text, n, [the same value])` finds hits
 * exactly for the names returned here. One pass, for counting every secret's uses at once.
 */
export function referencedNames(text: string): Set<string> {
  const names = new Set<string>();
  const prefix = SECRET_REFERENCE_PREFIX;
  const whole = wholeValue(text);
  const read = new Map() as ReadValues;
  for (let at = text.indexOf(prefix); at !== -1; at = text.indexOf(prefix, at + 1)) {
    if (at > 0 && isSecretNameChar(text.charCodeAt(at - 1))) continue;
    let end = at + prefix.length;
    while (end < text.length && isSecretNameChar(text.charCodeAt(end))) end++;
    // Inside a reference the core decides where the name ends (`hf_token:x`), as findReferencesInText does.
    const name = coreReferenceAt(whole, at + prefix.length, read)?.name ?? text.slice(at + prefix.length, end);
    if (name !== '') names.add(name);
  }
  return names;
}

/** A workspace file that references the secret (path relative to the workspace, for display). */
export interface FileUsage {
  path: string;
  /** Opaque location the UI can open (a URI string). */
  uri: string;
  hits: ReferenceHit[];
}

/** Everything found about where a secret is used: workspace files and the account's resources. */
export interface SecretUsages {
  files: FileUsage[];
  /** Why there may be more files than `files` (secrets/indexGap.ts), when there may be. */
  filesGap?: FilesGap;
  /** Why workspace files were not searched, when they were not. */
  filesError?: string;
  /** The account's templates, Pods and endpoints that reference the secret. */
  account: AccountUse[];
  /** The kinds of account resources that could not be checked, and why (offline, signed out, ...). */
  accountUnchecked: AccountUnchecked[];
}

/** Number of places (file hits plus account env keys) a secret is referenced. */
export function countUsages(usages: Pick<SecretUsages, 'files' | 'account'>): number {
  let count = 0;
  for (const file of usages.files) count += file.hits.length;
  for (const use of usages.account) count += use.keys.length;
  return count;
}
