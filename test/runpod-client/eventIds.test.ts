/**
 * The memory of delivered log lines that lets a resumed stream repeat nothing: which lines count as
 * repeats, and that a server cannot grow it (thousands of megabyte lines at one id).
 */
import { describe, expect, it } from 'vitest';
import { DeliveredLines, MAX_LINES_AT_ONE_ID } from '../../client/src/runpod/eventIds';

const AT = '2026-09-01T12:00:00.000Z';

describe('DeliveredLines', () => {
  it('an older id, or the same id with a line already seen, is a repeat; a new line at that id, a newer id, no id are not', () => {
    const d = new DeliveredLines();
    expect(d.isRepeat(AT, 'a')).toBe(false);
    d.delivered(AT, 'a');
    expect(d.lastId).toBe(AT);
    expect(d.isRepeat(AT, 'a')).toBe(true);
    expect(d.isRepeat(AT, 'b')).toBe(false);
    expect(d.isRepeat('2026-09-01T11:59:59.999Z', 'z')).toBe(true);
    expect(d.isRepeat('2026-09-01T12:00:00.001Z', 'a')).toBe(false);
    expect(d.isRepeat('', 'a')).toBe(false);
    d.delivered('', 'c');
    expect(d.lastId).toBe(AT);
  });

  it('holds a bounded number of fixed-size digests, whatever the lines weigh', () => {
    const d = new DeliveredLines();
    const long = 'y'.repeat(200_000);
    for (let i = 0; i < 3 * MAX_LINES_AT_ONE_ID; i++) d.delivered(AT, `${i}${long}`);
    expect(d.heldChars).toBeLessThanOrEqual(AT.length + MAX_LINES_AT_ONE_ID * 64);
    expect(d.isRepeat(AT, `0${long}`)).toBe(true);
  });
});

describe('isEventTimestamp', () => {
  it('accepts RFC 3339 times only: a broken id would be sent as since= and refused on every resume', async () => {
    const { isEventTimestamp } = await import('../../client/src/runpod/eventIds');
    expect(isEventTimestamp('2026-12-05T03:10:00.123456789Z')).toBe(true);
    expect(isEventTimestamp('2026-12-05T03:10:00+01:00')).toBe(true);
    expect(isEventTimestamp('2024-01-01T9Z')).toBe(false);
    expect(isEventTimestamp('2024-01-01T::Z')).toBe(false);
    expect(isEventTimestamp('42')).toBe(false);
    // A real date and time: RunPod refuses since= with a date that does not exist.
    expect(isEventTimestamp('2026-13-01T00:00:00Z')).toBe(false);
    expect(isEventTimestamp('2026-02-29T00:00:00Z')).toBe(false);
    expect(isEventTimestamp('2026-09-01T24:00:00Z')).toBe(false);
    expect(isEventTimestamp('2024-02-29T00:00:00Z')).toBe(true);
  });
});
