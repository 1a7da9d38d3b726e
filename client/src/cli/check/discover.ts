/**
 * Which files `check` reads and as what DocumentKind: found while walking, by the same rule and
 * `runpod.files` globs as the language server (server/src/template/fileKinds.ts) and skipping the
 * folders its workspace index skips (server/src/index/walk.ts FolderRules: node_modules, .git and
 * `.gitignore`d folders); named explicitly, whatever the name and wherever it is.
 */
import { pathText } from '../../../../server/src/template/displayText';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DEFAULT_FILE_GLOBS,
  diskFileKind,
  documentKindFor,
  folderGlobPath,
  isDotenvFileName,
  isUsableFileGlob,
  RUNPOD_ENV_FILE_GLOBS,
  UNUSABLE_GLOB_REASON,
  kindOfSelected,
} from '../../../../server/src/template/fileKinds';
import type { DocumentKind } from '../../../../server/src/template/index';
import { declaredOrNamedKind, type EnvironmentDeclaration } from '../../../../server/src/template/environments/index';
import { FolderRules, isGoneMeanwhile, isTooDeep, loadFolderIgnore, TOO_DEEP_ONE, tooDeepNotice } from '../../../../server/src/index/walk';
import { gitignoreRemedy } from '../../../../server/src/index/limits';
import { unlistableFolder, unreadableFile } from './readFound';
import { indexedFileStamp } from '../../../../server/src/index/readFile';

/** What is found while walking, for help: the RunPod env file names and the default globs. */
export const DEFAULT_PATTERNS = [...RUNPOD_ENV_FILE_GLOBS, ...DEFAULT_FILE_GLOBS].map((g) => g.replace(/^\*\*\//, ''));

/**
 * The kind of a file found while walking; `undefined` = not a RunPod file.
 * @param filePath the file's path (absolute or relative), `/` or `\\` separators
 * @param globs the `runpod.files` globs (`--files`), by default the setting's defaults
 * @param folder what the globs are relative to (the working directory, standing for the workspace
 *   folder): a file below it is matched by its path there, any other by its whole path
 */
export function kindForDiscovered(filePath: string, globs: readonly string[] = DEFAULT_FILE_GLOBS, folder?: string): DocumentKind | undefined {
  // No language id outside an editor: the file name and the globs decide.
  return documentKindFor('', filePath.replace(/\\/g, '/'), globs, folder);
}

/**
 * The kind of a file the user named: the globs first, then by name: `.env`, `.env.*`
 * and `*.env` are VS Code's dotenv (reference rules only, their syntax is not judged); the rest as
 * a `runpod.files` file is read (kindOfSelected: hub and tests files by their place, JSON and TOML
 * by extension, anything else as a RunPod env file).
 */
export function kindForExplicit(filePath: string, globs: readonly string[] = DEFAULT_FILE_GLOBS): DocumentKind {
  const known = kindForDiscovered(filePath, globs);
  if (known) return known;
  const slashed = filePath.replace(/\\/g, '/');
  // As a runpod.files glob's file is read (fileKinds.ts kindOfSelected), but dotenv names stay dotenv.
  return isDotenvFileName(path.basename(slashed)) ? 'dotenv' : kindOfSelected(slashed, '');
}

export interface FoundFile {
  /** Absolute path to read: for a symbolic link, its resolved target (checked to be inside the root). */
  absolute: string;
  /** Path as shown in output: relative to the working directory when inside it, `/` separators. */
  display: string;
  kind: DocumentKind;
}

/** A path the walk did not read, and why (never anything of its content). */
export interface SkippedPath {
  display: string;
  /** Why, in a few words: said beside the path. */
  reason: string;
  /** What to do about it, when it is long and the same for many paths: said once after them all (namedPaths.ts skippedNote). */
  remedy?: string;
}

/** How discoverFiles walks and what it does with a path named that cannot be taken (see there). */
export interface DiscoverOptions {
  dotenv?: boolean;
  declared?: readonly EnvironmentDeclaration[];
  maxEntries?: number;
  keepGoing?: boolean;
  refuseEmptyFolders?: boolean;
  /** A folder below a folder walked that is not walked (the home folder: environmentVars.ts walkRoot), as its path there. */
  leaveOut?: string | undefined;
}

export interface Discovery {
  files: FoundFile[];
  skipped: SkippedPath[];
  /** Paths named that could not be taken, with `keepGoing` (each `display` as typed, `reason` the whole refusal). */
  refused?: SkippedPath[];
  /** The walk stopped at `maxEntries`: the folders past it were not listed. */
  truncated?: true;
}

/** How a path is shown: relative to `cwd` when below it, else absolute; always `/` separators. */
function displayPath(absolute: string, cwd: string): string {
  const rel = path.relative(cwd, absolute);
  const shown = rel && !isOutside(rel) ? rel : absolute;
  return shown.split(path.sep).join('/');
}

/**
 * The path `--environment` globs are matched against, and files grouped by, for a file shown as
 * `display`: as `runpod.environments` in the editor, its path below the working directory as the
 * globs see it (fileKinds.ts folderGlobPath: `.runpod/` in front in a folder named `.runpod`), else
 * (outside the working directory) as shown.
 */
export function environmentPath(display: string, cwd: string): string {
  return folderGlobPath(path.resolve(cwd, display), cwd) ?? display;
}

/** True when a relative path climbs out of its base (`..`, `../x`), not for a name like `..x`. */
function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}

/** True when `target` (a real path) is `root` or below it. */
export function isInside(root: string, target: string): boolean {
  return !isOutside(path.relative(root, target));
}

const OUTSIDE = 'a symbolic link to outside the checked folder';
const LINK = 'a symbolic link, not followed while walking, as in the editor; name it to check it';
const BROKEN = 'a symbolic link that leads nowhere (missing target or a loop)';
const SPECIAL = 'not a regular file (a device, a pipe or a socket)';
/** A folder named in which nothing is found: CI that checks nothing must not pass (eslint's "No files matching"). */
const EMPTY_FOLDER = `no RunPod file found in it (the names looked for are in --help: name a file to read it whatever its name, or pass --files GLOB)`;
/** A path named that does not exist and looks like a pattern: the shell left it as typed. */
const UNMATCHED_PATTERN = 'no such file or folder (a pattern left as typed: nothing matched it, or the shell does not expand patterns; name the folder instead, its files are found by name)';
/**
 * A folder below the depth the editor's index walks (walk.ts MAX_WALKED_DEPTH; a deep chain's ignore
 * rules cost its depth squared) is named with the bound in a few words (walk.ts TOO_DEEP_ONE); the
 * bound and its fixes are said once per run after the deep paths (walk.ts tooDeepNotice): .gitignore
 * in the command line's words (--files, not the editor's setting), then its own fixes, not the
 * editor's "open a smaller folder": depth counts from the folder walked (a folder named is its own
 * root, as a workspace folder opened on it is, else the working directory), so a folder named nearer it is checked.
 */
const TOO_DEEP_REMEDY = tooDeepNotice(undefined, undefined, `${gitignoreRemedy('cli')}, or name a folder nearer a deep one, or its files, to check them: runpod-check counts depth from the folder it walks`);
const NOT_UTF8 = 'its name is not valid UTF-8, so it cannot be opened by the name shown; rename it to check it';

/**
 * Expands the `check` arguments into files. A folder is walked (default patterns), skipping the
 * folders the editor's workspace index skips: node_modules, .git and folders a `.gitignore` ignores,
 * the working directory standing for the editor's workspace folder (see {@link ignoreRulesFor}); its
 * depth bound counts from the folder walked, a folder named being its own root (TOO_DEEP_REMEDY), so a
 * folder named however deep is walked. `check sub` goes as deep as the editor opened on `sub`, but
 * it is not the same walk: the `.gitignore` files between the working directory and `sub` still
 * apply, where the editor opened on `sub` reads none above it.
 * A file or folder named is taken even when ignored, as `git add -f` takes it: the user asked for
 * it (inside a named folder, ignored folders are still skipped). A repository controls its symbolic links,
 * so a walk never follows one, to a file or a folder, as the editor's index does not (walk.ts): a
 * link inside leads to a file the walk finds under its own path anyway, a loop cannot hang it, and
 * `runpod.env -> ~/.git-credentials` is never read. A link with a RunPod file's name is said to be
 * skipped, and why. A link named on the command line is followed only to a regular file inside the
 * root (the working directory it is in, else its own folder). FIFOs, devices and sockets are never opened.
 * Sorted by display path and de-duplicated for stable output.
 * @param options.dotenv also find `.env` files while walking, as the editor's workspace index does
 *   (`check` and `secrets usage`: their references count in the editor's Problems and usages)
 * @param options.declared `--environment` declarations: a file one of them matches (by its
 *   {@link environmentPath}) is read whatever its name, by the rule the editor's index reads declared files by (declaredOrNamedKind)
 * @param options.keepGoing a path named that does not exist or cannot be taken is put in `refused`
 *   and the others are still taken (`check a.env b.env`: one bad name must not hide the other's findings)
 * @param options.refuseEmptyFolders a folder named (not the default `.`) in which the walk finds no
 *   file is refused as a path that cannot be taken: `check deploy/` with a typo must not pass CI
 * @throws Error naming the path when it does not exist or cannot be taken (without keepGoing), or the position of a glob that cannot be used
 */
export function discoverFiles(
  args: readonly string[],
  cwd: string,
  globs: readonly string[] = DEFAULT_FILE_GLOBS,
  options: DiscoverOptions = {},
): Discovery {
  // A glob the editor would leave out is an error here: the user typed it and expects it to count.
  const unusable = globs.findIndex((glob) => !isUsableFileGlob(glob));
  if (unusable >= 0) throw new Error(`--files glob ${unusable + 1} cannot be used: ${UNUSABLE_GLOB_REASON}`);
  // The globs are relative to the working directory, as the editor's to the workspace folder.
  const byName = options.dotenv ? (file: string) => diskFileKind(file.replace(/\\/g, '/'), globs, cwd) : (file: string) => kindForDiscovered(file, globs, cwd);
  const declared = options.declared ?? [];
  const kindOf = declared.length === 0 ? byName : (file: string) => declaredOrNamedKind(environmentPath(displayPath(file, cwd), cwd), byName(file), declared);
  const found = new Map<string, FoundFile>();
  const skipped: SkippedPath[] = [];
  const refused: SkippedPath[] = [];
  // Every return goes through here, so no way out can drop what was refused (past the bound no
  // file is given: part of a walk would group environments differently by listing order).
  const result = (truncated: boolean): Discovery => ({
    files: truncated ? [] : [...found.values()].sort(byDisplay),
    skipped: truncated ? [] : skipped.sort(byDisplay),
    ...(refused.length > 0 ? { refused } : {}),
    ...(truncated ? { truncated: true as const } : {}),
  });
  const refuse = (arg: string, reason: string): void => {
    if (!options.keepGoing) throw new Error(`${pathText(arg)}: ${reason}`);
    refused.push({ display: arg, reason });
  };
  for (const arg of args.length > 0 ? args : ['.']) {
    const absolute = path.resolve(cwd, arg);
    let real: string;
    let stat: fs.Stats;
    try {
      fs.lstatSync(absolute);
    } catch {
      refuse(arg, /[*?[{]/.test(arg) ? UNMATCHED_PATTERN : 'no such file or folder');
      continue;
    }
    try {
      real = fs.realpathSync(absolute);
      stat = fs.statSync(real);
    } catch {
      refuse(arg, BROKEN);
      continue;
    }
    if (stat.isDirectory()) {
      const { rules, relative } = ignoreRulesFor(absolute, cwd);
      const w: Walk = { root: real, named: relative, cwd, rules, kindOf, out: found, skipped, left: options.maxEntries ?? Infinity, taken: 0, leaveOut: options.leaveOut };
      const listed = walk(w, absolute, relative);
      if (w.left < 0) return result(true);
      // Named and not listed: "0 files checked" would pass a CI run that checked nothing.
      if (listed !== true) refuse(arg, unlistableFolder(listed.code));
      else if (w.taken === 0 && args.length > 0 && options.refuseEmptyFolders) refuse(arg, EMPTY_FOLDER);
      continue;
    }
    // The root of a named file: the working directory when the name is inside it, else its folder.
    const lexicalRoot = isInside(cwd, absolute) ? cwd : path.dirname(absolute);
    if (!isInside(realpathOr(lexicalRoot), real)) {
      refuse(arg, `${OUTSIDE}, not read`);
      continue;
    }
    if (!stat.isFile()) {
      refuse(arg, SPECIAL);
      continue;
    }
    // Named and not readable (mode 000): as a named folder not listed, never "0 files checked".
    const look = indexedFileStamp(real);
    if (!look.ok) {
      refuse(arg, unreadableFile(look.code));
      continue;
    }
    found.set(absolute, { absolute: real, display: displayPath(absolute, cwd), kind: kindForExplicit(absolute, globs) });
  }
  return result(false);
}

/** Stable output: by the path shown, code unit order (not locale). */
function byDisplay(a: { display: string }, b: { display: string }): number {
  return a.display < b.display ? -1 : a.display > b.display ? 1 : 0;
}

/** A path's real path (links resolved), or the path itself when it cannot be resolved (gone, unreadable). */
export function realpathOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/** A path with `/` separators, as FolderRules takes them. */
function slashed(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * The `.gitignore` rules for walking the folder `absolute`, and its path relative to their root.
 * The editor's index reads the ignore files of a workspace folder from its top; here the working
 * directory stands for that folder when `absolute` is in it (`check deploy/` run at the top of the
 * repository skips what the editor skips there), so the ignore files of the folders between are
 * read first. A folder outside the working directory is its own root.
 */
function ignoreRulesFor(absolute: string, cwd: string): { rules: FolderRules; relative: string } {
  const root = isInside(cwd, absolute) ? cwd : absolute;
  const rules = new FolderRules(slashed(root));
  const relative = slashed(path.relative(root, absolute));
  let at = '';
  for (const segment of relative === '' ? [] : relative.split('/')) {
    const folder = path.join(root, at);
    try {
      loadFolderIgnore(rules, at, folder, fs.readdirSync(folder, { withFileTypes: true }));
    } catch {
      // An unreadable folder above the one walked: its rules are unknown, as the index's would be.
    }
    at = at === '' ? segment : `${at}/${segment}`;
  }
  return { rules, relative };
}

/** What one walk shares: the real path of its folder, the ignore rules, where results go. */
interface Walk {
  /** The real path of the folder named: a skipped link is said to lead out of it or not. */
  root: string;
  /** The folder named, by its path below the rules' root (`''`: it is the root): depth counts from it (TOO_DEEP_REMEDY). */
  named: string;
  cwd: string;
  rules: FolderRules;
  kindOf: (file: string) => DocumentKind | undefined;
  out: Map<string, FoundFile>;
  skipped: SkippedPath[];
  /** The entries still to be walked (MAX_WALKED_ENTRIES for a caller that bounds it); below 0, the walk stopped. */
  left: number;
  /** The files this walk found (one found by an earlier walk too counts: the folder has files). */
  taken: number;
  /** DiscoverOptions.leaveOut: a folder not walked, said nowhere (it is no part of what was asked). */
  leaveOut?: string | undefined;
}

/**
 * Walks `dir` (whose real path is below the walk's root, or is it; `relative` is its path below the
 * rules' root). No link is followed. A folder below it that cannot be listed is named in `skipped`;
 * `dir` itself, when it cannot be, is the caller's to say (returns its error code and whether it is gone meanwhile, walk.ts isGoneMeanwhile; else true). Only entries that would be checked (their name matches the
 * patterns) are reported when skipped, links among them, and links to folders outside the root
 * that are not ignored, so a note names what the user might have expected to be checked.
 */
function walk(w: Walk, dir: string, relative: string): true | { code: string | undefined; gone: boolean } {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    return { code: (error as NodeJS.ErrnoException).code, gone: isGoneMeanwhile(error) };
  }
  loadFolderIgnore(w.rules, relative, dir, entries);
  for (const entry of entries) {
    if (--w.left < 0) return true;
    const absolute = path.join(dir, entry.name);
    const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      if (w.rules.skipsFolder(childRelative) || absolute === w.leaveOut) continue;
      if (isTooDeep(w.named === '' ? childRelative : childRelative.slice(w.named.length + 1))) {
        w.skipped.push({ display: displayPath(absolute, w.cwd), reason: TOO_DEEP_ONE, remedy: TOO_DEEP_REMEDY });
        continue;
      }
      const listed = walk(w, absolute, childRelative);
      // Gone since its parent was listed: nothing there to check. Else its files may hold findings: said.
      if (listed !== true && !listed.gone) w.skipped.push({ display: displayPath(absolute, w.cwd), reason: unlistableFolder(listed.code) });
      continue;
    }
    // The absolute path, so `.runpod/x.env` is recognised even when the walk starts inside `.runpod`.
    const kind = w.kindOf(absolute);
    const display = (): string => displayPath(absolute, w.cwd);
    // A name that is not UTF-8 is listed with U+FFFD in it, and that name opens nothing: without
    // this the file was reported as one that does not exist.
    if (kind && entry.name.includes('\uFFFD') && !fs.existsSync(absolute)) {
      w.skipped.push({ display: display(), reason: NOT_UTF8 });
      continue;
    }
    if (entry.isFile()) {
      if (kind) {
        w.out.set(absolute, { absolute, display: display(), kind });
        w.taken++;
      }
      continue;
    }
    if (!entry.isSymbolicLink()) {
      if (kind) w.skipped.push({ display: display(), reason: SPECIAL });
      continue;
    }
    let real: string;
    let stat: fs.Stats;
    try {
      real = fs.realpathSync(absolute);
      stat = fs.statSync(real);
    } catch {
      if (kind) w.skipped.push({ display: display(), reason: BROKEN });
      continue;
    }
    const inside = isInside(w.root, real);
    if (stat.isDirectory()) {
      if (!inside && !w.rules.skipsFolder(childRelative)) w.skipped.push({ display: display(), reason: `${OUTSIDE} (a folder)` });
      continue;
    }
    if (kind) w.skipped.push({ display: display(), reason: !inside ? OUTSIDE : !stat.isFile() ? SPECIAL : LINK });
  }
  return true;
}
