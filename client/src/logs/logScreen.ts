/**
 * What a log view shows, as text for a terminal: each line of the stream neutralised (the
 * container's output is never interpreted: neutralise.ts), the source filter (all, container,
 * system) applied to a buffer bounded in lines and characters, so switching it redraws without a
 * request and a server sending megabyte lines cannot fill the memory, notices from the
 * stream, and each explanation of a failed boot once per stream (explainLogLine.ts). Pure: the
 * pseudo-terminal (ui/logTerminal.ts) writes what this returns, the tests read it.
 *
 * The only control sequences written are this module's own (colours, clear screen): every
 * character from the server passes `neutralise` first.
 */
import { DeliveredLines } from '../runpod/eventIds';
import { LOG_BACKFILL, MAX_LOG_TAIL } from '../runpod/logStream';
import type { LogLine, LogStreamItem } from '../runpod/types';
import { explainLogLine, type LogExplanation } from './explainLogLine';
import { neutralise } from './neutralise';

export type LogFilter = 'all' | 'container' | 'system';

/** The terminal's own styling (never from the server). */
const STYLE = { dim: '\x1b[2m', cyan: '\x1b[36m', yellow: '\x1b[33m', reset: '\x1b[0m', clear: '\x1b[2J\x1b[3J\x1b[H' } as const;
const CRLF = '\r\n';

/** Causes one stream explains: past them a container printing endless distinct references grows nothing, and the log speaks for itself. */
export const MAX_EXPLAINED_CAUSES = 200;

/**
 * Remembers which explanations a stream has given, so each is shown once however many lines show
 * the cause (a restart prints them again; every variable of a missing secret has its line).
 */
export class ExplanationMemo {
  private readonly seen = new Set<string>();

  /** The explanation of `line` if this stream has not given it yet (and has given fewer than MAX_EXPLAINED_CAUSES). */
  take(line: string): LogExplanation | undefined {
    if (this.seen.size >= MAX_EXPLAINED_CAUSES) return undefined;
    const explanation = explainLogLine(line);
    if (!explanation) return undefined;
    const key = explanation.kind === 'unresolved-reference' ? `ref\u0000${explanation.names.join('\u0000')}` : explanation.kind;
    if (this.seen.has(key)) return undefined;
    this.seen.add(key);
    return explanation;
  }
}

/** What one stream item changes on screen. */
export interface ScreenUpdate {
  /** Text to write (may be empty). */
  text: string;
  /** An explanation new to this stream, for the caller to offer its action (Create Secret). */
  explanation?: LogExplanation;
}

/** The most characters of lines kept for redraws (16 MB of UTF-16): RunPod's 5,000-line backfill of ordinary lines fits many times. */
export const MAX_LOG_SCREEN_CHARS = 8 * 1024 * 1024;

export class LogScreen {
  private readonly lines: LogLine[] = [];
  private readonly memo = new ExplanationMemo();
  private filterValue: LogFilter = 'all';
  /** The lines shown at the last event id: a resumed stream repeats none of them. */
  private readonly shown = new DeliveredLines();
  /** Characters of `lines`, kept under MAX_LOG_SCREEN_CHARS. */
  private lineChars = 0;

  constructor(private readonly maxLines = MAX_LOG_TAIL) {}

  get filter(): LogFilter {
    return this.filterValue;
  }

  /** Characters this screen holds (kept lines and the lines remembered at the last id): what a server can make it keep. */
  get heldChars(): number {
    return this.lineChars + this.shown.heldChars;
  }

  /** The id of the last line shown: where a stream started again (after Stop) resumes. */
  get lastLineId(): string | undefined {
    return this.shown.lastId;
  }

  /** Applies one item of the stream. A line already shown (a resume that repeats it) is skipped. */
  push(item: LogStreamItem): ScreenUpdate {
    if (item.kind === 'notice') return { text: note(item.text) };
    if (item.kind === 'end') return { text: item.reason === 'complete' ? note('End of the log.') : item.reason === 'gone' ? note('It no longer exists; its log ends here.') : '' };
    if (!this.isNew(item)) return { text: '' };
    const line: LogLine = { id: item.id, source: item.source, line: item.line, ts: item.ts };
    this.keep(line);
    const explanation = this.memo.take(line.line);
    const text = (this.shows(line) ? formatLine(line) : '') + (explanation ? note(explanation.message, STYLE.yellow) : '');
    return explanation ? { text, explanation } : { text };
  }

  /** Switches the source filter; returns the whole screen redrawn (the kept lines that pass it). */
  setFilter(filter: LogFilter, header: string): string {
    this.filterValue = filter;
    const shown = this.lines.filter((l) => this.shows(l));
    // An empty screen under the header would look like a broken view.
    const none = shown.length === 0 && this.lines.length > 0 ? note(`No ${filter} lines among ${this.lines.length === 1 ? 'the last line' : `the last ${this.lines.length} lines`}.`) : '';
    return STYLE.clear + header + shown.map(formatLine).join('') + none;
  }

  private shows(line: LogLine): boolean {
    return this.filterValue === 'all' || line.source === this.filterValue;
  }

  private isNew(line: LogLine): boolean {
    const key = `${line.source}\u0000${line.line}`;
    if (this.shown.isRepeat(line.id, key)) return false;
    this.shown.delivered(line.id, key);
    return true;
  }

  /** Keeps `line` for redraws, dropping the oldest beyond the line count or the character budget (the newest is always kept). */
  private keep(line: LogLine): void {
    this.lines.push(line);
    this.lineChars += charsOf(line);
    let drop = 0;
    while (drop < this.lines.length - 1 && (this.lines.length - drop > this.maxLines || this.lineChars > MAX_LOG_SCREEN_CHARS)) {
      this.lineChars -= charsOf(this.lines[drop]!);
      drop++;
    }
    if (drop > 0) this.lines.splice(0, drop);
  }


}

function charsOf(line: LogLine): number {
  return line.id.length + line.ts.length + line.line.length;
}

/** `12:00:01.250 system    Pulling image …`: time of day (the whole ts when it is not RFC 3339), source, the line. */
function formatLine(line: LogLine): string {
  const time = /T(\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)/.exec(line.ts)?.[1] ?? line.ts.slice(0, 40);
  const source = line.source === 'system' ? `${STYLE.cyan}system   ${STYLE.reset}` : line.source === 'container' ? 'container' : 'unknown  ';
  return `${STYLE.dim}${neutralise(time)}${STYLE.reset} ${source} ${neutralise(line.line)}${CRLF}`;
}

/** A line of the view's own: a notice, a note, an explanation. */
export function note(text: string, colour: string = STYLE.dim): string {
  return `${colour}▸ ${neutralise(text)}${STYLE.reset}${CRLF}`;
}

/** The view's first lines: what is shown and which keys do what. */
export function logHeader(what: string, state: { following: boolean; filter: LogFilter; gone?: boolean }): string {
  const filter = state.filter === 'all' ? 'container and system lines' : `${state.filter} lines only`;
  // Once it is gone there is nothing to follow: the keys that would only fail are not offered.
  const then = state.gone ? 'ended: it no longer exists' : state.following ? 'following' : 'not following';
  const keys = state.gone ? 'a all lines · c container · s system' : 'Ctrl+C stop following · f follow again · a all lines · c container · s system';
  return note(`Logs of ${what} (the last ${LOG_BACKFILL} lines, then ${then}; ${filter}).`) + note(`Keys: ${keys}. Lines are shown as printed, escape sequences as text.`);
}
