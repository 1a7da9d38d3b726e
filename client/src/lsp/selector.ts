/**
 * Which documents the language client hands to the server. Pure: built from the `runpod.files`
 * globs so the selector and the server's own file classification follow the same setting.
 */
import { servedFileGlobs, type EnvironmentDeclaration } from '../../../server/src/template/environments/index';
import { anchoredGlob, isUsableFileGlob, RUNPOD_ENV_FILE_GLOBS } from '../../../server/src/template/fileKinds';

/** A `vscode.DocumentFilter` as plain data. */
export interface DocumentFilterData {
  language?: string;
  scheme?: string;
  pattern?: string;
}

/**
 * The runpod-env language (files and unsaved buffers), VS Code's dotenv language, the RunPod env
 * file names and every `runpod.files` and `runpod.environments` glob on disk (a declared file is
 * served whatever its name). Globs carry no language: a `runpod.toml` opened as plain text (no
 * TOML extension installed) still gets checked. Untitled buffers have no path, so globs are file-only.
 */
export function buildDocumentSelector(files: readonly string[], environments: readonly EnvironmentDeclaration[] = []): DocumentFilterData[] {
  const selector: DocumentFilterData[] = [];
  for (const language of ['runpod-env', 'dotenv']) {
    selector.push({ scheme: 'file', language }, { scheme: 'untitled', language });
  }
  // VS Code matches a string `pattern` against the document's absolute path, so `deploy/*.json`
  // would match nothing; the server reads a relative glob as matching anywhere, and so must the
  // selector, or such files never reach the server.
  // The RunPod env file names too: the server serves them by name whatever language they open in.
  // Only the globs the server uses: VS Code matches a selector's pattern with its own backtracking
  // matcher, and a glob too long or too costly to match (globCost.ts) would stall it on every document.
  for (const pattern of new Set([...RUNPOD_ENV_FILE_GLOBS, ...servedFileGlobs(files, environments).filter(isUsableFileGlob)].map(anchoredGlob))) {
    if (pattern !== '') selector.push({ scheme: 'file', pattern });
  }
  return selector;
}
