/**
 * hardcoded-credential: a plain value that looks like a credential, the seed of "Move value into a
 * RunPod secret". Two signals: a well-known token format anywhere in the value, or a long random-
 * looking value under a key named like a credential. Tuned for few false positives: placeholders
 * (`hf_xxxx...`), URLs, paths, model names, numbers and booleans stay quiet. Never reports on a value
 * holding a reference, and messages never contain the value.
 *
 * Linear: the value is split once into alphanumeric-ish words; no regular expressions.
 */
import { validateSecretName, SECRET_NAME_MAX_LENGTH, isSecretNameChar } from '../names';
import type { EnvVariable, Span } from '../types';
import { keyLengthOf, keyStartOf, valueLengthOf } from '../readers/env';
import type { RuleContext } from './context';
import { quotedKey } from './keys';

export interface Hit {
  /** What kind of credential, for the message. */
  label: string;
  /** Indices into the decoded value. */
  start: number;
  end: number;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isUpperOrDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}
/** Characters tokens are made of (base64url and friends), used to cut the value into words. */
function isWordChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 45; // _ -
}

/** Shannon entropy in bits per character of `s[start, end)` (ASCII only; others count as one bucket). */
const counts = new Uint32Array(129); // reused: this runs for every candidate run of every value
function entropy(s: string, start: number, end: number): number {
  counts.fill(0);
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    counts[c < 128 ? c : 128]!++;
  }
  const n = end - start;
  let h = 0;
  for (let i = 0; i < counts.length; i++) {
    const k = counts[i]!;
    if (k) {
      const p = k / n;
      h -= p * Math.log2(p);
    }
  }
  return h;
}

/**
 * True when `s[start, end)` contains a run of 16+ letters and digits that mixes both and has the
 * entropy of generated text, so `hf_xxxxxxxx...` placeholders and readable names do not count.
 */
function looksRandom(s: string, start: number, end: number): boolean {
  let runStart = start;
  for (let i = start; i <= end; i++) {
    if (i < end && isAlnum(s.charCodeAt(i))) continue;
    if (i - runStart >= 16) {
      let letters = 0;
      let digits = 0;
      for (let k = runStart; k < i; k++) {
        const c = s.charCodeAt(k);
        if (c >= 48 && c <= 57) digits++;
        else letters++;
      }
      if (letters > 0 && digits > 0 && entropy(s, runStart, i) >= 3) return true;
    }
    runStart = i + 1;
  }
  return false;
}

/** Token formats keyed by prefix: the word must start with the prefix and the rest look random. */
const PREFIXED: readonly { prefix: string; label: string; minRest: number }[] = [
  { prefix: 'hf_', label: 'Hugging Face token', minRest: 30 },
  { prefix: 'sk-proj-', label: 'OpenAI API key', minRest: 20 },
  { prefix: 'sk-svcacct-', label: 'OpenAI API key', minRest: 20 },
  { prefix: 'sk-ant-', label: 'Anthropic API key', minRest: 20 },
  { prefix: 'sk-', label: 'OpenAI API key', minRest: 20 },
  { prefix: 'github_pat_', label: 'GitHub token', minRest: 22 },
  { prefix: 'ghp_', label: 'GitHub token', minRest: 30 },
  { prefix: 'gho_', label: 'GitHub token', minRest: 30 },
  { prefix: 'ghu_', label: 'GitHub token', minRest: 30 },
  { prefix: 'ghs_', label: 'GitHub token', minRest: 30 },
  { prefix: 'ghr_', label: 'GitHub token', minRest: 30 },
  { prefix: 'xoxb-', label: 'Slack token', minRest: 10 },
  { prefix: 'xoxp-', label: 'Slack token', minRest: 10 },
  { prefix: 'xoxa-', label: 'Slack token', minRest: 10 },
  { prefix: 'xoxo-', label: 'Slack token', minRest: 10 },
  { prefix: 'xoxs-', label: 'Slack token', minRest: 10 },
  { prefix: 'xoxr-', label: 'Slack token', minRest: 10 },
  { prefix: 'rpa_', label: 'RunPod API key', minRest: 20 },
  { prefix: 'sk_live_', label: 'Stripe secret key', minRest: 16 },
  { prefix: 'rk_live_', label: 'Stripe secret key', minRest: 16 },
  { prefix: 'glpat-', label: 'GitLab token', minRest: 16 },
];

function matchWord(value: string, start: number, end: number): string | undefined {
  const c0 = value.charCodeAt(start);
  // AWS access key id: AKIA/ASIA + 16 upper-case letters or digits.
  if (c0 === 65 && end - start === 20 && (value.startsWith('AKIA', start) || value.startsWith('ASIA', start))) {
    let ok = true;
    for (let i = start + 4; i < end && ok; i++) ok = isUpperOrDigit(value.charCodeAt(i));
    if (ok && !value.slice(start, end).includes('EXAMPLE')) return 'AWS access key';
    if (ok) return undefined;
  }
  for (const p of PREFIXED) {
    if (end - start - p.prefix.length >= p.minRest && value.startsWith(p.prefix, start)) {
      // Slack tokens are digit groups and letters separated by dashes: the random part is shorter.
      const random = p.label === 'Slack token' ? entropy(value, start, end) >= 3 : looksRandom(value, start + p.prefix.length, end);
      return random ? p.label : undefined;
    }
  }
  return undefined;
}

/** JWT: `eyJ<header>.eyJ<payload>.<signature>` starting at a word that begins with `eyJ`. */
function matchJwt(value: string, start: number, end: number): number | undefined {
  if (end - start < 10 || !value.startsWith('eyJ', start) || value.charCodeAt(end) !== 46) return undefined;
  let k = end + 1;
  const payloadStart = k;
  while (k < value.length && isWordChar(value.charCodeAt(k))) k++;
  if (k - payloadStart < 10 || !value.startsWith('eyJ', payloadStart) || value.charCodeAt(k) !== 46) return undefined;
  const sigStart = ++k;
  while (k < value.length && isWordChar(value.charCodeAt(k))) k++;
  return k - sigStart >= 16 ? k : undefined;
}

/** A PEM private-key block (`-----BEGIN ... PRIVATE KEY-----`) starting at `begin`. */
function matchPem(value: string, begin: number): Hit | undefined {
  const headerEnd = value.indexOf('-----', begin + 11);
  if (headerEnd < 0 || headerEnd - begin > 60 || !value.slice(begin, headerEnd).endsWith('PRIVATE KEY')) return undefined;
  const endMarker = value.indexOf('-----END ', headerEnd + 5);
  let end = value.length;
  if (endMarker >= 0) {
    const close = value.indexOf('-----', endMarker + 9);
    end = close >= 0 ? close + 5 : value.length;
  }
  return { label: 'private key', start: begin, end };
}

/**
 * Where a well-known token may start. The native regex finds candidates quickly; each candidate
 * word is then checked in full and the search resumes after that word, so the scan stays linear.
 */
const CANDIDATE = /hf_|sk-|[sr]k_live_|gh[pousr]_|github_pat_|xox[abposr]-|rpa_|glpat-|AKIA|ASIA|eyJ|-----BEGIN /g;
/** The shortest token we recognise (`xoxb-` and ten characters). */
const MIN_TOKEN_LENGTH = 15;

/** Well-known token formats anywhere in the value. */
export function findKnownToken(value: string): Hit | undefined {
  if (value.length < MIN_TOKEN_LENGTH) return undefined;
  const n = value.length;
  CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE.exec(value)) !== null) {
    const start = m.index;
    if (value.charCodeAt(start) === 45 /* - */) {
      const pem = matchPem(value, start);
      if (pem) return pem;
      CANDIDATE.lastIndex = start + 11;
      continue;
    }
    let end = start;
    while (end < n && isWordChar(value.charCodeAt(end))) end++;
    // Only at a word boundary: `x-hf_...` inside a longer word is not a token start.
    if (start === 0 || !isWordChar(value.charCodeAt(start - 1))) {
      const label = matchWord(value, start, end);
      if (label) return { label, start, end };
      const jwtEnd = matchJwt(value, start, end);
      if (jwtEnd !== undefined) return { label: 'JSON Web Token', start, end: jwtEnd };
    }
    CANDIDATE.lastIndex = Math.max(end, start + 1);
  }
  return undefined;
}

/** `*_TOKEN`, `*_KEY`, `*PASSWORD*`, `*SECRET*` and close relatives; public keys excluded. */
export function isCredentialKey(key: string): boolean {
  // Regular expressions here only to avoid an upper-cased copy of every key; both are linear.
  return CREDENTIAL_KEY.test(key) && !PUBLIC.test(key);
}
const CREDENTIAL_KEY = /PASSWORD|PASSWD|SECRET|TOKEN$|_KEY$|^KEY$|APIKEY$|_PAT$/i;

/**
 * A necessary condition for `isCredentialKey`, read from the document without building the key:
 * every pattern ends in N, Y or T, or contains an S (PASSWORD, PASSWD, SECRET). Most keys fail it,
 * which saves slicing the key and running the case-insensitive regular expression.
 */
function mayBeCredentialKey(text: string, v: EnvVariable): boolean {
  const at = keyStartOf(v);
  if (at < 0) return true; // not written verbatim in the text: let the full test decide
  const end = at + keyLengthOf(v);
  const last = text.charCodeAt(end - 1) | 32; // lower case for letters
  if (last === 110 /* n */ || last === 121 /* y */ || last === 116 /* t */) return true;
  for (let k = at; k < end; k++) if ((text.charCodeAt(k) | 32) === 115 /* s */) return true;
  return false;
}
const PUBLIC = /PUBLIC/i;

/** Plain values that are obviously not credentials even under a credential-like key. */
function isObviouslyPlain(v: string): boolean {
  if (v.length < 16) return true;
  const c0 = v.charCodeAt(0);
  if (c0 === 47 /* / */ || c0 === 126 /* ~ */ || c0 === 36 /* $ */ || v.startsWith('./')) return true;
  // One pass: blanks (prose, commands), `://` (URLs), `${` and `$(` (expansions).
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10) return true;
    if (c === 58 && v.charCodeAt(i + 1) === 47 && v.charCodeAt(i + 2) === 47) return true;
    if (c === 36 && (v.charCodeAt(i + 1) === 123 || v.charCodeAt(i + 1) === 40)) return true;
  }
  return false;
}

/**
 * A secret name for the value, derived from the key: `HF_TOKEN` -> `hf_token`; always valid under
 * RunPod's name rule (reserved `RUNPOD` prefix dropped, bad characters replaced).
 */
export function suggestSecretName(key: string): string {
  let name = '';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    name += isSecretNameChar(c) ? key[i]!.toLowerCase() : '_';
  }
  while (name.startsWith('runpod')) name = name.slice(6).replace(/^[_.\-/]+/, '');
  name = name.replace(/^[0-9.\-/]+/, '');
  if (name.length === 0) name = 'secret';
  name = name.slice(0, SECRET_NAME_MAX_LENGTH);
  return validateSecretName(name) ? 'secret' : name;
}

function innerSpan(v: EnvVariable): Span {
  const o = v.valueOffsets;
  return { start: o[0] ?? v.valueSpan.start, end: o[o.length - 1] ?? v.valueSpan.end };
}

/**
 * The credential in plain text that a value under `key` holds, if any: a well-known token format
 * anywhere in the value, or a random-looking whole value under a credential-like key. The one
 * answer to "is this a hard-coded credential", for the editor's rule and for env that never was a
 * file (Launch Pod's merged env, account templates).
 * @param keyMayMatch a cheap pre-check of the key, for callers that can answer it without building the key
 * @returns the label and the span of the credential in the value (decoded indices), or undefined
 */
export function detectCredential(key: string, value: string, keyMayMatch: () => boolean = () => true): Hit | undefined {
  if (value.length < MIN_TOKEN_LENGTH) return undefined;
  // Per value, not one scan of the whole text: measured faster, as keys and comments are skipped.
  const hit = findKnownToken(value);
  if (hit) return hit;
  if (value.length >= 16 && keyMayMatch() && !isObviouslyPlain(value) && isCredentialKey(key) && looksRandom(value, 0, value.length)) {
    return { label: 'credential', start: 0, end: value.length };
  }
  return undefined;
}

/** Reports hard-coded credentials, with a suggested secret name and the value span to move. */
export function credentialRule(ctx: RuleContext): void {
  const vars = ctx.variables;
  for (let i = 0; i < vars.length; i++) {
    const v = vars[i]!;
    if ((ctx.references[i]?.length ?? 0) > 0) continue;
    // Ports, flags and numbers are shorter than any token: skip them before building the string.
    if (valueLengthOf(v) < MIN_TOKEN_LENGTH) continue;
    const value = v.value; // read once: it may be computed from the document on each read
    if (value.length === 0) continue;
    const hit = detectCredential(v.key, value, () => mayBeCredentialKey(ctx.text, v));
    if (!hit) continue;
    const o = v.valueOffsets; // built only for the few values reported
    // An invalid key may itself be a value (a URL with a password): neither quoted nor a name source.
    const shownKey = quotedKey(v.key);
    const suggestedName = shownKey ? suggestSecretName(v.key) : 'secret';
    const article = /^[aeiouAEIOU]/.test(hit.label) ? 'an' : 'a';
    ctx.problems.push({
      code: 'hardcoded-credential',
      span: { start: o[hit.start] ?? v.valueSpan.start, end: o[hit.end] ?? v.valueSpan.end },
      message: `${shownKey ?? 'This variable'} holds what looks like ${article} ${hit.label} in plain text. Move it into a RunPod secret and reference it as \`{{ RUNPOD_SECRET_${suggestedName} }}\`.`,
      severity: 'warning',
      data: { suggestedName, valueSpan: innerSpan(v) },
    });
  }
}
