/**
 * Markdown helpers: user text (descriptions, names, API errors) must never turn into markup or HTML.
 * The one escaper for the language server's hovers and completions and the extension's tooltips and
 * documents (VS Code renders all of them as CommonMark through MarkdownString or the preview).
 */
import { escapeUnsafe } from './displayText';

/**
 * Escapes text so CommonMark renders exactly that text, unsafe characters as their escapes and
 * tabs as spaces: inline markup (`` ` `` `*` `_` `[` `]` `(` `)` `{` `}` `|` `~` `\`, and `$`, which VS
 * Code's Markdown documents render as KaTeX math) gets a
 * backslash; `<`, `>` and `&` become entities, once (a backslash before the entity would show the
 * entity itself, e.g. a literal `&gt;`); block markup (headings,
 * lists, setext underlines, a table's `:-` delimiter row) only where it acts, at the start of a line,
 * whose leading blanks are dropped (four would make a code block). Line breaks stay line breaks.
 * Escaping only what acts keeps the Markdown readable in editors that show it raw (Neovim's hover).
 */
export function escapeMarkdown(text: string): string {
  // Shown, not obeyed: an escape sequence or a bidi control in a description, a file name or a
  // server's text is written as its escape (displayText.ts), as everywhere else; line breaks stay.
  return escapeUnsafe(text.replace(/\r\n?/g, '\n').replace(/\t/g, ' '), true)
    // Leading blanks show nowhere in Markdown, and four of them (or a tab) make a code block.
    .replace(/^[ \t]+/gm, '')
    // `$` too: VS Code's Markdown documents (View Secret) render `$x$` and `$$x$$` as KaTeX math.
    .replace(/[\\`*_{}[\]()|~$]/g, (c) => `\\${c}`)
    .replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'))
    // A backslash escapes punctuation only: `1.` becomes `1\.`, never `\1.`. `:` because `|` then
    // `:-` on the next line makes a one-column table even with the pipe escaped (found by the property test).
    .replace(/^([ \t]*)(?:([#+=:-])|(\d+)\.)/gm, (_m, lead: string, mark?: string, digits?: string) => (mark ? `${lead}\\${mark}` : `${lead}${digits}\\.`))
    .replace(/\r\n?|\n/g, '  \n');
}

/** An inline code span that holds any text, backticks included. */
export function inlineCode(text: string): string {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 96) longest = Math.max(longest, ++run);
    else run = 0;
  }
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Turns one of our plain-text messages, where code is written between single backticks and never
 * contains one, into Markdown: code parts become code spans, the rest is escaped.
 */
export function messageToMarkdown(message: string): string {
  const parts = message.split('`');
  if (parts.length % 2 === 0) return escapeMarkdown(message); // unbalanced: treat all as text
  return parts.map((part, i) => (i % 2 === 1 ? inlineCode(part) : escapeMarkdown(part))).join('');
}
