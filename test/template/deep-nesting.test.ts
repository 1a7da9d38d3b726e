/**
 * A file nested thousands of levels deep is a syntax error like any other, not an exception: the
 * JSON and TOML parsers recurse once per level, and an overflowing stack used to escape analyze()
 * (the command line's whole `check` run failed with "unexpected error", the editor lost every
 * diagnostic of the file). What was read before the deep part is still checked.
 */
import { describe, expect, it } from 'vitest';
import { analyze, type DocumentKind } from '../../server/src/template';
import { fresh } from './types';
import { walkJsonWithVisitor } from '../../server/src/template/readers/jsonWalk';
import { MAX_NESTING, nestedTooDeeply } from '../../server/src/template/readers/tooDeep';

const DEPTH = 100_000;

describe('deep nesting', () => {
  // Each: the text before the deep part, the levels open there (tooDeep.ts: JSON's root is level 1,
  // TOML's root table is not counted), and one deep level's text. The mark is on the first container
  // past MAX_NESTING: level MAX_NESTING + 1.
  const cases: [DocumentKind, string, number, string, string][] = [
    ['runpod-json', '{"env": {"A": "{{ RUNPOD_SECRET_nope }}", "B": ', 2, '[', ''],
    ['runpod-json', '{"env": {"A": "{{ RUNPOD_SECRET_nope }}", "B": ', 2, '{"a":', `1${'}'.repeat(DEPTH)}}}`],
    ['hub-json', '{"config": {"env": [{"key": "A", "value": "{{ RUNPOD_SECRET_nope }}"}, ', 3, '[', ''],
    ['runpod-toml', '[project.env_vars]\nA = "{{ RUNPOD_SECRET_nope }}"\nB = ', 0, '{a=', `1${'}'.repeat(DEPTH / 2)}\n`],
  ];
  it.each(cases.map(([kind, before, open, level, after]) => [kind, `${before}${level.repeat(kind === 'runpod-toml' ? DEPTH / 2 : DEPTH)}${after}`, before.length + (MAX_NESTING - open) * level.length] as const))('%s: one syntax error saying so, the readable part still checked', (kind, text, markedAt) => {
    const problems = analyze(text, kind, fresh).problems;
    const syntax = problems.filter((p) => p.code === 'syntax-error');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]!.message).toMatch(/nested too deeply/);
    expect(syntax[0]!.message).not.toMatch(/call stack/);
    // Marked at the first container past the bound, where the reading stopped, not at the file's start.
    expect(syntax[0]!.span.start).toBe(markedAt);
    expect(['[', '{']).toContain(text[markedAt]);
    expect(problems.filter((p) => p.code === 'unknown-secret').map((p) => text.slice(p.span.start, p.span.end))).toEqual(['nope']);
  });
});

describe('a stack that runs out before the bound', () => {
  it('is said as nested too deeply to read, without claiming more than MAX_NESTING levels', () => {
    // The extension host's stack may give out before MAX_NESTING levels: a RangeError that is not
    // the bound's own. Stood in for by a handler that throws one at 3 levels.
    const text = '{"a": {"b": ["{{ RUNPOD_SECRET_x }}"]}}';
    const overflow = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    const [problem, ...rest] = walkJsonWithVisitor(text, { string: overflow });
    expect(rest).toEqual([]);
    expect(problem!.message).toBe(`${nestedTooDeeply('JSON', 'stack')}. References in the parts that can be read are still checked.`);
    expect(problem!.message).toMatch(/^The JSON is nested too deeply to read/);
    expect(problem!.message).not.toContain(String(MAX_NESTING));
    // At the last container opened, where the stack gave out.
    expect(problem!.span.start).toBe(text.indexOf('['));
  });
});
