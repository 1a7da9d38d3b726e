/**
 * The last step of a wizard (Launch Pod, Deploy Endpoint): the action first, then one line per fact
 * of what will be sent, lines about a problem marked with a warning icon. Choosing a fact line
 * shows the step again; only the action goes on. When the summary already knows the check before
 * the create will stop (a secret not on the account), the wizard's fix rows (Replace a misspelt
 * reference) and a Create row per missing secret come first, and the action says where it will stop.
 */
import * as vscode from 'vscode';
import { showPickStep, type StepFrame } from './multiStepInput';
import { stepOutcome, type StepOutcome } from './stepMachine';
import { noIcons } from './plainName';
import { oneLine } from '../../../server/src/template/displayText';

/** A wizard's summary (launch/summary.ts, serverless/deploySummary.ts), by shape: this step knows no wizard. */
export interface SummaryLines {
  title: string;
  /** Secrets the check before the create will find missing and worth creating (no typo of one the account has): a Create row each. */
  missing: readonly string[];
  /** What that check will stop on, as counted phrases (`1 secret not on your account`). */
  stops: readonly string[];
  lines: readonly string[];
  /** Indexes into `lines` to mark. */
  flagged: readonly number[];
}

/** How many Create rows the summary offers before the action; more missing secrets are still counted on the action's row. */
export const MAX_CREATE_ROWS = 3;

/** A row that creates a missing secret (its name preset) when chosen. */
export type CreateRow = vscode.QuickPickItem & { create: string };

/**
 * One Create row per secret a check will find missing (the first few): a step that foresees the
 * check stopping puts them first and active, so Enter does the useful thing, not the step that stops.
 */
export function createSecretRows(missing: readonly string[]): CreateRow[] {
  return missing.slice(0, MAX_CREATE_ROWS).map((name) => ({ label: `$(add) Create secret ${name}…`, create: name }));
}

/** Runs a Create row's command: the secrets part's create flow, its name preset (a cancelled create leaves the step as it was). */
export async function runCreateRow(row: CreateRow): Promise<void> {
  await vscode.commands.executeCommand('runpod.secrets.create', { name: row.create });
}

/** A summary line as a quick pick row, by the quick pick's label rule; a flagged one gets the warning icon after its indent. */
export function summaryRow(line: string, flagged: boolean): vscode.QuickPickItem {
  const safe = noIcons(oneLine(line));
  return { label: flagged ? safe.replace(/^\s*/, (indent) => `${indent}$(warning) `) : safe };
}

/** Rows a wizard puts before the Create rows, and what choosing one does (the step then shows again). */
export interface FixRows<F extends vscode.QuickPickItem> {
  rows: readonly F[];
  run(row: F): Promise<void>;
}

/**
 * @param action the first item after the Create rows; with `refuse`, choosing it runs that (it says why, and may offer
 *   the way out) and ends the wizard instead of going on (the summary still shows what would be sent,
 *   and why it cannot be); a refusal stands alone, without fix or Create rows or the check's stops
 * @param fixes the wizard's rows that fix what the check would stop on (Deploy Endpoint's Replace rows), first of all
 * @returns 'next' for the action, `{ goto: self }` for a fact line, a fix or a Create row (once it ran), or Back/cancel
 */
export async function showSummaryStep<F extends vscode.QuickPickItem>(
  frame: StepFrame,
  action: { label: string; description: string; refuse?: () => void },
  summary: SummaryLines,
  self: number,
  fixes?: FixRows<F>,
): Promise<StepOutcome> {
  type Row = vscode.QuickPickItem & { go?: true; create?: string; fix?: F };
  const foreseen: Pick<SummaryLines, 'missing' | 'stops'> = action.refuse ? { missing: [], stops: [] } : summary;
  const go: Row = { label: actionLabel(action.label, foreseen), description: action.description, go: true };
  // The check (against a fresh list) would stop on a missing secret anyway: its fixes come first, so Enter
  // does the useful thing; the wizard rebuilds the summary from the store and its files when the step shows again.
  const fixRows: Row[] = [...(action.refuse ? [] : (fixes?.rows ?? []).map((fix) => ({ ...fix, fix }))), ...createSecretRows(foreseen.missing)];
  const items: Row[] = [
    ...fixRows,
    go,
    { label: 'Summary', kind: vscode.QuickPickItemKind.Separator },
    // A line names what a file or the API holds (a Pod's name, an image): one line, and only our own icon drawn.
    ...summary.lines.map((line, i) => summaryRow(line, summary.flagged.includes(i))),
  ];
  return stepOutcome(await showPickStep({ ...frame, items, active: fixRows[0] ?? go, placeholder: summary.title, matchOnDescription: false }), async (item) => {
    if (item.fix !== undefined) await fixes?.run(item.fix);
    if (item.create !== undefined) await runCreateRow({ ...item, create: item.create });
    if (!item.go) return { goto: self };
    if (action.refuse === undefined) return 'next';
    action.refuse();
    return 'cancel';
  });
}

/** `Launch (stops at the check: 1 secret not on your account)`: what pressing the action does when the summary foresees the check refusing. */
function actionLabel(action: string, foreseen: Pick<SummaryLines, 'stops'>): string {
  return foreseen.stops.length === 0 ? action : `${action} (stops at the check: ${foreseen.stops.join(', ')})`;
}
