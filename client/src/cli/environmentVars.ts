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
import { groupEnvironments, type EnvironmentDeclaration } from '../../../server/src/template/environments/index';
import { environmentOfEnvFile, launchEnvironment, launchTarget, ownEnvironment, type EnvironmentOption, type LaunchFile } from '../launch/environmentChoice';
import type { TargetEnvironment } from '../launch/checks';
import { MAX_WALKED_ENTRIES } from '../../../server/src/index/walk';
import { discoverFiles, environmentPath } from './check/discover';

/** The siblings the convention can group with `file`: its folder, its `.runpod` folder, or the folder a `.runpod` folder is in. */
function candidates(file: string): string[] {
  const dir = path.dirname(file);
  const folders = [dir, path.join(dir, '.runpod'), ...(path.basename(dir) === '.runpod' ? [path.dirname(dir)] : [])];
  return folders.flatMap((folder) => {
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
 * The files the environments are grouped over, as the --environment globs see them (environmentPath),
 * each with its absolute path: the working directory's, found as `check` finds them (discoverFiles:
 * its skipped folders, no link followed), so `--environment prod=deploy/prod/*.env` groups with
 * dev's file in deploy/dev as `check` and `envs compare` group them; each input brings its
 * siblings too (the walk may not reach it, or skip a sibling that is a link).
 */
function groupedFiles(cwd: string, declarations: readonly EnvironmentDeclaration[], inputs: readonly string[], maxEntries: number): Map<string, string> {
  const files = new Map<string, string>();
  // Walked wherever the inputs are: its environments are the other environments the checks count
  // (README), so a launch of ../serve/train.prod.runpod.env is judged as one of serve/... would be.
  try {
    // Past the bound (truncated) no file is taken: part of a walk would group differently by listing order.
    for (const f of discoverFiles(['.'], cwd, undefined, { declared: declarations, dotenv: true, maxEntries }).files) files.set(environmentPath(f.display, cwd), path.resolve(cwd, f.display));
  } catch {
    // The working directory cannot be listed: the inputs' siblings alone, below.
  }
  // Each input's siblings always: the walk follows no link, so a shared file that is one (refused
  // by readEnvironmentVars) would otherwise be dropped silently when run from inside the folder.
  for (const input of inputs) {
    files.set(asGlobbed(cwd, input), input);
    for (const sibling of candidates(input)) files.set(asGlobbed(cwd, sibling), sibling);
  }
  return files;
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
 * @param maxEntries the bound of the working directory's walk, the editor's (MAX_WALKED_ENTRIES)
 */
export function inputEnvironment(
  cwd: string,
  declarations: readonly EnvironmentDeclaration[],
  inputs: { templateFile?: string | undefined; varsFile?: string | undefined },
  maxEntries = MAX_WALKED_ENTRIES,
): InputEnvironment {
  const absolute = (file: string | undefined): string | undefined => (file === undefined ? undefined : path.resolve(cwd, file));
  const launchFile = (file: string | undefined): LaunchFile | undefined => (file === undefined ? undefined : { path: asGlobbed(cwd, file), declarations });
  const templateFile = absolute(inputs.templateFile);
  const varsFile = absolute(inputs.varsFile);
  const files = { templateFile: launchFile(templateFile), envFile: launchFile(varsFile) };
  if (ownEnvironment(files.envFile) === undefined && ownEnvironment(files.templateFile) === undefined) return { target: undefined };
  const grouped = groupedFiles(cwd, declarations, [templateFile, varsFile].filter((f): f is string => f !== undefined), maxEntries);
  const groups = groupEnvironments([...grouped.keys()], declarations);
  const chosen = launchEnvironment(groups, files);
  const target = launchTarget(groups, files, chosen);
  // The env file's environment in its group: the shared files are the group's, the env file its environment's last (its own).
  const option = files.envFile && environmentOfEnvFile(groups, files.envFile.path, declarations);
  if (!option || option.envFile !== files.envFile?.path || !option.sharedEnvFiles?.length) return { target, chosen };
  return { target, chosen, shared: { environment: option.name, shared: option.sharedEnvFiles.map((f) => grouped.get(f) ?? path.resolve(cwd, f)) } };
}
