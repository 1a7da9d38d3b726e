/**
 * Helpers for what the tree and the secret document show: Markdown escaping is the core's one
 * `escapeMarkdown` (re-exported), dates as plain text. Pure, no `vscode` import.
 */
import { formatDate as formatTimestamp } from '../../../server/src/template/markdown';

export { escapeMarkdown } from '../../../server/src/template/markdown';
/** `2026-09-01 12:00 UTC`; unparsable input reads `unknown date`, never as given; nothing for a missing date (the server's formatDate). */
export { formatTimestamp };

/** Formats the date part only (`2026-09-01`), for the compact tree description. */
export function formatDate(iso: string | null | undefined): string | undefined {
  const stamp = formatTimestamp(iso);
  return stamp && /^\d{4}-\d{2}-\d{2} /.test(stamp) ? stamp.slice(0, 10) : stamp;
}
