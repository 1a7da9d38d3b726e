/**
 * The incremental analysis's statement rows (server/src/template/statementTable.ts) behave as the
 * list of objects they replaced: after any sequence of replacements (growing past the capacity,
 * shrinking, at the start, the middle and the end), every row, the binary searches and the open
 * quotes read as a plain array spliced and moved the same way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_PROBLEMS, StatementTable, type Statement } from '../../server/src/template/statementTable';
import type { Problem } from '../../server/src/template/types';

const PROBLEM: Problem = { code: 'missing-equals', span: { start: 0, end: 1 }, message: 'm', severity: 'error' };

/**
 * Rows of `lengths` consecutive statements from `at`; every third has a key (at its end in a
 * statement of 65,536 characters or more, else at its start), every fifth a problem, every seventh an open quote.
 */
function rowsOf(at: number, lengths: readonly number[]): Statement[] {
  let start = at;
  return lengths.map((length, k) => {
    const keyed = k % 3 === 0;
    const keyStart = !keyed ? -1 : length >= 65_536 ? length - 3 : 0;
    const keyEnd = keyed ? Math.min(keyStart + 2, length - 1) : -1;
    const row: Statement = {
      start,
      end: start + length,
      keyStart,
      keyEnd,
      keySpanEnd: keyed ? (keyEnd === keyStart ? keyStart + 1 : keyEnd) : -1,
      problems: k % 5 === 0 ? [PROBLEM] : NO_PROBLEMS,
      unclosedQuote: k % 7 === 6 ? 34 : 0,
    };
    start += length;
    return row;
  });
}

function tableOf(rows: readonly Statement[]): StatementTable {
  const table = new StatementTable(2);
  rows.forEach((r, i) => {
    table.push(r.start, r.end, r.keyStart, r.keyEnd, r.unclosedQuote);
    for (const problem of r.problems) table.addProblem(i, problem);
  });
  return table;
}

describe('statement rows', () => {
  it.each([
    ['short statements', fc.integer({ min: 1, max: 9 })],
    // Lengths and key places past 65,535 are kept in 4 bytes from the first one on.
    ['some of 65,536 characters or more', fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 9 }) }, { weight: 1, arbitrary: fc.integer({ min: 65_530, max: 70_000 }) })],
  ])('replacing rows equals splicing a list of objects and moving the rest (%s)', (_, length) => {
    const lengths = fc.array(length, { maxLength: 30 });
    fc.assert(
      fc.property(lengths, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 5 }), lengths), { maxLength: 8 }), (initial, edits) => {
        let model = rowsOf(0, initial);
        const table = tableOf(model);
        for (const [where, count, added] of edits) {
          const first = model.length === 0 ? 0 : where % (model.length + 1);
          const last = Math.min(model.length, first + count);
          const from = first < model.length ? model[first]!.start : (model.at(-1)?.end ?? 0);
          const oldEnd = last > first ? model[last - 1]!.end : from;
          const fresh = rowsOf(from, added);
          const delta = (fresh.at(-1)?.end ?? from) - oldEnd;
          model = [...model.slice(0, first), ...fresh, ...model.slice(last).map((r) => ({ ...r, start: r.start + delta, end: r.end + delta }))];
          table.replace(first, last, tableOf(fresh), delta);
          expect(table.length).toBe(model.length);
          expect(table.rows()).toEqual(model);
          expect(table.hasOpenQuotes()).toBe(model.some((r) => r.unclosedQuote !== 0));
          for (const offset of [0, from, oldEnd + delta, (model.at(-1)?.end ?? 0) + 1]) {
            expect(table.firstStartingAtOrAfter(offset)).toBe(firstIndex(model, (r) => r.start >= offset));
            expect(table.firstEndingAtOrAfter(offset)).toBe(firstIndex(model, (r) => r.end >= offset));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps each row its own problems through many replacements (the lists of replaced rows are dropped as it goes)', () => {
    // A distinct list per row, so a row reading another's list shows.
    const problemsAt = (start: number): Problem[] => [{ ...PROBLEM, message: `at ${start}` }];
    const table = new StatementTable();
    let model: { start: number; problems: readonly Problem[] }[] = [];
    for (let i = 0; i < 200; i++) {
      table.push(i, i + 1, -1, -1, 0);
      const problems = i % 2 === 0 ? problemsAt(i) : NO_PROBLEMS;
      for (const problem of problems) table.addProblem(i, problem);
      model.push({ start: i, problems });
    }
    for (let edit = 0; edit < 1_000; edit++) {
      const first = (edit * 37) % model.length;
      const last = Math.min(model.length, first + (edit % 3));
      const fresh = new StatementTable();
      const added: { start: number; problems: readonly Problem[] }[] = [];
      for (let k = 0; k < edit % 4; k++) {
        const start = model[first]?.start ?? model.length;
        fresh.push(start, start + 1, -1, -1, 0);
        const problems = k % 2 === 0 ? problemsAt(start * 1_000 + edit) : NO_PROBLEMS;
        for (const problem of problems) fresh.addProblem(k, problem);
        added.push({ start, problems });
      }
      table.replace(first, last, fresh, 0);
      model = [...model.slice(0, first), ...added, ...model.slice(last)];
      expect(table.length).toBe(model.length);
    }
    expect(table.rows().map((r) => r.problems)).toEqual(model.map((r) => r.problems));
  });

  it('keeps more than 65,535 problem lists apart (their indexes then take 4 bytes)', () => {
    const problemsAt = (start: number): Problem[] => [{ ...PROBLEM, message: `at ${start}` }];
    const table = new StatementTable();
    for (let i = 0; i < 70_000; i++) {
      table.push(i, i + 1, -1, -1, 0);
      table.addProblem(i, problemsAt(i)[0]!);
    }
    const fresh = new StatementTable();
    fresh.push(69_990, 69_991, -1, -1, 0);
    fresh.addProblem(0, { ...PROBLEM, message: 'replaced' });
    table.replace(69_990, 69_991, fresh, 0);
    expect(table.problems(65_535)[0]!.message).toBe('at 65535');
    expect(table.problems(69_999)[0]!.message).toBe('at 69999');
    expect(table.problems(69_990)[0]!.message).toBe('replaced');
    expect(table.rows().map((r) => r.problems[0]!.message).filter((m, i) => m !== `at ${i}`)).toEqual(['replaced']);
  });

  it('an empty key is reported on the `=` after it, as a variable spans it', () => {
    const table = new StatementTable();
    table.push(10, 20, 0, 0, 0);
    table.push(20, 30, 2, 5, 0);
    table.push(30, 40, -1, -1, 0);
    expect(table.rows().map((r) => r.keySpanEnd)).toEqual([1, 5, -1]);
  });
});

function firstIndex<T>(list: readonly T[], holds: (item: T) => boolean): number {
  const i = list.findIndex(holds);
  return i < 0 ? list.length : i;
}
