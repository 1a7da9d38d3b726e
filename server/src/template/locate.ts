/** Maps a document offset to the variable value it falls in, in decoded terms. */
import type { EnvVariable } from './types';

export interface ValueCursor {
  variable: EnvVariable;
  /** Decoded text before the cursor (plus blanks typed after an unquoted value's end). */
  before: string;
  /** Decoded text after the cursor. */
  after: string;
  /** Document offset of a decoded index; indices past the value extend into the trailing blanks. */
  toOffset(index: number): number;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** First index with `offsets[i] >= offset` (offsets are increasing). */
function lowerBound(offsets: readonly number[], offset: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The value containing `offset`: between its opening and closing quote, or for an unquoted value
 * anywhere up to the line's trailing blanks (which the reader trims but the user just typed).
 */
export function valueAt(text: string, variables: readonly EnvVariable[], offset: number): ValueCursor | undefined {
  // Last variable whose value starts at or before the offset.
  let lo = 0;
  let hi = variables.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (variables[mid]!.valueSpan.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  const variable = variables[found]!;
  const o = variable.valueOffsets;
  const first = o[0]!;
  const last = o[o.length - 1]!;
  const value = variable.value;
  if (offset < first) return undefined;
  if (offset <= last) {
    const i = lowerBound(o, offset);
    if (o[i] !== offset) return undefined; // inside an escape sequence
    return { variable, before: value.slice(0, i), after: value.slice(i), toOffset: (k) => o[Math.min(k, o.length - 1)]! };
  }
  // Past the end: only for an unquoted value (its end is the last offset) followed by blanks.
  if (variable.valueSpan.end !== last) return undefined;
  for (let k = last; k < offset; k++) if (!isBlank(text.charCodeAt(k))) return undefined;
  const len = value.length;
  return {
    variable,
    before: value + text.slice(last, offset),
    after: '',
    toOffset: (k) => (k <= len ? o[k]! : last + (k - len)),
  };
}
