/** Precision and recall of a detector on the corpus, per category and overall, as a table. */
import type { CorpusLine } from './line';

/** A detector's reports on one line, as spans in the line's text. */
export interface Report {
  start: number;
  end: number;
}

export interface CategoryScore {
  category: string;
  positives: number;
  negatives: number;
  /** Positives reported where the credential is. */
  truePositives: number;
  /** Negatives reported, and positives reported only somewhere else in the value. */
  falsePositives: number;
  recall: number;
  precision: number;
}

export interface Scores {
  categories: CategoryScore[];
  overall: CategoryScore;
  /** The lines scored wrongly, for a failure message. */
  misses: CorpusLine[];
  falseAlarms: CorpusLine[];
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

function tally(category: string, rows: readonly { line: CorpusLine; hit: boolean; alarm: boolean }[]): CategoryScore {
  const positives = rows.filter((r) => r.line.positive).length;
  const truePositives = rows.filter((r) => r.hit).length;
  const falsePositives = rows.filter((r) => r.alarm).length;
  return {
    category,
    positives,
    negatives: rows.length - positives,
    truePositives,
    falsePositives,
    recall: ratio(truePositives, positives),
    precision: ratio(truePositives, truePositives + falsePositives),
  };
}

/**
 * Scores `reportsOf` on every line. A positive counts when a report overlaps its credential; any
 * other report (on a negative, or beside the credential) is a false alarm.
 */
export function scoreCorpus(corpus: readonly CorpusLine[], reportsOf: (line: CorpusLine) => readonly Report[]): Scores {
  const rows = corpus.map((line) => {
    const reports = reportsOf(line);
    const secret = line.secret && { start: line.valueStart + line.secret.start, end: line.valueStart + line.secret.end };
    const hit = !!secret && reports.some((r) => r.start < secret.end && secret.start < r.end);
    return { line, hit, alarm: reports.length > 0 && !hit };
  });
  const names = [...new Set(corpus.map((l) => l.category))];
  return {
    categories: names.map((name) => tally(name, rows.filter((r) => r.line.category === name))),
    overall: tally('overall', rows),
    misses: rows.filter((r) => r.line.positive && !r.hit).map((r) => r.line),
    falseAlarms: rows.filter((r) => r.alarm).map((r) => r.line),
  };
}

const cell = (s: CategoryScore, side: 'recall' | 'precision'): string =>
  (side === 'recall' ? s.positives === 0 : s.truePositives + s.falsePositives === 0) ? '-' : s[side].toFixed(2);

/**
 * A Markdown table of one or more detectors' scores on the same corpus, one row per category.
 * @param columns detector name and its scores, in column order
 */
export function formatScores(columns: readonly [string, Scores][]): string {
  const head = ['category', 'credentials', 'look-alikes', ...columns.flatMap(([name]) => [`${name} recall`, `${name} precision`, `${name} false alarms`])];
  const first = columns[0]![1];
  const rows = [...first.categories, first.overall].map((c, i) => {
    const scoresOf = (s: Scores): CategoryScore => (i < s.categories.length ? s.categories[i]! : s.overall);
    const name = c.category === 'overall' ? '**overall**' : c.category;
    return [name, String(c.positives), String(c.negatives), ...columns.flatMap(([, s]) => [cell(scoresOf(s), 'recall'), cell(scoresOf(s), 'precision'), String(scoresOf(s).falsePositives)])];
  });
  const align = head.map((_, i) => (i === 0 ? '---' : '---:'));
  return [head, align, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
