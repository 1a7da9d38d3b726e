/**
 * The one rule for account names, shared by the editor (Add Account, the workspace's
 * `runpod.account`, names proposed from ~/.runpod/config.toml) and the command line (`--account`).
 *
 * The rule (1 to 24 letters, digits, `-`, `_`, nothing shaped like a credential; compared ignoring
 * case, `-` as `_`) is the pure core's (server/src/template/accountNames.ts): the language server reads
 * `runpod.environments`' accounts and the active account's name by it.
 * Pure; messages never repeat the text they refuse (it may be a key pasted into the wrong box).
 */

import { accountNameKey, ACCOUNT_NAME_MAX_LENGTH, ACCOUNT_NAME_RULE, isAccountName, isAccountNameChar as isNameChar, sameAccountName } from '../../../server/src/template/accountNames';

import { API_KEY_ENV } from '../runpod/environmentVariables';

// The rule itself is the pure core's: the language server judges account names too.
export { ACCOUNT_NAME_MAX_LENGTH, ACCOUNT_NAME_RULE, isAccountName };

/**
 * Why `text` is not an acceptable new account name, or undefined. `existing` are the names already
 * taken; a name that differs only in case or in `-` against `_` is taken too.
 */
export function validateAccountName(text: string, existing: Iterable<string> = []): string | undefined {
  if (text.length === 0) return 'Give the account a short name, such as personal, team or prod.';
  if (!isAccountName(text)) return `An account name is ${ACCOUNT_NAME_RULE}.`;
  const taken = findAccount(existing, text);
  if (taken !== undefined) return `An account named ${taken} exists already. Choose another name, or switch to it.`;
  return undefined;
}

/**
 * The name in `names` that is the same account as `wanted` (ignoring case, `-` as `_`), if any: the
 * first, so every name of one account finds the same stored key (the editor's rule). The command
 * line picks among config tables by {@link accountMatches} instead.
 */
export function findAccount(names: Iterable<string>, wanted: string): string | undefined {
  for (const name of names) if (sameAccountName(name, wanted)) return name;
  return undefined;
}

/**
 * The names in `names` that are the account `wanted`: `wanted` alone when it is there as spelled
 * (`[my-team]` beside `[my_team]` is the one `my-team` asks for), else every one the rule matches
 * (ignoring case, `-` as `_`); more than one of those is for the caller to refuse as ambiguous.
 */
export function accountMatches(names: Iterable<string>, wanted: string): string[] {
  const matches = [...names].filter((name) => sameAccountName(name, wanted));
  return matches.includes(wanted) ? [wanted] : matches;
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
  name = name.replace(/[-_]+$/, '');
  // A table named like a credential (`AKIA...`) has the characters of a name but is not one.
  if (!isAccountName(name)) name = fallback;
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
 * the name's account key upper-cased (`my-team` -> `RUNPOD_API_KEY_MY_TEAM`): names that read one
 * variable are one account by that key.
 */
export function accountKeyVariable(name: string): string {
  return `${API_KEY_ENV}_${accountNameKey(name).toUpperCase()}`;
}
