/**
 * Keeps the workspace index current: builds it in the background after start (a walk of every
 * workspace folder), follows file watching (`workspace/didChangeWatchedFiles`) and the editor's open
 * documents, whose text wins over the disk while they are open.
 *
 * Bounds (ARCHITECTURE.md habit 14): at most {@link MAX_INDEXED_FILES} files read from disk and
 * {@link MAX_WALKED_ENTRIES} directory entries looked at per walk, folders at most
 * {@link MAX_WALKED_DEPTH} deep (each said when reached, and the index reports itself incomplete); each file read up to the analysis limit (16 MiB); only a file's
 * names, keys and their positions kept. The work runs in slices of {@link SLICE_MS} ms with a yield
 * between them, so requests are answered while a large workspace is indexed.
 */
import { lstatSync } from 'node:fs';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import { MAX_URI_LENGTH } from '../template/fileKinds';
import { ANALYSIS_LIMIT, stoppedEarly } from '../template/analyze';
import { flatReferences } from '../template/variableReferences';
import { environmentFileOf, indexedFileKind } from '../template/environments/files';
import type { Analysis, DocumentKind } from '../template/types';
import { indexedFacts } from '../lsp/indexedFacts';
import { DEFAULT_SETTINGS, inFolder, type ServerSettings } from '../lsp/settings';
import type { IndexGap } from '../protocol';
import { readAsIndexed, referencesOfRead } from './indexedRead';
import { stampOf, type IndexedRead } from './readFile';
import type { IndexChange, IndexEntry, IndexStore } from './store';
import { fileUri, fsPathOf, indexKeyOf, isBelow } from './uris';
import { LinkCheck } from './links';
import { FolderRules, isGoneMeanwhile, MAX_WALKED_DEPTH, MAX_WALKED_ENTRIES, tooDeepNotice, walkFolder } from './walk';
import { ThreadWalk, WalkerThread } from './walkThread';
import { INDEX_LIMIT_REMEDY, MAX_INDEXED_FILES, SETTINGS_GAP_REMEDY } from './limits';
import { grouped } from '../template/counts';
import { pathLabel } from '../template/displayText';
import { describeError } from '../lsp/errors';

export { MAX_INDEXED_FILES };
/** Work between two yields to the event loop. */
const SLICE_MS = 8;
/** The most unread paths remembered (a tree of locked folders costs no more; the gap is said all the same). */
const MAX_UNREAD = 1000;

/** An open document as the index takes it: the server's own reading of it. */
export interface OpenFacts {
  uri: string;
  kind: DocumentKind;
  version: number;
  doc: TextDocument;
  /** The server's analysis of it (its variables and references, and its problems: whether it stopped early). */
  analysis: Pick<Analysis, 'variables' | 'references' | 'problems'>;
  settings: ServerSettings;
}

export interface IndexerDeps {
  store: IndexStore;
  /** The settings of a workspace folder (`runpod.files`, `runpod.environments`). */
  folderSettings(folderUri: string): Promise<ServerSettings>;
  /** An open document's facts, or undefined when it is not open or not a RunPod document. */
  openFacts(uri: string): Promise<OpenFacts | undefined>;
  /** Hears of every change of the index (batched per slice). */
  changed(change: IndexChange): void;
  /** Said once per server when a bound is reached (the user's output channel, a notification). */
  warn(message: string): void;
  /** Told after each walk of the folders: files in the index and the wall time the walk took. */
  walked?(files: number, ms: number): void;
  /**
   * The walk thread's bundle (dist/indexWalker.js, walkThread.ts): a folder's first walk lists and
   * reads in it while this thread analyses. Without it (tests in one process, one core) the walk
   * runs here, in time slices.
   */
  walkWorker?: string;
  /** Hears why the walk thread failed (the walk then runs here). */
  log?(message: string): void;
  /** The most unread paths remembered ({@link MAX_UNREAD}; tests make it small). */
  maxUnread?: number;
}

interface Folder {
  uri: string;
  path: string;
  rules: FolderRules;
  settings: ServerSettings | undefined;
  /** The settings its last walk used: kept while the client cannot answer for them ({@link Indexer.settingsOf}). */
  lastSettings?: ServerSettings;
  /** Walked by {@link lastSettings} because the client could not answer for them, until it does (the gap `settings`). */
  settingsKept?: boolean;
}

/** How one walk of a folder ended: cut short (walk.ts truncated), and the first folder too deep to list (walk.ts deep). */
interface Walked {
  truncated: boolean;
  deep: string | undefined;
}

/** An open document's entry, as the index holds it (and as a rename takes one it leaves out for a link). */
export function openEntry(path: string, folder: string | undefined, open: OpenFacts): IndexEntry {
  return {
    path,
    uri: open.uri,
    kind: open.kind,
    source: { kind: 'open', version: open.version },
    folder,
    template: environmentFileOf(open.uri, open.settings.environments)?.template,
    ...indexedFacts(open.doc.getText(), open.analysis, stoppedEarly(open.analysis)),
  };
}

function emptyChange(): IndexChange {
  return { usages: false, templates: new Set(), any: false };
}

function merge(into: IndexChange, change: IndexChange): void {
  into.usages ||= change.usages;
  into.any ||= change.any;
  for (const t of change.templates) into.templates.add(t);
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** A promise settled from outside (Promise.withResolvers, which Node 20 lacks). */
function deferred(): Deferred {
  let settle!: Omit<Deferred, 'promise'>;
  const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  return { promise, ...settle };
}

export class Indexer {
  private folders = new Map<string, Folder>();
  private readonly dirty = new Set<string>();
  private running: Promise<void> | undefined;
  /** The walk after the running one, asked for while it runs. */
  private again: Deferred | undefined;
  private generation = 0;
  private builtOnce = false;
  /** Some file was refused for the cap since the last walk of every folder began (each walk judges it again: files deleted meanwhile make room). */
  private capped = false;
  /** Files refused for the cap, counted: a walk learns whether it refused any. */
  private refused = 0;
  /** The folders that refused a file since the pass of the running walk began: the ones a second pass walks again. */
  private readonly refusedIn = new Set<Folder>();
  /** The cap was said (once per server). */
  private saidCapped = false;
  private truncated = false;
  /**
   * The folders (URIs) whose last walk met a folder deeper than walk.ts MAX_WALKED_DEPTH: the first
   * such folder met (deleting it or a folder above it walks again). Set at a walk's end, as
   * {@link truncated} is: a walk running meanwhile does not make the index say it is complete.
   */
  private deepIn = new Map<string, string>();
  /** The deep folders found gone at a walk's end, walked again for ({@link walkAll}): while walks keep meeting one, not again. */
  private walkedAgainFor = new Set<string>();
  /** The depth bound was said (once per server). */
  private saidDeep = false;
  /**
   * Folders the walk could not list and files it could not open (permissions), by path: their
   * folder's URI, and the number of the note ({@link notes}) that made it.
   */
  private readonly unreadPaths = new Map<string, { folder: string; note: number }>();
  /** The paths of unreadPaths unread for a name not UTF-8 in them (walk.ts WalkResult.undecodable): kept within it. */
  private readonly undecodablePaths = new Set<string>();
  /**
   * Folders (URIs) an unread path was dropped in at the cap: until each is walked again, what it
   * cannot read is more than unreadPaths holds, so emptying the map does not make the index whole.
   */
  private readonly unreadDropped = new Map<string, number>();
  /**
   * Notes of unread paths (and drops) made, counted: a walk forgets only what was noted before it
   * began ({@link forgetUnread}), as its sweep leaves the files of events applied meanwhile.
   */
  private notes = 0;
  private pending = emptyChange();
  /**
   * Watched-file events not applied yet, by path in the order they came ({@link watched}): the last
   * kind, and whether a deletion came before it (a deleted folder made again, or a link now: what
   * was indexed below it goes, then what is there now is read).
   */
  /**
   * The events waiting, by path, in the order of each path's first waiting event: `seq` is that
   * event's number (what a flush waits to see passed), `latest` the number of its last one.
   */
  private readonly watchedWaiting = new Map<string, { deleted: boolean; last: FileChangeType; seq: number; latest: number }>();
  /** The application of the waiting events, while it runs. */
  private applyingWatched: Promise<void> | undefined;
  /**
   * Events numbered as they come, and the number the application has passed: a {@link flush}
   * waits for the events before it, not for a storm going on after it. A path waits under its
   * last event's number, and the waiting paths are in the order of their numbers.
   */
  private watchedSeq = 0;
  private appliedSeq = 0;
  private readonly appliedWaiters: { seq: number; resolve: () => void }[] = [];
  /** While a walk runs, the path of each file an event applied, with its number: a walk begun before it does not sweep it. */
  private readonly appliedAt = new Map<string, number>();
  /** The walk a `.gitignore` event asked for, until it ends ({@link flush} waits for it). */
  private eventWalk: Promise<void> | undefined;
  private sliceStart = Date.now();
  private disposed = false;
  /** A walk thread started ahead of the first walk ({@link startWalkThread}), until a walk takes it. */
  private spare: WalkerThread | undefined;

  constructor(private readonly deps: IndexerDeps) {}

  /** Why the index may lack files (protocol.ts IndexGap), or undefined when it covers the whole workspace. */
  get gap(): IndexGap | undefined {
    if (!this.builtOnce) return 'indexing';
    if (this.capped || this.truncated || this.deepIn.size > 0) return 'limit';
    if ([...this.folders.values()].some((f) => f.settingsKept)) return 'settings';
    return this.unreadPaths.size > 0 || this.unreadDropped.size > 0 ? 'unreadable' : undefined;
  }

  /**
   * The first folder met deeper than the walk lists, while one remains (a cause of the gap
   * `limit`): named as the warning names it, cut as the extension cuts a path in a notice (a deep
   * path runs to kilobytes), so the user finds the generated tree to add to .gitignore (the remedy).
   */
  get deepFolder(): string | undefined {
    const deep = this.deepIn.values().next();
    return deep.done ? undefined : pathLabel(deep.value);
  }

  /** The folders the walk could not list and the files it could not open, sorted (the gap `unreadable`; at most {@link MAX_UNREAD}). */
  unread(): string[] {
    return [...this.unreadPaths.keys()].sort();
  }

  /** Whether unread `path` is so for a name in it the server cannot decode (not UTF-8), not for permissions. */
  undecodable(path: string): boolean {
    return this.unreadPaths.has(path) && this.undecodablePaths.has(path);
  }

  private noteUnread(path: string, folder: Folder, unread: boolean, undecodable = false): void {
    this.undecodablePaths.delete(path);
    if (!unread) this.unreadPaths.delete(path);
    else if (this.unreadPaths.has(path) || this.unreadPaths.size < (this.deps.maxUnread ?? MAX_UNREAD)) {
      this.unreadPaths.set(path, { folder: folder.uri, note: ++this.notes });
      if (undecodable) this.undecodablePaths.add(path);
    } else this.unreadDropped.set(folder.uri, ++this.notes);
  }

  /** `path` was deleted: neither it nor anything below it is unread now. */
  private forgetUnreadAt(path: string): void {
    for (const unread of this.unreadPaths.keys()) if (unread === path || isBelow(unread, path)) this.unreadPaths.delete(unread);
  }

  /**
   * A walk of `folder` listed it: what it could not read before is found again (or is readable
   * now). Done at the listing's end, not at the walk's start, so the gap `unreadable` holds while the
   * walk lists. `read` are the files the walk reads: their reads decide them (Indexer.index).
   * Only notes made before the walk began (`since`, {@link notes} then) go: one made meanwhile (an
   * event's read of a file created after the listing passed its folder; the walk thread's own
   * reads, which run while it lists) is newer than what the walk saw.
   */
  private forgetUnread(folder: Folder, read: ReadonlySet<string>, since: number): void {
    for (const [path, { folder: uri, note }] of this.unreadPaths) if (uri === folder.uri && note <= since && !read.has(path)) this.unreadPaths.delete(path);
    // Paths forgotten elsewhere (deleted, a folder removed) too: the set stays within unreadPaths.
    for (const path of this.undecodablePaths) if (!this.unreadPaths.has(path)) this.undecodablePaths.delete(path);
    if ((this.unreadDropped.get(folder.uri) ?? Infinity) <= since) this.unreadDropped.delete(folder.uri);
  }

  /** Whether the index covers the whole workspace: built once, no bound reached. */
  get complete(): boolean {
    return this.gap === undefined;
  }

  /** Whether the first walk of the folders is done (whatever it found). */
  get built(): boolean {
    return this.builtOnce;
  }

  /** Resolves when the current (re)build is done. */
  get idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /**
   * The client named these workspace folders (at `initialize`): when one is on this file system, a
   * walk thread waits for its first walk, which follows the settings round trip (a thread takes
   * 40-140 ms to start): `started`, one the server started as it loaded (earlyWalkThread.ts), or
   * one started now. None without folders (`started` ends); one never taken ends with the walks.
   */
  startWalkThread(uris: readonly string[], started?: WalkerThread): void {
    const script = this.deps.walkWorker;
    if (!script || this.spare || this.disposed || !uris.some((uri) => fsPathOf(uri))) {
      void started?.worker.terminate();
      return;
    }
    this.spare = started ?? new WalkerThread(script);
  }

  /** Ends the spare walk thread, if no walk took it. */
  private endSpare(): void {
    void this.spare?.worker.terminate();
    this.spare = undefined;
  }

  /** Sets the workspace folders (URIs) and re-walks them. */
  setFolders(uris: readonly string[]): Promise<void> {
    const next = new Map<string, Folder>();
    for (const uri of uris) {
      const path = fsPathOf(uri);
      if (!path) continue; // a folder on another file system (a remote scheme) is not read from here
      next.set(uri, this.folders.get(uri) ?? { uri, path: path.replace(/\/+$/, ''), rules: new FolderRules(path), settings: undefined });
    }
    for (const entry of [...this.deps.store.all()]) {
      if (entry.source.kind === 'disk' && entry.folder !== undefined && !next.has(entry.folder)) this.record(this.deps.store.delete(entry.path));
    }
    for (const [path, { folder }] of this.unreadPaths) if (!next.has(folder)) this.unreadPaths.delete(path);
    for (const uri of this.unreadDropped.keys()) if (!next.has(uri)) this.unreadDropped.delete(uri);
    for (const uri of this.deepIn.keys()) if (!next.has(uri)) this.deepIn.delete(uri);
    this.folders = next;
    this.flushChanges();
    return this.rebuild();
  }

  /** Settings changed: read them again and walk again (globs and declared environments may differ). */
  settingsChanged(): Promise<void> {
    for (const folder of this.folders.values()) folder.settings = undefined;
    return this.rebuild();
  }

  /**
   * Walks every folder again; a call while a walk runs makes one more walk after it, and resolves
   * when that one ends (the walk running may have listed before the change that asked).
   */
  rebuild(): Promise<void> {
    if (this.running) {
      this.generation++;
      this.again ??= deferred();
      return this.again.promise;
    }
    this.running = this.walkAll().finally(() => {
      this.running = undefined;
      const again = this.again;
      this.again = undefined;
      if (!again) {
        this.appliedAt.clear(); // only a walk running reads it
        // No first walk took it (folders gone or unreadable meanwhile): a later one starts its own.
        this.endSpare();
      }
      // A refusal during a walk waits for its end to be said (index): a walk that failed, or was
      // made stale with none after it, never reaches that end (a folder whose walk fails is caught
      // in walkAll; anything else that throws is not). The last walk says it here.
      if (!again && this.capped && !this.disposed) this.sayCapped();
      if (again) (this.disposed ? Promise.resolve() : this.rebuild()).then(again.resolve, again.reject);
    });
    return this.running;
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    this.passed(Infinity);
    this.endSpare();
  }

  // ---- Open documents ----

  /** An open document changed (or opened): its facts are taken again at the next {@link flush}. */
  touched(uri: string): void {
    this.dirty.add(uri);
  }

  /** Whether some open document's facts wait for {@link flush}. */
  get hasDirty(): boolean {
    return this.dirty.size > 0;
  }

  /**
   * Takes the facts of every changed open document, after the watched-file events received before
   * this call (and the walk a `.gitignore` among them asked for): an answer from the index
   * reflects what the editor reported, and does not wait for events that come after it.
   */
  async flush(): Promise<void> {
    await this.watchedApplied(this.watchedSeq);
    await this.eventWalk;
    const uris = [...this.dirty];
    this.dirty.clear();
    const links = new LinkCheck();
    for (const uri of uris) {
      const open = await this.deps.openFacts(uri);
      if (!open) {
        this.closed(uri);
        continue;
      }
      const path = indexKeyOf(uri);
      const folder = this.folderOf(path);
      // Opened through a link (Quick Open lists such paths): served as any open document, not a second file of the index.
      if (folder && this.dropLinked(links, folder, path)) continue;
      this.record(this.deps.store.set(openEntry(path, folder?.uri, open)));
    }
    this.flushChanges();
  }

  /** An open document closed: its file on disk counts again (read now), or it leaves the index. */
  closed(uri: string): void {
    this.dirty.delete(uri);
    const path = indexKeyOf(uri);
    if (this.deps.store.get(path)?.source.kind !== 'open') return;
    this.record(this.deps.store.delete(path));
    const folder = this.folderOf(path);
    // Its folder may have become a link while it was open (the read would follow a folder link).
    if (folder?.settings && !folder.rules.excludes(path) && !new LinkCheck().throughLink(folder.path, path)) this.readDisk(folder, path, kindOnDisk(folder.settings, path));
    this.flushChanges();
  }

  // ---- File watching ----

  /**
   * `workspace/didChangeWatchedFiles`: files created, changed or deleted on disk. What a client
   * sends that is no list, or no event in it, is left out: one bad event must not lose the rest.
   * The events wait by path, the last kind of each (LSP: a batch is in order; a delete then a
   * create is a change: what was indexed there goes, what is there now is read), in the place of
   * the path's first waiting event (so a later event for it never puts that one off), so a storm of
   * events for the same files (a checkout, a build tool) reads each once; the reads run in
   * slices, so requests are answered meanwhile.
   * Resolves once every event waiting is applied.
   */
  watched(changes: readonly FileEvent[] | undefined): Promise<void> {
    for (const change of Array.isArray(changes) ? changes : []) {
      // A URI longer than any file's (MAX_URI_LENGTH) names no file: its link check alone would
      // look at every folder on its way (quadratic in its length), the server answering nothing meanwhile.
      if (typeof change !== 'object' || change === null || (typeof change.uri === 'string' && change.uri.length > MAX_URI_LENGTH)) continue;
      const path = fsPathOf(change.uri);
      if (path === undefined) continue;
      const before = this.watchedWaiting.get(path);
      const seq = ++this.watchedSeq;
      // A path already waiting keeps its place and its first event's number (Map.set keeps the order).
      this.watchedWaiting.set(path, { deleted: change.type === FileChangeType.Deleted || before?.deleted === true, last: change.type, seq: before?.seq ?? seq, latest: seq });
    }
    this.applyingWatched ??= this.applyWatched();
    return this.applyingWatched;
  }

  /** Resolves once the application has passed event `seq` (at once when it has). */
  private watchedApplied(seq: number): Promise<void> {
    if (this.appliedSeq >= seq) return Promise.resolve();
    return new Promise<void>((resolve) => this.appliedWaiters.push({ seq, resolve }));
  }

  /** The number of the last event before every one still waiting (the first waiting path holds the smallest). */
  private appliedUpTo(): number {
    const first = this.watchedWaiting.values().next();
    return first.done ? this.watchedSeq : first.value.seq - 1;
  }

  /** The application passed event `seq`: the flushes waiting for it go on. */
  private passed(seq: number): void {
    this.appliedSeq = Math.max(this.appliedSeq, seq);
    for (let i = this.appliedWaiters.length - 1; i >= 0; i--) {
      const waiter = this.appliedWaiters[i]!;
      if (waiter.seq > this.appliedSeq) continue;
      this.appliedWaiters.splice(i, 1);
      waiter.resolve();
    }
  }

  /** Walks again for a `.gitignore` an event changed, or a deep folder deleted, now (a walk running makes one more after it); {@link flush} waits for it. */
  private walkForEvents(): void {
    const walk: Promise<void> = this.rebuild()
      .catch((error: unknown) => this.deps.log?.(`runpod language server: walking again for a changed .gitignore or a deleted deep folder ${describeError(error)}`))
      .finally(() => {
        if (this.eventWalk === walk) this.eventWalk = undefined;
      });
    this.eventWalk = walk;
  }

  /** Applies the waiting events in order, yielding between slices; a `.gitignore` changed walks again as it is applied. */
  private async applyWatched(): Promise<void> {
    // A turn of the event loop first: the notifications already received add their events to the wait.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = Date.now();
    try {
      let links = new LinkCheck();
      // A Map's iteration visits what is added meanwhile: events arriving during a yield are taken too.
      for (const [path, { deleted, last, latest }] of this.watchedWaiting) {
        if (this.disposed) return;
        this.watchedWaiting.delete(path);
        if (this.running) this.appliedAt.set(path, latest); // only a walk running now sweeps after it
        try {
          let walkAgain = deleted && this.applyWatchedEvent(links, path, FileChangeType.Deleted);
          if (last !== FileChangeType.Deleted) walkAgain = this.applyWatchedEvent(links, path, last) || walkAgain;
          if (walkAgain) this.walkForEvents();
        } catch (error) {
          // One file's failure must not leave the others waiting for the next event.
          this.deps.log?.(`runpod language server: applying a watched-file event ${describeError(error)}`);
        }
        this.passed(this.appliedUpTo());
        const slice = this.sliceStart;
        await this.yieldIfDue();
        if (this.sliceStart !== slice) links = new LinkCheck(); // links may change while others run
      }
      this.flushChanges();
    } catch (error) {
      // Outside one event (telling what changed, a yield): the paths taken are applied, the rest wait for the next round.
      this.deps.log?.(`runpod language server: applying watched-file events ${describeError(error)}`);
    } finally {
      // Here, not in a later callback: an event after the last one taken starts the next application.
      this.applyingWatched = undefined;
    }
    if (this.disposed) return;
    // Left by a failure above: another round (this one resolves with it, as watched() promises).
    if (this.watchedWaiting.size > 0) await (this.applyingWatched = this.applyWatched());
    else this.passed(this.watchedSeq);
  }

  /** Applies one watched-file event; returns whether the folders must be walked again. */
  private applyWatchedEvent(links: LinkCheck, path: string, type: FileChangeType): boolean {
    const folder = this.folderOf(path);
    if (!folder?.settings) return false;
    // A path the walk would not read (ignored, or deeper than MAX_WALKED_DEPTH: the rules stop
    // there) changes nothing indexed, and is ruled out before the link check, which looks at each
    // of its folders. A deletion still goes on: the folder itself may be excluded (its own root
    // made again), and what is indexed below a deleted path is cheap to find (store.below).
    if (type !== FileChangeType.Deleted && path !== folder.path && folder.rules.excludes(path)) return false;
    // A path through a link (the editor reports those when the target changes) is not read. A
    // deletion is always taken: a folder replaced by a link leaves its files' entries to delete.
    if (type !== FileChangeType.Deleted && this.dropLinked(links, folder, path)) return false;
    // Rules inside a folder the walk skips (node_modules, an ignored .venv) change nothing walked.
    if (path.endsWith('/.gitignore')) return !folder.rules.excludes(path);
    const entry = this.deps.store.get(path);
    // An open document's text wins; closing it reads the disk again.
    if (entry?.source.kind === 'open') return false;
    if (type === FileChangeType.Deleted) {
      this.forgetUnreadAt(path);
      if (entry) this.record(this.deps.store.delete(path));
      // A deleted folder: everything indexed below it.
      else for (const below of this.deps.store.below(path)) if (below.source.kind === 'disk') this.record(this.deps.store.delete(below.path));
      // The folder too deep to list, or one above it, deleted: a walk learns whether another remains (the gap `limit`).
      const deep = this.deepIn.get(folder.uri);
      return deep !== undefined && isBelow(deep, path);
    }
    const kind = kindOnDisk(folder.settings, path);
    if (kind) {
      this.readDisk(folder, path, kind);
      return false;
    }
    // A folder moved in (or the workspace folder itself made again, by a fresh clone): its files
    // arrive without events of their own.
    return type === FileChangeType.Created && isFolder(path);
  }

  /** Whether `path` is reached through a link in `folder` (links.ts): then whatever the index holds at that path leaves it. */
  private dropLinked(links: LinkCheck, folder: Folder, path: string): boolean {
    if (!links.throughLink(folder.path, path)) return false;
    if (this.deps.store.get(path)) this.record(this.deps.store.delete(path));
    return true;
  }

  // ---- Walking ----

  /** Fresh rules for walking `folder`: the workspace folders nested in it are left to their own walks. */
  private rulesOf(folder: Folder): FolderRules {
    return new FolderRules(folder.path, this.folderPaths);
  }

  /** The workspace folders' paths (decoded, no trailing `/`). */
  get folderPaths(): string[] {
    return [...this.folders.values()].map((f) => f.path);
  }

  /** The workspace folder `path` lies in (the innermost): its URI, and its path (decoded, no trailing `/`). */
  folderOf(path: string): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of this.folders.values()) {
      if (isBelow(path, folder.path) && (!best || folder.path.length > best.path.length)) best = folder;
    }
    return best;
  }

  private async walkAll(): Promise<void> {
    const generation = this.generation;
    const began = Date.now();
    let refusedBefore = this.refused;
    /** How each folder's last walk in this one ended (a folder walked again answers anew). */
    const walked = new Map<Folder, Walked>();
    // Each folder sweeps its own deleted files in its own walk: files refused in one folder while a
    // folder walked after it still held places for deleted files are read by one walk more, once
    // the sweep left room (a refusal means the index was full, so room now was freed since). Only
    // the folders that refused a file are walked again: every other one had each of its files read,
    // so a second listing of it (the cost of a walk) could add nothing.
    let folders = [...this.folders.values()];
    for (let pass = 0; pass < 2; pass++) {
      if (pass > 0) refusedBefore = this.refused;
      this.refusedIn.clear();
      for (const folder of folders) {
        if (this.generation !== generation || this.disposed) return;
        try {
          // A settings request that fails throws here only for a folder never walked: it has no files to drop below.
          await this.settingsOf(folder, () => this.generation !== generation || this.disposed);
          walked.set(folder, await this.walk(folder, generation));
        } catch (error) {
          // Stale: the folder may have left the workspace meanwhile (setFolders pruned its state);
          // noting it unread now would say the gap `unreadable` forever. The newer walk decides.
          if (this.generation !== generation || this.disposed) return;
          // The walk still ends: a throw here left the index "being built" forever (the client
          // says to wait for it). The folder is unread instead (the gap `unreadable`, a rename
          // names it "left as it is") until its next walk (an event, a settings change) tries it
          // again; its files from an earlier walk go, so that rename edits none of them either.
          this.deps.log?.(`RunPod: walking ${folder.path} for the index failed (${describeError(error)}); its files are missing until it is walked again.`);
          this.dropFilesOf(folder);
          this.noteUnread(folder.path, folder, true);
        }
      }
      if (this.refused === refusedBefore || this.deps.store.diskCount >= MAX_INDEXED_FILES) break;
      folders = folders.filter((f) => this.refusedIn.has(f));
    }
    if (this.generation !== generation || this.disposed) return;
    const truncated = [...walked.values()].some((w) => w.truncated);
    this.truncated = truncated;
    const deepIn = new Map<string, string>();
    for (const folder of this.folders.values()) {
      // A folder whose walk failed keeps what its last walk found: its deep tree is still there as far as is known.
      const deep = walked.has(folder) ? walked.get(folder)!.deep : this.deepIn.get(folder.uri);
      if (deep !== undefined) deepIn.set(folder.uri, deep);
    }
    this.deepIn = deepIn;
    // A deep folder deleted after this walk met it, while it ran: the event came before the walk
    // said the folder was there, so it asked for no walk. Another walk learns whether a deep folder
    // remains (one lstat per folder with one; the walk remembers the first deep folder only).
    // Only the deep folders this walk met (a folder whose walk failed keeps an older one: walking
    // again fails again), only when gone (lstat failing for permissions or a long path leaves it
    // there), and once per deep folder while walks keep meeting it: otherwise walks without end.
    const met = new Set([...walked.values()].flatMap((w) => (w.deep === undefined ? [] : [w.deep])));
    const gone = [...met].filter((deep) => !this.walkedAgainFor.has(deep) && isGone(deep));
    this.walkedAgainFor = new Set([...[...this.walkedAgainFor].filter((deep) => met.has(deep)), ...gone]);
    if (gone.length > 0) this.walkForEvents();
    // The walk's last pass met every file that was refused: those it read no room for (or an event meanwhile) decide.
    this.capped = this.refused > refusedBefore;
    if (this.capped) this.sayCapped();
    this.builtOnce = true;
    // Whatever changed, the answer to "is the index complete" did: usage counts are asked again.
    this.record({ usages: true, templates: new Set(), any: true });
    this.flushChanges();
    this.deps.walked?.(this.deps.store.size, Date.now() - began);
    if (truncated) this.deps.warn(`RunPod: the workspace has more than ${grouped(MAX_WALKED_ENTRIES)} files and folders; the language server indexed part of it. Where-used counts may be incomplete. ${INDEX_LIMIT_REMEDY}.`);
    const deep = this.deepFolder;
    if (deep !== undefined && !this.saidDeep) {
      this.saidDeep = true;
      this.deps.warn(`RunPod: the workspace has ${tooDeepNotice(deep, 'Where-used counts, references and rename may miss files there')}`);
    }
  }

  /**
   * The folder's settings, asked of the client when it has none (a settings change cleared them)
   * or has only kept ones. A request that fails (a client reloading its window) is asked once more,
   * then the settings of the folder's last walk are kept, or the defaults for a folder never read:
   * dropping the folder's files for it made every usage count 0. Kept, they are the gap `settings`
   * until a walk's request answers (every walk asks again: an event, a settings change).
   * Throws only when the walk went `stale` (a newer walk asks anew): a settings change meanwhile
   * cleared them, and settings kept from before it would spare the newer walk its request.
   */
  private async settingsOf(folder: Folder, stale: () => boolean): Promise<ServerSettings> {
    if (folder.settings && !folder.settingsKept) return folder.settings;
    let settings: ServerSettings;
    try {
      settings = await this.deps.folderSettings(folder.uri);
    } catch (error) {
      if (stale()) throw error;
      try {
        settings = await this.deps.folderSettings(folder.uri);
      } catch (error) {
        if (stale()) throw error;
        // Said once while they stay kept (the gap `settings` says it to every count and rename meanwhile).
        // The popup names the folder as a notice names a path and the error by its kind; its stack frames go to the log.
        if (!folder.settingsKept) {
          this.deps.log?.(`RunPod: reading the settings of ${folder.path} failed (${describeError(error)}).`);
          this.deps.warn(`RunPod: the settings (runpod.files, runpod.environments) of ${pathLabel(folder.path)} could not be read (${error instanceof Error ? error.name : 'error'}); its index uses the ones it had (the defaults if none). Where-used counts, references and rename may miss files its settings name. ${SETTINGS_GAP_REMEDY}.`);
        }
        folder.settingsKept = true;
        folder.settings = settings = folder.lastSettings ?? inFolder(DEFAULT_SETTINGS, folder.uri);
        return settings;
      }
    }
    if (stale()) throw new Error('walk went stale while the settings were asked for');
    folder.settings = folder.lastSettings = settings;
    folder.settingsKept = false;
    return settings;
  }

  /** Takes `folder`'s files read from disk out of the index (its open documents stay). */
  private dropFilesOf(folder: Folder): void {
    for (const entry of [...this.deps.store.all()]) if (entry.source.kind === 'disk' && entry.folder === folder.uri) this.record(this.deps.store.delete(entry.path));
  }

  /** Walks one folder, reads new and changed files, drops the files gone. Returns how the walk ended. */
  private async walk(folder: Folder, generation: number): Promise<Walked> {
    const script = this.deps.walkWorker;
    // Only a first walk goes to the thread: a later one reads only the files whose stamp changed.
    // This folder's own entries: a nested workspace folder walked before lies below it too.
    if (script && !this.deps.store.below(folder.path).some((e) => e.source.kind === 'disk' && e.folder === folder.uri)) {
      try {
        // undefined: abandoned for a newer walk, which does the work (not a walk here as well).
        return (await this.walkInThread(folder, generation, script)) ?? { truncated: false, deep: undefined };
      } catch (error) {
        this.deps.log?.(`RunPod: the index's walk thread failed (${error instanceof Error ? error.message : String(error)}); walking in the server's thread.`);
      }
    }
    return this.walkHere(folder, generation);
  }

  /**
   * The first walk of `folder`, listed and read by a worker (walkThread.ts) while this thread
   * analyses each batch. Returns how the walk ended, or undefined when it was abandoned for a newer one.
   */
  private async walkInThread(folder: Folder, generation: number, script: string): Promise<Walked | undefined> {
    const settings = folder.settings!;
    const stale = (): boolean => this.generation !== generation || this.disposed;
    const thread = this.spare ?? new WalkerThread(script);
    this.spare = undefined;
    const walk = new ThreadWalk(thread, {
      root: folder.path,
      folders: [...this.folders.values()].map((f) => f.path),
      globs: settings.files,
      environments: settings.environments,
      folder: settings.folder,
      maxEntries: MAX_WALKED_ENTRIES,
      maxFiles: Math.max(0, MAX_INDEXED_FILES - this.deps.store.diskCount),
      maxBytes: ANALYSIS_LIMIT,
    });
    const listed = new Set<string>();
    const since = this.notes;
    try {
      for (let batch = await walk.next(); batch; batch = await walk.next()) {
        for (const file of batch) {
          listed.add(file.path);
          await this.yieldIfDue();
          if (stale()) return undefined;
          if (this.deps.store.get(file.path)?.source.kind === 'open') continue;
          // Past the thread's budget, a file is read here while the index has room: a file the
          // thread read but the index did not take (open, or gone) must not cost the workspace a place.
          this.index(folder, file.path, file.kind, file.read ?? (this.mayAdd(file.path) ? readAsIndexed(file.path) : undefined));
        }
      }
    } finally {
      walk.stop();
    }
    const end = walk.end!;
    this.forgetUnread(folder, listed, since);
    const undecodable = new Set(end.undecodable);
    for (const path of end.unlisted) this.noteUnread(path, folder, true, undecodable.has(path));
    const rules = this.rulesOf(folder);
    for (const [relative, text] of end.ignores) rules.load(relative, text);
    folder.rules = rules;
    this.flushChanges();
    return { truncated: end.truncated, deep: end.deep };
  }

  /** Walks one folder in this thread (see {@link walk}). */
  private async walkHere(folder: Folder, generation: number): Promise<Walked> {
    const settings = folder.settings!;
    const rules = this.rulesOf(folder);
    const kinds = new Map<string, DocumentKind>();
    const stale = (): boolean => this.generation !== generation || this.disposed;
    // Events applied after this point are newer than what the walk lists: its sweep leaves their files.
    const began = this.watchedSeq;
    const since = this.notes;
    const { files, truncated, unlisted, undecodable, deep } = await walkFolder(
      rules,
      (path) => kindOnDisk(settings, path),
      MAX_WALKED_ENTRIES,
      () => this.yieldIfDue(),
      stale,
      (path, kind) => kinds.set(path, kind),
    );
    if (stale()) return { truncated, deep };
    const seen = new Set(files);
    this.forgetUnread(folder, seen, since);
    const named = new Set(undecodable);
    for (const path of unlisted) this.noteUnread(path, folder, true, named.has(path));
    folder.rules = rules;
    // Files indexed earlier and not found now: deleted, ignored now, or no longer RunPod files. Taken
    // out before the reads, so the room they held under the file cap goes to files found now.
    for (const entry of [...this.deps.store.all()]) {
      if (entry.source.kind !== 'disk' || entry.folder !== folder.uri || seen.has(entry.path)) continue;
      if ((this.appliedAt.get(entry.path) ?? 0) > began) continue;
      this.record(this.deps.store.delete(entry.path));
    }
    for (const path of files) {
      await this.yieldIfDue();
      if (stale()) return { truncated, deep };
      const entry = this.deps.store.get(path);
      if (entry?.source.kind === 'open') continue;
      // Unchanged on disk and of the same kind (the settings may make a file another kind: a dotenv
      // file an environment now declares is read as env lines): kept.
      if (entry?.source.kind === 'disk' && entry.kind === kinds.get(path) && statStamp(path) === entry.source.stamp) {
        // The settings may still have moved it to another environment template.
        // Keyed by the URI, as every other lookup of a file's template is (on Windows the path is
        // `c:/ws/train`, the URI's path `/c:/ws/train`: two keys would never meet).
        const template = environmentFileOf(entry.uri, settings.environments)?.template;
        if (entry.template !== template || entry.folder !== folder.uri) this.record(this.deps.store.set({ ...entry, template, folder: folder.uri }));
        continue;
      }
      this.readDisk(folder, path, kinds.get(path));
    }
    this.flushChanges();
    return { truncated, deep };
  }

  /** Reads `path` from disk into the index (or out of it, when it is gone or is no RunPod file). */
  private readDisk(folder: Folder, path: string, kind: DocumentKind | undefined): void {
    if (!kind || !folder.settings) {
      this.unreadPaths.delete(path); // no longer a file the index would read
      if (this.deps.store.get(path)) this.record(this.deps.store.delete(path));
      return;
    }
    this.index(folder, path, kind, this.mayAdd(path) ? readAsIndexed(path) : undefined);
  }

  /** Whether `path` may be read: it is in the index already, or the index holds fewer than {@link MAX_INDEXED_FILES} files. */
  private mayAdd(path: string): boolean {
    return this.deps.store.diskCount < MAX_INDEXED_FILES || this.deps.store.get(path) !== undefined;
  }

  /** Says once per server that the index is full. */
  private sayCapped(): void {
    if (this.saidCapped) return;
    this.saidCapped = true;
    this.deps.warn(`RunPod: the workspace has more than ${grouped(MAX_INDEXED_FILES)} RunPod files; the language server indexed the first ${grouped(MAX_INDEXED_FILES)}. Where-used counts, references and rename cover those only. ${INDEX_LIMIT_REMEDY}.`);
  }

  /** Puts a file read from disk into the index (`read` undefined: not read, past the file cap), or takes it out when it could not be read. */
  private index(folder: Folder, path: string, kind: DocumentKind, read: IndexedRead | undefined): void {
    const store = this.deps.store;
    const existing = store.get(path);
    // Not read only because the index is full (every caller reads while it has room): "the first 20,000" is true.
    if (!read || !this.mayAdd(path)) {
      this.refused++;
      this.refusedIn.add(folder);
      this.capped = true;
      // During a walk, said at its end: a second pass may yet find room for what the first refused.
      if (!this.running) this.sayCapped();
      return;
    }
    this.noteUnread(path, folder, !read.ok && read.reason === 'unreadable');
    if (!read.ok) {
      if (existing) this.record(store.delete(path));
      return;
    }
    const { variables, references, cut, inputKeys } = referencesOfRead(read, kind);
    const uri = existing?.uri ?? fileUri(path);
    const entry: IndexEntry = {
      path,
      uri,
      kind,
      source: { kind: 'disk', stamp: read.stamp },
      folder: folder.uri,
      template: environmentFileOf(uri, folder.settings?.environments)?.template,
      ...indexedFacts(read.text, { variables, references: flatReferences(references), inputKeys }, cut),
    };
    this.record(store.set(entry));
  }

  private record(change: IndexChange): void {
    merge(this.pending, change);
  }

  private flushChanges(): void {
    if (!this.pending.any) return;
    const change = this.pending;
    this.pending = emptyChange();
    this.deps.changed(change);
  }

  /** Yields to the event loop once the current slice has run {@link SLICE_MS} ms, telling what changed so far. */
  async yieldIfDue(): Promise<void> {
    if (Date.now() - this.sliceStart < SLICE_MS) return;
    this.flushChanges();
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = Date.now();
  }
}

/** What the index reads a file on disk as, by the folder's settings (`runpod.files`, and `runpod.environments`, whose files are read whatever their names). */
function kindOnDisk(settings: ServerSettings, path: string): DocumentKind | undefined {
  return indexedFileKind(path, settings.files, settings.environments, settings.folder);
}

function statStamp(path: string): string | undefined {
  try {
    const stat = lstatSync(path);
    return stat.isFile() ? stampOf(stat) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `path` is no folder now: deleted, or replaced by a file (walk.ts decides which lstat failures say so). */
function isGone(path: string): boolean {
  try {
    return !lstatSync(path).isDirectory();
  } catch (error) {
    return isGoneMeanwhile(error);
  }
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}
