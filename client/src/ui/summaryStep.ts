/**
 * The last step of a wizard (Launch Pod, Deploy Endpoint): the action first, then one line per fact
 * of what will be sent, lines about a problem marked with a warning icon. Choosing a fact line
 * shows the step again; only the action goes on.
 */
import * as vscode from 'vscode';
import { showPickStep, type StepFrame } from './multiStepInput';
import { stepOutcome, type StepOutcome } from './stepMachine';

export interface SummaryLines {
  title: string;
  lines: readonly string[];
  /** Indexes into `lines` to mark. */
  flagged: readonly number[];
}

/**
 * @param action the first item; with `refuse`, choosing it runs that (it says why, and may offer the
 *   way out) and ends the wizard instead of going on (the summary still shows what would be sent,
 *   and why it cannot be)
 * @returns 'next' for the action, `{ goto: self }` for a fact line, or Back/cancel
 */
export async function showSummaryStep(
  frame: StepFrame,
  action: { label: string; description: string; refuse?: () => void },
  summary: SummaryLines,
  self: number,
): Promise<StepOutcome> {
  const go: vscode.QuickPickItem & { go?: true } = { label: action.label, description: action.description, go: true };
  const items: (vscode.QuickPickItem & { go?: true })[] = [
    go,
    { label: 'Summary', kind: vscode.QuickPickItemKind.Separator },
    ...summary.lines.map((line, i) => ({ label: summary.flagged.includes(i) ? line.replace(/^\s*/, (indent) => `${indent}$(warning) `) : line })),
  ];
  return stepOutcome(await showPickStep({ ...frame, items, active: go, placeholder: summary.title, matchOnDescription: false }), (item) => {
    if (!item.go) return { goto: self };
    if (action.refuse === undefined) return 'next';
    action.refuse();
    return 'cancel';
  });
}
