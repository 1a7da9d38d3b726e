/**
 * "Use the local fake API" from the Secrets view's welcome content: asks where a fake RunPod API
 * runs on this machine and points `runpod.apiUrl` (a user setting; workspaces cannot set it) at it,
 * for trying the extension without an account. A key saved for RunPod is not sent to the fake
 * without the user's yes (offerKeyForOrigin).
 */
import * as vscode from 'vscode';
import { offerKeyForOrigin, type CoreServices } from '../auth/session';
import { readSettings } from '../config';
import { isLoopbackHost, normalizeBaseUrl, originOf } from '../runpod/baseUrl';
import { showInputStep } from '../ui/multiStepInput';

const USE_FAKE_API_COMMAND = 'runpod.useFakeApi';
/** Where the fake API listens unless told otherwise (`RUNPOD_FAKE_PORT`). */
const DEFAULT_FAKE_API_URL = 'http://127.0.0.1:8787/v2';

function loopbackUrl(text: string): URL | undefined {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The box's starting value: the current URL when it already points at this machine, else the default. */
export function fakeApiUrlPrefill(currentApiUrl: string): string {
  return loopbackUrl(currentApiUrl) ? currentApiUrl : DEFAULT_FAKE_API_URL;
}

/** Why `text` is not the URL of an API on this machine, or undefined when it is. */
export function fakeApiUrlProblem(text: string): string | undefined {
  if (!loopbackUrl(text)) {
    return `Enter an http:// URL on this machine (localhost or 127.0.0.1), such as ${DEFAULT_FAKE_API_URL}.`;
  }
  try {
    normalizeBaseUrl(text); // credentials, a query or a fragment
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Registers `runpod.useFakeApi`. */
export function register(core: CoreServices): void {
  core.context.subscriptions.push(
    vscode.commands.registerCommand(USE_FAKE_API_COMMAND, async () => {
      const config = vscode.workspace.getConfiguration('runpod');
      const before = readSettings(config).apiUrl;
      const answer = await showInputStep({
        title: 'RunPod: Use the Local Fake API',
        value: fakeApiUrlPrefill(before.ok ? before.url : DEFAULT_FAKE_API_URL),
        // A user with only the installed extension has no fake yet: say where one comes from.
        prompt:
          "URL of the fake RunPod API running on this machine ('npm run fake-api' in this extension's source repository starts one and prints its URL and key). This sets the user setting runpod.apiUrl; reset it to go back to RunPod.",
        validate: fakeApiUrlProblem,
      });
      if (answer.kind !== 'accept') return;
      const url = normalizeBaseUrl(answer.value);
      await config.update('apiUrl', url, vscode.ConfigurationTarget.Global);
      core.log.info(`runpod.apiUrl set to ${url} (local fake API)`);
      const found = await core.keys.lookup(originOf(url));
      if (found.kind === 'key') {
        void vscode.window.showInformationMessage(`runpod.apiUrl is now ${url}, with the API key saved for it.`);
      } else if (found.kind === 'elsewhere') {
        // The settings change asks the same question; this joins it rather than asking twice.
        await offerKeyForOrigin(core, before.ok ? before.url : undefined);
      } else {
        const next = await vscode.window.showInformationMessage(
          `runpod.apiUrl is now ${url}. Set the API key that the fake API printed when it started.`,
          'Set API Key',
        );
        if (next) await vscode.commands.executeCommand('runpod.setApiKey');
      }
    }),
  );
}
