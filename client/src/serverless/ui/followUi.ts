/**
 * The VS Code side of following an endpoint's workers (Deploy and Update): progress text in the
 * notification, Cancel as the notification's cancel button (a wait ends at once), waits paced by
 * the rate limit the client last saw, and every worker list shown in the Endpoints view.
 */
import type * as vscode from 'vscode';
import { pacedPollDelay } from '../../runpod/rateLimit';
import type { RateLimitState, RunpodApi } from '../../runpod/types';
import type { EndpointsView } from '../../views/endpointsView';
import type { FollowUi } from '../endpointRunner';
import { plainName } from '../../ui/plainName';
import { sleepUnlessCancelled, type CancelToken } from '../../waitRace';

/**
 * The clock of the followers: real time, a wait ended at once by Cancel (and nothing left of it
 * then), replaced by the flow tests to move the fake API's clock instead of waiting.
 */
export const followClock = {
  sleep: (ms: number, token?: CancelToken): Promise<void> => sleepUnlessCancelled(ms, token),
  now: (): number => Date.now(),
};

export function followUi(api: RunpodApi, view: EndpointsView, progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken): FollowUi {
  return {
    progress: (message) => progress.report({ message: plainName(message) }),
    cancel: token,
    sleep: (ms) => followClock.sleep(ms, token),
    // The client keeps the last RateLimit headers it saw (RunpodClient.rateLimit); another API has none.
    pace: (ms) => pacedPollDelay(ms, (api as { rateLimit?: RateLimitState }).rateLimit, followClock.now()),
    onWorkers: (endpoint, workers) => view.showWorkers(api, endpoint, workers),
  };
}
