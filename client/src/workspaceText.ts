/**
 * The one way the extension reads a workspace file's text for a feature (Launch Pod's template and
 * env files, Deploy Endpoint's, Compare Environments', Find Usages' own search): an open editor's
 * text first (what the user sees, unsaved changes included), else the file, only when it is a
 * regular file (a link to one counts) of at most MAX_WORKSPACE_FILE_BYTES (a file sent to
 * RunPod or shown; Find Usages' search reads up to the index's limit, ANALYSIS_LIMIT), decoded as the
 * editor decodes it (fileText.ts: by its byte order mark), so offsets agree with the open document's.
 *
 * A hostile repository can plant a 5 GB sparse `x.runpod.json`, a link to /dev/zero or a FIFO: read
 * whole they exhaust the extension host's memory or never end. VS Code's file search leaves devices
 * and FIFOs out, but a file picked in the explorer, or replaced between the search and the read,
 * reaches here all the same. A local (`file:`) file is read by the command line's rules
 * (readRegularFile): one handle opened without blocking, its own fstat, at most `maxBytes + 1` bytes
 * read, so neither a FIFO nor a file swapped or grown after a stat gets past the check; read
 * asynchronously (readRegularFileAsync), since the extension host is shared: Find Usages reads up to
 * 2,000 files of up to 16 MiB, and a file on a hung mount must not stop every other extension. Another scheme
 * (a remote or virtual file system) has only `vscode.workspace.fs`: a stat, then a read. Either
 * waits WORKSPACE_READ_WAIT_MS at most: a file system that never answers makes the file skipped,
 * said as such (`noAnswer`), never a feature that waits forever.
 * A refusal says why without a byte of the file.
 *
 * The repository names its files too: {@link fileLabel} is how a message names one.
 */
import * as vscode from 'vscode';
import { plainName } from './ui/plainName';
import { pathText } from '../../server/src/template/displayText';
import { decodeFileText } from '../../server/src/index/fileText';
// Shared with runpod-check's --template-file and --vars-file: larger files are not read.
import { formatBytes, MAX_WORKSPACE_FILE_BYTES, WORKSPACE_READ_WAIT_MS } from './fileLimits';
import { readRegularFileAsync } from './cli/fileRead';

/**
 * A file's text, or why it was not read; for a caller that must say what it did not see: `tooLarge`
 * past the limit, `noAnswer` its file system did not answer within WORKSPACE_READ_WAIT_MS.
 */
export type WorkspaceText = { ok: true; text: string } | { ok: false; problem: string; tooLarge?: true; noAnswer?: true };

/** The errors VS Code's file system reports as `NoPermissions`: a local file says so in its words. */
const DENIED = new Set(['EACCES', 'EPERM']);

const NOT_REGULAR = 'not a regular file (a folder, a device, a pipe or a link to one)';

function tooLarge(maxBytes: number): WorkspaceText {
  return { ok: false, problem: `larger than ${formatBytes(maxBytes)}`, tooLarge: true };
}

/**
 * The text of `uri`, or why it was not read (`larger than 2 MiB`, `not a regular file`, `unreadable (FileNotFound)`,
 * `no answer within 20 s (…)`).
 * @param maxBytes the largest file read: MAX_WORKSPACE_FILE_BYTES for a file sent to RunPod or shown;
 *   Find Usages' own search reads as the workspace index does (ANALYSIS_LIMIT)
 */
export async function readWorkspaceText(uri: vscode.Uri, maxBytes = MAX_WORKSPACE_FILE_BYTES): Promise<WorkspaceText> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return { ok: true, text: open.getText() };
  return withinWait(uri.scheme === 'file' ? localText(uri.fsPath, maxBytes) : otherText(uri, maxBytes));
}

const NO_ANSWER: WorkspaceText = {
  ok: false,
  problem: `no answer within ${WORKSPACE_READ_WAIT_MS / 1000} s (a file system that does not answer, such as a dead network mount)`,
  noAnswer: true,
};

/** `read`, or NO_ANSWER once WORKSPACE_READ_WAIT_MS passed (the read left to end, or not, on its own). */
async function withinWait(read: Promise<WorkspaceText>): Promise<WorkspaceText> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<WorkspaceText>((resolve) => {
    timer = setTimeout(() => resolve(NO_ANSWER), WORKSPACE_READ_WAIT_MS);
  });
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A file of another scheme: `vscode.workspace.fs` only, a stat then a read. */
async function otherText(uri: vscode.Uri, maxBytes: number): Promise<WorkspaceText> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.type & vscode.FileType.File) === 0) return { ok: false, problem: NOT_REGULAR };
    if (stat.size > maxBytes) return tooLarge(maxBytes);
    return { ok: true, text: decodeFileText(await vscode.workspace.fs.readFile(uri)) };
  } catch (error) {
    return { ok: false, problem: `unreadable (${error instanceof vscode.FileSystemError ? error.code : 'error'})` };
  }
}

/** A local file read through one opened handle (readRegularFileAsync), refused in readWorkspaceText's words. */
async function localText(path: string, maxBytes: number): Promise<WorkspaceText> {
  const read = await readRegularFileAsync(path, maxBytes);
  if (read.ok) return { ok: true, text: read.text };
  switch (read.refusal) {
    case 'too-large':
      return tooLarge(maxBytes);
    case 'folder':
    case 'special':
      return { ok: false, problem: NOT_REGULAR };
    case 'missing':
      // VS Code's name for it, as a read through vscode.workspace.fs says it.
      return { ok: false, problem: 'unreadable (FileNotFound)' };
    default:
      return { ok: false, problem: `unreadable (${read.code !== undefined && DENIED.has(read.code) ? 'NoPermissions' : (read.code ?? 'error')})` };
  }
}

/**
 * A workspace file as a message names it: its workspace-relative path made plain (plainName), so
 * a file named `[Fix](command:...)` forms no link in a notification and an escape sequence in a
 * name shows as text; a line break shows as its escape, never a space (the path rule, pathText).
 */
export function fileLabel(uri: vscode.Uri): string {
  return plainName(pathText(vscode.workspace.asRelativePath(uri)));
}
