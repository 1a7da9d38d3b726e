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
 * Whether `text` holds no character {@link escapeUnsafe} would escape: it shows as written, on one
 * line. For text that is used as well as shown (an SSH command copied to be pasted into a
 * terminal), where showing an escape is not enough.
 */
export function isShownAsIs(text: string): boolean {
  return !UNSAFE.test(text);
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
 * Invisible characters are shown as escapes too ({@link showInvisible}).
 */
export function pathText(path: string): string {
  return nameText(path);
}

/**
 * A name (a secret's in a reference, a Pod's) for a message or a hover: unsafe characters escaped as
 * {@link escapeUnsafe} does and invisible ones as {@link showInvisible} does, so `a\u200db` is not
 * shown as `ab`.
 */
export function nameText(name: string): string {
  return showInvisible(escapeUnsafe(name));
}

/**
 * The most characters of one piece of a server's text a view shows whole: a field of a Pod's,
 * endpoint's or worker's tooltip, an SSH command to copy. No RunPod name, image or command comes
 * near it; a broken or hostile server's megabyte fields were escaped and written out in full on
 * every render of the views.
 */
export const SHOWN_TEXT_MAX = 1_000;

/** The most characters a label shows of a name: enough to tell names apart, never a screenful. */
export const LABEL_MAX = 200;

/**
 * A file name or path as a label or inside a notice (the extension's trees and notifications, the
 * server's warnings): a line break shown as its escape, never a space ({@link pathText}), at most
 * {@link LABEL_MAX} characters: a path can be thousands long.
 */
export function pathLabel(path: string): string {
  return clip(pathText(path), LABEL_MAX);
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

/** What {@link showInvisible} looks at: the invisible characters and the marks. */
const INVISIBLE_OR_MARK = /[\p{C}\p{Z}\p{Default_Ignorable_Code_Point}\u2800\p{M}]/gu;
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
/** An emoji, or a keycap's digit, `#` or `*`: what a variation selector or a joiner belongs to. */
const EMOJI_BASE = /[\p{Extended_Pictographic}0-9#*]/u;
const EMOJI_MODIFIER = /\p{Emoji_Modifier}/u;

/** The code point of `text` that ends at `at` ('' at the start). */
function before(text: string, at: number): string {
  if (at <= 0) return '';
  const low = text.charCodeAt(at - 1);
  const high = at >= 2 ? text.charCodeAt(at - 2) : 0;
  return text.slice(low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? at - 2 : at - 1, at);
}

/**
 * Whether a mark, variation selector or joiner belongs to the visible character `base` it follows
 * (marks and skin tones between them skipped): an accent on a letter (`e` + U+0301, as macOS writes
 * file names), VS15/VS16 on an emoji or keycap, a zero-width joiner between two emoji (🧑‍💻).
 * Anything else shows nothing, or draws on a neighbour it was not written for.
 * @param next the text right after `ch`
 */
function belongsTo(base: string, ch: string, next: string): boolean {
  if (ch === '\u200d') return PICTOGRAPH.test(base) && PICTOGRAPH_FIRST.test(next);
  if (ch === '\ufe0e' || ch === '\ufe0f') return EMOJI_BASE.test(base);
  return MARK.test(ch) && !IGNORABLE.test(ch) && base !== '' && base !== ' ' && !INVISIBLE.test(base);
}
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const PICTOGRAPH_FIRST = /^\p{Extended_Pictographic}/u;

/**
 * Text shown as data (a name, a path; not prose), after {@link escapeUnsafe} or {@link oneLine}:
 * each invisible character (see INVISIBLE) and each mark that belongs to no visible character is
 * written as its escape (`pr\u200bod`), so one name cannot pass for another; spaces, accents and
 * emoji sequences stay as written. One pass: a name of a million marks costs a million steps.
 */
export function showInvisible(text: string): string {
  let end = -1; // where the previous match ended
  let base = ''; // the character a mark at `end` draws on
  return text.replace(INVISIBLE_OR_MARK, (ch: string, at: number) => {
    if (at !== end) {
      // Visible text since the previous match: its last character is the base (a skin tone is not).
      let k = at;
      for (base = before(text, k); EMOJI_MODIFIER.test(base); base = before(text, k)) k -= base.length;
    }
    end = at + ch.length;
    if (ch === ' ') {
      base = ch;
      return ch;
    }
    if (belongsTo(base, ch, text.slice(end, end + 2))) return ch;
    base = ''; // an escape carries no marks
    return escapeUnits(ch);
  });
}

/** Each UTF-16 unit of `ch` as its escape (a character past U+FFFF is two). */
function escapeUnits(ch: string): string {
  return ch.length === 1 ? escapeOne(ch) : escapeOne(ch[0]!) + escapeOne(ch.slice(1));
}

/**
 * Describes one character for a message: unsafe, invisible and combining ones by code point (`the
 * character U+202E`), a space in words, others quoted.
 */
export function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (ch === ' ') return 'a space';
  // Every unsafe character (UNSAFE) is a control, a format character or a separator: INVISIBLE holds it.
  if (INVISIBLE.test(ch) || MARK.test(ch)) {
    return `the character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return ch === '`' ? '"`"' : `\`${ch}\``;
}
