/**
 * Find Usages' own search (no index to ask) says when it read a file only in part: Delete Secret
 * must not call a secret unused when its only use lies where the search did not read.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));

import { findSecretUsages } from '../../client/src/commands/findUsages';
import { indexGapSentence } from '../../client/src/secrets/indexGap';
import { MAX_FACTS_PER_FILE } from '../../server/src/template/workspace/facts';
import { ANALYSIS_LIMIT, MAX_ANALYZED_ENTRIES } from '../../server/src/template/analyze';
import { fake, FakeDocument, FileType, Uri, workspace } from './vscodeFake';
import { fakeServices } from './flowHelpers';

beforeEach(() => {
  fake.reset();
});

describe("Find Usages' own search and files it reads in part", () => {
  it('a file of more uses than the index keeps: the list says there may be more uses', async () => {
    const other = Array.from({ length: MAX_FACTS_PER_FILE }, (_, i) => `K${i}={{ RUNPOD_SECRET_other }}`).join('\n');
    fake.files.set('/w/many.runpod.env', `${other}\nHF={{ RUNPOD_SECRET_hf }}\n`);
    const usages = await findSecretUsages(fakeServices().services, 'hf');
    expect(usages.files).toEqual([]);
    expect(usages.filesGap).toBe('partial');
    expect(indexGapSentence('partial')).toContain('10,000 uses of secrets');
  });

  it('a 3 MiB file (past the 2 MiB of a file sent to RunPod, within the index\'s read limit) is searched: its only use is found', async () => {
    fake.files.set('/w/big.runpod.env', `${'# padding line\n'.repeat((3 * 1024 * 1024) / 15)}HF={{ RUNPOD_SECRET_hf }}\n`);
    const usages = await findSecretUsages(fakeServices().services, 'hf');
    expect(usages.files.map((f) => [f.path, f.hits.length])).toEqual([['/w/big.runpod.env', 1]]);
    expect(usages.filesGap).toBeUndefined();
  });

  it('a file past the index\'s read limit (ANALYSIS_LIMIT), which this search cannot read in part, is skipped and said', async () => {
    fake.files.set('/w/huge.runpod.env', 'HF={{ RUNPOD_SECRET_hf }}\n');
    fake.stats.set('/w/huge.runpod.env', { type: FileType.File, size: ANALYSIS_LIMIT + 1 });
    fake.files.set('/w/few.runpod.env', 'A={{ RUNPOD_SECRET_hf }}\n');
    const usages = await findSecretUsages(fakeServices().services, 'hf');
    expect(usages.files.map((f) => f.path)).toEqual(['/w/few.runpod.env']);
    expect(usages.filesGap).toBe('partial');
    expect(indexGapSentence('partial')).toContain('16 MiB of text');
  });

  it('an open document past the analysis limits is searched up to them, and said', async () => {
    const text = `${'A=1\n'.repeat(MAX_ANALYZED_ENTRIES)}HF={{ RUNPOD_SECRET_hf }}\n`;
    fake.files.set('/w/open.runpod.env', text);
    workspace.textDocuments.push(new FakeDocument(Uri.from({ scheme: 'file', path: '/w/open.runpod.env' }), text));
    const usages = await findSecretUsages(fakeServices().services, 'hf');
    expect(usages.files).toEqual([]);
    expect(usages.filesGap).toBe('partial');
  });

  it('files read whole: no gap', async () => {
    fake.files.set('/w/few.runpod.env', 'A={{ RUNPOD_SECRET_hf }}\n');
    const usages = await findSecretUsages(fakeServices().services, 'hf');
    expect(usages.files.map((f) => f.path)).toEqual(['/w/few.runpod.env']);
    expect(usages.filesGap).toBeUndefined();
  });
});

describe("Find Usages' own search and open editors", () => {
  const openAs = (path: string, text: string, languageId: string) =>
    workspace.textDocuments.push(Object.assign(new FakeDocument(Uri.from({ scheme: 'file', path }), text), { languageId }));

  it('searches every open editor the language server reads as a RunPod file, by its kind (fileKinds.ts), not only the runpod-env and dotenv languages', async () => {
    // Outside the workspace folder: the walk never finds them, the server serves them as open documents.
    openAs('/elsewhere/train.runpod.json', '{ "name": "t", "imageName": "i", "env": { "HF": "{{ RUNPOD_SECRET_hf }}" } }', 'json');
    openAs('/elsewhere/dev.runpod.env', 'HF={{ RUNPOD_SECRET_hf }}\n', 'plaintext');
    openAs('/elsewhere/.env', 'HF={{ RUNPOD_SECRET_hf }}\n', 'dotenv');
    // Not a RunPod file: a reference-looking line in it is no use.
    openAs('/elsewhere/notes.json', '{ "HF": "{{ RUNPOD_SECRET_hf }}" }', 'json');
    const usages = await findSecretUsages(fakeServices().services, 'hf');
    expect(usages.files.map((f) => f.path).sort()).toEqual(['/elsewhere/.env', '/elsewhere/dev.runpod.env', '/elsewhere/train.runpod.json']);
  });
});
