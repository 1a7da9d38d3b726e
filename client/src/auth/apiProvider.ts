/**
 * Hands out the API client for the URL in effect and the key saved for its origin, or says why
 * there is none (untrusted workspace; signed out, perhaps with a key saved for another origin,
 * which is never sent here without the user's yes). One client is cached per (key, URL, timeout);
 * a change of any of them closes the old one. No `vscode` import: the editor parts are injected.
 */
import { RunpodApiError } from '../runpod/errors';
import type { RunpodApi, RunpodClientOptions } from '../runpod/types';
import type { RunpodSettings } from '../config';
import type { ApiAccess } from '../secrets/store';
import type { KeyLookup } from './keyRecords';

export interface ApiProviderDeps {
  /** What secret storage holds for an origin (ApiKeyStorage.lookup in the extension). */
  lookupKey(origin: string): Promise<KeyLookup>;
  settings(): Pick<RunpodSettings, 'apiUrl' | 'requestTimeoutMs'>;
  isTrusted(): boolean;
  /** `new RunpodClient(options)` in the extension; throws `invalid-config` for a bad URL or key. */
  createClient(options: RunpodClientOptions): RunpodApi;
  /** Extra client options (the request logger, where the URL is set). */
  clientOptions?: Pick<RunpodClientOptions, 'onRequest' | 'baseUrlSource' | 'surface' | 'redactor'>;
  /** Called with every key handed to a client, so the log redacts it. */
  onKey?(key: string): void;
}

/** Where requests go now: the checked URL and its origin. */
export interface Endpoint {
  url: string;
  origin: string;
}

export class ApiProvider {
  private cached: { id: string; api: RunpodApi } | undefined;

  constructor(private readonly deps: ApiProviderDeps) {}

  /** The current access; throws only when the settings make a client impossible (invalid-config). */
  async access(): Promise<ApiAccess> {
    if (!this.deps.isTrusted()) return { kind: 'untrusted' };
    // The endpoint is read once: the key found for its origin goes to it and nowhere else, even if
    // the setting changes while secret storage answers.
    const endpoint = this.endpoint();
    const found = await this.deps.lookupKey(endpoint.origin);
    if (found.kind !== 'key') {
      this.invalidate();
      return { kind: 'signed-out', origin: endpoint.origin, ...(found.kind === 'elsewhere' ? { keyFor: found.savedFor } : {}) };
    }
    // Who the client acts as, from the lookup itself: a switch meanwhile does not rename it.
    return { kind: 'api', api: this.clientFor(found.key, endpoint), account: { origin: endpoint.origin, label: found.account } };
  }

  /** The client, or undefined when signed out or untrusted. */
  async getApi(): Promise<RunpodApi | undefined> {
    const access = await this.access();
    return access.kind === 'api' ? access.api : undefined;
  }

  /**
   * The URL in effect and its origin.
   * @throws RunpodApiError ('invalid-config') when runpod.apiUrl is unusable; the message never echoes it
   */
  endpoint(): Endpoint {
    const setting = this.deps.settings().apiUrl;
    if (!setting.ok) throw new RunpodApiError('invalid-config', setting.problem);
    return { url: setting.url, origin: setting.origin };
  }

  /** The origin of the URL in effect, or undefined while runpod.apiUrl is unusable. */
  currentOrigin(): string | undefined {
    const setting = this.deps.settings().apiUrl;
    return setting.ok ? setting.origin : undefined;
  }

  /**
   * A short-lived client for a key that is not stored yet (the Set API Key check), for `endpoint`
   * (the one the key is being saved for), with the same timeout and logging. The caller closes it.
   */
  createTemporary(key: string, endpoint: Endpoint): RunpodApi {
    this.deps.onKey?.(key);
    return this.create(key, endpoint);
  }

  /** Drops (and closes) the cached client: after a key or settings change. */
  invalidate(): void {
    const old = this.cached;
    this.cached = undefined;
    if (old) void old.api.close().catch(() => undefined);
  }

  private clientFor(key: string, endpoint: Endpoint): RunpodApi {
    const { requestTimeoutMs } = this.deps.settings();
    // The identity includes the key itself only in memory; it is never logged or stored.
    const id = JSON.stringify([key, endpoint.url, requestTimeoutMs]);
    if (this.cached?.id === id) return this.cached.api;
    this.invalidate();
    this.deps.onKey?.(key);
    const api = this.create(key, endpoint);
    this.cached = { id, api };
    return api;
  }

  private create(key: string, endpoint: Endpoint): RunpodApi {
    const { requestTimeoutMs } = this.deps.settings();
    return this.deps.createClient({ ...this.deps.clientOptions, apiKey: key, baseUrl: endpoint.url, timeoutMs: requestTimeoutMs });
  }
}
