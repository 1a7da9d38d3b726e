/**
 * Helpers for what the tree and the secret document show: Markdown escaping is the core's one
 * `escapeMarkdown` (re-exported), dates as plain text. Pure, no `vscode` import.
 */
import { formatDate as formatTimestamp, formatDay } from '../../../server/src/template/dates';

export { escapeMarkdown } from '../../../server/src/template/markdown';
/** `2026-09-01 12:00 UTC`; unparsable input reads `unknown date`, never as given; nothing for a missing date (the server's formatDate). */
export { formatTimestamp };

/** The UTC day only (`2026-09-01`), for the compact tree description (the date rule's formatDay). */
export { formatDay as formatDate };
