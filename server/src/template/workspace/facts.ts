/**
 * What the workspace index keeps of one file: the secrets it references and the keys it defines,
 * with their spans, and nothing of the text (values may be credentials, and 5,000 files must fit
 * in a few megabytes). Pure: an analysis in, plain data out, offsets as everywhere in the core.
 *
 * "Where used" counts a reference when it names a secret the way a user would search for it: the
 * prefix `RUNPOD_SECRET_` written exactly and a name RunPod accepts. A reference RunPod will not
 * substitute (other spacing, unclosed, stray text) still counts, labelled by its verdict: it names
 * the secret, and deleting that secret would leave the editor's fix to the documented form pointing
 * at nothing. A misspelt prefix (`RUNPD_SECRET_x`) names nothing yet, so it is not a use.
 */
import { validateSecretName } from '../names';
import { substitutionOf, type SubstitutionVerdict } from '../substitution';
import type { Analysis, FoundReference, Span } from '../types';

/** One reference to a secret. */
export interface UsageFact {
  name: string;
  /** The name as written (renaming replaces exactly this). */
  nameSpan: Span;
  /** The variable holding it (empty when none). */
  key: string;
  /** Whether RunPod substitutes it (substitution.ts). */
  substituted: SubstitutionVerdict;
  /** Prefix right and closed: the environment rules count only these. */
  wellFormed: boolean;
}

/** One variable definition. */
export interface KeyFact {
  key: string;
  keySpan: Span;
}

export interface FileFacts {
  usages: UsageFact[];
  keys: KeyFact[];
  /** Whether the file holds any `{{ ... }}` the core took for a reference (its problems then depend on the secret list). */
  hasReferences: boolean;
}

/**
 * At most this many usages and keys are kept per file: a RunPod file holds a few dozen, and a
 * generated one must not make the index grow with it (the outline stops at the same number).
 */
export const MAX_FACTS_PER_FILE = 10_000;

/** Whether a found reference is a use of the secret it names (see the module comment). */
export function isUsage(ref: Pick<FoundReference, 'malformation' | 'name'>): boolean {
  return ref.malformation !== 'prefix' && ref.name !== '' && validateSecretName(ref.name) === undefined;
}

/** The facts of an analysed file, in document order. */
export function factsOf(analysis: Pick<Analysis, 'variables' | 'references'>, limit = MAX_FACTS_PER_FILE): FileFacts {
  const usages: UsageFact[] = [];
  for (const ref of analysis.references) {
    if (usages.length >= limit) break;
    if (!isUsage(ref)) continue;
    usages.push({ name: ref.name, nameSpan: ref.nameSpan, key: ref.variableKey, substituted: substitutionOf(ref).substituted, wellFormed: ref.wellFormed });
  }
  const keys: KeyFact[] = [];
  for (const variable of analysis.variables) {
    if (keys.length >= limit) break;
    if (variable.key !== '') keys.push({ key: variable.key, keySpan: variable.keySpan });
  }
  return { usages, keys, hasReferences: analysis.references.length > 0 };
}

/**
 * The use of a secret at `offset`: anywhere from its `{{` to its `}}`, ends included (the cursor
 * right after a reference is still on it), for Find All References, highlights and rename.
 */
export function usageAt(analysis: Pick<Analysis, 'references'>, offset: number): FoundReference | undefined {
  return analysis.references.find((ref) => ref.span.start <= offset && offset <= ref.span.end && isUsage(ref));
}
