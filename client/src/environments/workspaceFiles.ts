/**
 * The workspace's side of environments: which files may be environments of a template (the RunPod
 * files each workspace folder's walk finds, by the index's rules and the folder's own
 * `runpod.environments`: workspaceWalk.ts) and their analyses, read with `vscode.workspace.fs` and
 * bounded. What the files mean is the core's (template/environments). Each folder is grouped on its
 * own, as `runpod-check envs compare` groups the working directory's files.
 */
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { analyze, ANALYSIS_LIMIT } from '../../../server/src/template/analyze';
import { conventionFolders, environmentFileOf, groupEnvironments, type EnvironmentDeclaration, type EnvironmentGroup, type EnvironmentSource } from '../../../server/src/template/environments/index';
import type { DocumentKind } from '../../../server/src/template/types';
import { declaredFileKind } from '../../../server/src/template/environments/files';
import { folderGlobPath, pathBelowFolder } from '../../../server/src/template/fileKinds';
import { runpodFileKinds, type FoundFiles } from '../runpodFiles';
import { readWorkspaceText, type WorkspaceText } from '../workspaceText';
import { listFolder, walkWorkspaceFolder, type WalkedFile } from './workspaceWalk';
import { withListingProgress, type Listing } from './listingProgress';
import { environmentOfEnvFile, environmentsForSource, launchEnvironment, launchTarget, targetEnvironment, type EnvironmentOption, type LaunchFile, type LaunchFiles } from '../launch/environmentChoice';
import type { TargetEnvironment } from '../launch/checks';
import { MAX_WALKED_ENTRIES, tooDeepNotice } from '../../../server/src/index/walk';
import { grouped } from '../../../server/src/template/counts';
import { unlistedFoldersNote } from './unlistedFolders';
import { noticePath } from '../ui/plainName';

/**
 * One workspace folder's environments: its declarations (for its paths, below) and its groups. A
 * file's environment and account are judged by its own folder's declarations ({@link declarationsOf}).
 */
export interface FolderEnvironments {
  /** The folder's URI, as a string. */
  folder: string;
  declarations: EnvironmentDeclaration[];
  groups: EnvironmentGroup[];
  /**
   * Listed for files outside every workspace folder ({@link withOwnFolders}): those files' own
   * folders (URIs as strings), all judged by these groups, as the CLI groups all its inputs' siblings together.
   */
  ownFolders?: string[];
}

/** The environment files of the workspace: each path (as {@link relativePath} gives it, as the core groups them) with its URI. */
export interface WorkspaceEnvironments {
  uris: Map<string, vscode.Uri>;
  /**
   * Each of those files' kind as the core reads it ({@link readKind}), decided once at the listing:
   * the one kind for its place in its environment and for its analysis (loadSources), and the folder's
   * settings read once for all its files, not once per file per read.
   */
  kinds: Map<string, DocumentKind>;
  /** Every folder's groups. */
  groups: EnvironmentGroup[];
  folders: FolderEnvironments[];
  /** Every RunPod file the walks found (every folder's), with its kind: the env file pickers list from them. */
  files: WalkedFile[];
  /** A folder's walk stopped at its bound: some files were not looked at. */
  truncated: boolean;
  /** The first folder each folder's walk met deeper than the index walks (WalkedFolder.deep), by {@link relativePath}: the files below it were not looked at. */
  deep: string[];
  /** The folders the walks could not list (WalkedFolder.unlisted), by {@link relativePath} (a workspace folder itself by its name), sorted. */
  unlisted: string[];
}

/**
 * The path a file is grouped, keyed and matched by (`runpod.environments` globs, the environment
 * naming rules): its path below its workspace folder as the globs see it (fileKinds.ts
 * folderGlobPath: `.runpod/vars/dev.txt` in a folder opened at `.runpod`, as `runpod-check envs
 * compare` run there groups it: cli/check/discover.ts environmentPath), prefixed with the folder's
 * name when the window has several (as VS Code's asRelativePath), so two folders' files never share
 * a path. Outside every folder, VS Code's relative path.
 */
export function relativePath(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return (folder && pathInFolder(folder, uri)) ?? vscode.workspace.asRelativePath(uri).replace(/\\/g, '/');
}

/**
 * What a folder's paths start with: nothing in a window of one folder (its declarations then match
 * the paths as they are), else its name, which its declarations are scoped to. The core reads a
 * prefix ending in `.runpod` as a `.runpod` folder (folderGlobPath, the `.runpod/<env>.env` names),
 * so the prefix ends so exactly when the folder is one: a folder named otherwise in the workspace
 * file gets its own name after it (`hub/.runpod`), as does a `.runpod`-named other folder (`.runpod/svc`).
 */
function folderPrefix(folder: vscode.WorkspaceFolder): string | undefined {
  if ((vscode.workspace.workspaceFolders ?? []).length <= 1) return undefined;
  const root = folder.uri.path.replace(/\/+$/, '');
  // fileKinds.ts decides which folder is a `.runpod` one: it names such a folder itself `.runpod`.
  const isRunpod = (path: string) => folderGlobPath(path, path) !== '';
  return isRunpod(root) === isRunpod(folder.name) ? folder.name : `${folder.name}/${root.slice(root.lastIndexOf('/') + 1)}`;
}

/** {@link relativePath} of a file of `folder`; undefined when it is not below it. */
function pathInFolder(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string | undefined {
  const prefix = folderPrefix(folder);
  if (prefix === undefined) return folderGlobPath(uri.path, folder.uri.path);
  const below = pathBelowFolder(uri.path, folder.uri.path);
  return below === undefined ? undefined : `${prefix}/${below}`;
}

/**
 * Finds the files and groups them into templates x environments, folder by folder (no file is
 * read), by {@link relativePath}. A declaration's globs are relative to its folder: with several
 * folders each declaration is scoped to its folder's prefix, so one folder's setting never declares
 * another's file. Shows nothing: the commands list with {@link listEnvironments}.
 * @param listing the user's Cancel and the folder count of a listing with progress
 */
export async function findEnvironments(listing?: Listing): Promise<WorkspaceEnvironments> {
  const workspaceFolders = vscode.workspace.workspaceFolders ?? [];
  const walked = await Promise.all(workspaceFolders.map((f) => walkWorkspaceFolder(f, MAX_WALKED_ENTRIES, listing)));
  const uris = new Map<string, vscode.Uri>();
  const kinds = new Map<string, DocumentKind>();
  const namedKind = runpodFileKinds(); // each folder's settings read once for all its files
  const folders: FolderEnvironments[] = [];
  for (const { folder, declarations, files } of walked) {
    const prefix = folderPrefix(folder);
    const scoped = declarations.map(({ folder: _absolute, ...d }) => (prefix === undefined ? d : { ...d, folder: prefix }));
    const found = files.map(({ uri }) => ({ uri, path: pathInFolder(folder, uri) }));
    folders.push(groupFolder(folder.uri, scoped, found, { uris, kinds }, namedKind));
  }
  return {
    uris,
    kinds,
    groups: folders.flatMap((f) => f.groups),
    folders,
    files: walked.flatMap((w) => w.files),
    truncated: walked.some((w) => w.truncated),
    deep: walked.flatMap((w) => (w.deep ? [pathInFolder(w.folder, w.deep) ?? w.deep.path] : [])),
    unlisted: walked.flatMap((w) => w.unlisted.map((uri) => pathInFolder(w.folder, uri)?.replace(/\/$/, '') || w.folder.name)).sort(),
  };
}

/**
 * One folder's environment files grouped (each file by `path`, its place among them; none: not
 * the folder's), their URIs and kinds added to `into`.
 */
function groupFolder(
  folder: vscode.Uri,
  declarations: EnvironmentDeclaration[],
  files: readonly { uri: vscode.Uri; path: string | undefined }[],
  into: Pick<WorkspaceEnvironments, 'uris' | 'kinds'>,
  namedKind: ReturnType<typeof runpodFileKinds>,
): FolderEnvironments {
  const paths: string[] = [];
  for (const { uri, path } of files) {
    if (path === undefined || !environmentFileOf(path, declarations)) continue;
    into.uris.set(path, uri);
    into.kinds.set(path, readKind(uri, namedKind));
    paths.push(path);
  }
  // Ordered by the kind each file is read with, as loadSources reads it (files.ts byPrecedence).
  return { folder: folder.toString(), declarations, groups: groupEnvironments(paths, declarations, (path) => into.kinds.get(path)) };
}

/** The folder a file outside every workspace folder is judged in: its own. */
function ownFolder(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

/**
 * `environments` with the files of each of `files` that is outside every workspace folder grouped
 * with its siblings: those of its own folder and of the folders the convention groups with it
 * (environments/files.ts conventionFolders: its `.runpod` folder, the folder a `.runpod` folder is
 * in), each folder listed once (one level, within the bound of every read: workspaceWalk.ts
 * listFolder), with no declarations (none apply outside folders). So its shared env file
 * (`train.runpod.env` beside `train.prod.runpod.env`, `runpod.env` above `.runpod/prod.env`) is
 * merged and its sibling environments are counted, as `runpod-check pods launch` and `endpoints
 * deploy|update` group an input in no repository: its candidates, all inputs' together, one
 * groupEnvironments (cli/environmentVars.ts groupedFiles). Called once the flow's files are known,
 * before its environment is judged ({@link targetOfChoice}, {@link environmentOfChoice},
 * {@link environmentsForFile}). The pickers' files are unchanged. A folder that cannot be listed,
 * or lists more than the walk's bound, adds nothing: with none listed the file is judged alone, as
 * before. The listings run under the walk's progress ({@link withListingProgress}): one that
 * outlasts a moment shows its notification, whose Cancel stops them.
 * @returns undefined when the user cancelled the listing: the flow ends quietly, as on the walk's Cancel
 */
export async function withOwnFolders(environments: WorkspaceEnvironments, files: readonly (vscode.Uri | undefined)[]): Promise<WorkspaceEnvironments | undefined> {
  const outside = files.filter((uri): uri is vscode.Uri => uri !== undefined && !vscode.workspace.getWorkspaceFolder(uri) && !folderOf(environments, uri));
  if (outside.length === 0) return environments;
  // An earlier call's folders (a flow stepped back, then on with another file) are grouped again with
  // the new ones, in place of their group: folders the convention joins (a folder and its `.runpod`)
  // would otherwise give the same group twice, or split a shared env file from its environments.
  const earlier = environments.folders.find((f) => f.ownFolders);
  const own = new Map<string, vscode.Uri>(); // by fsPath: one folder, however its URI is spelled
  for (const folder of [...(earlier?.ownFolders ?? []).map((f) => vscode.Uri.parse(f)), ...outside.map(ownFolder)]) own.set(folder.fsPath, folder);
  // Under the walk's own progress: a folder slow to list (a network share, a huge folder) shows the
  // same notification with its Cancel, and Cancel stops before the next folder (undefined: the flow ends).
  const listed = await withListingProgress(async (listing) => {
    const byFolder = new Map<string, vscode.Uri[]>(); // each candidate folder listed once, by fsPath
    for (const folder of own.values()) {
      for (const path of conventionFolders(folder.path, posix)) {
        const candidate = folder.with({ path });
        if (byFolder.has(candidate.fsPath)) continue;
        byFolder.set(candidate.fsPath, await regularFilesOf(candidate, listing.token));
        if (listing.token.isCancellationRequested) return undefined;
        listing.folderListed();
      }
    }
    return byFolder;
  });
  if (!listed) return undefined;
  const uris = new Map(environments.uris);
  const kinds = new Map(environments.kinds);
  const found = [...listed.values()].flat().map((uri) => ({ uri, path: relativePath(uri) }));
  const [first] = own.values();
  const grouped = { ...groupFolder(first!, [], found, { uris, kinds }, runpodFileKinds()), ownFolders: [...own.values()].map(String) };
  const folders = [...environments.folders.filter((f) => f !== earlier), grouped];
  return { ...environments, uris, kinds, folders, groups: folders.flatMap((f) => f.groups) };
}

/** The regular files of one folder (a link is never followed, as the walk takes them); none when it cannot be listed, lists past the walk's bound, or was cancelled. */
async function regularFilesOf(folder: vscode.Uri, token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const listing = await listFolder(folder, token);
  if (typeof listing === 'string' || listing.length > MAX_WALKED_ENTRIES) return [];
  return listing.filter(([, type]) => type === vscode.FileType.File).map(([name]) => vscode.Uri.joinPath(folder, name));
}

/**
 * The declarations a file is judged by: its own workspace folder's (the innermost), none outside
 * every folder. The one rule for a file's environment and account: a group is found with its
 * folder's declarations (findEnvironments), the language server gives a document its folder's and
 * none outside folders (server/src/lsp/settings.ts inFolder), and so does a file of one
 * environment alone: another folder's `prod` never names this file's account.
 */
function declarationsOf(environments: WorkspaceEnvironments, uri: vscode.Uri): EnvironmentDeclaration[] {
  return folderOf(environments, uri)?.declarations ?? [];
}

/** A file's own (innermost) workspace folder's environments; outside every folder, its own folder's when listed ({@link withOwnFolders}). */
function folderOf(environments: WorkspaceEnvironments, uri: vscode.Uri): FolderEnvironments | undefined {
  const folder = (vscode.workspace.getWorkspaceFolder(uri)?.uri ?? ownFolder(uri)).toString();
  return environments.folders.find((f) => f.folder === folder || f.ownFolders?.includes(folder));
}

/**
 * The groups a flow's files are judged among, whose environment names the checks count as the
 * other environments (environmentChoice.ts targetEnvironment): each file's own workspace folder's,
 * as Problems judge a file by its folder ({@link declarationsOf}) and `runpod-check` walks the
 * input's own root (cli/environmentVars.ts walkRoot), never another folder's, whose `staging` has
 * nothing to do with this file. Outside every folder, none of the workspace's: its own folder's
 * once the flow listed it ({@link withOwnFolders}), as `runpod-check pods launch` and `endpoints
 * deploy|update` group an input in no repository; the CLI walks the input's repository when it is
 * in one (README), the editor only its folder. Unlisted, the file's own environment alone.
 * With no file (an account template), the workspace's.
 */
function judgedGroups(environments: WorkspaceEnvironments, files: readonly (vscode.Uri | undefined)[]): EnvironmentGroup[] {
  const given = files.filter((uri): uri is vscode.Uri => uri !== undefined);
  if (given.length === 0) return environments.groups;
  const folders = new Set(given.map((uri) => folderOf(environments, uri)));
  return [...folders].flatMap((f) => f?.groups ?? []);
}

/** The environment an env file is of (environmentChoice.ts environmentOfEnvFile), by its folder's declarations. */
export function environmentOfUri(environments: WorkspaceEnvironments, uri: vscode.Uri): EnvironmentOption | undefined {
  return environmentOfEnvFile(environments.groups, relativePath(uri), declarationsOf(environments, uri));
}

/** The template a RunPod file is of (`train` of train.dev.runpod.env and train.runpod.json), by its folder's declarations; undefined for none. */
export function templateOfUri(environments: WorkspaceEnvironments, uri: vscode.Uri): string | undefined {
  return environmentFileOf(relativePath(uri), declarationsOf(environments, uri))?.template;
}

/** The environments to offer for a template file (environmentChoice.ts environmentsForSource), by its folder's declarations. */
export function environmentsForFile(environments: WorkspaceEnvironments, uri: vscode.Uri): ReturnType<typeof environmentsForSource> {
  return environmentsForSource(environments.groups, { kind: 'file', path: relativePath(uri) }, declarationsOf(environments, uri));
}

/**
 * The environment a launch or deploy runs under once its env file is chosen (none: undefined), by
 * environmentChoice.ts chosenEnvironment: the env file's, else the template file's own.
 */
export function environmentOfChoice(environments: WorkspaceEnvironments, source: vscode.Uri | undefined, envFile: vscode.Uri | undefined): EnvironmentOption | null {
  return launchEnvironment(judgedGroups(environments, [source, envFile]), launchFilesOf(environments, source, envFile));
}

/**
 * The environment a flow's checks judge it as (environmentChoice.ts launchTarget): the env file's
 * own, else the template file's, else `chosen` (the environment the wizard settled on); without
 * the workspace's environments (never listed), `chosen`'s.
 */
export function targetOfChoice(environments: WorkspaceEnvironments | undefined, source: vscode.Uri | undefined, envFile: vscode.Uri | undefined, chosen: EnvironmentOption | null | undefined): TargetEnvironment | undefined {
  return environments ? launchTarget(judgedGroups(environments, [source, envFile]), launchFilesOf(environments, source, envFile), chosen) : targetEnvironment(chosen);
}

/** A flow's files as the environment rules see them: workspace-relative, each with its folder's declarations. */
function launchFilesOf(environments: WorkspaceEnvironments, source: vscode.Uri | undefined, envFile: vscode.Uri | undefined): LaunchFiles {
  const file = (uri: vscode.Uri | undefined): LaunchFile | undefined => uri && { path: relativePath(uri), declarations: declarationsOf(environments, uri) };
  return { templateFile: file(source), envFile: file(envFile) };
}

/** The most files a picker of the workspace's files lists (env files, template files, Deploy's sources). */
const MAX_LISTED_FILES = 200;

/**
 * The walked files of `kinds` (their kind as the index reads it: WalkedFile.kind), sorted by path, at
 * most `max`; `truncated` when the walk stopped at its bound or there were more ({@link
 * pickerPlaceholder} says so). The pickers list from the walk their step's listing made, no search
 * beside it: one traversal of the workspace per command.
 */
function filesOfKinds(environments: WorkspaceEnvironments, kinds: ReadonlySet<DocumentKind>, max = MAX_LISTED_FILES): FoundFiles {
  const { files, truncated } = walkedFilesOfKinds(environments, kinds, max);
  return { files: files.map((f) => f.uri), truncated };
}

/** {@link filesOfKinds} with each file's kind as the walk judged it: a picker that tells kinds apart need not judge each file again. */
export function walkedFilesOfKinds(environments: WorkspaceEnvironments, kinds: ReadonlySet<DocumentKind>, max = MAX_LISTED_FILES): { files: WalkedFile[]; truncated: boolean } {
  // By workspace-relative path, so siblings (`train.dev`, `train.prod`, `train.runpod.env`) sit together.
  const path = (f: WalkedFile) => vscode.workspace.asRelativePath(f.uri);
  const files = environments.files.filter((f) => kinds.has(f.kind)).sort((a, b) => path(a).localeCompare(path(b)));
  return { files: files.slice(0, max), truncated: environments.truncated || files.length > max };
}

const ENV_KINDS: ReadonlySet<DocumentKind> = new Set(['runpod-env']);
const TEMPLATE_KINDS: ReadonlySet<DocumentKind> = new Set(['runpod-json']);

/**
 * The env files of the env file steps (Launch Pod, Deploy Endpoint, Update Env): the RunPod env
 * files, and the files an environment declares that are read as env lines (`deploy/prod-vars.txt`).
 */
export function envFilesOf(environments: WorkspaceEnvironments, max = MAX_LISTED_FILES): FoundFiles {
  return filesOfKinds(environments, ENV_KINDS, max);
}

/**
 * The template files of Launch Pod's first step and Push Template's picker: the `runpod.files` files
 * of kind runpod-json (not hub or tests files), declared ones included.
 */
export function templateFilesOf(environments: WorkspaceEnvironments, max = MAX_LISTED_FILES): FoundFiles {
  return filesOfKinds(environments, TEMPLATE_KINDS, max);
}

/**
 * What {@link templateFilesOf} finds, in the words of every message that says none was found or
 * a file is not one: `No template file in this workspace (${TEMPLATE_FILE_KINDS}).`
 */
export const TEMPLATE_FILE_KINDS = '*.runpod.json, or a JSON file of the runpod.files or runpod.environments setting';

/** What a listing that stopped at its bound says, so a file missing from a list has its explanation. */
export const TRUNCATED_LISTING_MESSAGE = `The workspace has more than ${grouped(MAX_WALKED_ENTRIES)} files and folders; RunPod looked at part of it, as the language server's index does, so a file in the rest is not listed.`;

/**
 * What a listing that met `folder` (by {@link relativePath}), deeper than the index walks, says, as
 * {@link TRUNCATED_LISTING_MESSAGE} does its bound: the server's words for the depth, the folder
 * and the remedy (walk.ts tooDeepNotice), so the editor and the server say one thing; its own part,
 * what the user misses here, comes before the remedy.
 */
export function deepListingMessage(folder: string): string {
  return `The workspace has ${tooDeepNotice(noticePath(folder), 'A file there is not listed')}`;
}

/**
 * The deep folders already warned of in this window: every Launch, Compare and Deploy lists again,
 * and the same folder is no news the second time. A new deep folder is. Lives as long as the
 * extension's activation ({@link forgetDeepFoldersSaid}).
 */
const deepFoldersSaid = new Set<string>();

/** A new activation (a window, a test) has warned of no deep folder yet. */
export function forgetDeepFoldersSaid(): void {
  deepFoldersSaid.clear();
}

/**
 * {@link findEnvironments} for a command: a cancellable progress notification when the walk outlasts
 * a moment (listingProgress.ts), a warning when it stopped at its bound, one per folder deeper than
 * the index walks (once per window: {@link deepFoldersSaid}), and one naming the folders
 * it could not list (unlistedFolders.ts): a file there is missing from every picker, and the user
 * learns why here, once per listing, whichever command listed.
 * @param options.unlistedSaidByCaller the command names the unlisted folders itself, where it shows
 *   its result (Compare Environments: its document, or its message when there is nothing to compare)
 * @returns undefined when the user cancelled the listing: the command ends quietly
 */
export async function listEnvironments(stop?: vscode.CancellationToken, options: { unlistedSaidByCaller?: boolean } = {}): Promise<WorkspaceEnvironments | undefined> {
  const listed = await withListingProgress((listing) => findEnvironments(listing), stop);
  if (listed?.truncated) void vscode.window.showWarningMessage(TRUNCATED_LISTING_MESSAGE);
  for (const folder of listed?.deep ?? []) {
    if (deepFoldersSaid.has(folder)) continue;
    deepFoldersSaid.add(folder);
    void vscode.window.showWarningMessage(deepListingMessage(folder));
  }
  const unlisted = listed && !options.unlistedSaidByCaller ? unlistedFoldersNote(listed.unlisted) : undefined;
  if (unlisted) void vscode.window.showWarningMessage(unlisted);
  return listed;
}

/** What a busy pick that waits on the walk says once the RunPod read beside it has answered ({@link listEnvironmentsBeside}). */
export const LISTING_WORKSPACE_PLACEHOLDER = 'Listing RunPod files in the workspace…';

/** The busy pick a listing runs under: its abort (Escape, Back) and its placeholder. */
export interface BusyPick {
  signal: AbortSignal;
  busy(placeholder: string): void;
}

/**
 * {@link listEnvironments} (unless `known`) while `request` (the account's templates) runs: the
 * walk need not wait for the API. When the request fails, the walk is cancelled and has ended (its
 * progress closed) before the failure is thrown: no walk counts folders on for a listing thrown away.
 * Under a busy `pick`, its abort cancels the walk too (a wizard closed lists nothing on, and shows no
 * notification later), and when the request answers first the pick says it waits on the listing.
 * @returns the request's result and the environments (undefined: the user cancelled the listing)
 */
export async function listEnvironmentsBeside<T>(request: Promise<T>, known?: WorkspaceEnvironments, pick?: BusyPick): Promise<[T, WorkspaceEnvironments | undefined]> {
  if (known) return [await request, known];
  const stop = new vscode.CancellationTokenSource();
  const abort = () => stop.cancel();
  pick?.signal.addEventListener('abort', abort);
  if (pick?.signal.aborted) stop.cancel();
  const listed = listEnvironments(stop.token);
  // Handled at once: a walk that fails while the request is pending is no unhandled rejection.
  let walking = true;
  const ended = listed.catch(() => undefined).finally(() => (walking = false));
  try {
    const answer = await request;
    if (walking && !pick?.signal.aborted) pick?.busy(LISTING_WORKSPACE_PLACEHOLDER);
    return [answer, await listed];
  } catch (error) {
    stop.cancel();
    await ended;
    throw error;
  } finally {
    pick?.signal.removeEventListener('abort', abort);
    stop.dispose();
  }
}

/** The group a file belongs to, if it is one of several environments (or their shared file). */
export function groupOfUri(environments: WorkspaceEnvironments, uri: vscode.Uri): EnvironmentGroup | undefined {
  const path = relativePath(uri);
  return environments.groups.find((g) => g.shared.includes(path) || g.environments.some((e) => e.files.includes(path)));
}

/** The paths of the files of `groups` (their environments' and shared files), once each. */
export function groupPaths(groups: readonly EnvironmentGroup[]): Set<string> {
  return new Set(groups.flatMap((g) => [...g.shared, ...g.environments.flatMap((e) => e.files)]));
}

/**
 * How the core reads a file of a group: its RunPod kind (`namedKind`: runpodFiles.ts runpodFileKinds,
 * one per listing), else by extension (a declared file may be any name), an open editor's language
 * first. Decided once per listing (WorkspaceEnvironments.kinds).
 */
function readKind(uri: vscode.Uri, namedKind: ReturnType<typeof runpodFileKinds>): DocumentKind {
  const languageId = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId ?? '';
  return declaredFileKind(uri.path, namedKind(uri, languageId), languageId);
}

/** A file of a comparison as read: its text, or why not (workspaceText.ts). */
export interface FileRead {
  path: string;
  read: WorkspaceText;
}

/**
 * Reads and analyzes the files of `groups` with the extension's bounded reader (workspaceText.ts:
 * an open editor's text first, else a regular file of at most ANALYSIS_LIMIT bytes, the command
 * line's bound for the same comparison). A file that cannot be read counts as
 * empty (its environment stays in the comparison, its keys shown missing); `reads` says for each
 * file what was read, or why not. A file whose read did not answer is asked again each time: the
 * bounded reader answers at once while that read still hangs (boundedRead.ts), so a refresh never
 * waits the bound again for it, and reads it as soon as its file system answers.
 */
export async function loadSources(environments: WorkspaceEnvironments, groups: readonly EnvironmentGroup[]): Promise<{ sources: EnvironmentSource[]; reads: FileRead[] }> {
  const sources: EnvironmentSource[] = [];
  const reads: FileRead[] = [];
  for (const path of groupPaths(groups)) {
    const uri = environments.uris.get(path);
    const kind = environments.kinds.get(path);
    if (!uri || !kind) continue;
    // Read as far as the analysis goes (ANALYSIS_LIMIT), as `runpod-check envs compare` reads it, not
    // the 2 MiB of a file sent to RunPod: nothing compared is sent.
    const read = await readWorkspaceText(uri, ANALYSIS_LIMIT);
    reads.push({ path, read });
    const text = read.ok ? read.text : '';
    sources.push({ path, text, analysis: analyze(text, kind, { state: 'unknown', secrets: [] }) });
  }
  return { sources, reads };
}
