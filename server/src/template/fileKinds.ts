/**
 * Which files are RunPod files, and of what kind: one rule for the language server and the
 * command line. Everything else is ignored, so the server never takes over files that merely share
 * a language (a project's `package.json`, a plain `.env`).
 *
 * JSON and TOML files are served exactly when their path matches a `runpod.files` glob: the
 * defaults below, or the user's list, which replaces them (an empty list turns JSON and TOML
 * analysis off). The globs follow VS Code's glob syntax (`**`, `*`, `?`, `{a,b}`, `[a-z]`,
 * `[!a-z]`); they are matched with minimatch, the matcher vscode-languageclient itself uses,
 * because braces and ranges are part of that syntax and a hand-written matcher got them wrong.
 */
import { Minimatch } from 'minimatch';
import type { DocumentKind } from './types';

/**
 * `runpod.files` when the client sends no value: the defaults of the setting in package.json
 * (a test keeps the two equal).
 */
export const DEFAULT_FILE_GLOBS: readonly string[] = Object.freeze([
  '**/*.runpod.json',
  '**/.runpod/hub.json',
  '**/.runpod/tests.json',
  '**/runpod.toml',
]);

/** Longer globs are ignored: no real pattern is this long, and it bounds the matcher's work. */
const MAX_GLOB_LENGTH = 500;

/** The decoded path of a `file:` (or any) URI, with `/` separators, for pattern matching. */
function uriPath(uri: string): string {
  const withoutQuery = uri.replace(/[?#].*$/, '');
  const path = withoutQuery.replace(/^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i, '');
  try {
    return decodeURIComponent(path).replace(/\\/g, '/');
  } catch {
    return path.replace(/\\/g, '/');
  }
}

/** Compiled matchers by glob; settings rarely change, and documents are classified on every request. */
const compiled = new Map<string, Minimatch | null>();
const MAX_COMPILED = 256;

/**
 * A matcher for one glob, or null when the glob is unusable. Options give VS Code's semantics:
 * `*` matches names starting with a dot (`**\/*.json` covers `.runpod/hub.json`), and `!`, `#` and
 * `@(...)` are plain characters rather than negation, comments and extended globs.
 */
function matcherFor(glob: string): Minimatch | null {
  let matcher = compiled.get(glob);
  if (matcher !== undefined) return matcher;
  try {
    // Workspace-relative globs (`deploy/*.json`) arrive without the workspace folder: like VS Code's
    // search and file settings, they match at any depth, so they are anchored with `**/`.
    const anchored = glob.startsWith('/') || glob.startsWith('**') || /^[a-z]:\//i.test(glob) ? glob : `**/${glob}`;
    matcher = new Minimatch(anchored.replace(/^\/+/, ''), { dot: true, nonegate: true, nocomment: true, noext: true, platform: 'linux' });
  } catch {
    matcher = null;
  }
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(glob, matcher);
  return matcher;
}

/** Whether `path` (decoded, `/` separators) matches one of the `runpod.files` globs. */
export function matchesFileGlobs(path: string, globs: readonly string[]): boolean {
  const relative = path.replace(/^\/+/, '');
  for (const glob of globs) {
    if (typeof glob !== 'string' || glob.trim() === '' || glob.length > MAX_GLOB_LENGTH) continue;
    const matcher = matcherFor(glob.trim().replace(/\\/g, '/'));
    if (matcher?.match(relative)) return true;
  }
  return false;
}

/**
 * The kind of a file a `runpod.files` glob selected: `.runpod/hub.json` and `.runpod/tests.json`
 * by their place, other `.json`/`.jsonc` files as templates or pod bodies, `.toml` as runpod.toml,
 * `.env` as env lines. For another extension the language decides (JSON or TOML), else env lines.
 */
function kindOfSelected(path: string, languageId: string): DocumentKind {
  if (/(^|\/)\.runpod\/hub\.json$/.test(path)) return 'hub-json';
  if (/(^|\/)\.runpod\/tests\.json$/.test(path)) return 'tests-json';
  if (/\.jsonc?$/i.test(path)) return 'runpod-json';
  if (/\.toml$/i.test(path)) return 'runpod-toml';
  if (/\.env$/i.test(path)) return 'runpod-env';
  if (languageId === 'json' || languageId === 'jsonc') return 'runpod-json';
  if (languageId === 'toml') return 'runpod-toml';
  return 'runpod-env';
}

/**
 * The document kind for an open document, or `undefined` when the server should ignore it.
 * `runpod-env` and `dotenv` come from the language id (plus the RunPod env file names, for editors
 * that give such files another language id); any other file only when its path matches a glob of
 * the `runpod.files` setting (`globs`, by default {@link DEFAULT_FILE_GLOBS}).
 */
export function documentKindFor(languageId: string, uri: string, globs: readonly string[] = DEFAULT_FILE_GLOBS): DocumentKind | undefined {
  if (languageId === 'runpod-env') return 'runpod-env';
  const path = uriPath(uri);
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/\.runpod\.env$/i.test(name) || name === 'runpod.env' || /(^|\/)\.runpod\/[^/]*\.env$/.test(path)) return 'runpod-env';
  if (languageId === 'dotenv') return 'dotenv';
  return matchesFileGlobs(path, globs) ? kindOfSelected(path, languageId) : undefined;
}
