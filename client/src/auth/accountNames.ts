/**
 * The one rule for account names, shared by the editor (Add Account, the workspace's
 * `runpod.account`, names proposed from ~/.runpod/config.toml) and the command line (`--account`).
 *
 * A name is 1 to 24 characters: ASCII letters, digits, `-` and `_`, starting with a letter or a
 * digit. Short and plain on purpose: it is shown in the status bar, typed on command lines, and
 * becomes an environment variable name (`RUNPOD_API_KEY_<NAME>`); and no URL (`:` and `/`), no
 * RunPod API key (`rpa_` and 40 characters, or 32 of the older form) and no escape sequence can
 * pass for one. Names are compared ignoring case: "Prod" and "prod" are one account.
 * Pure; messages never repeat the text they refuse (it may be a key pasted into the wrong box).
 */

export const ACCOUNT_NAME_MAX_LENGTH = 24;

/** What the rule allows, for messages. */
export const ACCOUNT_NAME_RULE = `1 to ${ACCOUNT_NAME_MAX_LENGTH} letters, digits, '-' or '_', starting with a letter or digit`;

function isNameChar(c: number, first: boolean): boolean {
  const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return alnum || (!first && (c === 45 || c === 95)); // - _
}

/** Whether `text` follows the name rule. */
export function isAccountName(text: string): boolean {
  if (text.length === 0 || text.length > ACCOUNT_NAME_MAX_LENGTH) return false;
  for (let i = 0; i < text.length; i++) if (!isNameChar(text.charCodeAt(i), i === 0)) return false;
  return true;
}

/**
 * Why `text` is not an acceptable new account name, or undefined. `existing` are the names already
 * taken; a name that differs only in case is taken too.
 */
export function validateAccountName(text: string, existing: Iterable<string> = []): string | undefined {
  if (text.length === 0) return 'Give the account a short name, such as personal, team or prod.';
  if (!isAccountName(text)) return `An account name is ${ACCOUNT_NAME_RULE}.`;
  const taken = findAccount(existing, text);
  if (taken !== undefined) return `An account named ${taken} exists already. Choose another name, or switch to it.`;
  return undefined;
}

/** The name in `names` that is the same account as `wanted` (ignoring case), if any. */
export function findAccount(names: Iterable<string>, wanted: string): string | undefined {
  const folded = wanted.toLowerCase();
  for (const name of names) if (name.toLowerCase() === folded) return name;
  return undefined;
}

/**
 * A valid name made from free text (a table name of ~/.runpod/config.toml): characters outside
 * the rule become `-`, leading ones are dropped, the rest is cut to the limit; `fallback` when
 * nothing is left. A taken name gets `-2`, `-3`... until it is free.
 */
export function proposeAccountName(text: string, existing: Iterable<string> = [], fallback = 'account'): string {
  let name = '';
  for (let i = 0; i < text.length && name.length < ACCOUNT_NAME_MAX_LENGTH; i++) {
    const c = text.charCodeAt(i);
    if (isNameChar(c, name.length === 0)) name += text[i];
    else if (name.length > 0 && !name.endsWith('-')) name += '-';
  }
  name = name.replace(/[-_]+$/, '') || fallback;
  const taken = [...existing];
  if (findAccount(taken, name) === undefined) return name;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = name.slice(0, ACCOUNT_NAME_MAX_LENGTH - suffix.length) + suffix;
    if (findAccount(taken, candidate) === undefined) return candidate;
  }
}

/**
 * The environment variable the command line reads an account's key from: `RUNPOD_API_KEY_` and
 * the name upper-cased, `-` as `_` (`my-team` -> `RUNPOD_API_KEY_MY_TEAM`).
 */
export function accountKeyVariable(name: string): string {
  return `RUNPOD_API_KEY_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
