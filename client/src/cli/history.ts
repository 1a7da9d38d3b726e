/**
 * The command line's part of the secret history: each change it makes to a secret (created, value
 * changed, description changed, deleted, Pods restarted) is appended to the history file the
 * editor merges into "RunPod: Show Secret History" (secrets/historyFile.ts), with the account it
 * was made in as the editor names its own: the origin the client sent to, and the account's name
 * when the key's source gives one (keySource.ts). Never a value, never the key. A history that
 * cannot be written is a note on stderr, never a failed command.
 * `RUNPOD_CHECK_HISTORY=off` turns it off (a CI job has no one to show it to).
 */
import { originOf } from '../runpod/baseUrl';
import type { HistoryAccount, HistoryAction, HistoryPod } from '../secrets/history';
import { appendHistoryFile, historyFilePath } from '../secrets/historyFile';
import type { ApiConfig } from './client';
import type { Io } from './io';

/** The variable that turns the command line's history off (`off`), named here for the code and the help alike. */
export const HISTORY_ENV = 'RUNPOD_CHECK_HISTORY';

/** The account a client writes to: its API origin (the URL it sends to, not one read again) and the key's account name. */
export function cliHistoryAccount(client: { readonly baseUrl: string }, config: Pick<ApiConfig, 'account'>): HistoryAccount {
  return { origin: originOf(client.baseUrl), ...(config.account ? { label: config.account } : {}) };
}

/** Appends an entry for `action`, done in `account` (cliHistoryAccount of the client that did it). */
export function recordCliHistory(io: Io, account: HistoryAccount, action: HistoryAction, secret: string, extra: { pods?: HistoryPod[] } = {}): void {
  if (io.env[HISTORY_ENV]?.trim().toLowerCase() === 'off') return;
  try {
    appendHistoryFile(historyFilePath(io.env), { at: new Date().toISOString(), action, secret, account: { ...account }, source: 'cli', ...extra });
  } catch (error) {
    io.stderr(`note: the secret history was not recorded: ${error instanceof Error ? error.message : 'error'}\n`);
  }
}
