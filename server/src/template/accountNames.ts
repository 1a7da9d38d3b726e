/**
 * The one rule for account names, shared by the editor (Add Account, the workspace's
 * `runpod.account`, names proposed from ~/.runpod/config.toml, `runpod.environments`' `account`),
 * the command line (`--account`) and the language server (the account a secret list belongs to).
 * The extension's client/src/auth/accountNames.ts builds its helpers on it.
 *
 * A name is 1 to 24 characters: ASCII letters, digits, `-` and `_`, starting with a letter or a
 * digit. Short and plain on purpose: it is shown in the status bar and in diagnostics, typed on
 * command lines, and becomes an environment variable name (`RUNPOD_API_KEY_<NAME>`); and no URL
 * (`:` and `/`), no RunPod API key (`rpa_` and 40 characters, or 32 of the older form) and no
 * escape sequence can pass for one. Nor can anything shaped like a known credential that fits
 * (rules/credentialFormats.ts: an AWS access key id, `rpa_` and 20 characters): names are echoed in
 * the status bar, notes and diagnostics, and a key pasted where a name belongs never is.
 * Names are compared ignoring case and `-` against `_`: "Prod" and "prod" are one account, and so
 * are "my-team" and "my_team", which read one command-line variable ({@link accountNameKey}).
 * Pure.
 */
import { findKnownToken } from './rules/credentialFormats';

export const ACCOUNT_NAME_MAX_LENGTH = 24;

/** What the rule allows, for messages. */
export const ACCOUNT_NAME_RULE = `1 to ${ACCOUNT_NAME_MAX_LENGTH} ASCII letters, digits, '-' or '_', starting with an ASCII letter or a digit`;

/** Whether character code `c` may stand in a name (`first`: as its first character). */
export function isAccountNameChar(c: number, first: boolean): boolean {
  const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return alnum || (!first && (c === 45 || c === 95)); // - _
}

/** Whether `text` follows the name rule. */
export function isAccountName(text: string): boolean {
  if (text.length === 0 || text.length > ACCOUNT_NAME_MAX_LENGTH) return false;
  for (let i = 0; i < text.length; i++) if (!isAccountNameChar(text.charCodeAt(i), i === 0)) return false;
  return findKnownToken(text) === undefined;
}

/**
 * What names of one account share (for maps, ids and the command line's variable): case is
 * ignored and `-` is `_`, since `RUNPOD_API_KEY_<NAME>` cannot tell them apart.
 */
export function accountNameKey(name: string): string {
  return name.toLowerCase().replace(/-/g, '_');
}

/** Whether two names are one account (ignoring case, `-` as `_`). */
export function sameAccountName(a: string, b: string): boolean {
  return accountNameKey(a) === accountNameKey(b);
}
