/**
 * Shows text a container printed (a log line) without letting it act on the screen: every
 * character a terminal, an output channel or an editor would interpret rather than show becomes
 * a visible escape, and everything else is left exactly as printed. Pure.
 *
 * Neutralised: C0 controls (so ESC, the start of every escape sequence: ESC[2K erases a line,
 * ESC]52 writes the clipboard; CR rewrites a line; BEL; a line feed or a tab inside a line), DEL,
 * C1 controls (U+009B is a one-byte CSI), the bidirectional controls that reorder what is shown
 * (U+202A-202E, U+2066-2069, U+200E, U+200F, U+061C) and the Unicode line and paragraph
 * separators. Each is written as its JSON/JavaScript escape (ESC as `\u001b`): readable, inert
 * wherever it is printed, and valid inside a JSON string.
 *
 * The same rule, with the same output, as the project's display rule for text from files and
 * servers (`escapeUnsafe` in server/src/template/displayText.ts on main, which this branch
 * predates): once merged, this module should simply re-export it.
 */

/** The characters `neutralise` replaces. */
// eslint-disable-next-line no-control-regex
export const UNSAFE_TO_SHOW = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every unsafe character replaced by its visible escape (`\u001b`, `\u000d`, `\u202e`). */
export function neutralise(text: string): string {
  return text.replace(UNSAFE_TO_SHOW, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
