/**
 * Which environment this editor last pushed each account template from (Push Template). Every
 * environment of a template file pushes to the one template its `name` gives (README, Push
 * Template), so pushing prod updates the template dev pushed: the update confirmation says so when
 * the editor knows it. Kept in the extension's global storage (`globalState`, shared by the
 * windows of this VS Code and kept across reloads), bounded to the templates pushed last; a push
 * from the CLI or the console is not known. Only names are kept: an account, a template id and an
 * environment, never a value.
 */
import { accountNameKey } from '../../../server/src/template/accountNames';
import { isEnvironmentName } from '../../../server/src/template/environments/words';
import type { MementoLike } from '../secrets/historyStore';

export const PUSH_HISTORY_KEY = 'runpod.templates.pushedFrom';
/** Templates remembered: the ones pushed last (a user pushes a few templates, not hundreds). */
export const MAX_REMEMBERED_PUSHES = 100;

/** One template's last push: `<account key> <template id>`, and the environment's name (null: none). */
interface Push {
  template: string;
  environment: string | null;
}

const keyOf = (account: string, templateId: string): string => `${accountNameKey(account)} ${templateId}`;

/**
 * The pushes stored, oldest first. Storage is read as untrusted: an entry of another shape, or an
 * environment that is not an environment name (it would be shown in a dialog), is left out.
 */
function pushesIn(memento: MementoLike): Push[] {
  const stored = memento.get<unknown>(PUSH_HISTORY_KEY);
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (p): p is Push =>
      typeof p === 'object' && p !== null && typeof (p as Push).template === 'string' && ((p as Push).environment === null || (typeof (p as Push).environment === 'string' && isEnvironmentName((p as Push).environment!))),
  );
}

/**
 * Records that template `templateId` of `account` was pushed with `environment` (null: none). Never
 * rejects: a push that succeeded is not failed by storage; `warn` is told instead.
 */
export async function notePush(memento: MementoLike, account: string, templateId: string, environment: string | null, warn?: (message: string) => void): Promise<void> {
  const template = keyOf(account, templateId);
  const pushes = pushesIn(memento).filter((p) => p.template !== template);
  pushes.push({ template, environment });
  try {
    await memento.update(PUSH_HISTORY_KEY, pushes.slice(-MAX_REMEMBERED_PUSHES));
  } catch (error) {
    warn?.(`Could not remember which environment pushed the template: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The confirmation's line when the template was last pushed from this editor with another
 * environment than `environment` (null: none); undefined when with the same one, or never.
 */
export function otherEnvironmentNote(memento: MementoLike, account: string, template: { id: string; name: string }, environment: string | null): string | undefined {
  const key = keyOf(account, template.id);
  const last = pushesIn(memento).find((p) => p.template === key);
  if (!last || last.environment === environment) return undefined;
  const was = last.environment === null ? 'with no environment' : `with environment ${last.environment}`;
  const now = environment === null ? 'this push (no environment)' : `pushing ${environment}`;
  return `Template ${template.name} (${template.id}) was last pushed from this editor ${was}: ${now} replaces its settings for every Pod launched from it.`;
}
