/**
 * A file nested thousands of levels deep is a syntax error like any other, not an exception: the
 * JSON and TOML parsers recurse once per level, and an overflowing stack used to escape analyze()
 * (the command line's whole `check` run failed with "unexpected error", the editor lost every
 * diagnostic of the file). What was read before the deep part is still checked.
 */
import { describe, expect, it } from 'vitest';
import { analyze, type DocumentKind } from '../../server/src/template';
import { fresh } from './types';

const DEPTH = 100_000;

describe('deep nesting', () => {
  it.each<[DocumentKind, string]>([
    ['runpod-json', `{"env": {"A": "{{ RUNPOD_SECRET_nope }}", "B": ${'['.repeat(DEPTH)}`],
    ['runpod-json', `{"env": {"A": "{{ RUNPOD_SECRET_nope }}", "B": ${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}}`],
    ['hub-json', `{"config": {"env": [{"key": "A", "value": "{{ RUNPOD_SECRET_nope }}"}, ${'['.repeat(DEPTH)}`],
    ['runpod-toml', `[project.env_vars]\nA = "{{ RUNPOD_SECRET_nope }}"\nB = ${'{a='.repeat(DEPTH / 2)}1${'}'.repeat(DEPTH / 2)}\n`],
  ])('%s: one syntax error saying so, the readable part still checked', (kind, text) => {
    const problems = analyze(text, kind, fresh).problems;
    const syntax = problems.filter((p) => p.code === 'syntax-error');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]!.message).toMatch(/nested too deeply/);
    expect(syntax[0]!.message).not.toMatch(/call stack/);
    // Marked at the first container past the bound, where the reading stopped, not at the file's start.
    expect(['[', '{']).toContain(text[syntax[0]!.span.start]);
    expect(syntax[0]!.span.start).toBeGreaterThan(1000);
    expect(problems.filter((p) => p.code === 'unknown-secret').map((p) => text.slice(p.span.start, p.span.end))).toEqual(['nope']);
  });
});
