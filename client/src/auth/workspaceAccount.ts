/**
 * What a workspace's `runpod.account` setting means: only the NAME of one of the user's own
 * accounts. A value that is not a name (a key or a URL pasted there; anything but a short plain
 * string) is ignored with a warning that does not repeat it; a value equal to a stored key is
 * called out as a key that must leave the workspace's settings. In an untrusted workspace the
 * setting is not applied at all. Pure.
 */
import { ACCOUNT_NAME_RULE, findAccount, isAccountName } from './accountNames';

export const WORKSPACE_ACCOUNT_SETTING = 'runpod.account';

export type WorkspaceAccount =
  /** The workspace names no account. */
  | { kind: 'none' }
  /** Named, but the workspace is not trusted: not applied. */
  | { kind: 'untrusted' }
  /** Not an account name: ignored; `message` says why without repeating the value. */
  | { kind: 'ignored'; message: string }
  /** An account name; `existing` is the stored account it matches (ignoring case), if any. */
  | { kind: 'named'; name: string; existing?: string };

/**
 * @param raw the workspace's value of runpod.account (not the user's)
 * @param accounts the names that hold a key
 * @param storedKeys every stored key, to recognise one pasted into the setting
 */
export function readWorkspaceAccount(raw: unknown, trusted: boolean, accounts: readonly string[], storedKeys: readonly string[]): WorkspaceAccount {
  if (raw === undefined || raw === null || raw === '') return { kind: 'none' };
  if (!trusted) return { kind: 'untrusted' };
  const text = typeof raw === 'string' ? raw.trim() : undefined;
  if (text !== undefined && storedKeys.includes(text)) {
    return {
      kind: 'ignored',
      message:
        `The workspace setting ${WORKSPACE_ACCOUNT_SETTING} holds one of your RunPod API keys. It was not used: remove it from ` +
        'the workspace settings (and from version control), and rotate the key in the RunPod console if the file was shared.',
    };
  }
  if (text === undefined || !isAccountName(text)) {
    return {
      kind: 'ignored',
      message:
        `The workspace setting ${WORKSPACE_ACCOUNT_SETTING} was ignored: it takes the name of one of your RunPod accounts ` +
        `(${ACCOUNT_NAME_RULE}), never an API key or a URL.`,
    };
  }
  const existing = findAccount(accounts, text);
  return existing === undefined ? { kind: 'named', name: text } : { kind: 'named', name: text, existing };
}
