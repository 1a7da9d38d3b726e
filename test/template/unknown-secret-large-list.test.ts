/**
 * unknown-secret against a very large secret list: each unknown name's "did you mean" searched
 * every name of the list, lower-casing and stripping each one again per search (100,000 names of a
 * list differing only by case and `-`/`_`, a document of 400 distinct typos: a minute of a
 * server answering nothing). The names are read once per list now; the answers are the same.
 * The test timeout is a bound against that hang, not a measure of speed.
 */
import { describe, expect, it } from 'vitest';
import { analyze, closestName, type SecretCatalog } from '../../server/src/template';

const COUNT = 25_000;
const NAMES: string[] = [];
for (let i = 0; i < COUNT; i++) NAMES.push(`hf-token-${i}`, `HF_TOKEN_${i}`, `hf_token_${i}`, `Hf-Token-${i}`);
const CATALOG: SecretCatalog = { state: 'fresh', secrets: NAMES.map((name) => ({ name, description: null, createdAt: null, valueLastUpdatedAt: null })) };
const TYPOS = 400;

describe('unknown-secret against 100,000 secrets', () => {
  it('suggests for 400 distinct typos, the same names a plain search of the list finds', { timeout: 20_000 }, () => {
    const text = Array.from({ length: TYPOS }, (_, i) => `K${i}={{ RUNPOD_SECRET_hf_tokn_${i * 25} }}`).join('\n');
    const problems = analyze(text, 'runpod-env', CATALOG).problems.filter((p) => p.code === 'unknown-secret');
    expect(problems).toHaveLength(TYPOS);
    // The first name of the list at the least distance, case aside: `HF_TOKEN_<n>` (one edit from `hf_token_<n>`).
    expect(problems.map((p) => (p.data as { suggestion?: string }).suggestion)).toEqual(Array.from({ length: TYPOS }, (_, i) => `HF_TOKEN_${i * 25}`));
    // Every tier against the large list, as against a small one.
    expect(closestName('HF-TOKEN-7', NAMES)).toBe('hf-token-7');
    expect(closestName('hf.token.7', NAMES)).toBe('hf-token-7');
    expect(closestName('hf_token_7', NAMES)).toBe('hf_token_7');
    expect(closestName('zz', NAMES)).toBeUndefined();
  });
});
