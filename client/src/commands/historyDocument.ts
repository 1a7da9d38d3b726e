/**
 * The text of "RunPod: Show Secret History": per secret, what this editor and runpod-check did to
 * it (newest first), beside RunPod's own dates (`createdAt`, `valueLastUpdatedAt`) when the
 * secret is still on the account. Never a value: entries hold none. Pure.
 */
import type { Secret } from '../runpod/types';
import { describeAccount, describeAction, entriesFor, type HistoryEntry } from '../secrets/history';
import { escapeMarkdown, formatTimestamp } from '../views/markdown';
import { describeValueAge } from '../../../server/src/template/valueAge';

export interface HistoryDocumentInput {
  entries: readonly HistoryEntry[];
  /** The account's secrets as last listed (RunPod's dates). */
  secrets: readonly Secret[];
  now: number;
  /** Only this secret (the tree's context menu), else all. */
  name?: string;
  /** Why runpod-check's history could not be read, if it could not. */
  cliError?: string;
}

export function renderHistoryDocument(input: HistoryDocumentInput): string {
  const lines = [input.name ? `# History of ${escapeMarkdown(input.name)}` : '# Secret history', ''];
  lines.push('What this editor and `runpod-check` did to secrets, newest first. Values are never recorded.', '');
  if (input.cliError) lines.push(`_runpod-check's history could not be read: ${escapeMarkdown(input.cliError)}_`, '');
  const names = input.name ? [input.name] : namesByLatest(input.entries);
  if (names.length === 0 || (input.name && entriesFor(input.entries, input.name).length === 0 && !input.secrets.some((s) => s.name === input.name))) {
    lines.push('_Nothing recorded yet._', '');
  }
  for (const name of names) {
    const secret = input.secrets.find((s) => s.name === name);
    lines.push(`## ${escapeMarkdown(name)}${secret ? '' : ' (not on the account now)'}`, '');
    if (secret) {
      const age = describeValueAge(secret, input.now);
      lines.push(
        `RunPod: created ${escapeMarkdown(formatTimestamp(secret.createdAt) ?? 'unknown')}; value last updated ${escapeMarkdown(formatTimestamp(secret.valueLastUpdatedAt) ?? 'unknown')}${age ? ` (${escapeMarkdown(age)})` : ''}.`,
        '',
      );
    }
    const entries = entriesFor(input.entries, name);
    if (entries.length === 0) lines.push('_Nothing recorded by this editor or runpod-check._');
    for (const entry of [...entries].reverse()) {
      const what = entry.action === 'renamed' && entry.secret !== name ? `renamed from ${entry.secret}` : describeAction(entry);
      lines.push(`- ${escapeMarkdown(formatTimestamp(entry.at) ?? 'unknown')} · ${escapeMarkdown(what)} · ${entry.source === 'cli' ? 'runpod-check' : 'editor'} · ${escapeMarkdown(describeAccount(entry.account))}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** The secret names of the entries (a rename's new name too), most recently touched first. */
function namesByLatest(entries: readonly HistoryEntry[]): string[] {
  const latest = new Map<string, number>();
  for (const entry of entries) {
    const at = Date.parse(entry.at);
    for (const name of entry.to ? [entry.secret, entry.to] : [entry.secret]) latest.set(name, Math.max(latest.get(name) ?? 0, at));
  }
  return [...latest.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}
