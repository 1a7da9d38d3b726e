/** One labelled line of the credential corpus, and how it is written into an env file. */

export interface CorpusLine {
  /** Provider or kind of value, for the per-category table. */
  category: string;
  key: string;
  value: string;
  /** True when the line holds a credential the rule should report. */
  positive: boolean;
  /**
   * For positives: where the credential sits in `value` (a token inside `Bearer ...`, the password
   * of a URL). A report counts only when its span overlaps this part.
   */
  secret?: { start: number; end: number };
  /** The env line (`KEY=value`, quoted when the value needs it); the value starts at `valueStart`. */
  text: string;
  valueStart: number;
}

const NEEDS_QUOTES = /[\s#"'\\]/;

/**
 * A corpus line. Values are written so the text holds them verbatim (no escapes): unquoted when
 * plain, single-quoted (literal) when they hold blanks or `#`, double-quoted only for multi-line
 * values, which then must not hold `"` or `\`. `secret` is a substring of the value (its first
 * occurrence), or the whole value when omitted.
 */
export function line(category: string, key: string, value: string, positive: boolean, secret?: string): CorpusLine {
  let quote = '';
  if (NEEDS_QUOTES.test(value)) {
    if (!value.includes("'") && !value.includes('\n')) quote = "'";
    else if (!value.includes('"') && !value.includes('\\')) quote = '"';
    else throw new Error(`corpus value cannot be written verbatim: ${JSON.stringify(value)}`);
  }
  const text = `${key}=${quote}${value}${quote}`;
  const out: CorpusLine = { category, key, value, positive, text, valueStart: key.length + 1 + quote.length };
  if (positive) {
    const at = secret === undefined ? 0 : value.indexOf(secret);
    if (at < 0) throw new Error(`secret not in value: ${JSON.stringify(value)}`);
    out.secret = { start: at, end: at + (secret ?? value).length };
  }
  return out;
}
