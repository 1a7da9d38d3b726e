/**
 * Finds `{{ ... }}` in a decoded value and classifies each one that concerns RunPod secrets:
 * canonical, noncanonical spacing, or malformed. User templating (`{{ .Values.x }}`, `{{ name }}`)
 * is not ours and is skipped. Works on the decoded value so escapes in quoted strings never shift
 * positions: `offsets` maps every decoded index back to the document. Whether RunPod substitutes a
 * reference so classified is decided in one place, substitution.ts.
 *
 * Linear in the value length: every `{{` and `}}` is located once (no rescans to the end per `{{`).
 */
import { escapeUnsafe } from './displayText';
import { SECRET_REFERENCE_PREFIX, formatReference } from './names';
import type { FoundReference, Malformation, ReferenceForm, Span } from './types';

export interface FindReferencesOptions {
  /** Document offset of each decoded character plus one for the end (`EnvVariable.valueOffsets`). */
  offsets?: readonly number[];
  /** Instead of `offsets`: the value is raw document text starting at this offset. */
  offsetBase?: number;
  /** Key of the variable the value belongs to, copied into each reference. */
  variableKey?: string;
}

const PREFIX = SECRET_REFERENCE_PREFIX;
const PREFIX_UPPER = PREFIX; // already upper case
const EXACT = { length: PREFIX.length, exact: true } as const;
/** Edits tolerated between what was written and `RUNPOD_SECRET_` before we call it "not ours". */
const MAX_PREFIX_DISTANCE = 2;

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}
/** Characters that end a name run: whitespace, braces, line breaks. */
function endsToken(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 125 /* } */ || c === 123 /* { */;
}
function isSeparator(c: number): boolean {
  return c === 95 || c === 45 || c === 46; // _ - .
}

interface PrefixMatch {
  /** Length of the written prefix within the token. */
  length: number;
  /** Exactly `RUNPOD_SECRET_`. */
  exact: boolean;
}

/**
 * Decides whether `token` starts with something meant as `RUNPOD_SECRET_`: exact, wrong case
 * (`runpod_secret_`), or within two edits (`RUNPOD_SECRETS_`, `RUNPOD_SCRET_`). A fuzzy prefix must
 * end in a separator (or be the whole token) so `{{ RUNPOD_SECRETARY }}` stays user templating.
 */
function matchPrefix(token: string): PrefixMatch | undefined {
  if (token.startsWith(PREFIX)) return { length: PREFIX.length, exact: true };
  const m = PREFIX_UPPER.length;
  const maxLen = Math.min(token.length, m + MAX_PREFIX_DISTANCE);
  if (maxLen < m - MAX_PREFIX_DISTANCE) return undefined;
  // One DP over token prefixes against the full pattern: row i gives the distance of token[0, i).
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  let best: PrefixMatch | undefined;
  let bestD = MAX_PREFIX_DISTANCE + 1;
  for (let i = 1; i <= maxLen; i++) {
    let ch = token.charCodeAt(i - 1);
    if (ch >= 97 && ch <= 122) ch -= 32;
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = ch === PREFIX_UPPER.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    const d = cur[m]!;
    const endsWell = isSeparator(token.charCodeAt(i - 1)) || i === token.length;
    // Prefer the smallest distance; on a tie the longer prefix ending in a separator.
    if (endsWell && d <= bestD && d <= MAX_PREFIX_DISTANCE) {
      bestD = d;
      best = { length: i, exact: false };
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return best;
}

/**
 * Finds the RunPod secret references in a decoded value.
 * @param value decoded value (quotes removed, escapes applied)
 * @param options `offsets` to map spans into the document; `variableKey` to label the references
 * @returns references in order; user templating that is not about RunPod secrets is left out
 */
export function findReferencesInValue(value: string, options: FindReferencesOptions = {}): FoundReference[] {
  return scanReferences(value, options.offsets, options.offsetBase ?? 0, options.variableKey ?? '');
}

/** Document offset of decoded index `i`: through the offsets when `map` is an array, else `map + i` (the value is the written text from offset `map`). */
function mapOffset(map: readonly number[] | number, i: number): number {
  return typeof map === 'number' ? map + i : (map[i] ?? map[map.length - 1] ?? i);
}

/** `findReferencesInValue` without the options object (called once per value with `{{`). */
export function scanReferences(
  value: string,
  offsets: readonly number[] | undefined,
  base: number,
  variableKey: string,
): FoundReference[] {
  // Almost every value holds one reference: `[ref]` is sized exactly, while `[]` grown by push
  // reserves 17 slots, and these arrays live as long as the analysis.
  let out: FoundReference[] | undefined;
  let open = value.indexOf('{{');
  if (open < 0) return [];
  // Next `}}` and next line break at or after some point; each recomputed only once we pass it,
  // so thousands of unclosed `{{` on a 5 MB line stay linear.
  let close = -2;
  let lf = -2;
  let cr = -2;
  while (open >= 0) {
    const contentStart = open + 2;
    // `{{{`: let the last `{{` of a brace run own the reference.
    if (value.charCodeAt(contentStart) === 123) {
      open = value.indexOf('{{', open + 1);
      continue;
    }
    const nextOpen = value.indexOf('{{', contentStart);
    if (close !== -1 && close < contentStart) close = value.indexOf('}}', contentStart);
    const closed = close >= 0 && (nextOpen < 0 || close < nextOpen);
    let contentEnd = closed ? close : nextOpen < 0 ? value.length : nextOpen;
    if (!closed) {
      // An unclosed reference ends at its line's end: a multi-line value's next line is not part of it.
      if (lf !== -1 && lf < contentStart) lf = value.indexOf('\n', contentStart);
      if (cr !== -1 && cr < contentStart) cr = value.indexOf('\r', contentStart);
      if (lf >= 0 && lf < contentEnd) contentEnd = lf;
      if (cr >= 0 && cr < contentEnd) contentEnd = cr;
    }
    const ref = classify(value, open, contentStart, contentEnd, closed, variableKey, offsets, base);
    if (ref) {
      if (out) out.push(ref);
      else out = [ref];
    }
    open = nextOpen;
  }
  return out ?? [];
}

function classify(
  value: string,
  open: number,
  contentStart: number,
  contentEnd: number,
  closed: boolean,
  variableKey: string,
  offsets: readonly number[] | undefined,
  base: number,
): FoundReference | undefined {
  let p = contentStart;
  while (p < contentEnd && isSpace(value.charCodeAt(p))) p++;
  const leading = p - contentStart;
  // Fast path for the usual, exact prefix: none of its characters ends a token, so the token scan
  // starts after it (when it fits before contentEnd), and only other tokens are sliced for the fuzzy match.
  const exactStart = p + PREFIX.length <= contentEnd && value.startsWith(PREFIX, p);
  let tokenEnd = exactStart ? p + PREFIX.length : p;
  while (tokenEnd < contentEnd && !endsToken(value.charCodeAt(tokenEnd))) tokenEnd++;
  const token = exactStart ? PREFIX : value.slice(p, tokenEnd);
  const prefix = token === PREFIX && tokenEnd - p >= PREFIX.length ? EXACT : matchPrefix(token);
  if (!prefix) return undefined;

  const nameStart = p + prefix.length;
  const name = value.slice(nameStart, tokenEnd);
  // What follows the name inside the braces: whitespace is spacing, anything else is stray.
  let q = tokenEnd;
  while (q < contentEnd && isSpace(value.charCodeAt(q))) q++;
  const trailing = q - tokenEnd;
  let strayStart = -1;
  let onlyBracesAfter = true; // for unclosed: `{{ RUNPOD_SECRET_x }` still has a clear intent
  for (let k = q; k < contentEnd; k++) {
    const c = value.charCodeAt(k);
    if (c === 125 && !closed) continue;
    if (isSpace(c) && !closed) continue;
    onlyBracesAfter = false;
    strayStart = k;
    break;
  }

  // Span: to the closing braces, or for an unclosed reference to the end of its text (whitespace trimmed).
  let end = closed ? contentEnd + 2 : contentEnd;
  if (!closed) while (end > tokenEnd && isSpace(value.charCodeAt(end - 1))) end--;

  let malformation: Malformation | undefined;
  let message: string | undefined;
  if (!prefix.exact) {
    malformation = 'prefix';
    // As a message shows it: an escape sequence or a bidi control in the file is written as an escape.
    const written = escapeUnsafe(token.slice(0, prefix.length));
    message =
      written.toUpperCase() === PREFIX
        ? `The prefix is case-sensitive: write \`${PREFIX}\`, not \`${written}\`.`
        : written.includes('`')
          ? `Expected the prefix \`${PREFIX}\`.`
          : `Expected the prefix \`${PREFIX}\` but found \`${written}\`.`;
  } else if (!closed) {
    malformation = 'unclosed';
    message = 'Reference is not closed: add ` }}`.';
  } else if (name.length === 0) {
    malformation = 'empty-name';
    message = `The reference names no secret: write \`${formatReference('<name>')}\`.`;
  } else if (strayStart >= 0) {
    malformation = 'stray';
    message = 'Unexpected text inside the reference braces; only `RUNPOD_SECRET_<name>` may appear there.';
  }

  const wellFormed = malformation === undefined;
  const canonical = wellFormed && leading === 1 && trailing === 1 && value.charCodeAt(contentStart) === 32 && value.charCodeAt(tokenEnd) === 32;
  // Intended name clear: a name is there and nothing unexplained follows it.
  const clear = name.length > 0 && strayStart < 0 && (closed || onlyBracesAfter);
  return new Reference(
    name,
    variableKey,
    wellFormed ? (canonical ? 'canonical' : 'noncanonical') : 'malformed',
    open !== 0 || end !== value.length,
    malformation,
    message,
    !canonical && clear ? formatReference(name) : undefined,
    offsets,
    base,
    open,
    end,
    nameStart,
    tokenEnd,
  );
}

/** What only a malformed or non-canonical reference has: one object for those, none for the canonical ones (nearly all). */
interface Unusual {
  readonly malformation: Malformation | undefined;
  readonly malformationMessage: string | undefined;
  readonly normalized: string | undefined;
}

/**
 * A `FoundReference` that keeps its positions as numbers and builds the three span objects when
 * read. Building them up front was three quarters of the classification time (four objects per
 * reference instead of one), and most references are never reported, so their spans were never
 * read. Spans are fresh objects on each read; `JSON.stringify` works through `toJSON`. What only
 * an unusual reference has sits in one object of its own, and the map to the document in one field:
 * 10 fields instead of 13, 24 bytes less on each of a 256k-key template's 64,000 references.
 */
class Reference implements FoundReference {
  /**
   * One instance kept for the life of the process, so a full GC between analyses does not free
   * this class's hidden class and discard the optimised code that embeds it (see
   * `LazyEnvVariable.SHAPE_KEEPER` in readers/env.ts).
   */
  static readonly SHAPE_KEEPER: FoundReference = new Reference('', '', 'canonical', false, undefined, undefined, undefined, undefined, 0, 0, 0, 0, 0);
  readonly name: string;
  readonly variableKey: string;
  readonly form: ReferenceForm;
  readonly embedded: boolean;
  // Always present (possibly undefined): one object shape keeps the rules' property reads fast.
  readonly #unusual: Unusual | undefined;
  /** Decoded index to document offset: through the offsets when an array, else the offset of index 0 plus the index. */
  readonly #map: readonly number[] | number;
  /** Decoded indices: `{{`, the end of the span, the name. */
  readonly #open: number;
  readonly #end: number;
  readonly #nameStart: number;
  readonly #nameEnd: number;
  constructor(
    name: string,
    variableKey: string,
    form: ReferenceForm,
    embedded: boolean,
    malformation: Malformation | undefined,
    malformationMessage: string | undefined,
    normalized: string | undefined,
    offsets: readonly number[] | undefined,
    base: number,
    open: number,
    end: number,
    nameStart: number,
    nameEnd: number,
  ) {
    this.name = name;
    this.variableKey = variableKey;
    this.form = form;
    this.embedded = embedded;
    this.#unusual = malformation === undefined && malformationMessage === undefined && normalized === undefined ? undefined : { malformation, malformationMessage, normalized };
    this.#map = offsets ?? base;
    this.#open = open;
    this.#end = end;
    this.#nameStart = nameStart;
    this.#nameEnd = nameEnd;
  }
  get malformation(): Malformation | undefined {
    return this.#unusual?.malformation;
  }
  get malformationMessage(): string | undefined {
    return this.#unusual?.malformationMessage;
  }
  get normalized(): string | undefined {
    return this.#unusual?.normalized;
  }
  // Derived from `form` rather than stored: two fields fewer on every reference.
  get canonical(): boolean {
    return this.form === 'canonical';
  }
  get wellFormed(): boolean {
    return this.form !== 'malformed';
  }
  get span(): Span {
    return { start: mapOffset(this.#map, this.#open), end: mapOffset(this.#map, this.#end) };
  }
  get nameSpan(): Span {
    return { start: mapOffset(this.#map, this.#nameStart), end: mapOffset(this.#map, this.#nameEnd) };
  }
  get decodedSpan(): Span {
    return { start: this.#open, end: this.#end };
  }
  /** A plain-object copy (for serialising), with the same fields as before the spans became lazy. */
  toJSON(): FoundReference {
    return {
      span: this.span,
      name: this.name,
      nameSpan: this.nameSpan,
      canonical: this.canonical,
      embedded: this.embedded,
      wellFormed: this.wellFormed,
      variableKey: this.variableKey,
      form: this.form,
      decodedSpan: this.decodedSpan,
      malformation: this.malformation,
      malformationMessage: this.malformationMessage,
      normalized: this.normalized,
    };
  }
}
