/**
 * The API key lives in VS Code's secret storage only (never settings, never a file). This wrapper
 * names the entry once and hands out change events for it alone.
 */
import type * as vscode from 'vscode';

const API_KEY_SECRET = 'runpod.apiKey';

/** The environment variable read once at activation when no key is stored (demo and CI). */
export const API_KEY_ENV = 'RUNPOD_API_KEY';

export class ApiKeyStorage {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** The stored key, or undefined; a storage failure reads as "no key". */
  async get(): Promise<string | undefined> {
    try {
      const key = await this.secrets.get(API_KEY_SECRET);
      return key && key.trim() !== '' ? key : undefined;
    } catch {
      return undefined;
    }
  }

  set(key: string): Thenable<void> {
    return this.secrets.store(API_KEY_SECRET, key);
  }

  delete(): Thenable<void> {
    return this.secrets.delete(API_KEY_SECRET);
  }

  /** Fires when the key changes, also from another window. */
  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      if (event.key === API_KEY_SECRET) listener();
    });
  }

  /**
   * Demo/CI hook: with no stored key and `RUNPOD_API_KEY` set, store that. Returns the key taken,
   * so the caller can register it with the redactor.
   */
  async importFromEnvironment(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
    const fromEnv = env[API_KEY_ENV]?.trim();
    if (!fromEnv || (await this.get())) return undefined;
    await this.set(fromEnv);
    return fromEnv;
  }
}
