/**
 * Completion of secret names inside a reference and of whole references right after `=`.
 * Every edit replaces exactly the partial name (or partial reference) and leaves a correctly
 * closed reference: existing ` }}` is reused, never doubled.
 */
import { valueAt } from './locate';
import { readerFor } from './readers';
import { SECRET_REFERENCE_PREFIX, formatReference, hasReservedPrefix, isSecretNameChar, validateSecretName } from './names';
import { formatDate } from './dates';
import { escapeMarkdown } from './markdown';
import { clip, oneLine } from './displayText';
import { lowerCasedNames } from './rules/unknownSecret';
import type { Analysis, CompletionCandidate, CompletionResult, DocumentKind, SecretCatalog, SecretInfo } from './types';

const PREFIX = SECRET_REFERENCE_PREFIX;

/**
 * The most items one answer holds. An account may hold any number of secrets, and every keystroke
 * after a trigger character asks: past this the answer keeps the names matching what is typed and
 * says it is incomplete, so the editor asks again as the user types on.
 */
export const MAX_COMPLETION_ITEMS = 200;
/** Characters of a description an item's documentation shows (the hover shows all of it). */
const DOCUMENTATION_CHARS = 500;
/** Characters of the description's first line shown beside the label. */
const DETAIL_CHARS = 120;

/**
 * How the editor came to ask. `invoked`: Ctrl+Space or an omnifunc, but also VS Code's quick
 * suggestions as a word is typed (LSP's Invoked covers both); `typing`: a trigger character;
 * `narrowing`: asking again for an incomplete list the user has open. See the value-position rule
 * in complete().
 */
export type CompletionTrigger = 'invoked' | 'typing' | 'narrowing';

/** The core's completion answer; `incomplete`: items were left out, ask again as the user types. */
export interface CompletionAnswer extends CompletionResult {
  incomplete: boolean;
}

/**
 * The secrets an answer offers: all of them when they fit; else those whose name holds `typed`
 * (case-insensitive, as editors filter), the ones starting with it first, at most MAX_COMPLETION_ITEMS;
 * then `incomplete`, so the editor asks again rather than filtering a partial list itself.
 */
function offered(catalog: SecretCatalog, typed: string): { secrets: readonly SecretInfo[]; incomplete: boolean } {
  const secrets = catalog.secrets;
  if (secrets.length <= MAX_COMPLETION_ITEMS) return { secrets, incomplete: false };
  const needle = typed.toLowerCase();
  // Lower-cased once per catalog (the catalog's index), not on every keystroke.
  const lowered = lowerCasedNames(catalog);
  const starting: SecretInfo[] = [];
  const containing: SecretInfo[] = [];
  for (let i = 0; i < secrets.length; i++) {
    if (starting.length >= MAX_COMPLETION_ITEMS) break;
    const s = secrets[i]!;
    const at = lowered[i]!.indexOf(needle);
    if (at === 0) starting.push(s);
    else if (at > 0 && containing.length < MAX_COMPLETION_ITEMS) containing.push(s);
  }
  // Incomplete even when every match fits: a shorter word (a deleted character) matches more.
  return { secrets: starting.concat(containing).slice(0, MAX_COMPLETION_ITEMS), incomplete: true };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
function allNameChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSecretNameChar(s.charCodeAt(i))) return false;
  return true;
}
function nameRun(s: string, from = 0): number {
  let k = from;
  while (k < s.length && isSecretNameChar(s.charCodeAt(k))) k++;
  return k - from;
}

/** A description short enough to be the item's detail: one line, shown whole beside the label. */
function fitsDetail(description: string): boolean {
  return description.length <= DETAIL_CHARS && !/[\r\n]/.test(description);
}

/**
 * Markdown documentation of a secret: description and dates. Never a value. The description is
 * left out when it is the item's detail (the editor shows the detail above the documentation).
 */
function secretDocumentation(s: SecretInfo): string {
  const lines: string[] = [];
  if (s.description && !fitsDetail(s.description)) lines.push(escapeMarkdown(clip(s.description, DOCUMENTATION_CHARS)), '');
  const created = formatDate(s.createdAt);
  if (created) lines.push(`Created ${created}`);
  return lines.join('\n').trim() || 'RunPod secret';
}

/**
 * One item. The description is shown once: a short one-line description is the detail (seen beside
 * the name while choosing); a longer one only the documentation, which shows it whole with its line
 * breaks, where a detail would cut it and repeat its start above it.
 */
function candidate(s: SecretInfo, insertText: string, kind: CompletionCandidate['kind'], filterText: string): CompletionCandidate {
  const c: CompletionCandidate = { label: s.name, insertText, kind, sortText: s.name, filterText, documentation: secretDocumentation(s) };
  // The detail is plain text on one line: escapes shown as such (displayText.ts).
  if (s.description && fitsDetail(s.description)) c.detail = oneLine(s.description);
  return c;
}

/**
 * Completion at `offset`.
 * @param analysis reuse an analysis of the same text (the server's cached one, or the variables
 *   around `offset`) instead of reading the document again
 * @param trigger how the editor came to ask; decides what a plain value gets (see below)
 * @returns the span to replace and one item per secret offered (at most MAX_COMPLETION_ITEMS), or
 *   `undefined` when the cursor is not in a place where a secret name or reference fits, or no secrets are known.
 */
export function complete(
  text: string,
  offset: number,
  kind: DocumentKind,
  catalog: SecretCatalog,
  analysis?: Pick<Analysis, 'variables'>,
  trigger: CompletionTrigger = 'invoked',
): CompletionAnswer | undefined {
  if (catalog.secrets.length === 0) return undefined;
  const at = valueAt(text, analysis ? analysis.variables : readerFor(kind)(text).variables, offset);
  if (!at) return undefined;
  const { before, after, toOffset } = at;
  const cursor = before.length;

  const open = before.lastIndexOf('{{');
  if (open >= 0 && before.indexOf('}}', open + 2) < 0) {
    // Inside `{{ ...`: complete the name (and the prefix when it is partly typed).
    let p = open + 2;
    while (p < cursor && isBlank(before.charCodeAt(p))) p++;
    const typed = before.slice(p);
    let replaceStart: number;
    let head: string;
    let filterPrefix: string;
    let typedName: string; // the part of a name typed before the cursor: what a capped answer matches
    if (typed.startsWith(PREFIX)) {
      if (!allNameChars(typed.slice(PREFIX.length))) return undefined;
      replaceStart = p + PREFIX.length;
      head = '';
      filterPrefix = '';
      typedName = typed.slice(PREFIX.length);
    } else if (allNameChars(typed) && PREFIX.toLowerCase().startsWith(typed.toLowerCase())) {
      replaceStart = p;
      head = (p === open + 2 ? ' ' : '') + PREFIX;
      filterPrefix = PREFIX;
      typedName = '';
    } else if (typed.length > 0 && allNameChars(typed) && ((!validateSecretName(typed.slice(0, 1)) && !hasReservedPrefix(typed)) || heldNameStartsWith(catalog, typed))) {
      // `RUNPOD_...` typed some other way (`RUNPOD_SECRETS_`) names no secret: the diagnostics fix it, not completion.
      // `{{ hf|`: a name typed without the prefix; the item writes the prefix in front of it. A start no
      // new name may have (`2f`, `RUNPOD_K`) counts when a name the account holds begins so: a secret
      // made before RunPod's rule changed is still substituted (names.ts referenceNameProblem).
      // The editor filters by name, so user templating such as `{{ name }}` rarely shows a list.
      replaceStart = p;
      head = (p === open + 2 ? ' ' : '') + PREFIX;
      filterPrefix = '';
      typedName = typed;
    } else {
      return undefined; // someone else's templating, or a prefix the diagnostics will fix
    }
    let replaceEnd = cursor + nameRun(after);
    // Closing: reuse an exact ` }}`; otherwise absorb blanks and any `}`/`}}` and write ` }}`.
    let tail = '';
    const rest = after.slice(replaceEnd - cursor, replaceEnd - cursor + 3);
    if (!rest.startsWith(' }}')) {
      let k = replaceEnd - cursor;
      while (k < after.length && isBlank(after.charCodeAt(k))) k++;
      let braces = 0;
      while (k < after.length && braces < 2 && after.charCodeAt(k) === 125) {
        k++;
        braces++;
      }
      if (braces > 0) replaceEnd = cursor + k;
      tail = ' }}';
    }
    const { secrets, incomplete } = offered(catalog, typedName);
    const items = secrets.map((s) => candidate(s, `${head}${s.name}${tail}`, 'secret', filterPrefix + s.name));
    return { replace: { start: toOffset(replaceStart), end: toOffset(replaceEnd) }, items, incomplete };
  }

  // Right after `=`: an empty value, a lone `{`, or a partial name becomes a whole reference.
  // A plain value must never be replaced unless the user asked for a reference. Editors accept the
  // selected item on Enter, so a list open while `WORKERS=2` is typed turns the line into a
  // reference, and one opened right after `=` (once a trigger character) turned `KEY=` + Enter (an
  // empty value) into one. So a value gets references once it starts with `{` (the user is writing one; `{` is a
  // trigger character). An empty value gets them when asked for (`invoked`: nothing suggests by
  // itself right after `=`, so that is Ctrl+Space). A partial value (`2`, `tok`) gets them only
  // while narrowing a list the user opened that way: `invoked` there may be VS Code's quick
  // suggestions as a word is typed (in `.env` files values are no strings, so they are on).
  if (before === '' || before === '{' || allNameChars(before)) {
    if (before.includes('{{') || after.includes('{{')) return undefined;
    const reference = before.startsWith('{');
    const asked = before === '' ? trigger !== 'typing' : trigger === 'narrowing';
    if (!reference && !asked) return undefined;
    let k = 0;
    while (k < after.length && (isSecretNameChar(after.charCodeAt(k)) || after.charCodeAt(k) === 123 || after.charCodeAt(k) === 125)) k++;
    const offer = offered(catalog, reference ? '' : before);
    const items = offer.secrets.map((s) => {
      const ref = formatReference(s.name);
      return candidate(s, ref, 'reference', reference ? ref : s.name);
    });
    return { replace: { start: toOffset(0), end: toOffset(cursor + k) }, items, incomplete: offer.incomplete };
  }
  return undefined;
}

/** Whether a name the account holds starts with `typed`, exactly (names are case-sensitive). */
function heldNameStartsWith(catalog: SecretCatalog, typed: string): boolean {
  return catalog.secrets.some((s) => s.name.startsWith(typed));
}
