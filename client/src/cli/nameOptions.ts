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
