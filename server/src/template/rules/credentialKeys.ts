/**
 * What an env key's name says about its value: a password or secret (a person may have made it up),
 * a token or key (generated), public by design (`STRIPE_PUBLISHABLE_KEY`, `NEXT_PUBLIC_...`,
 * `RECAPTCHA_SITE_KEY`, `SUPABASE_ANON_KEY`), or nothing. Names are read as words: split at `_`,
 * `-`, `.`, digits and camelCase (`dbPassword`, `HFToken`), compared in upper case.
 */
import { DIGIT, LOWER, SYMBOL, UPPER, classOf } from './credentialText';

/**
 * `password`: PASSWORD, PASS, PWD...; `secret`: SECRET (a person may have made either up);
 * `auth`: AUTH, CREDENTIALS (a generated token or a `user:password` pair); `token`: TOKEN, KEY, PAT...
 */
export type CredentialKeyKind = 'password' | 'secret' | 'auth' | 'token';

const WORD_KINDS = new Map<string, CredentialKeyKind>([
  ['PASSWORD', 'password'], ['PASSWD', 'password'], ['PASS', 'password'], ['PWD', 'password'], ['PW', 'password'], ['PASSPHRASE', 'password'],
  ['SECRET', 'secret'], ['SECRETS', 'secret'],
  ['AUTH', 'auth'], ['CREDENTIAL', 'auth'], ['CREDENTIALS', 'auth'], ['CREDS', 'auth'],
  ['TOKEN', 'token'], ['KEY', 'token'], ['KEYS', 'token'], ['APIKEY', 'token'], ['AUTHKEY', 'token'], ['PAT', 'token'], ['AUTHORIZATION', 'token'],
]);
/** Run-together names (`PGPASSWORD`, `NGROK_AUTHTOKEN`, `CLIENTSECRET`): the end of the word decides. */
const WORD_ENDINGS: readonly (readonly [string, CredentialKeyKind])[] = [
  ['PASSWORD', 'password'], ['PASSWD', 'password'], ['SECRET', 'secret'], ['CREDENTIALS', 'auth'], ['TOKEN', 'token'], ['APIKEY', 'token'], ['ACCESSKEY', 'token'], ['PRIVATEKEY', 'token'],
];
/**
 * Words that may follow the credential word without changing what the value is (`GITHUB_TOKEN_RO`,
 * `SECRET_KEY_BASE`, `DB_PASSWORD_PROD`). Any other word after it describes something else:
 * `PASSWORD_MIN_LENGTH`, `DB_PASSWORD_FILE`, `SECRET_NAME`, `TOKEN_EXPIRY`.
 */
const QUALIFIERS = new Set([
  'RO', 'RW', 'READ', 'WRITE', 'READONLY', 'READWRITE', 'ADMIN', 'ROOT', 'PROD', 'PRODUCTION', 'DEV', 'DEVELOPMENT', 'STAGING', 'STAGE',
  'TEST', 'QA', 'LOCAL', 'OLD', 'NEW', 'PREV', 'PREVIOUS', 'NEXT', 'CURRENT', 'BACKUP', 'BASE', 'PRIMARY', 'SECONDARY', 'MAIN', 'MASTER',
  'ALT', 'FALLBACK', 'ONLY', 'LIVE', 'SANDBOX', 'VALUE', 'RAW', 'B', 'HEX', 'STRING', 'ENCODED', 'PLAIN', 'DEFAULT', 'GLOBAL', 'V',
]);
const PUBLIC_WORDS = new Set(['PUBLIC', 'PUBLISHABLE', 'PUB', 'ANON', 'SITE', 'SITEKEY']);

/**
 * The words of `key`, left to right, as `[start, end)` pairs in one typed array reused by every
 * call (its first {@link boundCount} numbers): no string is built, nor an array per key. Splitting
 * each key into upper-case strings through a callback was the largest garbage of analysing a JSON
 * template whose keys name credentials (`KEY_1`...: 36 of 120 MB per analysis of 256,000 keys, all
 * of it young garbage the collector copies the result through). Words hold ASCII letters and
 * digits only, so comparing them in upper case is one subtraction.
 */
/** What `bounds` is kept at between keys: 32 words, more than any real key has. */
const BOUNDS_KEPT = 64;
let bounds = new Int32Array(BOUNDS_KEPT);
/** How many numbers of `bounds` the last {@link wordsOf} wrote (two a word). */
let boundCount = 0;
function wordsOf(key: string): Int32Array {
  boundCount = 0;
  // A hostile key of megabytes (`a1a1a1...`) grows the array to its words; kept, it would stay that
  // size for the life of the server. The next key starts small again.
  if (bounds.length > BOUNDS_KEPT) bounds = new Int32Array(BOUNDS_KEPT);
  let start = -1;
  for (let i = 0; i <= key.length; i++) {
    const k = letterOrDigit(key.charCodeAt(i)); // NaN past the end: a separator
    if (start >= 0) {
      const p = letterOrDigit(key.charCodeAt(i - 1));
      // A word ends at a separator, between a letter and a digit, where lower case turns upper
      // (dbPassword), and before the capital that starts a word after an acronym (HFToken).
      const ends = k === 0 || (k === DIGIT) !== (p === DIGIT) || (p === LOWER && k === UPPER) || (p === UPPER && k === UPPER && letterOrDigit(key.charCodeAt(i + 1)) === LOWER);
      if (ends) {
        if (boundCount + 2 > bounds.length) {
          const grown = new Int32Array(bounds.length * 2);
          grown.set(bounds);
          bounds = grown;
        }
        bounds[boundCount++] = start;
        bounds[boundCount++] = i;
        start = -1;
      }
    }
    if (start < 0 && k !== 0) start = i;
  }
  return bounds;
}

/** LOWER, UPPER or DIGIT; 0 for anything else (a separator). */
function letterOrDigit(c: number): number {
  const k = classOf(c);
  return k === SYMBOL ? 0 : k;
}

/** Whether `key[start, end)` ends with `word` (upper case), compared in upper case. */
function endsWithWord(key: string, start: number, end: number, word: string): boolean {
  const from = end - word.length;
  if (from < start) return false;
  for (let i = 0; i < word.length; i++) {
    const c = key.charCodeAt(from + i);
    if ((c >= 97 ? c - 32 : c) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** Upper-case words by length, so a word of the key is compared with the few of its length only. */
function byLength<T>(entries: Iterable<readonly [string, T]>): Map<number, (readonly [string, T])[]> {
  const map = new Map<number, (readonly [string, T])[]>();
  for (const entry of entries) {
    const list = map.get(entry[0].length);
    if (list) list.push(entry);
    else map.set(entry[0].length, [entry]);
  }
  return map;
}
const KIND_WORDS = byLength(WORD_KINDS);
const QUALIFIER_WORDS = byLength([...QUALIFIERS].map((w) => [w, true] as const));
const PUBLIC_WORD_LIST = byLength([...PUBLIC_WORDS].map((w) => [w, true] as const));

/** What `table` says of the word `key[start, end)`, compared in upper case. */
function lookUp<T>(table: Map<number, (readonly [string, T])[]>, key: string, start: number, end: number): T | undefined {
  const candidates = table.get(end - start);
  // Indexed, not `for...of` with destructuring: that made an iterator and its results per word
  // looked up before the engine optimised the loop (6 MB of a 256k-key template's garbage).
  if (candidates) for (let i = 0; i < candidates.length; i++) if (endsWithWord(key, start, end, candidates[i]![0])) return candidates[i]![1];
  return undefined;
}

function kindOfWord(key: string, start: number, end: number): CredentialKeyKind | undefined {
  const kind = lookUp(KIND_WORDS, key, start, end);
  if (kind) return kind;
  for (let i = 0; i < WORD_ENDINGS.length; i++) {
    const ending = WORD_ENDINGS[i]![0];
    if (end - start > ending.length && endsWithWord(key, start, end, ending)) return WORD_ENDINGS[i]![1];
  }
  return undefined;
}

/** A necessary condition: every credential word and ending above contains one of these. */
const HAS_CREDENTIAL_WORD = /PASS|PW|SECRET|TOKEN|KEY|CRED|PAT|AUTH/i;

const STRENGTH: Record<CredentialKeyKind, number> = { token: 1, auth: 2, secret: 3, password: 4 };

/**
 * What the name `key` says its value is: `password` or `secret` (may be made up by a person),
 * `token` (generated), or undefined: no credential word, a credential word followed by a word that
 * is not a qualifier (`PASSWORD_MIN_LENGTH`), or public by design.
 */
export function credentialKeyKind(key: string): CredentialKeyKind | undefined {
  if (!HAS_CREDENTIAL_WORD.test(key)) return undefined; // most keys: one native scan, no word split
  let kind: CredentialKeyKind | undefined;
  const words = wordsOf(key);
  for (let w = 0; w < boundCount; w += 2) {
    const start = words[w]!;
    const end = words[w + 1]!;
    if (lookUp(PUBLIC_WORD_LIST, key, start, end)) return undefined;
    const k = kindOfWord(key, start, end);
    if (k) {
      if (!kind || STRENGTH[k] > STRENGTH[kind]) kind = k;
    } else if (kind && !lookUp(QUALIFIER_WORDS, key, start, end) && classOf(key.charCodeAt(start)) !== DIGIT) {
      kind = undefined; // PASSWORD_MIN_LENGTH, SECRET_NAME: the name is about something else
    }
  }
  return kind;
}

/** True when the name says the value is public by design (`NEXT_PUBLIC_...`, `..._PUBLISHABLE_KEY`). */
export function isPublicKeyName(key: string): boolean {
  const words = wordsOf(key);
  for (let w = 0; w < boundCount; w += 2) if (lookUp(PUBLIC_WORD_LIST, key, words[w]!, words[w + 1]!)) return true;
  return false;
}

/**
 * A necessary condition for `credentialKeyKind`, read from the document without building the key:
 * every credential word holds an S, K, W or T (PASSWORD, PWD, SECRET, TOKEN, KEY, PAT, CREDS). It
 * saves building the key and splitting it into words for most keys that have none.
 */
export function mayBeCredentialKeyText(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c === 115 /* s */ || c === 107 /* k */ || c === 119 /* w */ || c === 116 /* t */) return true;
  }
  return false;
}
