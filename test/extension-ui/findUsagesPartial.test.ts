/**
 * Find Usages' own search (no index to ask) says when it read a file only in part: Delete Secret
 * must not call a secret unused when its only use lies where the search did not read.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { findSecretUsages } from '../../client/src/commands/findUsages';
import { indexGapSentence } from '../../client/src/secrets/indexGap';
import { MAX_FACTS_PER_FILE } from '../../server/src/template/workspace/facts';
import { fake } from './vscodeFake';
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

  it('files read whole: no gap', async () => {
    fake.files.set('/w/few.runpod.env', 'A={{ RUNPOD_SECRET_hf }}\n');
    const usages = await findSecretUsages(fakeServices().services, 'hf');
    expect(usages.files.map((f) => f.path)).toEqual(['/w/few.runpod.env']);
    expect(usages.filesGap).toBeUndefined();
  });
});
