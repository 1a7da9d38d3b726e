/**
 * Helpers for what the tree and the secret document show: Markdown escaping is the core's one
 * `escapeMarkdown` (re-exported). Dates come from the one date rule (server/src/template/dates.ts).
 * Pure, no `vscode` import.
 */
export { escapeMarkdown } from '../../../server/src/template/markdown';
