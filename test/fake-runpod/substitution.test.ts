/**
 * Differential: the core's answer to "will RunPod substitute this reference?" (substitution.ts,
 * used by the editor and the Launch preflight) against the fake RunPod API's own statement of the
 * rule, on the same generated values: as units, and end to end through POST /v2/pods, where the
 * booted Pod's env must be exactly what the core predicts. "Undocumented" (a canonical reference
 * inside a longer value) counts as substituted: that is the fake's stance and the reason Launch
 * allows it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findReferencesInValue, substitutionOf } from '../../server/src/template';
import { preflight } from '../../client/src/launch/plan';
import type { RunpodClient } from '../../client/src/runpod/client';
import { clientFor } from '../launch/helpers';
import { ACCOUNT_SECRETS, LEGACY_SECRET_NAMES, referenceEnv, referenceValue } from '../template/referenceValues';
import { startFakeRunpod, type FakeRunpod } from './index';
import { substituteReferences } from './substitution';

const valueOf = (name: string): string | undefined => (Object.hasOwn(ACCOUNT_SECRETS, name) ? ACCOUNT_SECRETS[name] : undefined);

/** The value a Pod boots with, as the core predicts it: every reference the core does not call unsubstituted, replaced when the secret exists. */
function predicted(value: string): string {
  let out = '';
  let at = 0;
  for (const ref of findReferencesInValue(value)) {
    const secret = valueOf(ref.name);
    if (substitutionOf(ref).substituted === 'no' || secret === undefined) continue;
    out += value.slice(at, ref.decodedSpan.start) + secret;
    at = ref.decodedSpan.end;
  }
  return out + value.slice(at);
}

describe('the core and the fake agree on what RunPod substitutes', () => {
  it('unit: the same generated values give the same booted value', () => {
    fc.assert(
      fc.property(referenceValue, (value) => {
        expect(substituteReferences(value, valueOf).value).toBe(predicted(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('unit: whatever the preflight lets through resolves completely in the fake', () => {
    fc.assert(
      fc.property(referenceValue, (value) => {
        if (preflight({ A: value }, Object.keys(ACCOUNT_SECRETS)).length > 0) return;
        const booted = substituteReferences(value, valueOf);
        expect(booted.unresolved).toEqual([]);
        // Nothing the preflight passed is left as a placeholder.
        expect(findReferencesInValue(booted.value).filter((r) => Object.hasOwn(ACCOUNT_SECRETS, r.name) && substitutionOf(r).substituted !== 'no')).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('unit: a legacy-named secret the account holds passes the preflight and resolves in the fake', () => {
    for (const name of LEGACY_SECRET_NAMES) {
      const value = `{{ RUNPOD_SECRET_${name} }}`;
      expect(preflight({ A: value }, Object.keys(ACCOUNT_SECRETS))).toEqual([]);
      expect(substituteReferences(value, valueOf)).toEqual({ value: ACCOUNT_SECRETS[name], unresolved: [] });
    }
  });

  it('unit: examples that once disagreed', () => {
    // The fake substituted embedded references, the core called them "may not be substituted".
    expect(substituteReferences('postgres://u:{{ RUNPOD_SECRET_db_password }}@h', valueOf).value).toBe(predicted('postgres://u:{{ RUNPOD_SECRET_db_password }}@h'));
    // Other spacing: the fake leaves it, the core now says "not substituted" (it once said such forms "still resolve").
    expect(substituteReferences('{{RUNPOD_SECRET_hf-token}}', valueOf).value).toBe('{{RUNPOD_SECRET_hf-token}}');
    expect(predicted('{{RUNPOD_SECRET_hf-token}}')).toBe('{{RUNPOD_SECRET_hf-token}}');
  });

  describe('end to end: POST /v2/pods, then the booted env', () => {
    let fake: FakeRunpod;
    let api: RunpodClient;
    beforeAll(async () => {
      fake = await startFakeRunpod({ podBootMs: 0 });
      api = clientFor(fake);
      for (const [name, value] of Object.entries(ACCOUNT_SECRETS)) {
        // A legacy name can no longer be created through the API; it is set up as one made long ago.
        if (LEGACY_SECRET_NAMES.includes(name)) fake.addSecret({ name, value });
        else await api.createSecret({ name, value });
      }
    });
    afterAll(async () => {
      await api?.close();
      await fake?.close();
    });

    it('every Pod boots with exactly the env the core predicts', async () => {
      await fc.assert(
        fc.asyncProperty(referenceEnv(8), async (env) => {
          const pod = await api.createPod({ name: 'differential', image: 'runpod/base:1', cpu: {}, env });
          const booted = fake.inspect().pods.find((p) => p.id === pod.id)!.bootEnv;
          expect(booted).toEqual(Object.fromEntries(Object.entries(env).map(([k, v]) => [k, predicted(v)])));
        }),
        { numRuns: 40 },
      );
    });
  });
});
