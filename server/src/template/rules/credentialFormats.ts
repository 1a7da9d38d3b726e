/**
 * Credentials in a well-known format, anywhere in a value and whatever the key: provider tokens by
 * prefix (Hugging Face, OpenAI, Anthropic, GitHub, GitLab, Slack, Stripe, SendGrid, npm, AWS,
 * Google, RunPod), JSON Web Tokens, PEM private keys, Slack and Discord webhook URLs, passwords
 * inside URLs (`postgres://app:<password>@db/app`), and HTTP authorization values (`Bearer <token>`,
 * `Basic <base64 of user:password>`).
 *
 * One native regular expression of literal alternatives finds where a format may start; each
 * candidate is then read in full by hand and the search resumes after what was read, so the scan
 * is linear in the value (no nested quantifiers, nothing read twice beyond a constant).
 */
import { entropy, isAlnum, isPlaceholder, looksGenerated } from './credentialText';

export interface Hit {
  /** What kind of credential, for the message. */
  label: string;
  /** Indices into the decoded value. */
  start: number;
  end: number;
}

export interface KnownToken extends Hit {
  /**
   * When the token is public by design, so not a hard-coded secret: `always` (a JWT for the
   * anonymous role) or `public-key` (under a key named public: a Google browser key under
   * `NEXT_PUBLIC_FIREBASE_API_KEY`).
   */
  publicWhen?: 'always' | 'public-key';
}

/** Characters tokens are made of (base64url and friends): a token starts where none precedes it. */
function isWordChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 45; // _ -
}
const isBase64Url = isWordChar;
function isAlnumUnderscore(c: number): boolean {
  return isAlnum(c) || c === 95;
}
function isUpperOrDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}
function isBase64UrlOrDot(c: number): boolean {
  return isWordChar(c) || c === 46;
}

interface Format {
  prefix: string;
  label: string;
  /** Which characters make up the random part after the prefix. */
  body: (c: number) => boolean;
  /** Length of the random part: at least `min`, at most `max`. */
  min: number;
  max?: number;
  /** Keys of this format are public in some uses (Google browser keys). */
  publicUse?: boolean;
  /**
   * The random part is upper case and digits, where a run of capitals reads as English now and
   * then (AKIAPOHITSLKCAPROM2M): no readability test. RunPod keys must always be reported.
   */
  upperCase?: boolean;
}

/** Published formats, longest prefix first where one prefix starts another (`sk-ant-` before `sk-`). */
const FORMATS: readonly Format[] = [
  { prefix: 'hf_', label: 'Hugging Face token', body: isAlnum, min: 30 },
  { prefix: 'sk-ant-', label: 'Anthropic API key', body: isBase64Url, min: 80 },
  { prefix: 'sk-proj-', label: 'OpenAI API key', body: isBase64Url, min: 40 },
  { prefix: 'sk-svcacct-', label: 'OpenAI API key', body: isBase64Url, min: 40 },
  { prefix: 'sk-admin-', label: 'OpenAI API key', body: isBase64Url, min: 40 },
  { prefix: 'sk-', label: 'OpenAI API key', body: isAlnum, min: 32 },
  { prefix: 'github_pat_', label: 'GitHub token', body: isAlnumUnderscore, min: 70 },
  ...['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'].map((prefix) => ({ prefix, label: 'GitHub token', body: isAlnum, min: 30 })),
  { prefix: 'glpat-', label: 'GitLab token', body: isBase64Url, min: 20 },
  ...['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxe-'].map((prefix) => ({ prefix, label: 'Slack token', body: isWordChar, min: 20 })),
  { prefix: 'sk_live_', label: 'Stripe secret key', body: isAlnum, min: 20 },
  { prefix: 'rk_live_', label: 'Stripe secret key', body: isAlnum, min: 20 },
  { prefix: 'SG.', label: 'SendGrid API key', body: isBase64UrlOrDot, min: 60 },
  { prefix: 'npm_', label: 'npm token', body: isAlnum, min: 36 },
  { prefix: 'AKIA', label: 'AWS access key', body: isUpperOrDigit, min: 16, max: 16, upperCase: true },
  { prefix: 'ASIA', label: 'AWS access key', body: isUpperOrDigit, min: 16, max: 16, upperCase: true },
  { prefix: 'AIza', label: 'Google API key', body: isBase64Url, min: 35, max: 35, publicUse: true },
  { prefix: 'rpa_', label: 'RunPod API key', body: isAlnum, min: 20, upperCase: true },
];
const BY_PREFIX = new Map(FORMATS.map((f) => [f.prefix, f]));

/**
 * Keys that are public by design and look random: Stripe and Clerk publishable keys, PostHog
 * project keys, Mapbox public tokens. A value starting with one is never a hard-coded secret.
 */
const PUBLIC_PREFIXES = ['pk_live_', 'pk_test_', 'phc_', 'pk.'];
export function isPublicToken(value: string, start: number): boolean {
  return PUBLIC_PREFIXES.some((p) => value.startsWith(p, start));
}

const JWT = 'eyJ';
const PEM = '-----BEGIN ';
const URL_MARK = '://';
const BEARER = 'Bearer ';
const BASIC = 'Basic ';
/**
 * Webhook URLs whose path is the credential: the ids before the last segment, then the secret.
 * Slack: `/services/T.../B.../<24 letters and digits>`; Discord: `/api/webhooks/<id>/<68 base64url>`.
 */
interface Webhook {
  label: string;
  /** Segments before the secret one. */
  ids: number;
  secret: (c: number) => boolean;
  min: number;
}
const WEBHOOKS = new Map<string, Webhook>([
  ['hooks.slack.com/services/', { label: 'Slack webhook URL', ids: 2, secret: isAlnum, min: 20 }],
  ['discord.com/api/webhooks/', { label: 'Discord webhook URL', ids: 1, secret: isWordChar, min: 60 }],
  ['discordapp.com/api/webhooks/', { label: 'Discord webhook URL', ids: 1, secret: isWordChar, min: 60 }],
]);

/**
 * Where a format may start: every prefix, longest first, as literal alternatives. Webhooks are
 * found through their `://`: every first character the expression has to try slows its scan of
 * every value (measured on the bench file's values: the webhook hosts' `d` and `h` added 15%).
 */
const CANDIDATE = new RegExp(
  [...FORMATS.map((f) => f.prefix), JWT, PEM, URL_MARK, BEARER, BASIC]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|'),
  'g',
);

/** The shortest credential any format here accepts (`a://b:cd@e`). */
const MIN_KNOWN_LENGTH = 10;

/**
 * The first credential in a well-known format anywhere in `value`, or undefined.
 * @returns its label and span (indices into `value`)
 */
export function findKnownToken(value: string): KnownToken | undefined {
  if (value.length < MIN_KNOWN_LENGTH) return undefined;
  const regex = CANDIDATE; // shared: nothing below calls back into this function
  regex.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = regex.exec(value)) !== null) {
    const { hit, resume } = atMark(value, m[0], m.index);
    if (hit) return hit;
    regex.lastIndex = resume;
  }
  return undefined;
}

/**
 * Reads the format that `mark` starts at `start`.
 * @returns the credential if there is one, and where the search for the next mark resumes: after
 *   what was read, so no part of the value is read twice as the same format
 */
function atMark(value: string, mark: string, start: number): { hit?: KnownToken | undefined; resume: number } {
  const after = start + mark.length;
  if (mark === URL_MARK) return { hit: matchUrl(value, start), resume: after };
  if (mark === PEM) return { hit: matchPem(value, start), resume: after };
  if (mark === BEARER) return { hit: matchBearer(value, after), resume: after };
  if (mark === BASIC) return { hit: matchBasic(value, after), resume: after };
  // Only at a word boundary: `x-hf_...` inside a longer word is not a token start.
  if (start > 0 && isWordChar(value.charCodeAt(start - 1))) return { resume: after };
  const format = BY_PREFIX.get(mark);
  if (format) {
    const end = scan(value, after, format.body);
    return { hit: matchFormat(value, start, end, format), resume: Math.max(after, end) };
  }
  return { hit: matchJwt(value, start), resume: Math.max(after, scan(value, start, isWordChar)) };
}

/** A webhook URL or the password of a URL, at the `://` at `mark`. */
function matchUrl(value: string, mark: number): Hit | undefined {
  const host = mark + URL_MARK.length;
  for (const [prefix, hook] of WEBHOOKS) if (value.startsWith(prefix, host)) return matchWebhook(value, host + prefix.length, hook);
  return matchUrlPassword(value, mark);
}

/** Index of the first character at or after `from` that `accepts` rejects. */
function scan(value: string, from: number, accepts: (c: number) => boolean): number {
  let i = from;
  while (i < value.length && accepts(value.charCodeAt(i))) i++;
  return i;
}

function matchFormat(value: string, start: number, end: number, f: Format): KnownToken | undefined {
  const bodyStart = start + f.prefix.length;
  const n = end - bodyStart;
  if (n < f.min || (f.max !== undefined && n > f.max)) return undefined;
  // Three in four of the random part are letters or digits at least: base64url bodies hold some `-` and `_`.
  const minAlnum = Math.floor((3 * Math.min(f.min, 16)) / 4);
  if (!looksGenerated(value, bodyStart, end, { minAlnum, skipReadable: f.upperCase === true })) return undefined;
  const hit: KnownToken = { label: f.label, start, end };
  if (f.publicUse) hit.publicWhen = 'public-key';
  return hit;
}

/**
 * JWT: `eyJ<header>.eyJ<payload>.<signature>` at `start`. One whose payload says `"role":"anon"`
 * (the anonymous key of Supabase and similar services) is public by design.
 */
function matchJwt(value: string, start: number): KnownToken | undefined {
  const headerEnd = scan(value, start, isWordChar);
  if (headerEnd - start < 10 || value.charCodeAt(headerEnd) !== 46) return undefined;
  const payloadStart = headerEnd + 1;
  const payloadEnd = scan(value, payloadStart, isWordChar);
  if (payloadEnd - payloadStart < 10 || !value.startsWith(JWT, payloadStart) || value.charCodeAt(payloadEnd) !== 46) return undefined;
  const end = scan(value, payloadEnd + 1, isWordChar);
  if (end - payloadEnd - 1 < 16) return undefined;
  const hit: KnownToken = { label: 'JSON Web Token', start, end };
  if (isAnonymousRole(value, payloadStart, payloadEnd)) hit.publicWhen = 'always';
  return hit;
}

/** Payloads are small; a larger one is read no further (and reported). */
const MAX_PAYLOAD = 4096;
function isAnonymousRole(value: string, start: number, end: number): boolean {
  if (end - start > MAX_PAYLOAD) return false;
  try {
    const b64 = value.slice(start, end).replace(/-/g, '+').replace(/_/g, '/');
    return /"role"\s*:\s*"anon"/.test(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)));
  } catch {
    return false;
  }
}

/** The smallest key in PEM (an Ed25519 key in PKCS #8) holds 64 base64 characters. */
const MIN_PEM_BODY = 60;

/**
 * A PEM private-key block (`-----BEGIN ... PRIVATE KEY-----`) at `begin`, with a key inside it. The
 * body runs to the next `-----` (the END line, or the next block's BEGIN): each stretch of the value
 * is judged once, whatever the number of headers in it.
 */
function matchPem(value: string, begin: number): Hit | undefined {
  const headerEnd = value.indexOf('-----', begin + PEM.length);
  if (headerEnd < 0 || headerEnd - begin > 60 || !value.slice(begin, headerEnd).includes('PRIVATE KEY')) return undefined;
  const bodyStart = headerEnd + 5;
  const next = value.indexOf('-----', bodyStart);
  const bodyEnd = next >= 0 ? next : value.length;
  // `...` or `<your key>` between the markers is a placeholder, not a key. Only size and entropy
  // are asked: a long random body spells a placeholder word by chance too often.
  let alnum = 0;
  for (let i = bodyStart; i < bodyEnd; i++) if (isAlnum(value.charCodeAt(i))) alnum++;
  if (alnum < MIN_PEM_BODY || entropy(value, bodyStart, bodyEnd) < 3) return undefined;
  let end = bodyEnd;
  if (value.startsWith('-----END ', bodyEnd)) {
    const close = value.indexOf('-----', bodyEnd + 9);
    end = close >= 0 && close - bodyEnd <= 60 ? close + 5 : bodyEnd;
  }
  return { label: 'private key', start: begin, end };
}

/** The credential path of a webhook URL after its `mark`: ids separated by `/`, then the secret. */
function matchWebhook(value: string, pathStart: number, hook: Webhook): Hit | undefined {
  let at = pathStart;
  for (let k = 0; k < hook.ids; k++) {
    const idEnd = scan(value, at, isAlnum);
    if (idEnd === at || value.charCodeAt(idEnd) !== 47 /* / */) return undefined;
    at = idEnd + 1;
  }
  const end = scan(value, at, hook.secret);
  if (end - at < hook.min || !looksGenerated(value, at, end, { minAlnum: Math.floor((3 * hook.min) / 4) })) return undefined;
  return { label: hook.label, start: pathStart, end };
}

/** Characters of an RFC 6750 bearer token (base64url, `.`, `~`, `+`, `/`, `=`). */
function isBearerChar(c: number): boolean {
  return isWordChar(c) || c === 46 || c === 126 || c === 43 || c === 47 || c === 61;
}

/**
 * `Bearer <token>`: a generated token after the scheme. A token in a known format is left to its
 * own match (found next, with its own label): `Bearer hf_...` is a Hugging Face token.
 */
function matchBearer(value: string, at: number): Hit | undefined {
  if (FORMATS.some((f) => value.startsWith(f.prefix, at)) || value.startsWith(JWT, at)) return undefined;
  const end = scan(value, at, isBearerChar);
  if (!looksGenerated(value, at, end, { minAlnum: 16, mixedClasses: true })) return undefined;
  return { label: 'bearer token', start: at, end };
}

function isBase64Char(c: number): boolean {
  return isAlnum(c) || c === 43 || c === 47 || c === 61; // + / =
}
/** Basic credentials are short; a longer run is read no further. */
const MAX_BASIC = 1024;

/** `Basic <base64 of user:password>`: the base64 is the credential when its password is real. */
function matchBasic(value: string, at: number): Hit | undefined {
  const end = scan(value, at, isBase64Char);
  if (end - at < 8 || end - at > MAX_BASIC) return undefined;
  let decoded: string;
  try {
    decoded = atob(value.slice(at, end));
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0 || !isRealPassword(decoded, 0, colon, colon + 1, decoded.length)) return undefined;
  return { label: 'password in an HTTP Basic header', start: at, end };
}

/**
 * True when the password `s[start, end)` given with the user name `s[userStart, userEnd)` is a
 * real one: two characters or more, not a placeholder or reference, not the user name again
 * (`guest:guest`, a documented default), not one character repeated.
 */
export function isRealPassword(s: string, userStart: number, userEnd: number, start: number, end: number): boolean {
  if (end - start < 2 || isPlaceholder(s, start, end) || entropy(s, start, end) < 1) return false;
  return !(end - start === userEnd - userStart && s.startsWith(s.slice(userStart, userEnd), start));
}

function isSchemeChar(c: number): boolean {
  return isAlnum(c) || c === 43 || c === 45 || c === 46; // + - .
}
/** Where the authority of a URL ends: at a path, query, fragment, blank, quote or bracket. */
function endsAuthority(c: number): boolean {
  return c === 47 || c === 63 || c === 35 || c <= 32 || c === 34 || c === 39 || c === 96 || c === 41 || c === 93;
}
const MAX_SCHEME = 40;

/**
 * The password of `scheme://user:password@host` whose `://` is at `mark`: the part between the
 * first `:` and the last `@` of the authority (passwords with an unencoded `@` are common).
 * Placeholders (`<password>`, `${DB_PASSWORD}`, `password`), references and a password equal to
 * the user name (`guest:guest`, a documented default) are not credentials.
 */
function matchUrlPassword(value: string, mark: number): Hit | undefined {
  let schemeStart = mark;
  while (schemeStart > 0 && mark - schemeStart < MAX_SCHEME && isSchemeChar(value.charCodeAt(schemeStart - 1))) schemeStart--;
  const c0 = value.charCodeAt(schemeStart);
  if (mark - schemeStart < 2 || !((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122))) return undefined;
  const userStart = mark + 3;
  let colon = -1;
  let at = -1;
  let i = userStart;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (endsAuthority(c)) break;
    if (c === 64 /* @ */) at = i;
    else if (c === 58 /* : */ && colon < 0) colon = i;
  }
  if (at < 0 || colon < 0 || colon > at || !isRealPassword(value, userStart, colon, colon + 1, at)) return undefined;
  return { label: 'password in a URL', start: colon + 1, end: at };
}
