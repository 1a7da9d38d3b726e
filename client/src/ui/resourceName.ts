/**
 * The name typed for a new Pod or endpoint (Launch Pod's and Deploy Endpoint's name steps): what is
 * wrong with it, judged as it will be sent (trimmed), or undefined. No `vscode` import.
 */
import { RESOURCE_NAME_MAX_LENGTH } from '../../../server/src/template/names';

/** @param missing the message for an empty name ("A Pod needs a name.") */
export function resourceNameProblem(value: string, missing: string): string | undefined {
  const name = value.trim();
  if (name === '') return missing;
  return name.length > RESOURCE_NAME_MAX_LENGTH ? `At most ${RESOURCE_NAME_MAX_LENGTH} characters.` : undefined;
}
