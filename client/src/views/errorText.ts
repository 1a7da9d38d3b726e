/**
 * What to tell the user about a failed API call. Works on anything with a `kind` and a `message`
 * (the API client's `RunpodApiError`, or the store's recorded error) so it needs no import of the
 * client. Pure. What each kind means and what fixes it is the table in runpod/errorKinds.ts; this
 * file only words the fix for the editor.
 */
import { formatTimeOfDay } from '../../../server/src/template/dates';
import { errorKindFacts, keyMayFix, type Remedy } from '../runpod/errorKinds';
import { plainName } from '../ui/plainName';
import { RunpodApiError } from '../runpod/errors';
import { Wording } from '../runpod/wording';
import { escapeMarkdown } from './markdown';

/** The part of an error the UI looks at. */
export interface ErrorLike {
  kind?: string;
  message?: string;
}

/** The editor's wording of each fix: commands and settings by their names. */
const EDITOR_REMEDY: Record<Remedy, string> = {
  'set-key': "Run 'RunPod: Set API Key...' with a valid key.",
  'key-access': 'Give the key read/write access in the RunPod console, or set another key.',
  'check-connection': 'Check the connection (and `runpod.apiUrl`), then retry.',
  'check-config': 'Check the `runpod.apiUrl` setting and the API key.',
  wait: 'Wait a minute, then retry.',
  'add-funds': 'Add funds in the RunPod console, then retry.',
  'other-gpu': 'Pick another GPU type or cloud.',
  'fix-request': 'Change what was sent, then retry.',
  refresh: 'Refresh, then retry.',
  retry: 'Retry, or check the RunPod log for details.',
  report: 'Retry, or check the RunPod log for details.',
};

/**
 * A short cause for a view's error node: key rejected, no permission, offline, rate limited...
 * (errorKinds.ts). A view names what it lists (`secrets`), so "no permission for this" says for what.
 */
export function errorCause(error: ErrorLike | undefined, listed = 'secrets'): string {
  const cause = errorKindFacts(error?.kind)?.cause ?? `Could not load ${listed}`;
  return error?.kind === 'forbidden' ? cause.replace(/ for this$/, ` for ${listed}`) : cause;
}

/**
 * The tooltip of a view's error row: `title` in bold, the error's whole message, any `notes`, then
 * the fix. All of it escaped: a server's message is text, never Markdown or a link.
 */
export function errorTooltip(title: string, error: ErrorLike, notes: readonly string[] = []): string {
  const message = typeof error.message === 'string' ? error.message.trim() : '';
  return [`**${escapeMarkdown(title)}**`, message ? escapeMarkdown(message) : '', ...notes, escapeMarkdown(errorHint(error))].filter((line) => line !== '').join('\n\n');
}

/**
 * The row in place of a list that failed (the Pods and Endpoints views). The label is short enough
 * for a narrow view and says what failed ("Could not list Pods"); the cause sits beside Retry in
 * the description, and the whole message in the tooltip. `listed` names the list: `Pods`.
 */
export function listErrorRow(error: unknown, listed: string, nextTry?: number): { label: string; description: string; tooltip: string } {
  const err = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const label = `Could not list ${listed}`;
  // An error of no known kind has no cause to add: its message is in the tooltip.
  const cause = errorKindFacts(err.kind) ? errorCause(err, listed) : undefined;
  // The time of day, not "in 10 s": a row is not repainted while it waits.
  const next = nextTry === undefined ? undefined : `next try at ${formatTimeOfDay(nextTry)}`;
  return { label, description: [cause, next, 'Retry'].filter((part) => part !== undefined).join(' · '), tooltip: errorTooltip(label, err) };
}

/** What the user can do about it, one sentence, in the editor's words. */
export function errorHint(error: ErrorLike | undefined): string {
  return EDITOR_REMEDY[errorKindFacts(error?.kind)?.remedy ?? 'report'];
}

/** True for the errors where setting another API key may be the fix (with check-config, beside the settings). */
export function isKeyProblem(error: ErrorLike | undefined): boolean {
  return keyMayFix(error?.kind);
}

/** True for the errors `runpod.apiUrl` may cause (check-config: a 404 on a list, an unusable URL). */
export function isSettingsProblem(error: ErrorLike | undefined): boolean {
  return errorKindFacts(error?.kind)?.remedy === 'check-config';
}

/**
 * The message shown when a command's API call fails: the API error's own message (the client
 * writes it for users), else a generic sentence; any `sensitive` string in it is masked. Never a stack.
 */
export function failureMessage(action: string, error: unknown, sensitive: readonly string[] = []): string {
  // Plain (ui/plainName.ts): the action may name a Pod or template from the account, and a
  // notification would render a [text](command:...) in either as a clickable command.
  return plainName(`${action} failed: ${failureCause(error, sensitive)}`);
}

/** Why a command's API call failed, for a line that says what failed in its own words (Rotate's "Pod x did not restart: …"); not yet plain. */
export function failureCause(error: unknown, sensitive: readonly string[] = []): string {
  return failureWording(error, sensitive).text();
}

/** {@link failureCause} in its parts (runpod/wording.ts), for a line that leaves out what it says itself. */
export function failureWording(error: unknown, sensitive: readonly string[] = []): Wording {
  const err = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const told =
    error instanceof RunpodApiError && error.message.trim()
      ? error.wording
      : Wording.of(typeof err.message === 'string' && err.message.trim() ? err.message.trim() : errorCause(err));
  // Belt and braces: a server could echo the submitted value in a validation message.
  const masked = told.map((text) => sensitive.reduce((out, value) => (value.length > 0 ? out.split(value).join('***') : out), text));
  // The API's messages say what happened; a key problem's fix is worded here, for the editor.
  const remedy = errorKindFacts(err.kind)?.remedy;
  return remedy === 'set-key' ? masked.concat(` ${EDITOR_REMEDY[remedy]}`) : masked;
}
