/**
 * RunPod: Rename Secret... (tree and palette; F2 on a reference is the language server's rename of
 * the references alone). Names are immutable on RunPod and values cannot be read back, so: ask the
 * new name and the value again, create the new secret, apply the language server's workspace edit
 * as one refactoring the user previews, offer to PATCH the account templates that use the old name
 * (showing each field-level change first), and delete the old secret last, only when a fresh look
 * finds nothing still using it, after the usual typed confirmation. Escape stops at any step; the
 * closing message says what was done and what is left (secrets/renamePlan.ts). Every step that
 * reads or writes the account does so under the account the rename started with: a switch of
 * account stops the flow there (auth/accountBound.ts), and the report says what was done in it.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { HistoryAccount } from '../secrets/history';
import { plainName } from '../ui/plainName';
import { describeUse } from '../secrets/accountUsages';
import { renameReport, templatePatches, type RenameProgress, type WorkspaceOutcome } from '../secrets/renamePlan';
import { leftOutSentence, renameLeftOut } from '../lsp/otherAccounts';
import { indexUnavailableReason, parseRenameEdit, rangesAfterReplacing, type RenameReplacement } from '../secrets/workspaceIndex';
import { runSteps, stepOutcome } from '../ui/stepMachine';
import { failureMessage } from '../views/errorText';
import { confirmAndDelete } from './delete';
import { findSecretUsages } from './findUsages';
import { findSecret, resolveSecretToChange } from './pickSecret';
import { askSecretName, createWithProgress, newSecretNameRule } from './secretSteps';
import { askSecretValue } from './valueInput';
import { accountBound, doneInText, isClientChanged, readWhileActive, type BoundFlow, type ClientChangedError } from '../auth/accountBound';

/** A switch before the new secret exists: nothing was done, so the rename can start over. */
const RENAME_FLOW: BoundFlow = { name: 'Rename Secret', title: 'RunPod: Rename Secret...', nothing: 'nothing was changed' };

/** A switch once the new secret exists in `account`: the report says what was done there and what is left. */
function renameStartedIn(account: string): BoundFlow {
  return { ...RENAME_FLOW, nothing: 'it stopped there', again: `See what was done in account ${account} and what is left` };
}

const RENAME_COMMAND = 'runpod.secrets.rename';

/** Registers `runpod.secrets.rename`; accepts a tree node, a name, or nothing (quick pick). */
export function register(services: Services): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(RENAME_COMMAND, (arg?: unknown) => renameSecret(services, arg)));
}

async function renameSecret(services: Services, arg: unknown): Promise<void> {
  const account = services.accounts.active; // every step acts under this account or not at all
  const from = await resolveSecretToChange(services, arg, 'Rename Secret');
  if (!from) return;
  const old = findSecret(services, from);
  if (!old) {
    void vscode.window.showWarningMessage(`${from} is not in the loaded list of secrets. Refresh the RunPod Secrets view and try again.`);
    return;
  }
  const title = `RunPod: Rename Secret ${from}`;
  let to = '';
  let value = '';
  const nameRule = newSecretNameRule(services);
  const nameStep = async () => {
    const prompt = `New name for ${from}. RunPod cannot rename a secret: a new one is created, the references moved, and ${from} deleted last.`;
    const answer = await askSecretName(services, { title, step: 1, totalSteps: 2 }, to, prompt, (typed) =>
      typed.trim() === from ? { message: `That is the current name. Type the new name for ${from}.`, severity: 'error' } : nameRule(typed),
    );
    return stepOutcome(answer, (typed) => {
      to = typed.trim();
      return 'next' as const;
    });
  };
  const valueStep = async () => {
    const outcome = await askSecretValue(services, { title, secretName: to, step: 2, totalSteps: 2, back: true });
    if (outcome.kind !== 'value') return outcome.kind;
    value = outcome.value;
    return 'next' as const;
  };
  if (!(await runSteps([nameStep, valueStep]))) return;

  const progress: RenameProgress = { from, to, created: false };
  // The rename is recorded in the account the new secret was created in, even if a switch came meanwhile.
  let createdIn: HistoryAccount | undefined;
  // The description goes along: it says what the secret is for, whatever its name.
  if (!(await createWithProgress(services, to, value, old.description ?? '', { account, flow: RENAME_FLOW }, (where) => (createdIn = where)))) return;
  progress.created = true;

  // The workspace files are not the account's: their references move whichever account is active.
  progress.workspace = await moveWorkspaceReferences(services, from, to);
  if (createdIn) void services.lifecycle.history.record('renamed', from, createdIn, { to });

  const flow = renameStartedIn(account);
  try {
    const templates = await updateTemplates(services, from, to, account, flow);
    if (templates === 'cancelled') {
      progress.cancelledAt = 'updating account templates';
      return finish(services, progress, account);
    }
    progress.templates = templates;
    if (templates.stopped) return finish(services, progress, account, templates.stopped);
    progress.old = await deleteOld(services, progress, account, flow);
  } catch (error) {
    if (!isClientChanged(error)) throw error;
    return finish(services, progress, account, error);
  }
  return finish(services, progress, account);
}

/** The language server's edit, applied as one refactoring with a preview; says what became of it. */
async function moveWorkspaceReferences(services: Services, from: string, to: string): Promise<WorkspaceOutcome> {
  let raw: unknown;
  try {
    raw = await services.lifecycle.index.renameSecret({ from, to });
  } catch (error) {
    return { kind: 'unavailable', reason: indexUnavailableReason(error) };
  }
  const replacements = parseRenameEdit(raw, to);
  if (replacements === undefined) return { kind: 'unavailable', reason: 'the language server answered with an edit that is not a rename' };
  if (replacements === null) return { kind: 'unavailable', reason: `the language server refused ${to} as a name` };
  // Files of another account's environment keep their references: there `from` is that account's secret.
  const leftOut = leftOutSentence(renameLeftOut(raw));
  if (replacements.length === 0) return { kind: 'none', ...(leftOut ? { leftOut } : {}) };
  const files = new Set(replacements.map((r) => r.uri)).size;
  // VS Code's refactor preview starts every change that needs confirmation unticked, so the preview
  // is offered, not forced: Rename applies the server's edit as it is, Preview lets the user choose.
  const choice = await vscode.window.showInformationMessage(
    `Rename ${plural(replacements.length, 'reference')} in ${plural(files, 'workspace file')} from ${from} to ${to}?`,
    { modal: true, detail: `${leftOut ? `${leftOut}\n` : ''}Rename applies the change as one undoable edit. Preview… opens the refactor preview, where you tick the changes to apply.` },
    'Rename',
    'Preview…',
  );
  if (choice === undefined) return { kind: 'declined', ...(leftOut ? { leftOut } : {}) };
  const edit = new vscode.WorkspaceEdit();
  const metadata = choice === 'Preview…' ? { needsConfirmation: true, label: `Rename secret ${from} to ${to}`, description: 'RunPod secret reference' } : undefined;
  for (const r of replacements) {
    const range = new vscode.Range(r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character);
    if (metadata) edit.replace(vscode.Uri.parse(r.uri), range, r.newText, metadata);
    else edit.replace(vscode.Uri.parse(r.uri), range, r.newText);
  }
  // isRefactoring makes it one undo step.
  if (!(await vscode.workspace.applyEdit(edit, { isRefactoring: true }))) return { kind: 'declined', ...(leftOut ? { leftOut } : {}) };
  // What the report says is what the files now hold: a preview may have applied only some changes.
  const done = await appliedReplacements(replacements);
  if (done.edits === 0) return { kind: 'declined', ...(leftOut ? { leftOut } : {}) };
  return { kind: 'applied', edits: done.edits, files: done.files, skipped: replacements.length - done.edits, ...(leftOut ? { leftOut } : {}) };
}

/** How many of the rename's replacements the documents now hold (and in how many files). */
async function appliedReplacements(replacements: readonly RenameReplacement[]): Promise<{ edits: number; files: number }> {
  let edits = 0;
  const files = new Set<string>();
  for (const [uri, ranges] of rangesAfterReplacing(replacements)) {
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    } catch {
      continue;
    }
    for (const { range, newText } of ranges) {
      if (document.getText(new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character)) !== newText) continue;
      edits++;
      files.add(uri);
    }
  }
  return { edits, files: files.size };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Offers the template PATCHes (each change summarised first); 'cancelled' when the dialog is
 * dismissed. Only `account`'s templates: a switch before or while they are listed throws; one
 * while they are updated stops the updates, the rest counted as not updated (`stopped`).
 */
async function updateTemplates(
  services: Services,
  from: string,
  to: string,
  account: string,
  flow: BoundFlow,
): Promise<(NonNullable<RenameProgress['templates']> & { stopped?: ClientChangedError }) | 'cancelled'> {
  const snapshot = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Looking for account templates that use ${from}…` }, () =>
    readWhileActive(services, account, flow, () => services.lifecycle.account.snapshot({ fresh: true })),
  );
  if ('error' in snapshot.template) return { updated: [], failed: [{ name: '(all)', reason: `account templates could not be listed: ${snapshot.template.error}` }], skipped: [] };
  const patches = templatePatches(snapshot.template.items, from, to);
  if (patches.length === 0) return { updated: [], failed: [], skipped: [] };
  const names = patches.map((p) => p.template.name);
  const detail = [
    ...patches.map((p) => `• ${p.template.name} (${p.template.id}): ${p.summary}`),
    '',
    `Each template's env is sent whole, with ${from} replaced by ${to}. Pods already created keep the settings they started with.`,
  ].join('\n');
  const answer = await vscode.window.showWarningMessage(
    `Update ${patches.length} account template${patches.length === 1 ? '' : 's'} to use ${to}?`,
    { modal: true, detail },
    'Update Templates',
    'Skip',
  );
  if (answer === undefined) return 'cancelled';
  if (answer === 'Skip') return { updated: [], failed: [], skipped: names };
  const window = await services.getApi();
  const api = window && accountBound(window, services.accounts, () => services.getApi(), flow, account);
  const result: NonNullable<RenameProgress['templates']> & { stopped?: ClientChangedError } = { updated: [], failed: [], skipped: [] };
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Updating account templates' }, async (report) => {
    for (const patch of patches) {
      if (result.stopped) {
        result.skipped.push(patch.template.name);
        continue;
      }
      report.report({ message: plainName(patch.template.name) });
      try {
        if (!api) throw new Error('No API key is set.');
        await api.updateTemplate(patch.template.id, { env: patch.env });
        result.updated.push(patch.template.name);
      } catch (error) {
        if (isClientChanged(error)) {
          result.stopped = error;
          result.skipped.push(patch.template.name);
          continue;
        }
        const message = failureMessage(`Updating template ${patch.template.name}`, error);
        services.log.error(message);
        result.failed.push({ name: patch.template.name, reason: message });
      }
    }
  });
  return result;
}

/**
 * Deletes the old secret when a fresh look finds nothing using it (typed confirmation); otherwise
 * says why it stays. Throws the ClientChangedError once `account` is no longer active (before or
 * while the uses are listed, or while the delete is confirmed): the uses listed would be another
 * account's.
 */
async function deleteOld(services: Services, progress: RenameProgress, account: string, flow: BoundFlow): Promise<RenameProgress['old']> {
  const { from } = progress;
  if (progress.workspace?.kind === 'declined' || progress.workspace?.kind === 'unavailable') {
    return { kind: 'kept', reason: 'workspace files may still reference it.' };
  }
  const usages = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking what still uses ${from}…` }, () =>
    readWhileActive(services, account, flow, () => findSecretUsages(services, from, { fresh: true })),
  );
  if (usages.account.length > 0) {
    const uses = usages.account.map(describeUse);
    return { kind: 'kept', reason: `still used by ${uses.slice(0, 5).join(', ')}${uses.length > 5 ? ` and ${uses.length - 5} more` : ''}.` };
  }
  if (usages.accountUnchecked.length > 0) return { kind: 'kept', reason: `the account could not be checked (${usages.accountUnchecked[0]!.reason}).` };
  if (usages.files.length > 0) return { kind: 'kept', reason: `${plural(usages.files.length, 'workspace file')} still reference${usages.files.length === 1 ? 's' : ''} it.` };
  // A switch while it asks throws (the report is then the one message); a failed call is said in the report, not beside it.
  const outcome = await confirmAndDelete(services, from, usages, account, flow);
  if (outcome.kind === 'deleted') return { kind: 'deleted' };
  return { kind: 'kept', reason: outcome.kind === 'failed' ? outcome.message : 'not deleted (cancelled).' };
}

/**
 * The closing report; after a switch of account (`stopped`), headed by why the flow stopped and
 * naming the account it acted in. A switch while the old secret's DELETE was in flight does not
 * stop it (the closing client lets it finish): the report then says which account it all happened in.
 */
async function finish(services: Services, progress: RenameProgress, account: string, stopped?: ClientChangedError): Promise<void> {
  const report = renameReport(progress);
  const message = stopped ? stopped.message : `${report.message}${doneInText(account, services.accounts.active)}`;
  const detail = stopped ? `${report.detail}\nAll of the above is in account ${stopped.from}.` : report.detail;
  services.log.info(`${message}\n${detail}`);
  if (report.complete && !stopped) void vscode.window.showInformationMessage(message);
  else await vscode.window.showWarningMessage(message, { modal: true, detail });
}
