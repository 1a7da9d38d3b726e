/**
 * Where "Add KEY to <file>" writes in a JSON file: the new member or element goes last in its
 * container (an object or array found by its property path, by one walk of the file), written on
 * its own line at the indentation of the one before it when the container spans lines, else on the
 * same line; first in the container as a second choice, for when a comment ends the last line
 * (keyInsertion.ts reads each choice back and keeps the first that reads right).
 */
import { walkJson, type JsonPath } from '../readers/jsonWalk';
import { eolOf, indentAt, indentUnit, insertAt, type KeyInsertion } from './insertText';

/** A container of the file: `open` at its `{` or `[`, `close` after its `}` or `]`. */
interface Container {
  array: boolean;
  open: number;
  close: number;
}

/** What the file holds at a property path from its top-level object. */
interface AtPath {
  /** The path's last property occurs (whatever its value). */
  named: boolean;
  /**
   * Its value, when that is an object or an array: the last such one written (JSON readers keep the
   * last occurrence; an edit of one a later occurrence overrides adds no variable, and is refused).
   */
  container?: Container;
}

/** Whether the containers of `path` from the top-level object down are objects, entered at the properties `names`. */
function under(path: JsonPath, names: readonly string[]): boolean {
  for (let d = 1; d <= names.length; d++) if (path.isArray[d] || path.prop[d] !== names[d - 1]) return false;
  return true;
}

/** What `text` holds at each of `paths` (`[]`: the top-level value), in one walk. */
function containersAt(text: string, paths: readonly (readonly string[])[]): AtPath[] {
  const found: AtPath[] = paths.map(() => ({ named: false }));
  const each = (path: JsonPath, depth: (names: readonly string[]) => number, act: (at: AtPath) => void): void =>
    paths.forEach((names, i) => {
      if (path.depth === depth(names) && under(path, names)) act(found[i]!);
    });
  const open = (array: boolean) => (path: JsonPath, offset: number) => each(path, (names) => names.length + 1, (at) => (at.container = { array, open: offset, close: -1 }));
  const close = (path: JsonPath, end: number) => each(path, (names) => names.length + 1, (at) => (at.container!.close = end));
  walkJson(text, {
    string() {},
    // A property name is read at the depth of the object holding it (the top-level value has no name: -1).
    property: (path) => each(path, (names) => (names.length > 0 ? names.length : -1), (at) => (at.named = true)),
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
 * The edits adding an element last, then first, to `c`. `element` writes it given the text that
 * starts a line inside it (`inner`) and before its closing bracket (`outer`): a line break and
 * the indentation one level deeper and at its own level when the container spans lines, else a space.
 */
function addToContainer(text: string, c: Container, element: (inner: string, outer: string) => string): KeyInsertion[] {
  const eol = eolOf(text);
  const bracket = c.close - 1;
  let last = bracket - 1;
  while (last > c.open && isSpace(text.charCodeAt(last))) last--;
  const empty = last === c.open;
  const multiLine = /[\r\n]/.test(text.slice(last + 1, bracket));
  if (!multiLine) {
    const one = element(' ', ' ');
    if (empty) return [{ span: { start: c.open + 1, end: bracket }, newText: ` ${one} ` }];
    return [insertAt(last + 1, `${text[last] === ',' ? '' : ','} ${one}`), insertAt(c.open + 1, ` ${one},`)];
  }
  const unit = indentUnit(text);
  if (empty) {
    const outer = indentAt(text, bracket);
    const indent = outer + unit;
    return [{ span: { start: c.open + 1, end: bracket }, newText: `${eol}${indent}${element(eol + indent + unit, eol + indent)}${eol}${outer}` }];
  }
  const indent = indentAt(text, last);
  const written = element(eol + indent + unit, eol + indent);
  return [insertAt(last + 1, `${text[last] === ',' ? '' : ','}${eol}${indent}${written}`), insertAt(c.open + 1, `${eol}${indent}${written},`)];
}

/**
 * Candidates in a `*.runpod.json`: a member of its `env` object, or, when the top-level object has
 * no `env` at all, an `env` object holding it as that object's last member. An `env` that is not an
 * object gets nothing: a second `env` would replace the first (JSON readers keep the last).
 */
export function runpodJsonCandidates(text: string, key: string, value: string): KeyInsertion[] {
  const member = `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  const [top, env] = containersAt(text, [[], ['env']]);
  if (env!.container) return env!.container.array ? [] : addToContainer(text, env!.container, () => member);
  if (env!.named || !top!.container || top!.container.array) return [];
  return addToContainer(text, top!.container, (inner, outer) => `"env": {${inner}${member}${outer}}`);
}

/**
 * Candidates in a `.runpod/hub.json` or `.runpod/tests.json`: an entry `{ "key", "value" }` last in
 * `config.env`, or a `config.env` array holding it when `config` has no `env`. A plain value, not an
 * `input`: an input is a question to whoever deploys the listing (its name, type, description and
 * default are the author's to design), and the entry is then read (hubJson.ts) only by its default.
 * The key added is one another environment defines with a value, so it gets a value here too, the
 * one the other file kinds get. A file without `config` gets nothing: the Hub's config has fields
 * (runsOn, the GPU or CPU...) that no env entry can choose.
 */
export function hubCandidates(text: string, key: string, value: string): KeyInsertion[] {
  const entry = `{ "key": ${JSON.stringify(key)}, "value": ${JSON.stringify(value)} }`;
  const [config, env] = containersAt(text, [['config'], ['config', 'env']]);
  if (env!.container) return env!.container.array ? addToContainer(text, env!.container, () => entry) : [];
  if (env!.named || !config!.container || config!.container.array) return [];
  return addToContainer(text, config!.container, (inner, outer) => `"env": [${inner}${entry}${outer}]`);
}
