/**
 * Log lines are the user's container output: shown, never interpreted. Escape sequences, control
 * characters and bidirectional overrides come out as visible escapes; everything else unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralise } from '../../client/src/logs/neutralise';

describe('neutralise', () => {
  it('shows escape sequences instead of running them: OSC 52 clipboard write, erase line, colours, C1 CSI', () => {
    expect(neutralise('\u001b]52;c;ZWNobyBwd25lZA==\u0007')).toBe('\\x1b]52;c;ZWNobyBwd25lZA==\\x07');
    expect(neutralise('progress\u001b[2K\rdone')).toBe('progress\\x1b[2K\\rdone');
    expect(neutralise('\u001b[31mred\u001b[0m')).toBe('\\x1b[31mred\\x1b[0m');
    expect(neutralise('\u009b2J')).toBe('\\x9b2J');
  });

  it('shows line breaks, DEL, NUL and bidirectional controls visibly; keeps TAB and ordinary text', () => {
    expect(neutralise('a\nb\r\nc\u0000\u007f')).toBe('a\\nb\\r\\nc\\x00\\x7f');
    expect(neutralise('file\u202Etxt.exe \u2066x\u2069 \u200f \u061c \u2028')).toBe('file\\u202etxt.exe \\u2066x\\u2069 \\u200f \\u061c \\u2028');
    expect(neutralise('\tindented: héllo ✓ 🚀 {{ RUNPOD_SECRET_x }}')).toBe('\tindented: héllo ✓ 🚀 {{ RUNPOD_SECRET_x }}');
  });

  it('never lets a control character through, and leaves safe text alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const out = neutralise(text);
        // eslint-disable-next-line no-control-regex
        expect(out).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        // eslint-disable-next-line no-control-regex
        if (!/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(text)) expect(out).toBe(text);
      }),
    );
  });
});
