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
import { diskFileKind, documentKindFor, globSearches, matchableGlobs, MAX_SEPARATE_SEARCHES, NEVER_WALKED_FOLDERS, normalizeFileGlobs, referenceFileGlobs, runpodFolderPatterns } from '../../server/src/template/fileKinds';
import { declaredFileGlobs, declaredOrNamedKind, parseEnvironmentDeclarations, type EnvironmentDeclaration } from '../../server/src/template/environments/index';
import type { DocumentKind } from '../../server/src/template/types';
import { walkedFilter } from './environments/walkedSearch';

/** What the extension's file searches leave out: the folders the index and the CLI never walk (fileKinds.ts). */
export const SEARCH_EXCLUDE = `{${[...NEVER_WALKED_FOLDERS].map((folder) => `**/${folder}/**`).join(',')}}`;

/**
 * The `runpod.files` globs in effect for `scope` (a file's URI: the setting is resource-scoped), or
 * the workspace's. Only that setting, through the one normaliser (readSettings uses it too): this
 * runs per file (the CodeLens, the pickers), where the whole settings parse would be waste.
 */
function runpodFileGlobs(scope?: vscode.Uri): readonly string[] {
  return normalizeFileGlobs(vscode.workspace.getConfiguration(CONFIG_SECTION, scope).get<unknown>('files'));
}

/**
 * Every workspace folder's `runpod.files` globs, once each (the setting is resource-scoped: a
 * folder's own value may add globs), or the workspace's without folders: a search takes them all
 * with one include glob, and each file found is then judged by its own folder's ({@link runpodFileKind}).
 */
function folderFileGlobs(): string[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  return folders.length === 0 ? [...runpodFileGlobs()] : [...new Set(folders.flatMap((f) => runpodFileGlobs(f.uri)))];
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

/**
 * The globs every workspace folder's `runpod.environments` declares, once each: a search adds them
 * to its include glob (findFiles searches every folder with one glob), and each file found is then
 * judged by its own folder's settings ({@link runpodFileKind}).
 */
function declaredGlobs(): string[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  return declaredFileGlobs(folders.flatMap((f) => folderDeclarations(f.uri)));
}

/**
 * How many times `max` a search may look at when the walk's rules dropped files of the first one:
 * files an ignored folder holds (a build's `out/`) otherwise crowd the ones that count out of a picker.
 */
const SEARCH_AGAIN_FACTOR = 5;

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

/**
 * The candidates for `globs` plus the declared files, of them the ones the index's walk reaches (not
 * in a `.gitignore`d folder, nor through a link: environments/walkedSearch.ts) and `keep` keeps, at
 * most `max`, and whether the search stopped at its limit (`truncated`): {@link runpodFileKind}
 * decides which are RunPod files. When the search hit `max` and fewer than `max` files are left, it
 * searches once more with {@link SEARCH_AGAIN_FACTOR} times the limit (what the first pass judged
 * kept: walkedSearch.ts walkedFilter), and no more: past that the
 * list may lack files, and `truncated` says so.
 */
async function searchCandidates(globs: readonly string[], exclude: string, max: number, keep: (uri: vscode.Uri) => boolean): Promise<FoundFiles> {
  const all = [...globs, ...declaredGlobs()];
  const searches = searchPatterns(all);
  if (searches.patterns.length === 0) return { files: [], truncated: false };
  const keepWalked = walkedFilter(); // both passes share what it judged
  for (let limit = max; ; limit = max * SEARCH_AGAIN_FACTOR) {
    const found = await search(searches.patterns, exclude, limit);
    // The kind first (settings only), then the walk's rules (a stat per file and folder) on what is left.
    const kept = await keepWalked(found.filter(keep));
    const stopped = found.length >= limit;
    if (!stopped || kept.length >= max || limit >= max * SEARCH_AGAIN_FACTOR) return { files: kept.slice(0, max), truncated: stopped || kept.length > max || searches.skipped };
  }
}

/**
 * The findFiles searches for the globs `all` (fileKinds.ts globSearches): one include glob for every
 * folder with all the globs that can be joined (brace globs expanded), and for a workspace folder
 * named `.runpod` the same relative to it, since findFiles matches a string glob against the path
 * below the folder (`hub.json`), which lacks the name the globs are matched with
 * (`.runpod/hub.json`: fileKinds.ts folderGlobPath); then the globs with a literal comma, each on its
 * own, at most MAX_SEPARATE_SEARCHES of them in all (`skipped`: some were left out, so the list may
 * lack files). Never one search per glob, nor one per folder: a repository's settings write the globs.
 */
function searchPatterns(all: readonly string[]): { patterns: (string | vscode.RelativePattern)[]; skipped: boolean } {
  const main = globSearches(matchableGlobs(all));
  const joined: (string | vscode.RelativePattern)[] = [...main.joined];
  const apart: (string | vscode.RelativePattern)[] = [...main.apart];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const below = globSearches(runpodFolderPatterns(folder.uri.toString(), all));
    joined.push(...below.joined.map((pattern) => new vscode.RelativePattern(folder, pattern)));
    apart.push(...below.apart.map((pattern) => new vscode.RelativePattern(folder, pattern)));
  }
  return { patterns: [...joined, ...apart.slice(0, MAX_SEPARATE_SEARCHES)], skipped: apart.length > MAX_SEPARATE_SEARCHES };
}

/** At most `max` files of the searches `searches` (searchPatterns), once each, in order, until `max` are found. */
async function search(searches: readonly (string | vscode.RelativePattern)[], exclude: string, max: number): Promise<vscode.Uri[]> {
  const found = new Map<string, vscode.Uri>();
  for (const include of searches) {
    if (found.size >= max) break;
    for (const uri of await vscode.workspace.findFiles(include, exclude, max)) if (found.size < max) found.set(uri.toString(), uri);
  }
  return [...found.values()];
}

/**
 * The files that may hold references (Find Usages' own search when the language server's index
 * cannot answer), at most `max` searched (`truncated`: the search stopped there): RunPod files by
 * name and `runpod.files`, dotenv files, and the files `runpod.environments` declares, where the
 * index's walk reaches them.
 */
export function findReferenceFiles(exclude: string, max: number): Promise<FoundFiles> {
  // Every folder's globs search; a file counts by its own folder's (one folder's glob selects nothing in another).
  // Whether the index reads a file (environments/files.ts indexedFileKind: RunPod files, dotenv files by name too, declared files), as the walk judges it.
  const indexedKind = kindsByFolder((path, globs, folder) => diskFileKind(path, globs, folder));
  return searchCandidates(referenceFileGlobs(folderFileGlobs()), exclude, max, (uri) => indexedKind(uri) !== undefined);
}

/** Whether a file is a template file Launch Pod and Push Template read (a `runpod.files` file of kind runpod-json). */
export function isTemplateUri(uri: vscode.Uri, languageId = ''): boolean {
  return runpodFileKind(uri, languageId) === 'runpod-json';
}

/** Whether `document` is a template file Launch Pod and Push Template read (a `runpod.files` file of kind runpod-json). */
export function isTemplateDocument(document: Pick<vscode.TextDocument, 'uri' | 'languageId'>): boolean {
  return document.uri.scheme === 'file' && isTemplateUri(document.uri, document.languageId);
}
