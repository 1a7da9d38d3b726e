/**
 * The editor's record of the Pods it booted (client/src/secrets/podRestarts.ts), which tells Rotate
 * Secret's later restart a boot on the new value from one on the old when RunPod's dates are the
 * same second. A boot counts by when it was asked for: a restart sent before the value changed may
 * answer after it and still have booted the Pod on the old value.
 */
import { describe, expect, it } from 'vitest';
import { bootRequested, notePodBooted, podsBootedSince, restartMark } from '../../client/src/secrets/podRestarts';

describe('the record of Pods this editor booted', () => {
  it('a restart sent before the value changed is not a boot since, though its answer came after', () => {
    const sent = bootRequested();
    const mark = restartMark(); // the value changed while the restart was in flight
    notePodBooted('pod-early', sent);
    expect(podsBootedSince(mark).has('pod-early')).toBe(false);
  });

  it('a restart sent after the value changed is', () => {
    const mark = restartMark();
    notePodBooted('pod-late', bootRequested());
    expect(podsBootedSince(mark).has('pod-late')).toBe(true);
  });

  it('a Pod keeps its latest request, whichever answer comes last', () => {
    const before = bootRequested();
    const mark = restartMark();
    const after = bootRequested();
    notePodBooted('pod-twice', after);
    notePodBooted('pod-twice', before); // the older request answered last
    expect(podsBootedSince(mark).has('pod-twice')).toBe(true);
  });
});
