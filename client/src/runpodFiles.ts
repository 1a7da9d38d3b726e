/**
 * The `runpod.files` setting as the extension's features read it (Find Usages, Launch Pod, Push
 * Template, the CodeLens): the thin VS Code side of server/src/template/fileKinds.ts, which decides
 * what the globs mean.
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION } from './config';
import { documentKindFor, envFilesInclude, NEVER_WALKED_FOLDERS, normalizeFileGlobs, templateFilesInclude } from '../../server/src/template/fileKinds';
import type { DocumentKind } from '../../server/src/template/types';

/** What the extension's file searches leave out: the folders the index and the CLI never walk (fileKinds.ts). */
export const SEARCH_EXCLUDE = `{${[...NEVER_WALKED_FOLDERS].map((folder) => `**/${folder}/**`).join(',')}}`;

/**
 * The `runpod.files` globs in effect for `scope` (a file's URI: the setting is resource-scoped), or
 * the workspace's. Only that setting, through the one normaliser (readSettings uses it too): this
 * runs per file (the CodeLens, the pickers), where the whole settings parse would be waste.
 */
export function runpodFileGlobs(scope?: vscode.Uri): readonly string[] {
  return normalizeFileGlobs(vscode.workspace.getConfiguration(CONFIG_SECTION, scope).get<unknown>('files'));
}

/**
 * The kind of a file as the language server reads it (fileKinds.ts documentKindFor): by the
 * `runpod.files` globs of its resource, matched below its workspace folder (the globs are
 * workspace-relative), by its whole path outside every folder. The one way the extension's
 * features ask (Find Usages, Create Secret from Value, Deploy, Compare Environments, the
 * CodeLens and the Launch Pod and Push Template pickers).
 */
export function runpodFileKind(uri: vscode.Uri, languageId = ''): DocumentKind | undefined {
  return documentKindFor(languageId, uri.toString(), runpodFileGlobs(uri), vscode.workspace.getWorkspaceFolder(uri)?.uri.toString());
}

/** Whether a file is a template file Launch Pod and Push Template read (a `runpod.files` file of kind runpod-json). */
export function isTemplateUri(uri: vscode.Uri, languageId = ''): boolean {
  return runpodFileKind(uri, languageId) === 'runpod-json';
}

/** Whether `document` is a template file Launch Pod and Push Template read (a `runpod.files` file of kind runpod-json). */
export function isTemplateDocument(document: Pick<vscode.TextDocument, 'uri' | 'languageId'>): boolean {
  return document.uri.scheme === 'file' && isTemplateUri(document.uri, document.languageId);
}

/** The workspace's template files (Launch Pod's first step, Push Template's picker), at most `max`, sorted by path. */
export async function findTemplateFiles(exclude: string, max: number): Promise<vscode.Uri[]> {
  const include = templateFilesInclude(runpodFileGlobs());
  if (!include) return [];
  const found = await vscode.workspace.findFiles(include, exclude, max);
  return byPath(found.filter((uri) => isTemplateUri(uri)));
}

/** The workspace's RunPod env files (the env file steps of Launch Pod, Deploy Endpoint and Update Env), at most `max`, sorted by path. */
export async function findEnvFiles(exclude: string, max: number): Promise<vscode.Uri[]> {
  return byPath(await vscode.workspace.findFiles(envFilesInclude(), exclude, max));
}

/**
 * The order a picker lists files in: by workspace-relative path, so siblings (`train.dev`,
 * `train.prod`, `train.runpod.env`) sit together. findFiles returns them in no stable order.
 */
export function byPath(uris: vscode.Uri[]): vscode.Uri[] {
  const path = (uri: vscode.Uri) => vscode.workspace.asRelativePath(uri);
  return uris.sort((a, b) => path(a).localeCompare(path(b)));
}
