/**
 * The one rule for showing text that came from a file or a server: which characters must never
 * reach a terminal, a log or a message raw, and how they are shown instead. Used by the core's
 * messages, the command line's every output and the API client's error messages. Imports nothing,
 * so every bundle can take it alone.
 */

/**
 * Characters that change how text is displayed rather than being text: C0 controls (ESC starts
 * `ESC[2K`, OSC 52 clipboard writes, CR rewrites a line), DEL, C1 controls (U+009B is a one-byte
 * CSI on terminals that honour 8-bit controls), the bidirectional overrides, embeddings and
 * isolates that reorder what is shown (U+202E), and the line and paragraph separators some
 * viewers break lines on.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');
/** The same without the line feed, for multi-line output whose line breaks are our own. */
const UNSAFE_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** Whitespace controls: in one-line text they are spaces, not escapes. */
const BREAKS = /[\t\n\v\f\r\u2028\u2029]+/g;

/** True when `code` is a character that must not be shown raw (see {@link escapeUnsafe}). */
function isUnsafeChar(code: number): boolean {
  return code <= 0xffff && UNSAFE.test(String.fromCharCode(code));
}

/** `\u001b`: the JSON/JavaScript escape of one UTF-16 code unit, valid inside a JSON string too. */
function escapeOne(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Text safe to print: each unsafe character is written as its visible escape (`\u001b`), so
 * nothing a file or a server controls can move the cursor, clear a line, write the clipboard or
 * reorder what is shown, and the reader can still see that something odd was there. Inside a
 * JSON string the escape is a valid one for the same character, so JSON output stays exact.
 * @param keepLineFeeds leave `\n` raw (multi-line output whose line breaks are the program's own)
 */
export function escapeUnsafe(text: string, keepLineFeeds = false): string {
  return text.replace(keepLineFeeds ? UNSAFE_BUT_LF : UNSAFE_ALL, escapeOne);
}

/**
 * One line of safe text: runs of line breaks and tabs become one space (a description may have
 * several lines; a path or a message must not start a new output line), everything else unsafe
 * is escaped as by {@link escapeUnsafe}.
 */
export function oneLine(text: string): string {
  return escapeUnsafe(text.replace(BREAKS, ' '));
}

/**
 * A path (a file or folder name) for one line of output: every unsafe character escaped, line
 * breaks included (`a\u000ab.env`), never turned into a space as {@link oneLine} does for prose:
 * a name is data, and a space would let `a\nb.txt:1:1: error x` pass for a line of findings.
 */
export function pathText(path: string): string {
  return escapeUnsafe(path);
}

/**
 * `text` cut to `max` characters (UTF-16 code units) with an ellipsis counted in them, never inside
 * a surrogate pair: half an emoji is an invalid character some viewers show as garbage.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // a high surrogate: its pair would be cut off
  return `${text.slice(0, end)}…`;
}

/**
 * Characters that show nothing, or only blank space, on their own: controls, format characters
 * (U+200B, U+200D, U+00AD, U+FEFF, tags), surrogates, private-use and unassigned code points
 * (`\p{C}`); every space but the ASCII one (`\p{Z}`: U+00A0, U+3000); Unicode's default-ignorable
 * code points (variation selectors, the Hangul fillers U+115F, U+1160, U+3164, U+FFA0); and the
 * blank Braille pattern U+2800. In a message such a character between backticks reads as nothing
 * or as a space, so it is named by code point instead.
 */
const INVISIBLE = /[\p{C}\p{Z}\p{Default_Ignorable_Code_Point}\u2800]/u;
/** Combining marks: shown alone they draw on whatever precedes them (a backtick in a message). */
const MARK = /\p{M}/u;

/**
 * Describes one character for a message: unsafe, invisible and combining ones by code point (`the
 * character U+202E`), a space in words, others quoted.
 */
export function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (ch === ' ') return 'a space';
  if (isUnsafeChar(code) || INVISIBLE.test(ch) || MARK.test(ch)) {
    return `the character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return ch === '`' ? '"`"' : `\`${ch}\``;
}
