/**
 * The statements an incremental env analysis keeps (incremental.ts), one row per statement that is
 * an entry (a variable or a reported line), in columns: offsets in typed arrays, problems in one
 * array. A document holds one per line, so their size is the analysis's size: as objects they took
 * 88 bytes each (80 for seven fields and a header, 8 for the list's slot), as rows 21 (now 13, below).
 *
 * Problems are kept only for the rows that have some: a column holds the index of a row's list in
 * `lists`, which holds a row's one problem itself (the usual case: an array of one cost 68 bytes
 * more per problem line) or its list. A JS array with a slot per row (8 bytes each, in V8's heap) was the one part of the table
 * V8 copied as it grew: a 390,000-line file's reading doubled the young generation for it (to
 * 32 MB, the largest share of the server's peak) where the columns alone leave it at 16.
 *
 * Only the starts are offsets in the document; a row's end, key and problem list are kept as
 * numbers that are small in any ordinary file (the statement's length, the key's place in it, the
 * index of its list), 2 bytes each until one needs more ({@link NarrowColumn}): 13 bytes a row
 * instead of 21, 3 MB less for a file of 390,000 short lines (BENCHMARKS.md, Memory).
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
  /** Per row: `end - start`. */
  private lengths: NarrowColumn;
  /** Per row: 1 + where its key starts and ends relative to its start; 0 without a key. */
  private keyStarts: NarrowColumn;
  private keyEnds: NarrowColumn;
  private quotes: Uint8Array;
  /** Per row: 0 without problems, else 1 + the index of its problems in `lists`. */
  private problemIds: NarrowColumn;
  /** The problems of rows, one or a list; those of rows replaced since are undefined until {@link compact}. */
  private lists: (Problems | undefined)[] = [];
  /** How many entries of `lists` belong to a row. */
  private liveLists = 0;
  /** Rows with an unclosed quote (rare: re-reading looks for them only while there are any). */
  private openQuotes = 0;

  constructor(capacity = 8) {
    this.starts = new Int32Array(capacity);
    this.lengths = new NarrowColumn(capacity);
    this.keyStarts = new NarrowColumn(capacity);
    this.keyEnds = new NarrowColumn(capacity);
    this.quotes = new Uint8Array(capacity);
    this.problemIds = new NarrowColumn(capacity);
  }

  /** Adds a row without problems; `keyStart`/`keyEnd` relative to `start` (-1: no key). */
  push(start: number, end: number, keyStart: number, keyEnd: number, quote: number): void {
    this.reserve(this.length + 1);
    const i = this.length++;
    this.starts[i] = start;
    this.lengths.set(i, end - start);
    this.keyStarts.set(i, keyStart + 1);
    this.keyEnds.set(i, keyEnd + 1);
    this.quotes[i] = quote;
    this.problemIds.set(i, 0);
    if (quote) this.openQuotes++;
  }

  start(i: number): number {
    return this.starts[i]!;
  }
  end(i: number): number {
    return this.starts[i]! + this.lengths.get(i);
  }
  /** Relative to the row's start; -1 when it has no key. */
  keyStart(i: number): number {
    return this.keyStarts.get(i) - 1;
  }
  keyEnd(i: number): number {
    return this.keyEnds.get(i) - 1;
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
    const id = this.problemIds.get(i);
    return id === 0 ? undefined : this.lists[id - 1];
  }

  private setEntry(i: number, entry: Problems | undefined): void {
    const id = this.problemIds.get(i);
    if (id !== 0) {
      this.lists[id - 1] = entry;
      if (entry === undefined) {
        this.problemIds.set(i, 0);
        this.liveLists--;
      }
    } else if (entry !== undefined) {
      this.liveLists++;
      this.problemIds.set(i, this.lists.push(entry));
    }
  }
  hasOpenQuotes(): boolean {
    return this.openQuotes > 0;
  }

  /** Row `i` as an object (for the few rows an edit compares). */
  row(i: number): Statement {
    const keyStart = this.keyStart(i);
    const keyEnd = this.keyEnd(i);
    return {
      start: this.starts[i]!,
      end: this.end(i),
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
    for (let i = from; i < this.length; i++) this.starts[i] += by;
  }

  /** Rows `[first, last)` give way to `fresh`; the rows after them move by `delta`. */
  replace(first: number, last: number, fresh: StatementTable, delta: number): void {
    const added = fresh.length - (last - first);
    for (let i = first; i < last; i++) {
      if (this.quotes[i]) this.openQuotes--;
      const id = this.problemIds.get(i);
      if (id !== 0) {
        this.lists[id - 1] = undefined;
        this.liveLists--;
      }
    }
    this.reserve(this.length + added);
    this.starts.copyWithin(last + added, last, this.length);
    this.quotes.copyWithin(last + added, last, this.length);
    for (const column of [this.lengths, this.keyStarts, this.keyEnds, this.problemIds]) column.values.copyWithin(last + added, last, this.length);
    this.length += added;
    for (let i = last + added; i < this.length; i++) this.starts[i] += delta;
    this.starts.set(fresh.starts.subarray(0, fresh.length), first);
    this.quotes.set(fresh.quotes.subarray(0, fresh.length), first);
    this.lengths.setAll(fresh.lengths, fresh.length, first);
    this.keyStarts.setAll(fresh.keyStarts, fresh.length, first);
    this.keyEnds.setAll(fresh.keyEnds, fresh.length, first);
    for (let k = 0; k < fresh.length; k++) {
      this.problemIds.set(first + k, 0);
      this.setEntry(first + k, fresh.entry(k));
    }
    this.openQuotes += fresh.openQuotes;
    if (this.lists.length > 2 * this.liveLists + 64) this.compact();
  }

  /** Drops the lists of rows replaced since: at most half of `lists` is ever stale, so this runs once per as many replaced lists as live ones. */
  private compact(): void {
    const lists: Problems[] = [];
    for (let i = 0; i < this.length; i++) {
      const id = this.problemIds.get(i);
      if (id !== 0) this.problemIds.set(i, lists.push(this.lists[id - 1]!));
    }
    this.lists = lists;
  }

  /** Index of the first row with `end >= offset` (rows are sorted and disjoint). */
  firstEndingAtOrAfter(offset: number): number {
    return this.firstRow(offset, true);
  }

  /** Index of the first row with `start >= offset`. */
  firstStartingAtOrAfter(offset: number): number {
    return this.firstRow(offset, false);
  }

  /** The first row whose end (else start) is at or after `offset` (rows are sorted: binary search). */
  private firstRow(offset: number, byEnd: boolean): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! + (byEnd ? this.lengths.get(mid) : 0) >= offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private reserve(length: number): void {
    if (length <= this.starts.length) return;
    const capacity = Math.max(length, this.starts.length * 2);
    const starts = new Int32Array(capacity);
    starts.set(this.starts.subarray(0, this.length));
    this.starts = starts;
    const quotes = new Uint8Array(capacity);
    quotes.set(this.quotes.subarray(0, this.length));
    this.quotes = quotes;
    for (const column of [this.lengths, this.keyStarts, this.keyEnds, this.problemIds]) column.grow(capacity, this.length);
  }
}

/**
 * A column of whole numbers from 0 up, 2 bytes each while every one is below 65,536, 4 from the
 * first that is not (a statement of 65,536 characters, a key as far into one): widened once, then
 * as before.
 */
class NarrowColumn {
  values: Uint16Array | Int32Array;

  constructor(capacity: number) {
    this.values = new Uint16Array(capacity);
  }

  get(i: number): number {
    return this.values[i]!;
  }

  set(i: number, value: number): void {
    if (value > 0xffff) this.widen();
    this.values[i] = value;
  }

  /** Sets rows `[at, at + count)` to the first `count` of `from`. */
  setAll(from: NarrowColumn, count: number, at: number): void {
    if (from.values instanceof Int32Array) this.widen();
    this.values.set(from.values.subarray(0, count), at);
  }

  /** Room for `capacity` rows, the first `length` kept. */
  grow(capacity: number, length: number): void {
    const bigger = this.values instanceof Int32Array ? new Int32Array(capacity) : new Uint16Array(capacity);
    bigger.set(this.values.subarray(0, length));
    this.values = bigger;
  }

  private widen(): void {
    if (this.values instanceof Int32Array) return;
    const wide = new Int32Array(this.values.length);
    wide.set(this.values);
    this.values = wide;
  }
}

/** A row's problems: the one it has, or its list of two or more. */
type Problems = Problem | readonly Problem[];

function isList(entry: Problems): entry is readonly Problem[] {
  return Array.isArray(entry);
}

