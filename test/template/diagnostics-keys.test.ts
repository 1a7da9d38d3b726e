import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/template';
import { marked } from './cursor';
import { fresh } from './types';

describe('invalid-key', () => {
  it.each(['⟦1KEY⟧=x', '⟦MY-KEY⟧=x', '⟦KEY.A⟧=x', '⟦MY KEY⟧=x', '⟦KÉY⟧=x', '⟦KŁY⟧=x', '⟦K€Y⟧=x'])('%s is an error on the key', (src) => {
    const { text, spans } = marked(src);
    const ps = analyze(text, 'runpod-env', fresh).problems;
    expect(ps).toEqual([expect.objectContaining({ code: 'invalid-key', span: spans[0], severity: 'error' })]);
  });
  it('an empty key points at the =', () => {
    const { text, spans } = marked('⟦=⟧value');
    const ps = analyze(text, 'runpod-env', fresh).problems;
    expect(ps).toEqual([expect.objectContaining({ code: 'invalid-key', span: spans[0], message: 'Missing variable name before `=`.' })]);
  });
  it('accepts usual keys', () => {
    expect(analyze('A=1\n_x=2\nMY_KEY_2=3\nlower=4', 'runpod-env', fresh).problems).toEqual([]);
  });
});

describe('duplicate-key', () => {
  it('warns on the later key with related information at the first', () => {
    const { text, spans } = marked('⟦A⟧=1\nB=2\n⟦A⟧=3');
    const ps = analyze(text, 'runpod-env', fresh).problems;
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ code: 'duplicate-key', span: spans[1], severity: 'warning' });
    expect(ps[0]!.related).toEqual([{ span: spans[0], message: 'First definition of `A`' }]);
  });
  it('points every later duplicate at the first definition', () => {
    const ps = analyze('A=1\nA=2\nA=3', 'runpod-env', fresh).problems;
    expect(ps.map((p) => p.related![0]!.span.start)).toEqual([0, 0]);
  });
  it('treats keys case-sensitively', () => expect(analyze('a=1\nA=2', 'runpod-env', fresh).problems).toEqual([]));
  it('never takes two keys of one hash for one key (the table compares the keys, not only their hashes)', () => {
    // XX7SB4YZ and XOGRZKBJ have the same 32-bit FNV-1a hash (804453894): the second is no duplicate.
    const ps = analyze('XX7SB4YZ=1\nXOGRZKBJ=2\nXX7SB4YZ=3', 'runpod-env', fresh).problems;
    expect(ps.map((p) => [p.code, p.span.start])).toEqual([['duplicate-key', 22]]);
  });
  it('finds first definitions among more distinct keys than the table first holds, before and after it grows', () => {
    // The table of distinct keys grows past what it first holds: keys read before and after the growth
    // must still be found, with their first definitions, and distinct keys never taken for one another.
    const keys = Array.from({ length: 70_000 }, (_, i) => `K${i}`);
    const again = ['K0', 'K65535', 'K65536', 'K69999'];
    const text = [...keys.map((k) => `${k}=v`), ...again.map((k) => `${k}=w`), 'NEW=x'].join('\n');
    const ps = analyze(text, 'runpod-env', fresh).problems.filter((p) => p.code === 'duplicate-key');
    expect(ps.map((p) => text.slice(p.span.start, p.span.end))).toEqual(again);
    expect(ps.map((p) => text.slice(p.related![0]!.span.start, p.related![0]!.span.start + 10).split('=')[0])).toEqual(again);
    expect(ps.map((p) => p.related![0]!.span.start)).toEqual(again.map((k) => text.indexOf(`\n${k}=v`) + 1 || 0));
  });
  it('judges each key by its own characters and first definition, wherever it falls among the keys hashed ahead of their lookup', () => {
    // Keys are hashed in groups of 32 before they are looked up: a duplicate at any distance, an
    // invalid key at either end of a group, and the table growing inside one must not mix them up.
    const lines = Array.from({ length: 5000 }, (_, i) => (i % 97 === 31 || i % 97 === 32 ? `${i}BAD=x` : i % 13 === 0 && i > 60 ? `K${i - 1 - (i % 53)}=again` : `K${i}=v`));
    const text = lines.join('\n');
    const starts = lines.map((_, i) => lines.slice(0, i).join('\n').length + (i ? 1 : 0));
    const ps = analyze(text, 'runpod-env', fresh).problems;
    const at = (code: string): number[] => ps.filter((p) => p.code === code).map((p) => starts.indexOf(p.span.start));
    const firstOf = new Map<string, number>();
    const invalid: number[] = [];
    const duplicates: [number, number][] = [];
    lines.forEach((line, i) => {
      const key = line.split('=')[0]!;
      if (/^\d/.test(key)) invalid.push(i);
      const first = firstOf.get(key);
      if (first === undefined) firstOf.set(key, i);
      else duplicates.push([i, first]);
    });
    expect(duplicates.length).toBeGreaterThan(300);
    expect(at('invalid-key')).toEqual(invalid);
    expect(at('duplicate-key')).toEqual(duplicates.map(([i]) => i));
    expect(ps.filter((p) => p.code === 'duplicate-key').map((p) => starts.indexOf(p.related![0]!.span.start))).toEqual(duplicates.map(([, first]) => first));
  });
});

describe('too-many-variables', () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `K${i}=v`).join('\n');
  it('is silent at 50', () => expect(analyze(lines(50), 'runpod-env', fresh).problems).toEqual([]));
  it('warns once at 51 on the first key over the limit, with the count', () => {
    const text = lines(60);
    const ps = analyze(text, 'runpod-env', fresh).problems;
    expect(ps).toHaveLength(1);
    expect(ps[0]!.code).toBe('too-many-variables');
    expect(text.slice(ps[0]!.span.start, ps[0]!.span.end)).toBe('K50');
    expect(ps[0]!.message).toContain('60');
  });
  it('counts distinct keys (duplicates collapse in the Pod env)', () => {
    const text = `${lines(50)}\nK0=again`;
    expect(analyze(text, 'runpod-env', fresh).problems.map((p) => p.code)).toEqual(['duplicate-key']);
  });
});

describe('missing-equals and syntax-error through analyze', () => {
  it('reports both and keeps analysing the lines after them', () => {
    const { text, spans } = marked('⟦HF_TOKEN⟧\nA=⟦"⟧x\nB={{ RUNPOD_SECRET_⟦nope⟧ }}');
    const ps = analyze(text, 'runpod-env', fresh).problems;
    expect(ps.map((p) => [p.code, p.span])).toEqual([
      ['missing-equals', spans[0]],
      ['syntax-error', spans[1]],
      ['unknown-secret', spans[2]],
    ]);
    expect(ps[0]!.severity).toBe('error');
  });
});

describe('dotenv documents get the reference rules only', () => {
  it('no key, syntax or credential rules; reference rules still run', () => {
    const text = '1BAD=x\nA=1\nA=2\nNOEQUALS\nHF_TOKEN=hf_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zQ\nR={{RUNPOD_SECRET_nope}}\nQ="open';
    const codes = analyze(text, 'dotenv', fresh).problems.map((p) => p.code);
    expect(codes.sort()).toEqual(['noncanonical-reference', 'unknown-secret']);
    const all = analyze(text, 'runpod-env', fresh).problems.map((p) => p.code);
    expect(new Set(all)).toEqual(
      new Set(['invalid-key', 'duplicate-key', 'missing-equals', 'hardcoded-credential', 'noncanonical-reference', 'unknown-secret', 'syntax-error']),
    );
  });
});
