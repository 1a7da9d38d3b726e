/**
 * Which files are RunPod files, and of what kind: the one rule for the language server, the
 * extension's features (Find Usages, Launch Pod, Push Template, the CodeLens) and the command line.
 * Everything else is ignored, so the server never takes over files that merely share a language (a
 * project's `package.json`, a plain `.env`).
 *
 * RunPod env files (`*.runpod.env`, `runpod.env`, `.runpod/*.env`) are always RunPod files: they are
 * the `runpod-env` language's files (package.json `contributes.languages`, kept equal by a test).
 *
 * JSON and TOML files are served exactly when their path matches a `runpod.files` glob: the
 * defaults below, or the user's list, which replaces them (an empty list turns JSON and TOML
 * analysis off). The globs follow VS Code's glob syntax (`**`, `*`, `?`, `{a,b}`, `[a-z]`,
 * `[!a-z]`); they are matched with minimatch, the matcher vscode-languageclient itself uses,
 * because braces and ranges are part of that syntax and a hand-written matcher got them wrong.
 *
 * A file `runpod.environments` declares is a RunPod file too, whatever its name: that rule sits
 * over this one, in environments/files.ts (`declaredOrNamedKind`: the language server, the CLI walk).
 */
import { braceExpand, Minimatch } from 'minimatch';
import { BRACE_EXPAND_MAX, GLOB_COST_RULE, isAffordableGlob } from './globCost';
import type { DocumentKind } from './types';
import { plural } from './counts';

/**
 * `runpod.files` when the client sends no value: the defaults of the setting in package.json (a
 * manifest test reads package.json and compares). The extension and the CLI use this constant too.
 */
export const DEFAULT_FILE_GLOBS: readonly string[] = Object.freeze([
  '**/*.runpod.json',
  '**/.runpod/hub.json',
  '**/.runpod/tests.json',
  '**/runpod.toml',
]);

/** The language id of RunPod env files (package.json `contributes.languages`). */
export const RUNPOD_ENV_LANGUAGE = 'runpod-env';

/**
 * The RunPod env file names, served whatever `runpod.files` says, as globs (VS Code's `findFiles`,
 * document selectors) and as the rule {@link isRunpodEnvFile} applies.
 */
export const RUNPOD_ENV_FILE_GLOBS: readonly string[] = Object.freeze(['**/*.runpod.env', '**/runpod.env', '**/.runpod/*.env']);

/**
 * Files VS Code's own `dotenv` language claims (`.env`, `.env.*`, `*.env`): never taken over, but
 * their secret references count (Find Usages), and the CLI reads a named one as dotenv.
 */
const DOTENV_FILE_GLOBS: readonly string[] = Object.freeze(['**/.env', '**/.env.*', '**/*.env']);

/** Whether `path` (`/` separators) is a RunPod env file by name: `*.runpod.env`, `runpod.env`, `.runpod/*.env`. */
function isRunpodEnvFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return /\.runpod\.env$/i.test(name) || name === 'runpod.env' || /(^|\/)\.runpod\/[^/]*\.env$/.test(path);
}

/** Whether a file name (no folder) is one VS Code's dotenv language claims: `.env`, `.env.*`, `*.env`. */
export function isDotenvFileName(name: string): boolean {
  return name === '.env' || name.startsWith('.env.') || name.endsWith('.env');
}

/**
 * The `runpod.files` setting as sent by an editor (or `--files`): an array is the user's whole list,
 * even empty (so removing a default turns it off), minus entries that are not non-blank strings;
 * anything else (absent, wrong type) means the defaults.
 */
export function normalizeFileGlobs(raw: unknown): readonly string[] {
  return Array.isArray(raw) ? raw.filter((glob): glob is string => typeof glob === 'string' && glob.trim() !== '').slice(0, MAX_FILE_GLOBS) : DEFAULT_FILE_GLOBS;
}

/**
 * The most `runpod.files` globs used (the first ones): every file is matched against each, and a
 * workspace's settings could list thousands. Written by hand, a list is a few lines long.
 */
export const MAX_FILE_GLOBS = 64;

/**
 * A `runpod.files` glob as VS Code matches a string pattern (`findFiles`, a document selector):
 * trimmed, `\\` as `/`, and a workspace-relative glob (`deploy/*.json`) anchored with `**\/` because
 * this module matches it at any depth (see {@link matchesFileGlobs}) and VS Code would match it
 * against the absolute path (selector) or only at the folder root (`findFiles`).
 */
export function anchoredGlob(glob: string): string {
  const trimmed = glob.trim().replace(/\\/g, '/');
  return isFolderRelativeGlob(trimmed) ? `**/${trimmed}` : trimmed;
}

/**
 * Whether a document selector or a file watcher must take a `runpod.files` glob as a relative
 * pattern of each workspace folder: VS Code matches a string pattern against the whole path, so a
 * file of a folder at `/home/u/templates` would be sent for `templates/*.json`, which the server
 * matches below the folder ({@link documentKindFor}). Any glob but an absolute one or one starting
 * with `**`: as a plain pattern that takes at most a few files more, which the server refuses, and
 * it keeps serving files outside every folder.
 */
export function isFolderRelativeGlob(glob: string): boolean {
  const trimmed = glob.trim().replace(/\\/g, '/');
  return !(trimmed === '' || trimmed.startsWith('/') || trimmed.startsWith('**') || /^[a-z]:\//i.test(trimmed));
}

/**
 * The most globs searched apart ({@link GlobSearches}): each is one more findFiles search of the
 * whole workspace, and a repository's settings choose how many there are. Written by hand, a glob
 * with a literal comma in a file name is rare.
 */
export const MAX_SEPARATE_SEARCHES = 4;

/** Patterns as findFiles searches them: `joined` (none or one) first, then each of `apart` on its own. */
export interface GlobSearches {
  /** The one pattern standing for every pattern that can be joined: `{a,b,...}`, or the only one. */
  joined: string[];
  /** Patterns that cannot go inside braces (a literal comma outside braces, a brace left after expansion), and brace globs past {@link MAX_JOINED_PIECES}, whole; all of them: a search takes the first {@link MAX_SEPARATE_SEARCHES}. */
  apart: string[];
}

/**
 * `patterns` as few patterns as may be: their brace alternatives expanded first (as the matchers do,
 * within the same bound: globCost.ts), so `**\/*.{json,jsonc}` joins the others as two plain
 * pieces, and all the plain pieces as one `{a,b,...}` pattern; a piece still holding a comma or a
 * brace stays apart, since braces around it would read its literal characters as syntax
 * (`a,b.json` would become the alternatives `a` and `b.json`).
 */
export function globSearches(patterns: readonly string[]): GlobSearches {
  const plain = new Set<string>();
  const apart = new Set<string>();
  for (const pattern of patterns) {
    const pieces = expandedBraces(pattern);
    const joinable = pieces.filter((p) => !/[,{}]/.test(p));
    // Past the bound, a brace glob is searched whole, apart (one search, not its pieces).
    if (plain.size + joinable.length > MAX_JOINED_PIECES && pieces.length > 1) apart.add(pattern);
    else for (const piece of pieces) (joinable.includes(piece) ? plain : apart).add(piece);
  }
  return { joined: plain.size > 1 ? [`{${[...plain].join(',')}}`] : [...plain], apart: [...apart] };
}

/**
 * The most pieces the one `{a,b,...}` pattern joins: 64 globs of 64 alternatives each from
 * `runpod.files` and as many declared would otherwise make one pattern of 8,192, which VS Code
 * compiles for every search. Hand-written settings stay far below it.
 */
export const MAX_JOINED_PIECES = 1024;

/** {@link globSearches} as one list, nothing left out: the joined pattern first. */
function joinedGlobs(patterns: readonly string[]): string[] {
  const { joined, apart } = globSearches(patterns);
  return [...joined, ...apart];
}

/**
 * Patterns (each as VS Code matches it: {@link matchableGlobs}) for VS Code's own glob matcher, as
 * document selectors and file watchers take them: each with its brace alternatives expanded as the
 * server's matcher expands them and joined again as one flat `{a,b,...}` ({@link joinedGlobs}).
 * VS Code's matcher has no `{1..3}` ranges and ends a nested `{` at the first `}`, so the pattern
 * as written would serve other files than the server, the index and the pickers select. One
 * pattern per glob, not one for all: a selector lists each glob. A glob whose expansion leaves
 * more than {@link MAX_SEPARATE_SEARCHES} pieces apart (a literal comma in each alternative:
 * `**\/{a0,...,a63}/x,y.json`) stays as written, one pattern: settings from a repository could
 * otherwise turn 64 globs into 4,096 selector entries and file watchers.
 */
export function editorPatterns(patterns: readonly string[]): string[] {
  return [
    ...new Set(
      patterns.flatMap((pattern) => {
        const joined = joinedGlobs([pattern]);
        return joined.length > MAX_SEPARATE_SEARCHES ? [pattern] : joined;
      }),
    ),
  ];
}

/** A pattern's brace alternatives as minimatch expands them (at most BRACE_EXPAND_MAX), or the pattern itself when it has no braces. */
function expandedBraces(pattern: string): string[] {
  return /[{}]/.test(pattern) ? braceExpand(pattern, { braceExpandMax: BRACE_EXPAND_MAX }) : [pattern];
}

/** The globs of the files that may hold references (RunPod files and dotenv files), each as VS Code matches it, without duplicates. */
export function referenceFileGlobs(globs: readonly string[]): string[] {
  return matchableGlobs([...RUNPOD_ENV_FILE_GLOBS, ...DOTENV_FILE_GLOBS, ...globs]);
}

/** The usable ones of `globs`, each as VS Code matches it ({@link anchoredGlob}), without duplicates: for watchers and document selectors. */
export function matchableGlobs(globs: readonly string[]): string[] {
  return [...new Set(globs.filter(usable).map(anchoredGlob))].filter((glob) => glob !== '');
}

/**
 * Folders never walked into when looking for RunPod files (the command line's walk, the language
 * server's workspace index): installed dependencies and version control data hold none of the user's.
 */
export const NEVER_WALKED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/**
 * The kind of a file found on disk, with no editor to give a language: a RunPod file by name or
 * by a `runpod.files` glob, else a dotenv file by name (`.env`, `.env.*`, `*.env`), whose
 * references count as the editor's own dotenv documents' do. `undefined`: not a file that may hold
 * references. The language server's workspace index reads what this selects.
 */
export function diskFileKind(path: string, globs: readonly string[] = DEFAULT_FILE_GLOBS, folder?: string): DocumentKind | undefined {
  const known = documentKindFor('', path, globs, folder);
  if (known) return known;
  const clean = uriPath(path);
  return isDotenvFileName(clean.slice(clean.lastIndexOf('/') + 1)) ? 'dotenv' : undefined;
}

/**
 * Whether a file is a template or Pod body that Launch Pod and Push Template read: a `runpod.files`
 * file of kind `runpod-json` (by default `*.runpod.json`; hub and tests files are not templates).
 * @param uriOrPath a URI string or a path with `/` separators
 */
export function isTemplateFile(uriOrPath: string, globs: readonly string[] = DEFAULT_FILE_GLOBS, languageId = '', folder?: string): boolean {
  return documentKindFor(languageId, uriOrPath, globs, folder) === 'runpod-json';
}

/**
 * Whether a `runpod.files` (or `runpod.environments`) glob is used at all: a non-blank string of at
 * most MAX_GLOB_LENGTH characters that is cheap to match (globCost.ts). The server, the command
 * line and the extension's findFiles and document selector leave the others out alike.
 */
export function isUsableFileGlob(glob: unknown): glob is string {
  return typeof glob === 'string' && glob.trim() !== '' && glob.length <= MAX_GLOB_LENGTH && matcherFor(glob) !== null;
}
const usable = isUsableFileGlob;

/** Longer globs are ignored: no real pattern is this long, and it bounds the matcher's work. */
const MAX_GLOB_LENGTH = 500;

/** Why a glob is not used, in words (after "is not used: " or "cannot be used: "), never quoting it. */
export const UNUSABLE_GLOB_REASON = `it must be a non-blank glob of at most ${MAX_GLOB_LENGTH} characters with ${GLOB_COST_RULE}`;

/**
 * One sentence for the globs of a setting that are not used, by position (`glob 2`, `globs 1, 3
 * and 5`), with the reason: `where` names the setting (`runpod.files`, `Environment prod`).
 */
export function unusedGlobsProblem(where: string, positions: readonly number[]): string {
  const numbers = positions.length === 1 ? `${positions[0]}` : `${positions.slice(0, -1).join(', ')} and ${positions[positions.length - 1]}`;
  const which = `${plural(positions.length, 'glob')} ${numbers} ${plural(positions.length, 'is', 'are')}`;
  return `${where}: ${which} not used: ${UNUSABLE_GLOB_REASON}.`;
}

/**
 * What `normalizeFileGlobs` and the matchers leave out of a `runpod.files` value, one sentence each:
 * the setting and the glob's position, never its text (a repository's settings write it, and a
 * message may be shown as markdown or in a terminal). Empty for the defaults and usable lists.
 */
export function fileGlobProblems(raw: unknown): string[] {
  // Unset is the defaults, nothing to say; a glob written as a string (no list) is the defaults too, said.
  if (!Array.isArray(raw)) return raw === undefined ? [] : ['runpod.files must be a list of globs; the defaults are used.'];
  const problems: string[] = [];
  let globs = 0;
  const notGlobs: number[] = [];
  const unused: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const entry: unknown = raw[i];
    if (typeof entry !== 'string' || entry.trim() === '') {
      notGlobs.push(i + 1);
      continue;
    }
    globs++;
    // Only the globs used are judged (and compiled): a list of thousands says so once, below.
    if (globs <= MAX_FILE_GLOBS && !usable(entry)) unused.push(i + 1);
  }
  if (unused.length > 0) problems.push(unusedGlobsProblem('runpod.files', unused));
  if (notGlobs.length === 1) problems.push(`runpod.files: entry ${notGlobs[0]} is not a glob (a non-blank string); ignored.`);
  else if (notGlobs.length > 1) problems.push(`runpod.files: ${notGlobs.length} entries are not globs (non-blank strings), the first is entry ${notGlobs[0]}; ignored.`);
  if (globs > MAX_FILE_GLOBS) problems.push(`runpod.files: only the first ${MAX_FILE_GLOBS} globs are used (${globs} are listed).`);
  return problems;
}

/**
 * The longest URI of a document the server serves (and a rename may edit). No file has a longer
 * one: Windows paths stop at 32,767 characters and Linux ones at 4,096 bytes (12,288 characters
 * percent-encoded). A client that sends one anyway gets the document left alone, as one that is
 * no RunPod file: the index keeps an entry per folder of a path, and a megabyte of `a/` made millions.
 */
export const MAX_URI_LENGTH = 65_536;

/**
 * The decoded path of a `file:` (or any) URI, with `/` separators, for pattern matching; a plain
 * path passes unchanged but for its separators (`#`, `?` and `%` are URI syntax only in a URI: a
 * file may be named `train #1.runpod.env`). A URI has a scheme of two characters or more, so a
 * Windows drive (`c:\x`) is a path.
 */
export function uriPath(uri: string): string {
  if (!/^[a-z][a-z0-9+.-]+:/i.test(uri)) return uri.replace(/\\/g, '/');
  const withoutQuery = uri.replace(/[?#].*$/, '');
  const path = withoutQuery.replace(/^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i, '');
  try {
    return decodeURIComponent(path).replace(/\\/g, '/');
  } catch {
    return path.replace(/\\/g, '/');
  }
}

/** A path or `file:` URI as a decoded path to compare folders by: `/` separators, a drive as `c:/` (no leading `/`, lower case), no trailing `/`. */
function comparablePath(pathOrUri: string): string {
  const path = uriPath(pathOrUri).replace(/\/+$/, '');
  const drive = /^\/?([a-zA-Z]):(\/|$)/.exec(path);
  return drive ? `${drive[1]!.toLowerCase()}:${path.slice(drive[0].length - drive[2]!.length)}` : path;
}


/**
 * The folder RunPod's own file names live in (`.runpod/hub.json`, `.runpod/tests.json`, `.runpod/*.env`).
 * A workspace folder (or the CLI's working directory) opened at such a folder itself keeps the name in
 * the paths its globs are matched against ({@link folderGlobPath}).
 */
export const RUNPOD_FOLDER = '.runpod';

/** Whether a folder (compared form) is named {@link RUNPOD_FOLDER}. */
function isRunpodFolder(base: string): boolean {
  return base.slice(base.lastIndexOf('/') + 1) === RUNPOD_FOLDER;
}

/** A folder as its files are matched: its compared path, and whether it is named {@link RUNPOD_FOLDER}. */
interface FolderInfo {
  base: string;
  runpod: boolean;
}

/** The last folder asked about, with its {@link FolderInfo}: a walk asks of one folder for every file. */
let lastFolder: { folder: string; info: FolderInfo } = { folder: '', info: { base: '', runpod: false } };

/** `folder` (a path or URI) as its files are matched, worked out once for a run of calls about one folder. */
function folderInfo(folder: string): FolderInfo {
  if (lastFolder.folder !== folder) {
    const base = comparablePath(folder);
    lastFolder = { folder, info: { base, runpod: isRunpodFolder(base) } };
  }
  return lastFolder.info;
}

/**
 * `path` relative to `folder` (both paths or `file:` URIs), `/` separated, or undefined when it is
 * not below the folder (a `..` segment never counts as below). Workspace-relative globs
 * (`runpod.files`, `runpod.environments`) are matched against this, as VS Code's `RelativePattern` matches.
 */
export function pathBelowFolder(path: string, folder: string): string | undefined {
  const { base } = folderInfo(folder);
  const full = comparablePath(path);
  if (full === base) return '';
  if (!full.startsWith(base === '' ? '/' : `${base}/`)) return undefined;
  const relative = full.slice(base.length + 1);
  return /(^|\/)\.\.(\/|$)/.test(relative) ? undefined : relative;
}

/**
 * The path a workspace-relative glob (`runpod.files`, `runpod.environments`) is matched against for
 * a file of `folder`: its path below the folder ({@link pathBelowFolder}), or undefined when it is not
 * below it. A folder named `.runpod` keeps its name in front (`.runpod/hub.json`): users open a
 * template's `.runpod` folder itself, and the default globs (`**\/.runpod/hub.json`) and the file
 * kinds (hub and tests files by their place) name that folder. Only files below the folder are
 * ever matched so, so no file outside it can match by this rule.
 */
export function folderGlobPath(path: string, folder: string): string | undefined {
  const below = pathBelowFolder(path, folder);
  if (below === undefined || !folderInfo(folder).runpod) return below;
  return below === '' ? RUNPOD_FOLDER : `${RUNPOD_FOLDER}/${below}`;
}

/**
 * The patterns a watcher or a document selector takes relative to `folder` (a path or URI; none: as given) for
 * workspace-relative globs, each as VS Code matches it ({@link editorPatterns}): for a folder named
 * `.runpod`, a glob whose segment can match that folder's name (`.runpod/*.json`,
 * `{.runpod,deploy}/*.json`, `.run*\/*.json`, `*\/hub.json`) also with the rest after that segment
 * (`*.json`, `hub.json`), since VS Code matches the path below the folder, which lacks the name
 * {@link folderGlobPath} puts in front. A superset at worst: the server judges each file.
 * Only as relative patterns: as plain globs, matched against the whole path, the globs themselves
 * (all anchored with `**\/`) already take the file, name of the folder included.
 */
export function folderPatterns(folder: string | undefined, globs: readonly string[]): string[] {
  return editorPatterns([...matchableGlobs(globs), ...runpodFolderPatterns(folder, globs)]);
}

/**
 * Of {@link folderPatterns}, only those for the path below a folder named `.runpod` (none for any
 * other folder): what a search relative to such a folder adds to the globs themselves.
 */
export function runpodFolderPatterns(folder: string | undefined, globs: readonly string[]): string[] {
  if (folder === undefined || !folderInfo(folder).runpod) return [];
  // A glob's rests as one `{a,b}` pattern: a glob of 40 alternatives naming the folder would
  // otherwise add 40 patterns, each matched against every document.
  return [...new Set(matchableGlobs(globs).flatMap((glob) => joinedGlobs(belowRunpodFolder(glob))))];
}

/**
 * For a glob matched against `.runpod/<path>`, globs that match `<path>` whenever it matches (one per
 * brace alternative). Leading `**` segments that match nothing leave `.runpod` to the next segment;
 * when they match it, the glob itself matches `<path>` (its `**` matching one segment fewer).
 */
function belowRunpodFolder(pattern: string): string[] {
  const matcher = matcherFor(pattern);
  if (!matcher) return [];
  const rests: string[] = [];
  for (const segments of matcher.minimatch.globParts) {
    let first = 0;
    while (segments[first] === '**') first++;
    const segment = segments[first];
    if (segment !== undefined && first + 1 < segments.length && new Minimatch(segment, MATCH_OPTIONS).match(RUNPOD_FOLDER)) {
      rests.push(segments.slice(first + 1).join('/'));
    }
  }
  return rests;
}

/**
 * One glob, compiled: minimatch's matcher, and the regular expression minimatch builds for it
 * (`makeRe`), which gives the same answers for a path with no empty, `.` or `..` segment (a
 * differential test holds the two to it) and runs as the engine's own code: the workspace index
 * classifies every file it walks, and minimatch's matcher was a fifth of the time a fresh server
 * took to list 5,000 files, most of it compiling that matcher (BENCHMARKS.md).
 */
interface Matcher {
  minimatch: Minimatch;
  regex: RegExp | false;
}

/** A path with an empty, `.` or `..` segment: matched by minimatch itself. */
const UNUSUAL_SEGMENT = /(^|\/)\.{0,2}(\/|$)/;

/** minimatch's options for VS Code's glob semantics ({@link matcherFor}). */
const MATCH_OPTIONS = { dot: true, nonegate: true, nocomment: true, noext: true, platform: 'linux', braceExpandMax: BRACE_EXPAND_MAX } as const;

/** Compiled matchers by glob; settings rarely change, and documents are classified on every request. */
const compiled = new Map<string, Matcher | null>();
/**
 * More than the settings make this module compile (MAX_FILE_GLOBS, and the 64 environments of 16
 * globs runpod.environments' parser judges before it keeps 64 in all: declarations.ts), so a
 * hostile list cannot make the cache clear on every file classified.
 */
const MAX_COMPILED = 2048;

/**
 * A matcher for one glob, or null when the glob is unusable (unparsable, or too costly to match:
 * globCost.ts). Options give VS Code's semantics:
 * `*` matches names starting with a dot (`**\/*.json` covers `.runpod/hub.json`), and `!`, `#` and
 * `@(...)` are plain characters rather than negation, comments and extended globs.
 */
function matcherFor(glob: string): Matcher | null {
  let matcher = compiled.get(glob);
  if (matcher !== undefined) return matcher;
  try {
    // Workspace-relative globs (`deploy/*.json`) arrive without the workspace folder: like VS Code's
    // search and file settings, they match at any depth, so they are anchored with `**/`.
    const minimatch = new Minimatch(anchoredGlob(glob).replace(/^\/+/, ''), MATCH_OPTIONS);
    // The regular expression only for at most one `**` per pattern: each further one multiplies its
    // backtracking by the path's depth (twelve against a folder 100 deep take hours to fail), where
    // minimatch's own matcher walks them in linear time.
    const oneGlobstar = minimatch.globParts.every((segments) => segments.filter((segment) => segment === '**').length <= 1);
    matcher = isAffordableGlob(minimatch) ? { minimatch, regex: oneGlobstar ? minimatch.makeRe() : false } : null;
  } catch {
    matcher = null;
  }
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(glob, matcher);
  return matcher;
}

/** Whether `matcher` matches `relative` (no leading `/`). */
function globMatches(matcher: Matcher, relative: string): boolean {
  return matcher.regex && !UNUSUAL_SEGMENT.test(relative) ? matcher.regex.test(relative) : matcher.minimatch.match(relative);
}

/** Whether `path` (decoded, `/` separators) matches one of the `runpod.files` globs. */
export function matchesFileGlobs(path: string, globs: readonly string[]): boolean {
  const relative = path.replace(/^\/+/, '');
  for (const glob of globs) {
    if (!usable(glob)) continue;
    const matcher = matcherFor(glob);
    if (matcher && globMatches(matcher, relative)) return true;
  }
  return false;
}

/**
 * The kind of a file a `runpod.files` glob selected (or a `runpod.environments` glob declared:
 * environments/files.ts): `.runpod/hub.json` and `.runpod/tests.json` by their place, other
 * `.json`/`.jsonc` files as templates or pod bodies, `.toml` as runpod.toml, `.env` as env lines.
 * For another extension the language decides (JSON or TOML), else env lines.
 * @param path decoded, `/` separators ({@link uriPath})
 */
export function kindOfSelected(path: string, languageId: string): DocumentKind {
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
 * The globs are workspace-relative (package.json), so they match the file's path below `folder`,
 * its workspace folder (a path or URI; the command line's working directory): with a folder at
 * `/home/u/templates`, `templates/*.json` takes `templates/x.json` in it, not `x.json`. A file
 * outside its folder, or given none (a loose file), is matched by its whole path.
 * The one way every caller asks, the server, the extension and the command line alike.
 */
export function documentKindFor(languageId: string, uri: string, globs: readonly string[] = DEFAULT_FILE_GLOBS, folder?: string): DocumentKind | undefined {
  if (languageId === RUNPOD_ENV_LANGUAGE) return 'runpod-env';
  const path = uriPath(uri);
  if (isRunpodEnvFile(path)) return 'runpod-env';
  if (languageId === 'dotenv') return 'dotenv';
  // Worked out once per file, never per glob: the index classifies every file it walks (dbfb250).
  const inFolder = folder === undefined ? path : (folderGlobPath(path, folder) ?? path);
  return matchesFileGlobs(inFolder, globs) ? kindOfSelected(inFolder, languageId) : undefined;
}
