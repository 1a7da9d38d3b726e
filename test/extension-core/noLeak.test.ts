/**
 * The key and every value entered must never reach the log, the store's state, a thrown error's
 * message, the persisted cache or the server's catalog, even when the API echoes them back.
 */
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../client/src/auth/apiProvider';
import { checkApiUrl } from '../../client/src/config';
import { RedactingLog } from '../../client/src/log/runpodLog';
import type { RequestLogEvent, RunpodApi, RunpodClientOptions, Secret } from '../../client/src/runpod/types';
import { SecretsStore } from '../../client/src/secrets/store';
import { expectNoLeak } from '../helpers/noLeak';
import { FakeSecretsApi, KindError, MemoryPersistence, TestEmitter } from './helpers';

const KEY = 'rpa_LEAKCHECK0123456789ABCDEF';
const VALUE_A = 'sk-live-"quoted"\\value\nline2';
const VALUE_B = 'p@ss word/with?chars&more';
const VALUE_C = 'hf_newtoken_zzzzzzzzzz';

/** Forms an echoing server or proxy could use. */
const echoes = (v: string) => [v, JSON.stringify(v), encodeURIComponent(v)].join(' | ');

/** A fake API that puts the key and the values it receives into error messages and log events. */
class EchoingApi extends FakeSecretsApi {
  constructor(
    private readonly key: string,
    private readonly onRequest?: (event: RequestLogEvent) => void,
  ) {
    super();
  }
  override async createSecret(input: { name: string; value: string; description?: string }): Promise<Secret> {
    this.onRequest?.({ method: 'POST', path: '/account/secrets', status: 201, durationMs: 3, attempt: 1 });
    if (input.name.startsWith('bad')) {
      this.onRequest?.({ method: 'POST', path: '/account/secrets', status: 422, durationMs: 2, attempt: 1, error: `echo ${echoes(input.value)}` });
      // Pieces too: the first line of a multi-line value, and a value cut short.
      const pieces = `line 1: ${input.value.split('\n')[0]}; starts ${input.value.slice(0, 14)}…`;
      throw new KindError('validation', `422: value ${echoes(input.value)} rejected for key ${this.key}; ${pieces}`);
    }
    return super.createSecret(input);
  }
  override async updateSecret(name: string, patch: { value?: string; description?: string }): Promise<Secret> {
    if (patch.value !== undefined && name === 'fails') {
      throw new KindError('server', `500 while storing ${echoes(patch.value)}`);
    }
    return super.updateSecret(name, patch);
  }
  override async listSecrets(): Promise<Secret[]> {
    const result = await super.listSecrets();
    if (this.calls.filter((c) => c === 'listSecrets').length > 2) {
      throw new KindError('unauthorized', `401 Bearer ${this.key} rejected; ?token=${encodeURIComponent(this.key)}`);
    }
    return result;
  }
}

describe('no leak of the key or values', () => {
  it('entering values through create, update value and failing calls leaves no trace outside the API', async () => {
    const lines: string[] = [];
    const log = new RedactingLog({
      info: (m) => lines.push(`INFO ${m}`),
      warn: (m) => lines.push(`WARN ${m}`),
      error: (m) => lines.push(`ERROR ${m}`),
    });
    let api: EchoingApi | undefined;
    const provider = new ApiProvider({
      lookupKey: async () => ({ kind: 'key', key: KEY, account: 'default' }),
      settings: () => ({ apiUrl: checkApiUrl('http://127.0.0.1:9/v2'), requestTimeoutMs: 5000 }),
      isTrusted: () => true,
      createClient: (options: RunpodClientOptions): RunpodApi => {
        api = new EchoingApi(options.apiKey, options.onRequest);
        return api.asApi();
      },
      clientOptions: { onRequest: (event) => log.request(event) },
      onKey: (key) => log.addSensitive(key),
    });
    const persistence = new MemoryPersistence();
    const store = new SecretsStore({
      emitter: new TestEmitter(),
      getAccess: () => provider.access(),
      persistence,
      log,
      redact: (t) => log.redact(t),
    });

    const thrown: string[] = [];
    const states: string[] = [];
    store.onDidChange(() => states.push(JSON.stringify(store.state)));

    await store.refresh();
    await store.create({ name: 'good', value: VALUE_A, description: 'desc' });
    await store.create({ name: 'bad_one', value: VALUE_B }).catch((e: Error) => thrown.push(e.message, e.stack ?? ''));
    await store.create({ name: 'bad_two', value: VALUE_A }).catch((e: Error) => thrown.push(e.message, e.stack ?? ''));
    await store.create({ name: 'fails', value: 'initial-value-for-fails' });
    await store.updateValue('fails', VALUE_C).catch((e: Error) => thrown.push(e.message, e.stack ?? ''));
    await store.refresh(); // the fake now rejects the key, echoing it
    log.error('A caller logs an error object', new KindError('x', `with ${VALUE_A} inside`));

    // The API really received the values (the test would be empty otherwise).
    expect(api?.values.get('good')).toBe(VALUE_A);
    expect(thrown.length).toBeGreaterThan(0);
    expect(store.state.kind).toBe('stale');
    expect(lines.some((l) => l.includes('[redacted]'))).toBe(true);

    const everything = [
      ...lines,
      ...thrown,
      ...states,
      JSON.stringify(persistence.saved),
      JSON.stringify(store.toCatalog()),
      JSON.stringify(store.secrets),
    ].join('\n');
    expectNoLeak(everything, [KEY, VALUE_A, VALUE_B, VALUE_C], 'log, errors, states, cache and catalog');
  });
});
