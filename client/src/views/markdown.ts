/**
 * Helpers for what the tree and the secret document show: Markdown escaping is the core's one
 * `escapeMarkdown` (re-exported). Dates come from the one date rule (server/src/template/dates.ts).
 * Pure, no `vscode` import.
 */
import { escapeMarkdown } from '../../../server/src/template/markdown';
import { clip, SHOWN_TEXT_MAX } from '../../../server/src/template/displayText';
import { nameLabel } from '../ui/plainName';

export { escapeMarkdown };

/** A server's text for a line of a tooltip: cut to SHOWN_TEXT_MAX, then escaped. */
export function tooltipText(text: string): string {
  return escapeMarkdown(clip(text, SHOWN_TEXT_MAX));
}

/**
 * A server's name (of a secret, Pod, endpoint or worker) in a tooltip: the label rule, so it reads
 * as the tree label does (invisible characters as escapes, the label's bound), then escaped.
 */
export function tooltipName(name: string): string {
  return escapeMarkdown(nameLabel(name));
}
