/**
 * `pods launch --vars-file` of one environment, as the editor's Launch Pod takes it: when the file is
 * an environment's env file of a template (`train.dev.runpod.env` beside `train.prod.runpod.env`),
 * the env files every environment of that template shares (`train.runpod.env`) are merged under it,
 * per key the environment's own winning. The environment rules of `check` and `envs compare` count
 * the shared keys as the environment's, so a launch without them would boot a different Pod than
 * the one they judged. The grouping is the core's; which files are shared is environmentChoice's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { groupEnvironments, groupOf, type EnvironmentDeclaration } from '../../../server/src/template/environments/index';
import { chosenEnvironment, environmentOfEnvFile, environmentsForSource, targetEnvironment } from '../launch/environmentChoice';
import type { TargetEnvironment } from '../launch/checks';
import { environmentPath } from './check/discover';

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

/**
 * The environment `file` is one of, and the shared env files (absolute, lowest first) to merge
 * under it; undefined when it is no environment's env file or its template shares none.
 */
export function sharedEnvFilesOf(file: string): { environment: string; shared: string[] } | undefined {
  const absolute = path.resolve(file);
  const group = groupOf(absolute, candidates(absolute));
  const option = group ? environmentOfEnvFile([group], absolute) : undefined;
  if (!option || option.envFile !== absolute || !option.sharedEnvFiles?.length) return undefined;
  return { environment: option.name, shared: option.sharedEnvFiles };
}

/**
 * The environment a launch, deploy or update of these input files runs as, for the checks' warning
 * of another environment's secret (checks.ts checkEnv `environment`): the editor's rule
 * (environmentChoice.ts chosenEnvironment: the env file's environment, else the one the template
 * file is by name; targetEnvironment with the names of the groups found), applied to the files and
 * their siblings. The wizard's choice of an environment is the choice of its env file: here,
 * --vars-file. Paths are matched as the --environment globs see them (environmentPath), so a file
 * named for no environment is one when --environment declares it.
 * @param cwd where relative paths and the --environment globs start
 */
export function inputEnvironment(cwd: string, declarations: readonly EnvironmentDeclaration[], inputs: { templateFile?: string | undefined; varsFile?: string | undefined }): TargetEnvironment | undefined {
  const { templateFile, varsFile } = inputs;
  const asGlobbed = (absolute: string): string => environmentPath(path.relative(cwd, absolute), cwd);
  const files = [templateFile, varsFile].filter((f): f is string => f !== undefined).map((f) => path.resolve(cwd, f));
  const groups = groupEnvironments(
    files.flatMap((f) => [f, ...candidates(f)].map(asGlobbed)),
    declarations,
  );
  const ofEnvFile = varsFile === undefined ? undefined : environmentOfEnvFile(groups, asGlobbed(path.resolve(cwd, varsFile)), declarations);
  const ofTemplate = templateFile === undefined ? undefined : environmentsForSource(groups, { kind: 'file', path: asGlobbed(path.resolve(cwd, templateFile)) }, declarations).fixed;
  return targetEnvironment(chosenEnvironment(ofEnvFile, ofTemplate), groups);
}
