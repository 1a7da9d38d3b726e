/**
 * How the commands that list RunPod files from the workspace (Launch Pod, Push Template, Deploy
 * Endpoint, Update Env, Compare Environments, Find Usages' own search) name the folders their walk
 * could not list (workspaceWalk.ts WalkedFolder.unlisted): a file there is missing from every list,
 * so the user learns why. The one wording: the listing's warning (workspaceFiles.ts listEnvironments),
 * Compare's message when it has nothing to compare, Compare's document, which names them all, and
 * the notes of View Secret and Delete Secret (deleteFlow.ts uncheckedNotes). Pure.
 */
import { shortList } from '../cli/check/readFound';
import { plainName } from '../ui/plainName';
import { WORKSPACE_READ_WAIT_MS } from '../fileLimits';

/**
 * The folders a listing could not list, as the notifications and Compare's document name them (then
 * `: a, b`). A listing waits as long as a file read at most (boundedRead.ts): no answer by then is a cause.
 */
export const UNLISTED_FOLDERS = `Folders that could not be listed (permissions, an error of the file system, or no answer within ${WORKSPACE_READ_WAIT_MS / 1000} s)`;

/**
 * The sentence a notification names `unlisted` with (a notification is one line: the first ten,
 * then a count, as the command line's notes: readFound.ts shortList); undefined when there are none.
 */
export function unlistedFoldersNote(unlisted: readonly string[]): string | undefined {
  return unlisted.length > 0 ? `${UNLISTED_FOLDERS}: ${plainName(shortList(unlisted, ', '))}.` : undefined;
}
