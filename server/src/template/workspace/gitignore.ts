/**
 * A small `.gitignore` reader for one purpose: which folders the workspace index does not walk.
 * Pure; the walk reads the files (bounded) and hands their text here.
 *
 * Only folders are judged. A git-ignored folder is build output, a virtual environment or a cache;
 * a git-ignored file in a walked folder is still the user's (the canonical one is `.env`, ignored
 * precisely because it is the local file that holds the references), so it stays in the index.
 *
 * The git rules that matter for folders are followed: `#` comments, blank lines, `\` escapes of a
 * leading `#` or `!` and of trailing spaces, `!` negation (the last matching pattern wins, deeper
 * `.gitignore` files after outer ones), a trailing `/` (folders only, which is all that is judged),
 * a pattern with a `/` before its end anchored to its file's folder and one without matching at any
 * depth below it, and `*`, `?`, `[...]`, `**` as git reads them (`dir/**` ignores every folder
 * inside `dir`; the files directly in `dir` stay, as any ignored file does). Not read:
 * `.git/info/exclude` and the global excludes file (outside the workspace, per user).
 *
 * Bounded: the walk reads at most {@link MAX_GITIGNORE_BYTES} of a file; at most
 * {@link MAX_PATTERNS} patterns of {@link MAX_PATTERN_LENGTH} characters are kept per file.
 */
import { Minimatch } from 'minimatch';
import { isAffordableGlob } from '../globCost';

export const MAX_GITIGNORE_BYTES = 64 * 1024;
export const MAX_PATTERNS = 1_000;
const MAX_PATTERN_LENGTH = 500;

interface Pattern {
  matcher: Minimatch;
  negated: boolean;
  /**
   * The plain names (no wildcard) of each of the matcher's alternatives: a path matches an
   * alternative only if it has every one of them as a folder name, a look that costs a set lookup
   * each. Without it each folder of a deep chain was matched in full against every pattern.
   */
  names: string[][];
}

/** The patterns of one `.gitignore`, and the folder they apply below. */
export interface IgnoreRules {
  /** The folder holding the `.gitignore`, relative to the walked root (`''` for the root, no trailing `/`). */
  base: string;
  patterns: readonly Pattern[];
}

/** One line as a pattern, or undefined for a comment, a blank line or something unusable. */
function patternOf(line: string): Pattern | undefined {
  let text = line.replace(/\r$/, '');
  // Trailing spaces are dropped unless escaped with a backslash.
  text = text.replace(/(?<!\\)\s+$/, '').replace(/\\(\s)$/, '$1');
  if (text === '' || text.startsWith('#') || text.length > MAX_PATTERN_LENGTH) return undefined;
  let negated = false;
  if (text.startsWith('!')) {
    negated = true;
    text = text.slice(1);
  } else if (text.startsWith('\\!') || text.startsWith('\\#')) {
    text = text.slice(1);
  }
  text = text.replace(/\/+$/, '');
  if (text === '' || text === '**') return text === '**' ? compiled('**', negated) : undefined;
  const anchored = text.includes('/');
  const glob = anchored ? text.replace(/^\/+/, '') : `**/${text}`;
  return compiled(glob, negated);
}

function compiled(glob: string, negated: boolean): Pattern | undefined {
  try {
    // Git's wildcards: `*` matches a leading dot, no braces or extended globs, `#` and `!` are handled above.
    const matcher = new Minimatch(glob, { dot: true, nobrace: true, noext: true, nocomment: true, nonegate: true, platform: 'linux' });
    // A pattern too costly to match (more than two stars in a segment: globCost.ts) is not used.
    if (!isAffordableGlob(matcher)) return undefined;
    return { matcher, negated, names: matcher.set.map((parts) => parts.filter((part): part is string => typeof part === 'string')) };
  } catch {
    return undefined;
  }
}

/**
 * Reads one `.gitignore`.
 * @param base its folder, relative to the walked root, `/` separators (`''` for the root)
 */
export function parseGitignore(text: string, base: string): IgnoreRules {
  const patterns: Pattern[] = [];
  for (const line of text.split('\n')) {
    if (patterns.length >= MAX_PATTERNS) break;
    const pattern = patternOf(line);
    if (pattern) patterns.push(pattern);
  }
  return { base: base.replace(/^\/+|\/+$/g, ''), patterns };
}

/**
 * Whether the folder at `path` (relative to the walked root, `/` separators) is ignored by `rules`:
 * the `.gitignore` files of its ancestors, outermost first. The last matching pattern decides.
 *
 * The path is split once per `.gitignore`, not once per pattern (minimatch's match() splits the
 * whole path on every call: a thousand patterns at a depth of 600 were minutes of walk), and a
 * pattern is matched only when the path holds its plain names (a pattern `x` is `**` + `/x`).
 */
export function isIgnoredFolder(path: string, rules: readonly IgnoreRules[]): boolean {
  let ignored = false;
  let names: ReadonlySet<string> | undefined;
  for (const { base, patterns } of rules) {
    let relative: string;
    if (base === '') relative = path;
    else if (path.startsWith(`${base}/`)) relative = path.slice(base.length + 1);
    else continue;
    if (relative === '') continue;
    let segments: string[] | undefined;
    for (const pattern of patterns) {
      if (pattern.negated !== ignored) continue;
      names ??= new Set(splitPath(path));
      const held = names;
      for (let i = 0; i < pattern.names.length; i++) {
        if (!pattern.names[i]!.every((name) => held.has(name))) continue;
        if (pattern.matcher.matchOne((segments ??= splitPath(relative)), pattern.matcher.set[i]!, false)) {
          ignored = !pattern.negated;
          break;
        }
      }
    }
  }
  return ignored;
}

/** A path's names as minimatch's match() splits it (a run of `/` is one). */
function splitPath(path: string): string[] {
  return path.split(/\/+/);
}
