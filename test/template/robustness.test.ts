/**
 * Hostile documents: they must be analyzed completely, with spans inside the text and without
 * exceptions. (Speed is measured by `npm run bench`, not asserted here.)
 */
import { describe, expect, it } from 'vitest';
import { analyze, complete, hover } from '../../server/src/template';
import { MAX_LISTED_PROBLEMS } from '../../server/src/template/problemLimit';
import { fresh } from './types';

function check(text: string) {
  const a = analyze(text, 'runpod-env', fresh);
  for (const p of a.problems) expect(p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= text.length).toBe(true);
  complete(text, text.length, 'runpod-env', fresh); // must not throw
  hover(text, Math.floor(text.length / 2), 'runpod-env', fresh);
  return a;
}

describe('hostile input', () => {
  it('thousands of unclosed {{ on one line: each is looked at, none crashes', () => {
    const a = check(`K=${'{{ RUNPOD_SECRET_x '.repeat(5000)}`);
    // Listed up to the cap; the rest counted (problemLimit.ts).
    expect(a.problems.filter((p) => p.code === 'malformed-reference')).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(a.problems.find((p) => p.data?.notListed)?.data?.notListed).toEqual({ code: 'malformed-reference', count: 5000 - MAX_LISTED_PROBLEMS });
  });
  it('thousands of bare {{ are user text, not references', () => {
    expect(check(`K=${'{{'.repeat(20000)}`).references).toEqual([]);
  });
  it('a 5 MB single line', () => {
    const a = check(`K=${'a'.repeat(5 * 1024 * 1024)}`);
    expect(a.variables[0]!.value.length).toBe(5 * 1024 * 1024);
  });
  it('a 5 MB line of repeated token prefixes', () => {
    check(`API_KEY=${'eyJ'.repeat(500_000)}.eyJ`);
    check(`K=${'hf_'.repeat(500_000)}`);
  });
  it('binary content', () => {
    const bytes = Array.from({ length: 20000 }, (_, i) => String.fromCharCode((i * 7919) % 65536));
    check(bytes.join(''));
  });
  it('lone surrogates in keys, values and names', () => {
    const a = check('\ud800=\udc00\nK={{ RUNPOD_SECRET_\ud800 }}\n\udbff\udfff=x');
    expect(a.problems.map((p) => p.code)).toContain('invalid-secret-name');
  });
  it('an unclosed quote at the end of a long file keeps every line before it', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `K${i}=v`);
    const a = check(`${lines.join('\n')}\nLAST="never closed`);
    expect(a.variables).toHaveLength(1001);
  });
  it('many lines without = and without any = later (no rescans)', () => {
    const a = check('x\n'.repeat(50000));
    expect(a.problems.filter((p) => p.code === 'missing-equals')).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(a.problems.find((p) => p.data?.notListed)?.data?.notListed).toEqual({ code: 'missing-equals', count: 50000 - MAX_LISTED_PROBLEMS });
  });
});
