/**
 * Generated env values full of secret references written every way people write them (canonical,
 * other spacing, misspelt prefix, unclosed, embedded in longer text, invalid names), for the
 * property tests that hold the editor, the Launch preflight and the fake RunPod API to one answer.
 */
import fc from 'fast-check';

/**
 * Names made before RunPod's name rule changed (a leading digit, the reserved prefix): no longer
 * creatable, still the account's, and still substituted (RunPod looks the name up in the account).
 */
export const LEGACY_SECRET_NAMES: readonly string[] = ['2fa_seed', 'RUNPOD_KEY', 'runpodtok'];

/** Names a test account may hold; every other generated name is missing from it. */
export const ACCOUNT_SECRETS: Readonly<Record<string, string>> = {
  'hf-token': 'hf-value',
  db_password: 'pw-value',
  'a.b/c': 'abc-value',
  '2fa_seed': 'seed-value',
  RUNPOD_KEY: 'key-value',
  runpodtok: 'tok-value',
};

const name = fc.oneof(
  fc.constantFrom(...Object.keys(ACCOUNT_SECRETS), 'missing', 'RUNPOD_X', '1bad', 'a:b', ''),
  fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_.\-/]{0,8}$/),
);
const spacing = fc.constantFrom('', ' ', ' ', ' ', '  ', '\t');

/** One `{{ ... }}` that concerns RunPod secrets (or tries to). */
export const reference = fc
  .record({
    open: fc.constantFrom('{{', '{{', '{{', '{{{', '{'),
    before: spacing,
    prefix: fc.constantFrom('RUNPOD_SECRET_', 'RUNPOD_SECRET_', 'RUNPOD_SECRET_', 'runpod_secret_', 'RUNPOD_SECRETS_', 'RUNPOD_SECRET'),
    name,
    after: spacing,
    close: fc.constantFrom('}}', '}}', '}}', '}', '}}}', ''),
  })
  .map((r) => `${r.open}${r.before}${r.prefix}${r.name}${r.after}${r.close}`);

/** Text around references: braces, spaces, URL characters, line breaks. */
const literal = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '{', '}', '-', ':', '/', '@', '_', '\n', '\t', 'é'), maxLength: 8 });

/** An env value: usually one whole reference, often references inside longer text. */
export const referenceValue = fc.oneof(
  reference,
  fc.array(fc.oneof(reference, literal), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')),
);

/** An env object of up to `max` such values (a Pod takes at most 50 variables). */
export function referenceEnv(max = 8): fc.Arbitrary<Record<string, string>> {
  return fc.array(referenceValue, { minLength: 1, maxLength: max }).map((values) => Object.fromEntries(values.map((v, i) => [`VAR_${i}`, v])));
}
