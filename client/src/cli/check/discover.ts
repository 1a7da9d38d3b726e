/**
 * Which files `check` reads and as what DocumentKind. The kind is decided by ONE function per
 * situation (found while walking / named explicitly), so when issue 3 adds the JSON and TOML
 * readers to the core, those files are analyzed with no change here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DocumentKind } from '../../../../server/src/template/index';

/** Folders never walked into: dependencies and VCS data hold no templates of the user's. */
const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** The default file patterns, in the extension's terms (for help and docs). */
export const DEFAULT_PATTERNS = ['*.runpod.env', 'runpod.env', '.runpod/*.env', '*.runpod.json', '.runpod/hub.json', '.runpod/tests.json', 'runpod.toml'] as const;

/**
 * The kind of a file found while walking, by the default patterns; `undefined` = not a RunPod file.
 * @param filePath the file's path (absolute or relative), `/` or `\` separators
 */
export function kindForDiscovered(filePath: string): DocumentKind | undefined {
  const p = filePath.replace(/\\/g, '/');
  const name = p.slice(p.lastIndexOf('/') + 1);
  const parent = p.slice(0, Math.max(0, p.lastIndexOf('/')));
  const inDotRunpod = parent === '.runpod' || parent.endsWith('/.runpod');
  if (name.endsWith('.runpod.env') || name === 'runpod.env' || (inDotRunpod && name.endsWith('.env'))) return 'runpod-env';
  if (name.endsWith('.runpod.json')) return 'runpod-json';
  if (inDotRunpod && name === 'hub.json') return 'hub-json';
  if (inDotRunpod && name === 'tests.json') return 'tests-json';
  if (name === 'runpod.toml') return 'runpod-toml';
  return undefined;
}

/**
 * The kind of a file the user named: the default patterns first, then by name: `.env`, `.env.*`
 * and `*.env` are VS Code's dotenv (reference rules only, their syntax is not judged), JSON and
 * TOML by extension, anything else is read as a RunPod env file.
 */
export function kindForExplicit(filePath: string): DocumentKind {
  const known = kindForDiscovered(filePath);
  if (known) return known;
  const name = path.basename(filePath.replace(/\\/g, '/'));
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'dotenv';
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
export function discoverFiles(args: readonly string[], cwd: string): FoundFile[] {
  const found = new Map<string, FoundFile>();
  for (const arg of args.length > 0 ? args : ['.']) {
    const absolute = path.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new Error(`${arg}: no such file or folder`);
    }
    if (stat.isDirectory()) walk(absolute, cwd, found);
    else found.set(absolute, { absolute, display: displayPath(absolute, cwd), kind: kindForExplicit(absolute) });
  }
  return [...found.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}

function walk(dir: string, cwd: string, out: Map<string, FoundFile>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // unreadable folder (permissions): nothing of ours to check there
  }
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(absolute, cwd, out);
      continue;
    }
    const isFile = entry.isFile() || (entry.isSymbolicLink() && isFileTarget(absolute));
    if (!isFile) continue;
    // The absolute path, so `.runpod/x.env` is recognised even when the walk starts inside `.runpod`.
    const kind = kindForDiscovered(absolute);
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
