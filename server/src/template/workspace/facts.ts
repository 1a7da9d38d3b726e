/**
 * What the workspace index keeps of one file: the secrets it references and the keys it defines,
 * with their spans, and nothing of the text (values may be credentials, and 5,000 files must fit
 * in a few megabytes). Pure: an analysis in, plain data out, offsets as everywhere in the core.
 *
 * "Where used" counts a reference when it names a secret the way a user would search for it: the
 * prefix `RUNPOD_SECRET_` written exactly and a name of the characters RunPod allows (an existing secret may
 * predate the name rule: `2fa_seed`; names.ts hasSecretNameCharsOnly). A reference RunPod will not
 * substitute (other spacing, unclosed, stray text) still counts, labelled by its verdict: it names
 * the secret, and deleting that secret would leave the editor's fix to the documented form pointing
 * at nothing. A misspelt prefix (`RUNPD_SECRET_x`) names nothing yet, so it is not a use.
 */
import { hasSecretNameCharsOnly, isEnvKey } from '../names';
import { findReferencesInValue } from '../references';
import { substitutionOf, type SubstitutionVerdict } from '../substitution';
import type { Analysis, FoundReference, InputKey, Span } from '../types';

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
  /** Part of a longer value (`postgres://u:{{ ... }}@host`) rather than the whole value. */
  embedded: boolean;
}

/** One variable definition. */
export interface KeyFact {
  key: string;
  keySpan: Span;
}

/** A file's facts, in the form the builders give them (offsets by default: {@link OFFSET_FACTS}). */
export interface FileFacts<U = UsageFact, K = KeyFact> {
  usages: U[];
  keys: K[];
  /** Whether the file holds any `{{ ... }}` the core took for a reference (its problems then depend on the secret list). */
  hasReferences: boolean;
  /**
   * Whether a use past the limit was left out: the file's uses are then known only in part (said
   * as a file read in part is: IndexEntry.readInPart, `secrets usage`'s note). Keys past it are
   * only workspace symbols, and leave it false.
   */
  capped: boolean;
}

/**
 * What a fact is made of: the index builds its own form (LSP positions, lsp/indexedFacts.ts)
 * directly from the analysis, without an object per fact in between.
 */
export interface FactBuilders<U, K> {
  /** `key`: the variable's key when it is a valid env key, else '' (see {@link factKey}). */
  usage(ref: FoundReference, substituted: SubstitutionVerdict, key: string): U;
  /** A variable, or a key defined with no value (Analysis.inputKeys). */
  key(variable: InputKey): K;
}

/** The facts in offsets, as the core states everything. */
const OFFSET_FACTS: FactBuilders<UsageFact, KeyFact> = {
  usage: (ref, substituted, key) => ({ name: ref.name, nameSpan: ref.nameSpan, key, substituted, wellFormed: ref.wellFormed, embedded: ref.embedded }),
  key: (variable) => ({ key: variable.key, keySpan: variable.keySpan }),
};

/**
 * At most this many usages and keys are kept per file: a RunPod file holds a few dozen, and a
 * generated one must not make the index grow with it (the outline stops at the same number).
 */
export const MAX_FACTS_PER_FILE = 10_000;

/** Whether a found reference is a use of the secret it names (see the module comment). */
export function isUsage(ref: Pick<FoundReference, 'malformation' | 'name'>): boolean {
  return ref.malformation !== 'prefix' && hasSecretNameCharsOnly(ref.name);
}

/**
 * The uses of secrets in one value that no file holds (an account template's, Pod's or endpoint's
 * env value), by the rule files are read by ({@link isUsage}): the account's counts, Delete,
 * Rename and Rotate Secret agree with where-used in files. Bare `RUNPOD_SECRET_x` text outside
 * braces is no reference RunPod substitutes, so it is no use, here as in a file.
 */
export function usagesInValue(value: string): FoundReference[] {
  return findReferencesInValue(value).filter(isUsage);
}

/**
 * The facts of an analysed file, in document order: its uses of secrets ({@link isUsage}) and the
 * keys it defines: its variables' and its input keys (a Hub input the deployer fills).
 */
export function factsOf<U = UsageFact, K = KeyFact>(
  analysis: Pick<Analysis, 'variables' | 'references' | 'eachVariable' | 'inputKeys'>,
  builders: FactBuilders<U, K> = OFFSET_FACTS as unknown as FactBuilders<U, K>,
  limit = MAX_FACTS_PER_FILE,
): FileFacts<U, K> {
  const usages: U[] = [];
  const keys: K[] = [];
  let hasReferences = false;
  let capped = false;
  const take = (refs: Iterable<FoundReference>): void => {
    for (const ref of refs) {
      hasReferences = true;
      if (!isUsage(ref)) continue;
      if (usages.length >= limit) {
        // Past the limit a use is not kept, but known to be there: the uses are a part.
        capped = true;
        return;
      }
      usages.push(builders.usage(ref, substitutionOf(ref).substituted, factKey(ref.variableKey)));
    }
  };
  const keep = (variable: InputKey): void => {
    if (keys.length < limit && factKey(variable.key) !== '') keys.push(builders.key(variable));
  };
  if (analysis.eachVariable) {
    // An env document read as the caller goes (eachVariable.ts): one walk of its text gives both.
    // Once the keys are full only statements that may hold a reference are read, and once a use
    // past the limit is seen too, nothing more is.
    for (const { variable, references } of analysis.eachVariable(() => keys.length >= limit)) {
      take(references);
      keep(variable);
      if (capped && keys.length >= limit) break;
    }
  } else {
    take(analysis.references);
    // Input keys (only a Hub file, never read as the caller goes) merged in among the variables by position.
    const inputs = analysis.inputKeys ?? [];
    let next = 0;
    for (const variable of analysis.variables) {
      while (next < inputs.length && inputs[next]!.keySpan.start < variable.keySpan.start) keep(inputs[next++]!);
      if (keys.length >= limit) break;
      keep(variable);
    }
    while (next < inputs.length && keys.length < limit) keep(inputs[next++]!);
  }
  return { usages, keys, hasReferences, capped };
}

/**
 * A key as the index keeps it: a valid env key, else '' — an invalid one may be a value
 * (`postgres://app:PASSWORD@db/x?sslkey={{ ... }}` reads as key `postgres://app:PASSWORD@db/x?sslkey`),
 * and what the index keeps reaches the editor (usages, workspace symbols). The diagnostics name
 * such a key by its shape only (rules/keys.ts).
 */
function factKey(key: string): string {
  return key !== '' && isEnvKey(key) ? key : '';
}

/**
 * The use of a secret at `offset`: anywhere from its `{{` to its `}}`, ends included (the cursor
 * right after a reference is still on it), for Find All References, highlights and rename.
 */
export function usageAt(analysis: Pick<Analysis, 'references'>, offset: number): FoundReference | undefined {
  return analysis.references.find((ref) => ref.span.start <= offset && offset <= ref.span.end && isUsage(ref));
}
