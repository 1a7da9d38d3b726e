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
 * waits WORKSPACE_READ_WAIT_MS at most (boundedRead.ts, which also refuses at once a read where
 * one given up on still pends): a file system that never answers makes the file skipped, said as
 * such (`noAnswer`), never a feature that waits forever.
 * A refusal says why without a byte of the file.
 *
 * The repository names its files too: {@link fileLabel} is how a message names one.
 */
import * as vscode from 'vscode';
import { plainName } from './ui/plainName';
import { pathText } from '../../server/src/template/displayText';
import { decodeFileText } from '../../server/src/index/fileText';
// Shared with runpod-check's --template-file and --vars-file: larger files are not read.
import { MAX_WORKSPACE_FILE_BYTES } from './fileLimits';
import { bytesInWords } from '../../server/src/template/counts';
import { readRegularFileAsync } from './cli/fileRead';
import * as os from 'os';
import { NO_ANSWER_PROBLEM, readWithinWait, refusedProblem, type Bounded, type ReadPlace } from './boundedRead';
import type { CancelToken } from './waitRace';

/**
 * A file's text, or why it was not read; for a caller that must say what it did not see: `tooLarge`
 * past the limit, `noAnswer` its file system did not answer in time (boundedRead.ts), `cancelled`
 * the caller's token was.
 */
export type WorkspaceText = { ok: true; text: string } | { ok: false; problem: string; tooLarge?: true; noAnswer?: true; refused?: true; cancelled?: true };

/** The errors VS Code's file system reports as `NoPermissions`: a local file says so in its words. */
const DENIED = new Set(['EACCES', 'EPERM']);

const NOT_REGULAR = 'not a regular file (a folder, a device, a pipe or a link to one)';

function tooLarge(maxBytes: number): WorkspaceText {
  return { ok: false, problem: `larger than ${bytesInWords(maxBytes)}`, tooLarge: true };
}

/**
 * The text of `uri`, or why it was not read (`larger than 2 MiB`, `not a regular file`, `unreadable (FileNotFound)`,
 * NO_ANSWER_PROBLEM).
 * @param maxBytes the largest file read: MAX_WORKSPACE_FILE_BYTES for a file sent to RunPod or shown;
 *   Find Usages' own search reads as the workspace index does (ANALYSIS_LIMIT)
 * @param token ends the wait for the read at once (Find Usages' Cancel)
 */
export async function readWorkspaceText(uri: vscode.Uri, maxBytes = MAX_WORKSPACE_FILE_BYTES, token?: CancelToken): Promise<WorkspaceText> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return { ok: true, text: open.getText() };
  const read = await readWithinWait(`workspace text, at most ${maxBytes} bytes`, readPlace(uri), () => (uri.scheme === 'file' ? localText(uri.fsPath, maxBytes) : otherText(uri, maxBytes)), token);
  if (read.kind === 'done') return read.value;
  if (read.kind === 'noAnswer') return { ok: false, problem: NO_ANSWER_PROBLEM, noAnswer: true };
  if (read.kind === 'refused') return { ok: false, problem: notReadProblem(read), refused: true };
  return { ok: false, problem: 'cancelled', cancelled: true };
}

/**
 * `read()` of the file at `uri` within the bound of every file read of the extension host
 * (boundedRead.ts): its value, else `notRead` of why, in boundedRead's words. For a reader that
 * passes on only why (From file…'s value, the RunPod CLI config), not which way the read ended.
 */
export async function readOrProblem<T, U>(reader: string, uri: vscode.Uri, read: () => Promise<T>, notRead: (problem: string) => U): Promise<T | U> {
  const bounded = await readWithinWait(reader, readPlace(uri), read);
  return bounded.kind === 'done' ? bounded.value : notRead(notReadProblem(bounded));
}

/** Why a bounded read gave no value, in the words of boundedRead.ts, the file it waits behind named as a message names it. */
function notReadProblem(read: Exclude<Bounded<unknown>, { kind: 'done' }>): string {
  if (read.kind === 'refused') return refusedProblem(fileLabel(vscode.Uri.parse(read.stuck.path)), read.sameArea);
  return read.kind === 'cancelled' ? 'cancelled' : NO_ANSWER_PROBLEM;
}

/**
 * Where `uri` is for boundedRead.ts. Local reads share libuv's threads (pool `file`); another
 * file system, its scheme and authority. Reads of one workspace folder, or else of one top
 * directory (`/mnt`, a remote's `/srv`), likely share a mount, so one that hangs makes the others
 * wait. Where that is too broad (a folder that is the home folder or the root; outside folders, a
 * top directory that holds mounts or homes, or a Windows drive), the area is one folder deeper.
 */
export function readPlace(uri: vscode.Uri): ReadPlace {
  const pool = uri.scheme === 'file' ? 'file' : `${uri.scheme}://${uri.authority}`;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const segments = (path: string) => path.split('/').filter((segment) => segment !== '');
  if (folder) {
    const base = folder.uri.toString().replace(/\/$/, '');
    const within = segments(uri.path).slice(segments(folder.uri.path).length);
    const deeper = within.length > 1 && isBroadFolder(folder.uri);
    return { pool, area: deeper ? `${base}/${within[0]}` : base, path: uri.toString() };
  }
  const all = segments(uri.path);
  const depth = all.length > 2 && (MOUNT_TOPS.has(all[0]) || /^[a-z]:$/i.test(all[0])) ? 2 : 1;
  return { pool, area: `${uri.scheme}://${uri.authority}/${all.slice(0, depth).join('/')}`, path: uri.toString() };
}

/** Top directories whose folders are separate mounts or homes. */
const MOUNT_TOPS = new Set(['home', 'mnt', 'Volumes', 'media', 'Users']);

/** A workspace folder whose folders are likely separate mounts: the root, a drive's root, or the home folder. */
function isBroadFolder(folder: vscode.Uri): boolean {
  const path = folder.path.replace(/\/$/, '');
  if (path === '' || /^\/[a-z]:$/i.test(path)) return true;
  return folder.scheme === 'file' && folder.fsPath.replace(/[\\/]$/, '') === os.homedir().replace(/[\\/]$/, '');
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
