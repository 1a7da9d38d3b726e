/**
 * Finds where a secret is used, in files and in the env of account resources, by the core's one
 * where-used rule (template/workspace/facts.ts isUsage). Pure: no
 * `vscode` import, so View Secret, Delete Secret, the tree, the CLI and the tests share one
 * definition of "referenced".
 */
import type { FilesGap } from './indexGap';
import type { AccountUnchecked, AccountUse } from './accountUsages';
import { formatReference, isSecretNameChar, SECRET_REFERENCE_PREFIX } from '../../../server/src/template/names';
import { substitutionLabel, substitutionOf, type DocumentKind, type ReferenceKind, type SubstitutionVerdict } from '../../../server/src/template/index';
import { analyzeReferences } from '../../../server/src/template/analyze';
import { flatReferences } from '../../../server/src/template/variableReferences';
import { factsOf, usagesInValue } from '../../../server/src/template/workspace/facts';
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

/** One use of a secret in a file: where its name starts, 0-based line and column (UTF-16 units). */
export interface ReferenceHit {
  line: number;
  column: number;
  /** The variable the reference sits in (`KEY` of `KEY=...` or `"KEY": ...`), when one is recognisable. */
  key?: string;
  /**
   * How the reference is written, in the core's terms (`substitutionOf`): whether RunPod substitutes
   * it. Absent for a location from the language server's index, which gives `substituted` instead.
   */
  kind?: ReferenceKind;
  /** The verdict alone, when the exact form is not known (a location from the language server's index). */
  substituted?: SubstitutionVerdict;
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
 * `text` with every use of `from` (the core's where-used rule, as for files: {@link usagesInValue})
 * naming `to` instead; the braces and spacing stay as written (only the name changes). Used for
 * account env values, where the language server has no say. Bare `RUNPOD_SECRET_from` text is no
 * use and stays as it is, as the server's rename leaves it in a file.
 */
export function renameReferencesInText(text: string, from: string, to: string): string {
  let out = '';
  let last = 0;
  for (const ref of usagesInValue(text)) {
    if (ref.name !== from) continue;
    const { start, end } = ref.nameSpan;
    out += text.slice(last, start) + to;
    last = end;
  }
  return last === 0 ? text : out + text.slice(last);
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

/**
 * Anything on the account whose env RunPod resolves when it boots: a template, a Pod, a Serverless
 * endpoint. Only `env` is read, and only its keys are ever shown (a value may be a hard-coded credential).
 */
export interface EnvHolder {
  id: string;
  name: string;
  env?: Readonly<Record<string, unknown>> | null;
}

/**
 * The keys of `env` whose value uses `name`, sorted, and those among them RunPod will not substitute.
 * A use is the core's, as in a file ({@link usagesInValue}): a reference RunPod will not substitute
 * (other spacing, unclosed) is one, labelled; bare `RUNPOD_SECRET_<name>` text is none.
 */
export function envKeysReferencing(env: EnvHolder['env'], name: string): { keys: string[]; notSubstituted: string[] } {
  const keys: string[] = [];
  const notSubstituted: string[] = [];
  if (!env || typeof env !== 'object') return { keys, notSubstituted };
  for (const key of Object.keys(env)) {
    const value = env[key];
    if (typeof value !== 'string') continue;
    const uses = usagesInValue(value).filter((ref) => ref.name === name);
    if (uses.length === 0) continue;
    keys.push(key);
    if (uses.some((ref) => substitutionOf(ref).blocksLaunch)) notSubstituted.push(key);
  }
  return { keys: keys.sort(), notSubstituted: notSubstituted.sort() };
}

/**
 * Every secret name an account env value uses, by the same rule as {@link envKeysReferencing}:
 * `envKeysReferencing({ K: text }, n)` lists `K` exactly for the names returned here. One pass, for
 * counting every secret's uses at once.
 */
export function referencedNames(text: string): Set<string> {
  return new Set(usagesInValue(text).map((ref) => ref.name));
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
  /** With `filesGap` `limit`: the first folder too deep for the index, as the server names it (protocol.ts SecretUsagesResult.deepFolder). */
  deepFolder?: string;
  /** The folders this window's own search could not list (a use there is missing from `files`), by relative path. */
  unlisted?: string[];
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
