/**
 * Which environment this window last pushed each account template from (Push Template). Every
 * environment of a template file pushes to the one template its `name` gives (README, Push
 * Template), so pushing prod updates the template dev pushed: the update confirmation says so when
 * this window knows it. In memory, held by the extension's context (one per window, as
 * ui/wizardMemory.ts keeps its answers): nothing is written anywhere, and a push from another
 * window, the CLI or the console is not known.
 */
import { accountNameKey } from '../../../server/src/template/accountNames';

/** Each window's pushes: `<account key> <template id>` -> the environment's name, null for none. */
const windows = new WeakMap<object, Map<string, string | null>>();

function pushesOf(window: object): Map<string, string | null> {
  let pushes = windows.get(window);
  if (!pushes) windows.set(window, (pushes = new Map()));
  return pushes;
}

const keyOf = (account: string, templateId: string): string => `${accountNameKey(account)} ${templateId}`;

/** Records that `window` pushed template `templateId` of `account` with `environment` (null: none). */
export function notePush(window: object, account: string, templateId: string, environment: string | null): void {
  pushesOf(window).set(keyOf(account, templateId), environment);
}

/**
 * The confirmation's line when `window` last pushed the template with another environment than
 * `environment` (null: none); undefined when it last pushed it with the same one, or never did.
 */
export function otherEnvironmentNote(window: object, account: string, template: { id: string; name: string }, environment: string | null): string | undefined {
  const key = keyOf(account, template.id);
  const pushes = pushesOf(window);
  if (!pushes.has(key)) return undefined;
  const last = pushes.get(key)!;
  if (last === environment) return undefined;
  const was = last === null ? 'with no environment' : `with environment ${last}`;
  const now = environment === null ? 'this push (no environment)' : `pushing ${environment}`;
  return `Template ${template.name} (${template.id}) was last pushed from this window ${was}: ${now} replaces its settings for every Pod launched from it.`;
}
