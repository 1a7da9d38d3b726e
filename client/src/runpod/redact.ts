/**
 * Removes sensitive strings (the API key, every secret value this process sent) from text before
 * it reaches an error message, a log line or a notification. A server, proxy or gateway may echo
 * request data back in an error body or header; whatever it echoes must not leak through us.
 */

/** What replaces a sensitive string. */
export const REDACTED = '[redacted]';

/**
 * Values shorter than this are only redacted where they stand as a whole token. Replacing every
 * occurrence of a two-letter value inside ordinary words would wreck the message, and a two-letter
 * value is only recognisable where it stands on its own anyway.
 */
const SHORT_VALUE = 6;

/** The forms in which a string can come back inside text: raw, JSON-escaped, URL-encoded. */
function variants(secret: string): string[] {
  const forms = new Set<string>([secret]);
  forms.add(JSON.stringify(secret).slice(1, -1));
  try {
    forms.add(encodeURIComponent(secret));
  } catch {
    // Lone surrogates cannot be URL-encoded; the raw and JSON forms still apply.
  }
  return [...forms].filter((form) => form.length > 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes every occurrence of each secret (in its raw, JSON and URL forms) from `text`. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  // Longest first, so a secret that contains another is removed whole.
  const forms = [...secrets].flatMap(variants).sort((a, b) => b.length - a.length);
  for (const form of forms) {
    if (!out.includes(form)) continue;
    if (form.length >= SHORT_VALUE) {
      out = out.split(form).join(REDACTED);
    } else {
      const token = new RegExp(`(^|[^\\p{L}\\p{N}_])${escapeRegExp(form)}(?=$|[^\\p{L}\\p{N}_])`, 'gu');
      out = out.replace(token, `$1${REDACTED}`);
    }
  }
  return out;
}

/** A growing set of sensitive strings with a `redact` bound to it; one per client. */
export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(initial: Iterable<string> = []) {
    for (const secret of initial) this.add(secret);
  }

  /** Registers a string that must never be written out. Empty strings are ignored. */
  add(secret: string | undefined): void {
    if (secret) this.secrets.add(secret);
  }

  /** `text` with every registered string removed. */
  redact(text: string): string {
    return redact(text, this.secrets);
  }
}
