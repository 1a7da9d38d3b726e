/**
 * The workspace index's data: one entry per RunPod file (found on disk under a workspace folder,
 * or open in the editor, whose text wins over the disk), holding only the secrets it references
 * and the keys it defines, with their ranges. No text is kept. Answers the queries of the LSP
 * features (references, usages, symbols, environment siblings) and says what each change changed,
 * so the server notifies the client only when counts or an environment group could differ.
 */
import type { Range } from 'vscode-languageserver';
import type { SubstitutionVerdict } from '../template/substitution';
import type { DocumentKind } from '../template/types';
import type { IndexedKeys } from './keyColumns';
import { isBelow } from './uris';

/** A span as LSP positions, flat (one object per fact keeps 5,000 files' facts small). */
export interface FlatRange {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

export interface IndexedReference extends FlatRange {
  /** The secret's name; the range is the name as written (what references list and rename replaces). */
  name: string;
  /** The variable holding the reference. */
  key: string;
  substituted: SubstitutionVerdict;
  wellFormed: boolean;
  /** Part of a longer value rather than the whole value (the environments' Add KEY copies only a whole one). */
  embedded: boolean;
}

/** The LSP range of a flat range. */
export function rangeOf(r: FlatRange): Range {
  return { start: { line: r.line, character: r.character }, end: { line: r.endLine, character: r.endCharacter } };
}

/** Where an entry's facts came from. */
export type EntrySource = { kind: 'disk'; stamp: string } | { kind: 'open'; version: number };

export interface IndexEntry {
  /** The index key: the decoded file path (the URI for a buffer with no file). */
  readonly path: string;
  /** The URI answers name: the editor's own for an open document, VS Code's encoding for a file found on disk. */
  readonly uri: string;
  readonly kind: DocumentKind;
  readonly source: EntrySource;
  /** The workspace folder (URI) the file lies in, whose settings apply; undefined for an open document outside every folder. */
  readonly folder: string | undefined;
  readonly references: readonly IndexedReference[];
  /** The keys it defines, valid ones only, in document order (at most MAX_FACTS_PER_FILE). */
  readonly keys: IndexedKeys;
  /** Whether the file holds any reference at all (then its problems depend on the secret list). */
  readonly hasReferences: boolean;
  /**
   * Whether the file's references are known only in part: its analysis stopped before its end, past
   * the size or the entry count (analyze.ts: `cut` of analyzeReferences for a file on disk,
   * stoppedEarly for an open document), or it holds more uses than the index keeps of a file
   * (facts.ts MAX_FACTS_PER_FILE). Decided once, when the file is read (lsp/indexedFacts.ts).
   */
  readonly readInPart: boolean;
  /** The environment template the file belongs to (template/environments files.ts), if any. */
  readonly template: string | undefined;
}

/** What one change of the index changed, for the notifications the server sends. */
export interface IndexChange {
  /** Secret names referenced, per file: usage counts may differ. */
  usages: boolean;
  /** Environment templates whose members' keys or secrets changed: their files' environment problems may differ. */
  templates: Set<string>;
  /** Anything at all (a range moved): workspace diagnostics and locations may differ. */
  any: boolean;
}

/** A secret's uses in one file. */
export interface FileUses {
  entry: IndexEntry;
  references: IndexedReference[];
}

/** One symbol found by a workspace symbol query. */
export interface FoundSymbol {
  name: string;
  kind: 'key' | 'secret';
  entry: IndexEntry;
  at: FlatRange;
}

function namesOf(entry: IndexEntry | undefined): string {
  return entry ? entry.references.map((r) => r.name).sort().join('\n') : '';
}

/** What the environment rules read of a file: its valid keys and well-formed secrets. */
function environmentFactsOf(entry: IndexEntry | undefined): string {
  if (!entry?.template) return '';
  const keys = [...new Set(entry.keys.names)].sort().join('\n');
  const secrets = [...new Set(entry.references.filter((r) => r.wellFormed).map((r) => `${r.key}=${r.name}`))].sort().join('\n');
  return `${entry.template}\n${keys}\n\n${secrets}`;
}

/**
 * Subsequence match, ignoring case (`hftok` finds `hf-token`, `HF_TOKEN`): how editors filter
 * symbol lists, so the editor's own ranking of what is returned stays meaningful.
 */
export function matchesQuery(name: string, query: string): boolean {
  if (query === '') return true;
  // A longer query is no subsequence: a pasted megabyte costs nothing per name.
  if (query.length > name.length) return false;
  let at = 0;
  const lower = name.toLowerCase();
  for (const c of query.toLowerCase()) {
    at = lower.indexOf(c, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

export class IndexStore {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly byTemplate = new Map<string, Set<IndexEntry>>();
  /**
   * The entries referencing each secret name: where-used questions (references, a rename, the
   * usage counts of named secrets) read the files that use the name, not every reference of the
   * workspace (5,000 files hold 53,000; a count of one name cost 4 ms a request).
   */
  private readonly byName = new Map<string, Set<IndexEntry>>();
  /** Each path's place in the index (the order entries were first added): answers list files in it. */
  private readonly order = new Map<string, number>();
  private nextOrder = 0;
  private readonly revisions = new Map<string, number>();
  /**
   * Folders with an entry below them, each with how many entries and such folders it holds
   * directly: a deleted folder is found without a scan. An entry counts in its own folder only, and
   * in the folders above only when its folder is new there: counted in every folder above, an entry
   * cost eight Map writes of freshly cut paths, about 20 ms of the cold index of the bench's 5,000
   * files (December 2026).
   */
  private readonly folders = new Map<string, number>();
  private diskEntries = 0;

  get size(): number {
    return this.entries.size;
  }

  /** Entries read from disk (what the file cap counts). */
  get diskCount(): number {
    return this.diskEntries;
  }

  get(path: string): IndexEntry | undefined {
    return this.entries.get(path);
  }

  all(): IterableIterator<IndexEntry> {
    return this.entries.values();
  }

  /** Adds or replaces the entry at `entry.path`; says what changed. */
  set(entry: IndexEntry): IndexChange {
    const previous = this.entries.get(entry.path);
    this.unlink(previous);
    this.entries.set(entry.path, entry);
    this.link(entry);
    return this.changeBetween(previous, entry);
  }

  /** Removes the entry at `path`; says what changed (nothing when there was none). */
  delete(path: string): IndexChange {
    const previous = this.entries.get(path);
    if (!previous) return { usages: false, templates: new Set(), any: false };
    this.unlink(previous);
    this.entries.delete(path);
    // Added again, it goes last, as in `entries`.
    this.order.delete(path);
    return this.changeBetween(previous, undefined);
  }

  /** The entries at `folder` or below it (a folder deleted on disk). */
  below(folder: string): IndexEntry[] {
    if (!this.folders.has(folder)) return [];
    return [...this.entries.values()].filter((e) => isBelow(e.path, folder));
  }

  /** The files of an environment template, and the template's revision (changes whenever a member's keys or secrets do). */
  members(template: string): { entries: IndexEntry[]; revision: number } {
    return { entries: [...(this.byTemplate.get(template) ?? [])], revision: this.revisions.get(template) ?? 0 };
  }

  /** The revision of a template's group (see {@link members}). */
  templateRevision(template: string): number {
    return this.revisions.get(template) ?? 0;
  }

  /** Every use of `name`, per file (files in index order, references in file order). */
  usesOf(name: string): FileUses[] {
    const out: FileUses[] = [];
    for (const entry of this.inIndexOrder(this.byName.get(name))) {
      const references = entry.references.filter((r) => r.name === name);
      out.push({ entry, references });
    }
    return out;
  }

  /** The entries of `set`, in index order. */
  private inIndexOrder(set: ReadonlySet<IndexEntry> | undefined): IndexEntry[] {
    if (!set) return [];
    return [...set].sort((a, b) => this.order.get(a.path)! - this.order.get(b.path)!);
  }

  /** Per referenced name: the files that reference it and how many times (only `names` when given; without the files `leave` takes). */
  counts(names?: ReadonlySet<string>, leave?: (entry: IndexEntry) => boolean): Map<string, { files: number; references: number }> {
    const out = new Map<string, { files: number; references: number }>();
    const add = (entry: IndexEntry, name: string | undefined): void => {
      if (leave && entry.references.length > 0 && leave(entry)) return;
      const seen = new Set<string>();
      for (const r of entry.references) {
        if (name !== undefined ? r.name !== name : names && !names.has(r.name)) continue;
        let count = out.get(r.name);
        if (!count) out.set(r.name, (count = { files: 0, references: 0 }));
        count.references++;
        if (!seen.has(r.name)) {
          seen.add(r.name);
          count.files++;
        }
      }
    };
    // Named secrets: only the files that use them. Every name: every file, in index order.
    if (names) for (const name of names) for (const entry of this.inIndexOrder(this.byName.get(name))) add(entry, name);
    else for (const entry of this.entries.values()) add(entry, undefined);
    return out;
  }

  /** Keys and secret names matching `query` (see {@link matchesQuery}), at most `limit`; a secret once per file. */
  symbols(query: string, limit: number): FoundSymbol[] {
    const out: FoundSymbol[] = [];
    for (const entry of this.entries.values()) {
      const { keys } = entry;
      for (let i = 0; i < keys.length; i++) {
        if (out.length >= limit) return out;
        // An invalid key may be a value (`postgres://app:pw@db/x=1`): never a symbol, never matched (symbols.ts).
        const key = keys.key(i);
        if (matchesQuery(key, query)) out.push({ name: key, kind: 'key', entry, at: keys.at(i) });
      }
      const secrets = new Set<string>();
      for (const r of entry.references) {
        if (out.length >= limit) return out;
        if (secrets.has(r.name) || !matchesQuery(r.name, query)) continue;
        secrets.add(r.name);
        out.push({ name: r.name, kind: 'secret', entry, at: r });
      }
    }
    return out;
  }

  private link(entry: IndexEntry): void {
    if (entry.source.kind === 'disk') this.diskEntries++;
    if (!this.order.has(entry.path)) this.order.set(entry.path, this.nextOrder++);
    for (const r of entry.references) {
      let set = this.byName.get(r.name);
      if (!set) this.byName.set(r.name, (set = new Set()));
      set.add(entry);
    }
    if (entry.template) {
      let set = this.byTemplate.get(entry.template);
      if (!set) this.byTemplate.set(entry.template, (set = new Set()));
      set.add(entry);
    }
    for (let dir = parentOf(entry.path); dir !== undefined; dir = parentOf(dir)) {
      const n = this.folders.get(dir) ?? 0;
      this.folders.set(dir, n + 1);
      if (n > 0) break; // a folder known already: the ones above count it
    }
  }

  private unlink(entry: IndexEntry | undefined): void {
    if (!entry) return;
    if (entry.source.kind === 'disk') this.diskEntries--;
    for (const r of entry.references) {
      const set = this.byName.get(r.name);
      set?.delete(entry);
      if (set?.size === 0) this.byName.delete(r.name);
    }
    if (entry.template) {
      const set = this.byTemplate.get(entry.template);
      set?.delete(entry);
      if (set?.size === 0) this.byTemplate.delete(entry.template);
    }
    for (let dir = parentOf(entry.path); dir !== undefined; dir = parentOf(dir)) {
      const n = (this.folders.get(dir) ?? 1) - 1;
      if (n > 0) {
        this.folders.set(dir, n);
        break; // the folder stays: the ones above keep counting it
      }
      this.folders.delete(dir);
    }
  }

  private changeBetween(before: IndexEntry | undefined, after: IndexEntry | undefined): IndexChange {
    const templates = new Set<string>();
    // A file arriving or leaving changes its group and its names' counts: nothing to compare (the
    // cold index adds thousands of files, and comparing would sort every file's keys for nothing).
    const compare = before !== undefined && after !== undefined;
    if (!compare || environmentFactsOf(before) !== environmentFactsOf(after)) {
      for (const t of [before?.template, after?.template]) {
        if (!t || templates.has(t)) continue;
        templates.add(t);
        this.revisions.set(t, (this.revisions.get(t) ?? 0) + 1);
      }
    }
    const usages = compare ? namesOf(before) !== namesOf(after) : (before ?? after)!.references.length > 0;
    return { usages, templates, any: true };
  }
}

/** The folder holding `path`, or undefined at the root. */
function parentOf(path: string): string | undefined {
  const slash = path.lastIndexOf('/');
  return slash > 0 ? path.slice(0, slash) : undefined;
}
