/** Analysis: read the document with its kind's reader, find references, run the kind's rules. */
import { readerFor } from './readers';
import { consecutiveStart, mayHaveReferences } from './readers/env';
import { scanReferences } from './references';
import { rulesFor } from './rules';
import type { Analysis, DocumentKind, EnvVariable, FoundReference, Problem, SecretCatalog } from './types';

/**
 * Analyzes a whole document in one pass.
 * @returns variables, references (as `FoundReference`s) and problems sorted by position
 */
export function analyze(text: string, kind: DocumentKind, catalog: SecretCatalog): Analysis {
  const read = readerFor(kind)(text);
  const references = referencesOf(read.variables);
  // dotenv is VS Code's language: we add reference checks but never judge its syntax.
  const problems: Problem[] = kind === 'dotenv' ? [] : read.problems.slice();
  const ctx = { text, kind, catalog, variables: read.variables, references, problems };
  for (const rule of rulesFor(kind)) rule(ctx);
  problems.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const flat: FoundReference[] = [];
  for (let i = 0; i < references.length; i++) {
    const refs = references[i]!;
    for (let k = 0; k < refs.length; k++) flat.push(refs[k]!);
  }
  return { kind, variables: read.variables, references: flat, problems };
}

/** Variables and their references, without the rules (hover, completion). */
export function analyzeReferences(text: string, kind: DocumentKind): { variables: EnvVariable[]; references: FoundReference[][] } {
  const { variables } = readerFor(kind)(text);
  return { variables, references: referencesOf(variables) };
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
