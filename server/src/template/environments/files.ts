/**
 * Which files are one template in several environments. Two ways, the setting first:
 *
 * - declared: a file matching a glob of `runpod.environments` belongs to that environment; its
 *   template is its file name without extensions and environment words, in any folder
 *   (`deploy/dev/train.runpod.env` and `deploy/prod/train.runpod.env` are template `train`), except
 *   for a file also named for an environment, which stays with its folder's siblings.
 * - by convention, in one folder: `<name>.<env>.runpod.env` and `<name>.<env>.runpod.json`
 *   (`train.dev.runpod.env`), `<env>.runpod.env` and `.runpod/<env>.env` (the folder's template,
 *   beside `runpod.env`), where `<env>` is an environment word (words.ts) or a declared name.
 *
 * The same name without an environment (`train.runpod.env`, `train.runpod.json`, `runpod.env`) is
 * the template's shared file: every environment gets its variables (Launch Pod merges a template
 * file under an env file), so a key it defines is never missing from an environment.
 * Other RunPod files (hub.json, tests.json, runpod.toml, dotenv) belong to no template unless declared.
 * Pure; paths use `/` separators (URIs are accepted and read as their path).
 */
import { DEFAULT_FILE_GLOBS, diskFileKind, folderGlobPath, kindOfSelected, matchesFileGlobs, RUNPOD_FOLDER, uriPath } from '../fileKinds';
import type { DocumentKind } from '../types';
import type { EnvironmentDeclaration } from './declarations';
import { canonicalEnvironment, environmentOfWord } from './words';

export interface EnvironmentFile {
  /** The path (or URI) as given. */
  path: string;
  /** Identity of the template: files with the same key are siblings. */
  template: string;
  /** How the template is shown: `train`, `deploy/train`; `runpod` for a folder's `runpod.env` family. */
  label: string;
  /** The canonical environment; undefined for the template's shared file. */
  environment?: string;
}

export interface EnvironmentGroup {
  template: string;
  label: string;
  /** In name order, each with its files (env files last: they win over a template file per key) and the account declared for that environment name (whether its files are declared or named for it). */
  environments: { name: string; files: string[]; account?: string; invalidAccount?: true }[];
  /** The shared files (no environment). */
  shared: string[];
}

/**
 * The RunPod file suffixes as fileKinds.ts reads names: `.runpod.env` in any letter case
 * (isRunpodEnvFile), `.runpod.json` exactly (the default glob, matched case-sensitively). A name the
 * file-kind rule does not take is no environment's file by name.
 */
const RUNPOD_SUFFIX = /\.(?:[Rr][Uu][Nn][Pp][Oo][Dd]\.[Ee][Nn][Vv]|runpod\.json)$/;
/** Extensions dropped from a declared file's name to find its template (`train.prod.runpod.env` -> `train`). */
const EXTENSION_WORDS = new Set(['runpod', 'env', 'json', 'jsonc', 'toml']);

/**
 * The template and environment of one file, or undefined when it is no template's.
 * @param declarations the `runpod.environments` setting, parsed (declarations.ts)
 */
export function environmentFileOf(path: string, declarations: readonly EnvironmentDeclaration[] = []): EnvironmentFile | undefined {
  const p = uriPath(path);
  const slash = p.lastIndexOf('/');
  const dir = slash >= 0 ? p.slice(0, slash) : '';
  const name = p.slice(slash + 1);
  // Not `declarations.map(...)`: TurboFan's inlined map makes a holey array where the builtin makes a
  // packed one, and environmentOfWord, optimised for the first, was deoptimised ("wrong map") and
  // compiled again on the second (--trace-deopt, the bench's workspace index, December 2026).
  const declared: string[] = [];
  for (const d of declarations) declared.push(d.name);
  const byName = conventional(path, dir, name, declared);
  const relative = relativeTo(p);
  for (const d of declarations) {
    if (!declares(d, relative)) continue;
    // A file named for an environment stays with its folder's siblings; the setting decides its environment.
    if (byName?.environment !== undefined) return { ...byName, environment: d.name };
    const stem = name.split('.').filter((w) => w !== '' && !EXTENSION_WORDS.has(w.toLowerCase()) && canonicalEnvironment(w) !== d.name).join('.');
    return { path, template: `declared:${stem}`, label: stem || 'runpod', environment: d.name };
  }
  return byName;
}

/** The path operations {@link conventionFolders} needs: node's `path` for the CLI's paths, `path.posix` for URI paths. */
export interface FolderPaths {
  join(folder: string, name: string): string;
  dirname(path: string): string;
  basename(path: string): string;
}

/**
 * The folders whose files the convention ({@link conventional}) can group with a file in `dir`: `dir`
 * itself, its `.runpod` folder, and, when `dir` is a `.runpod` folder, the folder it is in
 * (`.runpod/prod.env` shares that folder's `runpod.env`). The one list for a file found outside any
 * walk: `runpod-check`'s input's siblings (cli/environmentVars.ts) and the editor's file outside every
 * workspace folder (environments/workspaceFiles.ts withOwnFolders).
 */
export function conventionFolders(dir: string, paths: FolderPaths): string[] {
  return [dir, paths.join(dir, RUNPOD_FOLDER), ...(paths.basename(dir) === RUNPOD_FOLDER ? [paths.dirname(dir)] : [])];
}

/** The template and environment a file's name and folder give it (the convention), if any. */
function conventional(path: string, dir: string, name: string, declared: readonly string[]): EnvironmentFile | undefined {
  const folder = (stem: string, inDir = dir): Pick<EnvironmentFile, 'template' | 'label'> => ({
    template: `${inDir}/${stem}`,
    label: `${inDir ? `${inDir}/` : ''}${stem || 'runpod'}`,
  });
  if (/^\.runpod$/.test(dir.slice(dir.lastIndexOf('/') + 1)) && name.endsWith('.env')) {
    const environment = environmentOfWord(name.slice(0, -4), declared);
    const parent = dir.slice(0, Math.max(0, dir.lastIndexOf('/')));
    return environment ? { path, ...folder('', parent), environment } : undefined;
  }
  if (name === 'runpod.env') return { path, ...folder('') };
  const suffix = RUNPOD_SUFFIX.exec(name);
  if (!suffix) return undefined;
  const base = name.slice(0, suffix.index);
  const dot = base.lastIndexOf('.');
  const environment = environmentOfWord(base.slice(dot + 1), declared);
  if (!environment) return { path, ...folder(base) };
  return { path, ...folder(dot >= 0 ? base.slice(0, dot) : ''), environment };
}

/**
 * How a file of an environment is read when its name makes it no RunPod file (or only a dotenv
 * file): a declared file may have any name, so as a file `runpod.files` selects is read
 * (fileKinds.ts kindOfSelected: JSON and TOML by extension, hub and tests files by place, else the
 * editor's language, else env lines). The editor's index and environments and the command line's
 * walk take declared files by this rule.
 * @param languageId an open document's language (`''` for a file on disk)
 */
export function declaredFileKind(path: string, known: DocumentKind | undefined, languageId = ''): DocumentKind {
  if (known && known !== 'dotenv') return known;
  return kindOfSelected(uriPath(path), languageId);
}

/**
 * `path` (decoded, `/` separators) relative to a declaration's folder, or as given for a
 * declaration without one; undefined outside the folder. Worked out once per folder, not once per
 * declaration: a setting's declarations share their folder, and the index asks this of every file
 * it walks (64 declarations made the walk's classification 3.6 times slower, computed each time).
 */
function relativeTo(path: string): (folder: string | undefined) => string | undefined {
  let lastFolder: string | undefined;
  let last: string | undefined;
  return (folder) => {
    if (folder === undefined) return path;
    if (folder !== lastFolder) {
      lastFolder = folder;
      last = folderGlobPath(path, folder);
    }
    return last;
  };
}

/**
 * Whether `declaration` declares a file: one of its globs matches the file's path relative to the
 * declaration's folder (package.json documents the globs as workspace-relative), or the path as
 * given when the caller gives relative paths. The one place a declared glob is matched.
 */
function declares(declaration: EnvironmentDeclaration, relative: (folder: string | undefined) => string | undefined): boolean {
  const path = relative(declaration.folder);
  return path !== undefined && matchesFileGlobs(path, declaration.files);
}

/** Whether an environment of `runpod.environments` declares `path` (a path or a URI). */
function isDeclaredFile(path: string, declarations: readonly EnvironmentDeclaration[]): boolean {
  if (declarations.length === 0) return false;
  const relative = relativeTo(uriPath(path));
  return declarations.some((d) => declares(d, relative));
}

/**
 * Which files are RunPod files, and of which kind, once environments are declared: the kind a
 * file's name (and `runpod.files`) gives it (`named`: fileKinds.ts), unless an environment
 * declares it, which makes it one whatever its name ({@link declaredFileKind}). The one rule for the
 * language server (its workspace index's walk in either thread, file watching, open documents) and
 * the command line's walk, and the extension's features (client/src/runpodFiles.ts runpodFileKind)
 * and its walk for Compare Environments and the environment pickers
 * (client/src/environments/workspaceWalk.ts), which skips what the index's walk skips (FolderRules):
 * the editor compares the files `runpod-check envs compare` compares.
 * `undefined`: not a file that may hold references.
 */
export function declaredOrNamedKind(path: string, named: DocumentKind | undefined, declarations: readonly EnvironmentDeclaration[], languageId = ''): DocumentKind | undefined {
  return isDeclaredFile(path, declarations) ? declaredFileKind(path, named, languageId) : named;
}

/**
 * {@link declaredOrNamedKind} of a file found on disk, named by {@link diskFileKind} (RunPod files,
 * `runpod.files` below `folder`, dotenv files): what the workspace index reads.
 */
export function indexedFileKind(path: string, globs: readonly string[] = DEFAULT_FILE_GLOBS, declarations: readonly EnvironmentDeclaration[] = [], folder?: string): DocumentKind | undefined {
  return declaredOrNamedKind(path, diskFileKind(path, globs, folder), declarations);
}

/**
 * Every glob of `runpod.environments`, once each: the editor's document selector and the server's
 * file watchers take them, relative to each workspace folder (a declared file reaches the server when
 * it is opened and when it changes on disk, whatever its name).
 */
export function declaredFileGlobs(declarations: readonly EnvironmentDeclaration[]): string[] {
  return [...new Set(declarations.flatMap((d) => d.files))];
}

/**
 * Whether a file of an environment (found on disk: no editor language) is its template file: the
 * kind fileKinds.ts gives a file `runpod.files` selects or an environment declares (kindOfSelected),
 * `runpod-json`, as Launch Pod, Push Template and the CodeLens take it (README: "a JSON file it
 * selects is a template file"). So `.runpod/hub.json` and `.runpod/tests.json` are not templates,
 * though JSON. The one rule for the core, the editor and the CLI.
 */
export function isTemplateFilePath(path: string): boolean {
  return kindOfSelected(uriPath(path), '') === 'runpod-json';
}

/**
 * Whether a file of an environment is read as env lines (its kind is `runpod-env`): the env file
 * Launch Pod merges. A TOML file or a Hub listing declared for an environment is neither this nor
 * a template file: it is compared, never merged into a launch.
 */
export function isEnvLinesFilePath(path: string): boolean {
  return kindOfSelected(uriPath(path), '') === 'runpod-env';
}

/**
 * The JSON-shaped kinds that are the template itself (a template body, a Hub listing, its tests),
 * not values laid over it: an environment's first file, so its label, where a key missing in it is
 * said and where Add KEY writes. Wider than {@link isTemplateFilePath} (what Launch Pod launches).
 */
const TEMPLATE_BODY_KINDS: ReadonlySet<DocumentKind | undefined> = new Set<DocumentKind>(['runpod-json', 'hub-json', 'tests-json']);

/**
 * A file of an environment as it is ordered: its path, and the kind it was read with when the reader
 * says it (an open document's language can make a declared file JSON whatever its name: the
 * extension's Compare Environments, the language server's index). A file whose kind is not said is
 * ordered by the kind its path gives (kindOfSelected with no language), as a file on disk is read.
 */
export interface OrderedFile {
  path: string;
  kind?: DocumentKind | undefined;
}

/** Env files (and TOML) after the template itself: in an environment, the env file's value wins (as Launch Pod merges). */
function precedence(file: OrderedFile): number {
  return TEMPLATE_BODY_KINDS.has(file.kind ?? kindOfSelected(uriPath(file.path), '')) ? 0 : 1;
}

/**
 * Files of one environment in precedence order (lowest first), then by path: the one order of an
 * environment's files, for its rules (rules.ts), Compare Environments and the environment pickers.
 */
export function byPrecedence(a: OrderedFile, b: OrderedFile): number {
  return precedence(a) - precedence(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/**
 * Groups files into templates x environments; only templates with two or more environments are
 * returned (one environment has nothing to be compared with). Sorted by label.
 * @param kindOf the kind each file was read with, when the caller knows it ({@link OrderedFile})
 */
export function groupEnvironments(paths: readonly string[], declarations: readonly EnvironmentDeclaration[] = [], kindOf: (path: string) => DocumentKind | undefined = () => undefined): EnvironmentGroup[] {
  const groups = new Map<string, EnvironmentGroup>();
  for (const path of new Set(paths)) {
    const file = environmentFileOf(path, declarations);
    if (!file) continue;
    let group = groups.get(file.template);
    if (!group) groups.set(file.template, (group = { template: file.template, label: file.label, environments: [], shared: [] }));
    if (file.environment === undefined) {
      group.shared.push(path);
      continue;
    }
    let env = group.environments.find((e) => e.name === file.environment);
    if (!env) {
      const declared = declarations.find((d) => d.name === file.environment);
      const account = declared?.account;
      group.environments.push((env = { name: file.environment, files: [], ...(account ? { account } : {}), ...(declared?.invalidAccount ? { invalidAccount: true as const } : {}) }));
    }
    env.files.push(path);
  }
  const out = [...groups.values()].filter((g) => g.environments.length >= 2);
  for (const g of out) {
    g.environments.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const ordered = (files: string[]) => files.map((path) => ({ path, kind: kindOf(path) })).sort(byPrecedence).map((f) => f.path);
    for (const e of g.environments) e.files = ordered(e.files);
    g.shared = ordered(g.shared);
  }
  // By label, then by template (its key, unique): two of one label (a root `app.dev.runpod.env` and a
  // declared `deploy/dev/app.env`) come in one order whatever order the files were found in, so
  // the editor and the CLI list them alike.
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return out.sort((a, b) => byText(a.label, b.label) || byText(a.template, b.template));
}

/** The group `path` belongs to among `paths` (itself included), when it has two or more environments. */
export function groupOf(path: string, paths: readonly string[], declarations: readonly EnvironmentDeclaration[] = []): EnvironmentGroup | undefined {
  const file = environmentFileOf(path, declarations);
  if (!file) return undefined;
  const candidates = paths.filter((p) => p !== path && environmentFileOf(p, declarations)?.template === file.template);
  return groupEnvironments([path, ...candidates], declarations)[0];
}
