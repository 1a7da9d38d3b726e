/**
 * RunPod: Rename Secret... (tree and palette; F2 on a reference is the language server's rename of
 * the references alone). Names are immutable on RunPod and values cannot be read back, so: ask the
 * new name and the value again, create the new secret, apply the language server's workspace edit
 * as one refactoring the user previews (when the files do not hold all of it, the user says whether
 * to apply the rest, preview it again or stop there, before anything else is changed), offer to
 * PATCH the account templates that use the old name (showing each field-level change first), and
 * record the rename once every reference moved; delete the old secret last, only when a fresh look
 * finds nothing still using it, after the usual typed confirmation. Escape stops at any step; the
 * closing message says what was done and what is left (secrets/renamePlan.ts). Every step that
 * reads or writes the account does so under the account the rename started with: a switch of
 * account stops the flow there (auth/accountBound.ts), and the report says what was done in it.
 * A new name that exists already (a rename stopped partway made it) is continued into after a
 * confirmation: no create and no value, the existing secret's value untouched, the rest as above.
 */
import { count, plural } from '../../../server/src/template/counts';
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { HistoryAccount } from '../secrets/history';
import { plainName } from '../ui/plainName';
import { hasSecretNameCharsOnly } from '../../../server/src/template/names';
import { describeUses } from '../secrets/accountUsages';
import { RENAME_SECRET_COMMAND, renameReport, templatePatches, templatePatchLine, type RenameProgress, type WorkspaceOutcome } from '../secrets/renamePlan';
import { leftOutSentence, renameLeftOut } from '../lsp/otherAccounts';
import { incompleteSentence, renameIncomplete } from '../lsp/renameIncomplete';
import { indexUnavailableReason, parseRenameEdit, type RenameReplacement } from '../secrets/workspaceIndex';
import { appliedState, type AppliedState, type PlannedReplacement, type TextAt } from './renameApplied';
import { runSteps, stepOutcome } from '../ui/stepMachine';
import { wizardRun } from '../ui/wizardMemory';
import { failureMessage } from '../views/errorText';
import { confirmAndDelete } from './delete';
import { findSecretUsages } from './findUsages';
import { findSecret, resolveSecretToChange } from './pickSecret';
import { createWithProgress, renameTargetRule, sayIfSwitched, sayIfSwitchedOnCancel } from './secretSteps';
import { showInputStep } from '../ui/multiStepInput';
import { askSecretValue } from './valueInput';
import { accountBound, assertActive, doneInText, isClientChanged, readWhileActive, type BoundFlow, type ClientChangedError } from '../auth/accountBound';
import { VIEW_NAMES } from '../views/viewNames';
import { withDelayedProgress } from '../ui/delayedProgress';

/** A switch before the new secret exists: nothing was done, so the rename can start over. */
const RENAME_FLOW: BoundFlow = { name: 'Rename Secret', title: 'RunPod: Rename Secret...', nothing: 'nothing was changed' };

/** A switch once the new secret exists in `account`: the report says what was done there and what is left. */
function renameStartedIn(account: string): BoundFlow {
  return { ...RENAME_FLOW, nothing: 'it stopped there', again: `See what was done in account ${account} and what is left` };
}

/**
 * Registers `runpod.secrets.rename`; accepts a tree node, a name, `{ name, to }` (F2's note and the
 * closing report: the new name filled in, still confirmed with Enter), or nothing (quick pick).
 */
export function register(services: Services): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(RENAME_SECRET_COMMAND, (arg?: unknown) => renameSecret(services, arg)));
}

async function renameSecret(services: Services, arg: unknown): Promise<void> {
  const account = services.accounts.active; // every step acts under this account or not at all
  // The new name a cancelled run of this rename in this account was given (never its value: wizardMemory.ts), unless the call names one.
  const memory = wizardRun<{ from: string; to: string }>(services.context, 'rename-secret', services.accounts);
  // A cancel may be Switch Account's picker hiding this one: then it is said (secretSteps.ts).
  const from = await resolveSecretToChange(services, arg, 'Rename Secret', { account, flow: RENAME_FLOW });
  if (!from) return;
  const old = findSecret(services, from);
  if (!old) {
    void vscode.window.showWarningMessage(`${from} is not in the loaded list of secrets. Refresh the RunPod ${VIEW_NAMES['runpod.secrets']} view and try again.`);
    return;
  }
  const title = `RunPod: Rename Secret ${from}`;
  const recalled = memory.recalled;
  let to = newNameOf(arg) || (recalled.from === from ? (recalled.to ?? '') : '');
  let value = '';
  const nameRule = renameTargetRule(services, from);
  // A name that exists already: a rename stopped partway is continued into it (no create, no value).
  const exists = (name: string) => findSecret(services, name) !== undefined;
  const nameStep = async () => {
    const prompt = `New name for ${from}. RunPod cannot rename a secret: a new one is created, the references moved, and ${from} deleted last.`;
    const answer = await showInputStep({
      title,
      step: 1,
      // A name that exists skips the value step: the count says so as soon as it is typed. The
      // current name exists too, but it is refused (nameRule), so it decides nothing.
      totalStepsFor: (typed) => (typed.trim() !== from && exists(typed.trim()) ? 1 : 2),
      value: to,
      prompt,
      validate: nameRule,
      placeholder: '', // no example: the usual one may be the very name being renamed
    });
    return stepOutcome(answer, (typed) => {
      to = typed.trim();
      return 'next' as const;
    });
  };
  const valueStep = async () => {
    if (exists(to)) return 'skip' as const;
    const outcome = await askSecretValue(services, { title, secretName: to, copyOf: from, step: 2, totalSteps: 2, back: true });
    if (outcome.kind !== 'value') return outcome.kind;
    value = outcome.value;
    return 'next' as const;
  };
  const completed = await runSteps([nameStep, valueStep]);
  // Kept until the rename acts: a create that fails, or a continuation declined, changed nothing.
  memory.keep(() => ({ from, to }));
  if (!completed) return sayIfSwitchedOnCancel(services, account, RENAME_FLOW);

  const resumed = exists(to);
  const progress: RenameProgress = { from, to, created: false, ...(resumed ? { resumed } : {}) };
  // The rename is recorded in the account the new secret was created in, even if a switch came meanwhile.
  let createdIn: HistoryAccount | undefined;
  if (resumed) {
    if (!(await sayIfSwitched(services, () => confirmResume(services, from, to, account)))) return;
    createdIn = services.lifecycle.history.activeAccount();
  } else {
    // The description goes along: it says what the secret is for, whatever its name.
    if (!(await createWithProgress(services, to, value, old.description ?? '', { account, flow: RENAME_FLOW }, (where) => (createdIn = where)))) return;
  }
  progress.created = true;
  // The new secret exists now (created, or continued into): a next run starts afresh.
  memory.forget();

  // The workspace files are not the account's, but a file of an environment declared for another
  // account keeps its references: the server judges that against `account`, where the new secret
  // was made, even if another is active by now.
  const workspace = await moveWorkspaceReferences(services, from, to, account, resumed);
  progress.workspace = workspace.outcome;
  if (workspace.stopped) {
    progress.cancelledAt = 'renaming workspace references';
    return finish(services, progress, account);
  }

  const flow = renameStartedIn(account);
  try {
    const templates = await updateTemplates(services, from, to, account, flow);
    if ('cancelled' in templates) {
      // They were listed: the report names them as not updated, not as "not checked yet".
      progress.templates = { updated: [], failed: [], skipped: templates.cancelled };
      progress.cancelledAt = 'updating account templates';
      return finish(services, progress, account);
    }
    progress.templates = templates;
    if (templates.stopped) return finish(services, progress, account, templates.stopped);
    // The history says "renamed" once every reference the flow can move was moved; until then it
    // holds what happened: the new secret was created (recorded by the store).
    if (createdIn && referencesMoved(progress)) void services.lifecycle.history.record('renamed', from, createdIn, { to });
    progress.old = await deleteOld(services, progress, account, flow);
  } catch (error) {
    if (!isClientChanged(error)) throw error;
    return finish(services, progress, account, error);
  }
  return finish(services, progress, account);
}

/** The new name a caller filled in (`{ name, to }`), if it is one a secret name could be; else ''. */
function newNameOf(arg: unknown): string {
  const to = typeof arg === 'object' && arg !== null ? (arg as { to?: unknown }).to : undefined;
  return typeof to === 'string' && hasSecretNameCharsOnly(to) ? to : '';
}

/**
 * Asked when `to` exists already (a rename stopped partway left it): continue into it, its value
 * untouched? Asked under `account` only (a switch while the name was typed stops here, nothing done).
 */
async function confirmResume(services: Services, from: string, to: string, account: string): Promise<boolean> {
  // A fresh list first: references must never be moved to a secret that is gone, nor the old one deleted for it.
  await readWhileActive(services, account, RENAME_FLOW, () => services.store.refresh());
  if (services.store.state.kind !== 'fresh' || !findSecret(services, to) || !findSecret(services, from)) {
    const why = services.store.state.kind === 'fresh' ? `${!findSecret(services, to) ? to : from} is no longer on the account` : 'the list of secrets could not be refreshed (try again once RunPod answers)';
    void vscode.window.showWarningMessage(`Rename Secret did not continue into ${to}: ${why}. Nothing was changed.`);
    return false;
  }
  assertActive(services.accounts, account, RENAME_FLOW);
  const answer = await vscode.window.showWarningMessage(
    `Continue the rename of ${from} into the existing secret ${to}?`,
    {
      modal: true,
      detail: [
        `${to} already exists in account ${account}, as a rename stopped partway leaves it. Its value is not changed: no secret is created.`,
        `The rename goes on as usual: the workspace references and the account templates move from ${from} to ${to}, each shown first, and ${from} is deleted last only when nothing uses it.`,
      ].join('\n'),
    },
    'Continue Rename',
  );
  // A switch while the question was open: the answer was about the account left.
  if (answer === 'Continue Rename') assertActive(services.accounts, account, RENAME_FLOW);
  return answer === 'Continue Rename';
}

/**
 * The language server's edit, applied as one refactoring with a preview; says what became of it,
 * and `stopped` when the user stopped the rename there (Escape, or Stop Here with part of it left).
 */
async function moveWorkspaceReferences(services: Services, from: string, to: string, account: string, resumed: boolean): Promise<{ outcome: WorkspaceOutcome; stopped?: boolean }> {
  // No time limit (a server still indexing a large workspace answers late): a wait past a moment is
  // shown, with a Cancel (a prompt answer shows no notification to flash).
  const cancelled = { outcome: { kind: 'unavailable', reason: 'cancelled while the language server was finding the references' } as WorkspaceOutcome, stopped: true };
  const asked = await withDelayedProgress(
    `Waiting for the language server to find the references to ${from}…`,
    async ({ token }): Promise<{ raw: unknown } | { outcome: WorkspaceOutcome; stopped?: boolean }> => {
      try {
        return { raw: await services.lifecycle.index.renameSecret({ from, to, account }, token) };
      } catch (error) {
        // The request was cancelled: no edit came, so no file was changed.
        if (token.isCancellationRequested) return cancelled;
        return { outcome: { kind: 'unavailable', reason: indexUnavailableReason(error) } };
      }
    },
  );
  // Cancelled: withDelayedProgress answers undefined, even for an edit that came meanwhile (not applied).
  if (asked === undefined) return cancelled;
  if (!('raw' in asked)) return asked;
  const raw = asked.raw;
  const replacements = parseRenameEdit(raw, to);
  if (replacements === undefined) return { outcome: { kind: 'unavailable', reason: 'the language server answered with an edit that is not a rename' } };
  if (replacements === null) return { outcome: { kind: 'unavailable', reason: `the language server refused ${to} as a name` } };
  // Files of another account's environment keep their references: there `from` is that account's secret.
  const leftOut = leftOutSentence(renameLeftOut(raw));
  // What the edit may not reach: said before anything is applied, and it keeps the old secret (deleteOld).
  const gap = renameIncomplete(raw);
  const again = `run Rename Secret on ${from} again with the new name ${to} (it continues into ${to})`;
  const incomplete = gap && incompleteSentence(gap, relativeOf, again);
  // Files that changed after the server read them (their part of the edit is not applied): said in the report, as the server's gaps are.
  const changed = new Set<string>();
  const withLeftOut = <T extends WorkspaceOutcome>(outcome: T): T => {
    const notWhole = changed.size ? incompleteSentence({ files: [...changed].map((uri) => ({ uri, why: 'changed' as const })) }, relativeOf, again) : undefined;
    const said = [incomplete, notWhole].filter(Boolean).join(' ');
    return { ...outcome, ...(leftOut ? { leftOut } : {}), ...(said ? { incomplete: said } : {}) };
  };
  if (replacements.length === 0) {
    if (!incomplete) return { outcome: withLeftOut({ kind: 'none' }) };
    const answer = await vscode.window.showWarningMessage(
      `No file the workspace index holds references ${from}, but it may not hold them all.`,
      { modal: true, detail: `${incomplete}\nContinue goes on to the account templates; ${from} is kept either way.` },
      'Continue',
    );
    return { outcome: withLeftOut({ kind: 'none' }), stopped: answer === undefined };
  }
  // The server edits only the name: a place that holds anything else when the edit is applied (the
  // file changed since, or the server's view of it was off) is not written, and named as changed.
  const planned: PlannedReplacement[] = replacements.map((r) => ({ ...r, oldText: from }));
  const files = new Set(replacements.map((r) => r.uri)).size;
  // Rename applies the server's edit as it is; Preview… opens VS Code's refactor preview with every
  // change ticked (renameEdit), where the user may untick some or discard the edit.
  const question = `Rename ${count(replacements.length, 'reference')} in ${count(files, 'workspace file')} from ${from} to ${to}?`;
  const options = {
    modal: true,
    detail: [
      ...(incomplete ? [`This may not be every reference. ${incomplete} The old secret ${from} is kept.`] : []),
      ...(leftOut ? [leftOut] : []),
      'Rename applies the change as one undoable edit. Preview… opens the refactor preview, where you untick the changes to leave out.',
    ].join('\n'),
  };
  // A warning when the edit may not be whole: it is not the end of the references.
  const choice = incomplete ? await vscode.window.showWarningMessage(question, options, 'Rename', 'Preview…') : await vscode.window.showInformationMessage(question, options, 'Rename', 'Preview…');
  if (choice === undefined) return { outcome: withLeftOut({ kind: 'declined' }), stopped: true };
  let left = planned;
  /** The places found applied: kept so even when the user edits one while asked about the rest. */
  const done = new Set<PlannedReplacement>();
  let preview = choice === 'Preview…';
  for (;;) {
    // A file written while a question was open: what is at a replacement's place now is not what
    // the server saw, and writing the new name there would overwrite other text. Only the places
    // that still hold their old text are written; the others are said in the report (`changed`).
    const current = await stillInPlace(left);
    // isRefactoring makes it one undo step. Its answer is not looked at: the documents say what was applied.
    if (current.length > 0) {
      await vscode.workspace.applyEdit(renameEdit(current, preview ? { label: `Rename secret ${from} to ${to}`, description: 'RunPod secret reference' } : undefined), {
        isRefactoring: true,
      });
    }
    // A file may also change while the refactor preview is open (VS Code then applies none of it).
    const state = appliedState(planned, await documentText(planned), done);
    for (const r of state.done) done.add(r);
    for (const r of state.moved) changed.add(r.uri);
    const total = planned.length - state.moved.length;
    left = state.left;
    if (left.length === 0) return { outcome: withLeftOut(workspaceOutcome(state, total)), stopped: false };
    const next = await askAboutTheRest(from, to, state, total, preview, resumed);
    if (next === undefined) return { outcome: withLeftOut(workspaceOutcome(state, total)), stopped: true };
    preview = next === 'preview';
  }
}

/** The `replacements` whose old text is still at their place (a file that cannot be read now is left out: VS Code would refuse the whole edit). */
async function stillInPlace(replacements: readonly PlannedReplacement[]): Promise<PlannedReplacement[]> {
  const textAt = await documentText(replacements);
  return replacements.filter((r) => textAt(r.uri, r.range.start.line, r.range.start.character, r.range.end.character) === r.oldText);
}

/** A file of the server's answer as the user knows it: its path in the workspace (raw: the sentences that show it apply the display rule). */
function relativeOf(uri: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
}

/**
 * The edit of `replacements`; with `preview` (their label in the refactor preview), one that opens
 * VS Code's refactor preview with every change ticked, as F2's preview does.
 *
 * An extension cannot ask for the preview itself (workspace.applyEdit has no showPreview): VS Code
 * opens it when an entry needs confirmation, and starts each such entry unticked (bulkEditService.ts
 * `edits.some(e => e.metadata?.needsConfirmation)`; bulkEditPreview.ts
 * `checked.updateChecked(edit, !edit.metadata?.needsConfirmation)`). So the replacements do not need
 * confirmation (ticked), and the one entry that does is a create of the first file's folder with
 * `ignoreIfExists`: the folder exists, so the preview leaves the entry out (bulkEditPreview.ts skips a
 * create it would ignore) and applying it, ticked or not, or with no preview at all, changes nothing.
 * Should a VS Code ever start them otherwise, the documents still say what was applied (appliedState).
 */
function renameEdit(replacements: readonly RenameReplacement[], preview: { label: string; description: string } | undefined): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const r of replacements) {
    const range = new vscode.Range(r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character);
    if (preview) edit.replace(vscode.Uri.parse(r.uri), range, r.newText, { ...preview, needsConfirmation: false });
    else edit.replace(vscode.Uri.parse(r.uri), range, r.newText);
  }
  const first = replacements[0];
  if (preview && first) edit.createFile(vscode.Uri.joinPath(vscode.Uri.parse(first.uri), '..'), { ignoreIfExists: true }, { ...preview, needsConfirmation: true });
  return edit;
}

/** The report's account of the workspace: what the files hold, and how many changes they do not. */
function workspaceOutcome(state: AppliedState, total: number): WorkspaceOutcome {
  if (state.applied === 0) return { kind: 'declined' };
  return { kind: 'applied', edits: state.applied, files: state.files, skipped: total - state.applied };
}

/**
 * Asked when the files do not hold the whole edit (changes left unticked in the preview, which
 * starts them so, or a file that refused it), before any account template or the old secret is
 * touched: 'all' applies the rest without a preview, 'preview' shows it again, undefined stops.
 */
async function askAboutTheRest(from: string, to: string, state: AppliedState, total: number, preview: boolean, resumed: boolean): Promise<'all' | 'preview' | undefined> {
  const rest = state.left.length;
  const them = plural(rest, 'it', 'them');
  const answer = await vscode.window.showWarningMessage(
    `${preview ? 'The preview' : 'The edit'} applied ${state.applied} of ${count(total, 'change')}.`,
    {
      modal: true,
      detail: [
        `${resumed ? `The secret ${to} exists` : `The new secret ${to} was created`} and ${from} was kept. ${count(rest, 'reference')} to ${from} ${plural(rest, 'is', 'are')} left in workspace files.`,
        `Apply All renames ${them} without a preview; Preview Again shows ${them} again; Stop Here ends the rename here: no account template is changed and ${from} is not deleted.`,
      ].join('\n'),
    },
    'Apply All',
    'Preview Again',
    'Stop Here',
  );
  return answer === 'Apply All' ? 'all' : answer === 'Preview Again' ? 'preview' : undefined;
}

/** Reads each file of `replacements` as VS Code holds it now (unsaved changes included). */
async function documentText(replacements: readonly RenameReplacement[]): Promise<TextAt> {
  const documents = new Map<string, vscode.TextDocument | undefined>();
  for (const uri of new Set(replacements.map((r) => r.uri))) {
    documents.set(uri, await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)).then((d) => d, () => undefined));
  }
  return (uri, line, start, end) => documents.get(uri)?.getText(new vscode.Range(line, start, line, end));
}

/** Every reference the flow can move now names the new secret: all of the workspace edit, every template. */
function referencesMoved(p: RenameProgress): boolean {
  const workspace = !p.workspace?.incomplete && (p.workspace?.kind === 'none' || (p.workspace?.kind === 'applied' && !p.workspace.skipped));
  return workspace && p.templates !== undefined && p.templates.unlisted === undefined && p.templates.failed.length === 0 && p.templates.skipped.length === 0;
}

/**
 * Offers the template PATCHes (each change summarised first); `cancelled` (the templates it would
 * have updated) when the dialog is dismissed. Only `account`'s templates: a switch before or while they are listed throws; one
 * while they are updated stops the updates, the rest counted as not updated (`stopped`).
 */
async function updateTemplates(
  services: Services,
  from: string,
  to: string,
  account: string,
  flow: BoundFlow,
): Promise<(NonNullable<RenameProgress['templates']> & { stopped?: ClientChangedError }) | { cancelled: string[] }> {
  const snapshot = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Looking for account templates that use ${from}…` }, () =>
    readWhileActive(services, account, flow, () => services.lifecycle.account.snapshot({ fresh: true })),
  );
  if ('error' in snapshot.template) return { updated: [], failed: [], skipped: [], unlisted: snapshot.template.error };
  const patches = templatePatches(snapshot.template.items, from, to);
  if (patches.length === 0) return { updated: [], failed: [], skipped: [] };
  const names = patches.map((p) => p.template.name);
  const detail = [
    ...patches.map(templatePatchLine),
    '',
    `Each template's env is sent whole, with ${from} replaced by ${to}. Pods already created keep the settings they started with.`,
  ].join('\n');
  const answer = await vscode.window.showWarningMessage(
    `Update ${count(patches.length, 'account template')} to use ${to}?`,
    { modal: true, detail },
    'Update Templates',
    'Skip',
  );
  if (answer === undefined) return { cancelled: names };
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
        await api.updateTemplate(patch.template.id, { env: patch.env }, { name: patch.template.name });
        result.updated.push(patch.template.name);
      } catch (error) {
        if (isClientChanged(error)) {
          result.stopped = error;
          result.skipped.push(patch.template.name);
          continue;
        }
        // The client's message names the template (its name, the id after it): the lead does not again.
        const message = failureMessage('Updating the template', error);
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
  // The look below asks the same index: what it cannot see, it would call unused.
  if (progress.workspace?.incomplete) {
    return { kind: 'kept', reason: `the rename may not have reached every workspace file (see above). Delete it with Delete Secret once no file references it.` };
  }
  const usages = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking what still uses ${from}…` }, () =>
    readWhileActive(services, account, flow, () => findSecretUsages(services, from, { fresh: true })),
  );
  if (usages.account.length > 0) {
    return { kind: 'kept', reason: `still used by ${describeUses(usages.account, 5)}.`, uses: usages.account };
  }
  if (usages.accountUnchecked.length > 0) return { kind: 'kept', reason: `the account could not be checked (${usages.accountUnchecked[0]!.reason}).` };
  if (usages.files.length > 0) return { kind: 'kept', reason: `${count(usages.files.length, 'workspace file still references', 'workspace files still reference')} it.` };
  // A switch while it asks throws (the report is then the one message); a failed call is said in the report, not beside it.
  const outcome = await confirmAndDelete(services, from, usages, account, flow);
  if (outcome.kind === 'deleted') return { kind: 'deleted' };
  if (outcome.kind === 'failed' && outcome.gone) return { kind: 'gone' };
  return { kind: 'kept', reason: outcome.kind === 'failed' ? outcome.message : 'not deleted (cancelled).' };
}

/**
 * The closing report; after a switch of account (`stopped`), headed by why the flow stopped and
 * naming the account it acted in. A switch while the old secret's DELETE was in flight does not
 * stop it (the closing client lets it finish): the report then says which account it all happened in.
 * A rename left in part offers its next steps as buttons, only while its account is the active one
 * (they act on the active account).
 */
async function finish(services: Services, progress: RenameProgress, account: string, stopped?: ClientChangedError): Promise<void> {
  const report = renameReport(progress);
  const message = stopped ? stopped.message : `${report.message}${doneInText(account, services.accounts.active)}`;
  const detail = stopped ? `${report.detail}\nAll of the above is in account ${stopped.from}.` : report.detail;
  services.log.info(`${message}\n${detail}`);
  if (report.complete && !stopped) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  const actions = stopped || services.accounts.active !== account ? [] : report.actions;
  const chosen = await vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions.map((a) => a.title));
  const action = actions.find((a) => a.title === chosen);
  if (!action) return;
  // A switch while the report was open: the step would act on the other account's secret or endpoint.
  if (services.accounts.active !== account) {
    void vscode.window.showWarningMessage(`${action.title.replace(/…$/, '')} was not run: the active account is now ${services.accounts.active}, and the rename was done in account ${account}. Switch back to account ${account} first.`);
    return;
  }
  await vscode.commands.executeCommand(action.command, ...action.args);
}
