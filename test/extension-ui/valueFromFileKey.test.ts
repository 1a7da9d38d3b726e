/**
 * The masked value box's "From file…" is a title-bar button, which Tab never reaches: a keybinding
 * (package.json) runs `runpod.secrets.valueFromFile` while the box's context key is set, and the
 * prompt names the key. The route is the button's: the same file dialog and reader.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const seen = vi.hoisted(() => ({ dialogs: 0, pick: 'file:///w/key.pem', dir: '' }));

/**
 * The dialog picks `seen.pick`. Below the test's temporary folder, workspace.fs is VS Code's on
 * disk (stat follows a link) unless `fake.stats` injects what a stat said before the file changed.
 */
vi.mock('vscode', async () => {
  const base = await import('./vscodeFake');
  const onDisk = (uri: { path: string }) => seen.dir !== '' && uri.path.startsWith(`${seen.dir}/`) && !base.fake.stats.has(uri.path);
  return {
    ...base,
    window: {
      ...base.window,
      showOpenDialog: async () => {
        seen.dialogs++;
        return [base.Uri.parse(seen.pick)];
      },
    },
    workspace: {
      ...base.workspace,
      fs: {
        ...base.workspace.fs,
        stat: async (uri: { path: string }) => {
          if (!onDisk(uri)) return base.workspace.fs.stat(uri as never);
          const s = await stat(uri.path);
          return { type: s.isFile() ? base.FileType.File : s.isDirectory() ? base.FileType.Directory : base.FileType.Unknown, size: s.size };
        },
        readFile: async (uri: { path: string }) => {
          if (seen.dir === '' || !uri.path.startsWith(`${seen.dir}/`)) return base.workspace.fs.readFile(uri as never);
          base.fake.reads.push(uri.path);
          return new Uint8Array(await readFile(uri.path));
        },
      },
    },
  };
});

const { askSecretValue, register } = await import('../../client/src/commands/valueInput');
const { fake, ui, FileType } = await import('./vscodeFake');
import type { Services } from '../../client/src/services';

seen.dir = mkdtempSync(path.join(tmpdir(), 'value-read-'));
afterAll(() => rmSync(seen.dir, { recursive: true, force: true }));
const onDisk = (name: string) => path.join(seen.dir, name);

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

function services(): Services {
  return { context: { subscriptions: [] }, log: { addSensitive() {}, info() {}, warn() {}, error() {} } } as unknown as Services;
}

describe('From file… from the keyboard', () => {
  beforeEach(() => {
    fake.reset();
    ui.reset();
    seen.dialogs = 0;
    seen.pick = 'file:///w/key.pem';
  });

  it('the key runs the file route of the open value box; its context key is set only while the box is open', async () => {
    const s = services();
    register(s);
    writeFileSync(onDisk('key.pem'), '-----BEGIN KEY-----\nabc\n-----END KEY-----\n');
    seen.pick = `file://${onDisk('key.pem')}`;
    let keyDuringBox: unknown;
    fake.inputScript.push(() => {
      keyDuringBox = ui.contexts.get('runpod.secretValueBoxOpen');
      void fake.commands.get('runpod.secrets.valueFromFile')!();
    });
    const outcome = await askSecretValue(s, { title: 'RunPod: Create Secret', secretName: 'tls-key' });
    expect(outcome).toEqual({ kind: 'value', value: '-----BEGIN KEY-----\nabc\n-----END KEY-----\n', source: 'key.pem' });
    expect(seen.dialogs).toBe(1);
    expect(keyDuringBox).toBe(true);
    expect(ui.contexts.get('runpod.secretValueBoxOpen')).toBe(false);
    // The prompt names the key (the user cannot Tab to the button the old prompt pointed at).
    expect(fake.boxes[0]!.prompt).toContain('Ctrl+Alt+F');
  });

  /** Presses From file… in the first box, then leaves the box it reopens; its prompt says why the file gave no value. */
  async function refusalPrompt(): Promise<string> {
    const s = services();
    register(s);
    fake.inputScript.push(() => void fake.commands.get('runpod.secrets.valueFromFile')!());
    expect(await askSecretValue(s, { title: 'RunPod: Create Secret', secretName: 'tls-key' })).toEqual({ kind: 'cancel' });
    return fake.boxes.at(-1)!.prompt!;
  }

  it('a link to /dev/zero is refused as not a regular file, not as an empty value, in the words of --value-file', async () => {
    symlinkSync('/dev/zero', onDisk('zero.pem'));
    seen.pick = `file://${onDisk('zero.pem')}`;
    const prompt = await refusalPrompt();
    expect(prompt).toMatch(/^zero\.pem: not a regular file \(a device, a pipe, a socket or a link loop\)\. Value of tls-key\./);
    expect(prompt).not.toContain('empty');
  });

  it('a FIFO or a link to /dev/zero put in place after a stat that said "file" is refused without hanging or reading through workspace.fs', async () => {
    execFileSync('mkfifo', [onDisk('swapped-fifo.pem')]);
    symlinkSync('/dev/zero', onDisk('swapped-zero.pem'));
    for (const name of ['swapped-fifo.pem', 'swapped-zero.pem']) {
      fake.reset();
      ui.reset();
      // What a stat said before the swap: a small regular file.
      fake.stats.set(onDisk(name), { type: FileType.File, size: 10 });
      seen.pick = `file://${onDisk(name)}`;
      expect(await refusalPrompt()).toMatch(new RegExp(`^${name.replace('.', '\\.')}: not a regular file \\(a device, a pipe, a socket or a link loop\\)\\. Value of tls-key\\.`));
      expect(fake.reads).toEqual([]);
    }
  });

  it('a file grown past the limit after a stat that said it was small is refused without reading it all', async () => {
    // Sparse: 64 MiB on the size, nothing on the disk.
    writeFileSync(onDisk('grown.pem'), '');
    truncateSync(onDisk('grown.pem'), 64 * 1024 * 1024);
    fake.stats.set(onDisk('grown.pem'), { type: FileType.File, size: 10 });
    seen.pick = `file://${onDisk('grown.pem')}`;
    expect(await refusalPrompt()).toMatch(/^grown\.pem: the value is too large; RunPod takes a value of less than 16 MiB\. Value of tls-key\./);
    expect(fake.reads).toEqual([]);
  });

  it('a file on disk one byte over the limit is refused by the bounded reader', async () => {
    const { SECRET_VALUE_FILE_MAX_BYTES } = await import('../../server/src/template/names');
    writeFileSync(onDisk('limit.pem'), Buffer.alloc(SECRET_VALUE_FILE_MAX_BYTES + 1, 'a'));
    seen.pick = `file://${onDisk('limit.pem')}`;
    const prompt = await refusalPrompt();
    expect(prompt).toMatch(/^limit\.pem: the value is too large/);
    expect(prompt).not.toContain('aaaa');
  });

  it('a local file goes through the one chain (secrets/valueFile.ts readLocalValueFile): each refusal in its words, as --value-file says them', async () => {
    const { readLocalValueFile } = await import('../../client/src/secrets/valueFile');
    execFileSync('mkfifo', [onDisk('chain-fifo.pem')]);
    writeFileSync(onDisk('chain-empty.pem'), '\r\n');
    writeFileSync(onDisk('chain-binary.pem'), Buffer.from([0x7a, 0xff, 0xfe]));
    writeFileSync(onDisk('chain-utf16.pem'), Buffer.from('hf_abc\n', 'utf16le'));
    for (const name of ['chain-fifo.pem', 'chain-empty.pem', 'chain-binary.pem', 'chain-utf16.pem', 'chain-missing.pem']) {
      fake.reset();
      ui.reset();
      seen.pick = `file://${onDisk(name)}`;
      const read = await readLocalValueFile(onDisk(name));
      expect('error' in read, name).toBe(true);
      expect((await refusalPrompt()).startsWith(`${name}: ${(read as { error: string }).error}. Value of tls-key.`), name).toBe(true);
      expect(fake.reads).toEqual([]);
    }
  });

  it('a remote file (not file:) is checked by workspace.fs stat: a link to a device is refused before a read', async () => {
    seen.pick = 'vscode-remote:///w/key.pem';
    // What stat says of a link to a character device: no File bit, size 0.
    fake.stats.set('/w/key.pem', { type: FileType.SymbolicLink | FileType.Unknown, size: 0 });
    const prompt = await refusalPrompt();
    expect(prompt).toMatch(/^key\.pem: not a regular file \(a device, a pipe, a socket or a link loop\)\. Value of tls-key\./);
    expect(fake.reads).toEqual([]);
  });

  it('a remote file is read through workspace.fs; a remote file over the limit by its stat is refused before a read', async () => {
    seen.pick = 'vscode-remote:///w/key.pem';
    fake.files.set('/w/key.pem', 'hf_remote\n');
    const s = services();
    register(s);
    fake.inputScript.push(() => void fake.commands.get('runpod.secrets.valueFromFile')!());
    expect(await askSecretValue(s, { title: 'RunPod: Create Secret', secretName: 'tls-key' })).toEqual({ kind: 'value', value: 'hf_remote', source: 'key.pem' });
    fake.reset();
    ui.reset();
    fake.stats.set('/w/key.pem', { type: FileType.File, size: 64 * 1024 * 1024 });
    expect(await refusalPrompt()).toMatch(/^key\.pem: the value is too large; RunPod takes a value of less than 16 MiB\. Value of tls-key\./);
    expect(fake.reads).toEqual([]);
  });

  it('with no value box open the command does nothing', async () => {
    const s = services();
    register(s);
    expect(await fake.commands.get('runpod.secrets.valueFromFile')!()).toBe(false);
    expect(seen.dialogs).toBe(0);
  });

  it('package.json binds the key to the command only while a value box is open, and keeps it out of the palette', () => {
    const binding = pkg.contributes.keybindings.find((k: { command: string }) => k.command === 'runpod.secrets.valueFromFile');
    expect(binding).toMatchObject({ key: 'ctrl+alt+f', mac: 'cmd+alt+f', when: 'inQuickOpen && runpod.secretValueBoxOpen' });
    expect(pkg.contributes.menus.commandPalette).toContainEqual({ command: 'runpod.secrets.valueFromFile', when: 'false' });
  });
});
