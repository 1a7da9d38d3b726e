/**
 * The document selector of this window: `runpod.files` and `runpod.environments` are
 * resource-scoped, so each workspace folder's own values count (a folder may declare environments
 * the workspace does not), as the server reads them per folder.
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION, readSettings } from '../config';
import { buildDocumentSelector, type DocumentFilterData, type SelectorScope } from './selector';

function scopeOf(folder: vscode.WorkspaceFolder | undefined): SelectorScope {
  const { files, environments } = readSettings(vscode.workspace.getConfiguration(CONFIG_SECTION, folder?.uri));
  return { folder: folder?.uri.toString(), files, environments };
}

/** The selector by every workspace folder's settings (by the window's when it has no folder). */
export function workspaceSelector(): DocumentFilterData[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  return buildDocumentSelector(folders.length === 0 ? [scopeOf(undefined)] : folders.map(scopeOf));
}
