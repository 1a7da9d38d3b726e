/**
 * Will RunPod substitute this reference? The one answer, used by the diagnostics, the Launch Pod
 * and Push Template preflight, and "where used". (The fake RunPod API states the rule again on its
 * own, as RunPod's stand-in; a differential test proves the two agree.)
 *
 * What RunPod says (shared runpod-api.md, "Secret references"), and what we decide from it:
 * - `{{ RUNPOD_SECRET_<name> }}` as the whole value, one space inside each pair of braces, is the
 *   documented form: substituted. **yes**
 * - Any other spacing (`{{RUNPOD_SECRET_x}}`, tabs, two spaces) is not documented. Treated as NOT
 *   substituted: the Pod would boot with the literal text, the costly runtime failure the preflight
 *   exists to prevent, and the fix is a one-character edit the editor offers. **no**, blocks.
 * - The canonical form inside a longer value (`postgres://u:{{ RUNPOD_SECRET_pw }}@h`) is not
 *   documented either. Decided: **undocumented**, a hint in the editor that does not block. A
 *   connection string or a flag list is where people put secrets, and there is no way to write
 *   such a value other than embedding; blocking it would leave those users with no launch at all,
 *   while the reference's secret is still checked to exist. The `{{ }}` syntax is a template
 *   engine's, and those replace inside strings (inferred); the fake substitutes there too.
 * - Malformed (wrong or misspelt prefix, unclosed, empty name, stray text): **no**, blocks.
 * Whether the named secret exists, or can exist at all, is a separate question (names.ts, the
 * account's list); this module only judges how the reference is written.
 */
import type { FoundReference } from './types';

/** How a found reference is written, in the terms that decide substitution. */
export type ReferenceKind = 'canonical' | 'noncanonical' | 'embedded' | 'malformed';

/** Does RunPod replace the reference with the secret's value when the Pod boots? */
export type SubstitutionVerdict = 'yes' | 'no' | 'undocumented';

export interface Substitution {
  kind: ReferenceKind;
  substituted: SubstitutionVerdict;
  /** Launch Pod and Push Template refuse an env holding this reference. */
  blocksLaunch: boolean;
}

// One frozen answer per kind: this runs for every reference of every analysis.
const ANSWERS: Readonly<Record<ReferenceKind, Readonly<Substitution>>> = {
  canonical: Object.freeze({ kind: 'canonical', substituted: 'yes', blocksLaunch: false }),
  noncanonical: Object.freeze({ kind: 'noncanonical', substituted: 'no', blocksLaunch: true }),
  embedded: Object.freeze({ kind: 'embedded', substituted: 'undocumented', blocksLaunch: false }),
  malformed: Object.freeze({ kind: 'malformed', substituted: 'no', blocksLaunch: true }),
};

/**
 * Classifies a reference found by `findReferencesInValue`. A reference that is both embedded and
 * wrongly spaced is `noncanonical` (or `malformed`): the reason it is not substituted comes first.
 */
export function substitutionOf(ref: Pick<FoundReference, 'form' | 'embedded'>): Readonly<Substitution> {
  if (ref.form === 'malformed') return ANSWERS.malformed;
  if (ref.form === 'noncanonical') return ANSWERS.noncanonical;
  return ref.embedded ? ANSWERS.embedded : ANSWERS.canonical;
}

/** The answer for a kind already known (a "where used" hit). */
export function substitutionOfKind(kind: ReferenceKind): Readonly<Substitution> {
  return ANSWERS[kind];
}

/**
 * Why a wrongly spaced reference is refused, for the editor's diagnostic, the Launch findings and
 * the command line alike. Says nothing of Pods only: the same files configure serverless workers.
 * Names no command: the editor's Launch Pod, Push Template and Deploy Endpoint and runpod-check's
 * `pods launch` and `endpoints deploy` share the preflight (launch/plan.ts) that refuses it.
 * @param normalized the canonical text to write instead (`FoundReference.normalized`)
 */
export function noncanonicalMessage(normalized: string): string {
  return (
    `RunPod substitutes only the documented form \`${normalized}\`, with one space inside each pair of braces; ` +
    'written any other way the variable gets the placeholder text, so a launch, push or deploy from this file refuses it.'
  );
}

/** Why a reference inside a longer value is a hint and not an error. */
export const EMBEDDED_MESSAGE =
  'RunPod documents references only as the whole value; inside a longer value substitution is not documented. ' +
  'A launch, push or deploy allows it; if the variable gets the placeholder text, give the secret a variable of its own.';

/** How "where used" and other lists label a reference RunPod will not substitute. */
export function substitutionLabel(substitution: Pick<Substitution, 'kind'>): string | undefined {
  switch (substitution.kind) {
    case 'noncanonical':
      return 'not substituted: spacing';
    case 'malformed':
      return 'not substituted: malformed';
    case 'embedded':
      return 'inside a longer value';
    default:
      return undefined;
  }
}
