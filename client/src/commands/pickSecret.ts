/**
 * Choosing the secret a command acts on: the node or name it was invoked with, else a quick pick of
 * the store's secrets (type to filter, descriptions shown).
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { Secret } from '../runpod/types';
import { describeValueAge } from '../../../server/src/template/valueAge';
import { nameFromArgument } from './target';
import { hasSecretNameCharsOnly } from '../../../server/src/template/names';
import { pickName } from '../ui/plainName';
import { VIEW_NAMES } from '../views/viewNames';
import { MAX_SECRET_NODES } from '../views/nodes';
import { secretsByName, type OrderedSecret } from '../views/secretOrder';
import { grouped } from '../../../server/src/template/counts';
import { sayIfSwitchedOnCancel, type StartedUnder } from './secretSteps';

/**
 * What choosing a secret came to: a name, a cancel of the picker (Escape, or Switch Account's picker
 * hiding it), or a refusal already said (no secret to pick, a name no secret has, no usable key).
 */
type SecretChoice = { kind: 'chosen'; name: string } | { kind: 'cancelled' } | { kind: 'refused' };

/**
 * The secret name from the command argument, or from a quick pick. A name with characters no RunPod
 * secret name has (RunPod enforces the rule, so only a broken or hostile server lists one) is
 * refused with a message that does not repeat it: every message, title and document of the
 * commands names the secret, and such a name may be `[text](command:...)`.
 */
async function chooseSecretName(services: Services, arg: unknown, title: string, offered?: string): Promise<SecretChoice> {
  const fromArg = nameFromArgument(arg);
  const choice: SecretChoice = fromArg !== undefined ? { kind: 'chosen', name: fromArg } : await chooseSecret(services, title, offered);
  if (choice.kind === 'chosen' && !hasSecretNameCharsOnly(choice.name)) {
    void vscode.window.showErrorMessage(`${title}: the server listed a secret whose name is not a valid secret name (it holds characters no RunPod secret name has); change it in the RunPod console.`);
    return { kind: 'refused' };
  }
  return choice;
}

/** The secret name from the command argument or a quick pick (chooseSecretName); undefined when cancelled or refused. */
export async function resolveSecretName(services: Services, arg: unknown, title: string, offered?: string): Promise<string | undefined> {
  const choice = await chooseSecretName(services, arg, title, offered);
  return choice.kind === 'chosen' ? choice.name : undefined;
}

/**
 * The secret a changing command (edit, delete) of a flow started under `under.account` acts on,
 * once the API can be called: from the argument or a quick pick, then the key check. Undefined when
 * the user cancels (then a switch of account picked meanwhile is said: sayIfSwitchedOnCancel), or
 * after a refusal already said (no key usable, an invalid name): a second message would blame a switch.
 */
export async function resolveSecretToChange(services: Services, arg: unknown, title: string, under: StartedUnder, offered?: string): Promise<string | undefined> {
  const choice = await chooseSecretName(services, arg, title, offered);
  if (choice.kind === 'cancelled') await sayIfSwitchedOnCancel(services, under.account, under.flow);
  if (choice.kind !== 'chosen') return undefined;
  return (await services.requireApi()) ? choice.name : undefined;
}

/** The store's metadata for `name`, if the last fetch knew it. */
export function findSecret(services: Services, name: string): Secret | undefined {
  return services.store.secrets.find((secret) => secret.name === name);
}

/** The description of the secret a kept run was for (cancelled, or its update failed), offered first. */
const OFFERED = 'offered again';

/**
 * Quick pick of the known secrets in the Secrets view's order (secretOrder.ts); says why when there is nothing to pick.
 * @param title the command's title without its category
 * @param offered a secret to offer first, where the pick opens (the one a cancelled run was for), as the palette puts the recently used first
 */
export async function pickSecret(services: Services, title: string, offered?: string): Promise<string | undefined> {
  const choice = await chooseSecret(services, title, offered);
  return choice.kind === 'chosen' ? choice.name : undefined;
}

/** pickSecret, saying whether the picker was cancelled or there was nothing to pick (said). */
async function chooseSecret(services: Services, title: string, offered?: string): Promise<SecretChoice> {
  const ordered = secretsByName(services.store.secrets);
  const first = offered === undefined ? undefined : ordered.find((entry) => entry.secret.name === offered);
  const secrets = first ? [first, ...ordered.filter((entry) => entry !== first)] : ordered;
  if (secrets.length === 0) {
    const state = services.store.state.kind;
    const why =
      state === 'signed-out'
        ? "No API key is set. Run 'RunPod: Set API Key...' first."
        : state === 'untrusted'
          ? 'RunPod API calls are disabled in untrusted workspaces.'
          : state === 'fresh'
            ? 'This RunPod account has no secrets yet.'
            : `No secrets are loaded. Refresh the RunPod ${VIEW_NAMES['runpod.secrets']} view and try again.`;
    void vscode.window.showInformationMessage(why);
    return { kind: 'refused' };
  }
  const now = services.lifecycle.now();
  const name = secrets.length > MAX_SECRET_NODES ? await pickAmongMany(secrets, now, title, offered) : await pickFew(secrets, now, title, offered);
  return name === undefined ? { kind: 'cancelled' } : { kind: 'chosen', name };
}

/** A secret's item in either picker; `offered` is marked. */
function pickItem(secret: Secret, now: number, offered: string | undefined): ReturnType<typeof secretPickItem> {
  const item = secretPickItem(secret, now);
  // Said on it, so the list's order does not look broken: why this one comes before the name order.
  return secret.name === offered ? { ...item, description: [OFFERED, item.description].filter(Boolean).join(' · ') } : item;
}

/** The quick pick of a listing the Secrets view shows whole, `offered` marked. */
async function pickFew(secrets: readonly OrderedSecret[], now: number, title: string, offered: string | undefined): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    secrets.map(({ secret }) => pickItem(secret, now, offered)),
    // Titled as in the palette, like the steps that follow it ('RunPod: Edit Secret Value of x').
    { title: `RunPod: ${title}`, placeHolder: 'Choose a secret', matchOnDescription: true },
  );
  return picked?.name;
}

/**
 * The picker over a listing longer than the Secrets view shows (MAX_SECRET_NODES): a quick pick of a
 * million items holds the shared extension host and the window for seconds, so it holds the first
 * MAX_SECRET_NODES that match what is typed (by name or description, the whole listing searched on
 * each change), and an item that says how many more match and to type.
 */
async function pickAmongMany(secrets: readonly OrderedSecret[], now: number, title: string, offered: string | undefined): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { name?: string }>();
  pick.title = `RunPod: ${title}`;
  pick.placeholder = 'Choose a secret (type to filter)';
  pick.matchOnDescription = true;
  const fill = (typed: string): void => {
    const needle = typed.toLowerCase();
    // Names and descriptions lowercased once per listing (secretOrder.ts), not on each keystroke.
    const matching = needle === '' ? secrets : secrets.filter((s) => s.foldedName.includes(needle) || s.foldedDescription.includes(needle));
    const shown = matching.slice(0, MAX_SECRET_NODES).map(({ secret }) => pickItem(secret, now, offered));
    const more = matching.length - shown.length;
    pick.items = more > 0 ? [...shown, { label: `${grouped(more)} more: type to filter`, alwaysShow: true }] : shown;
  };
  fill('');
  return new Promise((resolve) => {
    const subscriptions = [
      pick.onDidChangeValue(fill),
      pick.onDidAccept(() => {
        const name = pick.selectedItems[0]?.name;
        // The "more" item is no secret: the picker stays for the user to type.
        if (name === undefined) return;
        resolve(name);
        pick.hide();
      }),
      pick.onDidHide(() => {
        resolve(undefined);
        for (const s of subscriptions) s.dispose();
        pick.dispose();
      }),
    ];
    pick.show();
  });
}

/**
 * A secret in a quick pick: the API's name and description by the quick pick's label rule, and the
 * value's age at `now` as the Secrets tree says it (valueAge.ts): what matters when choosing one to rotate.
 */
export function secretPickItem(secret: Secret, now: number): vscode.QuickPickItem & { name: string } {
  return {
    label: pickName(secret.name),
    description: pickName(secret.description ?? ''),
    detail: describeValueAge(secret, now) ?? 'value age unknown',
    name: secret.name,
  };
}
