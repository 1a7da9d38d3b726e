/**
 * Reader for legacy `runpod.toml` projects: the string values of the `[project.env_vars]` table
 * (also written as dotted keys `project.env_vars.NAME = "..."` or inline tables), and the first
 * TOML syntax error and the first TOML 1.1 form refused, if any, each as a `syntax-error` problem.
 *
 * Our own single pass over the text, linear in time and memory. It replaced toml-eslint-parser,
 * which builds a full AST with tokens and locations: about 140 times the file's size in memory
 * (428 MB for a 3 MB file), a stack overflow on deep nesting, and a false "Maximum call stack size
 * exceeded" syntax error on any string longer than about 100,000 characters (it spreads every
 * character of a string into one function call). toml-eslint-parser stays as the tests' oracle: a
 * differential test checks that both accept the same documents and read the same values.
 *
 * TOML 1.0, as RunPod's own readers of runpod.toml read it (runpodctl's go-toml v1.9.5,
 * runpod-python's tomlkit): what only TOML 1.1 allows (a trailing comma or a line break inside an
 * inline table, the `\e` and `\xHH` escapes, a time without seconds) is a syntax error at the spot,
 * worded by {@link notInToml10}, and then read on as TOML 1.1 reads it, so the values around it are
 * still checked. A lone CR ends a line, as it does for both of them. After any other error the
 * reader goes on at the next line, so the values that can be read are still checked.
 */
import type { EnvVariable, Problem } from '../types';
import { DEFAULT_SEVERITY } from '../types';
import type { ReadResult } from './env';
import { BACKSLASH, COLON, CR, DQUOTE, HASH, isBlank, LF, SPACE, SQUOTE, TAB } from './chars';
import { newPlace, readHex, StringVariables, type DecodedString, type Decoder } from './stringOffsets';
import { MAX_NESTING, nestedTooDeeply } from './tooDeep';
import { newTableId, TomlKeys } from './tomlKeys';

/** Arrays and inline tables nested deeper than this are refused with a syntax error (no TOML file needs it). */
const NESTED_TOO_DEEPLY = nestedTooDeeply('TOML');

/**
 * The one wording for a TOML 1.1 form that RunPod's own readers of runpod.toml (runpodctl's go-toml
 * v1.9.5, runpod-python's tomlkit) refuse: what is not allowed, why, and how to write it in TOML 1.0.
 */
function notInToml10(what: string, fix: string): string {
  return `${what} (RunPod reads runpod.toml as TOML 1.0); ${fix}`;
}
const TRAILING_COMMA = notInToml10('A trailing comma is not allowed in an inline table', 'remove it');
const INLINE_LINE_BREAK = notInToml10('A line break or comment is not allowed inside an inline table', 'write it on one line, or as a [table] with a header');
const ESCAPE_E = notInToml10('The escape \\e is not allowed in a string', 'write \\u001b');
const ESCAPE_X = notInToml10('The escape \\xHH is not allowed in a string', 'write \\u00HH with the same two hex digits');
const NO_SECONDS = notInToml10('A time without seconds is not allowed', 'add them (HH:MM:00)');

function isBareKeyChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

/** A control character TOML forbids in strings and comments (tab is allowed). */
function isControl(c: number): boolean {
  return (c < 32 && c !== TAB) || c === 127;
}

/**
 * Length of the line break at `i` (LF, CRLF, or a lone CR), or 0. TOML names LF and CRLF only; a
 * lone CR ends a line here as it does for runpodctl (go-toml v1.9.5 skips '\r' like '\n'),
 * runpod-python (tomlkit: NL = "\n\r") and the editor: RunPod runs such a file, so no error.
 */
function lineBreakAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === LF) return 1;
  if (c === CR) return text.charCodeAt(i + 1) === LF ? 2 : 1;
  return 0;
}

/**
 * A TOML syntax error at `at` (thrown inside the reader, caught per line). Messages describe and
 * never quote the text: a key or an unquoted word may be a value (a token pasted without quotes).
 */
class TomlError {
  constructor(
    readonly at: number,
    readonly message: string,
    /** Caused by reaching the end of what is read (an unclosed string, array or table). */
    readonly atEnd: boolean,
  ) {}
}

/** Thrown where the first entry past the count starts: reading stops there (readRunpodToml). */
class CountReached {
  constructor(readonly at: number) {}
}

/** What a key names in the document, for duplicate and redefinition checks. */
type TomlNode = TomlTable | TomlArrayOfTables | typeof VALUE;
interface TomlTable {
  kind: 'table';
  /**
   * How it came to exist: `implicit` as a parent named in a `[a.b]` header, `header` defined by
   * its own header, `dotted` by dotted keys, `inline` as an inline table (closed to any addition).
   */
  origin: 'implicit' | 'header' | 'dotted' | 'inline';
  /** Its keys are the reader's {@link TomlKeys} under this id. */
  id: number;
  /** How many keys it has. */
  size: number;
}
interface TomlArrayOfTables {
  kind: 'array-of-tables';
  /** The element `[[a]]` last added: `[a.b]` headers go into it. */
  last: TomlTable;
}
/** A string, number, date, boolean or array: nothing can be added to it. */
const VALUE = { kind: 'value' } as const;

function table(origin: TomlTable['origin']): TomlTable {
  return { kind: 'table', origin, id: newTableId(), size: 0 };
}

interface Key {
  name: string;
  /** Where it is written, as the user reads it: a quoted key without its quotes (one object a key, no span in it). */
  start: number;
  end: number;
  /** `start` when `name` is written verbatim there (no escapes), else -1. */
  at: number;
}

/**
 * The key path of a table when it is a plain table below the root (no array of tables on the way),
 * so a string under it may be a `[project.env_vars]` value; `undefined` otherwise.
 */
type Path = readonly string[] | undefined;

function isEnvVar(path: Path, keys: readonly Key[]): boolean {
  return namesEnvVars(path, keys, 3);
}

/** Whether `path` then `keys` is `project.env_vars` followed by `length - 2` more names: 2 the table itself, 3 a key of it. */
function namesEnvVars(path: Path, keys: readonly Key[], length: number): boolean {
  if (!path || path.length + keys.length !== length) return false;
  for (let k = 0; k < 2; k++) if ((k < path.length ? path[k] : keys[k - path.length]!.name) !== ENV_VARS[k]) return false;
  return true;
}
const ENV_VARS = ['project', 'env_vars'];

/**
 * Every key path is made by {@link pathOf} from this one, so all have one array shape (map) in V8.
 * With the root's path an empty `[]` literal (an array of small integers to V8) and the others
 * `keys.map(...)` (strings, and holey ones once TurboFan inlines `map`), isEnvVar and keyValue,
 * optimised for the shapes seen first, were deoptimised ("wrong map") and compiled again in every
 * process that indexed the bench's workspace (--trace-deopt, December 2026).
 */
const ROOT_PATH: readonly string[] = ENV_VARS.slice(0, 0);

/** `path` and then the names of `keys`, in the one shape of {@link ROOT_PATH}. */
function pathOf(path: readonly string[], keys: readonly Key[]): string[] {
  const out = path.slice();
  for (const key of keys) out.push(key.name);
  return out;
}

/** The offsets of a TOML string from its written token (`valueSpan`), for `StringEnvVariable` (declared before the reader: its SHAPE_KEEPER is built at load time). */
const decodeTomlToken: Decoder = (text, token) => decodeTomlString(text, token.start, token.end);

/** Strings, tables, values: one pass with a cursor, errors thrown and caught per line. */
class TomlReader {
  /**
   * One reader kept for the life of the process (see LazyEnvVariable.SHAPE_KEEPER): a 10,000-variable
   * runpod.toml read right after a forced GC took 15-28 ms with it and 27-72 ms without (three
   * alternating runs of each, a busy machine).
   */
  static readonly SHAPE_KEEPER = new TomlReader('', 0);
  private i: number;
  private readonly root = table('implicit');
  /** The keys of every table. */
  private readonly keys: TomlKeys<TomlNode>;
  /** Makes the variables read (stringOffsets.ts). */
  private readonly made: StringVariables;
  private current: TomlTable;
  private path: Path = ROOT_PATH;
  /** The variables read (with {@link rounds}: since the last round handed over). */
  variables: EnvVariable[] = [];
  /** Whether the first hard error and the first refusal were handed to a round already. */
  private errorHanded = false;
  private refusalHanded = false;
  /** The first hard error: reading could not go on as written. */
  error: TomlError | undefined;
  /**
   * The first TOML 1.1 form refused ({@link refuse}). Kept apart from `error` so that a refusal (a
   * line break after `{` as the user types) never hides a hard error (the table never closed).
   */
  refusal: TomlError | undefined;
  /** Key/values and table headers read: each keeps a node in the key tables (the entries of the count). */
  private entries = 0;
  /** Where the first entry past `maxEntries` starts, when reading stopped there. */
  stoppedAt: number | undefined;
  /** The first `{}` (blanks inside allowed) read as the value of `project.env_vars` itself: {@link envVarsPlaces}. */
  emptyEnvVars: { start: number; end: number } | undefined;
  /** The end of the `[project.env_vars]` header's line (after a comment on it, before its break): {@link envVarsPlaces}. */
  envVarsHeaderEnd: number | undefined;

  constructor(
    private readonly text: string,
    private readonly end: number,
    private readonly maxEntries = Infinity,
    private readonly rounds?: TomlRounds,
  ) {
    this.i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.current = this.root;
    this.keys = new TomlKeys<TomlNode>(text, VALUE);
    this.made = new StringVariables(text, decodeTomlToken);
  }

  read(): void {
    try {
      this.readLines();
    } finally {
      this.keys.release();
    }
  }

  private readLines(): void {
    while (this.i < this.end) {
      try {
        this.line();
      } catch (error) {
        if (error instanceof CountReached) {
          this.stoppedAt = error.at;
          return;
        }
        if (!(error instanceof TomlError)) throw error;
        this.error ??= error;
        this.skipLine(Math.max(this.i, error.at));
      }
      // Between statements: a round holds each statement's variables with the errors found in it.
      if (this.rounds && this.variables.length >= this.rounds.size) this.handRound();
    }
    if (this.rounds) this.handRound();
  }

  /**
   * Hands the variables read since the last round to {@link rounds}, with the syntax problems
   * found since: each is final once found (the first hard error, the first refusal before it),
   * and found in the statement it is on, so each round's problems are those of its own statements.
   */
  private handRound(): void {
    const syntax: Problem[] = [];
    // The hard error first, as readRunpodToml lists them.
    if (this.error && !this.errorHanded) {
      this.errorHanded = true;
      syntax.push(syntaxError(this.text, this.error));
    }
    if (this.refusal && !this.refusalHanded) {
      this.refusalHanded = true;
      syntax.push(syntaxError(this.text, this.refusal));
    }
    const variables = this.variables;
    this.variables = [];
    this.rounds!.judge(variables, syntax);
  }

  private keyOf(t: TomlTable, key: Key): TomlNode | undefined {
    return this.keys.get(t.id, key.name, key.at);
  }

  /** Adds `key` (new to `t`) to `t` as `node`. */
  private setKey(t: TomlTable, key: Key, node: TomlNode): void {
    t.size++;
    this.keys.set(t.id, key.name, key.at, node);
  }

  /** Goes on after an error: at the line after the one holding `from`. */
  private skipLine(from: number): void {
    let k = Math.min(from, this.end);
    while (k < this.end && lineBreakAt(this.text, k) === 0) k++;
    this.i = k + Math.max(1, lineBreakAt(this.text, k));
  }

  private fail(at: number, message: string): never {
    throw new TomlError(at, message, this.i >= this.end);
  }

  /**
   * A TOML 1.1 form at `at` ({@link notInToml10}): kept if it is the first, and reading goes on as TOML
   * 1.1 reads it. Not after a hard error: reading on from the next line may be inside a string, so
   * what it would refuse there is not the user's TOML.
   */
  private refuse(at: number, message: string): void {
    if (!this.error) this.refusal ??= new TomlError(at, message, false);
  }

  private blanks(): void {
    while (this.i < this.end && isBlank(this.text.charCodeAt(this.i))) this.i++;
  }

  /** Blanks, a comment, then the line break (or the end): what may follow a value or a header. */
  private lineEnd(): void {
    this.blanks();
    if (this.i >= this.end) return;
    if (this.text.charCodeAt(this.i) === HASH) this.comment();
    const br = lineBreakAt(this.text, this.i);
    if (br > 0) this.i += br;
    else if (this.i < this.end) this.fail(this.i, 'Expected a line break after the value');
  }

  private comment(): void {
    const text = this.text;
    let k = this.i + 1;
    for (; k < this.end; k++) {
      const c = text.charCodeAt(k);
      if (c === LF || c === CR) break;
      if (isControl(c)) this.fail(k, 'Control characters are not allowed in comments');
      if (c >= 0xd800 && c <= 0xdfff) {
        if (!validSurrogateAt(text, k)) this.fail(k, 'Invalid character in a comment');
        k++;
      }
    }
    this.i = k;
  }

  /** One line: blank, comment, `[table]`, `[[array.of.tables]]` or `key = value`. */
  private line(): void {
    this.blanks();
    if (this.i >= this.end) return;
    const c = this.text.charCodeAt(this.i);
    if (c === HASH || lineBreakAt(this.text, this.i) > 0) return this.lineEnd();
    if (c === 91 /* [ */) return this.header();
    this.keyValue(this.current, this.path, 0);
    this.lineEnd();
  }

  /** Counts the entry starting at `at`; past `maxEntries` reading stops there. */
  private entry(at: number): void {
    if (++this.entries > this.maxEntries) throw new CountReached(at);
  }

  private header(): void {
    this.entry(this.i);
    const text = this.text;
    const isArray = text.charCodeAt(this.i + 1) === 91;
    this.i += isArray ? 2 : 1;
    this.blanks();
    const keys = this.key();
    this.blanks();
    if (text.charCodeAt(this.i) !== 93 || (isArray && text.charCodeAt(this.i + 1) !== 93)) this.fail(this.i, isArray ? 'Expected `]]` to close the table header' : 'Expected `]` to close the table header');
    this.i += isArray ? 2 : 1;
    let t = this.root;
    let inArray = false;
    for (let k = 0; k < keys.length - 1; k++) {
      const key = keys[k]!;
      let node = this.keyOf(t, key);
      if (node === undefined) this.setKey(t, key, (node = table('implicit')));
      if (node.kind === 'array-of-tables') {
        t = node.last;
        inArray = true;
      } else if (node.kind === 'table' && node.origin !== 'inline') t = node;
      else this.fail(key.start, 'This key is already a value, not a table');
    }
    const last = keys[keys.length - 1]!;
    const existing = this.keyOf(t, last);
    if (isArray) {
      const element = table('header');
      if (existing === undefined) this.setKey(t, last, { kind: 'array-of-tables', last: element });
      else if (existing.kind === 'array-of-tables') existing.last = element;
      else this.fail(last.start, 'This key is already defined as something other than an array of tables');
      this.current = element;
      this.path = undefined;
    } else {
      if (existing === undefined) this.setKey(t, last, (this.current = table('header')));
      else if (existing.kind === 'table' && existing.origin === 'implicit') (this.current = existing).origin = 'header';
      else this.fail(last.start, 'This table is defined more than once');
      // Under an array of tables, a string is never a [project.env_vars] value.
      this.path = inArray ? undefined : pathOf(ROOT_PATH, keys);
    }
    // Only a table header (no `[[...]]`, none under an array of tables) defines the table itself.
    const envVars = !isArray && this.path !== undefined && namesEnvVars(ROOT_PATH, keys, 2);
    this.blanks();
    if (text.charCodeAt(this.i) === HASH) this.comment();
    const lineEnd = this.i;
    this.lineEnd();
    if (envVars) this.envVarsHeaderEnd ??= lineEnd;
  }

  /** `a`, `"a b"`, `'a'`, `a.b . "c"`: the parts of a key. */
  private key(): Key[] {
    // Most keys are one part: an array of exactly one (an empty one grown by push reserves 17 slots).
    const keys = [this.simpleKey()];
    this.blanks();
    while (this.text.charCodeAt(this.i) === 46 /* . */) {
      this.i++;
      this.blanks();
      keys.push(this.simpleKey());
      this.blanks();
    }
    return keys;
  }

  private simpleKey(): Key {
    const text = this.text;
    const start = this.i;
    const c = text.charCodeAt(start);
    if (c === DQUOTE || c === SQUOTE) {
      if (text.startsWith(c === DQUOTE ? '"""' : "'''", start)) this.fail(start, 'A key cannot be a multi-line string');
      const s = this.string();
      if (!s.closed) this.fail(s.end, 'The quoted key is never closed');
      const name = s.escapes ? decodeTomlString(text, start, s.end, false).value : text.slice(start + 1, s.end - 1);
      return { name, start: start + 1, end: s.end - 1, at: s.escapes ? -1 : start + 1 };
    }
    let k = start;
    while (k < this.end && isBareKeyChar(text.charCodeAt(k))) k++;
    if (k === start) this.fail(start, lineBreakAt(text, start) > 0 || start >= this.end ? 'Expected a key' : 'Unexpected character: a bare key holds only letters, digits, `_` and `-`; quote other keys');
    this.i = k;
    return { name: text.slice(start, k), start, end: k, at: start };
  }

  /** `key = value` into `into`, whose key path is `path`; `depth` counts enclosing arrays and inline tables. */
  private keyValue(into: TomlTable, path: Path, depth: number): void {
    const text = this.text;
    const statementStart = this.i;
    this.entry(statementStart);
    const keys = this.key();
    this.blanks();
    if (text.charCodeAt(this.i) !== 61 /* = */) this.fail(this.i, 'Expected `=` after the key');
    this.i++;
    this.blanks();
    // Resolve the key before reading the value, so a duplicate is reported at the key.
    let t = into;
    for (let k = 0; k < keys.length - 1; k++) {
      const key = keys[k]!;
      let node = this.keyOf(t, key);
      if (node === undefined) this.setKey(t, key, (node = table('dotted')));
      else if (node.kind === 'table' && (node.origin === 'dotted' || node.origin === 'implicit')) node.origin = 'dotted';
      else this.fail(key.start, 'This key is already defined; a dotted key cannot add to it');
      t = node;
    }
    const last = keys[keys.length - 1]!;
    const duplicate = this.keyOf(t, last) !== undefined;
    const c = text.charCodeAt(this.i);
    if (c === DQUOTE || c === SQUOTE) {
      const valueStart = this.i;
      const s = this.string();
      // An unclosed string still yields its value up to where it stops, so it is checked.
      if (isEnvVar(path, keys)) this.variables.push(stringVariable(this.made, last, statementStart, valueStart, s));
      if (duplicate) this.fail(last.start, 'This key is defined more than once');
      if (!s.closed) this.fail(s.end, 'The string is never closed');
      this.setKey(t, last, VALUE);
      return;
    }
    if (duplicate) this.fail(last.start, 'This key is defined more than once');
    if (c === 123 /* { */) {
      const inline = table('inline');
      this.setKey(t, last, inline);
      const open = this.i;
      this.inlineTable(inline, path === undefined ? undefined : pathOf(path, keys), depth + 1);
      if (inline.size === 0 && namesEnvVars(path, keys, 2)) this.emptyEnvVars ??= { start: open, end: this.i };
    } else {
      this.value(depth);
      this.setKey(t, last, VALUE);
    }
  }

  /** Any value but an inline table's key/values; strings in arrays are never env values. */
  private value(depth: number): void {
    if (depth > MAX_NESTING) this.fail(this.i, NESTED_TOO_DEEPLY);
    const text = this.text;
    const c = text.charCodeAt(this.i);
    if (c === DQUOTE || c === SQUOTE) {
      const s = this.string();
      if (!s.closed) this.fail(s.end, 'The string is never closed');
    } else if (c === 91 /* [ */) this.array(depth + 1);
    else if (c === 123 /* { */) this.inlineTable(table('inline'), undefined, depth + 1);
    else this.scalar();
  }

  /** Blanks, line breaks and comments, as allowed inside arrays and (TOML 1.1) inline tables. */
  private spaceAndComments(): void {
    for (;;) {
      this.blanks();
      if (this.i >= this.end) return;
      if (this.text.charCodeAt(this.i) === HASH) this.comment();
      const br = lineBreakAt(this.text, this.i);
      if (br === 0) return;
      this.i += br;
    }
  }

  private array(depth: number): void {
    if (depth > MAX_NESTING) this.fail(this.i, NESTED_TOO_DEEPLY);
    const open = this.i;
    this.i++;
    for (;;) {
      this.spaceAndComments();
      if (this.i >= this.end) this.fail(open, 'The array is never closed');
      if (this.text.charCodeAt(this.i) === 93 /* ] */) break;
      this.value(depth);
      this.spaceAndComments();
      const c = this.text.charCodeAt(this.i);
      if (c === 44 /* , */) this.i++;
      else if (c !== 93) this.fail(this.i, this.i >= this.end ? 'The array is never closed' : 'Expected `,` or `]` in the array');
    }
    this.i++;
  }

  /** Blanks inside an inline table; a line break or comment there is TOML 1.1 only: refused, then read past. */
  private inlineSpace(): void {
    this.blanks();
    if (this.text.charCodeAt(this.i) !== HASH && lineBreakAt(this.text, this.i) === 0) return;
    this.refuse(this.i, INLINE_LINE_BREAK);
    this.spaceAndComments();
  }

  private inlineTable(into: TomlTable, path: Path, depth: number): void {
    if (depth > MAX_NESTING) this.fail(this.i, NESTED_TOO_DEEPLY);
    const open = this.i;
    this.i++;
    this.inlineSpace();
    if (this.text.charCodeAt(this.i) === 125 /* } */) {
      this.i++;
      return;
    }
    for (;;) {
      if (this.i >= this.end) this.fail(open, 'The inline table is never closed');
      this.keyValue(into, path, depth);
      this.inlineSpace();
      const c = this.text.charCodeAt(this.i);
      if (c === 44 /* , */) {
        const comma = this.i++;
        this.inlineSpace();
        if (this.text.charCodeAt(this.i) === 125) {
          this.refuse(comma, TRAILING_COMMA);
          break;
        }
      } else if (c === 125) break;
      else this.fail(this.i, this.i >= this.end ? 'The inline table is never closed' : 'Expected `,` or `}` in the inline table');
    }
    this.i++;
  }

  /** A number, boolean, date or time: the run of characters up to a separator, checked whole. */
  private scalar(): void {
    const text = this.text;
    const start = this.i;
    let k = start;
    while (k < this.end && !isScalarEnd(text.charCodeAt(k))) k++;
    // A date and a time may be separated by one space.
    if (k - start === 10 && text.charCodeAt(k) === SPACE && LOCAL_DATE.test(text.slice(start, k)) && /^\d\d:/.test(text.slice(k + 1, k + 4))) {
      k++;
      while (k < this.end && !isScalarEnd(text.charCodeAt(k))) k++;
    }
    const token = text.slice(start, k);
    if (k === start) this.fail(start, lineBreakAt(text, start) > 0 || start >= this.end ? 'Expected a value after `=`' : 'Unexpected character where a value should start');
    if (!isScalar(token)) this.fail(start, 'This is not a TOML value (a string needs quotes)');
    const noSeconds = timeWithoutSeconds(token);
    if (noSeconds >= 0) this.refuse(start + noSeconds, NO_SECONDS);
    this.i = k;
  }

  /** A string at the cursor: basic, literal, or their multi-line forms; checks escapes and control characters. */
  private string(): TomlString {
    const text = this.text;
    const start = this.i;
    const quote = text.charCodeAt(start);
    const literal = quote === SQUOTE;
    const delimiter = literal ? "'''" : '"""';
    const multiline = text.startsWith(delimiter, start);
    let k = start + (multiline ? 3 : 1);
    let escapes = false;
    for (;;) {
      if (k >= this.end) {
        this.i = this.end;
        return { start, end: this.end, closed: false, escapes };
      }
      const c = text.charCodeAt(k);
      if (c === quote) {
        if (!multiline) break;
        if (text.startsWith(delimiter, k)) {
          // Up to two quotes may end the content right before the closing three.
          let run = 3;
          while (run < 5 && text.charCodeAt(k + run) === quote) run++;
          if (text.charCodeAt(k + run) === quote) this.fail(k, 'Three or more quotes in a row end the string; escape one of them');
          k += run - 3;
          break;
        }
        k++;
        continue;
      }
      if (c === LF || c === CR) {
        if (!multiline) {
          this.i = k;
          return { start, end: k, closed: false, escapes };
        }
        if (c === CR) {
          if (text.charCodeAt(k + 1) !== LF) this.fail(k, 'A carriage return must be followed by a line feed');
          escapes = true; // CRLF reads as LF
        }
        k++;
        continue;
      }
      if (c === BACKSLASH && !literal) {
        escapes = true;
        k = this.escape(k, multiline);
        continue;
      }
      if (isControl(c)) this.fail(k, 'Control characters must be escaped in strings');
      k++;
    }
    this.i = k + (multiline ? 3 : 1);
    return { start, end: this.i, closed: true, escapes };
  }

  /** Checks the escape at `k` (a backslash); returns where the string goes on. */
  private escape(k: number, multiline: boolean): number {
    const text = this.text;
    const e = text.charCodeAt(k + 1);
    if (e === 98 || e === 116 || e === 110 || e === 102 || e === 114 || e === DQUOTE || e === BACKSLASH) return k + 2;
    if (e === 101 /* e */) {
      this.refuse(k, ESCAPE_E);
      return k + 2;
    }
    const digits = e === 117 ? 4 : e === 85 ? 8 : e === 120 ? 2 : 0;
    if (digits > 0) {
      const code = readHex(text, k + 2, this.end, digits);
      if (code < 0) this.fail(k, `Invalid escape: \\${String.fromCharCode(e)} needs ${digits} hex digits`);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) this.fail(k, 'Invalid escape: not a Unicode scalar value');
      // Only once the two digits are there: the fix offered reuses them.
      if (e === 120 /* x */) this.refuse(k, ESCAPE_X);
      return k + 2 + digits;
    }
    if (multiline) {
      // A backslash at the end of a line (blanks allowed after it) joins the lines.
      let j = k + 1;
      while (j < this.end && isBlank(text.charCodeAt(j))) j++;
      if (lineBreakAt(text, j) > 0) {
        while (j < this.end && (isBlank(text.charCodeAt(j)) || lineBreakAt(text, j) > 0)) j += lineBreakAt(text, j) || 1;
        return j;
      }
    }
    return this.fail(k, 'Invalid escape in a string (a backslash itself is written \\\\)');
  }
}

interface TomlString {
  start: number;
  /** After the closing delimiter, or where an unclosed string stops (its line's end, or the end). */
  end: number;
  closed: boolean;
  /** Escapes or CRLF line breaks: the value differs from the written content (but for a multi-line string's first line break, dropped). */
  escapes: boolean;
}

function validSurrogateAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  const d = text.charCodeAt(k + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff;
}

/** Where a number, boolean or date ends. */
function isScalarEnd(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR || c === 44 || c === 93 || c === 125 || c === HASH || c === 91 || c === 123 || c === DQUOTE || c === SQUOTE || c === 61;
}

const DEC = String.raw`(?:0|[1-9](?:_?\d)*)`;
const DIGITS = String.raw`\d(?:_?\d)*`;
const NUMBER = new RegExp(
  String.raw`^(?:[+-]?${DEC}(?:\.${DIGITS})?(?:[eE][+-]?${DIGITS})?|[+-]?(?:inf|nan)|0x[\da-fA-F](?:_?[\da-fA-F])*|0o[0-7](?:_?[0-7])*|0b[01](?:_?[01])*)$`,
);
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Date, then optionally `T` (or a space) and a time (seconds optional), then optionally a zone. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-](\d{2}):(\d{2}))?)?$/;
const LOCAL_TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

function isScalar(token: string): boolean {
  if (token === 'true' || token === 'false' || NUMBER.test(token)) return true;
  const time = LOCAL_TIME.exec(token);
  if (time) return validTime(Number(time[1]), Number(time[2]), Number(time[3] ?? 0));
  const m = DATE_TIME.exec(token);
  if (!m) return false;
  const [, y, mo, d, h, mi, s, oh, om] = m;
  if (!validDate(Number(y), Number(mo), Number(d))) return false;
  if (h !== undefined && !validTime(Number(h), Number(mi), Number(s ?? 0))) return false;
  return oh === undefined || validTime(Number(oh), Number(om), 0);
}

/**
 * Where the time in a valid scalar `token` lacks its seconds (TOML 1.1 only): the offset right after
 * the minutes, where they belong; -1 when it has them or is no time. Runs on every scalar, so no
 * regex: in a token {@link isScalar} accepted, the first `:` is the time's, after `HH`, and the
 * minutes are the two digits after it.
 */
function timeWithoutSeconds(token: string): number {
  const colon = token.indexOf(':');
  if (colon < 0) return -1;
  const afterMinutes = colon + 3;
  return token.charCodeAt(afterMinutes) === COLON ? -1 : afterMinutes;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  return d <= days;
}

function validTime(h: number, m: number, s: number): boolean {
  return h < 24 && m <= 59 && s <= 60;
}

/** The variable for a `[project.env_vars]` string; its value is decoded now, its offsets when asked for. */
function stringVariable(made: StringVariables, key: Key, statementStart: number, valueStart: number, s: TomlString): EnvVariable {
  const text = made.text;
  const d = s.escapes || !s.closed ? decodeTomlString(text, valueStart, s.end, false) : undefined;
  const multiline = text.startsWith('"""', valueStart) || text.startsWith("'''", valueStart);
  // A line break right after a multi-line string's opening quotes is not part of the value.
  const contentStart = d ? d.contentStart : multiline ? valueStart + 3 + lineBreakAt(text, valueStart + 3) : valueStart + 1;
  const contentEnd = s.closed ? s.end - (multiline ? 3 : 1) : s.end;
  const value = d ? d.value : text.slice(contentStart, contentEnd);
  const place = PLACE;
  place.keyStart = key.start;
  place.keyEnd = key.end;
  place.valueStart = valueStart;
  place.valueEnd = s.end;
  place.spanStart = statementStart;
  place.spanEnd = s.end;
  place.contentStart = contentStart;
  place.contentEnd = contentEnd;
  return made.variable(key.name, value, place, d !== undefined);
}
/** Filled for each variable and copied by StringVariables.variable, as the JSON walk's (the reader is not re-entrant). */
const PLACE = newPlace();

/**
 * Decodes a TOML string written at `text[start, end)` (quotes included; `end` may stop short of
 * the closing quote when it is missing). Each decoded character maps to the offset where it (or
 * its escape sequence) starts; a `\U` escape beyond the BMP gives two UTF-16 units at the same offset.
 */
export function decodeTomlString(text: string, start: number, end: number, withOffsets = true): DecodedString & { contentStart: number } {
  const quote = text.charCodeAt(start);
  const literal = quote === SQUOTE;
  const multiline = text.startsWith(literal ? "'''" : '"""', start);
  let k = start + (multiline ? 3 : 1);
  let close = end;
  const q = multiline ? 3 : 1;
  if (end - q >= k && text.charCodeAt(end - 1) === quote && (!multiline || text.startsWith(literal ? "'''" : '"""', end - 3))) {
    // Closed: but a lone `"` at the end of an unclosed single-line basic string can be escaped.
    if (literal || multiline || !escapedAt(text, k, end - 1)) close = end - q;
  }
  // A newline right after the opening delimiter of a multi-line string is trimmed.
  if (multiline) k += lineBreakAt(text, k);
  const contentStart = k;
  // Runs of plain characters are copied whole (a join makes one flat string, not a chain per character).
  const parts: string[] = [];
  const offsets: number[] = [];
  let run = k;
  while (k < close) {
    const c = text.charCodeAt(k);
    if (c === CR && text.charCodeAt(k + 1) === LF && multiline) {
      run = copyRun(text, run, k, parts, withOffsets ? offsets : undefined);
      run = ++k; // CRLF reads as LF: the LF is copied with the next run
      continue;
    }
    if (literal || c !== BACKSLASH) {
      k++;
      continue;
    }
    run = copyRun(text, run, k, parts, withOffsets ? offsets : undefined);
    const e = text.charCodeAt(k + 1);
    const simple =
      e === 98 ? '\b' : e === 116 ? '\t' : e === 110 ? '\n' : e === 102 ? '\f' : e === 114 ? '\r' : e === 34 ? '"' : e === 92 ? '\\' : e === 101 ? '\x1b' : undefined;
    if (simple !== undefined) {
      parts.push(simple);
      if (withOffsets) offsets.push(k);
      run = k += 2;
      continue;
    }
    const digits = e === 117 ? 4 : e === 85 ? 8 : e === 120 ? 2 : 0;
    const code = digits ? readHex(text, k + 2, close, digits) : -1;
    if (code >= 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) {
      const s = String.fromCodePoint(code);
      parts.push(s);
      if (withOffsets) for (let u = 0; u < s.length; u++) offsets.push(k);
      run = k += 2 + digits;
      continue;
    }
    if (multiline) {
      // Line-ending backslash: the break and all blanks and breaks after it are trimmed.
      let j = k + 1;
      while (j < close && isBlank(text.charCodeAt(j))) j++;
      if (lineBreakAt(text, j)) {
        while (j < close && (isBlank(text.charCodeAt(j)) || lineBreakAt(text, j))) j += lineBreakAt(text, j) || 1;
        run = k = j;
        continue;
      }
    }
    // Invalid escape (reported as a syntax error): keep the backslash as written.
    run = k;
    k++;
  }
  copyRun(text, run, close, parts, withOffsets ? offsets : undefined);
  if (withOffsets) offsets.push(close);
  return { value: parts.join(''), offsets, contentStart };
}

/** Copies `text[run, to)` into `parts` (and each character's offset into `offsets`, when kept); returns `to`. */
function copyRun(text: string, run: number, to: number, parts: string[], offsets: number[] | undefined): number {
  if (to > run) parts.push(text.slice(run, to));
  if (offsets) for (let o = run; o < to; o++) offsets.push(o);
  return to;
}

function isBreak(c: number): boolean {
  return c === LF || c === CR;
}

/** True when the character at `i` is preceded by an odd number of backslashes (from `from` on). */
function escapedAt(text: string, from: number, i: number): boolean {
  let n = 0;
  for (let j = i - 1; j >= from && text.charCodeAt(j) === 92; j--) n++;
  return n % 2 === 1;
}

function syntaxError(text: string, error: TomlError): Problem {
  const at = Math.min(error.at, text.length);
  let end = at;
  while (end < text.length && end < at + 1 && lineBreakAt(text, end) === 0 && text.charCodeAt(end) !== CR) end++;
  // At a line end (an unclosed string, a line break inside an inline table), mark the line's last
  // character instead of nothing, and the blanks after it up to the break: a mark on a trailing
  // blank alone (`env_vars = { ⏎`) was a squiggle under a space, hard to see; the `{` is the spot.
  let start = end === at && at > 0 ? at - 1 : at;
  if (start < at) while (start > 0 && isBlank(text.charCodeAt(start)) && !isBreak(text.charCodeAt(start - 1))) start--;
  return {
    code: 'syntax-error',
    span: { start, end: Math.max(end, at) },
    message: `${error.message}. References in the \`[project.env_vars]\` values that can be read are still checked.`,
    severity: DEFAULT_SEVERITY['syntax-error'],
  };
}

/** Where Add KEY can write the first key of `[project.env_vars]` ({@link envVarsPlaces}). */
export interface EnvVarsPlaces {
  /**
   * The span of the braces of `project.env_vars` written as an empty inline table (`env_vars = {}`,
   * in any spelling: under `[project]`, dotted, inside `project = { ... }`).
   */
  emptyInline?: { start: number; end: number };
  /** The end of the line of the `[project.env_vars]` header (any spelling: quoted keys, blanks, a comment after it); not `[[...]]`. */
  headerEnd?: number;
}

/**
 * Where a runpod.toml defines the `project.env_vars` table, as this reader reads the text: what is
 * in a string (multi-line ones too) or a comment is never it, however many such lines there are.
 * Add KEY writes its first key there (environments/keyInsertion.ts). One read for both places.
 */
export function envVarsPlaces(text: string): EnvVarsPlaces {
  const reader = new TomlReader(text, text.length);
  reader.read();
  return { emptyInline: reader.emptyEnvVars, headerEnd: reader.envVarsHeaderEnd };
}

/** Where a reading in rounds hands over each round: at least `size` variables (fewer in the last). */
export interface TomlRounds {
  readonly size: number;
  judge(variables: EnvVariable[], syntax: Problem[]): void;
}

/**
 * Reads all of a `runpod.toml`, handing its variables and syntax problems to `rounds` as it goes
 * (what {@link readRunpodToml} would return, in order, round after round), so that no reading holds
 * a variable per line (tomlRounds.ts).
 * @returns false when it holds more than `maxEntries` entries: reading stopped at the first past them
 */
export function readRunpodTomlInRounds(text: string, maxEntries: number, rounds: TomlRounds): boolean {
  const reader = new TomlReader(text, text.length, maxEntries, rounds);
  reader.read();
  return reader.stoppedAt === undefined;
}

/**
 * Reads a `runpod.toml` up to `end`.
 * @returns the `[project.env_vars]` string values and at most two `syntax-error`s: the first hard error, the first TOML 1.1 form refused
 */
export function readRunpodToml(text: string, end = text.length, maxEntries = Infinity): ReadResult {
  const reader = new TomlReader(text, end, maxEntries);
  reader.read();
  const error = reader.error;
  // What the cut at `end` leaves open (a string, array or table running into it) is not an error.
  const hard = error && !(end < text.length && error.atEnd) ? [syntaxError(text, error)] : [];
  // The hard error first: it is what stops RunPod's reader too, whatever came before it.
  const reported = reader.refusal ? [...hard, syntaxError(text, reader.refusal)] : hard;
  const variables = reader.variables;
  return reader.stoppedAt === undefined ? { variables, problems: reported } : { variables, problems: reported, stoppedAt: reader.stoppedAt, countReached: true };
}
