/**
 * A file's facts (template/workspace/facts.ts, offsets) as the workspace index keeps them: flat
 * LSP positions, computed once while the text is at hand, through `TextDocument` like every other
 * position (positions.ts). Names and keys are copied out of the text: a slice of a string keeps
 * the whole string alive in V8, and the index must not hold 5,000 files' text through their names.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IndexedKey, IndexedReference } from '../index/store';
import type { FileFacts } from '../template/workspace/facts';
import type { Span } from '../template/types';

/** Interned copies: the same names and keys recur across a workspace, so each is held once. */
const interned = new Map<string, string>();
/** Past this many distinct strings the table starts over (it only saves memory; nothing depends on it). */
const MAX_INTERNED = 100_000;

function own(text: string): string {
  let copy = interned.get(text);
  if (copy === undefined) {
    // A round trip through JSON builds a new flat string, so the copy no longer points into the text.
    copy = text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
    if (interned.size >= MAX_INTERNED) interned.clear();
    interned.set(copy, copy);
  }
  return copy;
}

function flat(doc: TextDocument, span: Span): { line: number; character: number; endLine: number; endCharacter: number } {
  const start = doc.positionAt(span.start);
  const end = doc.positionAt(span.end);
  return { line: start.line, character: start.character, endLine: end.line, endCharacter: end.character };
}

/** The index's form of a file's facts. */
export function indexedFacts(doc: TextDocument, facts: FileFacts): { references: IndexedReference[]; keys: IndexedKey[]; hasReferences: boolean } {
  const references = facts.usages.map((u): IndexedReference => ({ name: own(u.name), key: own(u.key), substituted: u.substituted, wellFormed: u.wellFormed, ...flat(doc, u.nameSpan) }));
  const keys = facts.keys.map((k): IndexedKey => ({ key: own(k.key), ...flat(doc, k.keySpan) }));
  return { references, keys, hasReferences: facts.hasReferences };
}
