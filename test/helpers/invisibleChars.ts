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

/** `\u200d`: how the display rule shows a character inside a name (each UTF-16 unit as its JSON escape). */
function escapedForm(ch: string): string {
  return Array.from({ length: ch.length }, (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
}

/**
 * Names holding `ch` where nothing visible owns it (at the start, after a space, between letters
 * unless it is a mark, which draws on a letter), each with how a name is shown: `ch` as its escape.
 */
export function namesWith(ch: string): [name: string, shown: string][] {
  const e = escapedForm(ch);
  const rows: [string, string][] = [[`${ch}prod`, `${e}prod`], [`pr ${ch}od`, `pr ${e}od`]];
  if (!/\p{M}/u.test(ch) || /\p{Default_Ignorable_Code_Point}/u.test(ch)) rows.push([`pr${ch}od`, `pr${e}od`]);
  return rows;
}

/** Names whose marks, variation selectors and joiners belong to a visible character: shown as they are. */
export const VISIBLE_NAMES: readonly string[] = ['cafe\u0301', 'n\u0303o\u0308', '\u{1f9d1}\u200d\u{1f4bb} dev', '\u2764\ufe0f', '1\ufe0f\u20e3', '\u{1f44d}\u{1f3fd}', 'a b'];
