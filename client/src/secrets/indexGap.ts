/**
 * Why a list or count of workspace files may lack some, in one sentence per cause: the Secrets
 * tree's note beside a partial usage count, the Delete dialog's note, and what a rename may not have
 * reached (lsp/renameIncomplete.ts). One function decides the words, so no two places tell the same
 * fact two ways.
 */
import { MAX_INDEXED_FILES, SETTINGS_GAP_REMEDY } from '../../../server/src/index/limits';
import { MAX_WALKED_ENTRIES, TOO_DEEP_UNREAD, tooDeepText } from '../../../server/src/index/walk';
import type { IndexGap, SecretUsagesResult } from '../../../server/src/protocol';
import { grouped } from '../../../server/src/template/counts';
import { SEARCH_LIMIT_TEXT } from '../cli/check/readFound';
import { NO_ANSWER_PROBLEM } from '../boundedRead';

export type { IndexGap };

/**
 * The index's gap (protocol.ts IndexGap), or `search`: the look itself stopped at its own limit (an
 * index answer past its size, or this window's own search of the workspace past its file count),
 * or `partial`: some file was read only in part (the index's readInPart), or by this window's own
 * search not at all for its size (the limits `secrets usage` names too: SEARCH_LIMIT_TEXT);
 * `unanswered`: this window's own search skipped a file whose read did not finish in time (boundedRead.ts);
 * `unansweredPartial`: both of the last two, each said.
 */
export type FilesGap = IndexGap | 'search' | 'stopped' | 'partial' | 'unanswered' | 'unansweredPartial';

/** The gap of a search that skipped files that did not answer (`unanswered`), read some only in part (`partial`), or both. */
export function readGap(unanswered: boolean, partial: boolean): FilesGap | undefined {
  if (unanswered) return partial ? 'unansweredPartial' : 'unanswered';
  return partial ? 'partial' : undefined;
}

/** Why some files were not searched though a use may be in them: their read did not finish in time. */
const UNANSWERED = `Some files were not searched: their read ${NO_ANSWER_PROBLEM}`;
/** Why some uses may have been missed in files that were searched: their size. */
const PARTIAL = `hold more than is read of a file (${SEARCH_LIMIT_TEXT})`;

/** The causes a `runpod/secretUsages` answer may name (anything else is not trusted). */
export function isIndexGap(value: unknown): value is IndexGap {
  return value === 'indexing' || value === 'limit' || value === 'settings' || value === 'unreadable';
}

/**
 * Why a checked `runpod/secretUsages` answer may lack files: undefined when complete; its gap; or,
 * incomplete without one, a file read in part (`partial`), else the answer stopped at its size (`search`).
 */
export function filesGapOf(result: Pick<SecretUsagesResult, 'complete' | 'gap' | 'readInPart'>): FilesGap | undefined {
  if (result.complete) return undefined;
  return result.gap ?? (result.readInPart ? 'partial' : 'search');
}

/** The first folder too deep for the index, as a checked answer carries it (with the gap `limit` only: workspaceIndex.ts parseSecretUsages), to keep beside the gap. */
export function deepFolderOf(result: Pick<SecretUsagesResult, 'deepFolder'>): { deepFolder?: string } {
  return result.deepFolder === undefined ? {} : { deepFolder: result.deepFolder };
}

/**
 * The sentence for `gap`; with `limit`, `deepFolder` is the first folder too deep for the index
 * (protocol.ts SecretUsagesResult.deepFolder, as the server's warning names it), said when known.
 */
export function indexGapSentence(gap: FilesGap, deepFolder?: string): string {
  switch (gap) {
    case 'indexing':
      return 'The workspace index is still being built: there may be more files.';
    case 'limit':
      // `limit` is any bound of the index (Indexer.gap): its file cap, or its walk's entry cap or depth.
      // The depth in the server's words (walk.ts tooDeepText), naming the folder its warning names when the answer carried it.
      return `The workspace is larger than the index reads (${grouped(MAX_INDEXED_FILES)} RunPod files, ${grouped(MAX_WALKED_ENTRIES)} files and folders walked), or has ${tooDeepText(deepFolder)}, where ${TOO_DEEP_UNREAD}: there may be more files.`;
    case 'settings':
      // The server's warning names the folder; the remedy is the one every place says (limits.ts).
      return `The RunPod settings (runpod.files, runpod.environments) of a workspace folder could not be read, so the index uses the ones it had (the defaults if none): there may be more files. ${SETTINGS_GAP_REMEDY}.`;
    case 'unreadable':
      return 'Some folders or files of the workspace could not be read (permissions, an error of the file system, or a name that is not UTF-8, which the language server cannot decode): there may be more files.';
    case 'search':
      return 'The workspace search stopped at its limit: there may be more files.';
    case 'stopped':
      return 'The workspace search did not finish (cancelled, or the folders could not be listed): files were not checked.';
    case 'partial':
      return `Some files ${PARTIAL}: there may be more uses.`;
    case 'unanswered':
      // Not their size (the `partial` sentence would say so wrongly); the output channel names the files.
      return `${UNANSWERED}. There may be more uses.`;
    case 'unansweredPartial':
      return `${UNANSWERED}, and some others ${PARTIAL}. There may be more uses.`;
  }
}
