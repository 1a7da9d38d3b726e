/**
 * Where "Add KEY to <file>" writes the key, in the target file's own format: an env line at the end
 * of an env file; a member of the `env` object of a `*.runpod.json`, or a new `env` object
 * (jsonInsertion.ts); an entry of `config.env` of a Hub file; an entry of `[project.env_vars]` of a
 * runpod.toml (a table line, a dotted key or an inline table member, as the file writes its last
 * one), or that table appended at the end. An env line appended to JSON or TOML broke the file (a
 * syntax error, and a template RunPod refuses), so each candidate edit is read back with the file
 * kind's reader: it is offered only when the reader then finds exactly the variables it found plus
 * the new one, with no syntax error. A file with a syntax error already gets no edit: its reader
 * may report only the first hard error, so a second one an edit made would pass unseen (and where a broken
 * file ends its last member is a guess); the error is flagged, and Add KEY works once it is fixed.
 * A text no candidate passes for gets no edit: the user adds the key there.
 */
import { readAnalyzed } from '../analyze';
import { envVarsPlaces } from '../readers/toml';
import { isEnvKind, type DocumentKind, type EnvVariable } from '../types';
import { definedKeys } from './definedKeys';
import { eolOf, insertAt, lineEnd, lineStart, type KeyInsertion } from './insertText';
import { hubCandidates, runpodJsonCandidates } from './jsonInsertion';

export type { KeyInsertion } from './insertText';

/** The edit appending `line` as the last line of `text`, in its line endings, after a line break it lacks. */
export function appendLine(text: string, line: string): KeyInsertion {
  const eol = eolOf(text);
  const before = text === '' || text.endsWith('\n') || text.endsWith('\r') ? '' : eol;
  return { span: { start: text.length, end: text.length }, newText: `${before}${line}${eol}` };
}

/**
 * Candidates in a runpod.toml: after the last entry as the file writes it; else into the empty
 * inline table `env_vars = {}`, else under the `[project.env_vars]` header, each where the TOML
 * reader finds it (a header defining it again would be an error; the reader, not a pattern, knows
 * what is in a string or a comment and every spelling of the name); else a new table at the end.
 */
function tomlCandidates(text: string, last: EnvVariable | undefined, entries: readonly KeyEntry[]): KeyInsertion[] {
  const eol = eolOf(text);
  const lines = entries.map(({ key, value }) => `${key} = ${JSON.stringify(value)}`);
  const entry = lines.join(eol);
  if (last) {
    // The text before the key on its line: blanks (a table line), a dotted path (`env_vars.`), or
    // the start of an inline table (`env_vars = { `); a quote of a quoted key is not part of it.
    const prefix = text.slice(lineStart(text, last.keySpan.start), last.keySpan.start).replace(/["']$/, '');
    return [insertAt(lineEnd(text, last.valueSpan.end), lines.map((l) => `${eol}${prefix}${l}`).join('')), insertAt(last.valueSpan.end, lines.map((l) => `, ${l}`).join(''))];
  }
  const { emptyInline, headerEnd } = envVarsPlaces(text);
  const inline = emptyInline ? [{ span: emptyInline, newText: `{ ${lines.join(', ')} }` }] : [];
  const header = headerEnd !== undefined ? [insertAt(headerEnd, `${eol}${entry}`)] : [];
  // A new table at the end, after a blank line (a header ends the table before it, whichever that
  // is; one defined already in another form makes this an error, refused on read-back).
  const table = appendLine(text, `${/\S/.test(text) ? eol : ''}[project.env_vars]${eol}${entry}`);
  return [...inline, ...header, table];
}

/** A key "Add KEY" writes, with its value (a secret reference or ''). */
export interface KeyEntry {
  key: string;
  value: string;
}

type Candidates = (text: string, last: EnvVariable | undefined, entries: readonly KeyEntry[]) => KeyInsertion[];

/** Where a file of `kind` may take the key, best first; undefined for a kind it is never added to. */
function candidatesOf(kind: DocumentKind): Candidates | undefined {
  if (kind === 'runpod-json') return (text, _last, entries) => runpodJsonCandidates(text, entries);
  if (kind === 'hub-json' || kind === 'tests-json') return (text, _last, entries) => hubCandidates(text, entries);
  if (kind === 'runpod-toml') return tomlCandidates;
  return undefined;
}

/**
 * The targets read lately, each with its read and the edits found for it. A client that does not
 * resolve edits (Neovim 0.7) asks for every action's edit whenever the cursor lands on a missing
 * key: "Add KEY" and "Add all N" each read the whole target, then read it back. Kept by the text
 * itself (an open document hands back the same string until it changes, so a lookup is mostly a
 * pointer compare), the target is read once per text, and each edit (one per set of keys) once.
 * A few texts: one template's environments are a few files.
 */
interface ReadTarget {
  text: string;
  kind: DocumentKind;
  before: ReturnType<typeof readAnalyzed>;
  edits: Map<string, KeyInsertion | undefined>;
}
const MAX_READ_TARGETS = 4;
/**
 * Characters of text the kept targets hold in all: a template's few files fit many times over, while
 * a large file (an open 50 MB document, read in part) is read on each request as before instead of
 * being kept, with its read, for the rest of the server's life after its tab closes.
 */
export const MAX_KEPT_TARGET_CHARS = 4 * 1024 * 1024;
/** Edits kept per text: the keys of one document's lines, and "Add all" of them. */
const MAX_EDITS_PER_TARGET = 64;
const readTargets: ReadTarget[] = [];

function readTarget(text: string, kind: DocumentKind): ReadTarget {
  const at = readTargets.findIndex((t) => t.kind === kind && t.text === text);
  const found = at >= 0 ? readTargets.splice(at, 1)[0]! : { text, kind, before: readAnalyzed(text, kind), edits: new Map() };
  readTargets.unshift(found);
  readTargets.length = Math.min(readTargets.length, MAX_READ_TARGETS);
  let kept = 0;
  const within = readTargets.findIndex((t) => (kept += t.text.length) > MAX_KEPT_TARGET_CHARS);
  if (within >= 0) readTargets.length = within;
  return found;
}

/**
 * One edit adding all of `entries` (distinct keys), in their order, or undefined when the file has
 * no safe place for them: read back once, it must read as itself plus exactly those variables.
 * The same answer for the same text and entries is not computed again ({@link ReadTarget}).
 */
export function keysInsertion(text: string, kind: DocumentKind, entries: readonly KeyEntry[]): KeyInsertion | undefined {
  const target = readTarget(text, kind);
  const id = JSON.stringify(entries.map((e) => [e.key, e.value]));
  if (target.edits.has(id)) return target.edits.get(id);
  const edit = computeKeysInsertion(text, kind, entries, target.before);
  if (target.edits.size >= MAX_EDITS_PER_TARGET) target.edits.delete(target.edits.keys().next().value!);
  target.edits.set(id, edit);
  return edit;
}

function computeKeysInsertion(text: string, kind: DocumentKind, entries: readonly KeyEntry[], before: ReturnType<typeof readAnalyzed>): KeyInsertion | undefined {
  const env = isEnvKind(kind);
  const candidates = candidatesOf(kind);
  const keys = new Set(entries.map((e) => e.key));
  if ((!env && !candidates) || entries.length === 0 || keys.size !== entries.length) return undefined;
  // Read within the analysis limits (analyze.ts, the one place reading is cut): a file read only in
  // part has no known end to write at (an env line there is never read), and an open 50 MB
  // document is not read whole twice per request.
  const read = (t: string) => readAnalyzed(t, kind);
  const broken = (problems: readonly { code: string }[]) => problems.some((p) => p.code === 'syntax-error');
  // A key defined already: the text read now (from disk, or as the editor holds it) is newer than
  // the index the problem came from. A second env line would override its value with an empty one;
  // a Hub input with no default defines it too (the deployer fills it), as the rules count it.
  const defined = definedKeys(before);
  if (before.cut || entries.some((e) => defined.has(e.key))) return undefined;
  // An env file is read line by line: lines added at its end are read as written, whatever is above.
  if (env) return appendLine(text, entries.map((e) => `${e.key}=${e.value}`).join(eolOf(text)));
  // A syntax error already: no edit (see above), rather than counting errors the reader stops at one of.
  if (!candidates || broken(before.problems)) return undefined;
  const last = before.variables[before.variables.length - 1];
  return candidates(text, last, entries).find((c) => {
    const after = read(text.slice(0, c.span.start) + c.newText + text.slice(c.span.end));
    if (after.cut || broken(after.problems) || after.variables.length !== before.variables.length + entries.length) return false;
    const added = addedVariables(before.variables, after.variables);
    return added.length === entries.length && added.every((v, i) => v.key === entries[i]!.key && v.value === entries[i]!.value);
  });
}

/**
 * The variables of `after` that `before` lacks, counting repeats (a key defined twice stays twice).
 * By a table of key and value, not a search of `before` per variable: a quick fix on a file of
 * 256,000 keys must not cost their square.
 */
function addedVariables(before: readonly EnvVariable[], after: readonly EnvVariable[]): EnvVariable[] {
  const left = new Map<string, number>();
  const id = (v: EnvVariable): string => `${v.key}\u0000${v.value}`;
  for (const v of before) left.set(id(v), (left.get(id(v)) ?? 0) + 1);
  return after.filter((v) => {
    const n = left.get(id(v)) ?? 0;
    if (n > 0) left.set(id(v), n - 1);
    return n === 0;
  });
}
