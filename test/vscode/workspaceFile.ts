/**
 * The suite opens its copy of sample-workspace/ through a `.code-workspace` file (a multi-root
 * workspace of one folder), not as a folder: a step adds workspace folders at run time
 * (`vscode.workspace.updateWorkspaceFolders`: a `.runpod` folder, a nested folder), and a window
 * opened on a single folder turns that into entering a new untitled workspace, which reloads the
 * web workbench (and restarts the desktop extension host), ending the run. A workspace window
 * takes the folders in place. Workspace-level settings (ConfigurationTarget.Workspace) then live
 * in this file and apply to every folder, as a folder window's `.vscode/settings.json` did.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `<root>/suite.code-workspace` holding `folder` and returns its path. */
export function writeWorkspaceFile(root: string, folder: string): string {
  const file = join(root, 'suite.code-workspace');
  writeFileSync(file, JSON.stringify({ folders: [{ path: folder }], settings: {} }, null, 2));
  return file;
}
