/**
 * The name boxes of Create Secret and Rename Secret check every keystroke against the account's
 * secrets. Each keystroke copied the names (and rename filtered them), so names.ts read a new table
 * every time: 570 ms (new name) and 270 ms (rename) a keystroke at 100,000 secrets. The store keeps
 * one frozen names array per list and the rules read it as it is; counted here as the names read
 * (as name-table-cache.test.ts counts them), not timed.
 */
import { describe, expect, it, vi } from 'vitest';
import { validateNewSecretName, validateRenameTarget } from '../../client/src/commands/secretInputRules';
import { newSecretNameRule, renameTargetRule } from '../../client/src/commands/secretSteps';
import type { Services } from '../../client/src/services';

vi.mock('vscode', async () => await import('./vscodeFake'));

function countedNames(names: readonly string[]) {
  const seen = { reads: 0 };
  const list = new Proxy(Object.freeze([...names]), {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) seen.reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { list, seen };
}

const many = Array.from({ length: 1_000 }, (_, i) => `secret_${i}_key`);

describe('name boxes: a keystroke reads no name of a frozen list again', () => {
  it('the new-name rule and the rename rule, given the same frozen list', () => {
    const { list, seen } = countedNames(many);
    expect(validateNewSecretName('secret_7_key', list)?.severity).toBe('error');
    expect(validateRenameTarget('other', 'secret_5_key', list)).toBeUndefined();
    seen.reads = 0;
    for (const typed of ['n', 'ne', 'new', 'new_', 'new_s', 'SECRET-7-KEY', 'secret_8_key']) {
      validateNewSecretName(typed, list);
      validateRenameTarget(typed, 'secret_5_key', list);
    }
    expect(validateNewSecretName('Secret_9_Key', list)).toMatchObject({ severity: 'warning', message: expect.stringMatching(/secret_9_key exists/) });
    expect(validateRenameTarget('secret_9_key', 'secret_5_key', list)?.severity).toBe('warning');
    expect(seen.reads).toBe(0);
  });

  it('the input boxes take the store names as they are (secretSteps.ts)', () => {
    const { list, seen } = countedNames(many);
    const services = { store: { secretNames: list } } as unknown as Services;
    const create = newSecretNameRule(services);
    const rename = renameTargetRule(services, 'secret_5_key');
    create('warm');
    rename('warm');
    seen.reads = 0;
    // A respelling of the name being renamed (hf_token to hf-token, the usual rename) reads no name
    // again either: the look-up skips the name being renamed instead of reading a copy without it.
    expect(rename('SECRET-5-KEY')).toBeUndefined();
    expect(rename('secret-5-key')).toBeUndefined();
    expect(create(' secret_3_key ')?.severity).toBe('error');
    expect(create('SECRET_3_KEY')?.severity).toBe('warning');
    expect(rename('secret_6_key')?.severity).toBe('warning');
    expect(seen.reads).toBe(0);
  });

  it('rename: a respelling of the name being renamed warns only of another secret of that spelling', () => {
    // The loose match is the secret being renamed: the other one, of another case, is still said.
    expect(validateRenameTarget('hf_token', 'hf-token', ['hf-token', 'HF-TOKEN'])).toMatchObject({ severity: 'warning', message: expect.stringMatching(/HF-TOKEN exists/) });
    expect(validateRenameTarget('hf_token', 'hf-token', ['HF-TOKEN', 'hf-token'])).toMatchObject({ severity: 'warning', message: expect.stringMatching(/HF-TOKEN exists/) });
    expect(validateRenameTarget('Hf-Token', 'hf-token', ['hf-token', 'hf_token'])).toMatchObject({ severity: 'warning', message: expect.stringMatching(/hf_token exists/) });
    expect(validateRenameTarget('HF_TOKEN', 'hf-token', Object.freeze(['hf-token', 'other']))).toBeUndefined();
  });
});
