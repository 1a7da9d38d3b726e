/** package.json contributions of the secret lifecycle: commands, tree menus on the real contextValue, the setting. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { secretNode } from '../../client/src/views/nodes';
import { VIEW_NAMES } from '../../client/src/views/viewNames';
import { DEFAULT_ROTATION_DAYS, MAX_ROTATION_DAYS } from '../../server/src/template/valueAge';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const COMMANDS = { 'runpod.secrets.rename': 'RunPod: Rename Secret...', 'runpod.secrets.rotate': 'RunPod: Rotate Secret...', 'runpod.secrets.showHistory': 'RunPod: Show Secret History' };

describe('secret lifecycle contributions', () => {
  it("the views' names the messages use are the names package.json gives them", () => {
    const views: { id: string; name: string }[] = pkg.contributes.views.runpod;
    expect(Object.fromEntries(views.map((v) => [v.id, v.name]))).toEqual(VIEW_NAMES);
  });

  it('contributes the commands with the titles of the issue', () => {
    const titles = Object.fromEntries(pkg.contributes.commands.map((c: { command: string; title: string; category: string }) => [c.command, `${c.category}: ${c.title}`]));
    for (const [command, title] of Object.entries(COMMANDS)) expect(titles[command]).toBe(title);
  });

  it('offers them on a secret in the tree (the real contextValue) and in the palette', () => {
    const contextValue = secretNode({ id: 'i', name: 'n', createdAt: '2026-09-01T00:00:00Z', description: null, valueLastUpdatedAt: null }).contextValue;
    const items: { command: string; when: string }[] = pkg.contributes.menus['view/item/context'];
    const palette: { command: string; when: string }[] = pkg.contributes.menus.commandPalette;
    for (const command of Object.keys(COMMANDS)) {
      const entry = items.find((m) => m.command === command);
      expect(entry?.when).toBe(`view == runpod.secrets && viewItem == ${contextValue}`);
      expect(palette.find((m) => m.command === command)).toBeUndefined(); // shown in the palette by default
    }
  });

  it('runpod.secrets.rotationDays: the core default and bounds', () => {
    const setting = pkg.contributes.configuration.properties['runpod.secrets.rotationDays'];
    expect(setting).toMatchObject({ type: 'integer', default: DEFAULT_ROTATION_DAYS, minimum: 0, maximum: MAX_ROTATION_DAYS });
  });
});
