/**
 * Where used, one rule: a value counts the same on the account (a template's, Pod's or endpoint's
 * env: the tree's counts, View / Delete / Rename / Rotate Secret) as in a file (the editor's index,
 * `runpod-check secrets usage`): the core's (template/workspace/facts.ts isUsage). A bare
 * `RUNPOD_SECRET_hf` is no reference RunPod substitutes, so Delete must not say that a Pod holding
 * it fails at its next boot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envKeysReferencing, findReferencesInFile, referencedNames, renameReferencesInText } from '../../client/src/secrets/references';
import { accountCountsByName, accountUsesOf } from '../../client/src/secrets/accountUsages';
import { renameInEnv } from '../../client/src/secrets/renamePlan';
import { substitutionOfKind } from '../../server/src/template/substitution';
import type { Pod } from '../../client/src/runpod/types';

/** The same value as a file holds it: a v2 request body kept as JSON, whose `env` the core reads exactly (no quoting rules). */
function inFile(value: string, name: string) {
  const text = JSON.stringify({ env: { K: value } });
  return findReferencesInFile(text, name, 'runpod-json').hits;
}

/** What the file side says of `name` in `value`, in the account's terms. */
function fileVerdict(value: string, name: string): { keys: string[]; notSubstituted: string[] } {
  const hits = inFile(value, name);
  return { keys: hits.length > 0 ? ['K'] : [], notSubstituted: hits.some((h) => h.kind && substitutionOfKind(h.kind).blocksLaunch) ? ['K'] : [] };
}

const VALUES = [
  'RUNPOD_SECRET_hf',
  'export RUNPOD_SECRET_hf=1',
  '{{ RUNPOD_SECRET_hf }}',
  '{{RUNPOD_SECRET_hf}}',
  '{{ RUNPOD_SECRET_hf',
  'x{{ RUNPOD_SECRET_hf }}y',
  '{{ runpod_secret_hf }}',
  '{{ RUNPOD_SECRET_hf! }}',
  '{{ RUNPOD_SECRET_hf:x }}',
  '{{ RUNPOD_SECRET_hf }} RUNPOD_SECRET_hf',
];

describe('account env and files count a use by one rule', () => {
  it.each(VALUES)('%j: the same keys and the same "not substituted" on the account as in a file', (value) => {
    expect(envKeysReferencing({ K: value }, 'hf')).toEqual(fileVerdict(value, 'hf'));
  });

  it('a bare RUNPOD_SECRET_hf (no braces) is no use: not counted in the tree, not listed by Delete, not renamed', () => {
    const pod = { id: 'p1', name: 'train', status: 'RUNNING', env: { HF: 'RUNPOD_SECRET_hf' } } as unknown as Pod;
    const snapshot = { template: { items: [{ id: 't1', name: 'trainer', image: 'img', env: { HF: 'RUNPOD_SECRET_hf' } }] }, pod: { items: [pod] } } as Parameters<typeof accountUsesOf>[0];
    expect(accountUsesOf(snapshot, 'hf').uses).toEqual([]);
    expect(accountCountsByName(snapshot).get('hf')).toBeUndefined();
    expect(referencedNames('RUNPOD_SECRET_hf')).toEqual(new Set());
    expect(renameReferencesInText('RUNPOD_SECRET_hf {{ RUNPOD_SECRET_hf }}', 'hf', 'hf2')).toBe('RUNPOD_SECRET_hf {{ RUNPOD_SECRET_hf2 }}');
  });

  it('a spelling RunPod does not substitute is still a use, labelled, on both sides', () => {
    expect(envKeysReferencing({ K: '{{RUNPOD_SECRET_hf}}' }, 'hf')).toEqual({ keys: ['K'], notSubstituted: ['K'] });
    expect(renameReferencesInText('{{RUNPOD_SECRET_hf}}', 'hf', 'hf2')).toBe('{{RUNPOD_SECRET_hf2}}');
  });

  it("for any value: Rename Secret rewrites on the account exactly the keys the uses list (View / Delete Secret, runpod-check secrets usage and delete), and leaves no use of the old name", () => {
    const fragment = fc.constantFrom('{{', '}}', ' ', 'RUNPOD_SECRET_', 'runpod_secret_', 'hf', 'hfx', '!', ':', 'x', '\n', '{{ RUNPOD_SECRET_hf }}', '{{RUNPOD_SECRET_hf}}');
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join('')), (value) => {
        const { env, changed } = renameInEnv({ K: value }, 'hf', 'hf2');
        expect(changed, JSON.stringify(value)).toEqual(envKeysReferencing({ K: value }, 'hf').keys);
        expect(envKeysReferencing(env, 'hf').keys, JSON.stringify(env.K)).toEqual([]);
        // Only names change: what is no use (bare text, other names) stays as written.
        expect(env.K!.replaceAll('hf2', 'hf')).toBe(value.replaceAll('hf2', 'hf'));
      }),
      { numRuns: 300 },
    );
  });

  it('for any value of reference fragments: the names the account counts are the names a file uses', () => {
    const fragment = fc.constantFrom('{{', '}}', ' ', 'RUNPOD_SECRET_', 'runpod_secret_', 'hf', 'a.b/c', '!', ':', 'x', 'MY_', '\n', '{{ RUNPOD_SECRET_hf }}');
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join('')), (value) => {
        const names = referencedNames(value);
        for (const name of ['hf', 'a.b/c', 'hfhf', 'hf!', 'x']) {
          expect(names.has(name), `${JSON.stringify(value)} names ${name}`).toBe(inFile(value, name).length > 0);
          expect(envKeysReferencing({ K: value }, name)).toEqual(fileVerdict(value, name));
        }
        for (const name of names) expect(inFile(value, name).length, `${JSON.stringify(value)}: ${name}`).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
