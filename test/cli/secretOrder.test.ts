/**
 * One order of secret names (secrets/nameOrder.ts) for `runpod-check secrets list`, the store and
 * the Secrets view / picker: lowercased by code unit, then exact by code unit. Not the machine's
 * locale, so the terminal and the editor list an account the same way everywhere.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { SecretsStore } from '../../client/src/secrets/store';
import { secretsByName } from '../../client/src/views/secretOrder';
import { AccessSwitch, FakeSecretsApi, MemoryPersistence, TestEmitter, secret, steppingClock } from '../extension-core/helpers';
import { apiEnv, buildOnce, runCli } from './helpers';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 180_000 });

// Upper and lower case of the same name, `-` and `_` (which code-unit order puts before letters)
// and non-ASCII names (which a locale order would put next to their ASCII letters).
const NAMES = ['b', 'a', 'B', 'A', 'a_x', 'ab', 'a-x', 'Z', 'z9', 'y', 'é', 'E', 'ä', 'Ä'];
const EXPECTED = ['A', 'a', 'a-x', 'a_x', 'ab', 'B', 'b', 'E', 'y', 'Z', 'z9', 'Ä', 'ä', 'é'];

let fake: FakeRunpod;
beforeAll(async () => {
  buildOnce();
  fake = await startFakeRunpod();
  for (const name of NAMES) fake.addSecret({ name, value: `value-of-${name}` });
});
afterAll(async () => {
  await fake?.close();
});

describe('the order of secret names', () => {
  it('is the same in `secrets list`, the store and the Secrets view', async () => {
    const cli = await runCli(['secrets', 'list', '--json'], { env: apiEnv(fake) });
    expect(cli.code).toBe(0);
    const cliNames = (JSON.parse(cli.stdout) as { name: string }[]).map((s) => s.name);

    const store = new SecretsStore({
      emitter: new TestEmitter(),
      getAccess: new AccessSwitch(new FakeSecretsApi(NAMES.map((name) => secret(name)))).get,
      persistence: new MemoryPersistence(),
      now: steppingClock(),
    });
    await store.refresh();
    const storeNames = store.secrets.map((s) => s.name);
    const viewNames = secretsByName(store.secrets).map((s) => s.secret.name);

    expect(cliNames).toEqual(EXPECTED);
    expect(storeNames).toEqual(EXPECTED);
    expect(viewNames).toEqual(EXPECTED);
  });
});
