/**
 * Which documents the language client hands to the server. Pure: built from the `runpod.files`
 * globs so the selector and the server's own file classification follow the same setting.
 */

/** A `vscode.DocumentFilter` as plain data. */
export interface DocumentFilterData {
  language?: string;
  scheme?: string;
  pattern?: string;
}

/**
 * The runpod-env language (files and unsaved buffers), VS Code's dotenv language, and every
 * `runpod.files` glob on disk. Globs carry no language: a `runpod.toml` opened as plain text (no
 * TOML extension installed) still gets checked. Untitled buffers have no path, so globs are file-only.
 */
export function buildDocumentSelector(files: readonly string[]): DocumentFilterData[] {
  const selector: DocumentFilterData[] = [];
  for (const language of ['runpod-env', 'dotenv']) {
    selector.push({ scheme: 'file', language }, { scheme: 'untitled', language });
  }
  for (const pattern of new Set(files.map(anywhere))) {
    if (pattern !== '') selector.push({ scheme: 'file', pattern });
  }
  return selector;
}

// VS Code matches a string `pattern` against the document's absolute path, so `deploy/*.json`
// would match nothing; the server reads a relative glob as matching anywhere (a leading `**`
// segment), and so must the selector, or such files never reach the server.
function anywhere(glob: string): string {
  const trimmed = glob.trim();
  if (trimmed === '' || trimmed.startsWith('/') || trimmed.startsWith('**/')) return trimmed;
  return `**/${trimmed}`;
}
