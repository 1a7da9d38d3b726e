import { describe, expect, it } from 'vitest';
import { launchArgs, podIdOf } from '../../client/src/launch/args';
import { documentKindFor, isTemplateFile } from '../../server/src/template/fileKinds';
import { runSteps, type StepOutcome } from '../../client/src/ui/stepMachine';

/** Steps that answer from a script and record which step ran. */
function scripted(answers: Record<number, StepOutcome[]>) {
  const visits: number[] = [];
  const steps = [0, 1, 2, 3].map((i) => async (): Promise<StepOutcome> => {
    visits.push(i);
    return answers[i]!.shift() ?? 'next';
  });
  return { steps, visits };
}

describe('runSteps', () => {
  it('Back returns to the previous shown step, skipping steps that skipped themselves', async () => {
    const { steps, visits } = scripted({ 0: ['next', 'next'], 1: ['skip', 'skip'], 2: ['back', 'next'], 3: ['next'] });
    expect(await runSteps(steps)).toBe(true);
    expect(visits).toEqual([0, 1, 2, 0, 1, 2, 3]); // step 1 skipped itself: Back from 2 goes straight to 0
  });

  it('cancel anywhere ends the flow; Back on the first step too', async () => {
    expect(await runSteps(scripted({ 0: ['next'], 1: ['cancel'], 2: [], 3: [] }).steps)).toBe(false);
    expect(await runSteps(scripted({ 0: ['back'], 1: [], 2: [], 3: [] }).steps)).toBe(false);
  });

  it('a jump (Pick another GPU) goes to the step and Back from there still works', async () => {
    const { steps, visits } = scripted({ 0: ['next'], 1: ['next', 'next'], 2: ['next', 'back'], 3: [{ goto: 2 }, 'next'] });
    expect(await runSteps(steps, 0)).toBe(true);
    expect(visits).toEqual([0, 1, 2, 3, 2, 1, 2, 3]);
  });

  it('can start in the middle (re-opened at the GPU step)', async () => {
    const { steps, visits } = scripted({ 0: [], 1: [], 2: ['next'], 3: ['next'] });
    expect(await runSteps(steps, 2)).toBe(true);
    expect(visits).toEqual([2, 3]);
  });

  it('Back from the step it started at (a reopened summary) goes to the steps before it, past one that skips itself', async () => {
    const { steps, visits } = scripted({ 0: [], 1: ['next'], 2: ['skip', 'skip'], 3: ['back', 'next'] });
    expect(await runSteps(steps, 3)).toBe(true);
    expect(visits).toEqual([3, 2, 1, 2, 3]);
  });
});

describe('command arguments', () => {
  const uri = (path: string) => ({ scheme: 'file', path, toString: () => `file://${path}` });

  it('a template file URI presets the template, any other URI the env file', () => {
    expect(launchArgs(uri('/w/a.runpod.json')).templateFile?.path).toBe('/w/a.runpod.json');
    expect(launchArgs(uri('/w/train.runpod.env')).envFile?.path).toBe('/w/train.runpod.env');
    expect(launchArgs({ templateFile: uri('/w/a.runpod.json'), envFile: uri('/w/b.env') })).toMatchObject({ envFile: { path: '/w/b.env' } });
    expect(launchArgs(undefined)).toEqual({});
    expect(launchArgs(42)).toEqual({});
  });

  it('which URI is a template file is the caller\'s rule (runpod.files: fileKinds.ts), not a fixed name', () => {
    const globs = ['deploy/*.pod.json'];
    const byGlobs = (u: { path: string }, languageId: string) => (isTemplateFile(u.path, globs, languageId) ? 'runpod-json' : undefined);
    expect(launchArgs(uri('/w/deploy/gpu.pod.json'), undefined, byGlobs)).toEqual({ templateFile: expect.objectContaining({ path: '/w/deploy/gpu.pod.json' }) });
    // Without **/*.runpod.json in the setting, such a file is no template file; hub.json never is one.
    expect(launchArgs(uri('/w/a.runpod.json'), undefined, byGlobs)).toEqual({ envFile: expect.objectContaining({ path: '/w/a.runpod.json' }) });
    expect(launchArgs(uri('/w/.runpod/hub.json'))).toEqual({ envFile: expect.objectContaining({ path: '/w/.runpod/hub.json' }) });
  });

  it('from the palette, an active runpod-env editor becomes the preselected env file; a file argument wins and nothing else is preselected', () => {
    const envDoc = { uri: uri('/w/train.runpod.env'), languageId: 'runpod-env' };
    expect(launchArgs(undefined, envDoc)).toEqual({ activeEnvFile: envDoc.uri });
    // Context menu / CodeLens: that file, as before, and no second preselection.
    expect(launchArgs(uri('/w/other.runpod.env'), envDoc)).toEqual({ envFile: expect.objectContaining({ path: '/w/other.runpod.env' }) });
    expect(launchArgs(uri('/w/a.runpod.json'), envDoc)).toEqual({ templateFile: expect.objectContaining({ path: '/w/a.runpod.json' }) });
    expect(launchArgs({ templateFile: uri('/w/a.runpod.json') }, envDoc)).not.toHaveProperty('activeEnvFile');
    // An active template file's editor is step 1's highlighted choice instead (the list still shows).
    expect(launchArgs(undefined, { uri: uri('/w/a.runpod.json'), languageId: 'json' })).toEqual({ activeTemplateFile: expect.objectContaining({ path: '/w/a.runpod.json' }) });
    // No RunPod editor active: nothing preselected.
    expect(launchArgs(undefined, { uri: uri('/w/.env'), languageId: 'dotenv' })).toEqual({});
    expect(launchArgs(undefined, undefined)).toEqual({});
  });

  it('the active editor is an env file or a template file by the kind the editor reads it with (its language and name, runpod.files and runpod.environments), as the CodeLens asks', () => {
    // A RunPod env file by name that the editor gave another language is still read as env lines.
    const renamed = { uri: uri('/w/train.dev.runpod.env'), languageId: 'plaintext' };
    expect(launchArgs(undefined, renamed)).toEqual({ activeEnvFile: renamed.uri });
    // A file runpod.environments declares (any name), read as env lines: the caller's rule says so.
    const declared = { uri: uri('/w/deploy/prod/vars.txt'), languageId: 'plaintext' };
    const byEditor = (u: { path: string }, languageId: string) => (u.path === '/w/deploy/prod/vars.txt' ? 'runpod-env' : documentKindFor(languageId, u.path));
    expect(launchArgs(undefined, declared, byEditor)).toEqual({ activeEnvFile: declared.uri });
    // A JSON file runpod.files selects, with no .json in its name: a template because the editor reads it as JSON.
    const pod = { uri: uri('/w/deploy/gpu-pod'), languageId: 'json' };
    const byGlobs = (u: { path: string }, languageId: string) => documentKindFor(languageId, u.path, ['**/deploy/*']);
    expect(launchArgs(undefined, pod, byGlobs)).toEqual({ activeTemplateFile: pod.uri });
    // A file argument (explorer, CodeLens) is judged as a file on disk: no language.
    expect(launchArgs(pod.uri, undefined, byGlobs)).toEqual({ envFile: pod.uri });
  });

  it('pod ids come from tree items, objects or strings', () => {
    expect(podIdOf({ podId: 'p1' })).toBe('p1');
    expect(podIdOf({ pod: { id: 'p2' } })).toBe('p2');
    expect(podIdOf('p3')).toBe('p3');
    expect(podIdOf('  ')).toBeUndefined();
    expect(podIdOf(null)).toBeUndefined();
  });
});
