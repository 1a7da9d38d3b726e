/**
 * `--template-file` takes a template file (`pods launch`: a *.runpod.json; `endpoints deploy`: that
 * or a .runpod/hub.json Hub listing). Another kind of RunPod file is said by its kind, with the
 * option or command that takes it: read as JSON, a runpod.toml or an env file would only get the
 * JSON reader's errors, which name no next step.
 */
import { diskFileKind } from '../../../server/src/template/fileKinds';
import { UsageError } from './errors';

export type TemplateFileCommand = 'pods launch' | 'endpoints deploy';

/** @throws UsageError when `file` is, by its name, a RunPod file `command` does not take as its template */
export function refuseOtherFileKind(file: string, command: TemplateFileCommand): void {
  const takes = command === 'pods launch' ? 'a *.runpod.json template' : 'a *.runpod.json template or a .runpod/hub.json';
  const kind = diskFileKind(file.replace(/\\/g, '/'));
  if (kind === 'runpod-toml') throw new UsageError(`${file} is a runpodctl project file, not a template: --template-file takes ${takes}`, command);
  if (kind === 'runpod-env' || kind === 'dotenv') {
    throw new UsageError(`${file} is an env file: give it with --vars-file, beside --template-file (${takes}) or --template-id ID`, command);
  }
  if (kind === 'hub-json' && command === 'pods launch') {
    throw new UsageError(`${file} is a Hub listing, which deploys a serverless endpoint: runpod-check endpoints deploy --template-file ${file}`, command);
  }
}
