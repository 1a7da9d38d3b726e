/**
 * The secret history: what this editor and the command line did to secrets (created, value
 * changed, description changed, renamed, deleted, Pods restarted), when, and on which account.
 * Never a value: an entry holds names, ids and outcomes only, and every entry read back from
 * storage or a file is rebuilt field by field (`sanitizeEntry`), so whatever else a file holds
 * (a planted `value`, escape sequences, a 50 MB line) never reaches the screen. Pure.
 */
import { parseInstant } from '../../../server/src/template/dates';
import { count } from '../../../server/src/template/counts';
import { sameAccountName } from '../../../server/src/template/accountNames';
import { oneLine } from '../../../server/src/template/displayText';

export type HistoryAction = 'created' | 'value-changed' | 'description-changed' | 'renamed' | 'deleted' | 'pods-restarted';

const ACTIONS: ReadonlySet<string> = new Set<HistoryAction>(['created', 'value-changed', 'description-changed', 'renamed', 'deleted', 'pods-restarted']);

/** The account an action was done on: the API origin, and a label when the user named the account. */
export interface HistoryAccount {
  origin: string;
  label?: string;
}

/** One Pod of a `pods-restarted` entry. */
export interface HistoryPod {
  id: string;
  name: string;
  ok: boolean;
}

export interface HistoryEntry {
  /** ISO 8601 time of the action. */
  at: string;
  action: HistoryAction;
  /** The secret's name (for `renamed`, the old name). */
  secret: string;
  /** `renamed`: the new name. */
  to?: string;
  /** `pods-restarted`: each Pod and whether its restart was accepted. */
  pods?: HistoryPod[];
  account: HistoryAccount;
  source: 'editor' | 'cli';
}

/** Entries kept in each store (the editor's storage, the CLI's file): the history is a log, not an archive. */
export const MAX_HISTORY_ENTRIES = 1000;
/** The most Pods one entry lists (a restart of more is cut, with the count kept in what is shown). */
const MAX_PODS = 100;
/** Longest text field kept: a secret name is at most 191 characters, ids and origins are short. */
const MAX_FIELD = 256;

function text(raw: unknown, max = MAX_FIELD): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > max) return undefined;
  return raw;
}

/**
 * Rebuilds an entry from anything (storage, a JSONL line), keeping only the known fields with the
 * right types and sizes; `undefined` when a required field is missing or wrong.
 */
export function sanitizeEntry(raw: unknown): HistoryEntry | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const at = text(r['at'], 40);
  const action = text(r['action'], 40);
  const secret = text(r['secret']);
  const account = r['account'] as Record<string, unknown> | undefined;
  const origin = typeof account === 'object' && account !== null ? text(account['origin']) : undefined;
  const source = r['source'] === 'cli' ? 'cli' : r['source'] === 'editor' ? 'editor' : undefined;
  if (!at || !parseInstant(at) || !action || !ACTIONS.has(action) || !secret || !origin || !source) return undefined;
  const entry: HistoryEntry = { at, action: action as HistoryAction, secret, account: { origin }, source };
  const label = text(account!['label']);
  if (label) entry.account.label = label;
  const to = text(r['to']);
  if (to && action === 'renamed') entry.to = to;
  if (action === 'pods-restarted' && Array.isArray(r['pods'])) {
    const pods: HistoryPod[] = [];
    for (const p of r['pods'].slice(0, MAX_PODS)) {
      if (typeof p !== 'object' || p === null) continue;
      const pod = p as Record<string, unknown>;
      const id = text(pod['id']);
      if (id) pods.push({ id, name: text(pod['name']) ?? id, ok: pod['ok'] === true });
    }
    entry.pods = pods;
  }
  return entry;
}

/** `list` with `entry` appended, the oldest dropped beyond `max`. */
export function appendEntry(list: readonly HistoryEntry[], entry: HistoryEntry, max = MAX_HISTORY_ENTRIES): HistoryEntry[] {
  const next = [...list, entry];
  return next.length > max ? next.slice(next.length - max) : next;
}

/** The entries of a JSONL text (one JSON object a line); unreadable lines are skipped, the last `max` kept. */
export function parseHistoryLines(jsonl: string, max = MAX_HISTORY_ENTRIES): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const line of jsonl.split('\n')) {
    if (line.trim() === '' || line.length > 64 * 1024) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    const entry = sanitizeEntry(parsed);
    if (entry) out.push(entry);
  }
  return out.length > max ? out.slice(out.length - max) : out;
}

/** One JSONL line of an entry (what the CLI appends). */
export function historyLine(entry: HistoryEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/** The editor's and the CLI's entries in one list, oldest first; an entry present in both is shown once. */
export function mergeHistories(...lists: readonly (readonly HistoryEntry[])[]): HistoryEntry[] {
  const seen = new Set<string>();
  const out: HistoryEntry[] = [];
  for (const list of lists) {
    for (const entry of list) {
      const key = JSON.stringify(entry);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(entry);
    }
  }
  return out.sort((a, b) => timeOf(a) - timeOf(b));
}

/** When an entry was recorded (sanitizeEntry kept only entries whose date the date rule reads). */
export function timeOf(entry: Pick<HistoryEntry, 'at'>): number {
  return parseInstant(entry.at)?.getTime() ?? 0;
}

/**
 * The same account: the same API origin and the same account name, ignoring case as every account
 * name is (`--account PROD` is the editor's `prod`); no name matches only no name.
 */
export function sameAccount(a: HistoryAccount, b: HistoryAccount): boolean {
  return a.origin === b.origin && sameAccountName(a.label ?? '', b.label ?? '');
}

/** How many entries of one other account were left out. */
export interface HiddenAccount {
  account: HistoryAccount;
  count: number;
}

/**
 * The entries done in `account` (order kept), and per other account (or origin) how many were left
 * out, most first. Another account's "hf-token" is another secret: its story never mixes into
 * this one's, and its absence from this account's list says nothing about it.
 */
export function entriesOfAccount(entries: readonly HistoryEntry[], account: HistoryAccount): { entries: HistoryEntry[]; hidden: HiddenAccount[] } {
  const mine: HistoryEntry[] = [];
  const hidden: HiddenAccount[] = [];
  for (const entry of entries) {
    if (sameAccount(entry.account, account)) {
      mine.push(entry);
      continue;
    }
    const other = hidden.find((h) => sameAccount(h.account, entry.account));
    if (other) other.count++;
    else hidden.push({ account: { ...entry.account }, count: 1 });
  }
  return { entries: mine, hidden: hidden.sort((a, b) => b.count - a.count) };
}

/** `value changed`, `renamed to hf-token-2`, `restarted 2 of 3 Pods`: what an entry did, in words (names made one safe line). */
export function describeAction(entry: HistoryEntry): string {
  switch (entry.action) {
    case 'created':
      return 'created';
    case 'value-changed':
      return 'value changed';
    case 'description-changed':
      return 'description changed';
    case 'renamed':
      return entry.to ? `renamed to ${oneLine(entry.to)}` : 'renamed';
    case 'deleted':
      return 'deleted';
    case 'pods-restarted': {
      const pods = entry.pods ?? [];
      const ok = pods.filter((p) => p.ok);
      const failed = pods.filter((p) => !p.ok);
      const names = (list: HistoryPod[]) => list.map((p) => oneLine(p.name)).join(', ');
      return `restarted ${ok.length} of ${count(pods.length, 'Pod')}${ok.length ? ` (${names(ok)})` : ''}${failed.length ? `; not restarted: ${names(failed)}` : ''}`;
    }
  }
}

/** `api.runpod.io` or `work (api.runpod.io)`: the account of an entry. */
export function describeAccount(account: HistoryAccount): string {
  let host = account.origin;
  try {
    host = new URL(account.origin).host || account.origin;
  } catch {
    // not a URL: shown as stored
  }
  return oneLine(account.label ? `${account.label} (${host})` : host);
}

/** The entries that concern `name`: its own, and a rename to it (the rename is where its story starts). */
export function entriesFor(entries: readonly HistoryEntry[], name: string): HistoryEntry[] {
  return entries.filter((e) => e.secret === name || (e.action === 'renamed' && e.to === name));
}
