/**
 * Where "Add KEY to <file>" writes in a JSON file: the new member or element goes last in its
 * container (an object or array found by its property path, by one walk of the file), right after
 * the last value written in it, before the comments ending that line, and on its own line at the
 * indentation of the one before it when the container spans lines, else on the same line. Comments
 * stay as written. keyInsertion.ts reads the edit back, and gives a file with a syntax error none.
 */
import { walkJson, type JsonPath } from '../readers/jsonWalk';
import { eolOf, indentAt, indentUnit, insertAt, lineEnd, type KeyInsertion } from './insertText';
import type { KeyEntry } from './keyInsertion';

/** A container of the file: `open` at its `{` or `[`, `close` after its `}` or `]`. */
interface Container {
  array: boolean;
  open: number;
  close: number;
  /** After the last string, property name or container directly in it, as the walk reports them; -1 before any. */
  reported: number;
  /** It holds one of the keys: an object as a member's name, an array in an element's `key` (a Hub env entry, with a value or not). */
  holds: boolean;
}

/** What the file holds at a property path from its top-level object. */
interface AtPath {
  /** The path's last property occurs (in the last occurrence of its parent). */
  named: boolean;
  /**
   * Its value, when that is an object or an array, in the last occurrence of the path's properties:
   * JSON readers keep the last (an edit of one a later occurrence overrides adds no variable).
   */
  container?: Container;
}

/** Whether the containers at depths 1..`n` of `path` are objects, entered at `names[0..n-1]`. */
function under(path: JsonPath, names: readonly string[], n: number): boolean {
  for (let d = 1; d <= n; d++) if (path.isArray[d] || path.prop[d] !== names[d - 1]) return false;
  return true;
}

/** What `text` holds at each of `paths` (`[]`: the top-level value), and whether each container holds one of `keys`, in one walk. */
function containersAt(text: string, paths: readonly (readonly string[])[], keys: ReadonlySet<string>): AtPath[] {
  const found: AtPath[] = paths.map(() => ({ named: false }));
  // Calls `act` for each path whose container is at `path.depth - below`, `path` inside it.
  const each = (path: JsonPath, below: number, act: (at: AtPath, depth: number) => void): void =>
    paths.forEach((names, i) => {
      const depth = names.length + 1;
      if (path.depth === depth + below && under(path, names, names.length)) act(found[i]!, depth);
    });
  const open = (array: boolean) => (path: JsonPath, offset: number) => each(path, 0, (at) => (at.container = { array, open: offset, close: -1, reported: -1, holds: false }));
  const close = (path: JsonPath, end: number) => {
    each(path, 0, (at) => (at.container!.close = end));
    each(path, 1, (at) => (at.container!.reported = end));
  };
  walkJson(text, {
    string(path, value, offset, length) {
      each(path, 0, (at) => (at.container!.reported = offset + length));
      // `{ "key": KEY, ... }` in an array.
      each(path, 1, (at, d) => {
        if (at.container!.array && !path.isArray[d + 1] && path.prop[d + 1] === 'key' && keys.has(value)) at.container!.holds = true;
      });
    },
    property(path) {
      const d = path.depth;
      paths.forEach((names, i) => {
        const at = found[i]!;
        if (d === names.length + 1 && under(path, names, names.length)) {
          // A member of the container.
          at.container!.reported = path.propOffset[d]! + path.propLength[d]!;
          if (keys.has(path.prop[d]!)) at.container!.holds = true;
        } else if (d <= names.length && under(path, names, d)) {
          // The path's property, or one of its parents, occurs (again): what an earlier occurrence held is replaced.
          at.named = d === names.length;
          at.container = undefined;
        }
      });
    },
    objectBegin: open(false),
    arrayBegin: open(true),
    objectEnd: close,
    arrayEnd: close,
  });
  // An unclosed container (a broken file) has no end to write before.
  return found.map((at) => (at.container && at.container.close < 0 ? { named: at.named } : at));
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Reads `text` from `from` up to `to`, where only blanks, comments, `,` `:` and literals (a number,
 * `true`, `false`, `null`) may be (the walk reports strings and containers): `last`, the end of the
 * last token not a comment, -1 when there is none; `comments`, the end of the last comment, else
 * `from`. With `sameLine`, it stops at the end of `from`'s line or at a token.
 */
function scan(text: string, from: number, to: number, sameLine: boolean): { last: number; comments: number } {
  let last = -1;
  let comments = from;
  for (let k = from; k < to; ) {
    const c = text.charCodeAt(k);
    const next = text.charCodeAt(k + 1);
    if (c === 47 /* / */ && next === 47) k = comments = lineEnd(text, k);
    else if (c === 47 && next === 42 /* * */) {
      const close = text.indexOf('*/', k + 2);
      const end = close < 0 || close >= to ? to : close + 2;
      if (sameLine && /[\r\n]/.test(text.slice(k, end))) break;
      k = comments = end;
    } else if (isSpace(c)) {
      if (sameLine && (c === 10 || c === 13)) break;
      k++;
    } else if (sameLine) break;
    else last = ++k;
  }
  return { last, comments };
}

/**
 * The edit adding elements last to `c`. `element` writes them given the text that starts a line
 * inside one (`inner`), before its closing bracket (`outer`) and between two of `c`'s elements
 * (`next`): a line break and the indentation one level deeper and at its own level when the
 * container spans lines, else a space.
 */
function addToContainer(text: string, c: Container, element: (inner: string, outer: string, next: string) => string): KeyInsertion {
  const eol = eolOf(text);
  const bracket = c.close - 1;
  const inside = scan(text, Math.max(c.reported, c.open + 1), bracket, false);
  const empty = inside.last < 0 && c.reported < 0;
  // Nothing but blanks: replaced, laid out anew.
  const blank = empty && inside.comments === c.open + 1;
  // After the last token: its value, or a comma already written; the comments ending its line stay there.
  const last = empty ? c.open + 1 : Math.max(inside.last, c.reported);
  const comma = empty || text[last - 1] === ',' ? '' : ',';
  const at = scan(text, last, bracket, true).comments;
  const multiLine = /[\r\n]/.test(text.slice(at, bracket));
  if (!multiLine) {
    const one = element(' ', ' ', ', ');
    return blank ? { span: { start: c.open + 1, end: bracket }, newText: ` ${one} ` } : insertAt(last, `${comma} ${one}`);
  }
  const unit = indentUnit(text);
  const indent = empty ? indentAt(text, bracket) + unit : indentAt(text, last);
  const written = element(eol + indent + unit, eol + indent, `,${eol}${indent}`);
  if (blank) return { span: { start: c.open + 1, end: bracket }, newText: `${eol}${indent}${written}${eol}${indentAt(text, bracket)}` };
  // The comma right after the value, the element after the comments: one edit, those comments rewritten as they are.
  return { span: { start: last, end: at }, newText: `${comma}${text.slice(last, at)}${eol}${indent}${written}` };
}

/**
 * Candidates in a `*.runpod.json`: a member of its `env` object, or, when the top-level object has
 * no `env` at all, an `env` object holding it as that object's last member. An `env` that is not an
 * object gets nothing: a second `env` would replace the first (JSON readers keep the last); nor
 * does one holding the key already with a value not a string (`"PORT": 8080`): a duplicate member.
 */
export function runpodJsonCandidates(text: string, entries: readonly KeyEntry[]): KeyInsertion[] {
  const members = entries.map(({ key, value }) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  const [top, env] = containersAt(text, [[], ['env']], new Set(entries.map((e) => e.key)));
  if (env!.container) return env!.container.array || env!.container.holds ? [] : [addToContainer(text, env!.container, (_inner, _outer, next) => members.join(next))];
  if (env!.named || !top!.container || top!.container.array) return [];
  return [addToContainer(text, top!.container, (inner, outer) => `"env": {${inner}${members.join(`,${inner}`)}${outer}}`)];
}

/**
 * Candidates in a `.runpod/hub.json` or `.runpod/tests.json`: an entry `{ "key", "value" }` last in
 * `config.env`, or a `config.env` array holding it when `config` has no `env`. A plain value, not an
 * `input`: an input is a question to whoever deploys the listing (its name, type, description and
 * default are the author's to design), and the entry is then read (hubJson.ts) only by its default.
 * The key added is one another environment defines with a value, so it gets a value here too, the
 * one the other file kinds get. A file without `config` gets nothing: the Hub's config has fields
 * (runsOn, the GPU or CPU...) that no env entry can choose. An entry of the key already (an input
 * with no default, which the readers do not count as a variable, or a bare `{ "key": K }` the reader
 * skips) gets nothing: a second entry of the key would be a duplicate; the user decides. (A required
 * input is a definition to missing-in-environment: the Hub reader's inputKeys, so it is not reported.)
 */
export function hubCandidates(text: string, entries: readonly KeyEntry[]): KeyInsertion[] {
  const items = entries.map(({ key, value }) => `{ "key": ${JSON.stringify(key)}, "value": ${JSON.stringify(value)} }`);
  const [config, env] = containersAt(text, [['config'], ['config', 'env']], new Set(entries.map((e) => e.key)));
  if (env!.container) return env!.container.array && !env!.container.holds ? [addToContainer(text, env!.container, (_inner, _outer, next) => items.join(next))] : [];
  if (env!.named || !config!.container || config!.container.array) return [];
  return [addToContainer(text, config!.container, (inner, outer) => `"env": [${inner}${items.join(`,${inner}`)}${outer}]`)];
}
