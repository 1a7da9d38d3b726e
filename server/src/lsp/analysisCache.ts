/**
 * One analysis per document version, catalog and kind: completion, hover, code actions and
 * diagnostics asked about the same version reuse it instead of re-scanning the whole text. The cache
 * holds one entry per open document (the latest version), so memory stays bounded by open files.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, DocumentKind, SecretCatalog } from '../template/types';

export type Analyzer = (text: string, kind: DocumentKind, catalog: SecretCatalog) => Analysis;

interface Entry {
  version: number;
  catalog: SecretCatalog;
  kind: DocumentKind;
  analysis: Analysis;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly analyzer: Analyzer) {}

  /** The analysis of the document's current text; computed at most once per (version, catalog, kind). */
  get(doc: TextDocument, kind: DocumentKind, catalog: SecretCatalog): Analysis {
    const entry = this.entries.get(doc.uri);
    if (entry && entry.version === doc.version && entry.catalog === catalog && entry.kind === kind) return entry.analysis;
    const analysis = this.analyzer(doc.getText(), kind, catalog);
    this.entries.set(doc.uri, { version: doc.version, catalog, kind, analysis });
    return analysis;
  }

  /** Forgets a closed document. */
  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
