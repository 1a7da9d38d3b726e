/**
 * Hands out the API client for the current key, URL and timeout, or says why there is none
 * (signed out, untrusted workspace). One client is cached per (key, URL, timeout); a change of any
 * of them closes the old one. No `vscode` import: the editor parts are injected.
 */
import type { RunpodApi, RunpodClientOptions } from '../runpod/types';
import type { RunpodSettings } from '../config';
import type { ApiAccess } from '../secrets/store';

export interface ApiProviderDeps {
  getKey(): Promise<string | undefined>;
  settings(): Pick<RunpodSettings, 'apiUrl' | 'requestTimeoutMs'>;
  isTrusted(): boolean;
  /** `new RunpodClient(options)` in the extension; throws `invalid-config` for a bad URL or key. */
  createClient(options: RunpodClientOptions): RunpodApi;
  /** Extra client options (the request logger, where the URL is set). */
  clientOptions?: Pick<RunpodClientOptions, 'onRequest' | 'baseUrlSource'>;
  /** Called with every key handed to a client, so the log redacts it. */
  onKey?(key: string): void;
}

export class ApiProvider {
  private cached: { id: string; api: RunpodApi } | undefined;

  constructor(private readonly deps: ApiProviderDeps) {}

  /** The current access; throws only when the settings make a client impossible (invalid-config). */
  async access(): Promise<ApiAccess> {
    if (!this.deps.isTrusted()) return { kind: 'untrusted' };
    const key = await this.deps.getKey();
    if (!key) {
      this.invalidate();
      return { kind: 'signed-out' };
    }
    return { kind: 'api', api: this.clientFor(key) };
  }

  /** The client, or undefined when signed out or untrusted. */
  async getApi(): Promise<RunpodApi | undefined> {
    const access = await this.access();
    return access.kind === 'api' ? access.api : undefined;
  }

  /**
   * A short-lived client for a key that is not stored yet (the Set API Key check), with the same
   * URL, timeout and logging. The caller closes it.
   */
  createTemporary(key: string): RunpodApi {
    this.deps.onKey?.(key);
    const { apiUrl, requestTimeoutMs } = this.deps.settings();
    return this.deps.createClient({ ...this.deps.clientOptions, apiKey: key, baseUrl: apiUrl, timeoutMs: requestTimeoutMs });
  }

  /** Drops (and closes) the cached client: after a key or settings change. */
  invalidate(): void {
    const old = this.cached;
    this.cached = undefined;
    if (old) void old.api.close().catch(() => undefined);
  }

  private clientFor(key: string): RunpodApi {
    const { apiUrl, requestTimeoutMs } = this.deps.settings();
    // The identity includes the key itself only in memory; it is never logged or stored.
    const id = JSON.stringify([key, apiUrl, requestTimeoutMs]);
    if (this.cached?.id === id) return this.cached.api;
    this.invalidate();
    this.deps.onKey?.(key);
    const api = this.deps.createClient({ ...this.deps.clientOptions, apiKey: key, baseUrl: apiUrl, timeoutMs: requestTimeoutMs });
    this.cached = { id, api };
    return api;
  }
}
