/**
 * hardcoded-credential on the worst values a file can hold: 1 MB of text shaped to make a
 * backtracking or re-scanning detector take quadratic time (candidate prefixes over and over,
 * unterminated JWTs, PEM headers and URL authorities, one endless token). The rule must simply
 * finish; `npm run bench` measures that it costs about as much as one scan of the value.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/template';
import { detectCredential } from '../../server/src/template/rules/credentials';
import { unknown } from './types';

const MB = 1 << 20;
const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);

/** Values of 1 MB, each built from a unit that starts or half-starts a format again and again. */
export const ADVERSARIAL: readonly (readonly [string, string])[] = [
  ['one letter', fill('a')],
  ['one endless token of mixed case and digits', fill('aB3-')],
  ['Hugging Face prefixes', fill('hf_')],
  ['OpenAI prefixes', fill('sk-')],
  ['Slack prefixes with digits', fill('xoxb-1-')],
  ['JWT headers', fill('eyJ')],
  ['JWT headers and dots', fill('eyJa.')],
  ['PEM headers', fill('-----BEGIN ')],
  ['a PEM private-key header, then no end', `-----BEGIN PRIVATE KEY-----${fill('A')}`],
  ['URL marks', fill('://')],
  ['a URL authority full of colons, no @', `a://${fill(':')}`],
  ['a URL authority full of @, no colon', `a://${fill('@')}`],
  ['URL userinfo again and again', fill('a://b:c@')],
  ['a scheme of 1 MB', `${fill('a')}://u:p@h`],
  ['Slack webhook paths', fill('hooks.slack.com/services/')],
  ['expansions', fill('${')],
  ['placeholder words run together', fill('YourTokenHere')],
  ['upper-case AWS-like runs', fill('AKIA')],
  ['path-like tokens with no dot, one after another', fill('/aaaaaaaaaaaaaaaaaaaa ')],
  ['private-key headers over low-entropy bodies', fill(`-----BEGIN PRIVATE KEY-----${'a'.repeat(200)}`)],
];

describe('hardcoded-credential on 1 MB adversarial values', () => {
  it.each(ADVERSARIAL)('%s: detectCredential completes under credential, password and plain keys', (_name, value) => {
    for (const key of ['API_KEY', 'DB_PASSWORD', 'NOTES']) {
      const hit = detectCredential(key, value);
      if (hit) expect(hit.end).toBeLessThanOrEqual(value.length);
    }
  });

  it('a 1 MB value in a file goes through the whole analysis', () => {
    const text = `A=1\nAPI_KEY=${fill('aB3-')}\nDB_PASSWORD="${fill('hf_')}"\nB=2\n`;
    const a = analyze(text, 'runpod-env', unknown);
    expect(a.variables.map((v) => v.key)).toEqual(['A', 'API_KEY', 'DB_PASSWORD', 'B']);
  });
});
