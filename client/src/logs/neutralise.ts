/**
 * Shows text a container printed (a log line) without letting it act on the screen: every
 * character a terminal, an output channel or an editor would interpret rather than show becomes
 * a visible escape, and everything else is left exactly as printed. Pure.
 *
 * Neutralised: C0 controls but TAB (so ESC, the start of every escape sequence: ESC[2K erases a
 * line, ESC]52 writes the clipboard; CR rewrites a line; BEL; LF inside a line), DEL, C1 controls
 * (U+009B is a one-byte CSI), the bidirectional controls that reorder what is shown (U+202A-202E,
 * U+2066-2069, U+200E, U+200F, U+061C) and the Unicode line and paragraph separators.
 * ESC is shown as `\x1b`, U+202E as `\u202e`: readable, and inert wherever it is printed.
 *
 * This is the one statement of that rule for log output (CLI and editor alike).
 */

/** The characters `neutralise` replaces. */
// eslint-disable-next-line no-control-regex
export const UNSAFE_TO_SHOW = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };

/** `text` with every unsafe character replaced by a visible escape (`\x1b`, `\r`, `\u202e`). */
export function neutralise(text: string): string {
  return text.replace(UNSAFE_TO_SHOW, (ch) => {
    const named = NAMED[ch];
    if (named) return named;
    const code = ch.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
