/**
 * The progress of a workspace listing (the walk of workspaceWalk.ts behind Launch Pod, Push
 * Template, Deploy Endpoint, Update Env and Compare Environments): a walk of a large tree takes
 * seconds, so one that outlasts a moment shows a notification that counts the folders listed and
 * has Cancel; a quick walk shows nothing (ui/delayedProgress.ts).
 */
import { count } from '../../../server/src/template/counts';
import * as vscode from 'vscode';
import { PROGRESS_DELAY_MS, progressClock, withDelayedProgress } from '../ui/delayedProgress';

/** How long a listing runs before its progress shows (the delay of every delayed progress). */
export const LISTING_PROGRESS_DELAY_MS = PROGRESS_DELAY_MS;

export const LISTING_PROGRESS_TITLE = 'Listing RunPod files…';

/** The timer the delay runs on (ui/delayedProgress.ts): tests replace `schedule`. */
export const listingClock = progressClock;

/** What a walk is given: the user's Cancel (checked between folders) and a call for each folder listed. */
export interface Listing {
  token: vscode.CancellationToken;
  folderListed(): void;
}

/**
 * Runs `task` with a {@link Listing}; when it is still running after {@link LISTING_PROGRESS_DELAY_MS},
 * a cancellable notification counts its folders until it ends.
 * @param stop the caller's own cancellation (a request run beside the walk failed), as the user's Cancel
 * @returns the task's result, or undefined when the user (or `stop`) cancelled (the caller ends quietly)
 */
export async function withListingProgress<T>(task: (listing: Listing) => Promise<T>, stop?: vscode.CancellationToken): Promise<T | undefined> {
  let folders = 0;
  return withDelayedProgress(
    LISTING_PROGRESS_TITLE,
    (progress) =>
      task({
        token: progress.token,
        folderListed: () => {
          folders++;
          progress.changed();
        },
      }),
    { ...(stop ? { stop } : {}), message: () => count(folders, 'folder') },
  );
}
