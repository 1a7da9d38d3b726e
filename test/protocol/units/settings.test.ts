import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsStore, normalizeSettings } from '../../../server/src/lsp/settings';

describe('normalizeSettings', () => {
  it('reads the nested shape VS Code sends', () => {
    const settings = normalizeSettings({ diagnostics: { severity: { 'embedded-reference': 'off', 'unknown-secret': 'error' } }, files: ['a/*.json'] });
    expect(settings.severity).toEqual({ 'embedded-reference': 'off', 'unknown-secret': 'error' });
    expect(settings.files).toEqual(['a/*.json']);
  });

  it('accepts the flat dotted key some editors produce and upper-case levels', () => {
    expect(normalizeSettings({ 'diagnostics.severity': { 'duplicate-key': 'Hint' } }).severity).toEqual({ 'duplicate-key': 'hint' });
  });

  it('drops unknown codes, unknown levels and wrong types one by one', () => {
    const settings = normalizeSettings({
      diagnostics: { severity: { 'no-such-code': 'error', 'duplicate-key': 'fatal', 'invalid-key': 3, 'missing-equals': 'warning' } },
      files: ['ok', 7, null, ''],
    });
    expect(settings.severity).toEqual({ 'missing-equals': 'warning' });
    expect(settings.files).toEqual(['ok']);
  });

  it('reads runpod.secrets.rotationDays (nested or flat), 0 turning it off, garbage giving the default 90', () => {
    expect(DEFAULT_SETTINGS.rotationDays).toBe(90);
    expect(normalizeSettings({ secrets: { rotationDays: 30 } }).rotationDays).toBe(30);
    expect(normalizeSettings({ 'secrets.rotationDays': 0 }).rotationDays).toBe(0);
    for (const bad of [-5, 2.5, '30', null, 1e9]) expect(normalizeSettings({ secrets: { rotationDays: bad } }).rotationDays).toBe(90);
  });

  it("marks an environment whose account is shaped like a credential as invalid, never keeping the text", () => {
    const settings = normalizeSettings({ environments: { prod: { files: ['deploy/**'], account: 'AKIA4Q7ZK2M9XB3TRW8P' }, dev: { files: ['dev/**'], account: 'team' } } });
    expect(settings.environments).toEqual([
      { name: 'prod', files: ['deploy/**'], invalidAccount: true },
      { name: 'dev', files: ['dev/**'], account: 'team' },
    ]);
  });

  it.each([null, undefined, 42, 'runpod', [], [{}], { diagnostics: 'x' }])('gives defaults for garbage %j', (raw) => {
    expect(normalizeSettings(raw)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('SettingsStore', () => {
  it('reads each document once until the configuration changes', async () => {
    const asked: (string | undefined)[] = [];
    const store = new SettingsStore(async (uri) => {
      asked.push(uri);
      return { diagnostics: { severity: { 'invalid-key': 'off' } } };
    }, () => undefined);
    await store.forDocument('file:///a');
    await store.forDocument('file:///a');
    expect(asked).toEqual(['file:///a']);
    store.changed(null);
    expect((await store.forDocument('file:///a')).severity).toEqual({ 'invalid-key': 'off' });
    expect(asked).toEqual(['file:///a', 'file:///a']);
  });

  it('falls back to defaults and logs (without details) when the client request fails', async () => {
    const logged: string[] = [];
    const store = new SettingsStore(() => Promise.reject(new Error('secret-looking text')), (m) => logged.push(m));
    expect(await store.forDocument('file:///a')).toEqual(DEFAULT_SETTINGS);
    expect(logged).toHaveLength(1);
    expect(logged[0]).not.toContain('secret-looking text');
  });

  it('for a folder\'s walk a failed read rejects and is not kept: the next read asks again (documents still get the defaults)', async () => {
    let fail = true;
    let asks = 0;
    const store = new SettingsStore(async () => {
      asks++;
      if (fail) throw new Error('reloading');
      return { files: ['**/deploy/*.json'] };
    }, () => undefined);
    await expect(store.forFolder('file:///ws')).rejects.toThrow('reloading');
    expect(await store.forDocument('file:///ws')).toEqual(DEFAULT_SETTINGS);
    fail = false;
    expect((await store.forFolder('file:///ws')).files).toEqual(['**/deploy/*.json']);
    expect(asks).toBe(2);
    // Answered: kept until the next change, for documents too.
    expect((await store.forDocument('file:///ws')).files).toEqual(['**/deploy/*.json']);
    expect(asks).toBe(2);
  });

  it('without workspace/configuration uses the settings pushed in didChangeConfiguration', async () => {
    const store = new SettingsStore(undefined, () => undefined);
    expect(await store.forDocument('file:///a')).toEqual(DEFAULT_SETTINGS);
    store.changed({ runpod: { diagnostics: { severity: { 'duplicate-key': 'error' } } } });
    expect((await store.forDocument('file:///a')).severity).toEqual({ 'duplicate-key': 'error' });
    store.changed({ other: true });
    expect(await store.forDocument('file:///a')).toEqual(DEFAULT_SETTINGS);
  });
});

describe('SettingsStore: declared environments belong to the document\'s workspace folder', () => {
  const environments = { prod: ['deploy/**'] };

  it('each declaration carries the innermost folder holding the document; outside every folder none applies', async () => {
    const store = new SettingsStore(async () => ({ environments }), () => undefined);
    store.setFolders(['file:///home/u/deploy', 'file:///home/u/deploy/app']);
    expect((await store.forDocument('file:///home/u/deploy/app/main.py')).environments).toEqual([{ name: 'prod', files: ['deploy/**'], folder: 'file:///home/u/deploy/app' }]);
    expect((await store.forDocument('file:///home/u/deploy/x.txt')).environments[0]?.folder).toBe('file:///home/u/deploy');
    // A sibling whose name starts like the folder is not in it.
    expect((await store.forDocument('file:///home/u/deploy-old/x.txt')).environments).toEqual([]);
  });

  it('pushed settings too, one object per folder; a change of folders moves a document', async () => {
    const store = new SettingsStore(undefined, () => undefined);
    store.changed({ runpod: { environments } });
    store.setFolders(['file:///ws']);
    const first = await store.forDocument('file:///ws/a.txt');
    expect(first.environments[0]?.folder).toBe('file:///ws');
    expect(await store.forDocument('file:///ws/b.txt')).toBe(first);
    store.setFolders(['file:///ws', 'file:///ws/sub']);
    expect((await store.forDocument('file:///ws/sub/a.txt')).environments[0]?.folder).toBe('file:///ws/sub');
  });

  it('the settings carry the folder too, with no environment declared: runpod.files globs are relative to it', async () => {
    const store = new SettingsStore(async () => ({ files: ['templates/*.json'] }), () => undefined);
    store.setFolders(['file:///home/u/templates']);
    expect((await store.forDocument('file:///home/u/templates/x.json')).folder).toBe('file:///home/u/templates');
    expect((await store.forDocument('file:///tmp/x.json')).folder).toBeUndefined();
  });
});

describe('SettingsStore when the editor does not answer workspace/configuration', () => {
  it('serves the defaults past the deadline, says so once, and takes the answer when it comes', async () => {
    let answer!: (section: unknown) => void;
    const logs: string[] = [];
    let late = 0;
    const store = new SettingsStore(() => new Promise((resolve) => (answer = resolve)), (m) => logs.push(m), () => late++, 1);
    expect(await store.forDocument('file:///a.runpod.env')).toBe(DEFAULT_SETTINGS);
    expect(await store.forDocument('file:///a.runpod.env')).toBe(DEFAULT_SETTINGS);
    expect(logs).toEqual(['The editor has not answered workspace/configuration within 0.001 s; requests use the default runpod settings until it does.']);
    answer({ secrets: { rotationDays: 7 } });
    expect((await store.forDocument('file:///a.runpod.env')).rotationDays).toBe(7);
    expect(late).toBe(1);
  });
});
