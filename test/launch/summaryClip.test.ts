/** A summary field and a quoted key are cut by the one clip rule: at most the limit, never half a character. */
import { describe, expect, it } from 'vitest';
import { show } from '../../client/src/launch/summary';
import { quotedKey } from '../../server/src/template/rules/keys';

describe('clipping long fields', () => {
  it("a launch summary field is at most 200 characters, the ellipsis counted, and never splits an emoji", () => {
    const long = show('x'.repeat(500));
    expect(long).toHaveLength(200);
    expect(long.endsWith('…')).toBe(true);
    expect(show('x'.repeat(200))).toBe('x'.repeat(200));
    const emoji = show(`${'x'.repeat(198)}😀😀`);
    expect(emoji).toBe(`${'x'.repeat(198)}…`);
    expect(emoji).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('a quoted key is at most 60 characters between its backticks, the ellipsis counted', () => {
    expect(quotedKey('K'.repeat(100))).toBe(`\`${'K'.repeat(59)}…\``);
    expect(quotedKey('K'.repeat(60))).toBe(`\`${'K'.repeat(60)}\``);
  });
});
