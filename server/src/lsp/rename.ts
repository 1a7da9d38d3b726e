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
 * deletes the old secret, and the Pod boots with the placeholder text. The edit and F2's follow-up
 * (`runpod/renameLeftOut`, sent after textDocument/rename) say it from one decision (renameReach);
 * the follow-up reads no file the index read as it is now (cutKnown).
 *
 * An open document the index leaves out for being reached through a link (`linked -> real`,
 * index/links.ts) is edited under its own URI, with its own text and version, in place of the file
 * it reaches (LinkedOpen): VS Code has no document for the real path when only the link's tab is
 * open, so an edit of that path would write the disk under the tab (which would not reload; its
 * next save would write the old name back), and the tab's F2 note would find no edit of its own.
 * The real path is still edited when it is open itself (both tabs: each its own text; the disk
 * not at all); a link whose file the index does not hold is edited as any open document. A file
 * the index holds under two paths (a folder opened twice, once through a link) is edited once on
 * disk, and not at all when it is open (oncePerFile).
 */
import { count } from '../template/counts';
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

/** An open document the index leaves out for being reached through a link (index/links.ts), as the index would hold it under its own URI. */
export interface LinkedOpen {
  entry: IndexEntry;
  /** The index's entry of the file it reaches; undefined when it holds none (outside every folder, dangling). */
  target: IndexEntry | undefined;
}

/**
 * The edit renaming every reference to `from` into `to` (both valid names: the caller checks `to`),
 * with its reach (renameReach): each file it edits is read once, for both.
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
  linked: readonly LinkedOpen[] = [],
  identity: FileIdentity = () => undefined,
): { edit: WorkspaceEdit; leftOut: RenameLeftOut[]; notWhole: RenameNotWhole[] } {
  const annotate = capabilities.documentChanges && capabilities.changeAnnotations;
  // Each file becomes its edits as it is read: its text (up to the analysis limit) is not kept.
  const edited = (entry: IndexEntry): FileEdits | undefined => {
    const file = current(entry);
    return file && { cut: file.cut, version: file.version, edits: editsIn(file, from, to, annotate) };
  };
  const { leftOut, notWhole, files } = renameReach(store, from, edited, otherAccount, linked, identity);
  return { edit: editOf(files, from, to, capabilities), leftOut, notWhole };
}

/** A file's edits, with what renameReach needs of it. */
interface FileEdits extends FileCut {
  version: number | null;
  edits: TextEdit[];
}

/** How a file would be found by the edit: enough to say whether it is covered whole. */
export interface FileCut {
  /** Whether only the file's start would be edited (CurrentText.cut). */
  cut: boolean;
}

/**
 * What a rename of `from` reaches, decided once for `renameEdit` and for `runpod/renameLeftOut`
 * after F2 (which asks `current` for no more than FileCut, so nothing is read for it: see
 * cutKnown): the files it leaves as another account's (`leftOut`, by path), the files it cannot
 * cover whole (`notWhole`), and the files it edits as `current` gave them.
 */
export function renameReach<F extends FileCut>(
  store: IndexStore,
  from: string,
  current: (entry: IndexEntry) => F | undefined,
  otherAccount: OtherAccountOf = NO_OTHER_ACCOUNT,
  linked: readonly LinkedOpen[] = [],
  identity: FileIdentity = () => undefined,
): { leftOut: RenameLeftOut[]; notWhole: RenameNotWhole[]; files: { entry: IndexEntry; file: F }[] } {
  const { using, standIns } = reachedThroughLinks(store, from, linked);
  const leftOut: RenameLeftOut[] = [];
  const notWhole = cutElsewhere(store, new Set(using.map((entry) => entry.uri)), otherAccount);
  const files: { entry: IndexEntry; file: F }[] = [];
  // A file the index holds under two paths (a folder opened twice, once through a link) has a tab
  // through a link standing for both: one edit per document, or VS Code refuses the whole edit
  // (overlapping ranges), and notWhole names it once.
  const placed = new Set<string>();
  const chosen: IndexEntry[] = [];
  /** The files (by identity) left out under some path: no other path of theirs is edited. */
  const leftOutFiles = new Set<string>();
  for (const unit of using) {
    // A linked tab is its file's: another account's file is left out whichever path it is open under.
    const other = otherAccount(unit);
    if (other) {
      leftOut.push({ uri: unit.uri, environment: other.environment, ...(other.account === undefined ? {} : { account: other.account }) });
      const id = identity(unit);
      if (id !== undefined) leftOutFiles.add(id);
      continue;
    }
    const stand = standIns.get(unit);
    // The real path is edited when it is open itself, never on disk under a tab that stands for it.
    for (const entry of stand ? (unit.source.kind === 'open' ? [unit, ...stand] : stand) : [unit]) {
      if (placed.has(entry.uri)) continue;
      placed.add(entry.uri);
      chosen.push(entry);
    }
  }
  for (const entry of oncePerFile(chosen, identity, leftOutFiles)) {
    const file = current(entry);
    if (!file || file.cut) notWhole.push({ uri: entry.uri, why: file ? 'too-large' : 'unreadable' });
    if (file) files.push({ entry, file });
  }
  return { leftOut: leftOut.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0)), notWhole, files };
}

/** What names an entry's file on disk, whatever links reach it (index/links.ts fileIdentity: its real path); undefined when unknown. */
export type FileIdentity = (entry: IndexEntry) => string | undefined;

/**
 * `entries` with each file on disk edited once: a file the index holds under two paths (a folder
 * opened twice, once through a link) is one file, and two edits of it would write it
 * twice, the second on shifted text. An entry on disk is dropped when its file is open (the tab is
 * edited, never the disk under it) or kept already under another path; every open document is
 * kept (each tab holds its own text and version). A file left out under one path (`leftOut`, by
 * identity: another account's, as its folder declares) is edited under none: its tab there is open
 * (the disk under it would not reload), and the rename says it left that file out.
 */
function oncePerFile(entries: readonly IndexEntry[], identity: FileIdentity, leftOut: ReadonlySet<string>): IndexEntry[] {
  const ids = entries.map(identity);
  const open = new Set(ids.filter((id, i) => id !== undefined && entries[i]!.source.kind === 'open'));
  const onDisk = new Set<string>();
  return entries.filter((entry, i) => {
    const id = ids[i];
    if (id !== undefined && leftOut.has(id)) return false;
    if (id === undefined || entry.source.kind === 'open') return true;
    if (open.has(id) || onDisk.has(id)) return false;
    onDisk.add(id);
    return true;
  });
}

/**
 * The files a rename of `from` reaches (the index's, and the linked open documents whose file the
 * index does not hold), and per file of the index the linked open documents that stand for it. A
 * linked document reaches its file when its own text references `from`, or the file's does.
 */
function reachedThroughLinks(store: IndexStore, from: string, linked: readonly LinkedOpen[]): { using: IndexEntry[]; standIns: Map<IndexEntry, IndexEntry[]> } {
  const using = store.usesOf(from).map(({ entry }) => entry);
  const standIns = new Map<IndexEntry, IndexEntry[]>();
  const reached = new Set(using);
  for (const { entry, target } of linked) {
    const own = entry.references.some((r) => r.name === from);
    if (!target) {
      if (own) using.push(entry);
      continue;
    }
    if (!reached.has(target)) {
      if (!own) continue;
      reached.add(target);
      using.push(target);
    }
    standIns.set(target, [...(standIns.get(target) ?? []), entry]);
  }
  return { using, standIns };
}

/**
 * Whether a file on disk is cut, as reading it now would say, without reading it while it is the
 * file the index read: its stamp now (readFile.ts indexedFileStamp: undefined when it cannot be
 * opened as a read opens it) equals the entry's, so the entry's `readInPart` is the answer. A file
 * changed since (its watcher event not handled yet) is read (`read`), as the edit would read it.
 */
export function cutKnown(entry: IndexEntry, stampNow: string | undefined, read: (entry: IndexEntry) => FileCut | undefined): FileCut | undefined {
  if (stampNow === undefined) return undefined;
  return entry.source.kind === 'disk' && entry.source.stamp === stampNow ? { cut: entry.readInPart } : read(entry);
}

/**
 * The index's files read in part (IndexEntry.readInPart: past the size or the entry count) that do
 * not reference `from` in their part read (`using`): a reference past the cut is unseen, so the
 * rename cannot say it reached them. The files whose start references it are judged as the edit
 * finds them (renameReach). The entry says it, recorded when the file was read: no file is looked at here.
 */
function cutElsewhere(store: IndexStore, using: ReadonlySet<string>, otherAccount: OtherAccountOf): RenameNotWhole[] {
  const out: RenameNotWhole[] = [];
  for (const entry of store.all()) if (entry.readInPart && !using.has(entry.uri) && !otherAccount(entry)) out.push({ uri: entry.uri, why: 'too-large' });
  return out;
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

function editsIn(file: CurrentText, from: string, to: string, annotate: boolean): TextEdit[] {
  return file.references
    .filter((r) => r.name === from && isUsage(r))
    .map((r) => (annotate ? { range: spanToRange(file.doc, r.nameSpan), newText: to, annotationId: ANNOTATION } : { range: spanToRange(file.doc, r.nameSpan), newText: to }));
}

function editOf(files: readonly { entry: IndexEntry; file: FileEdits }[], from: string, to: string, capabilities: EditCapabilities): WorkspaceEdit {
  const annotate = capabilities.documentChanges && capabilities.changeAnnotations;
  const documentChanges: TextDocumentEdit[] = [];
  const changes: Record<string, TextEdit[]> = {};
  for (const { entry, file } of files) {
    const { edits } = file;
    if (edits.length === 0) continue;
    if (capabilities.documentChanges) documentChanges.push({ textDocument: { uri: entry.uri, version: file.version }, edits });
    else changes[entry.uri] = edits;
  }
  if (!capabilities.documentChanges) return { changes };
  if (!annotate) return { documentChanges };
  const annotation: ChangeAnnotation = {
    label: `Rename secret references: ${from} → ${to}`,
    needsConfirmation: false,
    description: `RunPod secret references in ${count(documentChanges.length, 'file')}; the secret itself keeps its name on RunPod`,
  };
  return { documentChanges, changeAnnotations: { [ANNOTATION]: annotation } };
}
