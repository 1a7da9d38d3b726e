/**
 * A top-level field written twice in a *.runpod.json counts once, the last, as JSON.parse reads it
 * and RunPod receives it: the editor's diagnostics read the env that is sent (an unknown secret in
 * an `env` that is not sent is not reported; one in the `env` that is, is), warn on each earlier
 * field, and the launch reader (parseTemplateFile) sends exactly the variables the editor read.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/template';
import { parseTemplateFile } from '../../client/src/launch/templateFile';
import type { SecretCatalog } from '../../server/src/template';
import { problemTexts } from './helpers';

const catalog: SecretCatalog = { state: 'fresh', secrets: [{ name: 'x' }] };
const ref = (name: string): string => `{{ RUNPOD_SECRET_${name} }}`;

/** The env the launch reader sends, or its errors. */
function sent(text: string): Record<string, string> | string[] {
  const r = parseTemplateFile(text);
  return r.ok ? r.body.env : r.errors.map((e) => e.message);
}

describe('a duplicated top-level field of a *.runpod.json: the last one counts, everywhere', () => {
  const TABLE = [
    `{"name":"n","image":"i","env":{"A":"${ref('gone')}"},"env":{"B":"1"}}`,
    `{"name":"n","image":"i","env":{"A":"1"},"env":{"B":"${ref('gone')}"}}`,
    // With a comment (the tolerant walk) and a field between.
    `{"env":{"A":"1","C":"${ref('x')}"},\n// later\n"image":"i","env":{"C":"2"},}`,
    `{"env":{"A":"1"}}`,
  ];

  it.each(TABLE)('the editor reads the variables the launch reader sends: %s', (text) => {
    const a = analyze(text, 'runpod-json', catalog);
    expect(Object.fromEntries(a.variables.map((v) => [v.key, v.value]))).toEqual(sent(text));
  });

  it('an unknown secret only in the env that is not sent is not reported; the earlier env is flagged as not sent', () => {
    const text = TABLE[0]!;
    const a = analyze(text, 'runpod-json', catalog);
    expect(problemTexts(text, a)).toEqual([['duplicate-key', 'env']]);
    const [warning] = a.problems;
    expect(warning).toMatchObject({ severity: 'warning', message: '`env` is defined again later in this file; only the last one reaches RunPod, so this one is not sent.' });
    expect(warning!.span.start).toBe(text.indexOf('env'));
    expect(warning!.related![0]!.span.start).toBe(text.lastIndexOf('env'));
  });

  it('an unknown secret in the env that is sent is reported', () => {
    const text = TABLE[1]!;
    expect(problemTexts(text, analyze(text, 'runpod-json', catalog))).toEqual([
      ['duplicate-key', 'env'],
      ['unknown-secret', 'gone'],
    ]);
  });

  it('any top-level field written twice is flagged at each earlier one', () => {
    const text = '{"image":"a","image":"b","name":"n","image":"c"}';
    expect(problemTexts(text, analyze(text, 'runpod-json', catalog))).toEqual([
      ['duplicate-key', 'image'],
      ['duplicate-key', 'image'],
    ]);
    // A nested object's duplicates are not top-level fields: the env's own duplicate keys stay the key rule's.
    const nested = '{"gpu":{"id":"a","id":"b"},"env":{"A":"1","A":"2"}}';
    expect(problemTexts(nested, analyze(nested, 'runpod-json', catalog))).toEqual([['duplicate-key', 'A']]);
  });
});
