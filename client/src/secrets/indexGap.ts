/**
 * Why the language server's workspace index may lack files, in one sentence: the Secrets tree's
 * note beside a partial usage count, and what a rename may not have reached (lsp/renameIncomplete.ts).
 * One wording, so the tree and a rename never tell the same fact two ways.
 */
import { MAX_INDEXED_FILES } from '../../../server/src/index/limits';

/** `indexing`: the walk of the workspace is not done; `limit`: the workspace holds more than the index reads. */
export type IndexGap = 'indexing' | 'limit';

export function indexGapSentence(gap: IndexGap): string {
  return gap === 'indexing'
    ? 'The workspace index is still being built: there may be more files.'
    : `The workspace holds more RunPod files than the index reads (${MAX_INDEXED_FILES.toLocaleString('en-US')}): there may be more files.`;
}
