/** Core hover to LSP hover: markdown and the range of the reference. Metadata only, never a value. */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { HoverResult } from '../template/types';
import { spanToRange } from './positions';

/** Converts a core hover; `null` (the LSP "no hover") when the core has nothing at the position. */
export function toHover(doc: TextDocument, result: HoverResult | undefined): Hover | null {
  if (!result) return null;
  return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: spanToRange(doc, result.span) };
}
