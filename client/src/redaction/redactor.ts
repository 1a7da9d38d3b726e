/**
 * The one redactor: removes sensitive strings (the API key, every secret value this process sent
 * or the user entered) from text before it reaches an error message, a log line, a notification or
 * a terminal. A server, proxy or gateway may echo request data back in any encoding, cut short, or
 * one line of a multi-line value at a time; whatever comes back must not leak through us.
 * Pure (no `vscode`): the API client, the extension log and the command line all use it.
 */
import { SpanFinder, type Pattern } from './spanFinder';

/** What replaces a sensitive string. */
export const REDACTED = '[redacted]';

/**
 * Strings shorter than this are redacted only where they stand as a whole token. Replacing every
 * "ab1" inside ordinary words would wreck messages, and a value that short is only recognisable
 * where it stands on its own anyway; from six characters on, a value is removed wherever it occurs.
 */
export const SHORT_VALUE = 6;

/**
 * Each line of a multi-line value (a key file, a certificate, an env file kept as one secret) is
 * redacted on its own from this length, since an error may quote a single line. Shorter lines of
 * such values are structure (`}`, `-----`, `[a]`), found in ordinary text; the value as a whole
 * still covers them wherever it appears whole.
 */
export const LINE_MIN = 8;

/**
 * A text run this long that is the beginning of a registered string is redacted: what a server
 * leaves when it cuts an echo short. Twelve characters of a key carry far more than enough to
 * matter, while shorter runs collide with ordinary text (`https://`, `postgres://u`).
 */
export const PREFIX_MIN = 12;

/**
 * How much of a value is searched for. Real secrets (keys, certificates, service-account JSON)
 * fit whole. Of a longer value (up to RunPod's 16 MiB) the first FORM_MAX characters of each form
 * are searched, which with PREFIX_MIN removes any quote of its beginning, and its lines, up to
 * LINE_BUDGET characters of them. Every form of a 16 MiB value would take gigabytes (measured
 * before this cap: a 0.9 MB value took 2 GB and 37 s to register).
 */
export const FORM_MAX = 32 * 1024;
const LINE_BUDGET = 64 * 1024;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The forms in which a string can come back inside text. */
function forms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const out = [
    value,
    value.trim(),
    json,
    // A JSON string nested once more (a body logged inside a JSON error detail).
    JSON.stringify(json).slice(1, -1),
    // Serialisers that escape everything outside ASCII (Python's json.dumps by default).
    json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!),
  ];
  for (const encode of [encodeURIComponent, encodeURI]) {
    try {
      const url = encode(value);
      // Form encoding writes spaces as '+'; some encoders write hex digits in lower case.
      out.push(url, url.replace(/%20/g, '+'), url.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
    } catch {
      // Lone surrogates cannot be URL-encoded; the other forms still apply.
    }
  }
  // Base64 of the value alone (Basic auth of a bare key) without its padding, and inside longer
  // text. A few base64 letters say nothing of a short value and turn up everywhere: not searched.
  const base64 = [Buffer.from(value, 'utf8').toString('base64').replace(/=+$/, ''), ...base64Cores(value)];
  out.push(...base64.filter((form) => form.length >= SHORT_VALUE));
  return out;
}

/**
 * The value inside base64 (Basic auth `user:value`, a data URL, an encoded body): its encoding
 * depends on where it starts modulo 3 bytes, so for each of the three offsets, the characters that
 * depend on the value's bytes alone (not on the bytes before or after it).
 */
function base64Cores(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    return encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
  });
}

/**
 * Every string to search for when `value` is sensitive: its forms, and each long line of a
 * multi-line value as it stands and JSON-escaped (an error quotes a line in its own text or in a
 * JSON body). Encoding is local to each character, so the forms of the value's beginning are the
 * beginnings of its forms: a long value is cut before it is encoded.
 */
function patternsOf(value: string): string[] {
  const texts = new Set(forms(value.slice(0, FORM_MAX)).map((form) => form.slice(0, FORM_MAX)));
  if (/[\r\n]/.test(value)) {
    let budget = LINE_BUDGET;
    for (const raw of linesOf(value)) {
      // Each line costs one, each registered one its length too: bounded however the value is cut.
      if (--budget <= 0) break;
      const line = raw.trim().slice(0, FORM_MAX);
      if (line.length < LINE_MIN) continue;
      texts.add(line).add(JSON.stringify(line).slice(1, -1));
      budget -= line.length;
    }
  }
  texts.delete('');
  return [...texts];
}

/** The lines of `value` one at a time: a 16 MiB value is not split into a million strings at once. */
function* linesOf(value: string): Generator<string> {
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let found = breaks.exec(value); found; found = breaks.exec(value)) {
    yield value.slice(start, found.index);
    start = breaks.lastIndex;
  }
  yield value.slice(start);
}

/** A growing set of sensitive strings and the function that scrubs them out of text. */
export class Redactor {
  private readonly patterns = new Map<string, Pattern>();
  /** Built on first use after a change: values are added rarely, text is redacted often. */
  private finder: SpanFinder | undefined;

  constructor(initial: Iterable<string | undefined | null> = []) {
    for (const value of initial) this.add(value);
  }

  /**
   * Registers a string that must never be written out. Empty strings and non-strings are ignored.
   * Only the strings searched for are kept, not the value (which may be 16 MiB).
   */
  add(value: string | undefined | null): void {
    if (typeof value !== 'string' || value.length === 0) return;
    for (const text of patternsOf(value)) {
      if (this.patterns.has(text)) continue;
      this.patterns.set(text, { text, tokenOnly: text.length < SHORT_VALUE });
      this.finder = undefined;
    }
  }

  /**
   * `text` with every occurrence of every form of every registered string replaced by
   * `[redacted]`. Occurrences that overlap or touch become one span, so no tail of either survives.
   */
  redact(text: string): string {
    if (this.patterns.size === 0 || text.length === 0) return text;
    this.finder ??= new SpanFinder(this.patterns.values(), PREFIX_MIN);
    const spans = this.finder.spans(text);
    if (spans.length === 0) return text;
    let out = '';
    let cursor = 0;
    for (const [start, end] of spans) {
      out += text.slice(cursor, start) + REDACTED;
      cursor = end;
    }
    return out + text.slice(cursor);
  }
}

/** `text` without any of `secrets` (in any of their forms); for one-off messages. */
export function redact(text: string, secrets: Iterable<string | undefined | null>): string {
  return new Redactor(secrets).redact(text);
}
