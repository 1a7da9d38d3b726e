/**
 * Removes registered sensitive strings (the API key, every secret value the user entered in this
 * session) from text before it is written anywhere. Pure: no `vscode` import, tested on its own.
 */

/** What replaces a sensitive string. */
export const REDACTED = '[redacted]';

/**
 * Strings shorter than this are not searched for: replacing every "a" or "12" would shred the log
 * while protecting nothing (such values are never printed as values in the first place).
 */
export const MIN_SENSITIVE_LENGTH = 4;

/** The forms a value can take in a log line: as typed, inside a JSON string, inside a URL. */
function variants(value: string): string[] {
  const forms = new Set<string>([value]);
  const json = JSON.stringify(value).slice(1, -1);
  forms.add(json);
  // A JSON string nested once more (a body logged inside a JSON error detail).
  forms.add(JSON.stringify(json).slice(1, -1));
  forms.add(encodeURIComponent(value));
  // Form encoding writes spaces as '+'.
  forms.add(encodeURIComponent(value).replace(/%20/g, '+'));
  try {
    forms.add(encodeURI(value));
  } catch {
    // Lone surrogates cannot be URI-encoded; the other forms still apply.
  }
  return [...forms].filter((form) => form.length >= MIN_SENSITIVE_LENGTH);
}

/** A set of sensitive strings and the function that scrubs them out of text. */
export class Redactor {
  private readonly forms = new Set<string>();

  /** Registers a string that must never be written out. Short or empty strings are ignored. */
  add(value: string | undefined | null): void {
    if (typeof value !== 'string' || value.length < MIN_SENSITIVE_LENGTH) return;
    for (const form of variants(value)) this.forms.add(form);
  }

  /** Number of registered forms; lets callers and tests see that something was registered. */
  get size(): number {
    return this.forms.size;
  }

  /**
   * Replaces every occurrence of every registered form in `text` with `[redacted]`. Occurrences
   * that overlap or touch (two values sharing characters in the text) are merged into one span, so
   * no tail of either value survives, which a left-to-right regex alternation would leave behind.
   */
  redact(text: string): string {
    if (this.forms.size === 0 || text.length === 0) return text;
    const spans: Array<[number, number]> = [];
    for (const form of this.forms) {
      for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
        spans.push([at, at + form.length]);
      }
    }
    if (spans.length === 0) return text;
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let out = '';
    let cursor = 0;
    let [start, end] = spans[0]!;
    for (const [s, e] of spans.slice(1)) {
      if (s <= end) {
        end = Math.max(end, e);
        continue;
      }
      out += text.slice(cursor, start) + REDACTED;
      cursor = end;
      [start, end] = [s, e];
    }
    return out + text.slice(cursor, start) + REDACTED + text.slice(end);
  }
}
