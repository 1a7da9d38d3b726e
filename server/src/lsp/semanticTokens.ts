/**
 * Semantic tokens for secret references: the legend the server declares and the encoding of the
 * core's reference tokens. Known secrets are `variable` + `readonly`; unknown names and malformed
 * references get RunPod's own token types (declared with super types and TextMate fallback scopes
 * in package.json, so every theme colours them). While the secret list is not loaded, references
 * are plain `variable`s: nothing is marked unknown from missing knowledge.
 */
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ReferenceToken, ReferenceTokenKind } from '../template/semanticTokens';
import { documentLength } from './positions';

/** Token types, by index in the legend. */
const TOKEN_TYPES = ['variable', 'runpodUnknownSecret', 'runpodMalformedReference'] as const;
/** Token modifiers, by bit in the legend. */
const TOKEN_MODIFIERS = ['readonly'] as const;

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

const ENCODING: Record<ReferenceTokenKind, { type: number; modifiers: number }> = {
  known: { type: 0, modifiers: 1 },
  unchecked: { type: 0, modifiers: 0 },
  unknown: { type: 1, modifiers: 0 },
  malformed: { type: 2, modifiers: 0 },
};

/**
 * Encodes tokens (in document order) relative to each other, as LSP wants. A token that crosses
 * a line break (a reference in a multi-line TOML string) is split per line, since clients need
 * not support multi-line tokens.
 */
export function toSemanticTokens(doc: TextDocument, tokens: readonly ReferenceToken[]): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  const length = documentLength(doc);
  let lastEnd = 0;
  for (const token of tokens) {
    const { type, modifiers } = ENCODING[token.kind];
    const start = Math.max(0, Math.min(token.span.start, length), lastEnd);
    const end = Math.max(start, Math.min(token.span.end, length));
    let from = doc.positionAt(start);
    const to = doc.positionAt(end);
    while (from.line < to.line) {
      const lineEnd = doc.offsetAt({ line: from.line, character: Number.MAX_SAFE_INTEGER });
      const lineEndPos = doc.positionAt(lineEnd);
      if (lineEndPos.character > from.character) builder.push(from.line, from.character, lineEndPos.character - from.character, type, modifiers);
      from = { line: from.line + 1, character: 0 };
    }
    if (to.character > from.character) builder.push(from.line, from.character, to.character - from.character, type, modifiers);
    lastEnd = end;
  }
  return builder.build();
}
