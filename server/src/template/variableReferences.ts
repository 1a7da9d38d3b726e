/** The references found in variables' values: what every reading hands to the rules and the index. */
import { consecutiveStart, mayHaveReferences } from './readers/env';
import { scanReferences } from './references';
import type { EnvVariable, FoundReference } from './types';

/** The references of every variable in one list, in document order (`Array.prototype.flat` is several times slower). */
export function flatReferences(references: readonly (readonly FoundReference[])[]): FoundReference[] {
  const flat: FoundReference[] = [];
  for (let i = 0; i < references.length; i++) {
    const refs = references[i]!;
    for (let k = 0; k < refs.length; k++) flat.push(refs[k]!);
  }
  return flat;
}

/** References of each variable, parallel to `variables`. */
export function referencesOf(variables: readonly EnvVariable[]): FoundReference[][] {
  const out: FoundReference[][] = new Array(variables.length);
  for (let i = 0; i < variables.length; i++) {
    const v = variables[i]!;
    // Most values hold no `{{` at all: skip the call and share one empty array. Raw values map by
    // addition, so their offset arrays are never built.
    if (!mayHaveReferences(v)) {
      out[i] = EMPTY;
      continue;
    }
    const base = consecutiveStart(v);
    out[i] = base === undefined ? scanReferences(v.value, v.valueOffsets, 0, v.key) : scanReferences(v.value, undefined, base, v.key);
  }
  return out;
}
const EMPTY: FoundReference[] = [];
