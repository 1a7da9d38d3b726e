/**
 * Which files `check` reads and as what DocumentKind: found while walking, by the same rule and
 * `runpod.files` globs as the language server (server/src/template/fileKinds.ts); named
 * explicitly, whatever the name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_FILE_GLOBS, documentKindFor, isDotenvFileName, RUNPOD_ENV_FILE_GLOBS } from '../../../../server/src/template/fileKinds';
import type { DocumentKind } from '../../../../server/src/template/index';

/** Folders never walked into: dependencies and VCS data hold no templates of the user's. */
const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** What is found while walking, for help: the RunPod env file names and the default globs. */
export const DEFAULT_PATTERNS = [...RUNPOD_ENV_FILE_GLOBS, ...DEFAULT_FILE_GLOBS].map((g) => g.replace(/^\*\*\//, ''));

/**
 * The kind of a file found while walking; `undefined` = not a RunPod file.
 * @param filePath the file's path (absolute or relative), `/` or `\\` separators
 * @param globs the `runpod.files` globs (`--files`), by default the setting's defaults
 */
export function kindForDiscovered(filePath: string, globs: readonly string[] = DEFAULT_FILE_GLOBS): DocumentKind | undefined {
  // No language id outside an editor: the file name and the globs decide.
  return documentKindFor('', filePath.replace(/\\/g, '/'), globs);
}

/**
 * The kind of a file the user named: the default patterns first, then by name: `.env`, `.env.*`
 * and `*.env` are VS Code's dotenv (reference rules only, their syntax is not judged), JSON and
 * TOML by extension, anything else is read as a RunPod env file.
 */
export function kindForExplicit(filePath: string, globs: readonly string[] = DEFAULT_FILE_GLOBS): DocumentKind {
  const known = kindForDiscovered(filePath, globs);
  if (known) return known;
  const name = path.basename(filePath.replace(/\\/g, '/'));
  if (isDotenvFileName(name)) return 'dotenv';
  if (/\.jsonc?$/i.test(name)) return 'runpod-json';
  if (/\.toml$/i.test(name)) return 'runpod-toml';
  return 'runpod-env';
}

export interface FoundFile {
  /** Absolute path, for reading. */
  absolute: string;
  /** Path as shown in output: relative to the working directory when inside it, `/` separators. */
  display: string;
  kind: DocumentKind;
}

/** How a path is shown: relative to `cwd` when below it, else absolute; always `/` separators. */
function displayPath(absolute: string, cwd: string): string {
  const rel = path.relative(cwd, absolute);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : absolute;
  return shown.split(path.sep).join('/');
}

/**
 * Expands the `check` arguments into files: a folder is walked (default patterns, skipping
 * node_modules/.git and symbolic links to folders, so a link loop cannot hang the walk), a file is
 * taken whatever its name. Sorted by display path and de-duplicated for stable output.
 * @throws Error naming the path when it does not exist
 */
export function discoverFiles(args: readonly string[], cwd: string, globs: readonly string[] = DEFAULT_FILE_GLOBS): FoundFile[] {
  const found = new Map<string, FoundFile>();
  for (const arg of args.length > 0 ? args : ['.']) {
    const absolute = path.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new Error(`${arg}: no such file or folder`);
    }
    if (stat.isDirectory()) walk(absolute, cwd, globs, found);
    else found.set(absolute, { absolute, display: displayPath(absolute, cwd), kind: kindForExplicit(absolute, globs) });
  }
  return [...found.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}

function walk(dir: string, cwd: string, globs: readonly string[], out: Map<string, FoundFile>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // unreadable folder (permissions): nothing of ours to check there
  }
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(absolute, cwd, globs, out);
      continue;
    }
    const isFile = entry.isFile() || (entry.isSymbolicLink() && isFileTarget(absolute));
    if (!isFile) continue;
    // The absolute path, so `.runpod/x.env` is recognised even when the walk starts inside `.runpod`.
    const kind = kindForDiscovered(absolute, globs);
    if (kind) out.set(absolute, { absolute, display: displayPath(absolute, cwd), kind });
  }
}

function isFileTarget(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
