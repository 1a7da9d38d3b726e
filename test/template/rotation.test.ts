/** The value's age and the rotation policy: one definition for hover, diagnostic, tree and CLI. */
import { describe, expect, it } from 'vitest';
import { analyze, hover } from '../../server/src/template';
import { MAX_LISTED_PROBLEMS } from '../../server/src/template/problemLimit';
import { rotationProblems, withRotationDue } from '../../server/src/template/rules/rotation';
import { describeValueAge, isRotationDue, normalizeRotationDays, valueAgeDays, valueSetAt } from '../../server/src/template/valueAge';
import { cursor } from './cursor';
import { fresh, stale, unknown, type SecretCatalog } from './types';

const DAY = 24 * 60 * 60 * 1000;
const at = (iso: string) => Date.parse(iso);
// hf-token's value was set 2026-10-02T08:30Z; HF_TOKEN_WRITE has no update time (created 2026-09-03).
const NOW = at('2027-01-04T08:30:00Z'); // 94 days after hf-token's value

describe('value age', () => {
  it('reads valueLastUpdatedAt, else createdAt (and says so), else nothing', () => {
    expect(valueSetAt({ createdAt: '2026-09-01T00:00:00Z', valueLastUpdatedAt: '2026-10-02T08:30:00Z' })).toEqual({ at: at('2026-10-02T08:30:00Z'), from: 'valueLastUpdatedAt' });
    expect(valueSetAt({ createdAt: '2026-09-01T00:00:00Z', valueLastUpdatedAt: null })).toEqual({ at: at('2026-09-01T00:00:00Z'), from: 'createdAt' });
    expect(valueSetAt({ createdAt: 'not a date', valueLastUpdatedAt: 'garbage' })).toBeUndefined();
    expect(valueSetAt({})).toBeUndefined();
  });

  it('counts whole days; a date in the future counts as today', () => {
    const secret = { valueLastUpdatedAt: '2026-10-02T08:30:00Z' };
    expect(valueAgeDays(secret, NOW)).toBe(94);
    expect(valueAgeDays(secret, NOW - 1)).toBe(93);
    expect(valueAgeDays(secret, at('2026-10-01T00:00:00Z'))).toBe(0);
  });

  it('describes the age in words, naming the createdAt fallback', () => {
    expect(describeValueAge({ valueLastUpdatedAt: '2026-10-02T08:30:00Z' }, NOW)).toBe('value set 94 days ago');
    expect(describeValueAge({ valueLastUpdatedAt: '2026-10-02T08:30:00Z' }, at('2026-10-03T09:00:00Z'))).toBe('value set 1 day ago');
    expect(describeValueAge({ valueLastUpdatedAt: '2026-10-02T08:30:00Z' }, at('2026-10-02T23:00:00Z'))).toBe('value set today');
    expect(describeValueAge({ createdAt: '2026-10-02T08:30:00Z', valueLastUpdatedAt: null }, NOW)).toBe('value set 94 days ago (at creation; no update recorded)');
    expect(describeValueAge({ createdAt: '2020-01-01T00:00:00Z' }, NOW)).toMatch(/value set 2,560 days ago/);
  });

  it('is due once the whole days it is said to be old are more than the policy, never when the policy is off or no date is known', () => {
    const secret = { valueLastUpdatedAt: '2026-10-02T08:30:00Z' };
    const set = at('2026-10-02T08:30:00Z');
    expect(isRotationDue(secret, set + 90 * DAY, 90)).toBe(false);
    // 90.5 days reads "value set 90 days ago": not "more than the 90 days of the rotation policy".
    expect(isRotationDue(secret, set + 90.5 * DAY, 90)).toBe(false);
    expect(isRotationDue(secret, set + 91 * DAY - 1, 90)).toBe(false);
    expect(isRotationDue(secret, set + 91 * DAY, 90)).toBe(true);
    expect(describeValueAge(secret, set + 91 * DAY)).toBe('value set 91 days ago');
    expect(isRotationDue(secret, NOW, 0)).toBe(false);
    expect(isRotationDue({}, NOW, 1)).toBe(false);
  });

  it('normalizes the setting: whole days from 0 to 100 years, anything else the default 90', () => {
    expect(normalizeRotationDays(30)).toBe(30);
    expect(normalizeRotationDays(0)).toBe(0);
    for (const bad of [-1, 1.5, '30', null, undefined, Number.NaN, Number.POSITIVE_INFINITY, 36_501, {}]) expect(normalizeRotationDays(bad)).toBe(90);
  });
});

describe('secret-rotation-due', () => {
  const policy = { days: 90, now: NOW };
  const problemsOf = (text: string, catalog: SecretCatalog = fresh, p = policy) => rotationProblems(analyze(text, 'runpod-env', catalog).references, catalog, p);

  it('is a hint on the name of each well-formed reference to a secret older than the policy', () => {
    const text = 'A={{ RUNPOD_SECRET_hf-token }}\nB=x{{ RUNPOD_SECRET_hf-token }}\nC={{ RUNPOD_SECRET_wandb_key }}\n';
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.code, p.severity, text.slice(p.span.start, p.span.end)])).toEqual([
      ['secret-rotation-due', 'hint', 'hf-token'],
      ['secret-rotation-due', 'hint', 'hf-token'],
    ]);
    expect(problems[0]!.message).toBe(
      'Secret `hf-token`: value set 94 days ago, more than the 90 days of the rotation policy. Rotate it (RunPod: Rotate Secret...); running Pods keep the old value until they restart.',
    );
    expect(problems[0]!.data).toEqual({ name: 'hf-token' });
  });

  it('judges a secret without an update time by its creation', () => {
    expect(problemsOf('A={{ RUNPOD_SECRET_HF_TOKEN_WRITE }}').map((p) => p.message)).toEqual([expect.stringContaining('at creation; no update recorded')]);
  });

  it('says nothing when the policy is off, the value is young, the list is unknown, or the reference is malformed', () => {
    expect(problemsOf('A={{ RUNPOD_SECRET_hf-token }}', fresh, { days: 0, now: NOW })).toEqual([]);
    expect(problemsOf('A={{ RUNPOD_SECRET_hf-token }}', fresh, { days: 365, now: NOW })).toEqual([]);
    expect(problemsOf('A={{ RUNPOD_SECRET_hf-token }}', unknown)).toEqual([]);
    expect(problemsOf('A={{ RUNPOD_SECRET_hf-token')).toEqual([]);
    expect(problemsOf('A={{ RUNPOD_SECRET_nope }}')).toEqual([]);
  });

  it('uses the dates of a stale list too (they do not change when the list is old)', () => {
    expect(problemsOf('A={{ RUNPOD_SECRET_hf-token }}', stale)).toHaveLength(1);
  });

  it('a reference per line to a due secret: listed up to the cap, and one note saying how many more', () => {
    const lines = MAX_LISTED_PROBLEMS + 500;
    const text = 'A={{ RUNPOD_SECRET_hf-token }}\n'.repeat(lines);
    const problems = withRotationDue(analyze(text, 'runpod-env', fresh), fresh, policy);
    expect(problems.filter((p) => p.code === 'secret-rotation-due')).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(problems.filter((p) => p.data?.notListed?.code === 'secret-rotation-due').map((p) => p.data!.notListed!.count)).toEqual([500]);
  });

  it('counts in its note only references that are due: past the cap, fresh values are not "more"', () => {
    // wandb_key has no date, so it is never due.
    const line = (name: string) => (_: unknown, i: number) => `${name.toUpperCase().replace('-', '_')}_${i}={{ RUNPOD_SECRET_${name} }}\n`;
    const text = Array.from({ length: MAX_LISTED_PROBLEMS }, line('hf-token')).join('') + Array.from({ length: 500 }, line('wandb_key')).join('');
    const problems = withRotationDue(analyze(text, 'runpod-env', fresh), fresh, policy);
    expect(problems.filter((p) => p.code === 'secret-rotation-due')).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(problems.filter((p) => p.data?.notListed !== undefined)).toEqual([]);
  });

  it('merges into the analysis problems in document order, and keeps the same array when there is nothing to add', () => {
    const text = 'A={{ RUNPOD_SECRET_hf-token }}\nB={{RUNPOD_SECRET_x}}\n0BAD=1\n';
    const analysis = analyze(text, 'runpod-env', fresh);
    const merged = withRotationDue(analysis, fresh, policy);
    expect(merged.map((p) => p.code)).toEqual(['secret-rotation-due', 'noncanonical-reference', 'unknown-secret', 'invalid-key']);
    expect(withRotationDue(analysis, fresh, { days: 0, now: NOW })).toBe(analysis.problems);
  });
});

describe('hover with a clock', () => {
  const hoverAt = (src: string, clock?: { now: number; rotationDays?: number }) => {
    const { text, offset } = cursor(src);
    return hover(text, offset, 'runpod-env', fresh, undefined, clock)!.markdown;
  };

  it('shows the value age', () => {
    expect(hoverAt('A={{ RUNPOD_SECRET_hf-|token }}', { now: at('2026-10-12T00:00:00Z'), rotationDays: 90 })).toContain('Value set 9 days ago.');
  });

  it('says when the value is due for rotation', () => {
    expect(hoverAt('A={{ RUNPOD_SECRET_hf-|token }}', { now: NOW, rotationDays: 90 })).toContain(
      '**Due for rotation:** value set 94 days ago, more than the 90 days of the rotation policy.',
    );
    expect(hoverAt('A={{ RUNPOD_SECRET_hf-|token }}', { now: NOW, rotationDays: 0 })).toContain('Value set 94 days ago.');
  });

  it('without a clock shows no age (the core never reads the clock itself)', () => {
    expect(hoverAt('A={{ RUNPOD_SECRET_hf-|token }}')).not.toMatch(/ago/);
  });
});
