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

/** Calls `visit` with each word of `key` in upper case, left to right. */
function forEachWord(key: string, visit: (word: string) => void): void {
  let start = -1;
  for (let i = 0; i <= key.length; i++) {
    const k = letterOrDigit(key.charCodeAt(i)); // NaN past the end: a separator
    if (start >= 0) {
      const p = letterOrDigit(key.charCodeAt(i - 1));
      // A word ends at a separator, between a letter and a digit, where lower case turns upper
      // (dbPassword), and before the capital that starts a word after an acronym (HFToken).
      const ends = k === 0 || (k === DIGIT) !== (p === DIGIT) || (p === LOWER && k === UPPER) || (p === UPPER && k === UPPER && letterOrDigit(key.charCodeAt(i + 1)) === LOWER);
      if (ends) {
        visit(key.slice(start, i).toUpperCase());
        start = -1;
      }
    }
    if (start < 0 && k !== 0) start = i;
  }
}

/** LOWER, UPPER or DIGIT; 0 for anything else (a separator). */
function letterOrDigit(c: number): number {
  const k = classOf(c);
  return k === SYMBOL ? 0 : k;
}

function kindOfWord(word: string): CredentialKeyKind | undefined {
  const kind = WORD_KINDS.get(word);
  if (kind) return kind;
  for (const [ending, k] of WORD_ENDINGS) if (word.length > ending.length && word.endsWith(ending)) return k;
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
  let isPublic = false;
  forEachWord(key, (word) => {
    if (PUBLIC_WORDS.has(word)) isPublic = true;
    const k = kindOfWord(word);
    if (k) {
      if (!kind || STRENGTH[k] > STRENGTH[kind]) kind = k;
    } else if (kind && !QUALIFIERS.has(word) && !isNumber(word)) {
      kind = undefined; // PASSWORD_MIN_LENGTH, SECRET_NAME: the name is about something else
    }
  });
  return isPublic ? undefined : kind;
}

/** True when the name says the value is public by design (`NEXT_PUBLIC_...`, `..._PUBLISHABLE_KEY`). */
export function isPublicKeyName(key: string): boolean {
  let isPublic = false;
  forEachWord(key, (word) => {
    if (PUBLIC_WORDS.has(word)) isPublic = true;
  });
  return isPublic;
}

function isNumber(word: string): boolean {
  return classOf(word.charCodeAt(0)) === DIGIT;
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
