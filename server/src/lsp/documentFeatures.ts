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
import type { IndexStore } from '../index/store';
import { codeActions, complete, eachSymbol, hover, offersSymbols } from '../template/index';
import { referenceTokens } from '../template/semanticTokens';
import type { AnalysisCache } from './analysisCache';
import { addKeysEdit } from '../template/environments/addKey';
import { fileLabel } from '../template/environments/rules';
import { quotedKey } from '../template/rules/keys';
import type { Problem } from '../template/types';
import type { ClientFeatures } from './capabilities';
import { addKeyDataOf, changesOf, toCodeActions, versionedEdit } from './codeActions';
import { templateFiles, type OpenDocuments } from './templateFiles';
import type { Indexer } from '../index/indexer';
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
  documents: OpenDocuments;
  store: Pick<IndexStore, 'get'>;
  /** The workspace folders' paths: a target open only through a link is edited as that tab (templateFiles.ts). */
  indexer: Pick<Indexer, 'folderPaths'>;
  /**
   * Whether the client resolves an action's edit ("Add KEY" actions are then listed without one),
   * and takes versioned edits (a resolved edit names the versions it was computed on).
   */
  client: Pick<ClientFeatures, 'resolveCodeActionEdit' | 'documentChanges'>;
  /** Tells the user why a resolved "Add KEY" action adds nothing (window/showMessage). */
  showWarning(message: string): void;
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
    const { serving } = this.deps;
    const target = await serving.served(params.textDocument.uri);
    if (!target) return [];
    const span = rangeToSpan(target.doc, params.range);
    const { scope, analysis, files } = this.fixable(target);
    // The diagnostics the client asks about: a Quick Fix on one of many on a line gets its own action first.
    // Only a plain message can be one of ours (a problem's message is text).
    const requested = params.context.diagnostics.flatMap((d) => (typeof d.message === 'string' ? [{ code: d.code, span: rangeToSpan(target.doc, d.range), message: d.message }] : []));
    const candidates = codeActions(target.doc.getText(), span, target.kind, scope.catalog, analysis, files, requested, this.deps.client.resolveCodeActionEdit);
    return toCodeActions(target.doc, candidates, params.context, target.settings, scope.catalog, files);
  }

  /**
   * An "Add KEY" action listed without its edit gets it now, computed as an eager client's is (the
   * target read back), on the texts as they are now: typing elsewhere since the listing changes
   * nothing, as each edit is made for the text it applies to. When it cannot be (the document
   * closed since, the key no longer missing there, the target with no safe place for it), the action comes back without an edit,
   * which applies nothing, and a warning says why: a quick fix that silently did nothing would
   * look broken. Worded without claiming an apply: a Preview (Ctrl+Enter) resolves too. VS Code
   * takes only `edit` from a resolved action, so `disabled` set now would not be shown.
   */
  async resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    // A client may send anything back, `null` too: what is no action of ours is answered as sent.
    const data = addKeyDataOf(action?.data);
    if (!data || action.edit) return action;
    const one = data.keys.length === 1;
    const what = one ? quotedKey(data.keys[0]!) ?? 'the key' : `the ${data.keys.length} missing keys`;
    const it = one ? 'it' : 'one of them';
    const to = fileLabel(data.to);
    // Named by the action's own title (addKey.ts addTitle made it; the client sends it back), so two
    // targets named alike are told apart as the menu told them apart.
    const title = typeof action.title === 'string' && action.title !== '' ? action.title : `Add ${what} to ${to}`;
    const refuse = (why: string): CodeAction => {
      this.deps.showWarning(`${title} cannot be applied: ${why}.`);
      return action;
    };
    const target = await this.deps.serving.served(data.uri);
    if (!target) return refuse(`${fileLabel(data.uri)} is not open (closed since the quick fix was listed); try the quick fix again`);
    const { scope, analysis, files } = this.fixable(target);
    // Only a file a problem names as lacking the key is read: `data` is the client's to send back.
    const byKey = new Map<string, Problem>();
    for (const p of analysis.problems) {
      const add = p.data?.addKey;
      if (p.code === 'missing-in-environment' && add && add.to.includes(data.to) && !byKey.has(add.key)) byKey.set(add.key, p);
    }
    const problems = data.keys.map((k) => byKey.get(k));
    if (problems.some((p) => p === undefined)) return refuse(`${it} is no longer missing there`);
    if (files.textOf(data.to) === undefined || files.kindOf(data.to) === undefined) return refuse(`${to} could not be read whole (unreadable, or past the analysis limits)`);
    const edit = addKeysEdit(problems as Problem[], data.to, files, scope.catalog);
    if (!edit) return refuse(`${to} has a syntax error, or no place where it stays valid with ${what} added; fix it, then try the quick fix again`);
    // Resolved early and applied after more typing (the source may be the target): the versions
    // the texts were read at (templateFiles reads open documents as the editor holds them, now).
    const changes = changesOf(target.doc, [edit], files);
    return { ...action, edit: versionedEdit(changes, this.deps.client.documentChanges, (uri) => this.deps.documents.get(uri)?.version ?? null) };
  }

  /**
   * The problems a code action may fix, and the template's files: the environment rules' problems
   * are the document's too (their fix, another environment's secret, is offered); so is
   * secret-rotation-due (judged against the clock, as judgedProblems (documentDiagnostics.ts) judges
   * it for diagnostics, without the other-account note, which is no fix): Rotate Secret.
   */
  private fixable(target: NonNullable<Awaited<ReturnType<ServedDocuments['served']>>>) {
    const { serving, diagnostics } = this.deps;
    const scope = serving.scopeOf(target);
    const analysis = serving.cachedOf(target, scope).analysis;
    const environment = diagnostics.environmentOf(target, analysis, scope).problems;
    const problems = judgedProblems(analysis, scope.catalog, target.settings.rotationDays, environment);
    const files = templateFiles(this.deps.documents, this.deps.store, { uri: target.doc.uri, kind: target.kind, analysis }, () => this.deps.indexer.folderPaths);
    return { scope, analysis: problems === analysis.problems ? analysis : { ...analysis, problems: [...problems] }, files };
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
