import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/template';
import { effectiveSeverity } from '../../server/src/template/severity';
import { DEFAULT_SEVERITY } from '../../server/src/template/types';
import { marked, spansOf } from './cursor';
import { fresh, stale, unknown } from './types';

describe('unknown-secret', () => {
  it('flags the name of an unknown secret with a suggestion and a replace fix', () => {
    const { text, spans } = marked('HF={{ RUNPOD_SECRET_⟦hf-tokn⟧ }}');
    const a = analyze(text, 'runpod-env', fresh);
    const p = a.problems.find((x) => x.code === 'unknown-secret')!;
    expect(p.span).toEqual(spans[0]);
    expect(p.severity).toBe('warning');
    expect(p.message).toContain('`hf-tokn`');
    expect(p.message).toContain('did you mean `hf-token`?'.replace('did', 'Did'));
    expect(p.data).toEqual({
      name: 'hf-tokn',
      suggestion: 'hf-token',
      fix: { span: spans[0], newText: 'hf-token', title: 'Replace with `hf-token`' },
    });
  });
  // Hub and runpod.toml files describe serverless workers, not Pods: the consequence is worded for both.
  it('says what the variable would get, in words true for Pods and serverless workers alike', () => {
    for (const [text, kind] of [
      ['A={{ RUNPOD_SECRET_nope }}', 'runpod-env'],
      ['{"config":{"env":[{"key":"A","value":"{{ RUNPOD_SECRET_nope }}"}]}}', 'hub-json'],
    ] as const) {
      const p = analyze(text, kind, fresh).problems.find((x) => x.code === 'unknown-secret')!;
      expect(p.message).toMatch(/the variable would get the placeholder text instead of a value/);
      expect(p.message).not.toMatch(/\bPod\b/);
    }
  });
  it('suggests a name that differs only in case and says names are case-sensitive', () => {
    const a = analyze('A={{ RUNPOD_SECRET_HF-TOKEN }}', 'runpod-env', fresh);
    const p = a.problems.find((x) => x.code === 'unknown-secret')!;
    expect(p.data?.suggestion).toBe('hf-token');
    expect(p.message).toMatch(/case-sensitive/);
  });
  it('has no suggestion when nothing is close', () => {
    const p = analyze('A={{ RUNPOD_SECRET_openai }}', 'runpod-env', fresh).problems.find((x) => x.code === 'unknown-secret')!;
    expect(p.data).toEqual({ name: 'openai' });
    expect(p.message).not.toMatch(/did you mean/i);
  });
  it('is silent for known names', () => {
    expect(analyze('A={{ RUNPOD_SECRET_hf-token }}\nB={{ RUNPOD_SECRET_db/password }}', 'runpod-env', fresh).problems).toEqual([]);
  });
  it('is never emitted while the list is unknown', () => {
    expect(spansOf(analyze('A={{ RUNPOD_SECRET_nope }}', 'runpod-env', unknown), '', 'unknown-secret')).toEqual([]);
  });
  it('is at most information when the list is stale, naming the fetch time', () => {
    const p = analyze('A={{ RUNPOD_SECRET_nope }}', 'runpod-env', stale).problems.find((x) => x.code === 'unknown-secret')!;
    // One cap, severity.ts's, as shown against the list of the moment: the rule reports its code's default.
    expect(p.severity).toBe(DEFAULT_SEVERITY['unknown-secret']);
    expect(effectiveSeverity(p, {}, stale)).toBe('information');
    // stale.fetchedAt is 2026-11-19T09:15:00Z: said the way people read a time, not as raw ISO.
    expect(p.message).toContain('(2026-11-19 09:15 UTC)');
  });
  it('is not emitted for an invalid name (that one gets invalid-secret-name)', () => {
    const codes = analyze('A={{ RUNPOD_SECRET_9bad }}', 'runpod-env', fresh).problems.map((p) => p.code);
    expect(codes).toEqual(['invalid-secret-name']);
  });
  it('has exact positions inside a double-quoted value with escapes', () => {
    const { text, spans } = marked('A="\\"x\\" {{ RUNPOD_SECRET_⟦nope⟧ }}"');
    const p = analyze(text, 'runpod-env', fresh).problems.find((x) => x.code === 'unknown-secret')!;
    expect(p.span).toEqual(spans[0]);
  });
});

describe('malformed-reference', () => {
  it.each([
    ['A=⟦{{ runpod_secret_hf-token }}⟧', '{{ RUNPOD_SECRET_hf-token }}'],
    ['A=⟦{{ RUNPOD_SECRETS_hf-token }}⟧', '{{ RUNPOD_SECRET_hf-token }}'],
    ['A=⟦{{ RUNPOD_SCRET_hf-token }}⟧', '{{ RUNPOD_SECRET_hf-token }}'],
    ['A=⟦{{ RUNPOD_SECRET_hf-token⟧', '{{ RUNPOD_SECRET_hf-token }}'],
    ['A="⟦{{ RUNPOD_SECRET_hf-token }⟧"', '{{ RUNPOD_SECRET_hf-token }}'],
  ])('%s is an error with a normalising fix', (src, fixed) => {
    const { text, spans } = marked(src);
    const ps = analyze(text, 'runpod-env', fresh).problems.filter((p) => p.code === 'malformed-reference');
    expect(ps).toHaveLength(1);
    expect(ps[0]!.span).toEqual(spans[0]);
    expect(ps[0]!.severity).toBe('error');
    expect(ps[0]!.data?.fix).toEqual({ span: spans[0], newText: fixed, title: `Change to \`${fixed}\`` });
  });
  it.each(['A=⟦{{ RUNPOD_SECRET_ }}⟧', 'A=⟦{{ RUNPOD_SECRET_a b }}⟧'])('%s has no fix when the name is unclear', (src) => {
    const { text, spans } = marked(src);
    const ps = analyze(text, 'runpod-env', fresh).problems.filter((p) => p.code === 'malformed-reference');
    expect(ps.map((p) => p.span)).toEqual(spans);
    expect(ps[0]!.data?.fix).toBeUndefined();
  });
  it('leaves user templating alone', () => {
    expect(analyze('A={{ .Values.x }}\nB={{ name }}', 'runpod-env', fresh).problems).toEqual([]);
  });
});

describe('invalid-secret-name', () => {
  it.each([
    ['A={{ RUNPOD_SECRET_⟦RUNPOD_x⟧ }}', /reserved/],
    ['A={{ RUNPOD_SECRET_⟦1abc⟧ }}', /start with an ASCII letter/],
    ['A={{ RUNPOD_SECRET_⟦hé⟧ }}', /é/],
  ])('%s', (src, reason) => {
    const { text, spans } = marked(src);
    const ps = analyze(text, 'runpod-env', fresh).problems.filter((p) => p.code === 'invalid-secret-name');
    expect(ps.map((p) => p.span)).toEqual(spans);
    expect(ps[0]!.severity).toBe('error');
    expect(ps[0]!.message).toMatch(reason);
  });
  it('flags names over 191 characters', () => {
    const ps = analyze(`A={{ RUNPOD_SECRET_${'a'.repeat(192)} }}`, 'runpod-env', unknown).problems;
    expect(ps.map((p) => p.code)).toEqual(['invalid-secret-name']);
    expect(ps[0]!.message).toMatch(/191/);
  });
  it('quotes a long name cut with an ellipsis, never half an emoji shown as a stray escape', () => {
    const ps = analyze(`A={{ RUNPOD_SECRET_${'a'.repeat(59)}🚀${'b'.repeat(10)} }}`, 'runpod-env', fresh).problems;
    expect(ps.map((p) => p.code)).toEqual(['invalid-secret-name']);
    expect(ps[0]!.message).toMatch(new RegExp(`^\`${'a'.repeat(59)}…\` can never name`));
  });
});

describe('noncanonical-reference', () => {
  // RunPod substitutes only the documented spacing; Launch Pod refuses the rest, so the editor says error.
  it('is an error and offers the canonical form', () => {
    const { text, spans } = marked('A=⟦{{RUNPOD_SECRET_hf-token}}⟧');
    const ps = analyze(text, 'runpod-env', fresh).problems;
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ code: 'noncanonical-reference', span: spans[0], severity: 'error' });
    expect(ps[0]!.data?.fix).toEqual({ span: spans[0], newText: '{{ RUNPOD_SECRET_hf-token }}', title: 'Normalise to `{{ RUNPOD_SECRET_hf-token }}`' });
  });
});

describe('embedded-reference', () => {
  it('is a hint on a reference inside a longer value', () => {
    const { text, spans } = marked('DB=postgres://u:⟦{{ RUNPOD_SECRET_db/password }}⟧@h/db');
    const ps = analyze(text, 'runpod-env', fresh).problems;
    expect(ps).toEqual([expect.objectContaining({ code: 'embedded-reference', span: spans[0], severity: 'hint' })]);
  });
  it('is not reported on a quoted whole-value reference', () => {
    expect(analyze('A="{{ RUNPOD_SECRET_hf-token }}"', 'runpod-env', fresh).problems).toEqual([]);
  });
});
