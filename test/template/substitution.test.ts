/**
 * One answer to "will RunPod substitute this reference?" (server/src/template/substitution.ts), and
 * the places that use it agreeing: the editor's severity says error exactly where Launch Pod and
 * Push Template refuse, and the hint is kept for what they allow.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, findReferencesInValue, hasSecretNameCharsOnly, substitutionOf } from '../../server/src/template';
import { preflight } from '../../client/src/launch/plan';
import { referenceEnv } from './referenceValues';
import { unknown, type SecretCatalog } from './types';

function only(value: string) {
  const refs = findReferencesInValue(value);
  expect(refs).toHaveLength(1);
  return substitutionOf(refs[0]!);
}

describe('substitutionOf', () => {
  it.each([
    ['{{ RUNPOD_SECRET_hf-token }}', 'canonical', 'yes', false],
    ['{{RUNPOD_SECRET_hf-token}}', 'noncanonical', 'no', true],
    ['{{  RUNPOD_SECRET_hf-token }}', 'noncanonical', 'no', true],
    ['{{\tRUNPOD_SECRET_hf-token\t}}', 'noncanonical', 'no', true],
    ['postgres://u:{{ RUNPOD_SECRET_pw }}@h/db', 'embedded', 'undocumented', false],
    ['postgres://u:{{RUNPOD_SECRET_pw}}@h/db', 'noncanonical', 'no', true],
    ['{{ RUNPOD_SECRET_hf-token', 'malformed', 'no', true],
    ['{{ runpod_secret_hf-token }}', 'malformed', 'no', true],
    ['x {{ RUNPOD_SECRETS_hf-token }}', 'malformed', 'no', true],
    ['{{ RUNPOD_SECRET_ }}', 'malformed', 'no', true],
  ])('%s is %s: substituted %s, blocks Launch %s', (value, kind, substituted, blocksLaunch) => {
    expect(only(value)).toEqual({ kind, substituted, blocksLaunch });
  });
});

describe('the editor and the Launch preflight agree', () => {
  const blockingCodes = new Set(['malformed-reference', 'invalid-secret-name', 'noncanonical-reference']);

  it('a reference problem is an error in the editor exactly when Launch Pod refuses the variable', () => {
    fc.assert(
      fc.property(referenceEnv(), (env) => {
        // Every referenced name a secret could have "exists" (legacy ones too: `RUNPOD_X`, `1bad`), in
        // the editor's catalog and the Launch list alike, so only how a reference is written and the
        // name rule decide.
        const names = Object.values(env).flatMap((v) => findReferencesInValue(v).map((r) => r.name)).filter(hasSecretNameCharsOnly);
        const refused = new Set(preflight(env, names).map((p) => p.key));
        const catalog: SecretCatalog = names.length > 0 ? { state: 'fresh', secrets: names.map((name) => ({ name })), fetchedAt: '2026-11-20T10:00:00Z' } : unknown;
        const analysis = analyze(JSON.stringify({ env }), 'runpod-json', catalog);
        const keyOf = (start: number) => analysis.variables.find((v) => v.valueSpan.start <= start && start < v.valueSpan.end)?.key;
        const errors = new Set(analysis.problems.filter((p) => blockingCodes.has(p.code) && p.severity === 'error').map((p) => keyOf(p.span.start)));
        const warnings = analysis.problems.filter((p) => blockingCodes.has(p.code) && p.severity !== 'error');
        expect(warnings).toEqual([]);
        expect(errors).toEqual(refused);
      }),
      { numRuns: 300 },
    );
  });

  it('the non-canonical diagnostic is an error that says a launch, push or deploy refuses it', () => {
    const [p] = analyze('A={{RUNPOD_SECRET_hf-token}}', 'runpod-env', unknown).problems;
    expect(p).toMatchObject({ code: 'noncanonical-reference', severity: 'error' });
    expect(p!.message).toContain('so a launch, push or deploy from this file refuses it');
    expect(preflight({ A: '{{RUNPOD_SECRET_hf-token}}' }, ['hf-token'])[0]!.message).toBe(p!.message);
  });

  it('the embedded hint says Launch allows it, and Launch does', () => {
    const [p] = analyze('A=postgres://u:{{ RUNPOD_SECRET_pw }}@h', 'runpod-env', unknown).problems;
    expect(p).toMatchObject({ code: 'embedded-reference', severity: 'hint' });
    expect(p!.message).toMatch(/A launch, push or deploy allows it/);
    expect(preflight({ A: 'postgres://u:{{ RUNPOD_SECRET_pw }}@h' }, ['pw'])).toEqual([]);
  });

  it('a wrongly spaced reference inside a longer value gets one diagnostic, the error', () => {
    const codes = analyze('A=x{{RUNPOD_SECRET_pw}}y', 'runpod-env', unknown).problems.map((p) => p.code);
    expect(codes).toEqual(['noncanonical-reference']);
  });
});
