/**
 * Named accounts as the editor wires them (real key storage, API client, store, persistence, the
 * account commands), on the scripted VS Code stand-in. Two accounts, each a fake RunPod API with
 * its own key and secrets, behind one origin that routes by key and records the Authorization
 * header of every request: switching feeds the tree and the language server with the other
 * account's list, each account's cached list is kept apart, and a workspace naming an account the
 * user has not added sends no key anywhere.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';

const trust = vi.hoisted(() => ({ value: true }));
vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => {
  const base = await import('./vscodeFake');
  const { configuration } = await import('./settingsBackend');
  return {
    ...base,
    workspace: {
      ...base.workspace,
      get isTrusted() {
        return trust.value;
      },
      getConfiguration: configuration,
    },
  };
});

import { switchAccount, useAccount } from '../../client/src/auth/accountSwitch';
import { prepareKeys } from '../../client/src/auth/keyEvents';
import { keptElsewhere, serializeStoredKeys } from '../../client/src/auth/keyRecords';
import { runSetApiKey } from '../../client/src/auth/session';
import { afterTrustGranted, startAccounts } from '../../client/src/commands/accounts';
import { runAddAccount } from '../../client/src/commands/addAccount';
import { register as registerClearApiKey } from '../../client/src/commands/clearApiKey';
import { runImportCliConfig } from '../../client/src/commands/importCliConfig';
import { launchPod } from '../../client/src/commands/launchPod';
import { recallAnswers, wizardRun } from '../../client/src/ui/wizardMemory';
import { configuration } from './settingsBackend';
import { register as registerDeleteSecret } from '../../client/src/commands/delete';
import { runRemoveAccount } from '../../client/src/commands/removeAccount';
import { runSwitchAccount } from '../../client/src/commands/switchAccount';
import { checkApiUrl } from '../../client/src/config';
import { describeAccountStatus } from '../../client/src/status/accountText';
import { CatalogSync, serverCatalog } from '../../client/src/lsp/catalogSync';
import type { SecretsChangedParams } from '../../server/src/protocol';
import { startFakeRunpod, type FakeRunpod } from '../fake-runpod/index';
import { startTwoAccounts, type AccountFront, type TwoAccounts } from '../helpers/accountFront';
import { keyHarness, MemoryMemento, MemorySecretStorage, type KeyHarness } from './keyHarness';
import { settingsBackend } from './settingsBackend';
import { fake, ui, Uri, type FakeQuickPick } from './vscodeFake';
import { until } from './serverlessHarness';
import { count } from '../../server/src/template/counts';
import { blockingCallsOf } from '../helpers/blockingReads';
import { openWindow, openWithTwoAccounts, PERSONAL_KEY, TEAM_KEY, typeNext } from './twoAccountWindow';

const PROD_KEY = 'rp_prod_flow_key_9e4b10';

let personal: FakeRunpod;
let team: FakeRunpod;
let front: AccountFront;
let accounts: TwoAccounts;
let h: KeyHarness;

beforeAll(async () => {
  accounts = await startTwoAccounts({ personal: PERSONAL_KEY, team: TEAM_KEY });
  ({ personal, team, front } = accounts);
});
afterAll(async () => {
  await accounts?.close();
});
beforeEach(() => {
  fake.reset();
  trust.value = true;
  front.requests.length = 0;
  settingsBackend.apiUrl = front.url;
  settingsBackend.workspaceAccount = undefined;
  settingsBackend.environments = undefined;
});
afterEach(() => h?.close());

const PERSONAL_NAMES = ['db_password', 'hf-token', 'openai-key'];
const names = () => h.store.secrets.map((s) => s.name);
const catalogNames = () => h.store.toCatalog().secrets.map((s) => s.name);
/** Which accounts the requests since the last reset went to (undefined: no route, 401). */
const routed = () => front.requests.map((r) => r.account);

describe('accounts', () => {
  it('the single key of older versions becomes account "default" without the user doing anything', async () => {
    const secrets = new MemorySecretStorage();
    await secrets.store('runpod.apiKey', PERSONAL_KEY);
    h = await openWindow(secrets);
    expect(h.accounts.names).toEqual(['default']);
    expect(h.accounts.active).toBe('default');
    expect(names()).toEqual(PERSONAL_NAMES);
    expect(routed()).toEqual(['personal']);
    expect(describeAccountStatus({ active: 'default', exists: true, count: 1, fromWorkspace: false }).text).toBe('$(account) default');
  });

  it('Add Account: name, masked key, one check call with the new key; the new account is active and feeds tree and server', async () => {
    h = await openWithTwoAccounts();
    const [nameBox, keyBox] = fake.boxes;
    expect(nameBox).toMatchObject({ title: 'RunPod: Add Account', step: 1, totalSteps: 2, password: false });
    expect(keyBox).toMatchObject({ title: 'RunPod: Add Account team', step: 2, totalSteps: 2, password: true, back: true });
    // The refresh at open (personal), then exactly one call for the check, with the team key.
    expect(routed()).toEqual(['personal', 'team']);
    expect(front.requests[1]!.authorization).toBe(`Bearer ${TEAM_KEY}`);
    expect(h.accounts.active).toBe('team');
    expect(names()).toEqual(['team-db']);
    expect(catalogNames()).toEqual(['team-db']);
    expect(h.store.toCatalog().state).toBe('fresh');
    expect(fake.shown.join('\n')).not.toContain(TEAM_KEY);
    expect(h.logged.join('\n')).not.toContain(TEAM_KEY);
    // The key is in secret storage only, under the account's name.
    expect((await h.keys.all()).map((k) => [k.account, k.key])).toEqual([
      ['default', PERSONAL_KEY],
      ['team', TEAM_KEY],
    ]);
  });

  it('Add Account refuses a taken name (any case) and a key pasted as the name, without repeating it', async () => {
    h = await openWithTwoAccounts();
    fake.inputScript.push((box) => {
      box.type('TEAM');
      box.accept();
      expect(box.validationText).toMatch(/^An account named team exists already/);
      box.type(TEAM_KEY + TEAM_KEY);
      expect(box.validationText).toMatch(/^An account name is 1 to 24/);
      box.hide();
    });
    expect(await runAddAccount(h.core)).toBeUndefined();
    expect(fake.shown.join('\n')).not.toContain(TEAM_KEY);
  });

  it('Add Account refuses a key already kept as another account (dev pasted as prod): one key under two names would pass the account guards as two accounts', async () => {
    h = await openWithTwoAccounts();
    const before = front.requests.length;
    fake.inputScript.push((box) => {
      box.type('prod');
      box.accept();
    });
    fake.inputScript.push((box) => {
      box.type(TEAM_KEY);
      box.accept();
      expect(box.validationText).toBe('This key is already kept as account team. Switch to team (RunPod: Switch Account...) instead, or paste the key of another RunPod account.');
      box.hide();
    });
    expect(await runAddAccount(h.core)).toBeUndefined();
    expect(h.accounts.names).toEqual(['default', 'team']);
    expect(h.accounts.active).toBe('team');
    // Refused before any check: the key was not sent again.
    expect(front.requests.length).toBe(before);
    expect(fake.shown.join('\n')).not.toContain(TEAM_KEY);
  });

  it("the language server is told whose list it gets: each push names the account the list belongs to, a switch included", async () => {
    h = await openWithTwoAccounts(); // team is active, its list loaded
    const sent: SecretsChangedParams[] = [];
    // As the language client wires it: the params at start, then a push on every change of the store.
    const sync = new CatalogSync(() => serverCatalog(h.store, h.accounts), (p) => sent.push(p));
    const initial = serverCatalog(h.store, h.accounts);
    sync.reset(initial);
    h.store.onDidChange(() => sync.push());
    expect(initial).toMatchObject({ account: 'team', secrets: [{ name: 'team-db' }] });
    fake.pickScript.push((items) => items.find((i) => i.label.endsWith(' default')));
    await runSwitchAccount(h.core);
    expect(sent.at(-1)).toMatchObject({ state: 'fresh', account: 'default' });
    expect(sent.at(-1)!.secrets.map((s) => s.name)).toEqual(PERSONAL_NAMES);
    // Never one account's names under the other's name, not even between the switch and the refresh.
    for (const params of sent) if (params.secrets.length > 0) expect(params.secrets.map((s) => s.name)).toEqual(params.account === 'team' ? ['team-db'] : PERSONAL_NAMES);
  });

  it('the language server is told which accounts are held: removing another account pushes the names left, a switch never pairs a name with the other list', async () => {
    h = await openWithTwoAccounts(); // team is active, default held too
    const sent: SecretsChangedParams[] = [];
    // As the language client wires it (languageClient.ts): the store's changes, and the accounts' changes.
    const sync = new CatalogSync(() => serverCatalog(h.store, h.accounts), (p) => sent.push(p));
    sync.reset(serverCatalog(h.store, h.accounts));
    h.store.onDidChange(() => sync.push());
    h.accounts.onDidChange(() => sync.pushAccounts());
    expect(serverCatalog(h.store, h.accounts)).toMatchObject({ account: 'team', accounts: ['default', 'team'] });
    fake.pickScript.push((items) => items.find((i) => i.label.endsWith(' default')));
    await runSwitchAccount(h.core);
    fake.dialogAnswers.push('Remove Account');
    expect(await runRemoveAccount(h.core, 'team')).toBe(true);
    await h.settled();
    // Removing team changed no list of default's: the names alone had to be sent, or the server
    // would go on saying "Switch to team" on team's files.
    expect(sent.at(-1)).toMatchObject({ state: 'fresh', account: 'default', accounts: ['default'] });
    for (const params of sent) if (params.secrets.length > 0) expect(params.secrets.map((s) => s.name)).toEqual(params.account === 'team' ? ['team-db'] : PERSONAL_NAMES);
  });

  it('Switch Account: the active one is marked; the other account\'s list, requests and API client follow', async () => {
    h = await openWithTwoAccounts();
    front.requests.length = 0;
    fake.pickScript.push((items) => items.find((i) => i.label.endsWith(' default')));
    await runSwitchAccount(h.core);
    expect(fake.picks[0]!.labels.slice(0, 2)).toEqual(['$(account) default', '$(check) team']);
    expect(h.accounts.active).toBe('default');
    expect(names()).toEqual(PERSONAL_NAMES);
    expect(catalogNames()).toEqual(PERSONAL_NAMES);
    // Launch Pod, Push Template and the Pods view take the API from here: now the personal key.
    const api = await h.core.requireApi();
    await api!.listPods();
    expect(routed()).toEqual(['personal', 'personal']);
    expect(front.keysSeen()).toEqual(new Set([`Bearer ${PERSONAL_KEY}`]));
  });

  it("a switch shows the account's own cached list at once, never the other account's, then refreshes", async () => {
    h = await openWithTwoAccounts();
    // Without the refresh: what the tree and the server hold between the switch and the answer.
    useAccount(h.core, 'default', 'user');
    expect(names()).toEqual(PERSONAL_NAMES);
    expect(h.store.toCatalog()).toMatchObject({ state: 'stale' });
    useAccount(h.core, 'team', 'user');
    expect(names()).toEqual(['team-db']);
    // An account never listed at this URL starts from nothing, not from the last one's names.
    await h.keys.setFor('new', front.origin, PERSONAL_KEY);
    useAccount(h.core, 'new', 'user');
    expect(names()).toEqual([]);
    expect(h.store.toCatalog().state).toBe('unknown');
  });

  it('a new window starts with the account chosen last', async () => {
    h = await openWithTwoAccounts();
    const { secrets, memento } = h;
    h.close();
    front.requests.length = 0;
    h = await openWindow(secrets, memento);
    expect(h.accounts.active).toBe('team');
    expect(routed()).toEqual(['team']);
  });

  it('Set API Key and Clear API Key act on the active account only', async () => {
    h = await openWithTwoAccounts();
    typeNext(TEAM_KEY);
    expect(await runSetApiKey(h.core)).toBe(true);
    expect(fake.boxes.at(-1)!.title).toBe(`RunPod: Set API Key for ${front.origin} (account team)`);
    expect((await h.keys.all()).map((k) => [k.account, k.key])).toEqual([
      ['default', PERSONAL_KEY],
      ['team', TEAM_KEY],
    ]);
    registerClearApiKey(h.core);
    await fake.commands.get('runpod.clearApiKey')!();
    await h.settled();
    expect(h.accounts.names).toEqual(['default']);
    expect(h.store.state.kind).toBe('signed-out');
    expect(fake.messages.at(-1)!.text).toBe('RunPod API key (account team) cleared.');
  });

  it('Set API Key and Add Account take a pasted key with a space or line break around it, saved and sent without them (as the command line trims); one inside stays refused', async () => {
    h = await openWithTwoAccounts();
    typeNext(` ${TEAM_KEY}\n`);
    expect(await runSetApiKey(h.core)).toBe(true);
    expect(front.requests.at(-1)!.authorization).toBe(`Bearer ${TEAM_KEY}`);
    expect((await h.keys.all()).find((k) => k.account === 'team')!.key).toBe(TEAM_KEY);
    // Another account's key with a space after it is still that key: refused as kept elsewhere.
    fake.inputScript.push((box) => {
      box.type(`${PERSONAL_KEY} `);
      box.accept();
      expect(box.validationText).toMatch(/already kept as account default/);
      box.type(`${TEAM_KEY.slice(0, 4)} ${TEAM_KEY.slice(4)}`);
      box.accept();
      expect(box.validationText).toMatch(/spaces or line breaks/);
      box.hide();
    });
    expect(await runSetApiKey(h.core)).toBe(false);
    // Untrusted, so no check call: what is saved is the text as read.
    trust.value = false;
    typeNext('prod');
    typeNext(`\t${PROD_KEY} `);
    expect(await runAddAccount(h.core)).toBe('prod');
    expect((await h.keys.all()).find((k) => k.account === 'prod')?.key).toBe(PROD_KEY);
  });

  it('a failed Set API Key whose error stayed on screen (VS Code cannot close it): its Retry after a later key succeeded asks for no key again and says the key is set', async () => {
    h = await openWithTwoAccounts();
    typeNext('rp_wrong_flow_key_0a1b2c'); // no account has it: 401
    let boxesAfterSuccess = 0;
    fake.dialogAnswers.push(async () => {
      // While the error waits: a second Set API Key, with the account's good key.
      typeNext(TEAM_KEY);
      expect(await runSetApiKey(h.core)).toBe(true);
      boxesAfterSuccess = fake.boxes.length;
      return 'Retry';
    });
    expect(await runSetApiKey(h.core)).toBe(false);
    expect(fake.messages.find((m) => m.level === 'error')?.buttons).toContain('Retry');
    expect(fake.boxes).toHaveLength(boxesAfterSuccess);
    expect(fake.messages.at(-1)).toMatchObject({ level: 'info', text: 'API key (account team) already set: a later Set API Key saved one. Nothing changed.' });
    expect((await h.keys.all()).find((k) => k.account === 'team')!.key).toBe(TEAM_KEY);
  });

  it("Set API Key refuses a key another account keeps (default's pasted while team is active), with Add Account's words; the active account's own key is accepted", async () => {
    h = await openWithTwoAccounts();
    const before = front.requests.length;
    fake.inputScript.push((box) => {
      box.type(PERSONAL_KEY);
      box.accept();
      expect(box.validationText).toBe('This key is already kept as account default. Switch to default (RunPod: Switch Account...) instead, or paste the key of another RunPod account.');
      box.hide();
    });
    expect(await runSetApiKey(h.core)).toBe(false);
    expect((await h.keys.all()).map((k) => [k.account, k.key])).toEqual([
      ['default', PERSONAL_KEY],
      ['team', TEAM_KEY],
    ]);
    // Refused before any check: the key was not sent again.
    expect(front.requests.length).toBe(before);
    expect(fake.shown.join('\n')).not.toContain(PERSONAL_KEY);
  });

  it('Set API Key writes one line to the output for the one action, however it ends, and never the key', async () => {
    h = await openWithTwoAccounts();
    /** What Set API Key with `key` logs, the request lines of its check call aside. */
    const setKeyLines = async (key: string): Promise<string[]> => {
      const before = h.logged.length;
      typeNext(key);
      expect(await runSetApiKey(h.core)).toBe(true);
      await h.settled();
      const lines = h.logged.slice(before);
      expect(lines.join('\n')).not.toContain(key);
      return lines.filter((line) => !/^GET \/account\/secrets -> /.test(line));
    };
    // Checked: what happened and what the check found, in one line (and the same words shown).
    // Team's own key (another account's is refused): its list is what earlier tests left in it.
    const checked = `API key set (account team). Connected to RunPod: ${count(team.inspect().secrets.length, 'secret')}.`;
    expect(await setKeyLines(TEAM_KEY)).toEqual([checked]);
    expect(fake.messages.at(-1)).toEqual({ level: 'info', text: checked });

    // The check failed (here a 503: RunPod answered, so no 'could not be reached'): the failed check is
    // logged as a warning (Show Output leads there), then Save Anyway, one line that claims no cause.
    team.faults.inject({ status: 503 }, { method: 'GET', path: '/account/secrets' });
    fake.dialogAnswers.push('Save Anyway');
    expect(await setKeyLines(TEAM_KEY)).toEqual([
      expect.stringMatching(/^API key check failed: server: /),
      'API key set (account team), saved without a successful check (see the warning above).',
    ]);

    // Untrusted: no call, one line.
    trust.value = false;
    expect(await setKeyLines(TEAM_KEY)).toEqual(['API key set (account team). It will be used once this workspace is trusted (API calls are disabled until then).']);
  });

  it('a failed check whose key storage could not be read before it is not taken for a key set meanwhile: Retry checks again', async () => {
    h = await openWithTwoAccounts();
    team.faults.inject({ status: 503 }, { method: 'GET', path: '/account/secrets' });
    // The keychain is locked while the check runs, and open again when Retry is clicked: team's key,
    // kept all along, was not set since.
    h.secrets.failReads = true;
    fake.dialogAnswers.push(() => {
      h.secrets.failReads = false;
      return 'Retry';
    });
    typeNext(TEAM_KEY);
    typeNext(TEAM_KEY);
    expect(await runSetApiKey(h.core)).toBe(true);
    expect(fake.messages.map((m) => m.text).join('\n')).not.toContain('already set');
  });

  it('Add Account writes one line to the output for the one action (as Set API Key and Switch Account do), never the key', async () => {
    const secrets = new MemorySecretStorage();
    await secrets.store('runpod.apiKey', PERSONAL_KEY);
    h = await openWindow(secrets);
    const before = h.logged.length;
    typeNext('team');
    typeNext(TEAM_KEY);
    expect(await runAddAccount(h.core)).toBe('team');
    await h.settled();
    const lines = h.logged.slice(before).filter((line) => !/^GET \/account\/secrets -> /.test(line));
    expect(lines).toEqual(['RunPod account team added and active. Connected to RunPod: 1 secret.']);
    expect(h.logged.join('\n')).not.toContain(TEAM_KEY);

    // Switching back: one line too.
    const switched = h.logged.length;
    await switchAccount(h.core, 'default', 'user');
    await h.settled();
    expect(h.logged.slice(switched).filter((line) => !/^GET \/account\/secrets -> /.test(line))).toEqual(['RunPod account: default.']);
  });

  it('Remove Account: confirm; the active one hands over to another, the last one signs out; keys and cached lists go', async () => {
    h = await openWithTwoAccounts();
    fake.dialogAnswers.push('Remove Account');
    expect(await runRemoveAccount(h.core, 'team')).toBe(true);
    expect(fake.messages.find((m) => m.text === 'Remove RunPod account team?')?.detail).toMatch(/Nothing changes on RunPod/);
    expect(h.accounts.active).toBe('default');
    expect(names()).toEqual(PERSONAL_NAMES);
    expect((await h.keys.all()).map((k) => k.account)).toEqual(['default']);
    expect(JSON.stringify([...h.memento.data.values()])).not.toContain('team-db');

    fake.dialogAnswers.push(undefined); // cancelled: nothing removed
    expect(await runRemoveAccount(h.core, 'default')).toBe(false);
    fake.dialogAnswers.push('Remove Account');
    expect(await runRemoveAccount(h.core, 'default')).toBe(true);
    expect(await h.keys.all()).toEqual([]);
    expect(h.store.state.kind).toBe('signed-out');
    expect(h.store.toCatalog().state).toBe('unknown');
  });
});

describe("the wizards' kept answers and the account's lifecycle (ui/wizardMemory.ts)", () => {
  /** What a cancelled Launch Pod under `account` left in the window. */
  const keptUnder = (account: string) => recallAnswers(h.core.context, 'launch-pod', account);
  /** A Launch Pod cancelled under each account of the window, each keeping its own Pod name. */
  function cancelledUnderBoth(): void {
    for (const account of ['default', 'team']) wizardRun(h.core.context, 'launch-pod', { active: account }).keep(() => ({ podName: `${account}-pod` }));
  }

  it('Remove Account, then Add Account with the same name (another RunPod account): none of the old answers are offered', async () => {
    h = await openWithTwoAccounts();
    cancelledUnderBoth();
    fake.dialogAnswers.push('Remove Account');
    expect(await runRemoveAccount(h.core, 'team')).toBe(true);
    await h.settled();
    expect(keptUnder('team')).toEqual({});
    expect(keptUnder('default')).toEqual({ podName: 'default-pod' });
    typeNext('team');
    typeNext(TEAM_KEY);
    await runAddAccount(h.core);
    await h.settled();
    expect(h.accounts.active).toBe('team');
    expect(keptUnder('team')).toEqual({});
  });

  it("a new key for an account (Set API Key here, or a change from another window) forgets that account's answers, not the others'", async () => {
    h = await openWithTwoAccounts();
    cancelledUnderBoth();
    // Another window stores another key for team, the active account here: its client is closed.
    await h.keys.setFor('team', new URL(front.url).origin, PERSONAL_KEY);
    await h.settled();
    expect(keptUnder('team')).toEqual({});
    expect(keptUnder('default')).toEqual({ podName: 'default-pod' });
    cancelledUnderBoth();
    typeNext(TEAM_KEY);
    await runSetApiKey(h.core);
    await h.settled();
    expect(keptUnder('team')).toEqual({});
    expect(keptUnder('default')).toEqual({ podName: 'default-pod' });
  });

  it('an API URL of another origin forgets every account\'s answers; the same URL set again does not', async () => {
    h = await openWithTwoAccounts();
    cancelledUnderBoth();
    await configuration().update('apiUrl', front.url);
    await h.settled();
    expect(keptUnder('team')).toEqual({ podName: 'team-pod' });
    await configuration().update('apiUrl', 'https://elsewhere.example/v2');
    await h.settled();
    expect(keptUnder('team')).toEqual({});
    expect(keptUnder('default')).toEqual({});
  });
});

describe('two stored names of one account (my-team, my_team: a store from before names were one account)', () => {
  /** my-team holds the team key and is used for either spelling; my_team holds the personal key, shadowed. Active: my_team. */
  async function openWithBothSpellings(): Promise<void> {
    const origin = new URL(front.url).origin;
    const secrets = new MemorySecretStorage();
    await secrets.store('runpod.apiKeys', serializeStoredKeys([
      { account: 'my-team', origin, key: TEAM_KEY },
      { account: 'my_team', origin, key: PERSONAL_KEY },
    ]));
    h = await openWindow(secrets);
    await switchAccount(h.core, 'my_team', 'user');
    await h.settled();
    expect(names()).toEqual(['team-db']);
    front.requests.length = 0;
  }

  it('Switch Account lists the account once: the shadowed name is not offered', async () => {
    await openWithBothSpellings();
    fake.pickScript.push(() => undefined);
    await runSwitchAccount(h.core);
    expect(fake.picks[0]!.labels.filter((label) => label.includes('team'))).toEqual(['$(check) my-team']);
  });

  it('removing my-team while my_team is active removes the active account: the window moves to the key left', async () => {
    await openWithBothSpellings();
    fake.dialogAnswers.push('Remove Account');
    expect(await runRemoveAccount(h.core, 'my-team')).toBe(true);
    expect(fake.messages.find((m) => m.text === 'Remove RunPod account my-team?')?.detail).toContain('It is the active account');
    await h.settled();
    // my_team's own key is now the one in use: its list, not my-team's.
    expect(h.accounts.active).toBe('my_team');
    expect(names()).toEqual(PERSONAL_NAMES);
    expect(routed()).toContain('personal');
    expect(fake.shown.join('\n')).not.toContain(PERSONAL_KEY);
  });
});

describe('Launch Pod and the active account, as activate() wires them', () => {
  const pods = () => [...personal.inspect().pods, ...team.inspect().pods];
  beforeEach(() => {
    // Account default is the personal key; the prod environment is declared for it.
    settingsBackend.environments = { prod: { files: ['train.prod.runpod.env'], account: 'default' } };
    fake.files.set('/w/train.runpod.json', '{ "name": "train", "image": "runpod/pytorch" }');
    fake.files.set('/w/train.dev.runpod.env', 'STAGE=dev\n');
    fake.files.set('/w/train.prod.runpod.env', 'STAGE=prod\n');
  });
  /** Through the wizard with `environment` (prod unless told) on CPU, to the summary, where `last` acts. */
  function scriptWizard(last: (p: FakeQuickPick) => void, environment = /prod$/): void {
    ui.quickPickScript.push(
      (p) => p.choose(environment),
      (p) => p.choose(/Continue/),
      (p) => p.choose('CPU only'),
      (p) => p.choose('Secure Cloud'),
      last,
    );
    fake.inputScript.push((box) => box.accept()); // the Pod name as offered
  }

  /** Picks `item` at the env step under team; the pick is refused: the same list stays with the reason, then Escape. */
  async function refusedAtPick(item: RegExp, placeholder: string): Promise<void> {
    const before = pods().length;
    let again: { placeholder?: string; active?: string } = {};
    ui.quickPickScript.push(
      (p) => p.choose(item),
      (p) => {
        again = { placeholder: p.placeholder, active: p.activeItems[0]?.label };
        p.hide();
      },
    );
    fake.messages.length = 0;
    await launchPod(h.core, Uri.from({ scheme: 'file', path: '/w/train.runpod.json' }));
    expect(ui.quickPicks.map((p) => p.step)).toEqual([2, 2]);
    expect(again.placeholder).toBe(placeholder);
    expect(again.active).toMatch(item);
    expect(fake.messages).toEqual([]); // Escape without a switch ends it quietly
    expect(pods()).toHaveLength(before);
  }

  it('refuses, at the pick, an environment declared for another account than the active one: nothing is created', async () => {
    h = await openWithTwoAccounts(); // team is active; default is held
    await refusedAtPick(/prod$/, 'Cannot launch with that choice: switch to account default first, or pick another');

    // Switched to that account, the same summary offers Launch.
    useAccount(h.core, 'default', 'user');
    scriptWizard((p) => p.hide());
    await launchPod(h.core, Uri.from({ scheme: 'file', path: '/w/train.runpod.json' }));
    expect(ui.quickPicks.at(-1)!.items[0]).toMatch(/^\$\(rocket\) Launch/);
  });

  it('refuses a lone env file of an environment declared for another account (no dev sibling to group with)', async () => {
    fake.files.delete('/w/train.dev.runpod.env');
    h = await openWithTwoAccounts(); // team is active
    await refusedAtPick(/train\.prod\.runpod\.env/, 'Cannot launch with that choice: switch to account default first, or pick another');
  });

  it('an environment declared for an account the editor does not hold is to be added: the pick says Add Account', async () => {
    settingsBackend.environments = { prod: { files: ['train.prod.runpod.env'], account: 'staging' } };
    h = await openWithTwoAccounts();
    await refusedAtPick(/prod$/, 'Cannot launch with that choice: add account staging first, or pick another');
  });

  /** Launch Pod with team active, `switches` run while the environment step is open, to Launch at the summary: nothing is created. */
  async function launchSwitchingInWizard(switches: () => void): Promise<void> {
    h = await openWithTwoAccounts(); // team is active
    const before = pods().length;
    scriptWizard((p) => p.choose(/Launch/), /dev$/); // dev declares no account: only the switch stops it
    const environmentStep = ui.quickPickScript[0]!;
    ui.quickPickScript[0] = (p) => {
      switches();
      environmentStep(p);
    };
    await launchPod(h.core, Uri.from({ scheme: 'file', path: '/w/train.runpod.json' }));
    await h.settled();
    expect(pods()).toHaveLength(before);
    expect(fake.messages.map((m) => m.text).join('\n')).not.toMatch(/Could not reach RunPod|UND_ERR/);
  }

  it('a switch while the wizard is open stops it with that reason, before any further call under the old key', async () => {
    await launchSwitchingInWizard(() => {
      useAccount(h.core, 'default', 'user');
      front.requests.length = 0;
    });
    expect(fake.messages.at(-1)).toMatchObject({
      level: 'error',
      text: "The active RunPod account changed to default while Launch Pod was open; nothing was launched. Run 'RunPod: Launch Pod...' again.",
    });
    // Nothing went out with team's key after the switch.
    expect(routed()).not.toContain('team');
  });

  it('switched away and back while the wizard is open: the client it took was closed, so it stops, never a network error', async () => {
    await launchSwitchingInWizard(() => {
      useAccount(h.core, 'default', 'user');
      useAccount(h.core, 'team', 'user');
    });
    expect(fake.messages.at(-1)).toMatchObject({
      level: 'error',
      text: "The RunPod account's API key or the API URL changed while Launch Pod was open; nothing was launched. Run 'RunPod: Launch Pod...' again.",
    });
  });

  it('switched away and back at the summary: Launch creates nothing, and the next Launch Pod starts with none of its answers', async () => {
    h = await openWithTwoAccounts(); // team is active
    const before = pods().length;
    scriptWizard((p) => {
      useAccount(h.core, 'default', 'user');
      useAccount(h.core, 'team', 'user'); // the same account again, its client replaced: the create is refused
      p.choose(/Launch/);
    }, /dev$/);
    await launchPod(h.core, Uri.from({ scheme: 'file', path: '/w/train.runpod.json' }));
    await h.settled();
    expect(pods()).toHaveLength(before);
    expect(fake.messages.at(-1)?.text).toMatch(/^The RunPod account's API key or the API URL changed while Launch Pod was open; nothing was launched/);
    // The answers were given before the client changed: like a switch in the wizard's reads, none are kept.
    expect(recallAnswers(h.core.context, 'launch-pod', 'team')).toEqual({});
  });

  it("a switch away from the environment's account before the summary: the summary offers Launch, and the one message is the switch", async () => {
    h = await openWithTwoAccounts();
    useAccount(h.core, 'default', 'user'); // the account prod is declared for
    await h.settled();
    const before = pods().length;
    fake.messages.length = 0;
    scriptWizard((p) => p.accept()); // Enter on the first item, whatever it offers
    const cloudStep = ui.quickPickScript[3]!;
    ui.quickPickScript[3] = (p) => {
      useAccount(h.core, 'team', 'user'); // the last step before the summary
      cloudStep(p);
    };
    await launchPod(h.core, Uri.from({ scheme: 'file', path: '/w/train.runpod.json' }));
    await h.settled();
    expect(pods()).toHaveLength(before);
    // Not 'Cannot launch: switch to account default first': the flow's account is default; the switch stops it.
    expect(ui.quickPicks.at(-1)!.items[0]).toMatch(/^\$\(rocket\) Launch/);
    expect(fake.messages.map((m) => [m.level, m.text])).toEqual([
      ['error', "The active RunPod account changed to team while Launch Pod was open; nothing was launched. Run 'RunPod: Launch Pod...' again."],
    ]);
  });

  it('a switch at the summary: Launch creates nothing and says why', async () => {
    h = await openWithTwoAccounts();
    useAccount(h.core, 'default', 'user'); // the account prod is declared for
    await h.settled();
    const before = pods().length;
    scriptWizard((p) => {
      useAccount(h.core, 'team', 'user');
      p.choose(/Launch/);
    });
    await launchPod(h.core, Uri.from({ scheme: 'file', path: '/w/train.runpod.json' }));
    await h.settled();
    expect(pods()).toHaveLength(before);
    expect(ui.quickPicks.at(-1)!.items[0]).toMatch(/^\$\(rocket\) Launch/); // offered while default was active
    expect(fake.messages.at(-1)).toMatchObject({
      level: 'error',
      text: "The active RunPod account changed to team while Launch Pod was open; nothing was launched. Run 'RunPod: Launch Pod...' again.",
    });
  });

  it('a switch that closes the wizard (Switch Account is a quick pick too) is said, not a silent cancel', async () => {
    h = await openWithTwoAccounts(); // team is active
    useAccount(h.core, 'default', 'user'); // the account prod is declared for
    await h.settled();
    const before = pods().length;
    scriptWizard((p) => {
      useAccount(h.core, 'team', 'user');
      p.hide(); // VS Code hides the open quick pick when another one is shown
    });
    await launchPod(h.core, Uri.from({ scheme: 'file', path: '/w/train.runpod.json' }));
    await h.settled();
    expect(pods()).toHaveLength(before);
    expect(fake.messages.at(-1)).toMatchObject({
      level: 'error',
      text: "The active RunPod account changed to team while Launch Pod was open; nothing was launched. Run 'RunPod: Launch Pod...' again.",
    });

    // Escape without a switch ends it quietly, as before (dev: prod is default's, refused under team).
    const shown = fake.messages.length;
    scriptWizard((p) => p.hide(), /dev$/);
    await launchPod(h.core, Uri.from({ scheme: 'file', path: '/w/train.runpod.json' }));
    expect(fake.messages).toHaveLength(shown);
  });
});

describe('Delete Secret and the active account', () => {
  it("deletes under the account it started with or not at all: a switch while it asks leaves the other account's secret of that name", async () => {
    h = await openWithTwoAccounts(); // team is active, with team-db
    // The personal account has a secret of the same name.
    const created = await fetch(`${personal.url}/account/secrets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PERSONAL_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'team-db', value: 'personal-db-value' }),
    });
    expect(created.status).toBe(201);
    registerDeleteSecret(h.core);
    const names = (fake: FakeRunpod) => fake.inspect().secrets.map((s) => s.name);
    fake.messages.length = 0; // from here, what Delete Secret shows
    fake.dialogAnswers.push('Continue…');
    fake.inputScript.push((box) => {
      useAccount(h.core, 'default', 'user'); // from the status bar, while the typed confirmation is open
      box.type('team-db');
      box.accept();
    });
    await fake.commands.get('runpod.secrets.delete')!('team-db');
    await h.settled();
    expect(names(personal)).toContain('team-db');
    expect(names(team)).toContain('team-db');
    // One message after the warning: the switch, and that nothing was deleted (no 'Deleting secret team-db failed:').
    expect(fake.messages.map((m) => [m.level, m.text])).toEqual([
      ['warning', 'Delete the RunPod secret team-db?'],
      ['error', "The active RunPod account changed to default while Delete Secret was open; nothing was deleted. Run 'RunPod: Delete Secret...' again."],
    ]);

    // Without a switch, the same flow deletes the active account's secret.
    fake.messages.length = 0;
    fake.dialogAnswers.push('Continue…');
    typeNext('team-db');
    await fake.commands.get('runpod.secrets.delete')!('team-db');
    await h.settled();
    expect(names(personal)).not.toContain('team-db');
    expect(names(team)).toContain('team-db');
    expect(fake.messages.map((m) => [m.level, m.text])).toEqual([
      ['warning', 'Delete the RunPod secret team-db?'],
      ['info', 'Deleted secret team-db.'],
    ]);
  });
});

describe("a workspace's runpod.account", () => {
  /** Storage of a user with both accounts, whose last choice was `default`. */
  async function userWithBothAccounts(): Promise<{ secrets: MemorySecretStorage; memento: MemoryMemento }> {
    h = await openWithTwoAccounts();
    useAccount(h.core, 'default', 'user');
    const stored = { secrets: h.secrets, memento: h.memento };
    h.close();
    front.requests.length = 0;
    fake.reset();
    return stored;
  }

  it('naming one of the user\'s accounts (any case) switches to it for this window only, and says so', async () => {
    const { secrets, memento } = await userWithBothAccounts();
    settingsBackend.workspaceAccount = 'Team';
    h = await openWindow(secrets, memento);
    expect(h.accounts.active).toBe('team');
    expect(h.accounts.choice).toBe('workspace');
    expect(routed()).toEqual(['team']);
    expect(names()).toEqual(['team-db']);
    expect(describeAccountStatus({ active: 'team', exists: true, count: 2, fromWorkspace: true }).tooltip).toContain("named by this workspace's runpod.account");
    expect(fake.shown).toContain('RunPod: account team, named by this workspace');
    // Not remembered: a window on another workspace starts with the user's own choice.
    h.close();
    settingsBackend.workspaceAccount = undefined;
    front.requests.length = 0;
    h = await openWindow(secrets, memento);
    expect(h.accounts.active).toBe('default');
  });

  it('naming an account the user has not added sends no key anywhere, and offers to add it', async () => {
    const { secrets, memento } = await userWithBothAccounts();
    const before = [personal.inspect().requests.length, team.inspect().requests.length];
    settingsBackend.workspaceAccount = 'prod';
    fake.dialogAnswers.push('Add Account prod…');
    fake.inputScript.push((box) => box.hide()); // the key box: dismissed
    h = keyHarness(secrets, memento);
    await prepareKeys(h.keys, checkApiUrl(settingsBackend.apiUrl), h.core.log, {});
    await startAccounts(h.core);
    await h.store.refresh();
    // Everything that would use the API: the tree, the Pods view, Launch Pod / Push Template.
    expect(await h.core.getApi()).toBeUndefined();
    fake.dialogAnswers.push(undefined); // requireApi's "No RunPod API key" offer: dismissed
    expect(await h.core.requireApi()).toBeUndefined();
    await h.settled();

    expect(h.accounts.active).toBe('prod');
    expect(h.store.state.kind).toBe('signed-out');
    expect(h.store.toCatalog()).toEqual({ state: 'unknown', secrets: [] });
    expect(fake.messages[0]!.text).toMatch(/^This workspace belongs to RunPod account prod \(runpod\.account\), which you have not added\. Nothing is sent/);
    // Its one step (the key, the name given) shows no "1/1" counter.
    expect(fake.boxes[0]).toMatchObject({ title: 'RunPod: Add Account prod', step: undefined, totalSteps: undefined, password: true });
    expect(describeAccountStatus({ active: 'prod', exists: false, count: 2, fromWorkspace: true })).toMatchObject({ text: '$(account) prod (not added)', command: 'runpod.addAccount', arguments: ['prod'] });
    // No request reached either API, with or without a key.
    expect(front.requests).toEqual([]);
    expect([personal.inspect().requests.length, team.inspect().requests.length]).toEqual(before);
  });

  /** Remove Account of `name`, the account the workspace names: the window stays on it, signed out, and nothing is sent. */
  async function removeNamedAccount(name: string): Promise<void> {
    front.requests.length = 0;
    fake.dialogAnswers.push('Remove Account');
    expect(await runRemoveAccount(h.core, name)).toBe(true);
    await h.store.refresh();
    await h.settled();
    expect(h.accounts.active).toBe(name);
    expect(h.store.state.kind).toBe('signed-out');
    expect(front.requests).toEqual([]);
  }

  it("removing the account the workspace names keeps the window on that name, signed out: no other account's key is sent for it", async () => {
    const { secrets, memento } = await userWithBothAccounts();
    settingsBackend.workspaceAccount = 'team';
    h = await openWindow(secrets, memento);
    expect(h.accounts.active).toBe('team');
    await removeNamedAccount('team');
    expect(h.store.toCatalog()).toEqual({ state: 'unknown', secrets: [] });
    expect(fake.messages.at(-1)!.text).toBe('RunPod account team removed. This workspace belongs to it (runpod.account): signed out until you add it again.');
    // The user's other account is still theirs, for other workspaces.
    expect((await h.keys.all()).map((k) => k.account)).toEqual(['default']);
  });

  it("an account added from the workspace's offer stays the workspace's choice: not remembered for other windows, and removing it signs this window out", async () => {
    const { secrets, memento } = await userWithBothAccounts();
    settingsBackend.workspaceAccount = 'prod';
    h = await openWindow(secrets, memento);
    expect(h.accounts.active).toBe('prod');
    // The key of the new account prod: a RunPod account of its own (a key another account keeps is refused).
    const prod = await startFakeRunpod({ apiKey: PROD_KEY });
    onTestFinished(() => prod.close());
    front.route('prod', prod);
    typeNext(PROD_KEY);
    expect(await runAddAccount(h.core, 'prod')).toBe('prod');
    await h.settled();
    expect(h.accounts.active).toBe('prod');
    expect(h.accounts.choice).toBe('workspace');
    await removeNamedAccount('prod');

    // A window on a workspace that names no account starts with the user's own last choice.
    h.close();
    settingsBackend.workspaceAccount = undefined;
    h = await openWindow(secrets, memento);
    expect(h.accounts.active).toBe('default');
  });

  it('a key or a URL in the setting is ignored with a warning that does not repeat it', async () => {
    const { secrets, memento } = await userWithBothAccounts();
    for (const value of [TEAM_KEY, `https://user:${TEAM_KEY}@api.example/v2`, 42]) {
      fake.reset();
      front.requests.length = 0;
      settingsBackend.workspaceAccount = value;
      h = await openWindow(secrets, memento);
      expect(h.accounts.active).toBe('default');
      expect(fake.messages).toHaveLength(1);
      expect(fake.messages[0]!.text).toMatch(value === TEAM_KEY ? /holds one of your RunPod API keys/ : /was ignored: it takes the name of one of your RunPod accounts/);
      expect(fake.shown.join('\n') + h.logged.join('\n')).not.toContain(TEAM_KEY);
      expect(routed()).toEqual(['personal']);
      h.close();
    }
  });

  it('is not applied in an untrusted workspace; once trusted, it applies before the first call', async () => {
    const { secrets, memento } = await userWithBothAccounts();
    settingsBackend.workspaceAccount = 'prod';
    trust.value = false;
    h = keyHarness(secrets, memento);
    await startAccounts(h.core);
    await h.store.refresh();
    expect(h.accounts.active).toBe('default');
    expect(h.store.state.kind).toBe('untrusted');
    expect(fake.messages).toEqual([]);
    expect(h.logged.join('\n')).toContain('runpod.account is not applied in an untrusted workspace.');

    trust.value = true;
    await afterTrustGranted(h.core);
    await h.settled();
    expect(h.accounts.active).toBe('prod');
    expect(fake.messages[0]!.text).toMatch(/^This workspace belongs to RunPod account prod/);
    // The default account's key never went out for this workspace, not even for the first refresh.
    expect(front.requests).toEqual([]);
  });
});

describe('Import Key from RunPod CLI Config', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  afterEach(() => {
    delete process.env['RUNPOD_CONFIG_FILE'];
  });

  function configFile(text: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-import-'));
    dirs.push(dir);
    const file = path.join(dir, 'config.toml');
    fs.writeFileSync(file, text);
    process.env['RUNPOD_CONFIG_FILE'] = file;
    return file;
  }

  it('lists the keys by table, never the keys; keeps the picked ones, each checked once; never writes the file', async () => {
    const secrets = new MemorySecretStorage();
    await secrets.store('runpod.apiKey', PERSONAL_KEY);
    h = await openWindow(secrets);
    const text = `apikey = "${PERSONAL_KEY}"\n[default]\napi_key = "${PERSONAL_KEY}"\n[my team]\napi_key = "x"\n[team]\napi_key = "${TEAM_KEY}"\n[broken]\napi_key = "two words"\n`;
    const file = configFile(text);
    const before = fs.statSync(file).mtimeMs;
    front.requests.length = 0;
    let offered: { label: string; picked?: boolean }[] = [];
    fake.pickScript.push((items) => {
      offered = items;
      return items.filter((i) => i.picked);
    });
    expect(await runImportCliConfig(h.core)).toEqual(['team']);
    await h.settled();
    // runpodctl's key and [default] are already kept as account default: offered, not picked.
    expect(offered.map((i) => [i.label, i.picked])).toEqual([
      ['runpodctl', false],
      ['default-2', false],
      ['team', true],
    ]);
    expect(routed()).toEqual(['team']);
    expect(h.accounts.names).toEqual(['default', 'team']);
    expect(h.accounts.active).toBe('default');
    expect(fake.messages.at(-1)!.text).toMatch(/^Added account team from /);
    const everything = fake.shown.join('\n') + h.logged.join('\n');
    for (const key of [PERSONAL_KEY, TEAM_KEY, 'two words']) expect(everything).not.toContain(key);
    expect(h.logged.join('\n')).toMatch(/\[broken\]: api_key on line 9 holds spaces/);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(fs.statSync(file).mtimeMs).toBe(before);
  });

  it("with a workspace naming an account not added, an import of another account does not take the window over; the named one does", async () => {
    settingsBackend.workspaceAccount = 'prod';
    try {
      configFile(`[team]\napi_key = "${TEAM_KEY}"\n\n[prod]\napi_key = "${PERSONAL_KEY}"\n`);
      h = await openWindow();
      expect(h.accounts.active).toBe('prod');
      fake.reset();
      fake.pickScript.push((items) => items.filter((i) => i.label === 'team'));
      expect(await runImportCliConfig(h.core)).toEqual(['team']);
      await h.settled();
      expect(h.accounts.active).toBe('prod');
      expect(h.store.state.kind).toBe('signed-out');

      fake.pickScript.push((items) => items.filter((i) => i.label === 'prod'));
      expect(await runImportCliConfig(h.core)).toEqual(['prod']);
      await h.settled();
      expect(h.accounts.active).toBe('prod');
      expect(h.accounts.choice).toBe('workspace');
      expect(h.store.state.kind).not.toBe('signed-out');
    } finally {
      settingsBackend.workspaceAccount = undefined;
    }
  });

  it("a key another account keeps, ticked anyway, is refused in Add Account's words; before any check sends it", async () => {
    const secrets = new MemorySecretStorage();
    await secrets.store('runpod.apiKey', PERSONAL_KEY);
    h = await openWindow(secrets);
    configFile(`[default]\napi_key = "${PERSONAL_KEY}"\n[team]\napi_key = "${TEAM_KEY}"\n`);
    front.requests.length = 0;
    fake.pickScript.push((items) => items);
    expect(await runImportCliConfig(h.core)).toEqual(['team']);
    await h.settled();
    expect(routed()).toEqual(['team']);
    expect(h.accounts.names).toEqual(['default', 'team']);
    const said = fake.messages.at(-1)!.text;
    expect(said).toContain(`Not added: default-2: ${keptElsewhere([{ account: 'default', origin: 'https://x.test', key: PERSONAL_KEY }], PERSONAL_KEY, 'default-2')}`);
    expect(fake.shown.join('\n') + h.logged.join('\n')).not.toContain(PERSONAL_KEY);
  });

  it('two tables of one config with the same key: the first is kept, the second refused as kept by it', async () => {
    h = await openWindow();
    configFile(`[prod]\napi_key = "${TEAM_KEY}"\n[team]\napi_key = "${TEAM_KEY}"\n`);
    fake.pickScript.push((items) => items);
    expect(await runImportCliConfig(h.core)).toEqual(['prod']);
    await h.settled();
    expect(h.accounts.names).toEqual(['prod']);
    expect(fake.messages.at(-1)!.text).toContain('Not added: team: This key is already kept as account prod.');
    expect(fake.shown.join('\n') + h.logged.join('\n')).not.toContain(TEAM_KEY);
  });

  it('without a config file it offers Add Account… as the next step, not only in words', async () => {
    process.env['RUNPOD_CONFIG_FILE'] = path.join(os.tmpdir(), 'runpod-import-none', 'config.toml');
    h = await openWindow();
    fake.dialogAnswers.push('Add Account…');
    expect(await runImportCliConfig(h.core)).toEqual([]);
    await until(() => ui.executed.some((c) => c.id === 'runpod.addAccount'), 'Add Account run from the message');
    expect(fake.messages.at(-1)!.text).toMatch(/^There is no RunPod CLI config at .*config\.toml\. Add an account with its key instead\.$/);
  });

  it('a key RunPod rejects is not kept, and the file is never read before the command; the message points at the table, not at a copy', async () => {
    const file = configFile(`[default]\napi_key = "rp_wrong_key_0000000000"\n`);
    h = await openWindow();
    expect(front.requests).toEqual([]);
    fake.pickScript.push((items) => items);
    expect(await runImportCliConfig(h.core)).toEqual([]);
    await h.settled();
    expect(routed()).toEqual([undefined]); // the one check, answered 401 by RunPod's stand-in
    expect(await h.keys.all()).toEqual([]);
    // Nothing was typed or copied: the fix is in the file (the key was revoked or replaced).
    expect(fake.messages.at(-1)!.text).toBe(`Not added: default: RunPod rejected the key of ${file} [default] (401); it may have been revoked. Replace it there, or add the account with a new key (Add Account…).`);
  });

  it.each([
    ['a FIFO nobody writes to', (file: string) => execFileSync('mkfifo', [file]), /^.*config\.toml was not read: not a regular file \(a device, a pipe, a socket or a link loop\)\.$/],
    ['a file over 64 KiB', (file: string) => fs.writeFileSync(file, `apikey = "${TEAM_KEY}"\n#${'x'.repeat(64 * 1024)}\n`), /^.*config\.toml was not read: larger than 65536 bytes\.$/],
  ])('%s is refused in words, without a blocking read in the extension host', async (_label, make, said) => {
    const file = configFile('');
    fs.rmSync(file);
    make(file);
    h = await openWindow();
    const { result, blocking } = await blockingCallsOf(() => runImportCliConfig(h.core));
    expect(result).toEqual([]);
    expect(blocking).toEqual([]);
    expect(fake.messages.at(-1)!.text).toMatch(said);
    expect(fake.shown.join('\n')).not.toContain(TEAM_KEY);
  });
});
