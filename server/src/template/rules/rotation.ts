/**
 * secret-rotation-due: a reference to a secret whose value is older than the rotation policy
 * (`runpod.secrets.rotationDays`, `runpod-check check --rotation-days N`). A hint: nothing is wrong
 * with the file, but the value it brings into the Pod is due to be replaced.
 *
 * Unlike the rules of the table in index.ts it judges the catalog's dates against a clock and a
 * setting, not the text: it runs over an analysis's references afterwards (`withRotationDue`), so
 * an analysis stays a function of text, kind and catalog, and caching it per document version
 * stays right whatever day it is.
 */
import { LimitedProblems, limitProblems } from '../problemLimit';
import { ROTATE_SECRET_PALETTE } from '../nextSteps';
import { describeValueAge, isRotationDue } from '../valueAge';
import type { Analysis, Problem, SecretCatalog, SecretInfo, SecretReference } from '../types';
import { DEFAULT_SEVERITY } from '../types';

/** The policy the rule applies: due after `days` days (0 = off), judged at `now` (ms since the epoch). */
export interface RotationPolicy {
  days: number;
  now: number;
}

/**
 * The rotation problems of `references` (well-formed references to secrets of the catalog only):
 * listed up to the cap per code, with a note saying how many more (problemLimit.ts).
 */
export function rotationProblems(references: readonly SecretReference[], catalog: SecretCatalog, policy: RotationPolicy): Problem[] {
  if (references.length === 0 || !anyDue(catalog, policy)) return [];
  // One verdict per name: a file repeating a reference asks the clock once.
  const verdicts = new Map<string, string | null>();
  const byName = new Map<string, SecretInfo>();
  for (const secret of catalog.secrets) byName.set(secret.name, secret);
  const problems = new LimitedProblems();
  for (const ref of references) {
    // No countIfFull before the verdict: only a due reference is one more; push counts it past the cap.
    if (!ref.wellFormed) continue;
    let message = verdicts.get(ref.name);
    if (message === undefined) {
      const secret = byName.get(ref.name);
      message = secret && isRotationDue(secret, policy.now, policy.days) ? dueMessage(secret, policy) : null;
      verdicts.set(ref.name, message);
    }
    if (message !== null) problems.push({ code: 'secret-rotation-due', span: ref.nameSpan, message, severity: DEFAULT_SEVERITY['secret-rotation-due'], data: { name: ref.name } });
  }
  return limitProblems(problems.listed, problems.omitted);
}

/** Whether any secret of the catalog is due under `policy` (else no reference can be). */
function anyDue(catalog: SecretCatalog, policy: RotationPolicy): boolean {
  return policy.days > 0 && catalog.state !== 'unknown' && catalog.secrets.some((secret) => isRotationDue(secret, policy.now, policy.days));
}

function dueMessage(secret: SecretInfo, policy: RotationPolicy): string {
  const age = describeValueAge(secret, policy.now) ?? 'value set long ago';
  return (
    `Secret \`${secret.name}\`: ${age}, more than the ${policy.days} days of the rotation policy. ` +
    `Rotate it (${ROTATE_SECRET_PALETTE}); running Pods keep the old value until they restart.`
  );
}

/**
 * The analysis's problems with the rotation problems of its references merged in, in document
 * order; the same array when there are none (so callers caching on it lose nothing).
 */
export function withRotationDue(analysis: Pick<Analysis, 'problems' | 'references'>, catalog: SecretCatalog, policy: RotationPolicy): readonly Problem[] {
  // Asked first: an analysis may read its references only when asked (incremental.ts).
  if (!anyDue(catalog, policy)) return analysis.problems;
  const due = rotationProblems(analysis.references, catalog, policy);
  if (due.length === 0) return analysis.problems;
  return [...analysis.problems, ...due].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}
