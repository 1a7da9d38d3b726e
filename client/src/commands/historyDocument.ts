/**
 * The text of "RunPod: Show Secret History": per secret, what this editor and runpod-check did to
 * it (newest first), beside RunPod's own dates (`createdAt`, `valueLastUpdatedAt`) when the
 * secret is still on the account. Never a value: entries hold none. Pure.
 */
import { count } from '../../../server/src/template/counts';
import { accountStep } from '../../../server/src/template/environments/accounts';
import type { Secret } from '../runpod/types';
import { describeAccount, describeAction, entriesFor, timeOf, type HiddenAccount, type HistoryAccount, type HistoryEntry } from '../secrets/history';
import { formatDate } from '../../../server/src/template/dates';
import { escapeMarkdown } from '../views/markdown';
import { describeValueAge } from '../../../server/src/template/valueAge';

export interface HistoryDocumentInput {
  /** The entries of `account` (SecretHistory.all), or of every account when no account is known. */
  entries: readonly HistoryEntry[];
  /**
   * The active account, whose secrets `secrets` lists. Absent (runpod.apiUrl unusable): no entry is
   * judged "not on the account now", since no list of its account is at hand.
   */
  account?: HistoryAccount;
  /** Entries of other accounts and origins left out, per account. */
  hidden?: readonly HiddenAccount[];
  /** The active account's secrets as last listed (RunPod's dates). */
  secrets: readonly Secret[];
  now: number;
  /** Only this secret (the tree's context menu), else all. */
  name?: string;
  /** Why runpod-check's history could not be read, if it could not. */
  cliError?: string;
  /** Whether the editor holds a key of the account of that name: one it does not hold is added before it can be switched to. */
  held?: (name: string) => boolean;
}

export function renderHistoryDocument(input: HistoryDocumentInput): string {
  const lines = [input.name ? `# History of ${escapeMarkdown(input.name)}` : '# Secret history', ''];
  lines.push('What this editor and `runpod-check` did to secrets, newest first. Values are never recorded.', '');
  if (input.account) lines.push(`Account: ${escapeMarkdown(describeAccount(input.account))}.`, '');
  if (input.cliError) lines.push(`_runpod-check's history could not be read: ${escapeMarkdown(input.cliError)}_`, '');
  for (const hidden of hiddenLines(input.hidden ?? [], input.held)) lines.push(hidden, '');
  const names = input.name ? [input.name] : namesByLatest(input.entries);
  if (names.length === 0 || (input.name && entriesFor(input.entries, input.name).length === 0 && !input.secrets.some((s) => s.name === input.name))) {
    lines.push('_Nothing recorded yet._', '');
  }
  for (const name of names) {
    // Judged only against the list of the entries' own account: another account's list says nothing.
    const secret = input.account ? input.secrets.find((s) => s.name === name) : undefined;
    lines.push(`## ${escapeMarkdown(name)}${secret || !input.account ? '' : ' (not on the account now)'}`, '');
    if (secret) {
      const age = describeValueAge(secret, input.now);
      lines.push(
        `RunPod: created ${escapeMarkdown(formatDate(secret.createdAt) ?? 'unknown')}; value last updated ${escapeMarkdown(formatDate(secret.valueLastUpdatedAt) ?? 'unknown')}${age ? ` (${escapeMarkdown(age)})` : ''}.`,
        '',
      );
    }
    const entries = entriesFor(input.entries, name);
    if (entries.length === 0) lines.push('_Nothing recorded by this editor or runpod-check._');
    for (const entry of [...entries].reverse()) {
      const what = entry.action === 'renamed' && entry.secret !== name ? `renamed from ${entry.secret}` : describeAction(entry);
      lines.push(`- ${escapeMarkdown(formatDate(entry.at) ?? 'unknown')} · ${escapeMarkdown(what)} · ${entry.source === 'cli' ? 'runpod-check' : 'editor'} · ${escapeMarkdown(describeAccount(entry.account))}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** How many other accounts a hidden line names. */
const MAX_HIDDEN_NAMED = 5;

/**
 * The lines that count the entries left out. Those of a named account can be seen by switching to
 * it; those of no name cannot (runpod-check with RUNPOD_API_KEY records none, and every account of
 * the editor has one), so their line sends nobody to switch.
 */
function hiddenLines(hidden: readonly HiddenAccount[], held?: (name: string) => boolean): string[] {
  const named = hidden.filter((h) => h.account.label);
  const unnamed = hidden.filter((h) => !h.account.label);
  // An account removed (or never added here) cannot be switched to: it is added first (accountStep, the one rule).
  const notHeld = held ? [...new Set(named.map((h) => h.account.label!).filter((name) => accountStep(held(name)).kind === 'add'))] : [];
  const add = notHeld.length === 0 ? '' : ` (add ${escapeMarkdown(notHeld.slice(0, MAX_HIDDEN_NAMED).join(', '))}${notHeld.length > MAX_HIDDEN_NAMED ? ' and the others' : ''} first with ${accountStep(false).palette}: this editor holds no key of ${notHeld.length === 1 ? 'it' : 'them'})`;
  return [
    hiddenLine(named, 'of other accounts or API URLs', (h) => `${h.count} of ${describeAccount(h.account)}`, 'accounts', ` Switch to that account${add} to see them.`),
    hiddenLine(unnamed, 'recorded by runpod-check with a key of no named account', (h) => `${h.count} at ${describeAccount(h.account)}`, 'API URLs', ''),
  ].filter((line): line is string => line !== undefined);
}

/** `_Not shown: 3 entries <what> (2 of dev (api.runpod.io), 1 of 127.0.0.1:44815).<hint>_`, or undefined when none. */
function hiddenLine(hidden: readonly HiddenAccount[], what: string, item: (h: HiddenAccount) => string, more: string, hint: string): string | undefined {
  const total = hidden.reduce((sum, h) => sum + h.count, 0);
  if (total === 0) return undefined;
  // A file written against many API URLs still makes one short line: the biggest few, then a count.
  const shown = hidden.slice(0, MAX_HIDDEN_NAMED).map(item);
  const rest = hidden.length - shown.length;
  const per = [...shown, ...(rest > 0 ? [`and ${rest} more ${rest === 1 ? more.slice(0, -1) : more}`] : [])].join(', ');
  return `_Not shown: ${count(total, 'entry', 'entries')} ${what} (${escapeMarkdown(per)}).${hint}_`;
}

/** The secret names of the entries (a rename's new name too), most recently touched first. */
function namesByLatest(entries: readonly HistoryEntry[]): string[] {
  const latest = new Map<string, number>();
  for (const entry of entries) {
    const at = timeOf(entry);
    for (const name of entry.to ? [entry.secret, entry.to] : [entry.secret]) latest.set(name, Math.max(latest.get(name) ?? 0, at));
  }
  return [...latest.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}
