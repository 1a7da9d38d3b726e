/**
 * One date rule: read ISO 8601 (a date that exists; no zone is UTC), show UTC and say so. The hover,
 * the tree, the status bar and the command line show one instant alike.
 */
import { describe, expect, it } from 'vitest';
import { shortDate } from '../../client/src/cli/table';
import { formatFetchedAt } from '../../client/src/status/statusText';
import { formatDate, formatDay, formatInstant, formatRecentInstant, parseInstant } from '../../server/src/template/dates';

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
