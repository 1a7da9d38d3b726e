import { describe, expect, it } from 'vitest';
import { analyze, codeActions, complete, hover } from '../../server/src/template';
import { CATALOG, FAKE_HF_TOKEN, POD_JSON } from './fixtures';
import { applySpan, parsesAsJson, problemTexts, spanOf } from './helpers';
import { parseTemplateFile } from '../../client/src/launch/templateFile';

describe('*.runpod.json (template or Pod body)', () => {
  const a = analyze(POD_JSON, 'runpod-json', CATALOG);

  it('reads the top-level env object; comments tolerated; escapes decoded', () => {
    expect(a.variables.map((v) => v.key)).toEqual(['HF_TOKEN', 'DB_URL', 'OPENAI_API_KEY', 'GREETING', 'QUOTED', 'HF_TOKEN']);
    expect(a.variables[3]!.value).toBe('café {{ RUNPOD_SECRET_hf-tokn }}');
    expect(a.variables[4]!.value).toBe('say "hi" {{ RUNPOD_SECRET_quoted }}');
  });

  it('reports every applicable code with exact ranges, including after \\u00e9 and \\"', () => {
    expect(problemTexts(POD_JSON, a)).toEqual([
      ['embedded-reference', '{{ RUNPOD_SECRET_db_password }}'],
      ['unknown-secret', 'opnai'],
      ['embedded-reference', '{{ RUNPOD_SECRET_hf-tokn }}'],
      ['unknown-secret', 'hf-tokn'],
      ['embedded-reference', '{{ RUNPOD_SECRET_quoted }}'],
      ['unknown-secret', 'quoted'],
      ['duplicate-key', 'HF_TOKEN'],
      ['hardcoded-credential', FAKE_HF_TOKEN],
    ]);
    const afterEscape = a.problems.find((p) => p.code === 'unknown-secret' && p.data?.name === 'hf-tokn')!;
    expect(afterEscape.span).toEqual(spanOf(POD_JSON, 'hf-tokn'));
    const afterQuote = a.problems.find((p) => p.code === 'unknown-secret' && p.data?.name === 'quoted')!;
    expect(afterQuote.span).toEqual(spanOf(POD_JSON, 'RUNPOD_SECRET_quoted', 0, 'quoted'));
  });

  it('reports invalid keys and the 51st variable of one Pod', () => {
    const env = Array.from({ length: 51 }, (_, i) => `"V${i}": "x"`).join(', ');
    const text = `{ "env": { "bad key": "1", ${env} } }`;
    expect(problemTexts(text, analyze(text, 'runpod-json', CATALOG))).toEqual([
      ['invalid-key', 'bad key'],
      ['too-many-variables', 'V49'],
    ]);
  });

  it('ignores strings outside the top-level env object', () => {
    const text = '{ "name": "{{ RUNPOD_SECRET_x }}", "nested": { "env": { "A": "{{ RUNPOD_SECRET_y }}" } }, "env": { "B": 1 } }';
    expect(analyze(text, 'runpod-json', CATALOG).variables).toEqual([]);
  });

  it('completion inside a string with escapes replaces exactly the partial name', () => {
    const at = POD_JSON.indexOf('hf-tokn') + 2;
    const result = complete(POD_JSON, at, 'runpod-json', CATALOG)!;
    expect(result.replace).toEqual(spanOf(POD_JSON, 'hf-tokn'));
    const edited = applySpan(POD_JSON, result.replace, result.items.find((i) => i.label === 'hf-token')!.insertText);
    expect(parsesAsJson(edited)).toBe(true);
    expect(edited).toContain('"GREETING": "caf\\u00e9 {{ RUNPOD_SECRET_hf-token }}"');
  });

  it('completes a whole reference at "KEY": "|" and never inside an escape sequence', () => {
    const text = '{ "env": { "HF_TOKEN": "" } }';
    const at = text.indexOf('""') + 1;
    const result = complete(text, at, 'runpod-json', CATALOG)!;
    const edited = applySpan(text, result.replace, result.items.find((i) => i.label === 'hf-token')!.insertText);
    expect(edited).toBe('{ "env": { "HF_TOKEN": "{{ RUNPOD_SECRET_hf-token }}" } }');
    expect(JSON.parse(edited)).toEqual({ env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' } });
    const escaped = '{ "env": { "A": "{{ RUNPOD_SECRET_\\u0068f" } }';
    expect(complete(escaped, escaped.indexOf('\\u') + 2, 'runpod-json', CATALOG)).toBeUndefined();
  });

  it('hover after an escape covers the exact reference', () => {
    const h = hover(POD_JSON, POD_JSON.indexOf('hf-tokn'), 'runpod-json', CATALOG)!;
    expect(h.span).toEqual(spanOf(POD_JSON, '{{ RUNPOD_SECRET_hf-tokn }}'));
    expect(h.markdown).toContain('Unknown RunPod secret');
  });

  it('a reference written with escapes inside its name maps each character to its escape', () => {
    const text = '{ "env": { "A": "{{ RUNPOD_SECRET_\\u0068\\u0066-token }}", "B": "\\ud83d\\ude00{{ RUNPOD_SECRET_nope }}" } }';
    const b = analyze(text, 'runpod-json', CATALOG);
    expect(b.references[0]!.name).toBe('hf-token');
    expect(b.references[0]!.nameSpan).toEqual(spanOf(text, '\\u0068\\u0066-token'));
    expect(problemTexts(text, b)).toEqual([
      ['embedded-reference', '{{ RUNPOD_SECRET_nope }}'],
      ['unknown-secret', 'nope'],
    ]);
  });

  it('code actions: move a credential with the string content span; fix the typo', () => {
    const move = codeActions(POD_JSON, spanOf(POD_JSON, FAKE_HF_TOKEN), 'runpod-json', CATALOG).find((x) => x.command)!;
    expect(move.command).toEqual({ command: 'runpod.secrets.createFromValue', span: spanOf(POD_JSON, FAKE_HF_TOKEN), suggestedName: 'hf_token' });
    const fix = codeActions(POD_JSON, spanOf(POD_JSON, 'opnai'), 'runpod-json', CATALOG);
    expect(fix.map((x) => x.title)).toContain('Create secret `opnai`...');
  });

  it('a repeated `env`: only the last is read, as Launch Pod and Push Template send it, and the repeat is duplicate-key', () => {
    const text = '{"env":{"A":"{{ RUNPOD_SECRET_nope }}"},"name":"t","env":{"B":"{{ RUNPOD_SECRET_hf-token }}"}}';
    const a = analyze(text, 'runpod-json', CATALOG);
    const sent = parseTemplateFile(text);
    expect(sent.ok && Object.keys(sent.body.env)).toEqual(['B']);
    expect(a.variables.map((v) => v.key)).toEqual(['B']);
    expect(problemTexts(text, a)).toEqual([['duplicate-key', 'env']]);
    expect(a.problems[0]!.related).toEqual([{ span: { start: 2, end: 5 }, message: 'First definition of `env`' }]);
  });
});
