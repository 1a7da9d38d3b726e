/**
 * The features of one open document: completion, hover, code actions, document symbols and
 * semantic tokens. Each looks the document up as served now (lsp/served.ts), asks the pure core in
 * `template/`, and converts its offsets to LSP shapes at this edge.
 */
import type {
  CodeAction,
  CodeActionParams,
  CompletionList,
  CompletionParams,
  DocumentSymbol,
  DocumentSymbolParams,
  Hover,
  HoverParams,
  SemanticTokens,
  SemanticTokensParams,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IndexStore } from '../index/store';
import { codeActions, complete, eachSymbol, hover, offersSymbols } from '../template/index';
import { referenceTokens } from '../template/semanticTokens';
import type { AnalysisCache } from './analysisCache';
import { toCodeActions } from './codeActions';
import { templateFiles } from './templateFiles';
import { completionTrigger, toCompletionList } from './completion';
import { judgedProblems, type DocumentDiagnostics } from './documentDiagnostics';
import { toHover } from './hover';
import { positionToOffset, rangeToSpan } from './positions';
import { toSemanticTokens } from './semanticTokens';
import type { ServedDocuments } from './served';
import { toDocumentSymbols } from './symbols';

export interface DocumentFeaturesDeps {
  serving: ServedDocuments;
  cache: AnalysisCache;
  /** The environment problems a code action may fix are the diagnostics' (cached there). */
  diagnostics: Pick<DocumentDiagnostics, 'environmentOf'>;
  /** The open documents and the index: the other files of a template, for "Add KEY to <file>". */
  documents: { get(uri: string): TextDocument | undefined };
  store: Pick<IndexStore, 'get'>;
}

export class DocumentFeatures {
  constructor(private readonly deps: DocumentFeaturesDeps) {}

  async completion(params: CompletionParams): Promise<CompletionList> {
    const { serving, cache } = this.deps;
    const target = await serving.served(params.textDocument.uri);
    if (!target) return { isIncomplete: false, items: [] };
    const offset = positionToOffset(target.doc, params.position);
    const list = serving.scopeOf(target).catalog;
    const around = cache.around(target.doc, target.kind, list, offset);
    return toCompletionList(target.doc, complete(target.doc.getText(), offset, target.kind, list, around, completionTrigger(params.context)));
  }

  async hover(params: HoverParams): Promise<Hover | null> {
    const { serving, cache } = this.deps;
    const target = await serving.served(params.textDocument.uri);
    if (!target) return null;
    const offset = positionToOffset(target.doc, params.position);
    const scope = serving.scopeOf(target);
    const around = cache.around(target.doc, target.kind, scope.catalog, offset);
    const clock = { now: Date.now(), rotationDays: target.settings.rotationDays };
    return toHover(target.doc, hover(target.doc.getText(), offset, target.kind, scope.catalog, around, clock, scope.notes[0]?.message));
  }

  async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const { serving, diagnostics } = this.deps;
    const target = await serving.served(params.textDocument.uri);
    if (!target) return [];
    const span = rangeToSpan(target.doc, params.range);
    // The environment rules' problems are the document's too: their fix (another environment's secret) is offered here;
    // so is secret-rotation-due (judged against the clock, as judgedProblems (documentDiagnostics.ts) judges it for diagnostics, without the other-account note, which is no fix): Rotate Secret.
    const scope = serving.scopeOf(target);
    const analysis = serving.cachedOf(target, scope).analysis;
    const environment = diagnostics.environmentOf(target, analysis, scope).problems;
    const problems = judgedProblems(analysis, scope.catalog, target.settings.rotationDays, environment);
    const files = templateFiles(this.deps.documents, this.deps.store, { uri: target.doc.uri, kind: target.kind, analysis });
    // The diagnostics the client asks about: a Quick Fix on one of many on a line gets its own action first.
    // Only a plain message can be one of ours (a problem's message is text).
    const requested = params.context.diagnostics.flatMap((d) => (typeof d.message === 'string' ? [{ code: d.code, span: rangeToSpan(target.doc, d.range), message: d.message }] : []));
    const candidates = codeActions(target.doc.getText(), span, target.kind, scope.catalog, problems === analysis.problems ? analysis : { ...analysis, problems: [...problems] }, files, requested);
    return toCodeActions(target.doc, candidates, params.context, target.settings, scope.catalog, files);
  }

  async documentSymbols(params: DocumentSymbolParams): Promise<DocumentSymbol[]> {
    const { serving } = this.deps;
    const target = await serving.served(params.textDocument.uri);
    if (!target || !offersSymbols(target.kind, target.doc.languageId)) return [];
    return toDocumentSymbols(target.doc, eachSymbol(serving.analysisOf(target)));
  }

  async semanticTokens(params: SemanticTokensParams): Promise<SemanticTokens> {
    const { serving } = this.deps;
    const target = await serving.served(params.textDocument.uri);
    if (!target) return { data: [] };
    const scope = serving.scopeOf(target);
    return toSemanticTokens(target.doc, referenceTokens(serving.cachedOf(target, scope).analysis, scope.catalog));
  }
}
