/**
 * Hover on a reference: the secret's metadata from the catalog, or why the name is not known.
 * Never a value (the core never has one). User text is escaped.
 */
import { analyzeReferences } from './analyze';
import { nameText } from './displayText';
import { validateSecretName } from './names';
import { formatDate } from './dates';
import { escapeMarkdown, inlineCode, messageToMarkdown } from './markdown';
import type { Analysis, DocumentKind, FoundReference, HoverResult, SecretCatalog } from './types';
import { catalogIndex, closestKnownName } from './rules/unknownSecret';
import { describeValueAge, isRotationDue } from './valueAge';

/**
 * The clock and policy a hover judges the value's age by: `now` in ms since the epoch (passed in,
 * never read here, so a hover is a function of its inputs), `rotationDays` the rotation policy (0 = off).
 */
export interface HoverClock {
  now: number;
  rotationDays?: number;
}

const WRITE_ONLY = 'The value is write-only: RunPod never returns it, so it is not shown here.';

/** Markdown describing the reference `ref` against `catalog`. */
function describeReference(ref: FoundReference, catalog: SecretCatalog, clock: HoverClock | undefined, unchecked: string | undefined): string {
  const lines: string[] = [];
  // An invalid name may hold an escape sequence, a bidi control or an invisible character: shown as escapes (displayText.ts).
  const name = inlineCode(nameText(ref.name));
  if (ref.form === 'malformed' && ref.malformationMessage) {
    lines.push(`**Malformed RunPod secret reference**`, '', messageToMarkdown(ref.malformationMessage), '');
  }
  const invalid = validateSecretName(ref.name);
  const secret = catalog.secrets.find((s) => s.name === ref.name);
  if (secret) {
    lines.push(`**RunPod secret** ${name}`, '');
    if (secret.description) lines.push(escapeMarkdown(secret.description), '');
    const created = formatDate(secret.createdAt);
    const updated = formatDate(secret.valueLastUpdatedAt);
    if (created) lines.push(`- Created: ${created}`);
    if (updated) lines.push(`- Value last updated: ${updated}`);
    if (created || updated) lines.push('');
    const age = clock ? describeValueAge(secret, clock.now) : undefined;
    if (age && clock) {
      const due = clock.rotationDays !== undefined && isRotationDue(secret, clock.now, clock.rotationDays);
      lines.push(due ? `**Due for rotation:** ${age}, more than the ${clock.rotationDays} days of the rotation policy.` : `${age[0]!.toUpperCase()}${age.slice(1)}.`, '');
    }
    lines.push(WRITE_ONLY);
  } else if (invalid) {
    lines.push(`**Invalid secret name** ${name}`, '', messageToMarkdown(invalid));
  } else if (catalog.state === 'unknown') {
    lines.push(`**RunPod secret** ${name}`, '', unchecked === undefined ? 'The RunPod secret list is not loaded, so this name cannot be checked yet.' : messageToMarkdown(unchecked), '', WRITE_ONLY);
  } else {
    const fetched = formatDate(catalog.fetchedAt);
    lines.push(
      `**Unknown RunPod secret** ${name}`,
      '',
      `Not in your RunPod secret list${fetched ? ` (fetched ${fetched})` : ''}${catalog.state === 'stale' ? '; the list may be out of date' : ''}.`,
    );
    const suggestion = closestKnownName(catalogIndex(catalog), ref.name);
    if (suggestion) lines.push('', `Did you mean ${inlineCode(suggestion)}?`);
  }
  return lines.join('\n').trim();
}

/**
 * Hover at `offset`.
 * @param analysis reuse an analysis of the same text (the server's cached one, or the references
 *   around `offset`) instead of reading the document again: on a 4 MB file a fresh read cost two
 *   seconds per hover
 * @param clock when given, a known secret's hover says how old its value is and whether it is due for rotation
 * @param unchecked why the file's names are not checked against `catalog` (the `unknown` one), said instead of "not loaded":
 *   the note on another account's file (environments/accounts.ts otherAccountProblem)
 * @returns markdown for the reference under the cursor, or `undefined` elsewhere
 */
export function hover(
  text: string,
  offset: number,
  kind: DocumentKind,
  catalog: SecretCatalog,
  analysis?: Pick<Analysis, 'references'>,
  clock?: HoverClock,
  unchecked?: string,
): HoverResult | undefined {
  const refs = analysis ? analysis.references : analyzeReferences(text, kind).references.flat();
  const ref = referenceAt(refs, offset);
  if (!ref) return undefined;
  if (ref.name.length === 0 && ref.form === 'malformed') {
    return { span: ref.span, markdown: `**Malformed RunPod secret reference**\n\n${messageToMarkdown(ref.malformationMessage ?? '')}` };
  }
  return { span: ref.span, markdown: describeReference(ref, catalog, clock, unchecked) };
}

/**
 * The first reference whose span holds `offset` (its ends included). References are in document
 * order and never overlap, so their ends are in order too: a binary search finds it.
 */
function referenceAt(refs: readonly FoundReference[], offset: number): FoundReference | undefined {
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (refs[mid]!.span.end < offset) lo = mid + 1;
    else hi = mid;
  }
  const ref = refs[lo];
  return ref && ref.span.start <= offset ? ref : undefined;
}
