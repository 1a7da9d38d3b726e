/**
 * The environment of `pods launch`, `endpoints deploy` and `endpoints update`'s input files, as the
 * editor's Launch Pod takes it (environmentChoice.ts launchTarget, launchEnvironment): which
 * environment the checks judge the env as, and, when --vars-file is an environment's env file of a
 * template (`train.dev.runpod.env` beside `train.prod.runpod.env`), the env files every environment
 * of that template shares (`train.runpod.env`), merged under it, per key the environment's own
 * winning. The environment rules of `check` and `envs compare` count the shared keys as the
 * environment's, so a launch without them would boot a different Pod than the one they judged.
 * One grouping for both, over the files `check` and `envs compare` find.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { conventionFolders, groupEnvironments, type EnvironmentDeclaration } from '../../../server/src/template/environments/index';
import { environmentOfEnvFile, launchEnvironment, launchTarget, ownEnvironment, type EnvironmentOption, type LaunchFile } from '../launch/environmentChoice';
import type { TargetEnvironment } from '../launch/checks';
import { MAX_WALKED_ENTRIES } from '../../../server/src/index/walk';
import { discoverFiles, environmentPath, isInside, realpathOr } from './check/discover';
import { homeOf } from '../homeFolder';

/** The siblings the convention can group with `file`: the files of its conventionFolders. */
function candidates(file: string): string[] {
  return conventionFolders(path.dirname(file), path).flatMap((folder) => {
    try {
      return fs.readdirSync(folder).map((name) => path.join(folder, name));
    } catch {
      return []; // no such folder, or not readable: nothing to group with
    }
  });
}

/** The shared env files to merge under --vars-file: its environment, and the files (absolute, lowest first). */
export interface SharedEnvFiles {
  environment: string;
  shared: string[];
}

/** What the input files' environment decides: the checks' environment, and the vars file's shared files. */
export interface InputEnvironment {
  /** The environment the checks judge the env as (checks.ts checkEnv `environment`); undefined when the files are no environment's. */
  target: TargetEnvironment | undefined;
  /** Set when --vars-file is an environment's env file whose template's environments share env files. */
  shared?: SharedEnvFiles;
  /** The environment the account guard judges (environmentChoice.ts launchEnvironment); null when none. */
  chosen?: EnvironmentOption | null;
}

/**
 * The folder walked for an input's other environments: the working directory when the input is in
 * it and it is a project's folder (below the home folder, or a repository holding it), as `check`
 * walks it (the editor's workspace folder); else the input's repository (the nearest folder above it
 * holding `.git`), as the editor opened on that repository would walk it, so
 * `../serve/train.prod.runpod.env` run from a sibling folder counts the same environments as a
 * launch from the top does; else, in no repository, its own folder, as `check` roots a named file
 * outside the working directory (discover.ts). Never the working directory for an input outside
 * it: a launch from $HOME would list all of $HOME and count unrelated projects' env files.
 * The file system root (`/`, `C:\`) is no project, even holding `.git`: it holds /proc, /sys and
 * every home. The home folder (homeFolder.ts homeOf) is never walked, nor a folder above it that is
 * no repository (`/home`): either holds every project of the user. The climb stops at the home
 * folder (a home that is a git repository, dotfiles, holds every project, and walking it to the
 * entry bound left nothing) and below the root; an input in the home folder or the root has no walk
 * at all (undefined), its siblings alone. A repository that holds the home folder (HOME inside a
 * checkout, as CI and containers set it; a repository at /home) is a project, walked from its top
 * or climbed to from an input outside home, with the home folder left out of the walk
 * ({@link WalkedFolder.leaveOut}): home holds every project of the user, none of them this launch's.
 * The editor opened on such a repository walks home too (to the entry bound, as any workspace
 * folder); the command line guesses the project and takes the narrower one (README).
 * The folder returned is walked as a folder named to `check` is: the depth bound counts from it
 * (discover.ts TOO_DEEP_REMEDY), as from the workspace folder of the editor opened on it, even when it is
 * below the working directory (run from home).
 * @param home the home folder, absolute; undefined when there is none (an empty HOME)
 * @param isRepository whether a folder is a repository's top (holds `.git`); given by tests, which cannot make `/.git`
 */
export function walkRoot(cwd: string, input: string, home: string | undefined, isRepository = (folder: string): boolean => fs.existsSync(path.join(folder, '.git'))): WalkedFolder | undefined {
  // Compared as real paths: the working directory is one (process.cwd()), and HOME is often a link
  // (HOME=/x/link -> /x/real).
  const realHome = home === undefined ? undefined : realpathOr(home);
  const isHome = (folder: string): boolean => realHome !== undefined && path.relative(realpathOr(folder), realHome) === '';
  const isFileSystemRoot = (folder: string): boolean => path.parse(folder).root === folder;
  const holdsHome = (folder: string): boolean => realHome !== undefined && isInside(realpathOr(folder), realHome);
  // The root, home, or above home and no project: walking it walks all of home (`cd ~`, `cd /`).
  const isProject = (folder: string): boolean => !isFileSystemRoot(folder) && !isHome(folder) && (!holdsHome(folder) || isRepository(folder));
  // A project holding home walks all but home: its path below the folder as walked (no link followed).
  const walked = (folder: string): WalkedFolder =>
    realHome !== undefined && holdsHome(folder) ? { root: folder, leaveOut: path.join(folder, path.relative(realpathOr(folder), realHome)) } : { root: folder };
  if (isProject(cwd) && isInside(cwd, input)) return walked(cwd);
  const own = path.dirname(input);
  for (let folder = own; !isHome(folder) && !isFileSystemRoot(folder); folder = path.dirname(folder)) {
    if (isRepository(folder)) return walked(folder);
  }
  return isProject(own) ? walked(own) : undefined;
}

/** A folder walked for an input's other environments, and the home folder inside it, left out of the walk. */
export interface WalkedFolder {
  root: string;
  /** The home folder when the root holds it (as a path below the root): not walked. */
  leaveOut?: string;
}

/**
 * The files the environments are grouped over, as the --environment globs see them (environmentPath),
 * each with its absolute path: those of each input's {@link walkRoot}, found as `check` finds them
 * (discoverFiles: its skipped folders, no link followed), so `--environment prod=deploy/prod/*.env`
 * groups with dev's file in deploy/dev as `check` and `envs compare` group them; each input brings
 * its siblings too (the walk may not reach it, or skip a sibling that is a link).
 */
function groupedFiles(cwd: string, declarations: readonly EnvironmentDeclaration[], inputs: readonly string[], { maxEntries, home }: WalkOptions): Map<string, string> {
  const files = new Map<string, string>();
  // Their environments are the other environments the checks count (README).
  // An empty home is no home (HOME set but empty makes os.homedir() ""): resolved, it named the working directory.
  const homeFolder = home.trim() === '' ? undefined : path.resolve(cwd, home);
  const walks = new Map(inputs.flatMap((input) => walkRoot(cwd, input, homeFolder) ?? []).map((w) => [w.root, w]));
  for (const { root, leaveOut } of walks.values()) {
    try {
      // Past the bound (truncated) no file is taken: part of a walk would group differently by listing order.
      for (const f of discoverFiles([root], cwd, undefined, { declared: declarations, dotenv: true, maxEntries, leaveOut }).files) {
        const absolute = path.resolve(cwd, f.display);
        files.set(asGlobbed(cwd, absolute), absolute);
      }
    } catch {
      // The folder cannot be listed: the inputs' siblings alone, below.
    }
  }
  // Each input's siblings always: the walk follows no link, so a shared file that is one (refused
  // by readEnvironmentVars) would otherwise be dropped silently when run from inside the folder.
  for (const input of inputs) {
    files.set(asGlobbed(cwd, input), input);
    for (const sibling of candidates(input)) files.set(asGlobbed(cwd, sibling), sibling);
  }
  return files;
}

/** How far the walks of {@link groupedFiles} go: the entry bound, and the home folder no climb reaches. */
interface WalkOptions {
  maxEntries: number;
  home: string;
}

/** An absolute path as the --environment globs see it. */
function asGlobbed(cwd: string, absolute: string): string {
  return environmentPath(path.relative(cwd, absolute), cwd);
}

/**
 * The environment a launch, deploy or update of these input files runs as (the editor's rule,
 * environmentChoice.ts launchTarget: the env file's own environment, else the template file's), and
 * the shared env files of --vars-file. The wizard's choice of an environment is the choice of its
 * env file: here, --vars-file. Paths are matched as the --environment globs see them, so a file
 * named for no environment is one when --environment declares it. Nothing is walked when neither
 * file is an environment's: there is no environment to judge, and no shared file to merge.
 * @param cwd where relative paths and the --environment globs start
 * @param options.maxEntries the bound of the working directory's walk, the editor's (MAX_WALKED_ENTRIES)
 * @param options.home the user's home folder (homeOf of the command's environment), above which no input's walk climbs
 */
export function inputEnvironment(
  cwd: string,
  declarations: readonly EnvironmentDeclaration[],
  inputs: { templateFile?: string | undefined; varsFile?: string | undefined },
  options: Partial<WalkOptions> = {},
): InputEnvironment {
  const walk: WalkOptions = { maxEntries: options.maxEntries ?? MAX_WALKED_ENTRIES, home: options.home ?? homeOf({}) };
  const absolute = (file: string | undefined): string | undefined => (file === undefined ? undefined : path.resolve(cwd, file));
  const launchFile = (file: string | undefined): LaunchFile | undefined => (file === undefined ? undefined : { path: asGlobbed(cwd, file), declarations });
  const templateFile = absolute(inputs.templateFile);
  const varsFile = absolute(inputs.varsFile);
  const files = { templateFile: launchFile(templateFile), envFile: launchFile(varsFile) };
  if (ownEnvironment(files.envFile) === undefined && ownEnvironment(files.templateFile) === undefined) return { target: undefined };
  const grouped = groupedFiles(cwd, declarations, [templateFile, varsFile].filter((f): f is string => f !== undefined), walk);
  const groups = groupEnvironments([...grouped.keys()], declarations);
  const chosen = launchEnvironment(groups, files);
  const target = launchTarget(groups, files, chosen);
  // The env file's environment in its group: the shared files are the group's, the env file its environment's last (its own).
  const option = files.envFile && environmentOfEnvFile(groups, files.envFile.path, declarations);
  if (!option || option.envFile !== files.envFile?.path || !option.sharedEnvFiles?.length) return { target, chosen };
  return { target, chosen, shared: { environment: option.name, shared: option.sharedEnvFiles.map((f) => grouped.get(f) ?? path.resolve(cwd, f)) } };
}
