/**
 * Which documents the server serves, and as what. Everything else is ignored, so the server never
 * takes over files that merely share a language (a project's `package.json`, a plain `.env`).
 */
import type { DocumentKind } from '../template/types';

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

/** Turns a glob (`*`, `**`, `?`) into a regular expression over a whole path or its tail. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches any number of folders, including none.
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // Workspace-relative globs arrive without the workspace folder: match them against the path's tail.
  return new RegExp(`(?:^|/)${source}$`);
}

/** The kind a user glob from `runpod.files` implies, by the file's extension. */
function kindByExtension(path: string): DocumentKind {
  if (/\.jsonc?$/i.test(path)) return 'runpod-json';
  if (/\.toml$/i.test(path)) return 'runpod-toml';
  return 'runpod-env';
}

/**
 * The document kind for an open document, or `undefined` when the server should ignore it.
 * `runpod-env` and `dotenv` come from the language id (plus the RunPod env file names, for editors
 * that give such files another language id); JSON and TOML files only when their path is one of the
 * RunPod file patterns or matches a glob from the `runpod.files` setting.
 */
export function documentKindFor(languageId: string, uri: string, extraGlobs: readonly string[] = []): DocumentKind | undefined {
  if (languageId === 'runpod-env') return 'runpod-env';
  const path = uriPath(uri);
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/\.runpod\.env$/i.test(name) || name === 'runpod.env' || /(^|\/)\.runpod\/[^/]*\.env$/.test(path)) return 'runpod-env';
  if (languageId === 'dotenv') return 'dotenv';
  if (/\.runpod\.json$/i.test(name)) return 'runpod-json';
  if (/(^|\/)\.runpod\/hub\.json$/.test(path)) return 'hub-json';
  if (/(^|\/)\.runpod\/tests\.json$/.test(path)) return 'tests-json';
  if (name === 'runpod.toml') return 'runpod-toml';
  for (const glob of extraGlobs) {
    if (typeof glob === 'string' && glob.length > 0 && glob.length < 500 && globToRegExp(glob).test(path)) return kindByExtension(path);
  }
  return undefined;
}
