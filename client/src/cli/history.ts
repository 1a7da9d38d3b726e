/**
 * The command line's part of the secret history: each change it makes to a secret (created, value
 * changed, description changed, deleted, Pods restarted) is appended to the history file the
 * editor merges into "RunPod: Show Secret History" (secrets/historyFile.ts). Never a value. A
 * history that cannot be written is a note on stderr, never a failed command.
 * `RUNPOD_CHECK_HISTORY=off` turns it off (a CI job has no one to show it to).
 */
import * as os from 'node:os';
import { normalizeBaseUrl, originOf } from '../runpod/baseUrl';
import type { HistoryAction, HistoryPod } from '../secrets/history';
import { appendHistoryFile, historyFilePath } from '../secrets/historyFile';
import type { Io } from './io';

export function recordCliHistory(io: Io, action: HistoryAction, secret: string, extra: { pods?: HistoryPod[] } = {}): void {
  if (io.env['RUNPOD_CHECK_HISTORY']?.trim().toLowerCase() === 'off') return;
  try {
    const origin = originOf(normalizeBaseUrl(io.env['RUNPOD_API_URL']?.trim() || undefined));
    const home = io.env['HOME']?.trim() || os.homedir();
    appendHistoryFile(historyFilePath(io.env, home), { at: new Date().toISOString(), action, secret, account: { origin }, source: 'cli', ...extra });
  } catch (error) {
    io.stderr(`note: the secret history was not recorded: ${error instanceof Error ? error.message : 'error'}\n`);
  }
}
