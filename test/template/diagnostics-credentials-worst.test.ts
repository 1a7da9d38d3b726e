/**
 * hardcoded-credential on the worst values a file can hold: 1 MB of text shaped to make a
 * backtracking or re-scanning detector take quadratic time (credentials-corpus/adversarial.ts).
 * The rule must simply finish; `npm run bench` measures that its cost grows with the length.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/template';
import { detectCredential } from '../../server/src/template/rules/credentials';
import { adversarialValues } from './credentials-corpus/adversarial';
import { unknown } from './types';

const MB = 1 << 20;

describe('hardcoded-credential on 1 MB adversarial values', () => {
  it.each(adversarialValues(MB))('%s: detectCredential completes under credential, password and plain keys', (_name, value) => {
    for (const key of ['API_KEY', 'DB_PASSWORD', 'NOTES']) {
      const hit = detectCredential(key, value);
      if (hit) expect(hit.end).toBeLessThanOrEqual(value.length);
    }
  });

  it('a 1 MB value in a file goes through the whole analysis', () => {
    const [[, letters], [, token]] = adversarialValues(MB);
    const text = `A=1\nAPI_KEY=${token}\nDB_PASSWORD="${letters}"\nB=2\n`;
    const a = analyze(text, 'runpod-env', unknown);
    expect(a.variables.map((v) => v.key)).toEqual(['A', 'API_KEY', 'DB_PASSWORD', 'B']);
  });
});
