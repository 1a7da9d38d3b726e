/**
 * A window as activate() opens it (keyHarness.ts) on the two accounts of helpers/accountFront.ts:
 * `default` holds the personal key, `team` is added through Add Account. Import after
 * `vi.mock('vscode', ...)` with settingsBackend.ts's `configuration()` as getConfiguration, with
 * `settingsBackend.apiUrl` pointing at the front.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { prepareKeys } from '../../client/src/auth/keyEvents';
import { startAccounts } from '../../client/src/commands/accounts';
import { runAddAccount } from '../../client/src/commands/addAccount';
import { checkApiUrl } from '../../client/src/config';
import { startTwoAccounts, type TwoAccounts } from '../helpers/accountFront';
import { keyHarness, MemoryMemento, MemorySecretStorage, type KeyHarness } from './keyHarness';
import { settingsBackend } from './settingsBackend';
import { fake, type FakeInputBox } from './vscodeFake';

export const PERSONAL_KEY = 'rp_personal_flow_key_5c1d9e';
export const TEAM_KEY = 'rp_team_flow_key_7a3f2b';

/** Types `text` into the next input box and accepts it. */
export function typeNext(text: string): void {
  fake.inputScript.push((box: FakeInputBox) => {
    box.type(text);
    box.accept();
  });
}

/** A window opened as activate() opens it: keys prepared, the account chosen, one refresh. */
export async function openWindow(secrets = new MemorySecretStorage(), memento = new MemoryMemento()): Promise<KeyHarness> {
  const h = keyHarness(secrets, memento);
  await prepareKeys(h.keys, checkApiUrl(settingsBackend.apiUrl), h.core.log, {});
  await startAccounts(h.core);
  await h.store.refresh();
  await h.settled();
  return h;
}

/** Signed in as `default` (personal), then `team` added through Add Account: team is active. */
export async function openWithTwoAccounts(): Promise<KeyHarness> {
  const secrets = new MemorySecretStorage();
  await secrets.store('runpod.apiKey', PERSONAL_KEY);
  const h = await openWindow(secrets);
  typeNext('team');
  typeNext(TEAM_KEY);
  if ((await runAddAccount(h.core)) !== 'team') throw new Error('Add Account did not add team');
  await h.settled();
  return h;
}

/**
 * For a test file: the two accounts' fakes behind one front (started once, Pods boot at once) and,
 * before each test, the stand-in reset, the front's record cleared and a window opened on them with
 * team active (openWithTwoAccounts), its messages cleared; closed after the test. `opened` hands
 * both to the file each time.
 */
export function useTwoAccountWindow(opened: (accounts: TwoAccounts, h: KeyHarness) => void): void {
  let accounts: TwoAccounts | undefined;
  let h: KeyHarness | undefined;
  beforeAll(async () => {
    accounts = await startTwoAccounts({ personal: PERSONAL_KEY, team: TEAM_KEY }, { podBootMs: 0 });
  });
  afterAll(async () => {
    await accounts?.close();
  });
  beforeEach(async () => {
    fake.reset();
    accounts!.front.requests.length = 0;
    settingsBackend.apiUrl = accounts!.front.url;
    settingsBackend.workspaceAccount = undefined;
    settingsBackend.environments = undefined;
    h = await openWithTwoAccounts(); // team is active
    fake.messages.length = 0; // from here, what the flow under test shows
    opened(accounts!, h);
  });
  afterEach(() => h?.close());
}
