/**
 * One date rule: read ISO 8601 (a date that exists; no zone is UTC), show UTC and say so. The hover,
 * the tree, the status bar and the command line show one instant alike.
 */
import { describe, expect, it } from 'vitest';
import { shortDate } from '../../client/src/cli/table';
import { formatFetchedAt } from '../../client/src/status/statusText';
import { formatDate, formatDay, formatInstant, formatRecentInstant, formatTimeOfDay, instantOrder, parseInstant } from '../../server/src/template/dates';

describe('the date rule', () => {
  it('reads ISO 8601 with its zone; no zone is UTC', () => {
    expect(parseInstant('2026-09-01T23:30:00-05:00')?.toISOString()).toBe('2026-09-02T04:30:00.000Z');
    expect(parseInstant('2026-09-01T12:00:00.123+0530')?.toISOString()).toBe('2026-09-01T06:30:00.123Z');
    expect(parseInstant('2026-09-01 12:00:00')?.toISOString()).toBe('2026-09-01T12:00:00.000Z');
    expect(parseInstant('2026-09-01')?.toISOString()).toBe('2026-09-01T00:00:00.000Z');
    expect(parseInstant('2024-02-29T00:00:00Z')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    // Go's time.String() (older RunPod Pod dates) and the rule's own output read back.
    expect(parseInstant('2026-09-01 12:00:00.144 +0000 UTC')?.toISOString()).toBe('2026-09-01T12:00:00.144Z');
    expect(parseInstant(formatInstant('2026-09-01T23:30:00-05:00'))?.toISOString()).toBe('2026-09-02T04:30:00.000Z');
  });

  it('reads the years 0 to 99 as written: Go\'s zero time is the year 1, not 1901', () => {
    expect(parseInstant('0001-01-01T00:00:00Z')?.toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(parseInstant('0099-12-31T23:59:59+01:00')?.toISOString()).toBe('0099-12-31T22:59:59.000Z');
    expect(parseInstant('0000-02-29')?.toISOString()).toBe('0000-02-29T00:00:00.000Z'); // year 0 is a leap year
  });

  it('names no instant for a date that does not exist, a time past 23:59, other forms and huge text', () => {
    for (const bad of ['2026-02-31T10:00:00Z', '2025-02-29', '2026-09-01T24:00:00Z', '2026-09-01T12:60Z', '2026-09-01T12:00:00+25:00', 'Tue, 01 Sep 2026 12:00:00 GMT', '1788264000000', '', `2026-09-01T12:00:00Z${' '.repeat(100)}`]) {
      expect(parseInstant(bad), bad).toBeUndefined();
    }
  });

  it('the hover, the tree, the status bar and the command line show one instant alike, in UTC', () => {
    const iso = '2026-09-01T23:30:00-05:00';
    expect(formatInstant(iso)).toBe('2026-09-02 04:30 UTC');
    expect(formatDate(iso)).toBe('2026-09-02 04:30 UTC');
    expect(formatDay(iso)).toBe('2026-09-02');
    expect(shortDate(iso)).toBe('2026-09-02 04:30 UTC');
    expect(formatFetchedAt(iso, new Date('2026-09-10T00:00:00Z'))).toBe('2026-09-02 04:30 UTC');
    expect(formatFetchedAt(iso, new Date('2026-09-02T23:59:00Z'))).toBe('04:30 UTC');
  });

  it('an invalid date is shown as such, never as written', () => {
    for (const bad of ['2026-02-31T10:00:00Z', 'x\u001b[31m\n[evil](command:x)']) {
      expect(formatInstant(bad)).toBe('unknown date');
      expect(formatDay(bad)).toBe('unknown date');
      expect(shortDate(bad)).toBe('unknown date');
      expect(formatFetchedAt(bad, new Date())).toBe('an unknown time');
      expect(formatRecentInstant(bad, new Date())).toBeUndefined();
    }
    expect(shortDate(null)).toBe('');
    expect(formatDay(undefined)).toBeUndefined();
  });
});

describe('formatTimeOfDay: a time the user waits for, to the second', () => {
  it('is the UTC time of day and says so', () => {
    expect(formatTimeOfDay(Date.parse('2026-09-01T17:30:05.900Z'))).toBe('17:30:05 UTC');
    expect(formatTimeOfDay(Date.parse('2026-09-01T23:59:59-05:00'))).toBe('04:59:59 UTC');
  });
});

describe('instantOrder: two dates compared to the precision each is written to', () => {
  it('a date names every instant of its last digit: before, after, or the same (not known which came first)', () => {
    expect(instantOrder('2026-09-01T12:00:01Z', '2026-09-01T12:00:00Z')).toBe('after');
    expect(instantOrder('2026-09-01T12:00:00Z', '2026-09-01T12:00:01Z')).toBe('before');
    expect(instantOrder('2026-09-01T12:00:00Z', '2026-09-01T12:00:00Z')).toBe('same');
    // Milliseconds against a whole second: .999 lies inside 12:00:00, 12:00:01 after it.
    expect(instantOrder('2026-09-01T12:00:00.999Z', '2026-09-01T12:00:00Z')).toBe('same');
    expect(instantOrder('2026-09-01T12:00:01Z', '2026-09-01T12:00:00.999Z')).toBe('after');
    expect(instantOrder('2026-09-01T12:00:00.500Z', '2026-09-01T12:00:00.499Z')).toBe('after');
    expect(instantOrder('2026-09-01T12:00:00.5Z', '2026-09-01T12:00:00.599Z')).toBe('same');
    // A day, a minute: the whole of it; another zone names the same span.
    expect(instantOrder('2026-09-01', '2026-09-01T23:59:59Z')).toBe('same');
    expect(instantOrder('2026-09-02', '2026-09-01T23:59:59Z')).toBe('after');
    expect(instantOrder('2026-09-01T12:00Z', '2026-09-01T12:00:59Z')).toBe('same');
    expect(instantOrder('2026-09-01T13:00:01+01:00', '2026-09-01T12:00:00Z')).toBe('after');
    // Text that names no instant orders nothing.
    expect(instantOrder('soon', '2026-09-01T12:00:00Z')).toBeUndefined();
    expect(instantOrder('2026-09-01T12:00:00Z', '2026-02-31')).toBeUndefined();
  });
});
