/**
 * The statements an incremental env analysis keeps (incremental.ts), one row per statement that is
 * an entry (a variable or a reported line), in columns: offsets in typed arrays, problems in one
 * array. A document holds one per line, so their size is the analysis's size: as objects they took
 * 88 bytes each (80 for seven fields and a header, 8 for the list's slot), as rows 21.
 *
 * Problems are kept only for the rows that have some: a column holds the index of a row's list in
 * `lists`, which holds a row's one problem itself (the usual case: an array of one cost 68 bytes
 * more per problem line) or its list. A JS array with a slot per row (8 bytes each, in V8's heap) was the one part of the table
 * V8 copied as it grew: a 390,000-line file's reading doubled the young generation for it (to
 * 32 MB, the largest share of the server's peak) where the columns alone leave it at 16.
 */
import { keySpanEnd } from './readers/env';
import type { Problem } from './types';

/** One statement, as the small lists of an edit (the rows replaced and those read again) hold it. */
export interface Statement {
  /** Offset of its first character (a line start) in the current text. */
  start: number;
  /** Offset after its last line break: where the next statement starts. */
  end: number;
  /** Where its variable's key is written, relative to `start` (-1: a line without `=`). */
  keyStart: number;
  keyEnd: number;
  /** End of the key's span (`EnvVariable.keySpan`: an empty key is reported on the `=` after it). */
  keySpanEnd: number;
  /** Its problems except the document-wide ones, sorted, spans relative to `start`. */
  problems: readonly Problem[];
  /** The quote it opens and never closes (0: none): how it reads depends on all the text after it. */
  unclosedQuote: number;
}

export const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

export class StatementTable {
  length = 0;
  private starts: Int32Array;
  private ends: Int32Array;
  private keyStarts: Int32Array;
  private keyEnds: Int32Array;
  private quotes: Uint8Array;
  /** Per row: 0 without problems, else 1 + the index of its problems in `lists`. */
  private problemIds: Int32Array;
  /** The problems of rows, one or a list; those of rows replaced since are undefined until {@link compact}. */
  private lists: (Problems | undefined)[] = [];
  /** How many entries of `lists` belong to a row. */
  private liveLists = 0;
  /** Rows with an unclosed quote (rare: re-reading looks for them only while there are any). */
  private openQuotes = 0;

  constructor(capacity = 8) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.keyStarts = new Int32Array(capacity);
    this.keyEnds = new Int32Array(capacity);
    this.quotes = new Uint8Array(capacity);
    this.problemIds = new Int32Array(capacity);
  }

  /** Adds a row without problems; `keyStart`/`keyEnd` relative to `start` (-1: no key). */
  push(start: number, end: number, keyStart: number, keyEnd: number, quote: number): void {
    this.reserve(this.length + 1);
    const i = this.length++;
    this.starts[i] = start;
    this.ends[i] = end;
    this.keyStarts[i] = keyStart;
    this.keyEnds[i] = keyEnd;
    this.quotes[i] = quote;
    this.problemIds[i] = 0;
    if (quote) this.openQuotes++;
  }

  start(i: number): number {
    return this.starts[i]!;
  }
  end(i: number): number {
    return this.ends[i]!;
  }
  /** Relative to the row's start; -1 when it has no key. */
  keyStart(i: number): number {
    return this.keyStarts[i]!;
  }
  keyEnd(i: number): number {
    return this.keyEnds[i]!;
  }
  quote(i: number): number {
    return this.quotes[i]!;
  }
  /** Row `i`'s problems as a list (a new array for a row of one: for the few rows an edit compares). */
  problems(i: number): readonly Problem[] {
    const entry = this.entry(i);
    return entry === undefined ? NO_PROBLEMS : isList(entry) ? entry : [entry];
  }
  problemCount(i: number): number {
    const entry = this.entry(i);
    return entry === undefined ? 0 : isList(entry) ? entry.length : 1;
  }
  /** Problem `k` of row `i` (below its {@link problemCount}). */
  problem(i: number, k: number): Problem {
    const entry = this.entry(i)!;
    return isList(entry) ? entry[k]! : entry;
  }
  /**
   * Adds `problem` after row `i`'s problems: pushed into its list when it has two or more (every
   * list is the table's own; copied at each addition, the 200,000 problems of a 5 MB line took minutes).
   */
  addProblem(i: number, problem: Problem): void {
    const entry = this.entry(i);
    if (entry === undefined) this.setEntry(i, problem);
    else if (isList(entry)) (entry as Problem[]).push(problem);
    else this.setEntry(i, [entry, problem]);
  }

  private entry(i: number): Problems | undefined {
    const id = this.problemIds[i]!;
    return id === 0 ? undefined : this.lists[id - 1];
  }

  private setEntry(i: number, entry: Problems | undefined): void {
    const id = this.problemIds[i]!;
    if (id !== 0) {
      this.lists[id - 1] = entry;
      if (entry === undefined) {
        this.problemIds[i] = 0;
        this.liveLists--;
      }
    } else if (entry !== undefined) {
      this.liveLists++;
      this.problemIds[i] = this.lists.push(entry);
    }
  }
  hasOpenQuotes(): boolean {
    return this.openQuotes > 0;
  }

  /** Row `i` as an object (for the few rows an edit compares). */
  row(i: number): Statement {
    const keyStart = this.keyStarts[i]!;
    const keyEnd = this.keyEnds[i]!;
    return {
      start: this.starts[i]!,
      end: this.ends[i]!,
      keyStart,
      keyEnd,
      keySpanEnd: keyStart < 0 ? -1 : keySpanEnd(keyStart, keyEnd),
      problems: this.problems(i),
      unclosedQuote: this.quotes[i]!,
    };
  }

  /** Rows `[from, to)` as objects. */
  rows(from = 0, to = this.length): Statement[] {
    const out: Statement[] = [];
    for (let i = from; i < to; i++) out.push(this.row(i));
    return out;
  }

  /** Moves every row by `by` (a part read from a copy, placed in the document). */
  shift(by: number, from = 0): void {
    for (let i = from; i < this.length; i++) {
      this.starts[i] += by;
      this.ends[i] += by;
    }
  }

  /** Rows `[first, last)` give way to `fresh`; the rows after them move by `delta`. */
  replace(first: number, last: number, fresh: StatementTable, delta: number): void {
    const added = fresh.length - (last - first);
    for (let i = first; i < last; i++) {
      if (this.quotes[i]) this.openQuotes--;
      const id = this.problemIds[i]!;
      if (id !== 0) {
        this.lists[id - 1] = undefined;
        this.liveLists--;
      }
    }
    this.reserve(this.length + added);
    const tail = (column: Int32Array | Uint8Array): void => {
      column.copyWithin(last + added, last, this.length);
    };
    for (const column of [this.starts, this.ends, this.keyStarts, this.keyEnds, this.quotes, this.problemIds]) tail(column);
    this.length += added;
    for (let i = last + added; i < this.length; i++) {
      this.starts[i] += delta;
      this.ends[i] += delta;
    }
    this.starts.set(fresh.starts.subarray(0, fresh.length), first);
    this.ends.set(fresh.ends.subarray(0, fresh.length), first);
    this.keyStarts.set(fresh.keyStarts.subarray(0, fresh.length), first);
    this.keyEnds.set(fresh.keyEnds.subarray(0, fresh.length), first);
    this.quotes.set(fresh.quotes.subarray(0, fresh.length), first);
    for (let k = 0; k < fresh.length; k++) {
      this.problemIds[first + k] = 0;
      this.setEntry(first + k, fresh.entry(k));
    }
    this.openQuotes += fresh.openQuotes;
    if (this.lists.length > 2 * this.liveLists + 64) this.compact();
  }

  /** Drops the lists of rows replaced since: at most half of `lists` is ever stale, so this runs once per as many replaced lists as live ones. */
  private compact(): void {
    const lists: Problems[] = [];
    for (let i = 0; i < this.length; i++) {
      const id = this.problemIds[i]!;
      if (id !== 0) this.problemIds[i] = lists.push(this.lists[id - 1]!);
    }
    this.lists = lists;
  }

  /** Index of the first row with `end >= offset` (rows are sorted and disjoint). */
  firstEndingAtOrAfter(offset: number): number {
    return firstIndex(this.ends, this.length, offset);
  }

  firstStartingAtOrAfter(offset: number): number {
    return firstIndex(this.starts, this.length, offset);
  }

  private reserve(length: number): void {
    if (length <= this.starts.length) return;
    const capacity = Math.max(length, this.starts.length * 2);
    const grow = <T extends Int32Array | Uint8Array>(column: T, make: (n: number) => T): T => {
      const bigger = make(capacity);
      bigger.set(column.subarray(0, this.length));
      return bigger;
    };
    this.starts = grow(this.starts, (n) => new Int32Array(n));
    this.ends = grow(this.ends, (n) => new Int32Array(n));
    this.keyStarts = grow(this.keyStarts, (n) => new Int32Array(n));
    this.keyEnds = grow(this.keyEnds, (n) => new Int32Array(n));
    this.quotes = grow(this.quotes, (n) => new Uint8Array(n));
    this.problemIds = grow(this.problemIds, (n) => new Int32Array(n));
  }
}

/** A row's problems: the one it has, or its list of two or more. */
type Problems = Problem | readonly Problem[];

function isList(entry: Problems): entry is readonly Problem[] {
  return Array.isArray(entry);
}

/** The first index below `length` where `column[i] >= offset` (a sorted column: binary search). */
function firstIndex(column: Int32Array, length: number, offset: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (column[mid]! >= offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
