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

/**
 * The clock of the followers: real time (`sleep` undefined), replaced by the flow tests to move the
 * fake API's clock instead of waiting. Cancel ends a wait either way (launch/follow.ts followerSleep).
 */
export const followClock: { sleep: ((ms: number) => Promise<void>) | undefined; now: () => number } = {
  sleep: undefined,
  now: () => Date.now(),
};

export function followUi(api: RunpodApi, view: EndpointsView, progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken): FollowUi {
  return {
    progress: (message) => progress.report({ message: plainName(message) }),
    cancel: token,
    ...(followClock.sleep ? { sleep: followClock.sleep } : {}),
    // The client keeps the last RateLimit headers it saw (RunpodClient.rateLimit); another API has none.
    pace: (ms) => pacedPollDelay(ms, (api as { rateLimit?: RateLimitState }).rateLimit, followClock.now()),
    onWorkers: (endpoint, workers) => view.showWorkers(api, endpoint, workers),
  };
}
