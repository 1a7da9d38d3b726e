/**
 * Which documents the language client hands to the server. Pure: built from the `runpod.files`
 * and `runpod.environments` settings of each workspace folder, so the selector and the server's own
 * file classification follow the same settings.
 */
import { declaredFileGlobs, type EnvironmentDeclaration } from '../../../server/src/template/environments/index';
import { editorPatterns, folderPatterns, isFolderRelativeGlob, matchableGlobs, RUNPOD_ENV_FILE_GLOBS } from '../../../server/src/template/fileKinds';

/**
 * A document filter as the language client's options take it: the protocol's shape (the client
 * converts it with its protocol converter), so a relative pattern is `{ baseUri, pattern }` with the
 * folder's URI as a string (LSP 3.17 RelativePattern), never a `vscode.RelativePattern`.
 */
export interface DocumentFilterData {
  language?: string;
  scheme?: string;
  pattern?: string | { baseUri: string; pattern: string };
}

/** The settings of one workspace folder (its URI; undefined for a window with no folder). */
export interface SelectorScope {
  folder?: string;
  files: readonly string[];
  environments: readonly EnvironmentDeclaration[];
}

/**
 * The runpod-env language (files and unsaved buffers), VS Code's dotenv language, the RunPod env
 * file names, every `runpod.files` glob on disk (relative to its folder unless it starts with `**`)
 * and, relative to its folder, every glob of `runpod.environments` (a declared file is served
 * whatever its name). Globs carry no language: a
 * `runpod.toml` opened as plain text (no TOML extension installed) still gets checked. Untitled
 * buffers have no path, so globs are file-only.
 */
export function buildDocumentSelector(scopes: readonly SelectorScope[]): DocumentFilterData[] {
  const selector: DocumentFilterData[] = [];
  for (const language of ['runpod-env', 'dotenv']) {
    selector.push({ scheme: 'file', language }, { scheme: 'untitled', language });
  }
  // VS Code matches a string `pattern` against the document's absolute path, so `deploy/*.json`
  // would match nothing; the server reads a `runpod.files` glob as matching anywhere, and so must
  // the selector, or such files never reach the server (matchableGlobs anchors it with `**/`).
  // The RunPod env file names too: the server serves them by name whatever language they open in.
  // Only the globs the server uses: VS Code matches a selector's pattern with its own backtracking
  // matcher, and a glob too long or too costly to match (globCost.ts) would stall it on every document.
  // A window with no folder matches every `runpod.files` glob against the whole path, as the server does.
  // Braces expanded as the server expands them (editorPatterns): VS Code's matcher has no `{1..3}`.
  const anywhere = scopes.flatMap((s) => (s.folder === undefined ? s.files : s.files.filter((glob) => !isFolderRelativeGlob(glob))));
  for (const pattern of editorPatterns(matchableGlobs([...RUNPOD_ENV_FILE_GLOBS, ...anywhere]))) selector.push({ scheme: 'file', pattern });
  // Other globs are workspace-relative: anchored in the whole path, `deploy/**` would take every
  // file of a workspace that lies in a folder named `deploy` (the server matches the path below
  // the folder). A window with no folder has no declared globs.
  for (const { folder, files, environments } of scopes) {
    if (folder === undefined) continue;
    for (const pattern of folderPatterns(folder, [...files.filter(isFolderRelativeGlob), ...declaredFileGlobs(environments)])) selector.push({ scheme: 'file', pattern: { baseUri: folder, pattern } });
  }
  return selector;
}

/**
 * Whether a client started with the selector `started` must restart to serve by `now`: only when
 * they differ. A restart re-indexes the workspace, and an edit of `runpod.environments` that leaves
 * the selector alone (an environment's account) reaches the server as a configuration change.
 */
export function selectorChanged(started: readonly DocumentFilterData[] | undefined, now: readonly DocumentFilterData[]): boolean {
  return started !== undefined && JSON.stringify(started) !== JSON.stringify(now);
}
