/**
 * `--template-file` takes a template file (`pods launch`: a *.runpod.json; `endpoints deploy`: that
 * or a .runpod/hub.json Hub listing), `--vars-file` an env file. Another kind of RunPod file is said
 * by its kind, once, with the option or command that takes it: read as JSON, a runpod.toml or an env
 * file would only get the JSON reader's errors, and read as env lines a JSON or TOML file gets an
 * "Expected `KEY=value`" per line; neither names a next step.
 */
import { diskFileKind } from '../../../server/src/template/fileKinds';
import { UsageError } from './errors';
import { pathText } from '../../../server/src/template/displayText';

export type TemplateFileCommand = 'pods launch' | 'endpoints deploy';
/** The commands that take --vars-file. */
export type VarsFileCommand = TemplateFileCommand | 'endpoints update';

/** How a --template-file is read: a Hub listing by its place, else a template file. */
export type TemplateFileKind = 'hub-json' | 'runpod-json';

/**
 * The kind `file` is read as, decided once per command and passed down (the reader, the env
 * source the checks name, the messages).
 * @throws UsageError when `file` is, by its name, a RunPod file `command` does not take as its template
 */
export function templateFileKind(file: string, command: TemplateFileCommand): TemplateFileKind {
  const takes = command === 'pods launch' ? 'a *.runpod.json template' : 'a *.runpod.json template or a .runpod/hub.json';
  const kind = diskFileKind(file);
  const shown = pathText(file); // a name is data: escaped, on one line
  if (kind === 'runpod-toml') throw new UsageError(`${shown} is a runpodctl project file, not a template: --template-file takes ${takes}`, command);
  if (kind === 'tests-json') throw new UsageError(`${shown} is a Hub tests file, not a template: --template-file takes ${takes}`, command);
  if (kind === 'runpod-env' || kind === 'dotenv') {
    throw new UsageError(`${shown} is an env file: give it with --vars-file, beside --template-file (${takes}) or --template-id ID`, command);
  }
  if (kind === 'hub-json' && command === 'pods launch') {
    throw new UsageError(`${shown} is a Hub listing, which deploys a serverless endpoint: runpod-check endpoints deploy --template-file ${shown}`, command);
  }
  // Any other name (a *.runpod.json, or a JSON file named otherwise) is read as a template file.
  return kind === 'hub-json' ? 'hub-json' : 'runpod-json';
}

/** @throws UsageError when `file` is, by its name, a RunPod file that is no env file */
export function refuseOtherVarsFileKind(file: string, command: VarsFileCommand): void {
  const kind = diskFileKind(file);
  const what = kind === 'runpod-json' ? 'a template file' : kind === 'runpod-toml' ? 'a runpodctl project file' : kind === 'hub-json' ? 'a Hub listing' : kind === 'tests-json' ? 'a Hub tests file' : undefined;
  if (what === undefined) return; // an env file, or a name no RunPod kind has: read as env lines
  const shown = pathText(file); // a name is data: escaped, on one line
  const deploy = `runpod-check endpoints deploy --template-file ${shown}`;
  const next =
    kind === 'runpod-json'
      ? command === 'endpoints update'
        ? 'endpoints update takes no template: give the env as an env file, the image with --image'
        : `give it with --template-file ${shown}`
      : kind === 'hub-json'
        ? command === 'endpoints deploy' ? `give it with --template-file ${shown}` : `it deploys a serverless endpoint: ${deploy}`
        : 'no command takes it';
  throw new UsageError(`${shown} is ${what}, not an env file: --vars-file takes \`KEY=value\` lines (a *.runpod.env or .env file); ${next}`, command);
}

