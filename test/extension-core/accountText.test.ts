/** The account item of the status bar, and what a workspace's runpod.account means (pure). */
import { describe, expect, it } from 'vitest';
import { accountItems, removableAccountItems } from '../../client/src/auth/accountItems';
import { readWorkspaceAccount } from '../../client/src/auth/workspaceAccount';
import { describeAccountStatus } from '../../client/src/status/accountText';

describe('describeAccountStatus', () => {
  it('stays hidden before there is any account; then names the active one, a click switches', () => {
    expect(describeAccountStatus({ active: 'default', exists: false, count: 0, fromWorkspace: false }).visible).toBe(false);
    expect(describeAccountStatus({ active: 'team', exists: true, count: 2, fromWorkspace: false })).toEqual({
      visible: true,
      text: '$(account) team',
      tooltip: 'RunPod account team. 2 accounts: click to switch.',
      command: 'runpod.switchAccount',
      arguments: [],
      tone: 'normal',
    });
  });

  it('an account without a key (a workspace names it) is "not added", in warning colours; a click adds it', () => {
    const view = describeAccountStatus({ active: 'prod', exists: false, count: 1, fromWorkspace: true });
    expect(view).toMatchObject({ visible: true, text: '$(account) prod (not added)', command: 'runpod.addAccount', arguments: ['prod'], tone: 'warning' });
    expect(view.tooltip).toContain('nothing is sent to RunPod');
  });
});

describe('accountItems', () => {
  it('each account once, the active one checked, and where a key is only for another origin', () => {
    const keys = [
      { account: 'default', origin: 'https://api.runpod.io', key: 'k1' },
      { account: 'local', origin: 'http://127.0.0.1:8787', key: 'k2' },
      { account: 'default', origin: 'http://127.0.0.1:8787', key: 'k1' },
    ];
    expect(accountItems(keys, 'default', 'https://api.runpod.io')).toEqual([
      { label: '$(check) default', description: 'active', account: 'default' },
      { label: '$(account) local', description: 'key saved for http://127.0.0.1:8787 only', account: 'local' },
    ]);
    expect(JSON.stringify(accountItems(keys, 'x', undefined))).not.toMatch(/k1|k2/);
  });

  it('two stored names of one account: the used one once (active under either spelling); only Remove Account offers the other', () => {
    const keys = [
      { account: 'my-team', origin: 'https://api.runpod.io', key: 'k1' },
      { account: 'my_team', origin: 'https://api.runpod.io', key: 'k2' },
    ];
    const used = { label: '$(check) my-team', description: 'active', account: 'my-team' };
    // Switching to the shadowed name would only make it active on my-team's key.
    expect(accountItems(keys, 'MY_TEAM', 'https://api.runpod.io')).toEqual([used]);
    expect(removableAccountItems(keys, 'MY_TEAM', 'https://api.runpod.io')).toEqual([
      used,
      { label: '$(warning) my_team', description: "not used: my-team's key is", account: 'my_team' },
    ]);
  });
});

describe('readWorkspaceAccount', () => {
  const keys = ['rp_stored_key_0123'];
  it('unset, untrusted, a name (matched ignoring case), or ignored', () => {
    expect(readWorkspaceAccount(undefined, true, [], keys)).toEqual({ kind: 'none' });
    expect(readWorkspaceAccount('', true, [], keys)).toEqual({ kind: 'none' });
    expect(readWorkspaceAccount('team', false, ['team'], keys)).toEqual({ kind: 'untrusted' });
    expect(readWorkspaceAccount(' Team ', true, ['team'], keys)).toEqual({ kind: 'named', name: 'Team', existing: 'team' });
    expect(readWorkspaceAccount('prod', true, ['team'], keys)).toEqual({ kind: 'named', name: 'prod' });
  });

  it('a key, a URL or a non-string is ignored; the message never holds the value', () => {
    for (const raw of ['rp_stored_key_0123', 'https://api.runpod.io/v2?k=rp_x', 'rpa_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', 42, { name: 'x' }, ['a']]) {
      const read = readWorkspaceAccount(raw, true, ['team'], keys);
      expect(read.kind, String(raw)).toBe('ignored');
      const text = JSON.stringify(read);
      expect(text).not.toContain('rp_stored_key');
      expect(text).not.toContain('ABCDEFGH');
      expect(text).not.toContain('?k=');
    }
    expect(readWorkspaceAccount('rp_stored_key_0123', true, [], keys)).toMatchObject({ message: expect.stringContaining('holds one of your RunPod API keys') });
  });
});
