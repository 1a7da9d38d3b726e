/**
 * The walk inputEnvironment takes of the working directory (environmentVars.ts groupedFiles): it
 * finds the other environments `check` finds there, wherever the inputs are, and never past the
 * editor's entry bound (MAX_WALKED_ENTRIES): past it, the inputs' siblings alone.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputEnvironment } from '../../client/src/cli/environmentVars';

let root: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'input-env-walk-'));
  const files: Record<string, string> = {
    'repo/serve/train.runpod.json': '{}',
    'repo/serve/train.prod.runpod.env': 'A=1\n',
    // Found only by the walk: another folder's environment, which cross-environment-secret counts.
    'repo/other/job.runpod.json': '{}',
    'repo/other/job.dev.runpod.env': 'A=1\n',
    'repo/other/job.staging.runpod.env': 'A=1\n',
    'outside/train.runpod.json': '{}',
    'outside/train.prod.runpod.env': 'A=1\n',
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('inputEnvironment: the walk of the working directory', () => {
  it('an input under the working directory: the walk finds the other folders\' environments', () => {
    const env = inputEnvironment(path.join(root, 'repo'), [], { templateFile: 'serve/train.runpod.json', varsFile: 'serve/train.prod.runpod.env' });
    expect(env.target?.environments).toEqual(['prod', 'dev', 'staging']);
  });

  it('no input under the working directory: the working directory is walked all the same (README: the other environments are those of the files `check` finds there), beside the inputs\' siblings', () => {
    const env = inputEnvironment(path.join(root, 'repo'), [], { templateFile: '../outside/train.runpod.json', varsFile: '../outside/train.prod.runpod.env' });
    expect(env.target?.environments).toEqual(['prod', 'dev', 'staging']);
    // The same launch judged the same wherever its files are: as with the input under the working directory.
    const inside = inputEnvironment(path.join(root, 'repo'), [], { templateFile: 'serve/train.runpod.json', varsFile: 'serve/train.prod.runpod.env' });
    expect(env.target?.environments).toEqual(inside.target?.environments);
  });

  it('past the entry bound the walk is left for the siblings alone, never a part of it', () => {
    const env = inputEnvironment(path.join(root, 'repo'), [], { templateFile: 'serve/train.runpod.json', varsFile: 'serve/train.prod.runpod.env' }, 3);
    expect(env.target?.environments).toEqual(['prod']);
  });
});
