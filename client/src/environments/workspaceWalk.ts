/**
 * The RunPod files of a workspace folder, found as the language server's index and runpod-check
 * find them: every file below the folder except in the folders the index never walks (node_modules,
 * .git) or a `.gitignore` ignores (server/src/index/walk.ts FolderRules, the same rules object),
 * each judged by the index's classifier (environments/files.ts indexedFileKind) with the folder's
 * own `runpod.files` and `runpod.environments`. Symbolic links are never followed, as in the index.
 *
 * Why a walk here rather than the language server's answer or `findFiles`: `findFiles` knows
 * nothing of `.gitignore` (so Compare Environments offered a file the index and `runpod-check envs
 * compare` skip); the server's index answers only while a server runs, is partial during its first
 * walk and stops at 20,000 files, while Launch Pod and Compare need the whole answer now. The walk
 * is the index's rules through `vscode.workspace.fs`, so it reads what the editor reads (any file
 * system provider) and yields between folders. Every call is under the bound of every file read
 * (boundedRead.ts): a folder's listing, and its `.gitignore` (a `file:` folder's through the
 * index's own guarded read, asynchronous: readIndexedFileAsync). A folder on a mount that never
 * answers is said unlisted once the bound passes, a `.gitignore` that never answers counts as none,
 * and the folders of its area are refused at once while that call hangs, never a walk that waits forever.
 */
import * as vscode from 'vscode';
import { FolderRules, isGoneMeanwhile, isTooDeep, MAX_WALKED_ENTRIES } from '../../../server/src/index/walk';
import { readIndexedFileAsync } from '../../../server/src/index/readFile';
import { decodeFileText } from '../../../server/src/index/fileText';
import { MAX_GITIGNORE_BYTES } from '../../../server/src/template/workspace/gitignore';
import { indexedFileKind, type EnvironmentDeclaration } from '../../../server/src/template/environments/index';
import { normalizeFileGlobs } from '../../../server/src/template/fileKinds';
import { CONFIG_SECTION } from '../config';
import { MAX_WORKSPACE_FILE_BYTES } from '../fileLimits';
import { folderDeclarations } from '../runpodFiles';
import type { DocumentKind } from '../../../server/src/template/types';
import type { Listing } from './listingProgress';
import { readWithinWait } from '../boundedRead';
import { readPlace } from '../workspaceText';

/** A file the walk found, with its kind as the index reads it (indexedFileKind). */
export interface WalkedFile {
  uri: vscode.Uri;
  kind: DocumentKind;
}

export interface WalkedFolder {
  folder: vscode.WorkspaceFolder;
  /** The folder's `runpod.environments`, scoped to it (runpodFiles.ts folderDeclarations). */
  declarations: EnvironmentDeclaration[];
  /** The files the index would read, in walk order, each with its kind. */
  files: WalkedFile[];
  /** The walk stopped at its bound (MAX_WALKED_ENTRIES): some folders were not listed. */
  truncated: boolean;
  /** The first folder met deeper than the index walks (walk.ts MAX_WALKED_DEPTH, isTooDeep), not listed; undefined when none (as walk.ts WalkResult.deep). */
  deep: vscode.Uri | undefined;
  /**
   * Folders that could not be listed (permissions, an error of the file system, no answer in time): what they hold is
   * unknown, as the index's `unreadable` gap says. A folder gone meanwhile is not one (walk.ts isGoneMeanwhile).
   */
  unlisted: vscode.Uri[];
}

/**
 * The text of the folder `dir`'s `.gitignore` as the index reads it (its first 64 KiB, cut at a line
 * break: fileText.ts decodeFileText), or undefined when it has none that is a regular file (a link is
 * never read), or it did not answer within the bound of every read (boundedRead.ts): the folder's
 * listing answered; a folder below it in the same area is then refused and said unlisted.
 */
export async function readIgnore(dir: vscode.Uri): Promise<string | undefined> {
  const uri = vscode.Uri.joinPath(dir, '.gitignore');
  try {
    const read = await readWithinWait('folder .gitignore', readPlace(uri), () => (uri.scheme === 'file' ? readLocalIgnore(uri) : readRemoteIgnore(uri)));
    return read.kind === 'done' ? read.value : undefined;
  } catch {
    return undefined; // none, or gone meanwhile
  }
}

/**
 * A `file:` folder's `.gitignore`: always the index's own read (opened without following a link,
 * its prefix only), whatever its size: a stat then a read would follow a link swapped in between,
 * and `vscode.workspace.fs` reads whole files only.
 */
async function readLocalIgnore(uri: vscode.Uri): Promise<string | undefined> {
  const read = await readIndexedFileAsync(uri.fsPath, MAX_GITIGNORE_BYTES);
  return read.ok ? read.text : undefined;
}

/**
 * Another scheme's (a remote provider, a virtual file system) has no such read: a stat, then the
 * whole file when the extension reads one that large (2 MiB), else it counts as none.
 */
async function readRemoteIgnore(uri: vscode.Uri): Promise<string | undefined> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.type !== vscode.FileType.File || stat.size > MAX_WORKSPACE_FILE_BYTES) return undefined;
  const bytes = await vscode.workspace.fs.readFile(uri);
  return decodeFileText(bytes.subarray(0, MAX_GITIGNORE_BYTES), bytes.length > MAX_GITIGNORE_BYTES);
}

/**
 * The entries of the folder `dir`, within the bound of every read (boundedRead.ts): `unlisted` when
 * it could not be listed (an error, no answer in time, or refused behind a listing or read of its
 * area that has not answered), `gone` when it was deleted meanwhile (walk.ts isGoneMeanwhile),
 * `cancelled` on the user's Cancel.
 */
export async function listFolder(dir: vscode.Uri, token?: vscode.CancellationToken): Promise<[string, vscode.FileType][] | 'unlisted' | 'gone' | 'cancelled'> {
  try {
    const listed = await readWithinWait('folder listing', readPlace(dir), () => Promise.resolve(vscode.workspace.fs.readDirectory(dir)), token);
    return listed.kind === 'done' ? listed.value : listed.kind === 'cancelled' ? 'cancelled' : 'unlisted';
  } catch (error) {
    // Gone meanwhile: nothing there. Else its files may be RunPod files: named.
    return isGoneMeanwhile(error) ? 'gone' : 'unlisted';
  }
}

/** The rules of the walk of `folder`: the index's (FolderRules), the window's other folders walked on their own. */
export function walkRules(folder: vscode.WorkspaceFolder): FolderRules {
  // A file belongs to the innermost workspace folder (as in the index): nested folders walk on their own.
  return new FolderRules(folder.uri.path.replace(/\/+$/, ''), (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.path));
}

/**
 * Walks one workspace folder. Folders that cannot be listed are skipped, as the index skips them,
 * and named in `unlisted` unless gone meanwhile.
 * @param maxEntries the most directory entries looked at (the index's bound)
 * @param progress the user's Cancel, checked before each folder is listed (a cancelled walk ends with
 * what it found so far), and the count of folders listed (listingProgress.ts)
 */
export async function walkWorkspaceFolder(folder: vscode.WorkspaceFolder, maxEntries = MAX_WALKED_ENTRIES, progress?: Listing): Promise<WalkedFolder> {
  const globs = normalizeFileGlobs(vscode.workspace.getConfiguration(CONFIG_SECTION, folder.uri).get<unknown>('files'));
  const declarations = folderDeclarations(folder.uri);
  const rules = walkRules(folder);
  const root = rules.root;
  const files: WalkedFile[] = [];
  const unlisted: vscode.Uri[] = [];
  const pending: string[] = [''];
  let entries = 0;
  let deep: vscode.Uri | undefined;
  while (pending.length > 0 && !progress?.token.isCancellationRequested) {
    const relative = pending.pop()!;
    const dir = relative === '' ? folder.uri : vscode.Uri.joinPath(folder.uri, relative);
    const listing = await listFolder(dir, progress?.token);
    if (typeof listing === 'string') {
      if (listing === 'unlisted') unlisted.push(dir);
      continue;
    }
    progress?.folderListed();
    const hasIgnore = listing.some(([name, type]) => name === '.gitignore' && type === vscode.FileType.File);
    rules.load(relative, hasIgnore ? await readIgnore(dir) : undefined);
    for (const [name, type] of listing) {
      if (++entries > maxEntries) return { folder, declarations, files, truncated: true, unlisted, deep };
      const child = relative === '' ? name : `${relative}/${name}`;
      // Exact types: a link is File|SymbolicLink or Directory|SymbolicLink, and is never followed.
      if (type === vscode.FileType.Directory) {
        // Past the index's depth: not listed, as the index lists it not (a deep chain's rules cost its depth squared).
        if (rules.skipsFolder(child)) continue;
        if (isTooDeep(child)) deep ??= vscode.Uri.joinPath(folder.uri, child);
        else pending.push(child);
      } else if (type === vscode.FileType.File) {
        const kind = indexedFileKind(`${root}/${child}`, globs, declarations, root);
        if (kind !== undefined) files.push({ uri: vscode.Uri.joinPath(folder.uri, child), kind });
      }
    }
  }
  return { folder, declarations, files, truncated: false, unlisted, deep };
}
