import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../server/src/template';
import { marked } from './cursor';

function vars(text: string) {
  return parseEnv(text).variables.map((v) => [v.key, v.value]);
}

describe('env reader: lines as users write them', () => {
  it('reads KEY=value lines, blank lines and comment lines', () => {
    expect(vars('# comment\nA=1\n\n  # indented comment\nB=two words\n')).toEqual([
      ['A', '1'],
      ['B', 'two words'],
    ]);
  });
  it('accepts an export prefix, blanks around = and trims unquoted values', () => {
    expect(vars('export A=1\nexport\tB = x  \n  C  =  y')).toEqual([
      ['A', '1'],
      ['B', 'x'],
      ['C', 'y'],
    ]);
  });
  it('treats a key named export as a key', () => expect(vars('export=1')).toEqual([['export', '1']]));
  it('cuts an inline comment only after a blank', () => {
    expect(vars('A=x # note\nB=x#not-a-comment\nC= # only a comment')).toEqual([
      ['A', 'x'],
      ['B', 'x#not-a-comment'],
      ['C', ''],
    ]);
  });
  it('reads single quotes literally', () => {
    expect(vars(`A='a \\n "b" # c'`)).toEqual([['A', 'a \\n "b" # c']]);
  });
  it('decodes double-quote escapes', () => {
    expect(vars('A="x\\ny \\"q\\" \\\\ \\t|\\z" # c')).toEqual([['A', 'x\ny "q" \\ \t|\\z']]);
  });
  it('reads multi-line double- and single-quoted values', () => {
    expect(vars('A="line1\nline2"\nB=\'p\nq\'\nC=3')).toEqual([
      ['A', 'line1\nline2'],
      ['B', 'p\nq'],
      ['C', '3'],
    ]);
  });
  it('handles CRLF, lone CR, and CRLF inside a quoted value', () => {
    expect(vars('A=1\r\nB=2\rC="x\r\ny"\r\n')).toEqual([
      ['A', '1'],
      ['B', '2'],
      ['C', 'x\ny'],
    ]);
  });
  it('skips a UTF-8 BOM and keeps offsets in the original text', () => {
    const text = '\uFEFFA=1';
    const [v] = parseEnv(text).variables;
    expect(v!.key).toBe('A');
    expect(v!.keySpan).toEqual({ start: 1, end: 2 });
    expect(text.slice(v!.valueSpan.start, v!.valueSpan.end)).toBe('1');
  });
  it('keeps duplicates in document order', () => expect(vars('A=1\nA=2')).toEqual([['A', '1'], ['A', '2']]));
});

describe('env reader: spans and offsets', () => {
  it('gives key, value (with quotes) and statement spans', () => {
    const { text, spans } = marked('export ⟦⟦KEY⟧ = ⟦"v"⟧⟧ # c');
    const [v] = parseEnv(text).variables;
    expect(v!.span).toEqual(spans[0]);
    expect(v!.keySpan).toEqual(spans[1]);
    expect(v!.valueSpan).toEqual(spans[2]);
  });
  it('maps every decoded character back to the document, through escapes', () => {
    const text = 'K="a\\"b\\nc"';
    const [v] = parseEnv(text).variables;
    expect(v!.value).toBe('a"b\nc');
    expect(v!.valueOffsets).toEqual([3, 4, 6, 7, 9, 10]);
    expect(v!.valueOffsets.length).toBe(v!.value.length + 1);
  });
  it('gives consecutive offsets for unquoted values', () => {
    const [v] = parseEnv('K=  abc  ').variables;
    expect(v!.valueOffsets).toEqual([4, 5, 6, 7]);
  });
  it('gives an empty value an empty span right after =', () => {
    const [v] = parseEnv('K=\nL=1').variables;
    expect(v!.value).toBe('');
    expect(v!.valueSpan).toEqual({ start: 2, end: 2 });
    expect(v!.valueOffsets).toEqual([2]);
  });
});

describe('env reader: broken lines never stop the parse', () => {
  it('reports missing-equals and reads the next lines', () => {
    const { text, spans } = marked('⟦HF_TOKEN⟧\n⟦NOT A PAIR⟧ # c\nB=2');
    const r = parseEnv(text);
    expect(r.variables.map((v) => v.key)).toEqual(['B']);
    expect(r.problems.map((p) => [p.code, p.span])).toEqual([
      ['missing-equals', spans[0]],
      ['missing-equals', spans[1]],
    ]);
    // A line without `=` has no key: its text may be a value, so the message does not quote it.
    expect(r.problems[0]!.message).toMatch(/no `=`/);
    expect(r.problems[0]!.message).not.toContain('HF_TOKEN');
  });
  it('recovers from an unclosed double quote at the end of the file', () => {
    const { text, spans } = marked('A=1\nB=⟦"⟧open value\nC=3');
    const r = parseEnv(text);
    // No closing quote anywhere: B is read to its line end and C still counts.
    expect(r.variables.map((v) => [v.key, v.value])).toEqual([
      ['A', '1'],
      ['B', 'open value'],
      ['C', '3'],
    ]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'syntax-error', span: spans[0], severity: 'error' });
  });
  it('recovers from an unclosed single quote', () => {
    const r = parseEnv("A='x\nB=2");
    expect(r.variables.map((v) => v.key)).toEqual(['A', 'B']);
    expect(r.problems.map((p) => p.code)).toEqual(['syntax-error']);
  });
  it('reports text after a closing quote', () => {
    const { text, spans } = marked('A="x" ⟦trailing⟧\nB=1');
    const r = parseEnv(text);
    expect(r.variables.map((v) => v.value)).toEqual(['x', '1']);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'syntax-error', span: spans[0] })]);
  });
  it('reads an empty document and whitespace-only documents', () => {
    expect(parseEnv('')).toEqual({ variables: [], problems: [] });
    expect(parseEnv(' \n\t\r\n')).toEqual({ variables: [], problems: [] });
  });
});

describe('env reader: recovery keeps later lines exact', () => {
  it('after an unclosed double quote, CRLF lines, escapes and single quotes still read right', () => {
    const text = "A=\"open \\n value\r\nB=plain\r\nC='x\r\ny'\r\nD=\\\\z\r\n";
    const r = parseEnv(text);
    expect(r.variables.map((v) => [v.key, v.value])).toEqual([
      ['A', 'open \\n value'],
      ['B', 'plain'],
      ['C', 'x\ny'],
      ['D', '\\\\z'],
    ]);
    for (const v of r.variables) {
      expect(v.valueOffsets.length).toBe(v.value.length + 1);
    }
  });
  it('rebuilds offsets of escaped and CRLF values on demand, matching the decoded text', () => {
    const text = 'A="a\\tb\r\nc\\q\rd"\nB=\'p\r\nq\'';
    const [a, b] = parseEnv(text).variables;
    expect(a!.value).toBe('a\tb\nc\\q\rd');
    expect(a!.valueOffsets).toEqual([3, 4, 6, 8, 9, 10, 11, 12, 13, 14]);
    expect(b!.value).toBe('p\nq');
    expect(b!.valueOffsets).toEqual([19, 21, 22, 23]);
  });
});
