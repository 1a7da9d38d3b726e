/** The secret history: bounded, merged, never a value, hostile storage and files rebuilt field by field. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendEntry, describeAccount, describeAction, entriesFor, entriesOfAccount, mergeHistories, sameAccount, parseHistoryLines, sanitizeEntry, type HistoryEntry } from '../../client/src/secrets/history';
import { appendHistoryFile, historyFilePath, readCliHistory, readHistoryFile } from '../../client/src/secrets/historyFile';
import { HISTORY_KEY, SecretHistory } from '../../client/src/secrets/historyStore';
import { recordCliHistory } from '../../client/src/cli/history';
import type { Io } from '../../client/src/cli/io';
import { configFileLocation } from '../../client/src/auth/runpodConfigFile';
import { MemoryMemento } from '../extension-ui/lifecycleHelpers';

const VALUE = 'hf_history_value_that_must_never_show';
const account = { origin: 'https://api.runpod.io' };
const entry = (at: string, action: HistoryEntry['action'], secret = 'hf-token', extra: Partial<HistoryEntry> = {}): HistoryEntry => ({ at, action, secret, account, source: 'editor', ...extra });

describe('entries', () => {
  it('are rebuilt from known fields only: a planted value, unknown actions and wrong types are dropped', () => {
    expect(sanitizeEntry({ ...entry('2026-09-01T00:00:00Z', 'created'), value: VALUE, account: { origin: 'https://api.runpod.io', key: VALUE } })).toEqual(entry('2026-09-01T00:00:00Z', 'created'));
    for (const bad of [null, [], 'x', { ...entry('x', 'created') }, { ...entry('2026-09-01T00:00:00Z', 'created'), action: 'exfiltrated' }, { ...entry('2026-09-01T00:00:00Z', 'created'), secret: 'x'.repeat(300) }, { ...entry('2026-09-01T00:00:00Z', 'created'), source: 'evil' }]) {
      expect(sanitizeEntry(bad)).toBeUndefined();
    }
    // `to` only on renames, `pods` only on restarts, each Pod reduced to id, name and outcome.
    expect(sanitizeEntry({ ...entry('2026-09-01T00:00:00Z', 'created'), to: 'x', pods: [{ id: 'p' }] })).toEqual(entry('2026-09-01T00:00:00Z', 'created'));
    expect(sanitizeEntry(entry('2026-09-01T00:00:00Z', 'pods-restarted', 'hf-token', { pods: [{ id: 'p1', name: 'a', ok: true, env: VALUE } as never, { nope: 1 } as never] }))!.pods).toEqual([{ id: 'p1', name: 'a', ok: true }]);
  });

  it('are bounded: the oldest go first', () => {
    let list: HistoryEntry[] = [];
    for (let i = 0; i < 5; i++) list = appendEntry(list, entry(`2026-09-0${i + 1}T00:00:00Z`, 'value-changed'), 3);
    expect(list.map((e) => e.at.slice(8, 10))).toEqual(['03', '04', '05']);
  });

  it('merge the editor and the CLI oldest first, an entry in both shown once', () => {
    const a = entry('2026-09-02T00:00:00Z', 'created');
    const b = { ...entry('2026-09-01T00:00:00Z', 'value-changed'), source: 'cli' as const };
    expect(mergeHistories([a], [b, a])).toEqual([b, a]);
  });

  it('read their dates by the one date rule: a date that does not exist is no entry, and no zone is UTC whatever the local zone', () => {
    expect(sanitizeEntry(entry('2026-02-31T10:00:00Z', 'created'))).toBeUndefined();
    // 12:30 with no zone is 12:30 UTC: after 12:00Z, before 13:00Z, on any machine.
    const [early, noZone, late] = [entry('2026-09-01T12:00:00Z', 'created'), entry('2026-09-01T12:30:00', 'value-changed'), entry('2026-09-01T13:00:00Z', 'value-changed')];
    expect(mergeHistories([late, noZone, early])).toEqual([early, noZone, late]);
  });

  it('are described in words, names made one safe line', () => {
    expect(describeAction(entry('2026-09-01T00:00:00Z', 'renamed', 'a', { to: 'b\u001b[31m' }))).toBe('renamed to b\\u001b[31m');
    expect(describeAction(entry('2026-09-01T00:00:00Z', 'pods-restarted', 'a', { pods: [{ id: '1', name: 'one', ok: true }, { id: '2', name: 'two', ok: false }] }))).toBe(
      'restarted 1 of 2 Pods (one); not restarted: two',
    );
    expect(describeAccount({ origin: 'http://127.0.0.1:8787', label: 'demo' })).toBe('demo (127.0.0.1:8787)');
    expect(entriesFor([entry('2026-09-01T00:00:00Z', 'renamed', 'old', { to: 'new' }), entry('2026-09-02T00:00:00Z', 'created', 'other')], 'new')).toHaveLength(1);
  });
});

describe("the editor's history (SecretHistory on global storage)", () => {
  it('records with time and account, keeps order under a burst, and reads back what is in storage field by field', async () => {
    const memento = new MemoryMemento();
    let now = Date.parse('2026-12-01T00:00:00Z');
    const history = new SecretHistory({ memento, now: () => now++ });
    const work = { origin: 'https://api.runpod.io', label: 'work' };
    await Promise.all([history.record('created', 'a', work), history.record('value-changed', 'a', work), history.record('renamed', 'a', work, { to: 'b' })]);
    expect(history.all().entries.map((e) => [e.action, e.secret, e.to, e.account.label, e.source])).toEqual([
      ['created', 'a', undefined, 'work', 'editor'],
      ['value-changed', 'a', undefined, 'work', 'editor'],
      ['renamed', 'a', 'b', 'work', 'editor'],
    ]);
    memento.data.set(HISTORY_KEY, [...(memento.get<unknown[]>(HISTORY_KEY) ?? []), { value: VALUE }, 'junk']);
    expect(JSON.stringify(history.all())).not.toContain(VALUE);
  });

  it('a storage failure is told and never fails the action; an unreadable CLI file is reported', async () => {
    const warned: string[] = [];
    const history = new SecretHistory({
      memento: { get: () => undefined, update: () => Promise.reject(new Error('disk full')) },
      now: () => 0,
      readCliEntries: () => {
        throw new Error('a symbolic link, not followed');
      },
      warn: (m) => warned.push(m),
    });
    await expect(history.record('deleted', 'x', account)).resolves.toBeUndefined();
    expect(warned).toEqual(['Could not store the secret history: disk full']);
    expect(history.all()).toEqual({ entries: [], hidden: [], cliError: 'a symbolic link, not followed' });
  });
});

describe('the history of the active account only (dev and prod, and a runpod-check run against another API URL)', () => {
  const dev = { origin: 'https://api.runpod.io', label: 'dev' };
  const prod = { origin: 'https://api.runpod.io', label: 'prod' };
  const local = { origin: 'http://127.0.0.1:44815' };
  const at = (n: number) => `2026-12-01T00:00:0${n}Z`;
  const editor = [
    { ...entry(at(1), 'created', 'hf-token'), account: dev },
    { ...entry(at(2), 'renamed', 'hf-token', { to: 'hf-read-token' }), account: dev },
    { ...entry(at(3), 'created', 'db-pass'), account: prod },
  ];
  const cli = [{ ...entry(at(4), 'value-changed', 'hf-token'), account: local, source: 'cli' as const }];

  it('keeps the entries of the same account name and origin, and counts the others per account', () => {
    const history = (active: typeof dev | undefined) => {
      const memento = new MemoryMemento();
      memento.data.set(HISTORY_KEY, editor);
      return new SecretHistory({ memento, now: () => 0, readCliEntries: () => cli, activeAccount: () => active });
    };
    const onProd = history(prod).all();
    expect(onProd.entries.map((e) => [e.secret, e.account.label])).toEqual([['db-pass', 'prod']]);
    expect(onProd.hidden).toEqual([{ account: dev, count: 2 }, { account: local, count: 1 }]);
    expect(onProd.account).toEqual(prod);
    const onDev = history(dev).all();
    expect(onDev.entries.map((e) => [e.action, e.secret])).toEqual([['created', 'hf-token'], ['renamed', 'hf-token']]);
    expect(onDev.hidden).toEqual([{ account: prod, count: 1 }, { account: local, count: 1 }]);
    // No account known (runpod.apiUrl unusable): everything, nothing hidden.
    expect(history(undefined).all().entries).toHaveLength(4);
  });

  it('the same origin without a name is another account than a named one (RUNPOD_API_KEY in the CLI)', () => {
    expect(entriesOfAccount([{ ...entry(at(1), 'created'), account: { origin: dev.origin } }], dev)).toEqual({ entries: [], hidden: [{ account: { origin: dev.origin }, count: 1 }] });
    expect(sameAccount({ origin: 'https://a' }, { origin: 'https://a' })).toBe(true);
    expect(sameAccount(dev, { ...dev, origin: 'https://rest.runpod.io' })).toBe(false);
  });

  it("shows the command line's entries of the active account when the name was typed in another case (--account PROD)", () => {
    const memento = new MemoryMemento();
    const typed = [{ ...entry(at(5), 'value-changed', 'db-pass'), account: { ...prod, label: 'PROD' }, source: 'cli' as const }];
    const onProd = new SecretHistory({ memento, now: () => 0, readCliEntries: () => typed, activeAccount: () => prod }).all();
    expect(onProd.entries.map((e) => [e.action, e.secret, e.account.label])).toEqual([['value-changed', 'db-pass', 'PROD']]);
    expect(onProd.hidden).toEqual([]);
    // Still one rule: another name, or no name beside a name, is another account.
    expect(sameAccount({ ...prod, label: 'PROD' }, prod)).toBe(true);
    expect(sameAccount({ ...prod, label: 'prod2' }, prod)).toBe(false);
    expect(sameAccount({ origin: prod.origin }, prod)).toBe(false);
    expect(sameAccount(prod, { origin: prod.origin })).toBe(false);
  });
});

describe("the command line's history file", () => {
  const dirs: string[] = [];
  const tmp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-history-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('lives under XDG_STATE_HOME (absolute only), else ~/.local/state', () => {
    expect(historyFilePath({ XDG_STATE_HOME: '/s', HOME: '/home/u' })).toBe('/s/runpod-check/history.jsonl');
    expect(historyFilePath({ XDG_STATE_HOME: 'relative', HOME: '/home/u' })).toBe('/home/u/.local/state/runpod-check/history.jsonl');
    expect(historyFilePath({ HOME: '/home/u' })).toBe('/home/u/.local/state/runpod-check/history.jsonl');
  });

  it("the editor reads the command line's history where the command line wrote it, and both take the home folder the config file is read from: HOME set, padded or unset", () => {
    const home = tmp();
    const saved = { HOME: process.env['HOME'], XDG_STATE_HOME: process.env['XDG_STATE_HOME'] };
    try {
      for (const env of [{ HOME: home }, { HOME: ` ${home}\t` }]) {
        const io = { env, stderr: (text: string) => expect.fail(text) } as unknown as Io;
        recordCliHistory(io, { origin: 'https://rest.runpod.io' }, 'created', `s${env.HOME.length}`);
        // The editor's reader as activate() wires it (extension.ts), from the editor's own environment: a CLI run from the same shell.
        process.env['HOME'] = env.HOME;
        delete process.env['XDG_STATE_HOME'];
        expect(readCliHistory().map((e) => e.secret)).toContain(`s${env.HOME.length}`);
        expect(historyFilePath(env)).toBe(path.join(home, '.local', 'state', 'runpod-check', 'history.jsonl'));
        expect(configFileLocation(env).path).toBe(path.join(home, '.runpod', 'config.toml'));
      }
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    // No HOME (or a blank one): the user's home folder as the system names it; nothing written there.
    for (const env of [{}, { HOME: '  ' }]) {
      expect(historyFilePath(env)).toBe(path.join(os.homedir(), '.local', 'state', 'runpod-check', 'history.jsonl'));
      expect(configFileLocation(env).path).toBe(path.join(os.homedir(), '.runpod', 'config.toml'));
    }
  });

  it('is created 0600 in a 0700 folder and read back', () => {
    const file = path.join(tmp(), 'state', 'runpod-check', 'history.jsonl');
    appendHistoryFile(file, { ...entry('2026-09-01T00:00:00Z', 'created'), source: 'cli' });
    appendHistoryFile(file, { ...entry('2026-09-02T00:00:00Z', 'deleted'), source: 'cli' });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readHistoryFile(file).map((e) => e.action)).toEqual(['created', 'deleted']);
    expect(readHistoryFile(path.join(tmp(), 'none.jsonl'))).toEqual([]);
  });

  it('narrows a file another tool made readable to others', () => {
    const file = path.join(tmp(), 'history.jsonl');
    fs.writeFileSync(file, '', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    appendHistoryFile(file, entry('2026-09-01T00:00:00Z', 'created'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a symbolic link in its place, for writing and reading, and never touches the target', () => {
    const dir = tmp();
    const target = path.join(dir, 'victim');
    fs.writeFileSync(target, 'precious\n');
    const file = path.join(dir, 'history.jsonl');
    fs.symlinkSync(target, file);
    expect(() => appendHistoryFile(file, entry('2026-09-01T00:00:00Z', 'created'))).toThrow('a symbolic link, not followed');
    expect(() => readHistoryFile(file)).toThrow('a symbolic link, not followed');
    expect(fs.readFileSync(target, 'utf8')).toBe('precious\n');
  });

  it('refuses a FIFO in its place without hanging', () => {
    const file = path.join(tmp(), 'history.jsonl');
    execFileSync('mkfifo', [file]);
    expect(() => appendHistoryFile(file, entry('2026-09-01T00:00:00Z', 'created'))).toThrow();
    expect(() => readHistoryFile(file)).toThrow('not a regular file');
  });

  it('skips planted lines and values, and reads only the tail of a huge file', () => {
    const file = path.join(tmp(), 'history.jsonl');
    const good = JSON.stringify(entry('2026-09-03T00:00:00Z', 'value-changed'));
    fs.writeFileSync(file, ['not json', JSON.stringify({ ...entry('2026-09-01T00:00:00Z', 'created'), value: VALUE }), `{"a":"${'x'.repeat(100_000)}"}`, good, ''].join('\n'));
    const read = readHistoryFile(file);
    expect(read.map((e) => e.action)).toEqual(['created', 'value-changed']);
    expect(JSON.stringify(read)).not.toContain(VALUE);
    const huge = path.join(tmp(), 'huge.jsonl');
    fs.writeFileSync(huge, `${'#'.repeat(5 * 1024 * 1024)}\n${good}\n`);
    expect(readHistoryFile(huge).map((e) => e.action)).toEqual(['value-changed']);
  });

  it('compacts itself to the last 1,000 entries once it grows large', () => {
    const file = path.join(tmp(), 'history.jsonl');
    const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify(entry(new Date(Date.parse('2026-01-01T00:00:00Z') + i * 1000).toISOString(), 'value-changed'))).join('\n');
    fs.writeFileSync(file, `${lines}\n`, { mode: 0o600 });
    appendHistoryFile(file, entry('2027-01-01T00:00:00Z', 'deleted'));
    const read = readHistoryFile(file);
    expect(read).toHaveLength(1000);
    expect(fs.readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(1000);
    expect(read.at(-1)!.action).toBe('deleted');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('parseHistoryLines keeps the last entries of a long text', () => {
    const text = Array.from({ length: 5 }, (_, i) => JSON.stringify(entry(`2026-09-0${i + 1}T00:00:00Z`, 'created'))).join('\n');
    expect(parseHistoryLines(text, 2).map((e) => e.at.slice(8, 10))).toEqual(['04', '05']);
  });
});
