import { describe, expect, it } from 'vitest';
import { analyze, codeActions, complete, hover, symbols } from '../../server/src/template';
import { CATALOG, FAKE_HF_TOKEN, HUB_JSON, TESTS_JSON, UNKNOWN_CATALOG } from './fixtures';
import { applySpan, parsesAsJson, problemTexts, spanOf } from './helpers';

describe('.runpod/hub.json', () => {
  const a = analyze(HUB_JSON, 'hub-json', CATALOG);

  it('reads config.env[].value and input.default strings as variables, keys from "key"', () => {
    expect(a.variables.map((v) => [v.key, v.value])).toEqual([
      ['MODEL_NAME', 'openchat/openchat-3.5-0106'],
      ['HF_TOKEN', '{{ RUNPOD_SECRET_hf-tokn }}'],
      ['DB_PASSWORD', '{{RUNPOD_SECRET_db_password}}'],
      ['OPENAI_KEY', '{{ runpod_secret_openai }}'],
      ['HF-HOME', '/runpod-volume'],
      ['HF_TOKEN', FAKE_HF_TOKEN],
    ]);
    // Presets, descriptions and the number default are not env values.
    expect(a.variables.some((v) => v.value.includes('Llama'))).toBe(false);
    const hf = a.variables[1]!;
    expect(HUB_JSON.slice(hf.keySpan.start, hf.keySpan.end)).toBe('HF_TOKEN');
    expect(HUB_JSON.slice(hf.valueSpan.start, hf.valueSpan.end)).toBe('"{{ RUNPOD_SECRET_hf-tokn }}"');
  });

  it('reports each applicable code with exact ranges (no too-many-variables, no syntax error)', () => {
    expect(problemTexts(HUB_JSON, a)).toEqual([
      ['unknown-secret', 'hf-tokn'],
      ['noncanonical-reference', '{{RUNPOD_SECRET_db_password}}'],
      ['malformed-reference', '{{ runpod_secret_openai }}'],
      ['invalid-key', 'HF-HOME'],
      ['duplicate-key', 'HF_TOKEN'],
      ['hardcoded-credential', FAKE_HF_TOKEN],
    ]);
    const dup = a.problems.find((p) => p.code === 'duplicate-key')!;
    expect(dup.span).toEqual(spanOf(HUB_JSON, 'HF_TOKEN', 1));
    expect(dup.related?.[0]?.span).toEqual(spanOf(HUB_JSON, 'HF_TOKEN', 0));
    expect(a.problems.find((p) => p.code === 'unknown-secret')!.message).toContain('hf-token');
  });

  it('does not report too-many-variables for Hub entries', () => {
    const env = Array.from({ length: 60 }, (_, i) => `{ "key": "V${i}", "value": "x" }`).join(',\n');
    const big = analyze(`{ "config": { "env": [\n${env}\n] } }`, 'hub-json', CATALOG);
    expect(big.variables).toHaveLength(60);
    expect(big.problems).toEqual([]);
  });

  it('completes a partial name inside a value string; the result is valid JSON with the reference', () => {
    const at = HUB_JSON.indexOf('hf-tokn') + 'hf-to'.length;
    const result = complete(HUB_JSON, at, 'hub-json', CATALOG)!;
    expect(result.replace).toEqual(spanOf(HUB_JSON, 'hf-tokn'));
    const item = result.items.find((i) => i.label === 'hf-token')!;
    const edited = applySpan(HUB_JSON, result.replace, item.insertText);
    expect(parsesAsJson(edited)).toBe(true);
    expect(edited).toContain('"value": "{{ RUNPOD_SECRET_hf-token }}"');
    expect(analyze(edited, 'hub-json', CATALOG).problems.map((p) => p.code)).not.toContain('unknown-secret');
  });

  it('completes a whole reference in an empty value string and in an empty input default', () => {
    for (const field of ['"value": ""', '"input": { "name": "Token", "default": "" }']) {
      const text = `{ "config": { "env": [ { "key": "HF_TOKEN", ${field} } ] } }`;
      const at = text.indexOf('""') + 1;
      const result = complete(text, at, 'hub-json', CATALOG)!;
      expect(result.replace).toEqual({ start: at, end: at });
      const item = result.items.find((i) => i.label === 'hf-token')!;
      const edited = applySpan(text, result.replace, item.insertText);
      expect(parsesAsJson(edited)).toBe(true);
      expect(edited).toContain('"{{ RUNPOD_SECRET_hf-token }}"');
    }
  });

  it('offers no completion in keys, titles or other strings', () => {
    for (const needle of ['"vLLM worker"', '"MODEL_NAME"', '"Hugging Face model id"']) {
      expect(complete(HUB_JSON, HUB_JSON.indexOf(needle) + 1, 'hub-json', CATALOG)).toBeUndefined();
    }
  });

  it('hovers a reference in an input default with metadata, never a value', () => {
    const text = HUB_JSON.replace('{{RUNPOD_SECRET_db_password}}', '{{ RUNPOD_SECRET_hf-token }}');
    const h = hover(text, text.indexOf('RUNPOD_SECRET_hf-token') + 16, 'hub-json', CATALOG)!;
    expect(h.span).toEqual(spanOf(text, '{{ RUNPOD_SECRET_hf-token }}'));
    expect(h.markdown).toContain('Hugging Face read token');
    expect(h.markdown).not.toContain(FAKE_HF_TOKEN);
  });

  it('code actions: replace the misspelt name, create it, normalise, move the credential (content span)', () => {
    const typo = spanOf(HUB_JSON, 'hf-tokn');
    const actions = codeActions(HUB_JSON, typo, 'hub-json', CATALOG);
    expect(actions.map((x) => x.title)).toEqual(['Replace with `hf-token`', 'Create secret `hf-tokn`...']);
    expect(applySpan(HUB_JSON, actions[0]!.edits![0]!.span, actions[0]!.edits![0]!.newText)).toContain('"{{ RUNPOD_SECRET_hf-token }}"');

    const norm = codeActions(HUB_JSON, spanOf(HUB_JSON, 'db_password}}'), 'hub-json', CATALOG)[0]!;
    const normalised = applySpan(HUB_JSON, norm.edits![0]!.span, norm.edits![0]!.newText);
    expect(parsesAsJson(normalised)).toBe(true);
    expect(normalised).toContain('"default": "{{ RUNPOD_SECRET_db_password }}"');

    const move = codeActions(HUB_JSON, spanOf(HUB_JSON, FAKE_HF_TOKEN), 'hub-json', CATALOG).find((x) => x.command)!;
    expect(move.command).toEqual({ command: 'runpod.secrets.createFromValue', span: spanOf(HUB_JSON, FAKE_HF_TOKEN), suggestedName: 'hf_token' });
  });

  it('one symbol per entry with a value, named by its key when the key is a valid name', () => {
    // An invalid key may itself be a value (a URL with a password), so it is named by its shape.
    expect(symbols(a).map((s) => s.name)).toEqual(['MODEL_NAME', 'HF_TOKEN', 'DB_PASSWORD', 'OPENAI_KEY', '(invalid name)', 'HF_TOKEN']);
  });

  it('reads entries whose "value" comes before "key"', () => {
    const text = '{ "config": { "env": [ { "value": "{{ RUNPOD_SECRET_nope }}", "key": "A" } ] } }';
    expect(problemTexts(text, analyze(text, 'hub-json', CATALOG))).toEqual([['unknown-secret', 'nope']]);
  });

  it('lists the variables in document order whatever the order of "key", "value" and "input" in each entry', () => {
    const entries = [
      '{ "value": "a", "key": "A" }',
      '{ "key": "B", "input": { "default": "b" } }',
      '{ "input": { "default": "c" }, "key": "C" }',
      '{ "key": "D", "value": "d" }',
      '{ "value": "e", "input": { "default": "ignored" }, "key": "E" }',
    ];
    const text = `{ "config": { "env": [ ${entries.join(', ')} ] } }`;
    const { variables } = analyze(text, 'hub-json', CATALOG);
    expect(variables.map((v) => v.key)).toEqual(['A', 'B', 'C', 'D', 'E']);
    const starts = variables.map((v) => v.valueSpan.start);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    expect(variables.map((v) => text.slice(v.valueSpan.start, v.valueSpan.end))).toEqual(['"a"', '"b"', '"c"', '"d"', '"e"']);
  });

  describe('a repeated `config` or `env` (JSON readers, RunPod\'s and Deploy\'s among them, keep the last)', () => {
    const entry = (key: string, name: string) => `{"key":"${key}","value":"{{ RUNPOD_SECRET_${name} }}"}`;
    const read = (text: string) => {
      const analysis = analyze(text, 'hub-json', CATALOG);
      const parsed = parsesAsJson(text) ? (JSON.parse(text) as { config?: { env?: { key: string }[] } }) : undefined;
      return { analysis, problems: problemTexts(text, analysis), keys: analysis.variables.map((v) => v.key), lastKeys: parsed?.config?.env?.map((e) => e.key) ?? [] };
    };

    it('reads only the last `config`, as JSON.parse does, and flags the repeat as duplicate-key', () => {
      const text = `{"config":{"env":[${entry('A', 'nope')}]},"config":{"env":[${entry('B', 'nope2')}]}}`;
      const { analysis, problems, keys, lastKeys } = read(text);
      expect(keys).toEqual(lastKeys);
      expect(keys).toEqual(['B']);
      expect(problems).toEqual([['duplicate-key', 'config'], ['unknown-secret', 'nope2']]);
      const dup = analysis.problems[0]!;
      expect(dup.span.start).toBe(text.lastIndexOf('config'));
      expect(dup.message).toBe('`config` is already defined; only the last one reaches RunPod, so only its env is read.');
      expect(dup.severity).toBe('warning');
      expect(dup.related).toEqual([{ span: { start: 2, end: 8 }, message: 'First definition of `config`' }]);
    });

    it('reads only the last `env` of the config, and none when the last `config` has none', () => {
      const twoEnvs = `{"config":{"env":[${entry('A', 'nope')}],"title":"x","env":[${entry('B', 'hf-token')}]}}`;
      expect(read(twoEnvs)).toMatchObject({ keys: ['B'], lastKeys: ['B'], problems: [['duplicate-key', 'env']] });
      const emptied = `{"config":{"env":[${entry('A', 'nope')}]},"config":{"env":[]}}`;
      expect(read(emptied)).toMatchObject({ keys: [], lastKeys: [], problems: [['duplicate-key', 'config']] });
      const noEnv = `{"config":{"env":[${entry('A', 'nope')}]},"config":{}}`;
      expect(read(noEnv)).toMatchObject({ keys: [], problems: [['duplicate-key', 'config']] });
    });

    it('flags the last of many repeats once; a repeat inside a dropped `config` is not reported', () => {
      const text = `{"config":{"env":[${entry('A', 'nope')}],"env":[]},"config":{},"config":{"env":[${entry('C', 'hf-token')}]}}`;
      const { analysis, keys } = read(text);
      expect(keys).toEqual(['C']);
      expect(analysis.problems.map((p) => [p.code, p.span.start])).toEqual([['duplicate-key', text.lastIndexOf('config')]]);
      // 100,000 repeats are one problem, not 100,000.
      const many = `{${'"config":{"env":[]},'.repeat(100_000)}"config":{"env":[${entry('D', 'hf-token')}]}}`;
      expect(read(many)).toMatchObject({ keys: ['D'], problems: [['duplicate-key', 'config']] });
    });

    it('reads the same with comments (the other walk) and in tests.json', () => {
      const text = `// c\n{"config":{"env":[${entry('A', 'nope')}]},"config":{"env":[${entry('B', 'nope2')}]}}`;
      expect(problemTexts(text, analyze(text, 'hub-json', CATALOG))).toEqual([['duplicate-key', 'config'], ['unknown-secret', 'nope2']]);
      const tests = text.slice(5);
      expect(analyze(tests, 'tests-json', CATALOG).variables.map((v) => v.key)).toEqual(['B']);
    });

    it('a `config` or `env` deeper in the file is no repeat', () => {
      const text = `{"config":{"env":[${entry('A', 'hf-token')}],"presets":[{"config":1,"env":2},{"config":1,"env":2}]},"x":{"config":1,"config":2}}`;
      expect(read(text)).toMatchObject({ keys: ['A'], problems: [] });
    });
  });

  it('says nothing unknown while the secret list is not loaded', () => {
    expect(analyze(HUB_JSON, 'hub-json', UNKNOWN_CATALOG).problems.map((p) => p.code)).not.toContain('unknown-secret');
  });
});

describe('.runpod/tests.json', () => {
  const a = analyze(TESTS_JSON, 'tests-json', CATALOG);

  it('reads config.env[].value only (test inputs are not env)', () => {
    expect(a.variables.map((v) => v.key)).toEqual(['MODEL_NAME', 'HF_TOKEN', 'API_KEY']);
  });

  it('reports unknown secrets, bad keys, duplicates and credentials with exact ranges', () => {
    expect(problemTexts(TESTS_JSON, a)).toEqual([['unknown-secret', 'api']]);
    const text = TESTS_JSON.replace('"API_KEY"', '"MODEL_NAME"').replace('"MODEL_NAME", "value": "facebook/opt-125m"', `"1BAD", "value": "${FAKE_HF_TOKEN}"`);
    expect(problemTexts(text, analyze(text, 'tests-json', CATALOG))).toEqual([
      ['invalid-key', '1BAD'],
      ['hardcoded-credential', FAKE_HF_TOKEN],
      ['unknown-secret', 'api'],
    ]);
  });

  it('ignores input.default in tests.json (only hub.json has inputs)', () => {
    const text = '{ "config": { "env": [ { "key": "A", "input": { "default": "{{ RUNPOD_SECRET_nope }}" } } ] } }';
    expect(analyze(text, 'tests-json', CATALOG).variables).toEqual([]);
  });

  it('completes after `{{ ` inside a value and code actions fix the unknown name', () => {
    const text = TESTS_JSON.replace('{{ RUNPOD_SECRET_api }}', '{{ ');
    const at = text.indexOf('{{ "') + 3;
    const result = complete(text, at, 'tests-json', CATALOG)!;
    const edited = applySpan(text, result.replace, result.items.find((i) => i.label === 'db_password')!.insertText);
    expect(parsesAsJson(edited)).toBe(true);
    expect(edited).toContain('"value": "{{ RUNPOD_SECRET_db_password }}"');
    const actions = codeActions(TESTS_JSON, spanOf(TESTS_JSON, 'RUNPOD_SECRET_api', 0, 'api'), 'tests-json', CATALOG);
    expect(actions.map((x) => x.command?.command)).toContain('runpod.secrets.create');
  });
});
