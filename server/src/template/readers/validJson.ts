/**
 * The walk of a JSON document that `JSON.parse` accepts, which is nearly every template file: with
 * the syntax known to be right, the walk need not check or recover anything, so it looks only at
 * the characters that shape the document (`{ } [ ] ,` and the quotes around strings), found by the
 * engine's own search instead of a loop over every character. The same calls to the handlers, in
 * the same order, as jsonc-parser's visitor makes for that document (jsonWalk.ts; a differential
 * test holds the two to it): the visitor is still what reads a document with comments, trailing
 * commas or an error. Measured on the workspace index's 2,000 JSON files, in a fresh process
 * (the index's cold start) and warm: BENCHMARKS.md.
 */
import type { JsonHandlers, JsonPath } from './jsonWalk';
import { MAX_NESTING } from './tooDeep';

/** The characters that shape a JSON document; everything between them is a number, `true`, `false`, `null` or blanks. */
const SHAPE = /[{}[\],"]/g;

/**
 * Next index of a character at or after `from`, remembering the last answer: the walk only moves
 * forward, so a character missing from the rest of the text is searched for once, not per string.
 */
class Finder {
  private at = -1;
  constructor(
    private readonly text: string,
    private readonly ch: string,
  ) {}
  next(from: number): number {
    if (this.at < from) {
      this.at = this.text.indexOf(this.ch, from);
      if (this.at < 0) this.at = this.text.length;
    }
    return this.at;
  }
}

/** A path at depth 0, for a walk of a whole document. */
export function newPath(): JsonPath {
  return { depth: 0, isArray: [false], prop: [undefined], propOffset: [0], propLength: [0] };
}

/** Whether the quote at `quote` is escaped: an odd number of backslashes right before it. */
export function isEscaped(text: string, quote: number): boolean {
  let k = quote - 1;
  while (text.charCodeAt(k) === 92) k--;
  return (quote - 1 - k) % 2 === 1;
}

/**
 * Walks `text`, which `JSON.parse` accepted, calling `handlers` as jsonc-parser's visitor would;
 * `path` is the caller's, at depth 0. Without handlers the walk decides the depth alone: strings
 * are stepped over undecoded (the API client asks this of every answer it reads, runpod/parse.ts).
 * @returns the offset of the first container deeper than {@link MAX_NESTING} (the walk stopped
 * there), or undefined when the walk read the whole text
 */
export function walkValidJson(text: string, path: JsonPath, handlers?: JsonHandlers): number | undefined {
  const quotes = new Finder(text, '"');
  const backslashes = new Finder(text, '\\');
  // In an object, the next string is a property name after `{` and after `,`.
  let expectName = false;
  SHAPE.lastIndex = 0;
  // `test` rather than `exec`: no match object per character found.
  while (SHAPE.test(text)) {
    const at = SHAPE.lastIndex - 1;
    const c = text.charCodeAt(at);
    if (c === 34) {
      let close = quotes.next(at + 1);
      while (isEscaped(text, close)) close = quotes.next(close + 1);
      SHAPE.lastIndex = close + 1;
      if (!handlers) {
        expectName = false;
        continue;
      }
      // Only a string holding a backslash needs decoding; JSON.parse decodes it exactly as JSON says.
      const raw = backslashes.next(at + 1) > close;
      const value = raw ? text.slice(at + 1, close) : (JSON.parse(text.slice(at, close + 1)) as string);
      const length = close + 1 - at;
      if (expectName) {
        const d = path.depth;
        path.prop[d] = value;
        path.propOffset[d] = at;
        path.propLength[d] = length;
        expectName = false;
        handlers.property?.(path);
      } else {
        handlers.string(path, value, at, length);
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (path.depth >= MAX_NESTING) return at;
      const d = ++path.depth;
      const array = c === 91;
      path.isArray[d] = array;
      path.prop[d] = undefined;
      expectName = !array;
      if (array) handlers?.arrayBegin?.(path, at);
      else handlers?.objectBegin?.(path, at);
    } else if (c === 44 /* , */) {
      expectName = !path.isArray[path.depth];
    } else {
      if (c === 125 /* } */) handlers?.objectEnd?.(path, at + 1);
      else handlers?.arrayEnd?.(path, at + 1);
      path.depth--;
      expectName = false;
    }
  }
  return undefined;
}
