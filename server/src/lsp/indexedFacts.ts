/**
 * A file's facts (template/workspace/facts.ts) as the workspace index keeps them: flat LSP
 * positions, built straight from the analysis while the text is at hand, in one forward pass over it
 * (positions.ts `LineCursor`, which answers as `TextDocument` does). Names and keys are
 * copied out of the text: a slice of a string keeps the whole string alive in V8, and the index
 * must not hold 5,000 files' text through their names.
 */
import type { IndexEntry } from '../index/store';
import type { Analysis } from '../template/types';
import { factsOf } from '../template/workspace/facts';
import { KeyPositions } from '../index/keyColumns';
import { LineCursor } from './positions';

/** Interned copies: the same names and keys recur across a workspace, so each is held once. */
const interned = new Map<string, string>();
/** Past this many distinct strings the table starts over (it only saves memory; nothing depends on it). */
const MAX_INTERNED = 100_000;

/** V8 copies a slice shorter than this instead of pointing into its string. */
const SLICED_FROM = 13;

function own(text: string): string {
  if (text.length < SLICED_FROM) return text;
  let copy = interned.get(text);
  if (copy === undefined) {
    // A round trip through JSON builds a new flat string, so the copy no longer points into the text.
    copy = JSON.parse(JSON.stringify(text)) as string;
    if (interned.size >= MAX_INTERNED) interned.clear();
    interned.set(copy, copy);
  }
  return copy;
}

/**
 * The index's form of the facts (template/workspace/facts.ts) of an analysis of `text`, and whether
 * the file is known only in part (`readInPart`): the analysis stopped before its end (`cut`), or
 * its uses of secrets went past what the index keeps of a file (facts.ts `capped`).
 */
export function indexedFacts(
  text: string,
  analysis: Pick<Analysis, 'variables' | 'references' | 'eachVariable' | 'inputKeys'>,
  cut: boolean,
): Pick<IndexEntry, 'references' | 'keys' | 'hasReferences' | 'readInPart'> {
  // Uses and keys are each in document order: one forward pass apiece. Uses are objects built
  // whole, in one shape (no spread, no intermediate position); keys go in columns (index/keyColumns.ts).
  const at = new LineCursor(text);
  const keyAt = new LineCursor(text);
  const positions = new KeyPositions();
  const facts = factsOf<IndexEntry['references'][number], string>(analysis, {
    usage(ref, substituted, key) {
      const span = ref.nameSpan;
      at.seek(span.start);
      const line = at.line;
      const character = at.character;
      at.seek(span.end);
      return { name: own(ref.name), key: own(key), substituted, wellFormed: ref.wellFormed, embedded: ref.embedded, line, character, endLine: at.line, endCharacter: at.character };
    },
    key(variable) {
      const span = variable.keySpan;
      keyAt.seek(span.start);
      const line = keyAt.line;
      const character = keyAt.character;
      keyAt.seek(span.end);
      positions.push(line, character, keyAt.line, keyAt.character);
      return own(variable.key);
    },
  });
  return { references: facts.usages, keys: positions.columns(facts.keys), hasReferences: facts.hasReferences, readInPart: cut || facts.capped };
}
