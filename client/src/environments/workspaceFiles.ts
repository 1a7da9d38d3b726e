/**
 * The workspace's side of environments: which files may be environments of a template (RunPod env
 * files, template files, the files `runpod.environments` declares) and their analyses, read with
 * `vscode.workspace.fs` and bounded. What the files mean is the core's (template/environments).
 */
import * as vscode from 'vscode';
import { analyze } from '../../../server/src/template/analyze';
import { envFilesInclude, filesInclude } from '../../../server/src/template/fileKinds';
import { environmentFileOf, groupEnvironments, type EnvironmentDeclaration, type EnvironmentGroup, type EnvironmentSource } from '../../../server/src/template/environments/index';
import type { DocumentKind } from '../../../server/src/template/types';
import { declaredFileKind } from '../../../server/src/template/environments/files';
import { CONFIG_SECTION, readSettings } from '../config';
import { findTemplateFiles, runpodFileKind, SEARCH_EXCLUDE } from '../runpodFiles';
import { readWorkspaceText } from '../workspaceText';

/** At most this many files per search; a workspace with more has no hand-kept environments to compare. */
const MAX_FILES = 2000;

/** The environment files of the workspace: each path (workspace-relative, as the core groups them) with its URI. */
export interface WorkspaceEnvironments {
  declarations: EnvironmentDeclaration[];
  uris: Map<string, vscode.Uri>;
  groups: EnvironmentGroup[];
}

/** `runpod.environments` for the workspace (or for `scope`, a file: the setting is resource-scoped). */
export function environmentDeclarations(scope?: vscode.Uri): EnvironmentDeclaration[] {
  return readSettings(vscode.workspace.getConfiguration(CONFIG_SECTION, scope)).environments;
}

/** The relative path the core groups by: `/` separators, without the workspace folder's name. */
export function relativePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
}

/** Finds the files and groups them into templates x environments (no file is read). */
export async function findEnvironments(): Promise<WorkspaceEnvironments> {
  const declarations = environmentDeclarations();
  const searches: Thenable<vscode.Uri[]>[] = [vscode.workspace.findFiles(envFilesInclude(), SEARCH_EXCLUDE, MAX_FILES), findTemplateFiles(SEARCH_EXCLUDE, MAX_FILES)];
  // One search for every declared glob: a setting may declare 64 environments of 16 globs each.
  const declared = filesInclude(declarations.flatMap((d) => d.files));
  if (declared) searches.push(vscode.workspace.findFiles(declared, SEARCH_EXCLUDE, MAX_FILES));
  const uris = new Map<string, vscode.Uri>();
  for (const found of await Promise.all(searches.map((s) => Promise.resolve(s).catch(() => [] as vscode.Uri[])))) {
    for (const uri of found) {
      const path = relativePath(uri);
      if (environmentFileOf(path, declarations)) uris.set(path, uri);
    }
  }
  return { declarations, uris, groups: groupEnvironments([...uris.keys()], declarations) };
}

/** The group a file belongs to, if it is one of several environments (or their shared file). */
export function groupOfUri(environments: WorkspaceEnvironments, uri: vscode.Uri): EnvironmentGroup | undefined {
  const path = relativePath(uri);
  return environments.groups.find((g) => g.shared.includes(path) || g.environments.some((e) => e.files.includes(path)));
}

/** How the core reads a file of a group: its RunPod kind, else by extension (a declared file may be any name). */
function kindOf(uri: vscode.Uri, languageId: string): DocumentKind {
  return declaredFileKind(uri.path, runpodFileKind(uri, languageId), languageId);
}

/**
 * Reads and analyzes the files of `groups` with the extension's bounded reader (workspaceText.ts:
 * an open editor's text first, else a regular file of sane size). A file that cannot be read counts as
 * empty (its environment stays in the comparison, its keys shown missing) and is named in `unread`.
 */
export async function loadSources(environments: WorkspaceEnvironments, groups: readonly EnvironmentGroup[]): Promise<{ sources: EnvironmentSource[]; unread: string[] }> {
  const sources: EnvironmentSource[] = [];
  const unread: string[] = [];
  const paths = groups.flatMap((g) => [...g.shared, ...g.environments.flatMap((e) => e.files)]);
  for (const path of new Set(paths)) {
    const uri = environments.uris.get(path);
    if (!uri) continue;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const read = await readWorkspaceText(uri);
    if (!read.ok) unread.push(path);
    const text = read.ok ? read.text : '';
    sources.push({ path, text, analysis: analyze(text, kindOf(uri, open?.languageId ?? ''), { state: 'unknown', secrets: [] }) });
  }
  return { sources, unread };
}
