/**
 * The editor's side of the secret history: entries kept in the extension's global storage
 * (bounded), recorded after each successful write, and shown merged with the command line's file.
 * Pure: the storage, the clock and the CLI file reader are injected. The account is not: each
 * record is given the account its action happened in (the client that made the call, store.ts),
 * never the one active when the record is written, which a switch mid-flow may have changed.
 */
import { appendEntry, entriesOfAccount, mergeHistories, sanitizeEntry, type HiddenAccount, type HistoryAccount, type HistoryAction, type HistoryEntry, type HistoryPod } from './history';

/** `vscode.Memento` as far as the history needs it. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export interface SecretHistoryDeps {
  memento: MementoLike;
  now(): number;
  /** The command line's entries (historyFile.ts); may throw, which the view reports. */
  readCliEntries?(): HistoryEntry[];
  /** Told when storing failed: the action itself succeeded and is not undone. */
  warn?(message: string): void;
  /**
   * The account shown now (its origin and name), or undefined when none can be (runpod.apiUrl
   * unusable): what `all()` keeps. The CLI's file holds every account and origin it was run with.
   */
  activeAccount?(): HistoryAccount | undefined;
}

export const HISTORY_KEY = 'runpod.secrets.history';

/**
 * The account the window acts as, named as apiProvider names the account of a write: the origin of
 * the URL in effect and the active account's name; undefined while runpod.apiUrl is unusable.
 */
export function windowAccount(apis: { currentOrigin(): string | undefined }, keys: { readonly account: string }): () => HistoryAccount | undefined {
  return () => {
    const origin = apis.currentOrigin();
    return origin === undefined ? undefined : { origin, label: keys.account };
  };
}

export class SecretHistory {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SecretHistoryDeps) {}

  /**
   * Records an action (after it succeeded) done in `account`. Never rejects: a history that cannot
   * be written must not fail the action.
   */
  record(action: HistoryAction, secret: string, account: HistoryAccount, extra: { to?: string; pods?: HistoryPod[] } = {}): Promise<void> {
    const entry: HistoryEntry = { at: new Date(this.deps.now()).toISOString(), action, secret, account: { ...account }, source: 'editor', ...extra };
    // One write at a time: two actions in a row must not both start from the same old list.
    this.queue = this.queue.then(() => this.deps.memento.update(HISTORY_KEY, appendEntry(this.stored(), entry))).catch((error: unknown) => {
      this.deps.warn?.(`Could not store the secret history: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.queue;
  }

  /** The account an action done now is recorded against (the active one), when it is known. */
  activeAccount(): HistoryAccount | undefined {
    return this.deps.activeAccount?.();
  }

  /**
   * What was recorded here and by the command line in the active account, oldest first; how many
   * entries of other accounts were left out; and why the CLI's file could not be read if it could
   * not. With no active account known, every entry (`hidden` empty, `account` absent).
   */
  all(): { entries: HistoryEntry[]; hidden: HiddenAccount[]; account?: HistoryAccount; cliError?: string } {
    let cli: HistoryEntry[] = [];
    let cliError: string | undefined;
    try {
      cli = this.deps.readCliEntries?.() ?? [];
    } catch (error) {
      cliError = error instanceof Error ? error.message : String(error);
    }
    const merged = mergeHistories(this.stored(), cli);
    const account = this.deps.activeAccount?.();
    const shown = account ? { ...entriesOfAccount(merged, account), account } : { entries: merged, hidden: [] };
    return cliError === undefined ? shown : { ...shown, cliError };
  }

  /** The entries in storage, each rebuilt field by field (storage is data like any file). */
  private stored(): HistoryEntry[] {
    const raw = this.deps.memento.get<unknown>(HISTORY_KEY);
    if (!Array.isArray(raw)) return [];
    const out: HistoryEntry[] = [];
    for (const item of raw) {
      const entry = sanitizeEntry(item);
      if (entry) out.push(entry);
    }
    return out;
  }
}
