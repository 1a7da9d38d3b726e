/**
 * hardcoded-credential: a plain value that looks like a credential, the seed of "Move value into a
 * RunPod secret". Three signals, strongest first:
 * - a credential in a well-known format anywhere in the value, whatever the key: provider tokens,
 *   JWTs, private keys, Slack and Discord webhooks, passwords inside URLs, `Bearer`/`Basic`
 *   authorization values (credentialFormats.ts);
 * - generated text (a random token of 16 or more letters and digits, judged on the whole token
 *   with its `-`, `_`, `+`, `/`) under a key named for a credential (credentialKeys.ts);
 * - a made-up password (`Cluster@171$`) under a key named for a password or secret, or as the
 *   password of a `user:password` pair under one named for authentication (`GRADIO_AUTH`).
 * Placeholders, references, readable text (model names, paths) and keys public by design stay
 * quiet (credentialText.ts). Never reports on a value holding a reference; messages never contain
 * the value. Linear in the value: each part is one pass, with one regular expression of literals.
 */
import { formatReference, validateSecretName, SECRET_NAME_MAX_LENGTH, isSecretNameChar } from '../names';
import type { EnvVariable, SecretCatalog, Span } from '../types';
import { DEFAULT_SEVERITY } from '../types';
import { keyLengthOf, keyStartOf, valueLengthOf } from '../readers/env';
import { credentialKeyKind, isPublicKeyName, mayBeCredentialKeyText, type CredentialKeyKind } from './credentialKeys';
import { findKnownToken, isPublicToken, isRealPassword, type Hit } from './credentialFormats';
import { MIN_PASSWORD_LENGTH, isAlnum, isReadable, looksGenerated, looksLikePassword } from './credentialText';
import type { RuleContext } from './context';
import { quotedKey } from './keys';
import { catalogIndex, looselyKnownName } from './unknownSecret';

export type { Hit } from './credentialFormats';
export { findKnownToken } from './credentialFormats';

/** No credential any signal accepts is shorter (a password of 8 characters). */
const MIN_CREDENTIAL_LENGTH = MIN_PASSWORD_LENGTH;
/** Generated tokens without a known format hold at least this many letters and digits. */
const MIN_GENERATED = 16;

/** True when the key's name says its value is a credential (and not one public by design). */
export function isCredentialKey(key: string): boolean {
  return credentialKeyKind(key) !== undefined;
}

const LABELS: Record<CredentialKeyKind, string> = { password: 'password', secret: 'secret', auth: 'credential', token: 'credential' };

/** Characters a generated token is made of, separators included (base64, base64url, `id.secret`). */
function isTokenChar(c: number): boolean {
  return isAlnum(c) || c === 43 || c === 47 || c === 61 || c === 95 || c === 45 || c === 46 || c === 126; // + / = _ - . ~
}

/**
 * A file path (`/root/.ssh/id_ed25519`, `~/.config/app`): starts like one and has a dot or reads as
 * words. Base64 keys may start with `/` too, but hold no dot and rarely read as words.
 */
function isPath(value: string, start: number, end: number): boolean {
  const c = value.charCodeAt(start);
  const pathLike = c === 47 /* / */ || value.startsWith('~/', start) || value.startsWith('./', start) || value.startsWith('../', start);
  if (!pathLike) return false;
  for (let i = start + 1; i < end; i++) if (value.charCodeAt(i) === 46 /* . */) return true; // not indexOf: it would read past `end`
  return isReadable(value, start, end);
}

/**
 * The first generated token in `value`: a run of token characters that looks random as a whole.
 * Values with a URL (their passwords are found by format), an expansion or a reference are skipped.
 */
function findGeneratedToken(value: string): Span | undefined {
  if (value.includes('://') || value.includes('${') || value.includes('$(') || value.includes('{{')) return undefined;
  const n = value.length;
  let i = 0;
  while (i < n) {
    if (!isTokenChar(value.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    while (end < n && isTokenChar(value.charCodeAt(end))) end++;
    if (end - i >= MIN_GENERATED && !isPublicToken(value, i) && !isPath(value, i, end) && looksGenerated(value, i, end, { minAlnum: MIN_GENERATED, mixedClasses: true })) {
      return { start: i, end };
    }
    i = end;
  }
  return undefined;
}

/**
 * The credential in plain text that a value under `key` holds, if any: a well-known format anywhere
 * in the value, a generated token under a credential-like key, or a made-up password under a
 * password-like key. The one answer to "is this a hard-coded credential", for the editor's rule and
 * for env that never was a file (Launch Pod's merged env, account templates). Values that are or
 * hold a reference or an expansion are never reported.
 * @returns the label and the span of the credential in the value (decoded indices), or undefined
 */
export function detectCredential(key: string, value: string): Hit | undefined {
  return credentialIn(value, { key: () => key, mayMatch: () => true });
}

/** How {@link credentialIn} reads the key: built only when the value needs it, after a cheap pre-check. */
interface KeyReader {
  key(): string;
  /** False when the key certainly names no credential. */
  mayMatch(): boolean;
}

/**
 * The key of a variable in a document, read for one variable after another: one reader for a
 * whole file, since a closure per variable was most of what the rule allocated (4.8 MB of 29 MB
 * per analysis of a 100,000-line env file, each of it young garbage the collector copies).
 */
class VariableKey implements KeyReader {
  variable: EnvVariable | undefined;
  constructor(private readonly text: string) {}
  key(): string {
    return this.variable!.key;
  }
  mayMatch(): boolean {
    const at = keyStartOf(this.variable!);
    return at < 0 || mayBeCredentialKeyText(this.text, at, at + keyLengthOf(this.variable!));
  }
}

function credentialIn(value: string, key: KeyReader): Hit | undefined {
  if (value.length < MIN_CREDENTIAL_LENGTH) return undefined;
  // Per value, not one scan of the whole text: measured faster, as keys and comments are skipped.
  const known = findKnownToken(value);
  if (known) {
    const isPublic = known.publicWhen === 'always' || (known.publicWhen === 'public-key' && isPublicKeyName(key.key()));
    return isPublic ? undefined : { label: known.label, start: known.start, end: known.end };
  }
  if (!key.mayMatch()) return undefined;
  const kind = credentialKeyKind(key.key());
  if (!kind) return undefined;
  const token = findGeneratedToken(value);
  if (token) return { label: LABELS[kind], start: token.start, end: token.end };
  if ((kind === 'password' || kind === 'secret') && looksLikePassword(value)) return { label: LABELS[kind], start: 0, end: value.length };
  if (kind === 'auth') return userPassword(value);
  return undefined;
}

/** Longest user name of a `user:password` pair; anything longer is not one. */
const MAX_USER = 64;

/** The password of a `user:password` pair (`GRADIO_AUTH=admin:Cluster@171`), when it is a real one. */
function userPassword(value: string): Hit | undefined {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon > MAX_USER || value.includes('://')) return undefined;
  for (let i = 0; i < colon; i++) if (value.charCodeAt(i) <= 32) return undefined;
  if (!isRealPassword(value, 0, colon, colon + 1, value.length)) return undefined;
  const password = value.slice(colon + 1);
  if (!looksLikePassword(password) && !looksGenerated(password, 0, password.length, { minAlnum: MIN_GENERATED, mixedClasses: true })) return undefined;
  return { label: 'password', start: colon + 1, end: value.length };
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

/**
 * The account's secret that is `suggested` but for case and separators (`hf-token`, `HF_TOKEN` for
 * `hf_token`): the value most likely belongs there, and a new secret would duplicate it. Names only
 * a few edits away are not it (names.ts sameNameLoosely). None while the list is unknown.
 */
function existingSecret(catalog: SecretCatalog, suggested: string): string | undefined {
  return catalog.state === 'unknown' ? undefined : looselyKnownName(catalogIndex(catalog), suggested);
}

function innerSpan(v: EnvVariable): Span {
  const o = v.valueOffsets;
  return { start: o[0] ?? v.valueSpan.start, end: o[o.length - 1] ?? v.valueSpan.end };
}

/**
 * Reports hard-coded credentials, with a suggested secret name and the value span to move: the
 * whole value, also when the credential is only part of it (a password inside a URL, a token after
 * `Bearer `), since the secret replaces the whole value.
 */
export function credentialRule(ctx: RuleContext): void {
  const vars = ctx.variables;
  const key = new VariableKey(ctx.text);
  for (let i = 0; i < vars.length; i++) {
    const v = vars[i]!;
    if ((ctx.references[i]?.length ?? 0) > 0) continue;
    // Ports, flags and numbers are shorter than any credential: skip them before building the string.
    if (valueLengthOf(v) < MIN_CREDENTIAL_LENGTH) continue;
    const value = v.value; // read once: it may be computed from the document on each read
    key.variable = v;
    const hit = credentialIn(value, key);
    if (!hit) continue;
    const o = v.valueOffsets; // built only for the few values reported
    const span = { start: o[hit.start] ?? v.valueSpan.start, end: o[hit.end] ?? v.valueSpan.end };
    if (ctx.problems.countIfFull('hardcoded-credential', span)) continue;
    // An invalid key may itself be a value (a URL with a password): neither quoted nor a name source.
    const shownKey = quotedKey(v.key);
    const suggestedName = shownKey ? suggestSecretName(v.key) : 'secret';
    const existing = shownKey ? existingSecret(ctx.catalog, suggestedName) : undefined;
    const article = /^[aeiouAEIOU]/.test(hit.label) ? 'an' : 'a';
    const lead = `${shownKey ?? 'This variable'} holds what looks like ${article} ${hit.label} in plain text.`;
    const valueSpan = innerSpan(v);
    if (existing === undefined) {
      const message = `${lead} Move it into a RunPod secret and reference it as \`${formatReference(suggestedName)}\`.`;
      ctx.problems.push({ code: 'hardcoded-credential', span, message, severity: DEFAULT_SEVERITY['hardcoded-credential'], data: { suggestedName, valueSpan } });
      continue;
    }
    const reference = formatReference(existing);
    ctx.problems.push({
      code: 'hardcoded-credential',
      span,
      message: `${lead} Your RunPod secret list already has secret \`${existing}\`: reference it as \`${reference}\` instead (after setting this value in it, if it holds another).`,
      severity: DEFAULT_SEVERITY['hardcoded-credential'],
      // The preferred fix references the existing secret; "Move value" (suggestedName) still creates a new one.
      data: { suggestedName, valueSpan, suggestion: existing, fix: { span: valueSpan, newText: reference, title: `Reference existing secret \`${existing}\`` } },
    });
  }
}
