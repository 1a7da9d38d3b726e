/**
 * Core completion candidates to an LSP completion list. Every item carries a `textEdit` over the
 * core's replace span, so the editor replaces exactly the partial name (not its own guess of the
 * word, which would stop at `-`, `.` or `/` inside secret names).
 */
import { CompletionItemKind, CompletionTriggerKind, InsertTextFormat, MarkupKind, type CompletionContext, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionAnswer, CompletionTrigger } from '../template/complete';
import { spanToRange } from './positions';

/**
 * Characters after which editors should ask for completion: inside a reference being written
 * (`{{ RUNPOD_SECRET_`). Not `=`: a list it opened at an empty value took `KEY=` + Enter as a
 * reference (the core offers a value references only once it starts with `{`, or on Ctrl+Space).
 */
export const COMPLETION_TRIGGER_CHARACTERS = ['{', ' ', '_'];

/**
 * How the editor came to ask, for the core's plain-value rule. Invoked is Ctrl+Space, but VS Code
 * sends it for its quick suggestions too; a trigger character is the editor's own doing while the
 * user types; asking again for an incomplete list narrows a list the user has open. No context (a
 * client without contextSupport, such as Neovim's omnifunc) is treated as Invoked: references at a
 * value only while it is empty (or inside `{{`), since Invoked may be a quick suggestion.
 */
export function completionTrigger(context: CompletionContext | null | undefined): CompletionTrigger {
  // `null` from a careless client is no context either.
  if (typeof context !== 'object' || context === null || context.triggerKind === CompletionTriggerKind.Invoked) return 'invoked';
  return context.triggerKind === CompletionTriggerKind.TriggerForIncompleteCompletions ? 'narrowing' : 'typing';
}

/**
 * Languages whose own service completes values too: VS Code's JSON language offers a value copied
 * from a sibling entry (often a reference to a secret that does not exist) and, without a
 * sortText, sorts it before ours by label, so Enter took it. There our first item is preselected.
 */
const COMPETING_LANGUAGES: ReadonlySet<string> = new Set(['json', 'jsonc']);

/**
 * Converts a core completion answer; `undefined` means "nothing here". A capped answer (a huge
 * secret list) is `isIncomplete`: the editor asks again as the user types instead of filtering it.
 * In a JSON document the item the editor shows first of ours (lowest sortText, compared lower-cased
 * as VS Code does) is `preselect`ed; elsewhere the editor's own choice (recently used) stays.
 */
export function toCompletionList(doc: TextDocument, result: CompletionAnswer | undefined): CompletionList {
  if (!result) return { isIncomplete: false, items: [] };
  const range = spanToRange(doc, result.replace);
  const items = result.items.map((candidate, index): CompletionItem => {
    const item: CompletionItem = {
      label: candidate.label,
      kind: candidate.kind === 'secret' ? CompletionItemKind.Constant : CompletionItemKind.Reference,
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range, newText: candidate.insertText },
      // Keep the core's order when it gives none (it sorts by relevance).
      sortText: candidate.sortText ?? String(index).padStart(6, '0'),
    };
    if (candidate.detail !== undefined) item.detail = candidate.detail;
    if (candidate.documentation !== undefined) item.documentation = { kind: MarkupKind.Markdown, value: candidate.documentation };
    if (candidate.filterText !== undefined) item.filterText = candidate.filterText;
    return item;
  });
  if (COMPETING_LANGUAGES.has(doc.languageId) && items.length > 0) {
    const key = (i: CompletionItem) => i.sortText!.toLowerCase();
    items.reduce((first, i) => (key(i) < key(first) ? i : first)).preselect = true;
  }
  return { isIncomplete: result.incomplete, items };
}
