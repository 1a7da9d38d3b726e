/**
 * The last step of a wizard (Launch Pod, Deploy Endpoint): the action first, then one line per fact
 * of what will be sent, lines about a problem marked with a warning icon. Choosing a fact line
 * shows the step again; only the action goes on.
 */
import * as vscode from 'vscode';
import { showPickStep, type StepFrame } from './multiStepInput';
import { stepOutcome, type StepOutcome } from './stepMachine';
import { noIcons } from './plainName';
import { oneLine } from '../../../server/src/template/displayText';

export interface SummaryLines {
  title: string;
  lines: readonly string[];
  /** Indexes into `lines` to mark. */
  flagged: readonly number[];
}

/** A row above the action that fixes what the summary already knows would stop it (Create secret x…). */
export interface SummaryFix {
  label: string;
  /** Runs the fix; the step then shows again, rebuilt by the wizard from what changed. */
  run(): Promise<unknown>;
}

/**
 * @param action the first item after `fixes`; with `refuse`, choosing it runs that (it says why, and may offer the
 *   way out) and ends the wizard instead of going on (the summary still shows what would be sent,
 *   and why it cannot be)
 * @returns 'next' for the action, `{ goto: self }` for a fact line, or Back/cancel
 */
/** A summary line as a quick pick row, by the quick pick's label rule; a flagged one gets the warning icon after its indent. */
export function summaryRow(line: string, flagged: boolean): vscode.QuickPickItem {
  const safe = noIcons(oneLine(line));
  return { label: flagged ? safe.replace(/^\s*/, (indent) => `${indent}$(warning) `) : safe };
}

export async function showSummaryStep(
  frame: StepFrame,
  action: { label: string; description: string; refuse?: () => void },
  summary: SummaryLines,
  self: number,
  fixes: readonly SummaryFix[] = [],
): Promise<StepOutcome> {
  type Row = vscode.QuickPickItem & { go?: true; fix?: SummaryFix };
  const go: Row = { label: action.label, description: action.description, go: true };
  // A known problem's fix comes first, so Enter does the useful thing; the action stays one row below.
  const fixRows: Row[] = fixes.map((fix) => ({ label: fix.label, fix }));
  const items: Row[] = [
    ...fixRows,
    go,
    { label: 'Summary', kind: vscode.QuickPickItemKind.Separator },
    // A line names what a file or the API holds (a Pod's name, an image): one line, and only our own icon drawn.
    ...summary.lines.map((line, i) => summaryRow(line, summary.flagged.includes(i))),
  ];
  return stepOutcome(await showPickStep({ ...frame, items, active: fixRows[0] ?? go, placeholder: summary.title, matchOnDescription: false }), async (item) => {
    if (item.fix) await item.fix.run();
    if (!item.go) return { goto: self };
    if (action.refuse === undefined) return 'next';
    action.refuse();
    return 'cancel';
  });
}
