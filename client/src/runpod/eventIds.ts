/**
 * Where a log stream stands, for a resume that must repeat nothing and lose nothing: the order of
 * event ids (RunPod's are the lines' timestamps), and the lines already delivered at the newest
 * id. Shared by the stream reader (logStream.ts), which skips what a server resends after a
 * reconnect, and the log view (logs/logScreen.ts), which skips what a stream started again after
 * Stop repeats. Pure (a digest from node:crypto).
 *
 * Bounded whatever a server sends: at most {@link MAX_LINES_AT_ONE_ID} lines are remembered at one
 * id, each by a fixed-size digest rather than its text (a line may be a megabyte), and a line
 * without an id is not remembered at all (nothing could later be compared with it).
 */
import { createHash } from 'node:crypto';
import { parseInstant } from '../../../server/src/template/dates';

/** Lines remembered at one id: a server repeating one id forever cannot grow the memory. */
export const MAX_LINES_AT_ONE_ID = 1000;

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * An event id read as an RFC 3339 timestamp naming a real date and time (no 13th month, no
 * 30 February, no hour 24: the calendar check is the one date rule, dates.ts): the instant to the
 * second, and the fraction's digits as written. Undefined for any other id.
 */
function timestampOf(id: string): { ms: number; fraction: string } | undefined {
  const m = RFC3339.exec(id);
  const at = m ? parseInstant(`${m[1]}${m[3]}`) : undefined;
  return at && { ms: at.getTime(), fraction: m![2] ?? '' };
}

/** Whether an event id is an RFC 3339 timestamp, the form RunPod's `since` takes (the one rule: ordering uses it too). */
export function isEventTimestamp(id: string): boolean {
  return timestampOf(id) !== undefined;
}

/**
 * Orders two event ids that are RFC 3339 timestamps, to any fractional precision (Date keeps only
 * milliseconds, RunPod may send nanoseconds). Ids that are not timestamps have no order: 0 when
 * equal, else 1 ("newer"), so an unknown id is delivered rather than dropped.
 */
export function compareEventIds(a: string, b: string): number {
  if (a === b) return 0;
  const x = timestampOf(a);
  const y = timestampOf(b);
  if (!x || !y) return 1;
  if (x.ms !== y.ms) return x.ms < y.ms ? -1 : 1;
  const width = Math.max(x.fraction.length, y.fraction.length);
  const xf = x.fraction.padEnd(width, '0');
  const yf = y.fraction.padEnd(width, '0');
  return xf === yf ? 0 : xf < yf ? -1 : 1;
}

/** The lines delivered at the newest event id, remembered by digest. */
export class DeliveredLines {
  private id: string | undefined;
  private digests = new Set<string>();

  /** The newest id delivered. */
  get lastId(): string | undefined {
    return this.id;
  }

  /** Characters held: at most {@link MAX_LINES_AT_ONE_ID} digests and one id. */
  get heldChars(): number {
    let n = this.id?.length ?? 0;
    for (const d of this.digests) n += d.length;
    return n;
  }

  /** Whether the line `key` at `id` was delivered before: its id is older, or the same with the line seen. An empty id never is. */
  isRepeat(id: string, key: string): boolean {
    if (this.id === undefined || id === '') return false;
    const order = compareEventIds(id, this.id);
    return order < 0 || (order === 0 && this.digests.has(digest(key)));
  }

  /** Notes the line `key` at `id` as delivered (a newer id starts a new memory; an empty id is not remembered). */
  delivered(id: string, key: string): void {
    if (id === '') return;
    if (id !== this.id) {
      this.id = id;
      this.digests = new Set();
    }
    if (this.digests.size < MAX_LINES_AT_ONE_ID) this.digests.add(digest(key));
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}
