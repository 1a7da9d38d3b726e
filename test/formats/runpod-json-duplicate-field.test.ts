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

  it('an unknown secret only in the env that is not sent is not reported; the repeat is flagged at the last env, related to the first', () => {
    const text = TABLE[0]!;
    const a = analyze(text, 'runpod-json', catalog);
    expect(problemTexts(text, a)).toEqual([['duplicate-key', 'env']]);
    const [warning] = a.problems;
    expect(warning).toMatchObject({ severity: 'warning', message: '`env` is already defined; only the last one reaches RunPod, so only its variables are read.' });
    expect(warning!.span.start).toBe(text.lastIndexOf('env'));
    expect(warning!.related).toEqual([{ span: { start: text.indexOf('env'), end: text.indexOf('env') + 3 }, message: 'First definition of `env`' }]);
  });

  it('an unknown secret in the env that is sent is reported', () => {
    const text = TABLE[1]!;
    expect(problemTexts(text, analyze(text, 'runpod-json', catalog))).toEqual([
      ['duplicate-key', 'env'],
      ['unknown-secret', 'gone'],
    ]);
  });

  it('any top-level field written more than once is flagged once, at the last, in the key rule\'s words', () => {
    const text = '{"image":"a","image":"b","name":"n","image":"c","name":"m"}';
    const a = analyze(text, 'runpod-json', catalog);
    expect(a.problems.map((p) => [p.code, p.span.start, p.message, p.related?.[0]?.span.start])).toEqual([
      ['duplicate-key', text.lastIndexOf('image'), '`image` is already defined; only the last one reaches RunPod.', text.indexOf('image')],
      ['duplicate-key', text.lastIndexOf('name'), '`name` is already defined; only the last one reaches RunPod.', text.indexOf('name')],
    ]);
    // A nested object's duplicates are not top-level fields: the env's own duplicate keys stay the key rule's.
    const nested = '{"gpu":{"id":"a","id":"b"},"env":{"A":"1","A":"2"}}';
    expect(problemTexts(nested, analyze(nested, 'runpod-json', catalog))).toEqual([['duplicate-key', 'A']]);
  });

  it('a repeated field between two parts of the env does not drop the env; only a repeated env does', () => {
    const text = `{"image":"a","env":{"A":"${ref('gone')}"},"image":"b"}`;
    const a = analyze(text, 'runpod-json', catalog);
    expect(a.variables.map((v) => v.key)).toEqual(['A']);
    expect(problemTexts(text, a)).toEqual([['unknown-secret', 'gone'], ['duplicate-key', 'image']]);
  });

  it('a field name without a variable name\'s shape is not shown; 100,000 repeats are one problem', () => {
    const odd = '{"a b://x:pw@h":1,"a b://x:pw@h":2}';
    const [warning] = analyze(odd, 'runpod-json', catalog).problems;
    expect(warning).toMatchObject({ message: 'This field is already defined; only the last one reaches RunPod.', related: [{ message: 'First definition' }] });
    const many = `{${'"image":"i",'.repeat(100_000)}"name":"n"}`;
    expect(problemTexts(many, analyze(many, 'runpod-json', catalog))).toEqual([['duplicate-key', 'image']]);
  });
});
