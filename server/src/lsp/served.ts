/**
 * Which open documents the server serves, and what it knows of one as of now: its text, kind,
 * settings, the list it is judged against and its cached analysis. Every feature starts here.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OpenFacts } from '../index/indexer';
import type { IndexEntry } from '../index/store';
import { declaredOrNamedKind } from '../template/environments/files';
import { MAX_URI_LENGTH, documentKindFor } from '../template/fileKinds';
import type { Analysis, DocumentKind } from '../template/types';
import { fileScope, type FileScope } from './accountScope';
import type { AnalysisCache, CachedAnalysis } from './analysisCache';
import type { CatalogStore } from './catalog';
import type { ServerSettings, SettingsStore } from './settings';

/** A served document as of now: its text, kind and the settings that apply to it. */
export interface Served {
  doc: TextDocument;
  kind: DocumentKind;
  settings: ServerSettings;
}

export interface ServedDeps {
  documents: { get(uri: string): TextDocument | undefined; all(): readonly TextDocument[] };
  /** A getter: the store is replaced at initialize once the client can answer workspace/configuration. */
  settings(): SettingsStore;
  cache: AnalysisCache;
  catalog: CatalogStore;
}

export class ServedDocuments {
  constructor(private readonly deps: ServedDeps) {}

  /**
   * Looks up the document after reading its settings (the only await), so everything after this
   * works synchronously on one version of the text. `undefined`: not open, or not a RunPod document
   * (a URI longer than any file's is none, whatever the settings declare: see MAX_URI_LENGTH).
   */
  async served(uri: string): Promise<Served | undefined> {
    const { documents } = this.deps;
    if (uri.length > MAX_URI_LENGTH || !documents.get(uri)) return undefined;
    const documentSettings = await this.deps.settings().forDocument(uri);
    const doc = documents.get(uri);
    if (!doc) return undefined;
    // A file an environment declares is served whatever its name, as the index reads it from disk.
    const kind = declaredOrNamedKind(doc.uri, documentKindFor(doc.languageId, doc.uri, documentSettings.files, documentSettings.folder), documentSettings.environments, doc.languageId);
    return kind ? { doc, kind, settings: documentSettings } : undefined;
  }

  /** The list a served document is judged against, and the note for another account's file (lsp/accountScope.ts). */
  scopeOf(target: Served): FileScope {
    return fileScope(target.doc.uri, () => target.doc.getText(), target.settings.environments, this.deps.catalog);
  }

  cachedOf(target: Served, scope = this.scopeOf(target)): CachedAnalysis {
    return this.deps.cache.get(target.doc, target.kind, scope.catalog);
  }

  analysisOf(target: Served): Analysis {
    return this.cachedOf(target).analysis;
  }

  /**
   * Whether an index entry's current text is the editor's: its document is open, or the index took
   * it from an open document (then the file on disk is not what the user sees).
   */
  isOpen(entry: Pick<IndexEntry, 'uri' | 'source'>): boolean {
    return entry.source.kind === 'open' || this.deps.documents.get(entry.uri) !== undefined;
  }

  /** An open document as the index takes it (indexer.ts OpenFacts), or undefined when it is not a RunPod document. */
  async openFacts(uri: string): Promise<OpenFacts | undefined> {
    const target = await this.served(uri);
    return target && this.factsOf(target);
  }

  /** A served document as the index takes it (indexer.ts OpenFacts). */
  factsOf(target: Served): OpenFacts {
    return { uri: target.doc.uri, kind: target.kind, version: target.doc.version, doc: target.doc, analysis: this.analysisOf(target), settings: target.settings };
  }

  /** Every open document served, by URI, as of now (each with its own settings, so its own list). */
  async allServed(): Promise<Map<string, Served>> {
    const out = new Map<string, Served>();
    for (const doc of this.deps.documents.all()) {
      const target = await this.served(doc.uri);
      if (target) out.set(doc.uri, target);
    }
    return out;
  }
}
