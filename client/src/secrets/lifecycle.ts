/**
 * What the secret lifecycle commands (View, Delete, Rename, Rotate, Show History) and the Secrets
 * tree share beyond the store: where secrets are used, in the workspace (the language server's
 * index) and on the account (one cached listing per resource type), and the history of what was
 * done to them. Built once in activate(); tests pass stand-ins.
 */
import type { AccountScan } from './accountScan';
import type { SecretHistory } from './historyStore';
import type { WorkspaceIndex } from './workspaceIndex';

export interface SecretLifecycle {
  index: WorkspaceIndex;
  account: AccountScan;
  history: SecretHistory;
  /** Clock in ms (value ages, history times); injected so tests are deterministic. */
  now(): number;
  /** `runpod.secrets.rotationDays` now (0 = off). */
  rotationDays(): number;
}
