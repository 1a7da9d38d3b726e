/**
 * Renaming a secret's references across the workspace: `textDocument/rename` on a reference and
 * the extension's `runpod/renameSecret` give the same edit. Only the name inside each reference
 * changes (the braces, spacing and the rest of the value stay as written). The index says which
 * files reference the secret; each is read again for the edit (an open document as the editor has
 * it, with its version; a file on disk as it is now, without one), so an edit never rests on
 * positions from an older text.
 *
 * RunPod cannot rename a secret: this moves references to another secret's name, nothing more; the
 * edit's change annotation says so, and labels the edit in the editor's refactor preview (Ctrl+Enter
 * in VS Code's rename box). The annotation does not ask for confirmation: VS Code starts every change
 * that needs confirmation unchecked in the preview, so Apply would write nothing until the user
 * ticked each file (its bulk edit preview: `checked.updateChecked(edit, !edit.metadata?.needsConfirmation)`).
 *
 * A file of another account (its environment declares another account than the list's) is left as
 * it is: there `from` names that account's secret, which this rename does not touch.
 *
 * A rename never claims to be whole when it may not be (`RenameIncomplete`): the index may lack
 * files (its walk unfinished, or the workspace past what it reads), and a file it lists may be
 * unreadable now or larger than the analysis limit. A user who believes every reference moved
 * deletes the old secret, and the Pod boots with the placeholder text.
 */
import type { ChangeAnnotation, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IndexEntry, IndexStore } from '../index/store';
import type { FoundReference } from '../template/types';
import { isUsage } from '../template/workspace/facts';
import type { IndexGap, RenameIncomplete, RenameLeftOut, RenameNotWhole } from '../protocol';
import { NO_OTHER_ACCOUNT, type OtherAccountOf } from './accountScope';
import { spanToRange } from './positions';

/** A file to edit, as it is now. */
export interface CurrentText {
  doc: TextDocument;
  references: readonly FoundReference[];
  /** The open document's version; null for a file on disk. */
  version: number | null;
  /** Whether `references` are of the file's start only (analysis stopped early, analyze.ts): later ones are not edited. */
  cut: boolean;
}

/** What the client can take (initialize capabilities `workspace.workspaceEdit`). */
export interface EditCapabilities {
  documentChanges: boolean;
  changeAnnotations: boolean;
}

const ANNOTATION = 'runpod.renameSecretReferences';

/**
 * The edit renaming every reference to `from` into `to` (both valid names: the caller checks `to`).
 * @param current each file's current text, or undefined when it can no longer be read (left out)
 * @param otherAccount which files are another account's: left out, and listed in `leftOut` (by path)
 */
export function renameEdit(
  store: IndexStore,
  from: string,
  to: string,
  current: (entry: IndexEntry) => CurrentText | undefined,
  capabilities: EditCapabilities,
  otherAccount: OtherAccountOf = NO_OTHER_ACCOUNT,
): { edit: WorkspaceEdit; leftOut: RenameLeftOut[]; notWhole: RenameNotWhole[] } {
  const leftOut = renameLeftOut(store, from, otherAccount);
  const left = new Set(leftOut.map((file) => file.uri));
  const notWhole = cutElsewhere(store, from, otherAccount);
  return { edit: editLeaving(store, from, to, currentNoting(current, notWhole), capabilities, (entry) => left.has(entry.uri)), leftOut, notWhole };
}

/**
 * The files `renameEdit` would not cover whole, without making the edit: for `runpod/renameLeftOut`
 * after F2. Each file is read as the edit reads it, so both say the same.
 */
export function renameNotWhole(
  store: IndexStore,
  from: string,
  current: (entry: IndexEntry) => CurrentText | undefined,
  otherAccount: OtherAccountOf = NO_OTHER_ACCOUNT,
): RenameNotWhole[] {
  const left = new Set(renameLeftOut(store, from, otherAccount).map((file) => file.uri));
  const notWhole = cutElsewhere(store, from, otherAccount);
  const noting = currentNoting(current, notWhole);
  for (const { entry } of store.usesOf(from)) if (!left.has(entry.uri)) noting(entry);
  return notWhole;
}

/**
 * The index's files read in part (IndexEntry.readInPart: past the size or the entry count) whose
 * part read does not reference `from`: a reference past the cut is unseen, so the rename cannot say
 * it reached them. The files whose start references it are judged when the edit reads them
 * (currentNoting). The entry says it, recorded when the file was read: no file is looked at here.
 */
function cutElsewhere(store: IndexStore, from: string, otherAccount: OtherAccountOf): RenameNotWhole[] {
  const using = new Set([...store.usesOf(from)].map(({ entry }) => entry.uri));
  const out: RenameNotWhole[] = [];
  for (const entry of store.all()) if (entry.readInPart && !using.has(entry.uri) && !otherAccount(entry)) out.push({ uri: entry.uri, why: 'too-large' });
  return out;
}

/** `current`, noting each file it cannot give whole in `notWhole`. */
function currentNoting(current: (entry: IndexEntry) => CurrentText | undefined, notWhole: RenameNotWhole[]): (entry: IndexEntry) => CurrentText | undefined {
  return (entry) => {
    const file = current(entry);
    if (!file || file.cut) notWhole.push({ uri: entry.uri, why: file ? 'too-large' : 'unreadable' });
    return file;
  };
}

/** What the index's state says of a rename's reach (the server's Indexer). */
export interface IndexState {
  /** The walk being made finished within the rename's wait. */
  settled: boolean;
  /** Why the index may lack files (Indexer.gap), undefined when it covers the whole workspace. */
  gap: IndexGap | undefined;
}

/**
 * What a rename may not have reached, or undefined when it is whole: an unfinished walk says
 * `indexing` (the files it has not read yet), a finished one that is not complete `limit`.
 */
export function renameIncomplete(index: IndexState, notWhole: readonly RenameNotWhole[]): RenameIncomplete | undefined {
  const gap = index.settled ? index.gap : 'indexing';
  if (gap === undefined && notWhole.length === 0) return undefined;
  return { ...(gap ? { index: gap } : {}), ...(notWhole.length ? { files: [...notWhole].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0)) } : {}) };
}

/**
 * The files a rename of `from` leaves as they are because they are another account's, by path:
 * what `renameEdit` leaves out, for `runpod/renameLeftOut` after F2 too.
 */
export function renameLeftOut(store: IndexStore, from: string, otherAccount: OtherAccountOf = NO_OTHER_ACCOUNT): RenameLeftOut[] {
  const leftOut: RenameLeftOut[] = [];
  for (const { entry } of store.usesOf(from)) {
    const other = otherAccount(entry);
    if (other) leftOut.push({ uri: entry.uri, environment: other.environment, ...(other.account === undefined ? {} : { account: other.account }) });
  }
  return leftOut.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

function editLeaving(store: IndexStore, from: string, to: string, current: (entry: IndexEntry) => CurrentText | undefined, capabilities: EditCapabilities, leave: (entry: IndexEntry) => boolean): WorkspaceEdit {
  const annotate = capabilities.documentChanges && capabilities.changeAnnotations;
  const documentChanges: TextDocumentEdit[] = [];
  const changes: Record<string, TextEdit[]> = {};
  for (const { entry } of store.usesOf(from)) {
    if (leave(entry)) continue;
    const file = current(entry);
    if (!file) continue;
    const edits: TextEdit[] = file.references
      .filter((r) => r.name === from && isUsage(r))
      .map((r) => (annotate ? { range: spanToRange(file.doc, r.nameSpan), newText: to, annotationId: ANNOTATION } : { range: spanToRange(file.doc, r.nameSpan), newText: to }));
    if (edits.length === 0) continue;
    if (capabilities.documentChanges) documentChanges.push({ textDocument: { uri: entry.uri, version: file.version }, edits });
    else changes[entry.uri] = edits;
  }
  if (!capabilities.documentChanges) return { changes };
  if (!annotate) return { documentChanges };
  const annotation: ChangeAnnotation = {
    label: `Rename secret references: ${from} → ${to}`,
    needsConfirmation: false,
    description: `RunPod secret references in ${documentChanges.length} file${documentChanges.length === 1 ? '' : 's'}; the secret itself keeps its name on RunPod`,
  };
  return { documentChanges, changeAnnotations: { [ANNOTATION]: annotation } };
}
