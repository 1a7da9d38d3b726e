/**
 * Whether `JSON.parse` would accept a text, answered without building anything. The fast walk
 * (validJson.ts) may read a document only when it is valid JSON; asking `JSON.parse` built the
 * whole value to throw it away, which on a 256,000-key template was a third of the analysis and
 * most of its garbage (a dictionary of every key, promoted to the old generation on the way). This
 * scan reads each character once, keeps a stack of one byte per open container, and answers as
 * `JSON.parse` does: a differential property test (test/formats/json-accepts.test.ts) holds the two to the same
 * answer on generated and mutated documents.
 *
 * The grammar is RFC 8259's, which is what `JSON.parse` implements: whitespace is only space, tab,
 * line feed and carriage return; strings hold no control character below U+0020 and only the
 * escapes `\" \\ \/ \b \f \n \r \t \uXXXX` (a lone surrogate is fine: JS strings hold them);
 * numbers have no leading zero, `+`, bare `.` or hex; one value, then only whitespace.
 */

const OBJECT = 1;
const ARRAY = 2;

/**
 * Below this many characters `JSON.parse` itself answers: a template of a few kilobytes parses
 * natively in microseconds and its garbage dies young, while the scan below runs in V8's
 * interpreter until it is hot, which made the workspace index's cold read of 2,000 small JSON files
 * 30 ms slower (50-78 ms against 19-33 ms in a fresh process; warm, the two are even). Above it,
 * the value `JSON.parse` builds is what costs.
 */
export const SCAN_FROM_CHARS = 64 * 1024;

/** Whether `JSON.parse(text)` succeeds, asked of `JSON.parse` for a small text and scanned for a large one ({@link SCAN_FROM_CHARS}). */
export function jsonAccepts(text: string): boolean {
  if (text.length >= SCAN_FROM_CHARS) return scanAccepts(text);
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The scan: whether `JSON.parse(text)` would succeed. Iterative: any nesting depth costs a stack entry, not a call. Exported for its differential test. */
export function scanAccepts(text: string): boolean {
  const n = text.length;
  // One byte per open container: 16 MiB of `[` costs 16 MB here (a JS array of numbers took about 28 bytes a level).
  let open: Uint8Array = new Uint8Array(64);
  let depth = 0;
  let i = blanks(text, 0);
  for (;;) {
    // A value starts at i.
    const c = text.charCodeAt(i);
    if (c === 123 /* { */) {
      i = blanks(text, i + 1);
      if (text.charCodeAt(i) === 125 /* } */) i++;
      else {
        if (depth === open.length) open = grown(open);
        open[depth++] = OBJECT;
        i = member(text, i);
        if (i < 0) return false;
        continue;
      }
    } else if (c === 91 /* [ */) {
      i = blanks(text, i + 1);
      if (text.charCodeAt(i) === 93 /* ] */) i++;
      else {
        if (depth === open.length) open = grown(open);
        open[depth++] = ARRAY;
        continue;
      }
    } else if (c === 34 /* " */) i = string(text, i);
    else if (c === 45 /* - */ || (c >= 48 && c <= 57)) i = number(text, i);
    else if (c === 116 /* t */) i = text.startsWith('true', i) ? i + 4 : -1;
    else if (c === 102 /* f */) i = text.startsWith('false', i) ? i + 5 : -1;
    else if (c === 110 /* n */) i = text.startsWith('null', i) ? i + 4 : -1;
    else return false;
    if (i < 0) return false;
    // The value ended at i: close the containers it ends, or go on to the next entry.
    for (;;) {
      i = blanks(text, i);
      if (depth === 0) return i === n;
      const d = text.charCodeAt(i);
      const container = open[depth - 1];
      if (d === 44 /* , */) {
        i = blanks(text, i + 1);
        if (container === OBJECT) {
          i = member(text, i);
          if (i < 0) return false;
        }
        break;
      }
      if (d !== (container === OBJECT ? 125 : 93)) return false;
      depth--;
      i++;
    }
  }
}

/** `open` at twice its size. */
function grown(open: Uint8Array): Uint8Array {
  const bigger = new Uint8Array(open.length * 2);
  bigger.set(open);
  return bigger;
}

/**
 * Runs the engine's compiled regular expressions skip, instead of a loop over each character:
 * blanks (indentation), and the characters of a string that need no look (anything but a quote, a
 * backslash or a control character). Sticky, so they match only at `lastIndex`; `*`, so they always
 * match, maybe nothing, and `lastIndex` is where the run ends.
 */
const BLANK_RUN = /[ \t\n\r]*/y;
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;

/** Past the whitespace JSON allows at `i`. */
function blanks(text: string, i: number): number {
  const c = text.charCodeAt(i);
  // Most places have no blank, or one space: no call for those.
  if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
  BLANK_RUN.lastIndex = i + 1;
  BLANK_RUN.test(text);
  return BLANK_RUN.lastIndex;
}

/** A property name, blanks, `:` and blanks at `i`: where its value starts, or -1. */
function member(text: string, i: number): number {
  if (text.charCodeAt(i) !== 34) return -1;
  i = string(text, i);
  if (i < 0) return -1;
  i = blanks(text, i);
  if (text.charCodeAt(i) !== 58 /* : */) return -1;
  return blanks(text, i + 1);
}

/** The string whose opening quote is at `i`: the index after its closing quote, or -1. */
function string(text: string, i: number): number {
  const n = text.length;
  for (let k = i + 1; k < n; ) {
    PLAIN_RUN.lastIndex = k;
    PLAIN_RUN.test(text);
    k = PLAIN_RUN.lastIndex;
    const c = text.charCodeAt(k);
    if (c === 34) return k + 1;
    if (c !== 92 /* \ */) return -1; // a control character, or the end of the text
    const e = text.charCodeAt(k + 1);
    if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) k += 2;
    else if (e === 117 /* u */) {
      for (let h = k + 2; h < k + 6; h++) if (!isHex(text.charCodeAt(h))) return -1;
      k += 6;
    } else return -1;
  }
  return -1;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** The number starting at `i` (`-`, or a digit): the index after it, or -1. */
function number(text: string, i: number): number {
  if (text.charCodeAt(i) === 45) i++;
  const first = text.charCodeAt(i);
  if (first === 48) i++;
  else if (first >= 49 && first <= 57) i = digits(text, i + 1);
  else return -1;
  if (text.charCodeAt(i) === 46 /* . */) {
    const after = digits(text, i + 1);
    if (after === i + 1) return -1;
    i = after;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69 /* e E */) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 43 || sign === 45) i++;
    const after = digits(text, i);
    if (after === i) return -1;
    i = after;
  }
  return i;
}

function digits(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    // Past the end charCodeAt gives NaN, which this also stops at.
    if (!(c >= 48 && c <= 57)) return i;
    i++;
  }
}
