import type { Span } from '../types';

/**
 * The first line of `text`: where a note about the whole file goes (missing-in-environment, the
 * other-account note). Its own module so the environment rules and the account rule, which the
 * rules read, do not import each other.
 */
export function firstLine(text: string): Span {
  const nl = text.search(/\r?\n/);
  return { start: 0, end: nl < 0 ? text.length : nl };
}
