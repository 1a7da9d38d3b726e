/**
 * Which files are RunPod files for the extension's features (Find Usages, Launch Pod, Push
 * Template, Deploy, the CodeLens, Move value into a RunPod secret): the thin VS Code side of the language
 * server's one classifier, `declaredOrNamedKind` (environments/files.ts over fileKinds.ts): a file
 * is one by the `runpod.files` globs of its folder, or because its folder's `runpod.environments`
 * declares it (`deploy/prod-vars.txt`), whatever its name.
 */
import { count } from '../../server/src/template/counts';
import * as vscode from 'vscode';
import { CONFIG_SECTION } from './config';
import { isAccountName } from './auth/accountNames';
import { documentKindFor, normalizeFileGlobs } from '../../server/src/template/fileKinds';
import { declaredOrNamedKind, parseEnvironmentDeclarations, type EnvironmentDeclaration } from '../../server/src/template/environments/index';
import type { DocumentKind } from '../../server/src/template/types';

/**
 * The `runpod.files` globs in effect for `scope` (a file's URI: the setting is resource-scoped), or
 * the workspace's. Only that setting, through the one normaliser (readSettings uses it too): this
 * runs per file (the CodeLens, the pickers), where the whole settings parse would be waste.
 */
function runpodFileGlobs(scope?: vscode.Uri): readonly string[] {
  return normalizeFileGlobs(vscode.workspace.getConfiguration(CONFIG_SECTION, scope).get<unknown>('files'));
}

/**
 * `runpod.environments` of a workspace folder, through the core's parser (as config.ts readSettings
 * reads it), each declaration scoped to `folder` as the language server scopes them (lsp/settings.ts
 * inFolder): its globs match paths below that folder only. Only that setting: this runs per file
 * (runpodFileKind: the pickers, the CodeLens), where the whole settings parse would be waste.
 */
export function folderDeclarations(folder: vscode.Uri): EnvironmentDeclaration[] {
  const scope = folder.toString();
  const raw = vscode.workspace.getConfiguration(CONFIG_SECTION, folder).get<unknown>('environments');
  return parseEnvironmentDeclarations(raw, isAccountName).declarations.map((d) => ({ ...d, folder: scope }));
}

/**
 * The kind of a file as the language server reads it (environments/files.ts declaredOrNamedKind):
 * by the `runpod.files` globs of its resource, matched below its workspace folder (the globs are
 * workspace-relative), or as a file its folder's `runpod.environments` declares; by its whole path
 * and the globs only outside every folder (the server declares nothing there either). The one way
 * the extension's features ask (Find Usages, Move value into a RunPod secret, Deploy, Compare
 * Environments, the CodeLens, Deploy's and Launch Pod's file arguments and Push Template's active editor).
 */
export function runpodFileKind(uri: vscode.Uri, languageId = ''): DocumentKind | undefined {
  return runpodFileKinds()(uri, languageId);
}

/** {@link runpodFileKind} for the many files of one search or listing: each folder's settings read once ({@link kindsByFolder}). */
export function runpodFileKinds(): (uri: vscode.Uri, languageId?: string) => DocumentKind | undefined {
  return kindsByFolder((path, globs, folder, languageId) => documentKindFor(languageId, path, globs, folder));
}

/** What fileKinds.ts makes of a path (of a document of `languageId`, '' for a file on disk) with `runpod.files` globs, matched below a workspace folder (none: by the whole path). */
type NamedKind = (path: string, globs: readonly string[], folder: string | undefined, languageId: string) => DocumentKind | undefined;

/**
 * The kinds of files by their own folder's settings: what `named` (fileKinds.ts) makes of a path
 * with the `runpod.files` globs of its resource, matched below its workspace folder, unless its
 * folder's `runpod.environments` declares it (declaredOrNamedKind); outside every folder, the name
 * alone. For a search's files: each folder's settings are read (and runpod.environments parsed)
 * once, at the first of its files, not once per file (a search finds up to 10,000). A file's
 * resource-scoped setting is its folder's, so the folder's read stands for each of its files.
 */
function kindsByFolder(named: NamedKind): (uri: vscode.Uri, languageId?: string) => DocumentKind | undefined {
  const settings = new Map<string, { globs: readonly string[]; declarations: EnvironmentDeclaration[] }>();
  let outside: readonly string[] | undefined;
  return (uri, languageId = '') => {
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri;
    if (!folder) return named(uri.toString(), (outside ??= runpodFileGlobs(uri)), undefined, languageId);
    const key = folder.toString();
    let own = settings.get(key);
    if (!own) settings.set(key, (own = { globs: runpodFileGlobs(folder), declarations: folderDeclarations(folder) }));
    return declaredOrNamedKind(uri.toString(), named(uri.toString(), own.globs, key, languageId), own.declarations, languageId);
  };
}

/** The files a search found, and whether it stopped at its limit: then there may be more than it lists. */
export interface FoundFiles {
  files: vscode.Uri[];
  truncated: boolean;
}

/**
 * What a picker of searched files shows as its placeholder: `placeholder`, and when the search
 * stopped at its limit, that the list may be incomplete, in Find Usages' words (deleteFlow.ts).
 * One wording for every picker (Launch Pod, Deploy Endpoint, Update Env, Push Template); a picker
 * whose search stopped is shown even when it lists no file, since "no file" would not be true.
 * @param listed how many of the search's files the picker lists
 */
export function pickerPlaceholder(placeholder: string, found: Pick<FoundFiles, 'truncated'>, listed: number): string {
  if (!found.truncated) return placeholder;
  return `${placeholder} (${count(listed, 'file')} listed; the search stopped at its limit, so there may be more)`;
}

/** Whether a file is a template file Launch Pod and Push Template read (a `runpod.files` file of kind runpod-json). */
export function isTemplateUri(uri: vscode.Uri, languageId = ''): boolean {
  return runpodFileKind(uri, languageId) === 'runpod-json';
}

/** Whether `document` is a template file Launch Pod and Push Template read (a `runpod.files` file of kind runpod-json). */
export function isTemplateDocument(document: Pick<vscode.TextDocument, 'uri' | 'languageId'>): boolean {
  return document.uri.scheme === 'file' && isTemplateUri(document.uri, document.languageId);
}
