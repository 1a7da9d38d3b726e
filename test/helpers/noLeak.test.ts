/** The leak search itself: it finds every piece a leak test relies on it to find, and no more. */
import { describe, expect, it } from 'vitest';
import { expectNoLeak, findLeaks, WINDOW } from './noLeak';

const VALUE = 'rp_planted_7f3a9c2e1b4d6f80a5c7';
const MULTI = 'first line 4c1e9a7b22\n  second line f0d3b8\n}\nthird';

describe('findLeaks', () => {
  it.each([
    ['the value', VALUE],
    ['a prefix cut short', `${VALUE.slice(0, WINDOW)}…`],
    ['a suffix', `…${VALUE.slice(-WINDOW)}`],
    ['a middle run', VALUE.slice(9, 9 + WINDOW)],
    ['JSON-escaped', JSON.stringify(MULTI)],
    ['URL-encoded', encodeURIComponent(MULTI)],
    ['base64', Buffer.from(VALUE).toString('base64')],
    ['one line of a multi-line value', 'at: second line f0d3b8.'],
  ])('finds %s', (_label, output) => {
    expect(findLeaks(`before ${output} after`, [VALUE, MULTI])).not.toEqual([]);
  });

  it('passes text with shorter pieces only, and never quotes the value in its report', () => {
    const clean = `key ${VALUE.slice(0, WINDOW - 1)} and }, third`;
    expect(findLeaks(clean, [VALUE, MULTI])).toEqual([]);
    expectNoLeak(clean, [VALUE, MULTI]);
    const report = findLeaks(`x ${VALUE} y`, [VALUE]).join('\n');
    expect(report).toMatch(/planted value 0: value at offset 2/);
    expect(report).not.toContain(VALUE.slice(0, WINDOW));
    expect(() => expectNoLeak(`x ${VALUE}`, [VALUE])).toThrow();
  });
});
