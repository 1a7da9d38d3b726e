/**
 * The template a Pod body names by `templateId` (an account template, or someone else's public
 * one), read before the checks: RunPod merges its env under the body's, per key with the body
 * winning (shared runpod-api.md, "Pods"), so the preflight has to see that env. Without this, a
 * file naming a public template launched whatever secret references that template holds unchecked.
 * An endpoint is made the same way from a serverless template ("Serverless endpoints").
 */
import { isRunpodApiError, RunpodApiError } from '../runpod/errors';
import type { CallOptions, RunpodApi, Template } from '../runpod/types';
import { nameLabel, plainName } from '../ui/plainName';

/** Does not quote the id: it may come from a file, and the file is named beside this message. */
const BASE_TEMPLATE_NOT_FOUND =
  'The template to launch from was not found (404): no template has that id, or it is private to another account. Check the id ("templateId" in a template file; remove it there to launch from the file alone).';
/** The same for a deploy. */
const SERVERLESS_TEMPLATE_NOT_FOUND =
  'The template to deploy from was not found (404): no template has that id, or it is private to another account. Check the id ("templateId" in a template file).';

/**
 * GETs the template by id (own and public templates both answer). Nothing is launched or deployed
 * when this fails: the env RunPod would apply is unknown.
 * @param use a Pod needs a Pod template, an endpoint a serverless one (RunPod answers 422 otherwise)
 * @param options the flow's Cancel, through the client's waits (CallCancelled when pressed)
 * @throws RunpodApiError: `not-found` with the message above, `validation` for the wrong kind of
 *   template, or the client's error as it came
 */
export async function readBaseTemplate(api: Pick<RunpodApi, 'getTemplate'>, templateId: string, use: 'pod' | 'endpoint' = 'pod', options: CallOptions = {}): Promise<Template> {
  let template: Template;
  try {
    template = await api.getTemplate(templateId, options);
  } catch (error) {
    if (isRunpodApiError(error) && error.kind === 'not-found') throw new RunpodApiError('not-found', use === 'pod' ? BASE_TEMPLATE_NOT_FOUND : SERVERLESS_TEMPLATE_NOT_FOUND, { status: 404 });
    throw error;
  }
  if (use === 'pod' && template.serverless) throw new RunpodApiError('validation', 'The template to launch from is a serverless template; it cannot launch a Pod.');
  // The name is the template owner's (a public template a planted file names by id): this message
  // reaches a notification, where `[text](command:…)` would be a link, and a terminal.
  if (use === 'endpoint' && !template.serverless) throw new RunpodApiError('validation', `Template ${plainName(nameLabel(template.name))} is a Pod template; an endpoint needs a serverless template.`);
  return template;
}
