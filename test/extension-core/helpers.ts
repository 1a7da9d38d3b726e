/** Small stand-ins for the editor pieces the pure extension modules take as dependencies. */
import type { RunpodApi, Secret } from '../../client/src/runpod/types';
import type { CachedCatalog, CatalogPersistence } from '../../client/src/secrets/persistence';
import type { ApiAccess, EmitterLike } from '../../client/src/secrets/store';

/** A minimal `vscode.EventEmitter<void>`: counts fires, calls listeners. */
export class TestEmitter implements EmitterLike {
  fired = 0;
  private listeners = new Set<() => void>();
  readonly event = ((listener: () => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }) as EmitterLike['event'];
  fire(): void {
    this.fired++;
    for (const listener of this.listeners) listener();
  }
}

/** An error shaped like the client's RunpodApiError (kind + message). */
export class KindError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

/** A promise whose resolution the test controls. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function secret(name: string, extra: Partial<Secret> = {}): Secret {
  return {
    id: `id-${name}`,
    name,
    createdAt: '2026-09-01T12:00:00.000Z',
    description: null,
    valueLastUpdatedAt: '2026-09-01T12:00:00.000Z',
    ...extra,
  };
}

/**
 * An in-memory secrets API. `failNext` makes the next call of a method fail; `gate` makes the next
 * listSecrets wait for the test. Values are kept only to check they were sent, never returned.
 */
export class FakeSecretsApi implements Partial<RunpodApi> {
  secrets = new Map<string, Secret>();
  values = new Map<string, string>();
  calls: string[] = [];
  private failures = new Map<string, unknown>();
  private gates: Array<Promise<void>> = [];
  private counter = 0;

  constructor(initial: Secret[] = []) {
    for (const s of initial) this.secrets.set(s.name, s);
  }

  failNext(method: string, error: unknown): void {
    this.failures.set(method, error);
  }

  /** The next listSecrets waits until the returned function is called. */
  gate(): () => void {
    const d = deferred<void>();
    this.gates.push(d.promise);
    return () => d.resolve();
  }

  private check(method: string): void {
    this.calls.push(method);
    const failure = this.failures.get(method);
    if (failure !== undefined) {
      this.failures.delete(method);
      throw failure;
    }
  }

  async listSecrets(): Promise<Secret[]> {
    this.calls.push('listSecrets:start');
    const gate = this.gates.shift();
    const snapshot = [...this.secrets.values()];
    if (gate) await gate;
    this.check('listSecrets');
    return gate ? snapshot : [...this.secrets.values()];
  }

  async createSecret(input: { name: string; value: string; description?: string }): Promise<Secret> {
    this.check('createSecret');
    if (this.secrets.has(input.name)) throw new KindError('duplicate-name', `A secret named ${input.name} already exists.`);
    const created = secret(input.name, { id: `new-${++this.counter}`, description: input.description ?? null });
    this.secrets.set(input.name, created);
    this.values.set(input.name, input.value);
    return created;
  }

  async updateSecret(name: string, patch: { value?: string; description?: string }): Promise<Secret> {
    this.check('updateSecret');
    const existing = this.secrets.get(name);
    if (!existing) throw new KindError('not-found', `No secret named ${name}.`);
    const updated: Secret = {
      ...existing,
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.value !== undefined ? { valueLastUpdatedAt: '2026-10-01T00:00:00.000Z' } : {}),
    };
    if (patch.value !== undefined) this.values.set(name, patch.value);
    this.secrets.set(name, updated);
    return updated;
  }

  async deleteSecret(name: string): Promise<void> {
    this.check('deleteSecret');
    if (!this.secrets.delete(name)) throw new KindError('not-found', `No secret named ${name}.`);
    this.values.delete(name);
  }

  asApi(): RunpodApi {
    return this as unknown as RunpodApi;
  }
}

/** Persistence in memory, recording every save. */
export class MemoryPersistence implements CatalogPersistence {
  saved: Array<CachedCatalog | undefined> = [];
  constructor(public stored?: CachedCatalog) {}
  load(): CachedCatalog | undefined {
    return this.stored;
  }
  save(catalog: CachedCatalog | undefined): Promise<void> {
    this.saved.push(catalog);
    this.stored = catalog;
    return Promise.resolve();
  }
}

/** The account a test's fake API acts as: where the store says its writes happened. */
export const TEST_ACCOUNT = { origin: 'https://api.runpod.io', label: 'default' } as const;

/** Switchable access: tests flip between signed-out, untrusted and a fake API. */
export class AccessSwitch {
  current: ApiAccess;
  constructor(api?: FakeSecretsApi) {
    this.current = api ? { kind: 'api', api: api.asApi(), account: TEST_ACCOUNT } : { kind: 'signed-out' };
  }
  /** When set, resolving access fails with this error (a bad API URL, for instance). */
  failure: unknown;
  get = (): Promise<ApiAccess> => (this.failure !== undefined ? Promise.reject(this.failure) : Promise.resolve(this.current));
}

/** A clock that advances one minute per reading, so each fetch gets a distinct time. */
export function steppingClock(start = Date.parse('2026-10-10T10:00:00.000Z')): () => Date {
  let t = start;
  return () => {
    const d = new Date(t);
    t += 60_000;
    return d;
  };
}

/**
 * VS Code's secret storage in memory, with change events as VS Code fires them (after the write).
 * `failReads` makes every read throw, as a broken keychain does.
 */
export class MemorySecretStorage {
  readonly data = new Map<string, string>();
  failReads = false;
  private readonly listeners = new Set<(event: { key: string }) => void>();
  readonly onDidChange = (listener: (event: { key: string }) => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  async get(key: string): Promise<string | undefined> {
    if (this.failReads) throw new Error('the keychain is locked');
    return this.data.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.data.set(key, value);
    for (const listener of [...this.listeners]) listener({ key });
  }
  async delete(key: string): Promise<void> {
    if (!this.data.delete(key)) return;
    for (const listener of [...this.listeners]) listener({ key });
  }
}
