/**
 * The requests answered from the workspace index: references, highlights, workspace symbols, usage
 * counts, and rename (`textDocument/prepareRename`, `textDocument/rename`, F2's follow-up
 * `runpod/renameLeftOut`, and the extension's `runpod/renameSecret`), with the other-account checks.
 * The edits themselves are decided in lsp/rename.ts; this part gathers what they are decided from.
 */
import {
  ErrorCodes,
  ResponseError,
  type DocumentHighlight,
  type DocumentHighlightParams,
  type Location,
  type Position,
  type PrepareRenameParams,
  type PrepareRenameResult,
  type ReferenceParams,
  type RenameParams,
  type SymbolInformation,
  type TextDocumentPositionParams,
  type WorkspaceEdit,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { openEntry, type Indexer } from '../index/indexer';
import { linkedTabs } from '../index/linkedTabs';
import { anyFolderLinked, fileIdentity, pathsOfFile } from '../index/links';
import { readAsIndexed, referencesOfRead } from '../index/indexedRead';
import { indexedFileStamp } from '../index/readFile';
import type { IndexEntry, IndexStore } from '../index/store';
import { fileUri, fsPathOf } from '../index/uris';
import type { RenameLeftOutResult, RenameNotWhole, RenameSecretResult, SecretUsagesResult } from '../protocol';
import { isAccountName } from '../template/accountNames';
import { stoppedEarly } from '../template/analyze';
import { flatReferences } from '../template/variableReferences';
import { otherAccountMessage, type OtherAccount } from '../template/environments/accounts';
import { hasSecretNameCharsOnly, validateSecretName } from '../template/index';
import { usageAt } from '../template/workspace/facts';
import { otherAccountFiles, type OtherAccountOf } from './accountScope';
import type { AnalysisCache } from './analysisCache';
import type { CatalogStore } from './catalog';
import { positionToOffset, spanToRange } from './positions';
import { cutKnown, renameEdit, renameIncomplete, renameReach, type CurrentText, type EditCapabilities, type FileCut, type FileIdentity, type IndexState, type LinkedOpen } from './rename';
import type { Served, ServedDocuments } from './served';
import type { SettingsStore } from './settings';
import { highlightsAt, referencesAt, secretUsages, workspaceSymbols } from './workspaceFeatures';

/** The longest a rename waits for the index being built (the client gives up on a request after 15 s). */
const RENAME_INDEX_WAIT_MS = 10_000;

const NOT_ON_A_REFERENCE = 'Rename works on a secret reference: place the cursor on the name in {{ RUNPOD_SECRET_name }}.';

export interface IndexFeaturesDeps {
  serving: ServedDocuments;
  documents: { get(uri: string): TextDocument | undefined; all(): readonly TextDocument[] };
  store: IndexStore;
  indexer: Pick<Indexer, 'idle' | 'flush' | 'gap' | 'built' | 'unread' | 'undecodable' | 'folderPaths' | 'folderOf'>;
  cache: AnalysisCache;
  catalog: CatalogStore;
  /** A getter: initialize may replace the store. */
  settings(): SettingsStore;
  /** What the client's workspace edits can hold, read when needed (decided at initialize). */
  client: Readonly<EditCapabilities>;
}

export class IndexFeatures {
  constructor(private readonly deps: IndexFeaturesDeps) {}

  async references(params: ReferenceParams): Promise<Location[] | null> {
    const { serving, indexer, store } = this.deps;
    const target = await serving.served(params.textDocument.uri);
    if (!target) return null;
    await indexer.flush();
    return referencesAt(store, serving.analysisOf(target), positionToOffset(target.doc, params.position));
  }

  async highlights(params: DocumentHighlightParams): Promise<DocumentHighlight[] | null> {
    const { serving } = this.deps;
    const target = await serving.served(params.textDocument.uri);
    if (!target) return null;
    return highlightsAt(target.doc, serving.analysisOf(target), positionToOffset(target.doc, params.position));
  }

  async workspaceSymbols(params: WorkspaceSymbolParams): Promise<SymbolInformation[]> {
    await this.deps.indexer.flush();
    return workspaceSymbols(this.deps.store, typeof params.query === 'string' ? params.query : '');
  }

  /** `runpod/secretUsages`: the usage counts of the secrets, leaving out other accounts' files. */
  async secretUsages(params: unknown): Promise<SecretUsagesResult> {
    await this.deps.indexer.flush();
    return secretUsages(this.deps.store, params, this.deps.indexer, await this.otherAccountOfEntry());
  }

  async prepareRename(params: PrepareRenameParams): Promise<PrepareRenameResult | null> {
    const reference = await this.referenceAt(params);
    if (!reference) return null;
    const { target, at } = reference;
    await this.refuseOtherAccount(target);
    return { range: spanToRange(target.doc, at.nameSpan), placeholder: at.name };
  }

  async rename(params: RenameParams): Promise<WorkspaceEdit | null> {
    const { serving, store, catalog } = this.deps;
    const before = await this.referenceAt(params);
    if (!before) return null;
    // Its own path decides at once: no walk can change that answer, so F2 does not wait for one
    // (nor asks for a better name for a rename that cannot happen).
    this.refuseOwnAccount(before.target);
    const to = typeof params.newName === 'string' ? params.newName.trim() : '';
    const problem = validateSecretName(to);
    if (problem) throw new ResponseError(ErrorCodes.InvalidParams, `${problem} The references were not changed.`);
    await this.indexSettled();
    // Taken again: settings may have arrived during the wait (the folder's declarations, runpod.files).
    const reference = await this.referenceAt(params);
    if (!reference) return null;
    const { target, at } = reference;
    // Once the index holds the walk's files: the file may be another account's under a path it walked.
    await this.refuseOtherAccount(target);
    const open = await serving.allServed();
    const linked = this.linkedOpen(open);
    // What it may not reach is said beside it (runpod/renameLeftOut): an LSP rename answers with the edit alone.
    return renameEdit(store, at.name, to, this.currentText(open), this.editCapabilities(), await this.otherAccountOfEntry(catalog.account, linked), linked, this.identity()).edit;
  }

  /** The served tab and the reference at the position in it; undefined when it is not served, refused off a reference. */
  private async referenceAt(params: TextDocumentPositionParams): Promise<{ target: Served; at: NonNullable<ReturnType<typeof usageAt>> } | undefined> {
    const { serving } = this.deps;
    const target = await serving.served(params.textDocument.uri);
    if (!target) return undefined;
    const at = usageAt(serving.analysisOf(target), positionToOffset(target.doc, params.position));
    if (!at) throw new ResponseError(ErrorCodes.InvalidRequest, NOT_ON_A_REFERENCE);
    return { target, at };
  }

  /** `runpod/renameLeftOut`: F2's follow-up, what the rename at this position leaves out. */
  async renameLeftOut(params: unknown): Promise<RenameLeftOutResult> {
    const { serving, store, catalog } = this.deps;
    const { textDocument, position } = (typeof params === 'object' && params !== null ? params : {}) as Partial<TextDocumentPositionParams>;
    if (typeof textDocument?.uri !== 'string' || !isPosition(position)) return { leftOut: [] };
    const target = await serving.served(textDocument.uri);
    const at = target && usageAt(serving.analysisOf(target), positionToOffset(target.doc, position));
    if (!at) return { leftOut: [] };
    const index = await this.indexSettled();
    const open = await serving.allServed();
    const linked = this.linkedOpen(open);
    // As textDocument/rename judged it: against the active account.
    const { leftOut, notWhole } = renameReach(store, at.name, this.currentCut(open), await this.otherAccountOfEntry(catalog.account, linked), linked, this.identity());
    const incomplete = renameIncomplete(index, [...notWhole, ...this.unreadNotWhole()]);
    return { leftOut, ...(incomplete ? { incomplete } : {}) };
  }

  /** `runpod/renameSecret`: the extension's rename after creating the new secret. */
  async renameSecret(params: unknown): Promise<RenameSecretResult | null> {
    const { store, catalog, serving } = this.deps;
    const { from, to, account } = (typeof params === 'object' && params !== null ? params : {}) as { from?: unknown; to?: unknown; account?: unknown };
    // `from` names an existing secret (which may predate the name rule); `to` a new one, which must pass it.
    if (typeof from !== 'string' || typeof to !== 'string' || !hasSecretNameCharsOnly(from) || validateSecretName(to)) return null;
    const index = await this.indexSettled();
    // The account the new secret was made in, whichever is active by now (a switch during the create).
    const createdIn = typeof account === 'string' && isAccountName(account) ? account : catalog.account;
    const open = await serving.allServed();
    const linked = this.linkedOpen(open);
    const { edit, leftOut, notWhole } = renameEdit(store, from, to, this.currentText(open), this.editCapabilities(), await this.otherAccountOfEntry(createdIn, linked), linked, this.identity());
    const incomplete = renameIncomplete(index, [...notWhole, ...this.unreadNotWhole()]);
    return { ...edit, ...(leftOut.length ? { leftOut } : {}), ...(incomplete ? { incomplete } : {}) };
  }

  /**
   * Before a rename: the index holds what the walk being made (the first, or one after a settings
   * change) finds, so no file is left unrenamed for being read later; and the open documents'
   * latest text. A rename is one deliberate edit: waiting for the walk beats a partial one. Says
   * whether the walk finished in time, and whether the index is complete, for the rename to say
   * what it may not reach (lsp/rename.ts renameIncomplete).
   */
  private async indexSettled(): Promise<IndexState> {
    const { indexer } = this.deps;
    let timer: NodeJS.Timeout | undefined;
    const walked = await Promise.race([
      indexer.idle.then(
        () => true,
        () => true,
      ),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), RENAME_INDEX_WAIT_MS))),
    ]);
    clearTimeout(timer);
    await indexer.flush();
    // Not built yet with no walk running: the folders are not even known yet, so nothing was read.
    // What could not be read is named file by file (unreadNotWhole), not said as a gap.
    const gap = indexer.gap;
    return { settled: walked && indexer.built, gap: gap === 'unreadable' ? undefined : gap };
  }

  /** The folders and files the index could not read, as a rename's files not reached (protocol.ts RenameNotWhole). */
  private unreadNotWhole(): RenameNotWhole[] {
    const { indexer } = this.deps;
    return indexer.unread().map((path) => ({ uri: fileUri(path), why: indexer.undecodable(path) ? 'undecodable-name' : 'unreadable' }));
  }

  /**
   * Rename from another account's file would move that account's references by the active one's
   * list: refused, with the note's words (what to do), as a rename off a reference is. The file is
   * another account's when its tab's path says so, or when the index holds it under another path
   * (a folder opened twice, once through a link; a link inside a folder) that does: the rename
   * leaves it out under every path, its tab included (lsp/rename.ts oncePerFile), so F2 there would
   * change the other files and not the one it was pressed in. The refusal names that path.
   */
  private async refuseOtherAccount(target: Served): Promise<void> {
    const { catalog, store, indexer } = this.deps;
    const active = catalog.account;
    if (active === undefined) return;
    this.refuseOwnAccount(target);
    const path = fsPathOf(target.doc.uri);
    if (path === undefined) return;
    const elsewhere = pathsOfFile(path, indexer.folderPaths).flatMap((p) => (p === path ? [] : [store.get(p)].filter((e): e is IndexEntry => e !== undefined)));
    if (elsewhere.length === 0) return;
    const otherAccount = await this.otherAccountOf(elsewhere, active);
    for (const entry of elsewhere) {
      const other = otherAccount(entry);
      if (other) throw refusal(other, active, catalog.held, ` (This file is also ${entry.path}, whose workspace folder declares that.)`);
    }
  }

  /** The part of {@link refuseOtherAccount} that the tab's own path decides (its folder's declarations): needs no index. */
  private refuseOwnAccount(target: Served): void {
    const { serving, catalog } = this.deps;
    const active = catalog.account;
    const own = serving.scopeOf(target).other;
    if (own && active !== undefined) throw refusal(own, active, catalog.held);
  }

  /**
   * Which index entries (and a rename's linked open documents) are another account's than `account`
   * (each folder's declarations): the client's active account, or the one a rename's new secret was created in.
   */
  private otherAccountOfEntry(account = this.deps.catalog.account, linked: readonly LinkedOpen[] = []): Promise<OtherAccountOf> {
    const { store } = this.deps;
    return this.otherAccountOf(linked.length === 0 ? store.all() : [...store.all(), ...new Set(linked.map((l) => l.entry))], account);
  }

  /** Which of `entries` are another account's than `account`, by their folders' declarations. */
  private otherAccountOf(entries: Iterable<IndexEntry>, account: string | undefined): Promise<OtherAccountOf> {
    return otherAccountFiles(entries, account, async (folder) => (await this.deps.settings().forDocument(folder)).environments);
  }

  /**
   * The open documents the index leaves out for being reached through a link (indexer.ts flush),
   * once per index entry of the file it reaches, resolved now (index/linkedTabs.ts: a
   * realpath each, at a rename only): a rename edits them under their own URI (lsp/rename.ts).
   */
  private linkedOpen(open: ReadonlyMap<string, Served>): LinkedOpen[] {
    const { store, serving, indexer } = this.deps;
    // One entry per tab, standing for each index entry of its file (index/linkedTabs.ts: every one).
    const tabEntries = new Map<string, IndexEntry>();
    const tabEntry = (uri: string): IndexEntry => {
      let entry = tabEntries.get(uri);
      if (!entry) {
        const path = fsPathOf(uri)!;
        entry = openEntry(path, indexer.folderOf(path)?.uri, serving.factsOf(open.get(uri)!));
        tabEntries.set(uri, entry);
      }
      return entry;
    };
    return linkedTabs(open.keys(), (path) => store.get(path), indexer.folderPaths).map(({ tabUri, entry }) => ({ entry: tabEntry(tabUri), target: entry }));
  }

  /**
   * How a rename tells one file under two paths (lsp/rename.ts oncePerFile): by its real path when
   * a workspace folder is reached through a link, else not at all (no two paths the index holds are
   * one file, links.ts anyFolderLinked), saving a realpath per edited file, twice per F2.
   */
  private identity(): FileIdentity {
    return anyFolderLinked(this.deps.indexer.folderPaths) ? identityOf : NO_IDENTITY;
  }

  private editCapabilities(): EditCapabilities {
    return { documentChanges: this.deps.client.documentChanges, changeAnnotations: this.deps.client.changeAnnotations };
  }

  /**
   * A file of the index as it is now, for an edit: the open document, or the file on disk. An open
   * document is taken as it is served (`open`, from ServedDocuments.allServed): its own kind and
   * list, the cache entry its diagnostics and the index use, so a rename neither answers from
   * another analysis nor replaces that entry with one against the active account's list.
   */
  private currentText(open: ReadonlyMap<string, Served>): (entry: IndexEntry) => CurrentText | undefined {
    return (entry) => this.currentTextOf(entry, open);
  }

  private currentTextOf(entry: IndexEntry, open: ReadonlyMap<string, Served>): CurrentText | undefined {
    const { documents, cache, catalog, serving } = this.deps;
    const served = open.get(entry.uri);
    const doc = served?.doc ?? documents.get(entry.uri);
    if (doc) {
      // Open but not served (its settings say it is no RunPod document): nothing else analyses it;
      // its references do not depend on the list.
      const { analysis } = served ? serving.cachedOf(served) : cache.get(doc, entry.kind, catalog.catalog);
      return { doc, references: analysis.references, version: doc.version, cut: stoppedEarly(analysis) };
    }
    if (entry.source.kind === 'open') return undefined;
    // Read as the index reads it: cut past the size or the count, by the same rule.
    const read = readAsIndexed(entry.path);
    if (!read.ok) return undefined;
    const { references, cut } = referencesOfRead(read, entry.kind);
    return { doc: TextDocument.create(entry.uri, '', 0, read.text), references: flatReferences(references), version: null, cut };
  };

  /**
   * Whether a file of the index is cut as currentText would find it, reading no file the index read
   * as it is now (cutKnown): F2's follow-up asks this of every file the rename edits.
   */
  private currentCut(open: ReadonlyMap<string, Served>): (entry: IndexEntry) => FileCut | undefined {
    const current = this.currentText(open);
    return (entry) => {
      if (this.deps.serving.isOpen(entry)) return current(entry);
      const now = indexedFileStamp(entry.path);
      return cutKnown(entry, now.ok ? now.stamp : undefined, current);
    };
  }
}

/** F2 refused in another account's file, with the note's words (what to do); `suffix` names the path that decided it when not the tab's own. */
function refusal(other: OtherAccount, active: string, held: readonly string[] | undefined, suffix = ''): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidRequest, otherAccountMessage(other, active, 'rename', 'editor', held) + suffix);
}

/** An entry's file on disk, by its path (a realpath: at a rename only). */
const identityOf: FileIdentity = (entry) => fileIdentity(entry.path);
/** No entry's file is known: each path the index holds is its own file (links.ts anyFolderLinked). */
const NO_IDENTITY: FileIdentity = () => undefined;

function isPosition(value: unknown): value is Position {
  const p = value as Partial<Position> | null | undefined;
  return typeof p === 'object' && p !== null && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line! >= 0 && p.character! >= 0;
}
