/**
 * Where a secret is referenced: RunPod files in the workspace and the account's resources. Files
 * come from the language server's index; when it cannot answer, this window reads the files the
 * server would index itself, as the walk of every other listing finds them (workspaceWalk.ts: the
 * `runpod.files` files, the files `runpod.environments` declares, dotenv files, by the index's
 * rules), and open editors, with the pure finder of secrets/references.ts. The walk, not a
 * `findFiles` search, because only a walk knows the folders it could not list: they are named
 * as every listing names them (unlistedFolders.ts), since a use there is missing from the list.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { accountUsesOf } from '../secrets/accountUsages';
import { findReferencesInFile, type FileUsage, type SecretUsages } from '../secrets/references';
import { filesFromLocations, parseSecretUsages } from '../secrets/workspaceIndex';
import { deepFolderOf, filesGapOf, readGap } from '../secrets/indexGap';
import { runpodFileKinds } from '../runpodFiles';
import { findEnvironments } from '../environments/workspaceFiles';
import { withListingProgress } from '../environments/listingProgress';
import { fileLabel, readWorkspaceText } from '../workspaceText';
import type { RunpodLog } from '../services';
import { ANALYSIS_LIMIT } from '../../../server/src/template/analyze';

const MAX_FILES = 2000;

/**
 * Where `name` is used: workspace files from the language server's index (this window's own search
 * when the index cannot answer: no server, or one without the index) and the account's templates,
 * Pods and endpoints. Never throws: a part that fails says why in the result.
 * @param options.fresh list the account now, not from the cache (before a decision such as a delete)
 */
export async function findSecretUsages(services: Services, name: string, options: { fresh?: boolean } = {}): Promise<SecretUsages> {
  const [files, account] = await Promise.all([workspaceUsages(services, name), services.lifecycle.account.snapshot({ fresh: options.fresh === true })]);
  const { uses, unchecked } = accountUsesOf(account, name);
  return { ...files, account: uses, accountUnchecked: unchecked };
}

async function workspaceUsages(services: Services, name: string): Promise<Pick<SecretUsages, 'files' | 'filesGap' | 'deepFolder' | 'unlisted'>> {
  const indexed = await indexedFileUsages(services, name);
  if (indexed) return indexed;
  const searched = await findInFiles(name, services.log);
  const gap = searched.stopped ? 'stopped' : searched.truncated ? 'search' : readGap(searched.unanswered, searched.partial);
  return { files: searched.files, ...(gap ? { filesGap: gap } : {}), ...(searched.unlisted.length > 0 ? { unlisted: searched.unlisted } : {}) };
}

/**
 * The workspace files using `name` as the language server's index answers them; undefined when it
 * cannot answer (no server, or one without the index) or answers in an unexpected shape (logged).
 * Cheap (no walk, no progress): View Secret asks it again on each `runpod/usagesChanged`.
 */
export async function indexedFileUsages(services: Services, name: string): Promise<Pick<SecretUsages, 'files' | 'filesGap' | 'deepFolder'> | undefined> {
  try {
    const result = parseSecretUsages(await services.lifecycle.index.secretUsages({ names: [name], withLocations: true }));
    if (result) {
      const files = filesFromLocations(result.usages[name]?.locations ?? [], (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri)));
      const gap = filesGapOf(result);
      return gap ? { files, filesGap: gap, ...deepFolderOf(result) } : { files };
    }
    services.log.warn('The language server answered runpod/secretUsages in an unexpected shape; searching the workspace instead.');
  } catch {
    // No index to ask: the caller searches instead, or keeps what it has.
  }
  return undefined;
}

/**
 * The search's files; `truncated`: past its file count, or the walk past its bound; `stopped`: the
 * walk cancelled or failed (only open documents searched); `partial`: a
 * file was read only in part (references.ts `readInPart`) or not at all for its size; `unanswered`: a
 * file's read did not finish in time (boundedRead.ts); `unlisted`:
 * the folders the walk could not list (workspaceFiles.ts WorkspaceEnvironments.unlisted).
 */
async function findInFiles(name: string, log: Pick<RunpodLog, 'warn'>): Promise<{ files: FileUsage[]; truncated: boolean; stopped: boolean; partial: boolean; unanswered: boolean; unlisted: string[] }> {
  // Open editors first: their unsaved text is what the user sees.
  const open = new Map<string, vscode.TextDocument>();
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.uri.scheme === 'runpod-secret') continue;
    open.set(doc.uri.toString(), doc);
  }
  try {
    // The listing's progress and Cancel (listingProgress.ts), as every command that walks: a large
    // tree takes seconds, and so do the reads after it (up to MAX_FILES files of up to 16 MiB), so
    // the progress and its Cancel last until the last file is read. Cancelled or failed, only the
    // open editors are searched: said as a search cut short, never as "unused" (Delete Secret would
    // take that for safe).
    const found = await withListingProgress(async (listing) => {
      const walked = await findEnvironments(listing);
      const searched = await searchFiles(
        name,
        walked.files.slice(0, MAX_FILES).map((f) => f.uri),
        open,
        log,
        listing.token,
      );
      return { walked, searched };
    });
    if (found?.searched) {
      const { walked, searched } = found;
      return { ...searched, truncated: walked.truncated || walked.files.length > MAX_FILES, stopped: false, unlisted: walked.unlisted };
    }
  } catch {
    // Said as stopped, below.
  }
  const searched = (await searchFiles(name, [], open, log))!;
  return { ...searched, truncated: false, stopped: true, unlisted: [] };
}

/**
 * Searches `uris` and the open RunPod and dotenv editors for `name`.
 * @param log where a file not searched though a use may be in it is named, with why (too large, or
 *   its file system did not answer: workspaceText.ts)
 * @param token the user's Cancel: ends the wait for a file's read at once
 * @returns undefined when cancelled
 */
async function searchFiles(
  name: string,
  uris: vscode.Uri[],
  open: Map<string, vscode.TextDocument>,
  log: Pick<RunpodLog, 'warn'>,
  token?: vscode.CancellationToken,
): Promise<{ files: FileUsage[]; partial: boolean; unanswered: boolean } | undefined> {
  const kindOf = runpodFileKinds(); // each folder's settings read once for the whole list
  const candidates = new Map<string, vscode.Uri>();
  for (const uri of uris) candidates.set(uri.toString(), uri);
  // The open editors the language server reads (by kind, with their language: a template file
  // outside the folder, a .runpod.env file shown in another language), as its index would answer.
  for (const doc of open.values()) {
    if (kindOf(doc.uri, doc.languageId) !== undefined) candidates.set(doc.uri.toString(), doc.uri);
  }

  const files: FileUsage[] = [];
  let partial = false;
  let unanswered = false;
  for (const [key, uri] of candidates) {
    if (token?.isCancellationRequested) return undefined;
    // Up to the index's read limit (a file past it the index reads in part; this search, which
    // reads files whole, not at all). Not a regular file, deleted or unreadable meanwhile: nothing to report.
    const read = await readWorkspaceText(uri, ANALYSIS_LIMIT, token);
    if (!read.ok) {
      if (read.cancelled) return undefined;
      // A secret believed unused may be deleted: a use not seen for a file's size, or in a file
      // whose file system did not answer, is said (each for its cause), and the file named.
      if (read.tooLarge || read.noAnswer || read.refused) {
        if (read.noAnswer || read.refused) unanswered = true;
        else partial = true;
        log.warn(`Find Usages did not search ${fileLabel(uri)}: ${read.problem}.`);
      }
      continue;
    }
    const { hits, readInPart } = findReferencesInFile(read.text, name, kindOf(uri, open.get(key)?.languageId));
    partial ||= readInPart;
    if (hits.length > 0) files.push({ path: vscode.workspace.asRelativePath(uri), uri: key, hits });
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, partial, unanswered };
}
