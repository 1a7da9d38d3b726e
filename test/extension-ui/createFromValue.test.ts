import { describe, expect, it } from 'vitest';
import { applyOffsetEdit, extractValue, parseArgs, referenceEdit } from '../../client/src/commands/createFromValueLogic';

/** Document text with the code action's range marked by `[` and `]`; returns text and offsets. */
function marked(source: string): { text: string; start: number; end: number } {
  const start = source.indexOf('[');
  const end = source.indexOf(']') - 1;
  return { text: source.replace('[', '').replace(']', ''), start, end };
}

function run(source: string, name: string): { value?: string; result?: string; message?: string } {
  const { text, start, end } = marked(source);
  const extracted = extractValue(text.slice(start, end));
  if (!extracted.ok) return { message: extracted.message };
  return { value: extracted.value, result: applyOffsetEdit(text, referenceEdit(start, extracted, name)) };
}

describe('createFromValue: value extraction and replacement', () => {
  it('unquoted env value: the whole range becomes the reference', () => {
    expect(run('HF_TOKEN=[hf_abcdef123456]\nX=1', 'hf-token')).toEqual({
      value: 'hf_abcdef123456',
      result: 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nX=1',
    });
  });

  it('double quotes in the range are stripped from the value and kept in the document (JSON stays valid)', () => {
    const r = run('{"env": {"HF": ["hf_abc"]}}', 'hf');
    expect(r.value).toBe('hf_abc');
    expect(r.result).toBe('{"env": {"HF": "{{ RUNPOD_SECRET_hf }}"}}');
    expect(JSON.parse(r.result!)).toEqual({ env: { HF: '{{ RUNPOD_SECRET_hf }}' } });
  });

  it('single quotes are literal: backslashes are part of the value', () => {
    expect(run("K=['a\\nb']", 'k')).toEqual({ value: 'a\\nb', result: "K='{{ RUNPOD_SECRET_k }}'" });
  });

  it('double-quoted escapes are decoded so the stored value is the real one', () => {
    expect(run('K=["line1\\nline2 \\"q\\""]', 'k').value).toBe('line1\nline2 "q"');
  });

  it('an escape that cannot be read exactly stops instead of storing a different value', () => {
    expect(run('K=["a\\$b"]', 'k').message).toMatch(/escape sequences/);
  });

  it('surrounding whitespace in the range is left in place', () => {
    expect(run('K =[  secret123  ]# c', 'k')).toEqual({ value: 'secret123', result: 'K =  {{ RUNPOD_SECRET_k }}  # c' });
  });

  it.each([
    ['an empty range', 'K=[]'],
    ['only whitespace', 'K=[   ]'],
    ['an unclosed quote', 'K=["abc]'],
    ['a mismatched quote', 'K=["abc\']'],
    ['an unquoted multi-line range', 'K=[abc\nL=def]'],
  ])('%s is reported as a changed document', (_label, source) => {
    expect(run(source, 'k').message).toMatch(/document changed/);
  });

  it('empty quotes and existing references are refused with their own reason', () => {
    expect(run('K=[""]', 'k').message).toMatch(/empty/);
    expect(run('K=[{{ RUNPOD_SECRET_k }}]', 'k').message).toMatch(/already a secret reference/);
  });

  it('messages never contain the value', () => {
    for (const source of ['K=["sekrit\\$value"]', 'K=["sekritvalue]', 'K=[sekrit\nvalue]']) {
      expect(run(source, 'k').message).not.toMatch(/sekrit/);
    }
  });
});

describe('createFromValue: arguments', () => {
  const range = { start: { line: 1, character: 9 }, end: { line: 1, character: 20 } };

  it('accepts the code action object and the positional form', () => {
    expect(parseArgs([{ uri: 'file:///a.env', range, suggestedName: 'hf-token' }])).toEqual({ uri: 'file:///a.env', range, suggestedName: 'hf-token' });
    expect(parseArgs(['file:///a.env', range, 'hf-token'])).toEqual({ uri: 'file:///a.env', range, suggestedName: 'hf-token' });
    expect(parseArgs([{ uri: 'file:///a.env', range }])?.suggestedName).toBe('');
  });

  it('rejects malformed arguments instead of crashing', () => {
    expect(parseArgs([])).toBeUndefined();
    expect(parseArgs([null])).toBeUndefined();
    expect(parseArgs([{ uri: 'file:///a.env' }])).toBeUndefined();
    expect(parseArgs([{ uri: 3, range }])).toBeUndefined();
    expect(parseArgs([{ uri: 'file:///a.env', range: { start: { line: 'x', character: 0 }, end: range.end } }])).toBeUndefined();
  });
});
