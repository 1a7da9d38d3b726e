/**
 * Markdown helpers for text that came from the user or the API (secret names, descriptions, error
 * messages). Pure, no `vscode` import.
 */

/**
 * Escapes text so Markdown renders it literally: no links, no emphasis, no HTML. Tooltips and the
 * View Secret document show user-written descriptions; a description must not become a
 * `command:` link or raw HTML.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, (ch) => `\\${ch}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, '  \n');
}

/** Formats an ISO timestamp as `2026-09-01 12:00 UTC`; unparsable input is returned as given. */
export function formatTimestamp(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Formats the date part only (`2026-09-01`), for the compact tree description. */
export function formatDate(iso: string | null | undefined): string | undefined {
  const stamp = formatTimestamp(iso);
  return stamp && /^\d{4}-\d{2}-\d{2} /.test(stamp) ? stamp.slice(0, 10) : stamp;
}
