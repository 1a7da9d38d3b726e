/**
 * The text of View Secret's read-only document: metadata and where the secret is used, never the
 * value (the API cannot return it anyway). Pure; `view.ts` serves it under the `runpod-secret` scheme.
 */
import type { Secret } from '../runpod/types';
import { countUsages, describeHit, describeTemplateKeys, secretReference, type SecretUsages } from '../secrets/references';
import { escapeMarkdown, formatTimestamp } from '../views/markdown';

/** Renders the Markdown shown by View Secret. `usages` undefined means the search has not run. */
export function renderSecretDocument(secret: Secret, usages: SecretUsages | undefined): string {
  const lines: string[] = [`# ${escapeMarkdown(secret.name)}`, ''];
  lines.push(`- **Description:** ${secret.description ? escapeMarkdown(secret.description) : '_none_'}`);
  lines.push(`- **Created:** ${escapeMarkdown(formatTimestamp(secret.createdAt) ?? 'unknown')}`);
  lines.push(`- **Value last updated:** ${escapeMarkdown(formatTimestamp(secret.valueLastUpdatedAt) ?? 'unknown')}`);
  lines.push(`- **Reference:** \`${secretReference(secret.name).replace(/`/g, "'")}\``);
  lines.push('- **Value:** write-only. RunPod never returns a secret value; use Edit Secret Value to replace it.');
  lines.push('', '## Where it is used', '');
  if (!usages) {
    lines.push('_Searching…_');
    return lines.join('\n') + '\n';
  }
  if (countUsages(usages) === 0) lines.push('No references found.', '');
  if (usages.files.length > 0) {
    lines.push('### Workspace files', '');
    for (const file of usages.files) {
      for (const hit of file.hits) {
        const about = describeHit(hit);
        lines.push(`- ${escapeMarkdown(file.path)}, line ${hit.line + 1}${about ? ` (${escapeMarkdown(about)})` : ''}`);
      }
    }
    lines.push('');
  }
  if (usages.filesTruncated) lines.push('_The file search stopped early; there may be more files._', '');
  if (usages.templates.length > 0) {
    lines.push('### Account templates', '');
    for (const template of usages.templates) {
      lines.push(`- ${escapeMarkdown(template.templateName)} (${escapeMarkdown(template.templateId)}): ${escapeMarkdown(describeTemplateKeys(template))}`);
    }
    lines.push('');
  }
  if (usages.templatesError) lines.push(`_Account templates were not checked: ${escapeMarkdown(usages.templatesError)}_`, '');
  return lines.join('\n');
}
