/**
 * Which files of a `findFiles` search the index's walk reaches (workspaceWalk.ts, server/src/index/
 * walk.ts FolderRules): `findFiles` knows nothing of `.gitignore` and follows links, so Find
 * Usages' own search read `out/train.runpod.json` under an ignored `out/` that the index, Compare
 * Environments and runpod-check skip. (The pickers list the walk's own files: workspaceFiles.ts
 * filesOfKinds.) Each file is judged by its innermost workspace folder's rules (its settings
 * decide, as the index's), reading only the `.gitignore` files of the folders above the files found,
 * once each.
 *
 * Why filter the search rather than walk: on a 5,000-file tree (275 folders, 250 env files, the
 * disk-backed vscode stand-in) the filter took 3.9 ms over the search's 7.3 ms, the walk 10.2 ms:
 * about even there, but the search runs outside the extension host (ripgrep) in VS Code, and the
 * filter's work grows with the files found, the walk's with the whole tree.
 */
import * as vscode from 'vscode';
import type { FolderRules } from '../../../server/src/index/walk';
import { readIgnore, walkRules } from './workspaceWalk';

/** One workspace folder's rules, and whether the walk enters each folder below it (by relative path), each worked out once. */
interface FolderJudge {
  folder: vscode.WorkspaceFolder;
  rules: FolderRules;
  entered: Map<string, Promise<boolean>>;
}

/** The parent of a relative folder path (`''` for a folder at the root). */
function parentOf(relative: string): string {
  return relative.slice(0, Math.max(0, relative.lastIndexOf('/')));
}

/**
 * Whether the walk enters the folder `relative` (`''`: the root, always): its parent is entered, the
 * parent's `.gitignore` (loaded first) and the rules do not skip it, and it is no link (never followed;
 * `stat` marks a link to a folder Directory|SymbolicLink).
 */
function enters(judge: FolderJudge, relative: string): Promise<boolean> {
  let answer = judge.entered.get(relative);
  if (answer === undefined) {
    answer = relative === '' ? loadIgnore(judge, '').then(() => true) : entersBelow(judge, relative);
    judge.entered.set(relative, answer);
  }
  return answer;
}

async function entersBelow(judge: FolderJudge, relative: string): Promise<boolean> {
  if (!(await enters(judge, parentOf(relative)))) return false;
  if (judge.rules.skipsFolder(relative)) return false;
  const uri = vscode.Uri.joinPath(judge.folder.uri, relative);
  try {
    if (((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.SymbolicLink) !== 0) return false;
  } catch {
    return false; // gone meanwhile
  }
  await loadIgnore(judge, relative);
  return true;
}

/** Loads the `.gitignore` of an entered folder into the rules, before any folder below it is judged. */
async function loadIgnore(judge: FolderJudge, relative: string): Promise<void> {
  judge.rules.load(relative, await readIgnore(relative === '' ? judge.folder.uri : vscode.Uri.joinPath(judge.folder.uri, relative)));
}

/** Whether the walk of its folder would list `uri`: a regular file (no link) in a folder the walk enters. */
async function walked(judges: Map<string, FolderJudge>, uri: vscode.Uri): Promise<boolean> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return true; // outside every folder: no folder's rules apply
  const key = folder.uri.toString();
  let judge = judges.get(key);
  if (!judge) judges.set(key, (judge = { folder, rules: walkRules(folder), entered: new Map() }));
  const root = judge.rules.root;
  if (!uri.path.startsWith(`${root}/`)) return true;
  if (!(await enters(judge, parentOf(uri.path.slice(root.length + 1))))) return false;
  try {
    return (await vscode.workspace.fs.stat(uri)).type === vscode.FileType.File;
  } catch {
    return false;
  }
}

/** The files of `uris` the index's walk reaches, in their order. */
type WalkedFilter = (uris: readonly vscode.Uri[]) => Promise<vscode.Uri[]>;

/**
 * A {@link WalkedFilter} that remembers what it judged (each folder's `.gitignore` and answer, each
 * file's answer) across its calls: a search that searches again past dropped files (runpodFiles.ts
 * searchCandidates) finds the first pass's files again, and neither stats nor reads them twice.
 */
export function walkedFilter(): WalkedFilter {
  const judges = new Map<string, FolderJudge>();
  const files = new Map<string, Promise<boolean>>();
  const judged = (uri: vscode.Uri): Promise<boolean> => {
    let answer = files.get(uri.toString());
    if (answer === undefined) files.set(uri.toString(), (answer = walked(judges, uri)));
    return answer;
  };
  return async (uris) => {
    const kept: boolean[] = [];
    // A few stats at a time: on a remote workspace each is a round trip, and a search finds up to 10,000 files.
    for (let i = 0; i < uris.length; i += STATS_AT_ONCE) {
      kept.push(...(await Promise.all(uris.slice(i, i + STATS_AT_ONCE).map(judged))));
    }
    return uris.filter((_, i) => kept[i]);
  };
}

/** Files judged together by a {@link WalkedFilter}. */
const STATS_AT_ONCE = 64;
