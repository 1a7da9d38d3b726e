/** RunPod: Copy Reference — `{{ RUNPOD_SECRET_<name> }}` to the clipboard. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { secretReference } from '../secrets/references';
import { resolveSecretName } from './pickSecret';

const COPY_REFERENCE_COMMAND = 'runpod.secrets.copyReference';

/** Registers `runpod.secrets.copyReference`; accepts a tree node, a name, or nothing (quick pick). */
export function register(services: Services): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand(COPY_REFERENCE_COMMAND, async (arg?: unknown) => {
      const name = await resolveSecretName(services, arg, 'Copy Reference');
      if (!name) return;
      await vscode.env.clipboard.writeText(secretReference(name));
      void vscode.window.setStatusBarMessage(`Copied ${secretReference(name)}`, 3000);
    }),
  );
}
