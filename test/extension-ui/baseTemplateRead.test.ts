/**
 * Launch Pod and Deploy Endpoint read the template a file names by "templateId" once the file is
 * picked (or given), when no pick is on screen: a read that outlasts a moment shows a notification
 * saying what is read, whose Cancel calls the read off and ends the load with nothing chosen (the
 * wizard goes back to its source pick, or ends). The delay's timer is the test's (heldProgressClock).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));

import { loadTemplateFile } from '../../client/src/launch/ui/launchWizard';
import { loadDeployFile } from '../../client/src/serverless/ui/deployWizard';
import type { Template } from '../../client/src/runpod/types';
import { hangingRead, heldProgressClock } from './hangingRead';
import { fake, ui, Uri } from './vscodeFake';

const clock = heldProgressClock();
const fileUri = (path: string) => Uri.from({ scheme: 'file', path }) as never;
const BASE = { id: 'tpl1', name: 'base', imageName: 'img:1', env: { A: '1' } } as unknown as Template;

beforeEach(() => fake.reset());

describe('the template a file names by id, read with no pick on screen', () => {
  const flows = [
    { flow: 'Launch Pod', file: '/w/train.runpod.json', body: '{ "name": "train", "templateId": "tpl1" }\n', base: { ...BASE, serverless: false }, load: (api: never, uri: never) => loadTemplateFile(api, uri) },
    {
      flow: 'Deploy Endpoint',
      file: '/w/api.runpod.json',
      body: '{ "name": "api", "templateId": "tpl1", "gpu": { "id": "NVIDIA GeForce RTX 4090" } }\n',
      base: { ...BASE, serverless: true },
      load: (api: never, uri: never) => loadDeployFile(api, uri, []),
    },
  ];
  for (const f of flows) {
    it(`${f.flow}: a slow read says what it reads, and its Cancel calls the read off and chooses nothing`, async () => {
      fake.files.set(f.file, f.body);
      const read = hangingRead<Template>();
      const loaded = f.load({ getTemplate: read.read } as never, fileUri(f.file));
      const progress = await clock.fire();
      expect(progress).toMatchObject({ title: `Reading the template ${f.file} names from RunPod…`, cancellable: true });
      progress.cancel();
      expect(await loaded).toBeUndefined();
      expect(read.seen).toEqual({ calls: 1, aborted: true });
      read.answer(f.base);
    });

    it(`${f.flow}: a quick read shows nothing and gives the file with its template`, async () => {
      fake.files.set(f.file, f.body);
      const read = hangingRead<Template>();
      const loaded = f.load({ getTemplate: read.read } as never, fileUri(f.file));
      await read.called;
      expect(read.seen.calls).toBe(1);
      read.answer(f.base);
      expect(await loaded).toMatchObject({ kind: 'file', base: f.base });
      expect(ui.progress).toEqual([]);
    });
  }
});
