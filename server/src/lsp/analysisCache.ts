/**
 * One analysis per document version, catalog and kind: completion, hover, code actions, symbols
 * and diagnostics asked about the same version reuse it instead of reading the text again. The
 * cache holds one entry per open document (its latest version), so memory stays bounded by open files.
 *
 * Env documents (`runpod-env`, `dotenv`) are analysed incrementally: `trackedDocuments` passes
 * every edit to their `IncrementalEnvAnalysis`, which re-reads only the statements an edit touches.
 * Each entry also carries a `problemsToken`, the same object for as long as the document's problems
 * look the same in the editor, so converted diagnostics are reused as they are.
 */
import { TextDocumentContentChangeEvent, type TextDocumentsConfiguration } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ANALYSIS_LIMITS, isWithinSize, mayBePastCount, stoppedEarly, type AnalysisLimits } from '../template/analyze';
import { IncrementalEnvAnalysis, type TextChange } from '../template/incremental';
import type { PieceText } from '../template/pieceText';
import { OpenDocument } from './openDocument';
import { wholeRange } from './positions';
import { isEnvKind, type Analysis, type DocumentKind, type SecretCatalog } from '../template/types';

export type Analyzer = (text: string, kind: DocumentKind, catalog: SecretCatalog) => Analysis;

/** An analysis and the token its diagnostics are cached on. */
export interface CachedAnalysis {
  analysis: Analysis;
  /** The same object while the problems keep their content, line and column (a new one per version for other kinds). */
  problemsToken: object;
}

interface Entry extends CachedAnalysis {
  version: number;
  kind: DocumentKind;
  catalog: SecretCatalog;
  /** Env documents: the incremental analysis, kept at `modelVersion` by every edit. */
  model?: IncrementalEnvAnalysis;
  modelVersion?: number;
  /** `model.problemsRevision` when `problemsToken` was made. */
  revision?: number;
  /** An env document within the size that holds more entries than the count: analysed afresh, cut there. */
  pastCount?: boolean;
}

/**
 * Whether an env document may be analysed incrementally: within the size limit. Past a limit the document is analysed up to it only,
 * afresh each time (see analyze()); the count is the model's to tell
 * (`IncrementalEnvAnalysis.pastLimit`), as only a reading knows it.
 */
function isIncremental(kind: DocumentKind, text: { length: number }, limits: AnalysisLimits): boolean {
  return isEnvKind(kind) && isWithinSize(text.length, limits);
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  /** @param limits those `analyzer` applies (analyze.ts ANALYSIS_LIMITS; tests use small ones) */
  constructor(
    private readonly analyzer: Analyzer,
    private readonly limits: AnalysisLimits = ANALYSIS_LIMITS,
  ) {}

  /** The analysis of the document's current text; computed at most once per (version, catalog, kind). */
  get(doc: TextDocument, kind: DocumentKind, catalog: SecretCatalog): CachedAnalysis {
    const entry = this.entries.get(doc.uri);
    if (entry && entry.version === doc.version && entry.catalog === catalog && entry.kind === kind) return entry;
    const model = entry?.model;
    if (entry && model && entry.modelVersion === doc.version && model.kind === kind && model.catalog === catalog) {
      entry.version = doc.version;
      entry.analysis = model.analysis();
      if (entry.revision !== model.problemsRevision) {
        entry.problemsToken = {};
        entry.revision = model.problemsRevision;
      }
      return entry;
    }
    const text = doc.getText();
    const fresh =
      (isIncremental(kind, text, this.limits) && this.incremental(doc, kind, catalog, entry?.pastCount === true || mayBePastCount(text, this.limits))) ||
      this.afresh(doc, kind, catalog, text, false);
    this.entries.set(doc.uri, fresh);
    return fresh;
  }

  /**
   * The entry of an env document within the size, read incrementally unless it holds more entries
   * than the count. A document that may be past the count (found so before, or with as many lines)
   * is analysed afresh first: reading statements only to learn it is past would cost a second
   * reading per keystroke, and the first reading's garbage on top of the second's at open.
   */
  private incremental(doc: TextDocument, kind: DocumentKind, catalog: SecretCatalog, mayBePastCount: boolean): Entry | undefined {
    const text = doc.getText();
    if (mayBePastCount) {
      const cut = this.afresh(doc, kind, catalog, text, true);
      if (stoppedEarly(cut.analysis)) return cut;
    }
    // The model reads the open document's own pieces (a keystroke then reads only the part it touches).
    const m = new IncrementalEnvAnalysis(doc instanceof OpenDocument ? doc.text : text, kind, catalog, this.limits.entries);
    if (m.pastLimit) return this.afresh(doc, kind, catalog, text, true);
    return { version: doc.version, kind, catalog, analysis: m.analysis(), problemsToken: {}, model: m, modelVersion: doc.version, revision: m.problemsRevision };
  }

  private afresh(doc: TextDocument, kind: DocumentKind, catalog: SecretCatalog, text: string, pastCount: boolean): Entry {
    const analysis = this.analyzer(text, kind, catalog);
    return { version: doc.version, kind, catalog, analysis, problemsToken: analysis, pastCount };
  }

  /**
   * What hover and completion at `offset` need: the variables and references there. For an env
   * document read incrementally, only the statements at `offset` are read again after an edit.
   */
  around(doc: TextDocument, kind: DocumentKind, catalog: SecretCatalog, offset: number): Pick<Analysis, 'variables' | 'references'> {
    const cached = this.get(doc, kind, catalog);
    const model = this.entries.get(doc.uri)?.model;
    return model ? model.around(offset) : cached.analysis;
  }

  /**
   * The incremental analysis of an env document at its current version, if it has one: what was
   * found over its keys and references on an earlier version can be moved with the text from it
   * (the environment problems, per keystroke) instead of being found again.
   */
  modelOf(doc: TextDocument): IncrementalEnvAnalysis | undefined {
    const entry = this.entries.get(doc.uri);
    return entry?.model && entry.modelVersion === doc.version ? entry.model : undefined;
  }

  /**
   * One edit of an open document, in order: `previousVersion` is the version the change applies
   * to, `text` the whole text after it. Keeps an incremental analysis current; anything unexpected
   * (a missed version, a document grown past the limit) drops it, and the next `get` starts afresh.
   */
  changed(uri: string, previousVersion: number, change: TextChange, text: string | PieceText, version: number): void {
    const entry = this.entries.get(uri);
    const model = entry?.model;
    if (!entry || !model) return;
    if (entry.modelVersion !== previousVersion || !isIncremental(model.kind, text, this.limits)) {
      entry.model = undefined;
      return;
    }
    try {
      model.apply(change, text);
      if (model.pastLimit) {
        // Typed or pasted past the count: analysed afresh (and cut) from now on, until back under it.
        entry.model = undefined;
        entry.pastCount = true;
        return;
      }
      entry.modelVersion = version;
    } catch (error) {
      entry.model = undefined;
      throw error;
    }
  }

  /** Forgets a closed document. */
  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

/**
 * A change as LSP defines it, whatever the client sent: its range in whole positions (positions.ts)
 * so the text, its line table and the incremental analysis agree; anything else passes as it is
 * (`TextDocument` refuses a change it cannot read).
 */
function wholeChange(change: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent {
  return typeof change === 'object' && change !== null && 'range' in change && typeof change.text === 'string' ? { range: wholeRange(change.range), text: change.text } : change;
}

/** Changes in one notification that are followed one by one; more start the analysis afresh. */
export const MAX_TRACKED_CHANGES = 64;

/**
 * The `TextDocuments` configuration that applies changes one at a time, telling `cache` each
 * change's offsets in the text it applies to (what an incremental analysis needs and LSP's
 * line/character ranges do not give directly). `onError` hears of a failure of the cache; the
 * document itself is always updated.
 */
export function trackedDocuments(cache: AnalysisCache, onError: (error: unknown) => void): TextDocumentsConfiguration<OpenDocument> {
  return {
    create: (uri, languageId, version, content) => {
      // A document is known by its URI everywhere (the index keys, the workspace diagnostics): one
      // that is not a string is refused, which the document manager logs, rather than kept to fail
      // every workspace feature for the rest of the session.
      if (typeof uri !== 'string') throw new TypeError('a document was opened without a URI string; it is ignored');
      // Opened (again): whatever was cached for this URI described another text.
      cache.delete(uri);
      // A client that sends no text opens an empty document, not one every request fails on.
      return new OpenDocument(uri, languageId, version, typeof content === 'string' ? content : '');
    },
    update: (doc, sent: TextDocumentContentChangeEvent[], version) => {
      // Applied whole or not at all: past the changes before a malformed one (null, a number), the
      // text would be changed while the document manager, failing on it, tells no one (no
      // diagnostics pushed, the index keeping the text before). It logs this refusal instead.
      if (!Array.isArray(sent) || !sent.every((c) => TextDocumentContentChangeEvent.isIncremental(c) || TextDocumentContentChangeEvent.isFull(c))) {
        throw new TypeError('a document change that is neither a ranged nor a whole-text change; the notification is ignored');
      }
      const changes = sent.map(wholeChange);
      // Each change re-reads from where it starts, with searches that may run to the end of the
      // text: past a few dozen changes at once (a replace-all), one fresh analysis costs less.
      // The cache knows a text by its version: a client that repeats or lowers one (LSP says it
      // must not) would be answered from the text before its change, so that text is forgotten.
      if (changes.length > MAX_TRACKED_CHANGES || !(version > doc.version)) {
        cache.delete(doc.uri);
        doc.update(changes, version);
        return doc;
      }
      for (const change of changes) {
        const previousVersion = doc.version;
        if ('range' in change) {
          const start = doc.offsetAt(change.range.start);
          const end = doc.offsetAt(change.range.end);
          doc.update([change], version);
          try {
            cache.changed(doc.uri, previousVersion, { start: Math.min(start, end), end: Math.max(start, end), text: change.text }, doc.text, version);
          } catch (error) {
            onError(error);
          }
        } else {
          doc.update([change], version);
          cache.delete(doc.uri);
        }
      }
      return doc;
    },
  };
}
