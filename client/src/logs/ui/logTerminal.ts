/**
 * Show Logs in a pseudo-terminal: the last LOG_BACKFILL lines of a Pod's or a worker's log, then new lines
 * as they come (Follow, on by default). Ctrl+C stops following and `f` follows again from the last
 * line shown (nothing repeated, nothing skipped); `a`, `c`, `s` show all lines, container lines or
 * system lines. Closing the terminal aborts the stream at once. A pseudo-terminal rather than an
 * output channel: it knows when it is closed, and keys give Follow and the filter without a menu.
 * When RunPod says the Pod or worker is gone, the Pods or Endpoints view is refreshed as well.
 *
 * What is written comes from logScreen.ts: the container's text neutralised, never interpreted.
 */
import { isEventTimestamp } from '../../runpod/eventIds';
import { isRunpodApiError } from '../../runpod/errors';
import * as vscode from 'vscode';
import { clip, oneLine } from '../../../../server/src/template/displayText';
import { validateSecretName } from '../../../../server/src/template/index';
import type { LogExplanation } from '../explainLogLine';
import { logHeader, LogScreen, note, type LogFilter } from '../logScreen';
import { nameLabel, plainName } from '../../ui/plainName';
import { failureMessage } from '../../views/errorText';
import { thenSentence } from '../../runpod/wording';
import { ENDPOINTS_REFRESH_COMMAND } from '../../views/endpointsView';
import { PODS_REFRESH_COMMAND } from '../../views/podsView';
import { LOG_BACKFILL, MAX_LOG_TAIL } from '../../runpod/logStream';
import type { LogStreamItem, LogStreamOptions, RunpodApi } from '../../runpod/types';
import type { RunpodLog, Services } from '../../services';
import { refusedAsOtherAccounts } from '../../auth/offerAccount';

/** Whose log: a Pod, or a worker of an endpoint. `name` is for the title. */
export type LogTarget = { kind: 'pod'; podId: string; name: string } | { kind: 'worker'; endpointId: string; workerId: string; name: string };

/**
 * The account a log view was opened under. Its Pod or worker is that account's: after a switch the
 * view stops following rather than stream on unannounced beside the new account's views, `f` does
 * not reconnect with the key of an account the user left, and its Create Secret would fix nothing on
 * another account. `client` is the window's client now (a switch away and back replaces it).
 */
export interface LogAccount {
  readonly name: string;
  readonly accounts: Services['accounts'];
  client(): Promise<Pick<RunpodApi, 'streamPodLogs' | 'streamWorkerLogs'> | undefined>;
}

/** What the view says while another account than its own is active: why it does not follow, and the way back. */
function otherAccountText(account: LogAccount): string {
  return `The active RunPod account is now ${account.accounts.active}: this log is account ${account.name}'s, so it does not follow here. Switch back to ${account.name} and press f to follow again; close the terminal when done.`;
}

/** What the view says when `f` finds the window signed out: no key to read its account's log with. */
function signedOutText(account: LogAccount): string {
  return `RunPod is signed out in this window: this log is account ${account.name}'s. Run 'RunPod: Set API Key...' for ${account.name}, then press f to follow again; close the terminal when done.`;
}

/** How many explanations of one log also become a notification (the terminal shows every one, once). */
const MAX_NOTIFICATIONS = 3;
/** How many "Create Secret x" buttons one explanation offers. */
const MAX_CREATE_BUTTONS = 3;
const CTRL_C = '\x03';

function describeTarget(target: LogTarget): string {
  if (target.kind === 'pod') return target.name === target.podId ? `Pod ${target.podId}` : `Pod ${oneLine(target.name)} (${target.podId})`;
  return `worker ${target.workerId} of endpoint ${oneLine(target.name)}`;
}

/** `Pod train (abc)` as the first words of a sentence. */
function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What the view says once its Pod or worker is gone: nothing is left to follow or retry, so no key
 * is offered, only that the terminal can be closed. A worker's 404 cannot tell a deleted endpoint
 * from a removed worker without another call, so both are named.
 */
function goneText(target: LogTarget): string {
  const cause = target.kind === 'pod' ? 'terminated' : 'the endpoint was deleted or the worker removed';
  return `${capitalised(describeTarget(target))} no longer exists on RunPod (${cause}): its log ends here. Close this terminal when done.`;
}

/** The open log views, so Delete Endpoint can tell those of its workers. */
const openViews = new Set<LogPseudoterminal>();

/** Delete Endpoint succeeded: the open logs of its workers end, saying why. */
export function endpointDeleted(endpointId: string, endpointName: string): void {
  for (const view of openViews) view.endpointDeleted(endpointId, endpointName);
}

function openStream(api: Pick<RunpodApi, 'streamPodLogs' | 'streamWorkerLogs'>, target: LogTarget, options: LogStreamOptions): AsyncIterable<LogStreamItem> {
  return target.kind === 'pod' ? api.streamPodLogs(target.podId, options) : api.streamWorkerLogs(target.endpointId, target.workerId, options);
}

/** The terminal's side of a log view; exported for the tests, which drive it as VS Code would. */
export class LogPseudoterminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.writeEmitter.event;
  private readonly screen = new LogScreen();
  private controller: AbortController | undefined;
  private closed = false;
  /** The Pod or worker no longer exists: f has nothing to follow, and the view says so instead of offering it. */
  private gone = false;
  /** A stream was opened before: the next one is a reconnect, on the window's client now. */
  private streamed = false;
  /** The current stream's reading, settled when it ends (tests await it). */
  reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: Pick<RunpodApi, 'streamPodLogs' | 'streamWorkerLogs'>,
    private readonly target: LogTarget,
    private readonly onExplanation: (explanation: LogExplanation) => void,
    private readonly log: Pick<RunpodLog, 'warn'>,
    /** The stream learned the Pod or worker is gone (once): the view that lists it is stale. */
    private readonly onGone: () => void = () => undefined,
    private readonly account?: LogAccount,
  ) {}

  private accountSubscription: vscode.Disposable | undefined;

  /** Another account than the view's own is active now. */
  private get elsewhere(): boolean {
    return this.account !== undefined && this.account.accounts.active !== this.account.name;
  }

  /** The terminal was closed: Show Logs opens a new one. */
  get isClosed(): boolean {
    return this.closed;
  }

  get following(): boolean {
    return this.controller !== undefined;
  }

  open(): void {
    openViews.add(this);
    this.accountSubscription = this.account?.accounts.onDidChange(() => {
      if (!this.elsewhere || !this.following) return;
      this.stop();
      this.write(note(otherAccountText(this.account!)));
    });
    // Switched while Show Logs picked its target: the view opens, naming the way back, without following.
    this.write(this.header(!this.elsewhere));
    if (this.elsewhere) this.write(note(otherAccountText(this.account!)));
    else this.follow();
  }

  /** The terminal was closed (by the user, or with the window): the stream stops at once. */
  close(): void {
    openViews.delete(this);
    this.closed = true;
    this.accountSubscription?.dispose();
    this.stop();
    this.writeEmitter.dispose();
  }

  /** Told by Delete Endpoint: a worker of that endpoint stops following and says why. */
  endpointDeleted(endpointId: string, endpointName: string): void {
    if (this.target.kind !== 'worker' || this.target.endpointId !== endpointId || this.gone) return;
    this.stop();
    this.markGone(`Endpoint ${oneLine(endpointName)} was deleted: the log of worker ${this.target.workerId} ends here. Close this terminal when done.`);
  }

  /** RunPod said the target is gone: the terminal says so, and the view listing it is told. */
  private learnedGone(): void {
    this.markGone();
    this.onGone();
  }

  private markGone(text = goneText(this.target)): void {
    this.gone = true;
    openViews.delete(this);
    this.write(note(text));
  }

  handleInput(data: string): void {
    if (data === CTRL_C) {
      if (!this.following) return;
      this.stop();
      this.write(note('Stopped following. Press f to follow again; close the terminal when done.'));
    } else if (data === 'f' || data === 'F') {
      if (this.gone) this.write(note(goneText(this.target)));
      else if (this.elsewhere) this.write(note(otherAccountText(this.account!)));
      else if (!this.following) this.follow();
    } else if (data === 'a' || data === 'c' || data === 's') {
      const filter: LogFilter = data === 'a' ? 'all' : data === 'c' ? 'container' : 'system';
      // The header names the filter being switched to (the screen still has the old one).
      this.write(this.screen.setFilter(filter, this.header(this.following, filter)));
    }
  }

  private header(following: boolean, filter: LogFilter = this.screen.filter): string {
    const what = describeTarget(this.target) + (this.account ? ` in account ${this.account.name}` : '');
    return logHeader(what, { following, filter, gone: this.gone });
  }

  /** Opens the stream: the backfill at first, then from the last line shown (inclusive: the screen drops what it showed). */
  private follow(): void {
    if (this.closed || this.gone) return;
    const controller = new AbortController();
    this.controller = controller;
    const resumeAt = this.screen.lastLineId;
    // After a stop, everything since the last line shown (up to RunPod's maximum), not only the last 100.
    // RunPod's `since` takes RFC 3339; an id that is not one resumes with the backfill instead.
    const from = resumeAt !== undefined && isEventTimestamp(resumeAt) ? { since: resumeAt, tail: MAX_LOG_TAIL } : { tail: LOG_BACKFILL };
    const options: LogStreamOptions = { follow: true, signal: controller.signal, ...from };
    // Whether a reconnect is decided by the streams opened, not the lines shown: a stream that showed
    // nothing yet was still on the client the view opened with, which a switch away and back closed.
    const again = this.streamed;
    this.streamed = true;
    if (again) this.write(note('Following again.'));
    this.reading = this.read(this.stream(again, options), controller);
  }

  /**
   * The first stream on the client the view opened with; a later one on the window's client now,
   * refused when another account became active meanwhile (never sent with the key of the one left)
   * or when the window is signed out (the client the view opened with may be closed since).
   */
  private stream(again: boolean, options: LogStreamOptions): AsyncIterable<LogStreamItem> {
    const account = this.account;
    if (!again || !account) return openStream(this.api, this.target, options);
    const { target } = this;
    return (async function* () {
      const now = await account.client();
      if (account.accounts.active !== account.name) throw new FollowRefused(otherAccountText(account));
      if (!now) throw new FollowRefused(signedOutText(account));
      yield* openStream(now, target, options);
    })();
  }

  private stop(): void {
    this.controller?.abort();
    this.controller = undefined;
  }

  private async read(stream: AsyncIterable<LogStreamItem>, controller: AbortController): Promise<void> {
    try {
      for await (const item of stream) {
        if (controller.signal.aborted) break;
        if (item.kind === 'end' && item.reason === 'gone') {
          this.learnedGone();
          break;
        }
        const update = this.screen.push(item);
        if (update.text) this.write(update.text);
        if (update.explanation) this.onExplanation(update.explanation);
        if (item.kind === 'end') break;
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof FollowRefused) {
        this.write(note(error.message));
        return;
      }
      // The target was listed when the view opened (a Pod that is gone opens none): a 404 now means it went since.
      if (isRunpodApiError(error) && error.kind === 'not-found') {
        this.learnedGone();
        return;
      }
      const message = failureMessage(`Reading the log of ${describeTarget(this.target)}`, error);
      this.log.warn(message);
      this.write(note(thenSentence(message, ' Press f to try again.')));
    } finally {
      if (this.controller === controller) this.controller = undefined;
    }
  }

  private write(text: string): void {
    if (!this.closed) this.writeEmitter.fire(text);
  }
}

/** A follow refused before any request: another account became active while it connected, or the window is signed out. */
class FollowRefused extends Error {}

/**
 * Offers what fixes an explained failure, once per stream: Create Secret for each secret a line
 * shows unsubstituted (the secrets part's create flow, name preset), or the registry credential
 * hint for a refused image pull.
 */
async function offerFix(explanation: LogExplanation, what: string, account?: LogAccount): Promise<void> {
  const message = `${plainName(what)}: ${plainName(explanation.message)}`;
  if (explanation.kind !== 'unresolved-reference') {
    void vscode.window.showWarningMessage(message);
    return;
  }
  const creatable = explanation.names.filter((name) => validateSecretName(name) === undefined).slice(0, MAX_CREATE_BUTTONS);
  const picked = await vscode.window.showWarningMessage(message, ...creatable.map((name) => `Create Secret ${name}`));
  const name = creatable.find((n) => picked === `Create Secret ${n}`);
  if (!name) return;
  // Create Secret acts on the active account: another one's secret would not reach this log's Pod or worker.
  if (account && (await refusedAsOtherAccounts(account, { account: account.name }, `The log of ${plainName(what)}`, `Create Secret ${name}`))) return;
  await vscode.commands.executeCommand('runpod.secrets.create', { name });
}

/**
 * The terminals open on a log, by account and target: Show Logs asked again (the view's menu, the
 * launch notification) brings that one forward rather than open another with a stream of its own.
 */
const openTerminals = new Map<string, { terminal: vscode.Terminal; pty: LogPseudoterminal }>();

function terminalKey(target: LogTarget, account?: LogAccount): string {
  return JSON.stringify([account?.name ?? '', target.kind === 'pod' ? [target.podId] : [target.endpointId, target.workerId]]);
}

/** The most characters of a Pod's or endpoint's name a log terminal's tab title shows. */
const TERMINAL_NAME_MAX = 60;

/**
 * The terminal's tab title: a name by the label rule (invisible characters shown as escapes, cut
 * with an ellipsis, never inside an emoji), short enough for a tab; a worker's id comes after the
 * cut, so two workers of an endpoint with a long name still have two titles.
 */
export function logTerminalName(target: LogTarget): string {
  // Cut again for a tab (clip never splits an emoji); nameLabel takes no length, as callers map over it.
  const name = clip(nameLabel(target.name), TERMINAL_NAME_MAX);
  return `RunPod logs: ${target.kind === 'pod' ? name : `${name}/${nameLabel(target.workerId)}`}`;
}

/** Opens a log terminal for `target`, or shows the one still open on it; closing it stops the stream. */
export function openLogTerminal(api: Pick<RunpodApi, 'streamPodLogs' | 'streamWorkerLogs'>, target: LogTarget, log: Pick<RunpodLog, 'warn'>, account?: LogAccount): vscode.Terminal {
  for (const [key, entry] of openTerminals) if (entry.pty.isClosed) openTerminals.delete(key);
  const key = terminalKey(target, account);
  const open = openTerminals.get(key);
  if (open) {
    open.terminal.show();
    return open.terminal;
  }
  const what = target.kind === 'pod' ? `Pod ${target.name}` : `Worker ${target.workerId}`;
  // A log that shows many different failures explains each in the terminal; only the first few also pop up.
  let offered = 0;
  // A Pod or endpoint gone since its view listed it: that view lists again rather than keep showing it.
  const refreshView = () => void vscode.commands.executeCommand(target.kind === 'pod' ? PODS_REFRESH_COMMAND : ENDPOINTS_REFRESH_COMMAND);
  const pty = new LogPseudoterminal(api, target, (explanation) => void (offered++ < MAX_NOTIFICATIONS && offerFix(explanation, what, account)), log, refreshView, account);
  const terminal = vscode.window.createTerminal({ name: logTerminalName(target), pty, iconPath: new vscode.ThemeIcon('output') });
  openTerminals.set(key, { terminal, pty });
  terminal.show();
  return terminal;
}
