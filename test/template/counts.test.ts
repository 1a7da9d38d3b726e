/** One way to write a count: the right plural, numbers grouped as the messages write them. */
import { describe, expect, it } from 'vitest';
import { count, plural } from '../../server/src/template/counts';

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
