/**
 * Log lines are the user's container output: shown, never interpreted. Escape sequences, control
 * characters and bidirectional overrides come out as visible escapes; everything else unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralise } from '../../client/src/logs/neutralise';

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('neutralise', () => {
  it('shows escape sequences instead of running them: OSC 52 clipboard write, erase line, colours, C1 CSI', () => {
    expect(neutralise('\u001b]52;c;ZWNobyBwd25lZA==\u0007')).toBe('\\u001b]52;c;ZWNobyBwd25lZA==\\u0007');
    expect(neutralise('progress\u001b[2K\rdone')).toBe('progress\\u001b[2K\\u000ddone');
    expect(neutralise('\u001b[31mred\u001b[0m')).toBe('\\u001b[31mred\\u001b[0m');
    expect(neutralise('\u009b2J')).toBe('\\u009b2J');
  });

  it('shows line breaks, tabs, DEL, NUL and bidirectional controls visibly; keeps ordinary text', () => {
    expect(neutralise('a\nb\r\nc\u0000\u007f\td')).toBe('a\\u000ab\\u000d\\u000ac\\u0000\\u007f\\u0009d');
    expect(neutralise('file\u202Etxt.exe \u2066x\u2069 \u200f \u061c \u2028')).toBe('file\\u202etxt.exe \\u2066x\\u2069 \\u200f \\u061c \\u2028');
    expect(neutralise('indented: héllo ✓ 🚀 {{ RUNPOD_SECRET_x }}')).toBe('indented: héllo ✓ 🚀 {{ RUNPOD_SECRET_x }}');
  });

  it('never lets an unsafe character through, leaves safe text alone, and gives a valid JSON string body', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const out = neutralise(text);
        expect(out).not.toMatch(UNSAFE);
        if (!UNSAFE.test(text)) expect(out).toBe(text);
        // Inside a JSON string the escape means the same character again (the text is recoverable).
        if (!text.includes('\\') && !text.includes('"') && !/[\ud800-\udfff]/.test(text)) expect(JSON.parse(`"${out}"`)).toBe(text);
      }),
    );
  });
});
