/**
 * The text of View Secret's read-only document: metadata, the value's age, where the secret is
 * used (workspace files, the account's templates, Pods and endpoints) and what this editor and the
 * command line did to it. Never the value (the API cannot return it anyway). Pure; `view.ts`
 * serves it under the `runpod-secret` scheme.
 */
import type { Secret } from '../runpod/types';
import { describeUseKeys, type AccountResourceKind } from '../secrets/accountUsages';
import { describeAccount, describeAction, type HistoryEntry } from '../secrets/history';
import { countUsages, describeHit, secretReference, type SecretUsages } from '../secrets/references';
import { formatDate } from '../../../server/src/template/dates';
import { escapeMarkdown } from '../views/markdown';
import { describeValueAge, isRotationDue } from '../../../server/src/template/valueAge';
import { uncheckedNotes } from './deleteFlow';
import { nameLabel, pathLabel } from '../ui/plainName';
import { oneLine } from '../../../server/src/template/displayText';
import { ROTATE_SECRET_PALETTE } from '../../../server/src/template/nextSteps';

/** What the document is judged against besides the secret: the clock and policy for the value's age, the history. */
export interface SecretDocumentContext {
  now?: number;
  rotationDays?: number;
  history?: readonly HistoryEntry[];
}

const SECTION: Record<AccountResourceKind, string> = { template: 'Account templates', pod: 'Pods', endpoint: 'Serverless endpoints' };

/** Renders the Markdown shown by View Secret. `usages` undefined means the search has not run. */
export function renderSecretDocument(secret: Secret, usages: SecretUsages | undefined, context: SecretDocumentContext = {}): string {
  const lines: string[] = [`# ${escapeMarkdown(nameLabel(secret.name))}`, ''];
  lines.push(`- **Description:** ${secret.description ? escapeMarkdown(secret.description) : '_none_'}`);
  lines.push(`- **Created:** ${escapeMarkdown(formatDate(secret.createdAt) ?? 'unknown')}`);
  lines.push(`- **Value last updated:** ${escapeMarkdown(formatDate(secret.valueLastUpdatedAt) ?? 'unknown')}`);
  const age = context.now === undefined ? undefined : describeValueAge(secret, context.now);
  if (age && context.now !== undefined) {
    const due = context.rotationDays !== undefined && isRotationDue(secret, context.now, context.rotationDays);
    lines.push(`- **Value age:** ${escapeMarkdown(age)}${due ? ` — **due for rotation** (older than ${context.rotationDays} days): run ${ROTATE_SECRET_PALETTE}` : ''}`);
  }
  lines.push(`- **Reference:** \`${secretReference(nameLabel(secret.name)).replace(/`/g, "'")}\``);
  lines.push('- **Value:** write-only. RunPod never returns a secret value; use Edit Secret Value or Rotate Secret to replace it.');
  lines.push('', '## Where it is used', '');
  if (!usages) {
    lines.push('_Searching…_');
  } else {
    lines.push(...usageLines(usages));
  }
  if (context.history) lines.push(...historyLines(context.history));
  return lines.join('\n') + '\n';
}

function usageLines(usages: SecretUsages): string[] {
  const lines: string[] = [];
  if (countUsages(usages) === 0) lines.push('No references found.', '');
  if (usages.files.length > 0) {
    lines.push('### Workspace files', '');
    for (const file of usages.files) {
      for (const hit of file.hits) {
        const about = describeHit(hit);
        // A repository names the files and the API the resources: one list item each, a line break shown as its escape.
        lines.push(`- ${escapeMarkdown(pathLabel(file.path))}, line ${hit.line + 1}${about ? ` (${escapeMarkdown(nameLabel(about))})` : ''}`);
      }
    }
    lines.push('');
  }
  for (const kind of ['template', 'pod', 'endpoint'] as const) {
    const uses = usages.account.filter((u) => u.kind === kind);
    if (uses.length === 0) continue;
    lines.push(`### ${SECTION[kind]}`, '');
    for (const use of uses) {
      const status = use.status ? `, ${use.status}` : '';
      lines.push(`- ${escapeMarkdown(nameLabel(use.name))} (${escapeMarkdown(nameLabel(use.id + status))}): ${escapeMarkdown(nameLabel(describeUseKeys(use)))}`);
    }
    lines.push('');
  }
  for (const note of uncheckedNotes(usages)) lines.push(`_${escapeMarkdown(oneLine(note))}_`, '');
  return lines;
}

function historyLines(history: readonly HistoryEntry[]): string[] {
  const lines = ['## History', ''];
  if (history.length === 0) return [...lines, '_Nothing recorded by this editor or runpod-check._', ''];
  for (const entry of [...history].reverse()) {
    lines.push(`- ${escapeMarkdown(formatDate(entry.at) ?? 'unknown')}: ${escapeMarkdown(describeAction(entry))} (${entry.source === 'cli' ? 'runpod-check' : 'editor'}, ${escapeMarkdown(describeAccount(entry.account))})`);
  }
  return [...lines, ''];
}
