/**
 * What the status bar item says for each store state, and which command a click runs. Pure, so the
 * wording and the click targets are tested without an editor.
 */
import { count } from '../../../server/src/template/counts';
import { formatRecentInstant } from '../../../server/src/template/dates';
import { errorKindFacts } from '../runpod/errorKinds';
import type { StoreState } from '../services';
import { API_URL_SETTING } from '../runpod/baseUrl';

export const Commands = {
  setApiKey: 'runpod.setApiKey',
  refresh: 'runpod.secrets.refresh',
  showLog: 'runpod.showLog',
  manageTrust: 'workbench.trust.manage',
  openSettings: 'workbench.action.openSettings',
} as const;

export interface StatusView {
  text: string;
  tooltip: string;
  command: string;
  /** Command arguments (the settings query for Open Settings). */
  arguments?: unknown[];
  /** Whether to draw the item with the warning/error background. */
  tone: 'normal' | 'warning' | 'error';
}

/** "10:32 UTC" for today (UTC), "2026-09-01 10:32 UTC" otherwise (the date rule; the hover's "fetched" always gives the day, a status bar has less room). */
export function formatFetchedAt(iso: string, now: Date = new Date()): string {
  return formatRecentInstant(iso, now) ?? 'an unknown time';
}

/** Where a click on a failure goes, by the failure's remedy (runpod/errorKinds.ts): a key problem to Set API Key, a bad URL to settings, an answer nobody can act on to the log, else retry. */
function actionFor(errorKind: string): Pick<StatusView, 'command' | 'arguments'> {
  const remedy = errorKindFacts(errorKind)?.remedy ?? 'report';
  if (remedy === 'set-key' || remedy === 'key-access') return { command: Commands.setApiKey };
  if (remedy === 'check-config') return { command: Commands.openSettings, arguments: [API_URL_SETTING] };
  if (remedy === 'report') return { command: Commands.showLog };
  return { command: Commands.refresh };
}

/**
 * The few words the status bar gives a failed refresh: what a user would act on. Only a network
 * failure is "offline"; a 403 or a 429 means RunPod answered, and says so.
 */
function failureLabel(errorKind: string): string {
  return errorKindFacts(errorKind)?.label ?? 'error';
}

function clickHint(command: string): string {
  switch (command) {
    case Commands.setApiKey:
      return 'Click to set the API key.';
    case Commands.openSettings:
      return 'Click to open the RunPod settings.';
    case Commands.showLog:
      return 'Click to show the RunPod log.';
    default:
      return 'Click to refresh.';
  }
}

/** The status bar view of a state; `formatTime` renders `fetchedAt` (injected for tests). */
export function describeStatus(
  state: StoreState,
  secretCount: number,
  formatTime: (iso: string) => string = (iso) => formatFetchedAt(iso),
): StatusView {
  switch (state.kind) {
    case 'signed-out':
      if (state.origin && state.keyFor) {
        // A key exists, for another origin: say which URL is signed out and why, and the way on.
        return {
          text: `$(key) RunPod: signed out for ${new URL(state.origin).host}`,
          tooltip:
            `No RunPod API key is saved for ${state.origin} (runpod.apiUrl). The key saved for ${state.keyFor} ` +
            `is not sent there without your yes. Click to set a key for ${state.origin}, or set runpod.apiUrl back.`,
          command: Commands.setApiKey,
          tone: 'warning',
        };
      }
      return {
        text: '$(key) RunPod: signed out',
        tooltip: 'No RunPod API key is set. Click to set one.',
        command: Commands.setApiKey,
        tone: 'normal',
      };
    case 'untrusted':
      return {
        text: '$(shield) RunPod: restricted',
        tooltip: 'RunPod API calls are disabled in this untrusted workspace. Click to manage workspace trust.',
        command: Commands.manageTrust,
        tone: 'normal',
      };
    case 'loading': {
      const base = state.previous && state.previous.kind !== 'loading'
        ? describeStatus(state.previous, secretCount, formatTime)
        : { text: 'RunPod', tooltip: '', command: Commands.showLog, tone: 'normal' as const };
      return {
        ...base,
        text: `$(sync~spin) ${base.text.replace(/^\$\([^)]*\)\s*/, '')}`,
        tooltip: `Refreshing the RunPod secrets list…${base.tooltip ? `\n${base.tooltip}` : ''}`,
      };
    }
    case 'fresh':
      return {
        text: `$(cloud) RunPod: ${count(secretCount, 'secret')}`,
        tooltip: `Connected to RunPod. Secrets list fetched at ${formatTime(state.fetchedAt)}. Click to refresh.`,
        command: Commands.refresh,
        tone: 'normal',
      };
    case 'stale': {
      if (state.error.kind === 'not-refreshed') {
        return {
          text: `$(history) RunPod: ${count(secretCount, 'secret')}`,
          tooltip: `Secrets list from the last session (${formatTime(state.fetchedAt)}), not refreshed yet. Click to refresh.`,
          command: Commands.refresh,
          tone: 'normal',
        };
      }
      const action = actionFor(state.error.kind);
      return {
        text: `$(cloud-offline) RunPod: ${failureLabel(state.error.kind)} (${formatTime(state.fetchedAt)})`,
        tooltip:
          `Showing the secrets list from ${formatTime(state.fetchedAt)}. The last refresh failed: ${state.error.message}\n` +
          clickHint(action.command),
        ...action,
        tone: 'warning',
      };
    }
    case 'error': {
      const action = actionFor(state.error.kind);
      return {
        text: `$(error) RunPod: ${failureLabel(state.error.kind)}`,
        tooltip: `The secrets list could not be loaded: ${state.error.message}\n${clickHint(action.command)}`,
        ...action,
        tone: 'error',
      };
    }
  }
}
