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
const { fake, ui } = await import('./vscodeFake');
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
