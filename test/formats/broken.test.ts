import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/template';
import { referenceTokens } from '../../server/src/template/semanticTokens';
import { CATALOG, HUB_JSON, RUNPOD_TOML, UNKNOWN_CATALOG } from './fixtures';
import { problemTexts } from './helpers';

describe('documents that do not parse', () => {
  it('hub.json with a missing comma: references still checked, one syntax-error at the spot', () => {
    const text = HUB_JSON.replace('"value": "/runpod-volume" },', '"value": "/runpod-volume" }');
    const a = analyze(text, 'hub-json', CATALOG);
    const syntax = a.problems.filter((p) => p.code === 'syntax-error');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]!.span.start).toBe(text.indexOf('{ "key": "HF_TOKEN", "value": "hf_'));
    expect(syntax[0]!.message).toContain('Expected `,`');
    expect(a.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['unknown-secret', 'malformed-reference', 'invalid-key']));
  });

  it('runpod.json cut off in the middle of a value: the readable values are checked', () => {
    const text = '{\n  "env": {\n    "A": "{{ RUNPOD_SECRET_nope }}",\n    "B": "{{ RUNPOD_SECRET_hf-to';
    const a = analyze(text, 'runpod-json', CATALOG);
    expect(problemTexts(text, a)).toEqual([
      ['unknown-secret', 'nope'],
      ['syntax-error', '"{{ RUNPOD_SECRET_hf-to'],
      ['malformed-reference', '{{ RUNPOD_SECRET_hf-to'],
    ]);
  });

  it('runpod.json with an unclosed string on one line still reads the next line', () => {
    const text = '{ "env": {\n "A": "open,\n "B": "{{ RUNPOD_SECRET_nope }}"\n} }';
    const a = analyze(text, 'runpod-json', CATALOG);
    expect(a.problems.filter((p) => p.code === 'syntax-error')).toHaveLength(1);
    expect(problemTexts(text, a)).toContainEqual(['unknown-secret', 'nope']);
  });

  it('a JSON file with a BOM reads as if it had none', () => {
    const text = '\ufeff{ "env": { "A": "{{ RUNPOD_SECRET_nope }}" } }';
    expect(problemTexts(text, analyze(text, 'runpod-json', CATALOG))).toEqual([['unknown-secret', 'nope']]);
  });

  it('runpod.toml with an unclosed string: line scan of [project.env_vars] plus one syntax-error', () => {
    const text = RUNPOD_TOML.replace('POD_INACTIVITY_TIMEOUT = "120"', 'POD_INACTIVITY_TIMEOUT = "120');
    const a = analyze(text, 'runpod-toml', CATALOG);
    expect(problemTexts(text, a)).toEqual([
      ['syntax-error', '0'],
      ['unknown-secret', 'db_pasword'],
      ['noncanonical-reference', '{{RUNPOD_SECRET_note}}'],
      ['unknown-secret', 'note'],
      ['hardcoded-credential', expect.stringMatching(/^hf_/) as unknown as string],
    ]);
    expect(a.variables.map((v) => v.key)).toContain('NOTE');
  });

  it('runpod.toml with a duplicate key (a TOML error) reports the duplicate from the line scan', () => {
    const text = '[project.env_vars]\nA = "1"\nA = "{{ RUNPOD_SECRET_hf-token }}"\n';
    const a = analyze(text, 'runpod-toml', CATALOG);
    expect(a.problems.map((p) => p.code)).toEqual(['syntax-error', 'duplicate-key']);
    expect(a.problems[1]!.span).toEqual({ start: text.lastIndexOf('A ='), end: text.lastIndexOf('A =') + 1 });
  });

  it('BOM, CRLF and garbage never throw', () => {
    for (const kind of ['runpod-json', 'hub-json', 'tests-json', 'runpod-toml'] as const) {
      for (const text of ['', '\ufeff', '{', '[', '"', "'''", '\ud800', '{"env":{"A":"\\u12"}}', '[project.env_vars]\r\nA = "\\', 'x'.repeat(10_000)]) {
        expect(() => analyze(text, kind, CATALOG)).not.toThrow();
      }
    }
    const crlf = '[project.env_vars]\r\nA = "{{ RUNPOD_SECRET_nope }}"\r\n';
    expect(problemTexts(crlf, analyze(crlf, 'runpod-toml', CATALOG))).toEqual([['unknown-secret', 'nope']]);
  });
});

describe('semantic tokens (core)', () => {
  const text = '{ "env": { "A": "{{ RUNPOD_SECRET_hf-token }}", "B": "{{ RUNPOD_SECRET_nope }}", "C": "{{ RUNPOD_SECRETS_x }}" } }';

  it('marks known, unknown and malformed references differently, on the name or the whole reference', () => {
    const tokens = referenceTokens(analyze(text, 'runpod-json', CATALOG), CATALOG);
    expect(tokens.map((t) => [t.kind, text.slice(t.span.start, t.span.end)])).toEqual([
      ['known', 'hf-token'],
      ['unknown', 'nope'],
      ['malformed', '{{ RUNPOD_SECRETS_x }}'],
    ]);
  });

  it('does not mark names unknown while the secret list is not loaded', () => {
    const tokens = referenceTokens(analyze(text, 'runpod-json', UNKNOWN_CATALOG), UNKNOWN_CATALOG);
    expect(tokens.map((t) => t.kind)).toEqual(['unchecked', 'unchecked', 'malformed']);
  });
});
