/**
 * The labelled credential corpus (issue 15): about 350 credentials in their providers' published
 * formats and 220 values that look close and are not. Fresh random parts on every call. Used by
 * the precision/recall test and by `npm run bench` (beside secretlint, on the same lines).
 */
import type { CorpusLine } from './line';
import { negatives } from './negatives';
import { positives } from './positives';

export type { CorpusLine } from './line';
export { scoreCorpus, formatScores, type Scores, type CategoryScore, type Report } from './score';

export function buildCorpus(): CorpusLine[] {
  return [...positives(), ...negatives()];
}
