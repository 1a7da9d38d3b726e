/**
 * Characters that show nothing (or only blank space) on their own, one of each kind the display rule
 * (server/src/template/displayText.ts) must name by code point: the core's messages and the
 * client's labels are tested against this one table, so the two sides agree.
 */
export const INVISIBLE_CHARS: readonly string[] = [
  '\u200b', // zero-width space (format)
  '\u200c', // zero-width non-joiner
  '\u200d', // zero-width joiner
  '\u2060', // word joiner
  '\ufeff', // byte order mark / zero-width no-break space
  '\u00ad', // soft hyphen
  '\u180e', // Mongolian vowel separator
  '\u{e0041}', // tag letter A
  '\u0301', // combining acute accent (a mark with no base of its own)
  '\u034f', // combining grapheme joiner
  '\ufe0f', // variation selector 16
  '\u{e0100}', // variation selector 17
  '\u00a0', // no-break space
  '\u2007', // figure space
  '\u202f', // narrow no-break space
  '\u3000', // ideographic space
  '\u115f', // Hangul choseong filler
  '\u1160', // Hangul jungseong filler
  '\u3164', // Hangul filler
  '\uffa0', // halfwidth Hangul filler
  '\u2800', // Braille pattern blank
  '\u{1d173}', // musical symbol begin beam
  '\ue000', // private use
  '\u0378', // unassigned
];

/** Visible characters, shown as themselves. */
export const VISIBLE_CHARS: readonly string[] = ['a', 'é', 'ß', '中', '😀', '-', ':'];

/** `U+200D`: how the display rule names a character. */
export function codePointName(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
