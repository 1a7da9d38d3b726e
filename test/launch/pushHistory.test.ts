import { describe, expect, it } from 'vitest';
import { MAX_REMEMBERED_PUSHES, notePush, otherEnvironmentNote, PUSH_HISTORY_KEY } from '../../client/src/launch/pushHistory';
import { MemoryMemento } from '../extension-ui/lifecycleHelpers';

const template = (id: string) => ({ id, name: `train-${id}` });

describe('which environment pushed each template last (extension storage)', () => {
  it('names the other environment, not the same one, per account and template', async () => {
    const memento = new MemoryMemento();
    await notePush(memento, 'Work', 't1', 'dev');
    expect(otherEnvironmentNote(memento, 'Work', template('t1'), 'prod')).toBe('Template train-t1 (t1) was last pushed from this editor with environment dev: pushing prod replaces its settings for every Pod launched from it.');
    expect(otherEnvironmentNote(memento, 'Work', template('t1'), 'dev')).toBeUndefined();
    // Account names are compared as RunPod's rule compares them; another account's template is not this one.
    expect(otherEnvironmentNote(memento, 'work', template('t1'), 'prod')).toContain('with environment dev');
    expect(otherEnvironmentNote(memento, 'Personal', template('t1'), 'prod')).toBeUndefined();
    await notePush(memento, 'Work', 't1', null);
    expect(otherEnvironmentNote(memento, 'Work', template('t1'), 'prod')).toContain('was last pushed from this editor with no environment: pushing prod');
    expect(otherEnvironmentNote(memento, 'Work', template('t1'), null)).toBeUndefined();
  });

  it(`keeps the ${MAX_REMEMBERED_PUSHES} templates pushed last, one entry each`, async () => {
    const memento = new MemoryMemento();
    for (let i = 0; i <= MAX_REMEMBERED_PUSHES; i++) await notePush(memento, 'Work', `t${i}`, 'dev');
    await notePush(memento, 'Work', 't5', 'prod');
    const stored = memento.get<unknown[]>(PUSH_HISTORY_KEY)!;
    expect(stored).toHaveLength(MAX_REMEMBERED_PUSHES);
    expect(otherEnvironmentNote(memento, 'Work', template('t0'), 'prod')).toBeUndefined();
    expect(otherEnvironmentNote(memento, 'Work', template('t1'), 'prod')).toContain('with environment dev');
    expect(otherEnvironmentNote(memento, 'Work', template('t5'), 'dev')).toContain('with environment prod');
  });

  it('reads its storage as untrusted: entries of another shape or an environment that is no environment name are left out', async () => {
    const memento = new MemoryMemento();
    await memento.update(PUSH_HISTORY_KEY, [
      { template: 'work t1', environment: 'dev\n[click](command:runpod.secrets.delete)' },
      { template: 'work t2', environment: 42 },
      null,
      'work t3',
      { template: 'work t4', environment: 'staging' },
    ]);
    expect(otherEnvironmentNote(memento, 'Work', template('t1'), 'prod')).toBeUndefined();
    expect(otherEnvironmentNote(memento, 'Work', template('t2'), 'prod')).toBeUndefined();
    expect(otherEnvironmentNote(memento, 'Work', template('t4'), 'prod')).toContain('with environment staging');
    await memento.update(PUSH_HISTORY_KEY, { not: 'a list' });
    expect(otherEnvironmentNote(memento, 'Work', template('t4'), 'prod')).toBeUndefined();
    await notePush(memento, 'Work', 't4', 'dev');
    expect(memento.get(PUSH_HISTORY_KEY)).toEqual([{ template: 'work t4', environment: 'dev' }]);
  });

  it('a storage that fails to write fails no push: the warning says so', async () => {
    const warnings: string[] = [];
    const memento = { get: () => undefined, update: async () => Promise.reject(new Error('disk full')) };
    await expect(notePush(memento, 'Work', 't1', 'dev', (m) => warnings.push(m))).resolves.toBeUndefined();
    expect(warnings).toEqual(['Could not remember which environment pushed the template: disk full']);
  });
});
