/**
 * Finding planted secrets in output, in any form a leak may take: the value itself, any prefix of
 * at least 8 characters (a message that cuts at 40 characters still leaks), any 12 characters
 * from inside it, each line of a multi-line value, and each of those JSON-escaped, URL-encoded and
 * lower-cased (a secret name suggested from the text is lower-cased).
 */

/** Shorter prefixes would match ordinary output by chance; 8 characters of a token are a leak. */
export const MIN_PREFIX = 8;

/** A window this long from inside a value is a leak too (a message that starts quoting mid-token). */
export const MIN_WINDOW = 12;

/**
 * The needles for one planted value. Searching a string for every prefix of length >= 8 is the
 * same as searching it for the prefix of length 8 (a longer prefix contains it), so each form
 * contributes its first 8 characters, and every 12 characters from inside it (a quote that cuts
 * in mid-token); the encodings work character by character, so a piece of an encoded value is
 * the encoding of a piece.
 */
export function needles(value: string): string[] {
  const bases = [value, ...value.split(/\r\n|\n|\r/)].filter((b) => b.length >= MIN_PREFIX);
  const found = new Set<string>();
  for (const base of bases) {
    for (const form of [base, JSON.stringify(base).slice(1, -1), encodeURIComponent(base), base.toLowerCase()]) {
      found.add(form.slice(0, MIN_PREFIX));
      for (let i = 1; i + MIN_WINDOW <= form.length; i++) found.add(form.slice(i, i + MIN_WINDOW));
    }
  }
  return [...found];
}

/**
 * The first planted value found in `output` in any of its forms, with the form that matched, or
 * undefined when `output` is clean. The report names the needle, never the whole value.
 */
export function findLeak(output: string, planted: readonly string[]): string | undefined {
  for (const value of planted) {
    for (const needle of needles(value)) {
      const at = output.indexOf(needle);
      if (at >= 0) return `planted value (needle ${JSON.stringify(needle)}) at offset ${at}: …${JSON.stringify(output.slice(Math.max(0, at - 40), at + 40))}…`;
    }
  }
  return undefined;
}

/** Raw terminal controls: ESC and the other C0 controls but line feed and tab, DEL, C1. */
// eslint-disable-next-line no-control-regex
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
