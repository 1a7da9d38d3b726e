/**
 * One streaming pass over a JSON (with comments) document with jsonc-parser's `visit`, keeping
 * only a stack of container types and current property names: building the whole tree with
 * `parseTree` cost about 17x `JSON.parse` on a large hub.json, the visitor about 3x. The readers
 * for `*.runpod.json`, `.runpod/hub.json` and `.runpod/tests.json` are small state machines on top.
 * jsonc-parser recovers from errors, so a broken document still yields what can be read; the first
 * error becomes one `syntax-error` problem. A document `JSON.parse` accepts (no comments, no
 * error: nearly every file) is walked by validJson.ts instead, with the same calls, several times
 * faster and without the visitor's cost in a fresh process (BENCHMARKS.md).
 */
import { printParseErrorCode, visit } from 'jsonc-parser';
import type { Problem, Span } from '../types';
import { DEFAULT_SEVERITY } from '../types';
import { decodeJsonString, newPlace, StringVariables, type StringEnvVariable, type Decoder } from './stringOffsets';
import { jsonAccepts } from './jsonAccepts';
import { MAX_NESTING, tooDeep, type TooDeepCause } from './tooDeep';
import { isEscaped, newPath, walkValidJson } from './validJson';

/** The container stack at a point of the walk; depth 1 is the root container. */
export interface JsonPath {
  depth: number;
  /** `isArray[d]`: the container at depth `d` is an array. */
  isArray: boolean[];
  /** `prop[d]`: the property currently being read in the object at depth `d`. */
  prop: (string | undefined)[];
  /** Offset and length of that property's name token. */
  propOffset: number[];
  propLength: number[];
}

export interface JsonHandlers {
  /** A string value, with its token (quotes included) and decoded value from jsonc-parser. */
  string(path: JsonPath, value: string, offset: number, length: number): void;
  /** An object starts at `depth` (already pushed). */
  objectBegin?(path: JsonPath, offset: number): void;
  /** The object at `path.depth` ends (not yet popped); `end` is the offset after its `}`. */
  objectEnd?(path: JsonPath, end: number): void;
  /** An array starts at `offset` (already pushed). */
  arrayBegin?(path: JsonPath, offset: number): void;
  /** The array at `path.depth` ends (not yet popped); `end` is the offset after its `]`. */
  arrayEnd?(path: JsonPath, end: number): void;
  /** A property name of the object at `path.depth` was read (`path.prop` and `propOffset` hold it), before its value. */
  property?(path: JsonPath): void;
}

// Keyed by jsonc-parser's error names (its codes are a const enum, not importable here).
const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Unexpected character',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Expected a property name in double quotes',
  ValueExpected: 'Expected a value',
  ColonExpected: 'Expected `:` after the property name',
  CommaExpected: 'Expected `,` between entries',
  CloseBraceExpected: 'Expected `}` to close the object',
  CloseBracketExpected: 'Expected `]` to close the array',
  EndOfFileExpected: 'Unexpected text after the end of the JSON value',
  InvalidCommentToken: 'Invalid comment',
  UnexpectedEndOfComment: 'The comment is never closed',
  UnexpectedEndOfString: 'The string is never closed (strings end on the same line)',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid `\\u` escape: expected four hex digits',
  InvalidEscapeCharacter: 'Invalid escape sequence',
  InvalidCharacter: 'Control characters must be escaped inside strings',
};

/**
 * Walks `text` up to `end`, calling `handlers` for strings and objects. When `end` cuts the text
 * (at a line start, so never inside a string), what the cut leaves open is not an error.
 * @returns one `syntax-error` problem for the first parse error, if any
 */
export function walkJson(text: string, handlers: JsonHandlers, end = text.length): Problem[] {
  return problemsOf(text, walk(text, handlers, end));
}

/**
 * Where the readers stop a JSON (with comments) document as nested too deeply: the offset of the
 * first container past {@link MAX_NESTING} as {@link walkJson} reaches it (or of the last opened when
 * the stack gave out first: `cause`), or undefined. The one
 * depth rule of the editor, `check` and the launch flows (templateFile.ts), which parse the file
 * with jsonc-parser as the visitor reads it: a flat count of brackets stepped over brackets the
 * parser skips after an error, so a parse it called shallow still overflowed the stack.
 */
export function jsonTooDeepAt(text: string): { at: number; cause: TooDeepCause } | undefined {
  const { deepAt, cause } = walk(text, undefined, text.length);
  return deepAt === undefined ? undefined : { at: deepAt, cause: cause ?? 'bound' };
}

/** What a walk found: its first syntax error, or where it stopped as nested too deeply. */
interface Walked {
  problems: Problem[];
  deepAt?: number;
  /** Why it stopped at `deepAt`: past the bound, or out of stack before it (tooDeep.ts). */
  cause?: TooDeepCause;
}

function problemsOf(text: string, walked: Walked): Problem[] {
  return walked.deepAt === undefined ? walked.problems : [tooDeep(text, walked.deepAt, walked.cause)];
}

/** Without handlers (a depth question alone), no string is decoded on the fast walk. */
function walk(text: string, handlers: JsonHandlers | undefined, end: number): Walked {
  const source = sourceOf(text, end);
  // Valid JSON (what JSON.parse accepts, asked without building it): the fast walk reads it.
  if (!jsonAccepts(source)) return visitBounded(text, handlers ?? NO_HANDLERS, end);
  try {
    return { problems: [], deepAt: walkValidJson(source, newPath(), handlers) };
  } catch (error) {
    if (error instanceof StopWalk) return { problems: [] };
    throw error;
  }
}

const NO_HANDLERS: JsonHandlers = { string: () => undefined };

/** Thrown by a handler to end the walk there (a reader's count limit): what was read before stays read. */
export class StopWalk {}

/** The text the walks read: up to `end`, a UTF-8 BOM as a blank (editors tolerate it; jsonc-parser and JSON.parse do not). */
function sourceOf(text: string, end: number): string {
  const whole = end < text.length ? text.slice(0, end) : text;
  return whole.charCodeAt(0) === 0xfeff ? ` ${whole.slice(1)}` : whole;
}

/**
 * {@link walkJson} with jsonc-parser's visitor, which reads any document: comments, trailing
 * commas, errors (recovering from them). Exported for the test that holds the fast walk to it.
 */
export function walkJsonWithVisitor(text: string, handlers: JsonHandlers, end = text.length): Problem[] {
  return problemsOf(text, visitBounded(text, handlers, end));
}

function visitBounded(text: string, handlers: JsonHandlers, end: number): Walked {
  const path = newPath();
  const problems: Problem[] = [];
  // The last container opened: where a stack smaller than the bound needs gave out.
  let opened = 0;
  const push = (array: boolean, offset: number): void => {
    const d = ++path.depth;
    opened = offset;
    if (d > MAX_NESTING) throw new TooDeep();
    path.isArray[d] = array;
    path.prop[d] = undefined;
  };
  try {
    visitJson(sourceOf(text, end), path, problems, text, end, handlers, push);
  } catch (error) {
    if (error instanceof StopWalk) return { problems };
    // jsonc-parser's visitor recurses once per nesting level: past MAX_NESTING (or a stack
    // smaller than that needs) the walk stops. What was read before that point stays read.
    if (!(error instanceof TooDeep) && !(error instanceof RangeError)) throw error;
    return { problems, deepAt: opened, cause: error instanceof TooDeep ? 'bound' : 'stack' };
  }
  return { problems };
}

/** Thrown by the visitor's walk at a container deeper than {@link MAX_NESTING}, as the fast walk stops there. */
class TooDeep {}

function visitJson(source: string, path: JsonPath, problems: Problem[], text: string, end: number, handlers: JsonHandlers, push: (array: boolean, offset: number) => void): void {
  visit(
    source,
    {
      onObjectBegin: (offset) => {
        push(false, offset);
        handlers.objectBegin?.(path, offset);
      },
      onObjectEnd: (offset, length) => {
        handlers.objectEnd?.(path, offset + length);
        path.depth--;
      },
      onArrayBegin: (offset) => {
        push(true, offset);
        handlers.arrayBegin?.(path, offset);
      },
      onArrayEnd: (offset, length) => {
        handlers.arrayEnd?.(path, offset + length);
        path.depth--;
      },
      onObjectProperty: (property, offset, length) => {
        const d = path.depth;
        path.prop[d] = property;
        path.propOffset[d] = offset;
        path.propLength[d] = length;
        handlers.property?.(path);
      },
      onLiteralValue: (value, offset, length) => {
        if (typeof value === 'string') handlers.string(path, value, offset, length);
      },
      onError: (error, offset, length) => {
        if (problems.length > 0 || (end < text.length && offset + length >= end)) return;
        const start = Math.min(offset, text.length);
        problems.push({
          code: 'syntax-error',
          span: { start, end: Math.min(text.length, start + Math.max(length, 1)) },
          message: `${MESSAGES[printParseErrorCode(error)] ?? 'Invalid JSON'}. References in the parts that can be read are still checked.`,
          severity: DEFAULT_SEVERITY['syntax-error'],
        });
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
}

/**
 * Where the content of the string token at `offset` ends: its closing quote, or the token end when
 * unclosed. Negative (`-end - 1`) when the string holds an escape.
 */
function contentEnd(text: string, offset: number, length: number): number {
  // Only the token's own characters: a search for `\\` through the rest of the document made every
  // string cost the length of the text after it (128k env keys took 8 s).
  const end = offset + length;
  let escaped = false;
  let k = offset + 1;
  for (; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 92) {
      escaped = true;
      k++;
    } else if (c === 34) break;
  }
  const close = Math.min(k, end);
  return escaped ? -close - 1 : close;
}

function contentEndOf(text: string, offset: number, length: number): number {
  if (isClosed(text, offset, length)) return offset + length - 1;
  const end = contentEnd(text, offset, length);
  return end < 0 ? -end - 1 : end;
}

/**
 * Whether the string token at `offset` is closed: it ends in a quote no backslash escapes (the
 * token ends at the first such quote after its opening one). Its content is then between its
 * quotes, found without reading it.
 */
function isClosed(text: string, offset: number, length: number): boolean {
  const close = offset + length - 1;
  return length >= 2 && text.charCodeAt(close) === 34 && !isEscaped(text, close);
}

/** The content span (inside the quotes) of a string token, e.g. a property name. */
export function stringContentSpan(text: string, offset: number, length: number): Span {
  return { start: stringContentStart(text, offset), end: stringContentEnd(text, offset, length) };
}

/** Where {@link stringContentSpan} starts, without the span object. */
export function stringContentStart(text: string, offset: number): number {
  return text.charCodeAt(offset) === 34 ? offset + 1 : offset;
}

/** Where {@link stringContentSpan} ends, without the span object. */
export function stringContentEnd(text: string, offset: number, length: number): number {
  return text.charCodeAt(offset) === 34 ? contentEndOf(text, offset, length) : offset + length;
}

/** The variables of one reading of JSON `text` ({@link jsonStringVariable} makes them). */
export function jsonVariables(text: string): StringVariables {
  return new StringVariables(text, decodeJsonContent);
}

/**
 * A variable of `variables` (one reading's, {@link jsonVariables}) for the string token at
 * `offset`/`length` under `key`, whose key is written at `key*` (its content), the whole entry
 * spanning `span*`, with jsonc-parser's decoded value. When the string has escapes, the offsets
 * come from our own decoding (which decodes the way jsonc-parser does, property-tested) the first
 * time they are asked for.
 */
export function jsonStringVariable(variables: StringVariables, key: string, keyStart: number, keyEnd: number, parsed: string, offset: number, length: number, spanStart: number, spanEnd: number): StringEnvVariable {
  const text = variables.text;
  const close = offset + length - 1;
  // A closed token had escapes exactly when the decoded value is shorter (every escape JSON has
  // decodes to one character, an invalid one to none), so only an unclosed token is searched for a
  // backslash. Searching every value was 4% of a 256k-key template's analysis.
  const end = isClosed(text, offset, length) ? (parsed.length === length - 2 ? close : -close - 1) : contentEnd(text, offset, length);
  const place = PLACE;
  place.keyStart = keyStart;
  place.keyEnd = keyEnd;
  place.valueStart = offset;
  place.valueEnd = offset + length;
  place.spanStart = spanStart;
  place.spanEnd = spanEnd;
  place.contentStart = offset + 1;
  place.contentEnd = end < 0 ? -end - 1 : end;
  return variables.variable(key, parsed, place, end < 0);
}
/** Filled for each variable and copied by {@link StringVariables.variable} (the walk is not re-entrant). */
const PLACE = newPlace();

const decodeJsonContent: Decoder = (text, _token, contentStart, contentEnd) => decodeJsonString(text, contentStart, contentEnd);
