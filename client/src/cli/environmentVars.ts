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
import { groupOf } from '../../../server/src/template/environments/index';
import { environmentOfEnvFile } from '../launch/environmentChoice';

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
