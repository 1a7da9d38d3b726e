/** Character codes and classes the readers share (env files and TOML agree on these). */
export const LF = 10;
export const CR = 13;
export const TAB = 9;
export const SPACE = 32;
export const HASH = 35;
export const DQUOTE = 34;
export const SQUOTE = 39;
export const BACKSLASH = 92;
export const COLON = 58;

/** A space or a tab. */
export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** LF or CR (a CRLF starts with one). */
export function isBreak(c: number): boolean {
  return c === LF || c === CR;
}
