/**
 * The wizards' read of the template a file names by `templateId` (baseTemplate.ts). It runs once
 * the file is picked or given, when no pick is on screen: a read that outlasts a moment shows a
 * notification saying what is read, whose Cancel calls it off (commands/progress.ts withReadProgress),
 * so a slow RunPod never leaves the wizard frozen with nothing shown.
 */
import { withReadProgress } from '../../commands/progress';
import type { RunpodApi, Template } from '../../runpod/types';
import { readBaseTemplate } from '../baseTemplate';
import { baseTemplateRefusal, type FileRefusal } from '../fileRefusal';

/**
 * @param file the file naming the template (its label says what is read; its text locates the id in a refusal)
 * @returns the template, the refusal when it could not be read, or undefined when the user cancelled
 */
export async function readFileBaseTemplate(
  api: Pick<RunpodApi, 'getTemplate'>,
  file: { label: string; sourceId: string; text: string },
  flow: 'launch' | 'deploy',
  templateId: string,
): Promise<Template | FileRefusal | undefined> {
  try {
    return await withReadProgress(`the template ${file.label} names`, (cancel) => readBaseTemplate(api, templateId, flow === 'launch' ? 'pod' : 'endpoint', { cancel }));
  } catch (error) {
    return baseTemplateRefusal(file, flow, error);
  }
}
