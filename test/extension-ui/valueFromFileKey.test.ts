/**
 * The masked value box's "From file…" is a title-bar button, which Tab never reaches: a keybinding
 * (package.json) runs `runpod.secrets.valueFromFile` while the box's context key is set, and the
 * prompt names the key. The route is the button's: the same file dialog and reader.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const seen = vi.hoisted(() => ({ dialogs: 0 }));

vi.mock('vscode', async () => {
  const base = await import('./vscodeFake');
  return {
    ...base,
    window: {
      ...base.window,
      showOpenDialog: async () => {
        seen.dialogs++;
        return [base.Uri.parse('file:///w/key.pem')];
      },
    },
  };
});

const { askSecretValue, register } = await import('../../client/src/commands/valueInput');
const { fake, ui, FileType } = await import('./vscodeFake');
import type { Services } from '../../client/src/services';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

function services(): Services {
  return { context: { subscriptions: [] }, log: { addSensitive() {}, info() {}, warn() {}, error() {} } } as unknown as Services;
}

describe('From file… from the keyboard', () => {
  beforeEach(() => {
    fake.reset();
    ui.reset();
    seen.dialogs = 0;
  });

  it('the key runs the file route of the open value box; its context key is set only while the box is open', async () => {
    const s = services();
    register(s);
    fake.files.set('/w/key.pem', '-----BEGIN KEY-----\nabc\n-----END KEY-----\n');
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

  it('a link to /dev/zero (or a FIFO) is refused as not a regular file, not as an empty value, in the words of --value-file', async () => {
    // What stat says of a link to a character device: no File bit, size 0.
    fake.stats.set('/w/key.pem', { type: FileType.SymbolicLink | FileType.Unknown, size: 0 });
    const prompt = await refusalPrompt();
    expect(prompt).toMatch(/^key\.pem: not a regular file \(a device, a pipe, a socket or a link loop\)\. Value of tls-key\./);
    expect(prompt).not.toContain('empty');
  });

  it('the reason ends with a full stop before the prompt goes on', async () => {
    fake.stats.set('/w/key.pem', { type: FileType.File, size: 64 * 1024 * 1024 });
    expect(await refusalPrompt()).toMatch(/^key\.pem: the value is too large; RunPod takes a value of less than 16 MiB\. Value of tls-key\./);
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
