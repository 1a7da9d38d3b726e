/** An account refusal's message and its button: a press runs the remedy's command; a command that fails is logged, never left unhandled. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import * as vscode from 'vscode';
import { showAccountRefusal } from '../../client/src/launch/ui/accountRefusal';
import { fake, ui, whenRecorded } from './vscodeFake';

const remedy = { title: 'Open Settings', command: 'workbench.action.openSettings', args: ['runpod.environments'] };

beforeEach(() => fake.reset());

describe('showAccountRefusal', () => {
  it("runs the remedy's command when its button is pressed, and nothing otherwise", async () => {
    const log = { error: vi.fn() };
    fake.dialogAnswers.push('Open Settings', undefined);
    showAccountRefusal('Environment prod cannot be used.', remedy, log);
    await whenRecorded(() => ui.executed.length > 0, "the remedy's command");
    expect(ui.executed).toEqual([{ id: 'workbench.action.openSettings', args: ['runpod.environments'] }]);
    // Dismissed: its answer is handled once every pending step has run (all in memory, no timer).
    showAccountRefusal('Environment prod cannot be used.', remedy, log);
    expect(fake.messages).toHaveLength(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ui.executed).toHaveLength(1);
    expect(fake.messages[0]).toEqual({ level: 'error', text: 'Environment prod cannot be used.', buttons: ['Open Settings'] });
    expect(log.error).not.toHaveBeenCalled();
  });

  it("logs a remedy's command that fails, naming the command, instead of leaving its rejection unhandled", async () => {
    const log = { error: vi.fn() };
    const failure = new Error("command 'workbench.action.openSettings' not found");
    const run = vi.spyOn(vscode.commands, 'executeCommand').mockRejectedValueOnce(failure);
    try {
      fake.dialogAnswers.push('Open Settings');
      const logged = new Promise<void>((resolve) => log.error.mockImplementation(() => resolve()));
      showAccountRefusal('Environment prod cannot be used.', remedy, log);
      await logged;
      expect(log.error).toHaveBeenCalledWith('Open Settings (workbench.action.openSettings) failed', failure);
    } finally {
      run.mockRestore();
    }
  });
});
