/**
 * Options that name or describe something new (`--name` of a Pod or endpoint, a secret's
 * `--description`), judged by the editor's rule for the same typed text and sent as the editor
 * sends it: trimmed. `--name "   "` once created a Pod named "   ".
 */
import { validateDescription } from '../commands/secretInputRules';
import { resourceNameProblem } from '../ui/resourceName';
import { str, type Parsed } from './args';
import { UsageError } from './errors';

/**
 * `--name`, trimmed, when given.
 * @param missing the editor's message for a blank name ("A Pod needs a name.")
 * @throws UsageError for a blank name or one over RunPod's limit
 */
export function resourceNameOption(parsed: Parsed, missing: string, command: string): string | undefined {
  const typed = str(parsed, 'name');
  if (typed === undefined) return undefined;
  const problem = resourceNameProblem(typed, missing);
  if (problem) throw new UsageError(`--name: ${problem}`, command);
  return typed.trim();
}

/**
 * `--description`, trimmed, when given (empty clears it, as in the editor).
 * @throws UsageError for a description over RunPod's limit
 */
export function descriptionOption(parsed: Parsed, command: string): string | undefined {
  const typed = str(parsed, 'description');
  if (typed === undefined) return undefined;
  const problem = validateDescription(typed);
  if (problem) throw new UsageError(`--description: ${problem}`, command);
  return typed.trim();
}

/**
 * A Pod's or endpoint's name taken from a template file or the account's template (no `--name`),
 * judged by the same rule and sent trimmed: a file's `"name": "   x  "` once went out as is, and a
 * 300-character one met RunPod's 422 after the preflight had passed.
 * @param from where the name came from, as the message says it (the file's path, `template ID`)
 * @param missing the whole message for a blank or absent name (it says how to give one)
 * @throws UsageError naming `from` and `--name`
 */
export function resourceNameFrom(value: string | undefined, from: string, missing: string, command: string): string {
  const problem = resourceNameProblem(value ?? '', missing);
  if (problem === missing) throw new UsageError(missing, command);
  if (problem) throw new UsageError(`the name from ${from}: ${problem} Pass --name NAME to choose another.`, command);
  return value!.trim();
}
