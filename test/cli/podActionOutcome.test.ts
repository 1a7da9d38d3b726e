import { describe, expect, it } from 'vitest';
import { podActionOutcome } from '../../client/src/runpod/actionOutcome';
import { restartOutcome } from '../../client/src/secrets/rotatePlan';

// One rule for how a Pod action went (`pods start|stop|restart` and Rotate's restarts): a failure
// RunPod may have acted on is never worded as one that did nothing.
describe('podActionOutcome', () => {
  it('words each action done, refused, and perhaps done, in both forms', () => {
    expect(podActionOutcome('stop', { ok: true })).toBe('stopped');
    expect(podActionOutcome('stop', { ok: false })).toBe('did not stop');
    expect(podActionOutcome('stop', { ok: false, mayHaveSucceeded: true })).toBe('may not have stopped');
    expect(podActionOutcome('start', { ok: false }, 'passive')).toBe('not started');
    expect(podActionOutcome('start', { ok: false, mayHaveSucceeded: true }, 'passive')).toBe('may not have been started');
  });

  it("is Rotate's restart outcome for a restart", () => {
    for (const r of [{ ok: true }, { ok: false }, { ok: false, mayHaveRestarted: true }]) {
      expect(restartOutcome({ id: 'p', name: 'n', ...r })).toBe(podActionOutcome('restart', { ok: r.ok, mayHaveSucceeded: r.mayHaveRestarted }));
    }
  });
});
