/**
 * Log streams: `GET /v2/pods/{id}/logs` (and, through `logStream`, worker logs) as Server-Sent
 * Events. Each event's `id` is its `ts`, its data `{"source", "line", "ts"}`. Query: `source`
 * (omit for both), `tail` (backfill, default 100, 0 to 5000), `since` (RFC 3339); the
 * `Last-Event-ID` header resumes after that line and wins over both. `follow=false` (the fake's
 * reading of an undocumented switch) ends the stream after the backfill.
 *
 * A Pod's log follows its status: this module watches each Pod's boots (create, start, restart,
 * stop, terminate) and keeps them, so the lines themselves are computed (logLines.ts), never stored.
 */
import type { Ctx, EventSource, Handler, Reply, RequestHeaders } from './context';
import { linesBetween, logEnded, MAX_LOG_LINES, type Boot, type EchoedVariable, type LogSource } from './logLines';
import { notFound, ProblemError } from './problem';
import { podStatus } from './pods';
import { substituteReferences } from './substitution';
import type { StoredPod } from './store';
import { LOG_BOOTS_KEPT, LOG_TAIL_DEFAULT } from './limits';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Where a stream starts and what it carries, from the query and `Last-Event-ID`. */
export interface LogQuery {
  afterMs: number;
  limit: number;
  source?: LogSource;
  follow: boolean;
}

/** Reads the query of a log request; 400 for a bad `tail`, `since`, `source` or `Last-Event-ID`. */
export function parseLogQuery(query: URLSearchParams, headers: RequestHeaders): LogQuery {
  const errors: string[] = [];
  const sourceText = query.get('source');
  if (sourceText !== null && sourceText !== 'container' && sourceText !== 'system') errors.push('source: must be container or system');
  const tailText = query.get('tail');
  let limit = LOG_TAIL_DEFAULT;
  if (tailText !== null) {
    if (!/^\d{1,9}$/.test(tailText) || Number(tailText) > MAX_LOG_LINES) errors.push(`tail: must be an integer from 0 to ${MAX_LOG_LINES}`);
    else limit = Number(tailText);
  }
  const sinceText = query.get('since');
  const since = sinceText === null ? undefined : parseTimestamp(sinceText);
  if (sinceText !== null && since === undefined) errors.push('since: must be an RFC 3339 timestamp');
  const header = headers['last-event-id'];
  const lastEventId = Array.isArray(header) ? header[0] : header;
  const resumeAt = lastEventId === undefined || lastEventId === '' ? undefined : parseTimestamp(lastEventId);
  if (lastEventId && resumeAt === undefined) errors.push('Last-Event-ID: must be the id of an event of this stream');
  if (errors.length > 0) throw new ProblemError(400, `invalid log request: ${errors.join('; ')}`, errors);
  const follow = !['false', '0'].includes(query.get('follow') ?? '');
  const base = { follow, ...(sourceText ? { source: sourceText as LogSource } : {}) };
  // Last-Event-ID wins: everything after that line, whatever tail and since say.
  if (resumeAt !== undefined) return { ...base, afterMs: resumeAt, limit: MAX_LOG_LINES };
  return { ...base, afterMs: since === undefined ? -Infinity : since - 1, limit };
}

function parseTimestamp(text: string): number | undefined {
  if (!RFC3339.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A log's state at the moment of a poll: its boots, or undefined when the container no longer exists. */
export interface LogState {
  boots: Boot[];
  /** No boot will ever follow the last one (terminated Pod, replaced worker). */
  final: boolean;
}

/**
 * The answer to a log request: 204 when the log ended before the requested point (the SSE way to
 * say "do not reconnect"), else an event stream that serves the backfill, then new lines as the
 * clock moves, and ends when the log does (or at once without `follow`).
 * @param read the log now (called on every poll, after the fake's state advanced)
 */
export function logStream(ctx: Ctx, query: LogQuery, read: () => LogState | undefined): Reply {
  const first = read();
  if (!first) throw new ProblemError(404, 'no log: the container no longer exists');
  if (first.final && logEnded(first.boots, query.afterMs)) return { status: 204 };
  // The last line sent: the next poll sends what came after it. A line at or before the clock
  // never changes (logLines.ts), so nothing between two polls is missed.
  let cursor = query.afterMs;
  let limit = query.limit;
  if (limit === 0) cursor = Math.max(cursor, ctx.now()); // tail=0: the old lines are skipped, not owed
  const stream: EventSource = {
    poll() {
      const state = read();
      if (!state) return { events: [], ended: true };
      const lines = linesBetween(state.boots, ctx.logIntervalMs, { afterMs: cursor, untilMs: ctx.now(), limit, ...(query.source ? { source: query.source } : {}) });
      cursor = lines.at(-1)?.ts ?? cursor;
      limit = MAX_LOG_LINES;
      const events = lines.map((l) => {
        const ts = new Date(l.ts).toISOString();
        return { id: ts, data: JSON.stringify({ source: l.source, line: l.line, ts }) };
      });
      return { events, ended: !query.follow || (state.final && logEnded(state.boots, ctx.now())) };
    },
  };
  return { status: 200, stream };
}

export const podLogs: Handler = (ctx, [id], _body, query, headers) => {
  if (!ctx.store.state.pods.some((p) => p.id === id)) throw notFound('pod', id!);
  const parsed = parseLogQuery(query, headers);
  return logStream(ctx, parsed, () => {
    const pod = ctx.store.state.pods.find((p) => p.id === id);
    const log = ctx.store.state.podLogs.find((l) => l.podId === id);
    if (!pod || !log) return undefined;
    return { boots: log.boots, final: podStatus(pod, ctx.now(), ctx.podBootMs) === 'TERMINATED' };
  });
};

/**
 * Brings every Pod's log up to date with its status: a new boot (create, start, restart) opens a
 * boot, a stop or terminate closes it, and a boot that reached RUNNING records the references it
 * left literal. Drops the logs of Pods that no longer exist. Returns whether anything changed.
 */
export function observePodLogs(ctx: Ctx): boolean {
  const state = ctx.store.state;
  const now = ctx.now();
  let changed = false;
  const live = new Set(state.pods.map((p) => p.id));
  const kept = state.podLogs.filter((l) => live.has(l.podId));
  if (kept.length !== state.podLogs.length) {
    state.podLogs = kept;
    changed = true;
  }
  for (const pod of state.pods) {
    let log = state.podLogs.find((l) => l.podId === pod.id);
    if (!log) {
      log = { podId: pod.id, boots: [] };
      state.podLogs.push(log);
      changed = true;
    }
    changed = observeBoot(log.boots, pod, ctx.podBootMs, now) || changed;
    if (log.boots.length > LOG_BOOTS_KEPT) log.boots.splice(0, log.boots.length - LOG_BOOTS_KEPT);
  }
  return changed;
}

function observeBoot(boots: Boot[], pod: StoredPod, bootMs: number, now: number): boolean {
  let changed = false;
  let last = boots[boots.length - 1];
  if (!last || last.startedAtMs !== pod.bootStartedAtMs) {
    if (last && last.endedAtMs === null) {
      last.endedAtMs = pod.bootStartedAtMs;
      last.ending = 'restart';
    }
    last = { kind: 'pod', startedAtMs: pod.bootStartedAtMs, readyAtMs: pod.bootStartedAtMs + bootMs, endedAtMs: null, ending: null, image: pod.image, echo: null };
    boots.push(last);
    changed = true;
  }
  if (last.echo === null && pod.bootedAtMs !== null && last.endedAtMs === null) {
    last.echo = echoOf(pod.env, pod.unresolvedSecrets);
    changed = true;
  }
  if (pod.phase !== 'booting' && last.endedAtMs === null) {
    last.endedAtMs = now;
    last.ending = pod.phase === 'exited' ? 'stop' : 'terminate';
    changed = true;
  }
  return changed;
}

/**
 * The variables whose value kept a reference to one of `unresolved`: their key and the names only,
 * never the rest of the value (it may hold a hard-coded credential, or a resolved secret).
 */
export function echoOf(env: Readonly<Record<string, string>>, unresolved: readonly string[]): EchoedVariable[] {
  const missing = new Set(unresolved);
  const echo: EchoedVariable[] = [];
  for (const [key, value] of Object.entries(env)) {
    const names = substituteReferences(value, (name) => (missing.has(name) ? undefined : '')).unresolved;
    if (names.length === 0) continue;
    const embedded = substituteReferences(value, () => '').value.trim() !== '';
    echo.push({ key, names, embedded });
  }
  return echo;
}
