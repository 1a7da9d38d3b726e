/**
 * Decisions of Delete Secret, kept pure: what the typed confirmation means and what the warning says.
 * The command (delete.ts) only shows these and calls the store.
 */
import { count } from '../../../server/src/template/counts';
import { deleteConsequence, describeUse, describeUseKeys, kindPlural } from '../secrets/accountUsages';
import { countUsages, describeHit, type SecretUsages } from '../secrets/references';
import { indexGapSentence } from '../secrets/indexGap';
import { unlistedFoldersNote } from '../environments/unlistedFolders';
import { nameLabel, pathLabel } from '../ui/plainName';

/** The outcome of the typed confirmation. */
export type DeleteConfirmation = { kind: 'confirmed' } | { kind: 'cancelled' } | { kind: 'mismatch'; message: string };

/**
 * Compares what the user typed with the secret's name, the way the RunPod console's delete dialog
 * does: the exact, case-sensitive name. Surrounding whitespace is ignored (names cannot contain
 * any, so a pasted trailing space is not a different name); `undefined` (Escape) cancels.
 */
export function checkDeleteConfirmation(typed: string | undefined, name: string, what = 'secret'): DeleteConfirmation {
  if (typed === undefined) return { kind: 'cancelled' };
  const message = confirmationMessage(typed, name, what);
  return message === undefined ? { kind: 'confirmed' } : { kind: 'mismatch', message };
}

/**
 * Live validation for the confirmation input box: undefined when `typed` confirms, else why not.
 * An empty box gets a neutral prompt, not an error. `what` is what is deleted (a secret, an endpoint).
 */
export function confirmationMessage(typed: string, name: string, what = 'secret'): string | undefined {
  const text = typed.trim();
  if (text === name) return undefined;
  if (text === '') return `Type ${name} to confirm.`;
  if (text.toLowerCase() === name.toLowerCase()) return `Names are case-sensitive: type ${name} exactly.`;
  return `That is not the ${what}'s name. Type ${name} to delete it, or press Escape to keep it.`;
}

/** RunPod's warning, shown before a delete unless a complete look found nothing referencing the secret. */
export const DELETE_WARNING =
  'Templates, Pods and endpoints that still reference this secret will fail the next time they start: RunPod substitutes nothing and the deployment sees the placeholder text.';

/**
 * Every place a secret is used, one line each: file lines, then account resources with what a
 * delete does to them. A repository names the files and the API the resources: a line break in a
 * name would add a line of its own to this destructive dialog, so each goes through the label rule.
 */
function usagePlaces(usages: SecretUsages): string[] {
  const places: string[] = [];
  for (const file of usages.files) {
    for (const hit of file.hits) {
      const about = describeHit(hit);
      places.push(`${pathLabel(file.path)}:${hit.line + 1}${about ? ` (${nameLabel(about)})` : ''}`);
    }
  }
  for (const use of usages.account) places.push(`${describeUse(use)} (${describeUseKeys(use)}): ${deleteConsequence(use)}`);
  return places;
}

/** What could not be checked, one line each ("Pods were not checked: Offline..."). */
export function uncheckedNotes(usages: SecretUsages): string[] {
  const notes: string[] = [];
  if (usages.filesGap) notes.push(indexGapSentence(usages.filesGap, usages.deepFolder));
  // In the words of every listing that could not list a folder (unlistedFolders.ts).
  const unlisted = unlistedFoldersNote(usages.unlisted ?? []);
  if (unlisted) notes.push(unlisted);
  for (const { kind, reason } of usages.accountUnchecked) notes.push(`Account ${kindPlural(kind)} were not checked: ${reason}`);
  return notes;
}

/**
 * The modal's detail text: where the secret is still referenced (naming the templates and Pods that
 * will fail at their next boot), what could not be checked, then RunPod's warning (left out when a
 * complete look found nothing). Lists at most
 * `limit` places so the dialog stays readable.
 */
export function deleteWarningDetail(name: string, usages: SecretUsages, limit = 12): string {
  const places = usagePlaces(usages);
  const shown = nameLabel(name); // the API's name of the secret
  const total = countUsages(usages);
  const lines: string[] = [];
  if (total === 0) {
    lines.push(`No references to ${shown} were found in workspace files${usages.accountUnchecked.length > 0 ? '' : ' or on the account'}.`);
  } else {
    lines.push(`${shown} is still referenced in ${count(total, 'place')}:`);
    for (const place of places.slice(0, limit)) lines.push(`  • ${place}`);
    if (places.length > limit) lines.push(`  … and ${places.length - limit} more`);
  }
  const unchecked = uncheckedNotes(usages);
  lines.push(...unchecked);
  // After a complete look that found nothing, a warning about what "still references" it would
  // contradict the line above; when part could not be looked at, that part may, so it stays.
  if (total > 0 || unchecked.length > 0) lines.push('', DELETE_WARNING);
  return lines.join('\n');
}
