/**
 * A `SecretLifecycle` for flow tests: the real AccountScan over the listers given, the real
 * SecretHistory on an in-memory memento, a scripted workspace index (by default one that cannot
 * answer, like a server without the index), and a fixed clock.
 */
import { AccountScan, type AccountListers } from '../../client/src/secrets/accountScan';
import { SecretHistory } from '../../client/src/secrets/historyStore';
import type { HistoryAccount, HistoryEntry } from '../../client/src/secrets/history';
import type { SecretLifecycle } from '../../client/src/secrets/lifecycle';
import type { WorkspaceIndex } from '../../client/src/secrets/workspaceIndex';
import type { CancelToken } from '../../client/src/waitRace';
import { EventEmitter } from './vscodeFake';

export const NOW = Date.parse('2026-12-04T12:00:00Z');

/** A memento in memory, as VS Code's globalState behaves for one window. */
export class MemoryMemento {
  readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}

export interface IndexScript {
  /** Answer of runpod/secretUsages (a function gets the params); default: rejects (no index). */
  usages?: unknown | ((params: unknown) => unknown);
  /** Answer of runpod/renameSecret; default: rejects. */
  rename?: unknown | ((params: unknown, token?: CancelToken) => unknown);
}

/** A workspace index whose answers the test scripts; `fire()` sends runpod/usagesChanged; `asked` records requests. */
export function scriptedIndex(script: IndexScript = {}) {
  const changed = new EventEmitter<void>();
  const asked: { method: string; params: unknown }[] = [];
  const answer = (value: unknown, params: unknown, token?: CancelToken) => (typeof value === 'function' ? (value as (p: unknown, t?: CancelToken) => unknown)(params, token) : value);
  const index: WorkspaceIndex & { fire(): void; asked: typeof asked; script: IndexScript } = {
    script,
    asked,
    secretUsages: async (params) => {
      asked.push({ method: 'runpod/secretUsages', params });
      if (!('usages' in script)) throw Object.assign(new Error('no index'), { code: -32601 });
      return answer(script.usages, params);
    },
    renameSecret: async (params, token) => {
      asked.push({ method: 'runpod/renameSecret', params });
      if (!('rename' in script)) throw new Error('The RunPod language server is not running.');
      return answer(script.rename, params, token);
    },
    onDidChangeUsages: changed.event as WorkspaceIndex['onDidChangeUsages'],
    fire: () => changed.fire(),
  };
  return index;
}

export function fakeLifecycle(options: { listers?: () => AccountListers | undefined; index?: ReturnType<typeof scriptedIndex>; now?: () => number; rotationDays?: number; cliEntries?: HistoryEntry[]; activeAccount?: () => HistoryAccount | undefined } = {}) {
  const memento = new MemoryMemento();
  const index = options.index ?? scriptedIndex();
  const now = options.now ?? (() => NOW);
  const identity = {};
  const lifecycle: SecretLifecycle = {
    index,
    account: new AccountScan({
      connect: async () => {
        const listers = options.listers?.();
        return listers ? { identity, listers } : { unavailable: 'no API key is set, or the workspace is not trusted' };
      },
      now,
      describeError: (error) => (error instanceof Error ? error.message : String(error)),
    }),
    history: new SecretHistory({ memento, now, readCliEntries: () => options.cliEntries ?? [], ...(options.activeAccount ? { activeAccount: options.activeAccount } : {}) }),
    now,
    rotationDays: () => options.rotationDays ?? 90,
  };
  return { lifecycle, memento, index };
}
