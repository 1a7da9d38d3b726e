/**
 * Which globs are cheap enough to match: the one rule for every glob a repository can write and we
 * (or VS Code) match against its file names: `runpod.files` and `runpod.environments` in its
 * workspace settings, the patterns of its `.gitignore` files, and `--files` on the command line.
 *
 * Backtracking matchers (minimatch's regular expressions and its own matcher, VS Code's glob
 * matcher for a document selector) take about L^k steps to fail a name of L characters against a
 * segment with k separate stars: 255 a's against `*a*a*a*b` take 0.6 s, against `*a*a*a*a*b` 47 s,
 * and a hostile repository chooses both the glob and the names. Two stars per segment keep every
 * ordinary glob (`*.runpod.*.json`) and bound a match to about 65,000 steps. Brace alternatives
 * multiply the patterns every file is matched against (`{1..100000}` is 100,000 of them).
 */
import type { Minimatch } from 'minimatch';

/** Separate `*` runs allowed in one path segment (a `**` segment is not one: it matches whole segments). */
const MAX_STARS_PER_SEGMENT = 2;
/** Patterns a glob may stand for after brace expansion. */
const MAX_GLOB_ALTERNATIVES = 64;
/** Pass as minimatch's `braceExpandMax`: expansion stops just past the limit instead of building 100,000 patterns. */
export const BRACE_EXPAND_MAX = MAX_GLOB_ALTERNATIVES + 1;

/** The rule in words, for a message saying why a glob was not used. */
export const GLOB_COST_RULE = `at most ${MAX_STARS_PER_SEGMENT} separate * in one folder or file name, and at most ${MAX_GLOB_ALTERNATIVES} {a,b} alternatives`;

/** Whether a compiled glob is cheap to match by the rule above (its brace-expanded segments, as minimatch parsed them). */
export function isAffordableGlob(compiled: Pick<Minimatch, 'globParts'>): boolean {
  if (compiled.globParts.length > MAX_GLOB_ALTERNATIVES) return false;
  return compiled.globParts.every((segments) => segments.every((segment) => segment === '**' || (segment.match(/\*+/g)?.length ?? 0) <= MAX_STARS_PER_SEGMENT));
}
