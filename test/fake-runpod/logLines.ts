/**
 * The log of a container (a Pod's, or a serverless worker's) as a pure function of its boots and
 * the clock: a few system lines per boot, one container line per unresolved secret reference (the
 * literal placeholder, as a container that echoes its env would print it), then a container line
 * every `intervalMs` while it runs. Nothing is stored but the boots, so a Pod that ran for a week
 * costs no memory, and a test that moves the fake's clock sees the lines that time produced.
 *
 * Every line of one log has its own millisecond, strictly increasing: the ts is the SSE event id,
 * and a resume with `Last-Event-ID` must neither repeat nor skip a line. For the same reason a line
 * once at or before the clock never changes: a stop keeps every line up to its moment and adds its
 * own line 1 ms later, and a boot's lines begin 2 ms after its start.
 */
import { LOG_TAIL_MAX } from './limits';

export type LogSource = 'container' | 'system';

export interface LogLine {
  ts: number;
  source: LogSource;
  line: string;
}

/** An env variable whose value kept references to secrets that did not exist at boot. */
export interface EchoedVariable {
  key: string;
  /** The names left literal, in the order they appear in the value. */
  names: string[];
  /** True when the value is more than the references (printed with `…` around them). */
  embedded: boolean;
}

/** Why a boot ended. */
export type BootEnding = 'stop' | 'terminate' | 'restart' | 'replaced';

/** One run of a container, as the fake stores it. */
export interface Boot {
  kind: 'pod' | 'worker';
  startedAtMs: number;
  /** When the container was up (start + boot time). */
  readyAtMs: number;
  endedAtMs: number | null;
  ending: BootEnding | null;
  image: string;
  /** Unresolved references seen when the container came up; null until it did. */
  echo: EchoedVariable[] | null;
}

/** Largest backfill RunPod documents (`tail` 0 to 5000); also what the fake retains per log. */
export const MAX_LOG_LINES = LOG_TAIL_MAX;

/** What a query wants: lines with `afterMs < ts <= untilMs`, at most the last `limit`, of one source or both. */
export interface LineQuery {
  afterMs: number;
  untilMs: number;
  limit: number;
  source?: LogSource;
}

/**
 * The last `query.limit` lines of `boots` (oldest boot first) in `(afterMs, untilMs]`, oldest first.
 * Linear in the limit and the number of boots, whatever the length of the log.
 */
export function linesBetween(boots: readonly Boot[], intervalMs: number, query: LineQuery): LogLine[] {
  const out: LogLine[][] = [];
  const fixedOf = allFixedLines(boots);
  let need = query.limit;
  for (let b = boots.length - 1; b >= 0 && need > 0; b--) {
    const boot = boots[b]!;
    const fixed = fixedOf[b]!.filter((l) => inRange(l, query));
    const periodic = periodicLines(boot, intervalMs, query, need);
    const merged = [...fixed, ...periodic].sort((x, y) => x.ts - y.ts);
    const taken = merged.slice(Math.max(0, merged.length - need));
    out.unshift(taken);
    need -= taken.length;
  }
  return out.flat();
}

function inRange(line: LogLine, q: LineQuery): boolean {
  return line.ts > q.afterMs && line.ts <= q.untilMs && (q.source === undefined || q.source === line.source);
}

/** Each boot's fixed lines, every one after the previous boot's last (boots can be 0 ms long). */
function allFixedLines(boots: readonly Boot[]): LogLine[][] {
  let floor = -Infinity;
  return boots.map((boot) => {
    const lines = fixedLines(boot, floor);
    floor = lines.at(-1)?.ts ?? floor;
    return lines;
  });
}

/**
 * The boot's lines at fixed moments, bumped to distinct milliseconds after `floor` (the previous
 * boot's last line) and cut at its end.
 */
function fixedLines(boot: Boot, floor: number): LogLine[] {
  const planned: LogLine[] = [];
  const add = (ts: number, source: LogSource, line: string) => planned.push({ ts, source, line });
  // 2 ms after the start: the previous boot's ending line is 1 ms after it ended (= this start).
  add(boot.startedAtMs + 2, 'system', `Pulling image ${boot.image}`);
  add(boot.startedAtMs + Math.floor((boot.readyAtMs - boot.startedAtMs) * 0.4), 'system', 'Image pulled; creating container');
  add(boot.readyAtMs, 'system', 'Container started');
  for (const v of boot.echo ?? []) {
    const refs = v.names.map((name) => `{{ RUNPOD_SECRET_${name} }}`).join('…');
    add(boot.readyAtMs, 'container', `${v.key}=${v.embedded ? `…${refs}…` : refs}`);
  }
  if (boot.echo !== null) add(boot.readyAtMs, 'container', boot.kind === 'pod' ? 'Application started' : 'Worker ready, waiting for jobs');
  let last = floor;
  const lines: LogLine[] = [];
  for (const line of planned) {
    const ts = Math.max(line.ts, last + 1);
    if (boot.endedAtMs !== null && ts > boot.endedAtMs) break;
    lines.push({ ...line, ts });
    last = ts;
  }
  if (boot.endedAtMs !== null) lines.push({ ts: Math.max(boot.endedAtMs + 1, last + 1), source: 'system', line: endingLine(boot.ending) });
  return lines;
}

function endingLine(ending: BootEnding | null): string {
  switch (ending) {
    case 'stop': return 'Container stopped';
    case 'terminate': return 'Container terminated';
    case 'restart': return 'Container stopped for a restart';
    case 'replaced': return 'Worker stopped: replaced by a worker of a newer release';
    default: return 'Container exited';
  }
}

/**
 * Container lines `k = 1, 2, …` at `ready + k * intervalMs`, up to the end, in range;
 * only the last `need` of them are built. `intervalMs` is at least 100, well above the few fixed
 * lines right after `ready`, so no two lines share a millisecond.
 */
function periodicLines(boot: Boot, intervalMs: number, q: LineQuery, need: number): LogLine[] {
  if (boot.echo === null || q.source === 'system') return [];
  const end = Math.min(q.untilMs, boot.endedAtMs ?? Infinity);
  const first = Math.max(1, Math.floor((q.afterMs - boot.readyAtMs) / intervalMs) + 1);
  const last = Math.floor((end - boot.readyAtMs) / intervalMs);
  if (last < first) return [];
  const lines: LogLine[] = [];
  for (let k = Math.max(first, last - need + 1); k <= last; k++) {
    const seconds = (k * intervalMs) / 1000;
    const text = boot.kind === 'pod' ? `heartbeat ${k}: up ${seconds}s` : `heartbeat ${k}: idle, no jobs in queue (${seconds}s)`;
    lines.push({ ts: boot.readyAtMs + k * intervalMs, source: 'container', line: text });
  }
  return lines;
}

/** The ts of the log's last line at `untilMs`, or undefined when it has none yet. */
export function lastLineTs(boots: readonly Boot[], intervalMs: number, untilMs: number): number | undefined {
  return linesBetween(boots, intervalMs, { afterMs: -Infinity, untilMs, limit: 1 })[0]?.ts;
}

/** True when no line will ever come after `atMs`: the last boot ended and its last line is at or before it. */
export function logEnded(boots: readonly Boot[], atMs: number): boolean {
  const last = boots[boots.length - 1];
  if (!last || last.endedAtMs === null) return false;
  return allFixedLines(boots).at(-1)!.at(-1)!.ts <= atMs;
}
