/**
 * Core code action candidates to LSP code actions: text fixes as a `WorkspaceEdit`, and the
 * commands the extension implements (`runpod.secrets.create`, `runpod.secrets.createFromValue`,
 * `runpod.secrets.rotate`); for a client that resolves edits, "Add KEY" actions carry `data` (what
 * recomputes the edit on codeAction/resolve, lsp/documentFeatures.ts) instead of an edit.
 * The server only ever passes names and ranges; the client reads a value from the document itself.
 */
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type TextDocumentEdit, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CreateSecretCommand,
  CreateSecretFromValueCommand,
  RotateSecretCommand,
  type CreateSecretCommandArgs,
  type CreateSecretFromValueCommandArgs,
} from '../protocol';
import type { TemplateFiles } from '../template/environments/addKey';
import type { CodeActionCandidate, Problem, SecretCatalog } from '../template/types';
import { effectiveSeverity, problemToDiagnostic } from './diagnostics';
import { spanToRange } from './positions';
import type { ServerSettings } from './settings';

/** Whether a candidate's kind is one of the kinds the client asked for (`only`), hierarchically. */
function wanted(kind: string, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));
}

function sameRange(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}

/**
 * The diagnostic objects an action resolves: the client's own copy when it sent one (editors match
 * by identity to clear the squiggle), otherwise a fresh conversion.
 */
function fixedDiagnostics(doc: TextDocument, problems: readonly Problem[], context: CodeActionContext, settings: ServerSettings, catalog: SecretCatalog): Diagnostic[] {
  const result: Diagnostic[] = [];
  for (const problem of problems) {
    const severity = effectiveSeverity(problem, settings, catalog);
    if (severity === undefined) continue;
    const converted = problemToDiagnostic(doc, problem, severity);
    const sent = context.diagnostics.find((d) => d.code === converted.code && sameRange(d, converted));
    result.push(sent ?? converted);
  }
  return result;
}

/**
 * A candidate's edits by document: this one's, and another file's (its spans are offsets in the text
 * `files` gives, the text they were computed on). An edit in a file whose text is gone is dropped.
 */
export function changesOf(doc: TextDocument, edits: NonNullable<CodeActionCandidate['edits']>, files: Pick<TemplateFiles, 'textOf' | 'editUriOf'> | undefined): Record<string, TextEdit[]> {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of edits) {
    // The URI the client holds the file as (a tab opened through a link: templateFiles.ts); its text is that tab's.
    const path = edit.path ?? doc.uri;
    const text = path === doc.uri ? undefined : files?.textOf(path);
    const uri = path === doc.uri ? path : (files?.editUriOf(path) ?? path);
    const target = uri === doc.uri ? doc : text === undefined ? undefined : TextDocument.create(uri, '', 0, text);
    if (target) (changes[uri] ??= []).push({ range: spanToRange(target, edit.span), newText: edit.newText });
  }
  return changes;
}

/**
 * `changes` as versioned document edits, for a client that takes them (documentChanges): each names
 * the version of the open document its offsets were computed on (`versionOf`; null for a file read
 * from disk), so a client that checks versions (Neovim does; VS Code's client drops them when it
 * converts the edit) refuses an edit applied after more typing instead of writing at a wrong
 * offset. Any other client gets plain `changes`.
 */
export function versionedEdit(changes: Record<string, TextEdit[]>, documentChanges: boolean, versionOf: (uri: string) => number | null): WorkspaceEdit {
  if (!documentChanges) return { changes };
  return { documentChanges: Object.entries(changes).map(([uri, edits]): TextDocumentEdit => ({ textDocument: { uri, version: versionOf(uri) }, edits })) };
}

/**
 * What an "Add KEY" action listed without its edit carries, to compute it on codeAction/resolve.
 * No document version: the edit is computed on resolve from the texts as they are then, so typing
 * elsewhere since the listing does not make it wrong (resolve refuses a key no longer missing).
 */
export interface AddKeyData {
  /** The document the action was listed on. */
  uri: string;
  keys: string[];
  /** The file the keys are added to. */
  to: string;
}

/** The action's data as the server wrote it (distinct keys), or undefined (a client may send anything back). */
export function addKeyDataOf(data: unknown): AddKeyData | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Partial<Record<keyof AddKeyData, unknown>>;
  const ok =
    typeof d.uri === 'string' && typeof d.to === 'string' && Array.isArray(d.keys) && d.keys.length > 0 && d.keys.every((k) => typeof k === 'string') && new Set(d.keys).size === d.keys.length;
  return ok ? (d as AddKeyData) : undefined;
}

/** Converts the core's candidates for a range into LSP code actions the client asked for. */
export function toCodeActions(
  doc: TextDocument,
  candidates: readonly CodeActionCandidate[],
  context: CodeActionContext,
  settings: ServerSettings,
  catalog: SecretCatalog,
  files?: Pick<TemplateFiles, 'textOf' | 'editUriOf'>,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const candidate of candidates) {
    const kind = candidate.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite;
    if (!wanted(kind, context.only)) continue;
    const action: CodeAction = { title: candidate.title, kind };
    if (candidate.isPreferred) action.isPreferred = true;
    if (candidate.fixes && candidate.fixes.length > 0) {
      const diagnostics = fixedDiagnostics(doc, candidate.fixes, context, settings, catalog);
      if (diagnostics.length > 0) action.diagnostics = diagnostics;
    }
    if (candidate.edits && candidate.edits.length > 0) action.edit = { changes: changesOf(doc, candidate.edits, files) };
    if (candidate.resolve) {
      const data: AddKeyData = { uri: doc.uri, ...candidate.resolve };
      action.data = data;
    }
    const command = candidate.command;
    if (command?.command === 'runpod.secrets.create') {
      const args: CreateSecretCommandArgs = { name: command.name };
      action.command = { title: candidate.title, command: CreateSecretCommand, arguments: [args] };
    } else if (command?.command === 'runpod.secrets.createFromValue') {
      const args: CreateSecretFromValueCommandArgs = {
        uri: doc.uri,
        range: spanToRange(doc, command.span),
        suggestedName: command.suggestedName,
      };
      action.command = { title: candidate.title, command: CreateSecretFromValueCommand, arguments: [args] };
    } else if (command?.command === 'runpod.secrets.rotate') {
      action.command = { title: candidate.title, command: RotateSecretCommand, arguments: [command.name] };
    }
    if (action.edit || action.command || action.data) actions.push(action);
  }
  return actions;
}
