/**
 * Shows what the pre-launch checks found and turns the user's answer into a decision for the
 * runner: rename a misspelt reference to the suggested secret in its file, or create a missing
 * secret (then check again), open the file at the finding, or, for warnings only, go on.
 */
import { count } from '../../../../server/src/template/counts';
import * as vscode from 'vscode';
import { describeReport, isClear, secretActions, type CheckReport, type CheckTarget, type EnvSource, type Location } from '../checks';
import type { CheckUi, ChecksDecision } from '../launchPlanRunner';
import type { RunpodApi } from '../../runpod/types';
import type { Services } from '../../services';
import { accountSuffixAmong } from '../../auth/session';
import { editStillApplies, planReplacement, suggestedReplacements, type Replacement } from '../replaceReference';
import { plainName } from '../../ui/plainName';
import { NOT_DOING, thrownRefusal, type FileFlow } from '../fileRefusal';
import { openAt, showFileRefusal } from './fileRefusal';

/** How many "Replace with x" / "Create secret x" buttons fit in a dialog before it becomes unreadable. */
const MAX_SECRET_BUTTONS = 3;

/** The flows that run the checks (the flows that read files), and their words. */
const WORDS: Record<FileFlow, { anyway: string; target: CheckTarget }> = {
  launch: { anyway: 'Launch anyway', target: 'the Pod' },
  push: { anyway: 'Push anyway', target: 'the Pod' },
  deploy: { anyway: 'Deploy anyway', target: 'the workers' },
  update: { anyway: 'Update anyway', target: 'the workers' },
};

export async function showFindings(report: CheckReport, sources: readonly EnvSource[], verb: FileFlow): Promise<ChecksDecision> {
  const words = { ...WORDS[verb], not: NOT_DOING[verb] };
  const labelOf = (id: string) => sources.find((s) => s.id === id)?.label ?? id;
  const lines = describeReport(report, words.target, labelOf);
  const blocking = !isClear(report);
  // Not for a push: it has already summarised the template update it will confirm.
  const replacements = verb !== 'push' ? await possibleReplacements(report) : new Map<string, Replacement>();
  const actions = secretActions(report, (name) => replacements.has(name), MAX_SECRET_BUTTONS);
  const firstLocation: Location | undefined =
    report.blocking.find((b) => b.location)?.location ?? report.invalidKeys?.find((k) => k.location)?.location ?? report.credentials.find((c) => c.location)?.location ?? report.crossing?.find((x) => x.location)?.location;

  const buttons: string[] = actions.map((a) => a.label);
  if (firstLocation) buttons.push('Open file');
  if (!blocking) buttons.push(words.anyway);
  const message = blocking
    ? `${words.not}: ${blockingSummary(report, words.target)}.`
    : warningSummary(report, words.target);
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail: lines.join('\n') }, ...buttons);
  if (!answer) return 'cancel';
  if (answer === words.anyway) return 'proceed';
  if (answer === 'Open file' && firstLocation) {
    await openAt(firstLocation);
    return 'cancel';
  }
  const action = actions.find((a) => a.label === answer);
  if (action?.kind === 'replace') {
    const replacement = replacements.get(action.name)!;
    return (await replaceInFiles(replacement, labelOf)) ? { kind: 'replaced', replacement } : 'cancel';
  }
  if (action?.kind === 'create') {
    // The secrets part's create flow (name preset); a cancelled create simply re-checks and asks again.
    await vscode.commands.executeCommand('runpod.secrets.create', { name: action.name });
    return 'recheck';
  }
  return 'cancel';
}

/** What blocks, in a few words: the references first, then invalid variable names, then the count. */
function blockingSummary(report: CheckReport, target: CheckTarget): string {
  const n = report.blocking.length;
  if (n > 0) return `${count(n, 'secret reference')} would reach ${target} unresolved`;
  const bad = report.invalidKeys?.length ?? 0;
  if (bad > 0) return `${bad} variable name${bad === 1 ? ' is' : 's are'} not valid`;
  return 'too many environment variables';
}

/**
 * The checks' side of a flow's UI: a fresh secret list each round (never the cache: a secret
 * deleted elsewhere must block; the store is refreshed too), and this dialog for the findings.
 * @param onReplaced after a reference was renamed in its file, so the flow re-reads the file
 */
export function checksUi(
  services: Pick<Services, 'store' | 'accounts' | 'log'>,
  api: Pick<RunpodApi, 'listSecrets'>,
  sources: readonly EnvSource[],
  verb: FileFlow,
  onReplaced?: (replacement: Replacement) => Promise<void>,
): CheckUi {
  return {
    // The flow's client is bound to the account active now (auth/accountBound.ts): its list is that account's.
    accountSuffix: accountSuffixAmong(services.accounts.active, services.accounts.names),
    secretNames: async (options) => {
      const names = (await api.listSecrets(options)).map((s) => s.name);
      void services.store.refresh();
      return names;
    },
    onFindings: async (report) => {
      const decision = await showFindings(report, sources, verb);
      if (typeof decision === 'object') {
        try {
          await onReplaced?.(decision.replacement);
        } catch (error) {
          // The file refused on its re-read is said as any refusal of it, "Open file" by the same rule
          // (not as a failed check); the flow stops there, the old copy never sent.
          const refusal = thrownRefusal(error, verb);
          if (!refusal) throw error;
          void showFileRefusal(refusal, services.log);
          return 'cancel';
        }
      }
      return decision;
    },
  };
}

/**
 * The renames the dialog can offer, by unknown name: every reference to it located in a file whose
 * text still reads `{{ RUNPOD_SECRET_name }}` there (a file edited since the checks, or a
 * reference from an account template, offers Create only).
 * @param textOf each file's text: by default the open document's now (the dialog, once); a wizard's
 *   list passes the texts its step read, so a redraw opens no file (the edit checks the text again)
 */
export async function possibleReplacements(report: CheckReport, textOf?: (sourceId: string) => string | undefined): Promise<Map<string, Replacement>> {
  const out = new Map<string, Replacement>();
  const suggested = suggestedReplacements(report);
  if (suggested.length === 0) return out;
  const texts = textOf ?? (await documentTexts(report));
  for (const { from, to } of suggested) {
    const replacement = planReplacement(report, from, to, texts);
    if (replacement) out.set(from, replacement);
  }
  return out;
}

/** The current text of each file a blocking finding is in (unreadable now: none, so no rename is offered for it). */
async function documentTexts(report: CheckReport): Promise<(sourceId: string) => string | undefined> {
  const texts = new Map<string, string>();
  for (const id of new Set(report.blocking.flatMap((b) => (b.location ? [b.location.sourceId] : [])))) {
    try {
      texts.set(id, (await vscode.workspace.openTextDocument(vscode.Uri.parse(id))).getText());
    } catch {
      // Unreadable now: no rename offered for references in it.
    }
  }
  return (id) => texts.get(id);
}

/** Renames the references in their files; when the edit is refused, says so (which file) and returns false. */
export async function replaceInFiles(replacement: Replacement, labelOf: (sourceId: string) => string): Promise<boolean> {
  if (await editFiles(replacement)) return true;
  void vscode.window.showErrorMessage(`Could not replace ${replacement.from} with ${replacement.to} in ${plainName(labelOf(replacement.edits[0]!.sourceId))}.`);
  return false;
}

/**
 * Renames the references in their files as one undoable edit (the documents stay unsaved, as a quick fix leaves them).
 * Each place must still hold the name being replaced: a file typed in since its text was read (a
 * wizard's list is planned from the step's read) is not edited at all, rather than at a place that moved.
 */
async function editFiles(replacement: Replacement): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  // Later offsets first: each range is then valid whichever way the edits are applied.
  for (const e of [...replacement.edits].reverse()) {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(e.sourceId));
    if (!editStillApplies(document.getText(), e, replacement.from)) return false;
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.newText);
  }
  return vscode.workspace.applyEdit(edit);
}

/** The dialog's message for warnings only: plain credentials, then secrets of another environment. */
function warningSummary(report: CheckReport, target: string): string {
  const parts: string[] = [];
  if (report.credentials.length > 0) parts.push(`${count(report.credentials.length, 'value')} look${report.credentials.length === 1 ? 's' : ''} like a credential in plain text.`);
  const crossing = report.crossing?.length ?? 0;
  if (crossing > 0) parts.push(`${count(crossing, 'secret')} named for another environment: ${target} would boot with ${crossing === 1 ? 'it' : 'them'}.`);
  return parts.join(' ');
}
