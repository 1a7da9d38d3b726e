/**
 * Rules about how a reference is written: malformed-reference, invalid-secret-name,
 * noncanonical-reference and embedded-reference. They need no catalog. What RunPod substitutes is
 * decided in substitution.ts: what Launch Pod refuses is an error here, what it allows a hint.
 */
import { clip, nameText } from '../displayText';
import { referenceNameProblem } from '../names';
import { DEFAULT_SEVERITY } from '../types';
import { EMBEDDED_MESSAGE, noncanonicalMessage, substitutionOf } from '../substitution';
import type { RuleContext } from './context';
import { catalogIndex } from './unknownSecret';

/** The most characters of an invalid name its message quotes (60 and the ellipsis; clip never cuts an emoji in two). */
const QUOTED_NAME_MAX = 61;

/** Reports how each reference is written; a malformed reference gets only malformed-reference. */
export function referenceFormRules(ctx: RuleContext): void {
  const known = ctx.catalog.secrets.length > 0 ? catalogIndex(ctx.catalog).names : undefined;
  // Indexed loops: this runs once per analysis, mostly before the engine optimises it, and a
  // `for...of` there made an iterator result per variable (13 MB of a 256k-key template's garbage).
  const references = ctx.references;
  for (let i = 0; i < references.length; i++) {
    const refs = references[i]!;
    for (let k = 0; k < refs.length; k++) {
      const ref = refs[k]!;
      if (ref.form === 'malformed') {
        if (ctx.problems.countIfFull('malformed-reference', ref.span)) continue;
        ctx.problems.push({
          code: 'malformed-reference',
          span: ref.span,
          message: ref.malformationMessage ?? 'Malformed secret reference.',
          severity: DEFAULT_SEVERITY['malformed-reference'],
          ...(ref.normalized
            ? { data: { name: ref.name, fix: { span: ref.span, newText: ref.normalized, title: `Change to \`${ref.normalized}\`` } } }
            : {}),
        });
        continue;
      }
      const reason = referenceNameProblem(ref.name, known);
      if (reason && !ctx.problems.countIfFull('invalid-secret-name', ref.nameSpan)) {
        ctx.problems.push({
          code: 'invalid-secret-name',
          span: ref.nameSpan,
          message: `\`${nameText(clip(ref.name, QUOTED_NAME_MAX))}\` can never name a RunPod secret: ${reason}`,
          severity: DEFAULT_SEVERITY['invalid-secret-name'],
          data: { name: ref.name },
        });
      }
      const kind = substitutionOf(ref).kind;
      if (kind === 'noncanonical' && ref.normalized) {
        if (ctx.problems.countIfFull('noncanonical-reference', ref.span)) continue;
        ctx.problems.push({
          code: 'noncanonical-reference',
          span: ref.span,
          message: noncanonicalMessage(ref.normalized),
          severity: DEFAULT_SEVERITY['noncanonical-reference'],
          data: { name: ref.name, fix: { span: ref.span, newText: ref.normalized, title: `Normalise to \`${ref.normalized}\`` } },
        });
      } else if (kind === 'embedded' && !ctx.problems.countIfFull('embedded-reference', ref.span)) {
        ctx.problems.push({ code: 'embedded-reference', span: ref.span, message: EMBEDDED_MESSAGE, severity: DEFAULT_SEVERITY['embedded-reference'], data: { name: ref.name } });
      }
    }
  }
}
