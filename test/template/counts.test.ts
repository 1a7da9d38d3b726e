/** One way to write a count: the right plural, numbers grouped as the messages write them. */
import { describe, expect, it, vi } from 'vitest';
import { bytesInWords, count, grouped, plural } from '../../server/src/template/counts';
import { sizeLimitText } from '../../server/src/template/analyze';
import { SECRET_VALUE_LIMIT_TEXT, SECRET_VALUE_MAX_BYTES } from '../../server/src/template/names';
import { describeRefusal, MAX_WORKSPACE_FILE_BYTES } from '../../client/src/cli/fileRead';

describe('count', () => {
  it('writes the noun for one and the plural for any other number', () => {
    expect(count(1, 'variable')).toBe('1 variable');
    expect(count(0, 'variable')).toBe('0 variables');
    expect(count(2, 'entry', 'entries')).toBe('2 entries');
    expect(count(9968, 'file')).toBe('9,968 files');
    expect(plural(1, 'Template')).toBe('Template');
    expect(plural(3, 'Template')).toBe('Templates');
  });
});

describe('grouped: numbers as the messages write them', () => {
  it('groups as en-US does, whatever the number', () => {
    for (const n of [0, -0, 7, 999, 1000, -1000, 9968, 12_345, 123_456, 1_000_000, -98_765_432, Number.MAX_SAFE_INTEGER, 2 ** 60, 1234.5678, -0.5, NaN, Infinity]) {
      expect(grouped(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('writes a count without the locale machinery: its first use loads ICU number formatting, 35 ms of CPU in each thread (the index walk thread included)', () => {
    const spy = vi.spyOn(Number.prototype, 'toLocaleString');
    try {
      expect(grouped(10_000)).toBe('10,000');
      expect(count(9968, 'file')).toBe('9,968 files');
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});

describe('bytesInWords: the one way to write a size or a byte limit', () => {
  it('MiB from 1 MiB on (to a tenth), the exact count of bytes below, as the messages of today write them', () => {
    expect(bytesInWords(2 * 1024 * 1024)).toBe('2 MiB');
    expect(bytesInWords(16 * 1024 * 1024)).toBe('16 MiB');
    expect(bytesInWords(1.5 * 1024 * 1024)).toBe('1.5 MiB');
    expect(bytesInWords(18_140_000)).toBe('17.3 MiB');
    expect(bytesInWords(64 * 1024)).toBe('65536 bytes');
    expect(bytesInWords(10)).toBe('10 bytes');
  });

  it('the sizes and limits the messages name use it: file reads, the analysis limit, the secret value limit', () => {
    expect(describeRefusal({ refusal: 'too-large' }, 64 * 1024)).toBe('larger than 65536 bytes');
    expect(describeRefusal({ refusal: 'too-large' }, MAX_WORKSPACE_FILE_BYTES)).toBe('larger than 2 MiB');
    expect(SECRET_VALUE_LIMIT_TEXT).toBe(bytesInWords(SECRET_VALUE_MAX_BYTES));
    expect(sizeLimitText()).toBe('16 MiB of text');
    // A small limit (the tests') was "0 MiB of text".
    expect(sizeLimitText({ size: 1000, entries: 10 })).toBe('1000 bytes of text');
  });
});
