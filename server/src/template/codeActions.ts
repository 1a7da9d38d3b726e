/**
 * Code actions for the problems in a span: replace with the suggested name, normalise a
 * reference, use this environment's secret instead of another's or a shared one, create a missing secret, move a
 * hard-coded value into a secret, rotate a secret due for rotation, add a key another environment's file defines. Commands carry names and spans only; the extension reads the
 * value from the document itself.
 */
import { analyze } from './analyze';
import { addAllActions, addKeyActions, type TemplateFiles } from './environments/addKey';
import { MOVE_VALUE_NAME } from './moveValue';
import { validateSecretName } from './names';
import type { Analysis, CodeActionCandidate, DocumentKind, Problem, SecretCatalog, Span } from './types';

/**
 * The missing-in-environment problems per request given "Add KEY to <file>" actions with their
 * edits (one per target file, an environment lacking the key), for a client that cannot resolve
 * an action's edit later (a client that can gets {@link MAX_LAZY_ADD_KEY_ACTIONS}, each edit computed on resolve).
 * Each action reads its target file back whole
 * (keyInsertion.ts), and a first line holds a missing-in-environment problem per key another
 * environment defines (up to the 1,000 listed): the cursor there read a 20,000-key target 2,000
 * times, 92 s of a server answering nothing. A menu shows a few; the next ones are offered once
 * these are added.
 */
export const MAX_ADD_KEY_ACTIONS = 10;

/**
 * The same cap for a client that resolves the edit: listing reads nothing, but a first line of
 * 1,000 missing keys, 2 targets each, was ~2,000 quick fixes per lightbulb request (the cursor
 * moving). More than a menu shows; "Add all N missing keys" covers the rest.
 */
export const MAX_LAZY_ADD_KEY_ACTIONS = 50;

/**
 * A problem the client's request names (LSP `context.diagnostics`: a diagnostic's code, range and
 * message). A Quick Fix on one of a first line's missing-in-environment problems (from the Problems
 * panel) names that one: it is served before the cap, which otherwise took the first problems of
 * the line and offered keys 1-10 for key #500.
 */
export interface RequestedProblem {
  code: string | number | undefined;
  span: Span;
  message: string;
}

const requestKey = (code: unknown, span: Span, message: string): string => `${String(code)}\u0000${span.start}\u0000${span.end}\u0000${message}`;

/**
 * Of `missing` (the missing-in-environment problems under the request, found once by
 * {@link codeActions}), those that get "Add KEY" actions: those `requested` names first, then the
 * others in found order, `cap` in all (an editor sends every diagnostic under the cursor, so the
 * requested ones are capped too).
 */
function addKeyServed(missing: readonly Problem[], requested: readonly RequestedProblem[], cap: number): Set<Problem> {
  const asked = new Set(requested.map((r) => requestKey(r.code, r.span, r.message)));
  const isAsked = (p: Problem): boolean => asked.has(requestKey(p.code, p.span, p.message));
  return new Set([...missing.filter(isAsked), ...missing.filter((p) => !isAsked(p))].slice(0, cap));
}

function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function fixAction(p: Problem, isPreferred: boolean): CodeActionCandidate | undefined {
  const fix = p.data?.fix;
  if (!fix) return undefined;
  return { title: fix.title, kind: 'quickfix', isPreferred, fixes: [p], edits: [{ span: fix.span, newText: fix.newText }] };
}

/**
 * Actions for `span` (usually the cursor or selection).
 * @param analysis reuse an analysis of the same text and catalog instead of analyzing again; its
 *   problems may include the environment rules' (environments/rules.ts), whose fixes are offered too
 * @param files the template's files, for "Add KEY to <file>" (missing-in-environment); not offered without
 * @param requested the problems the client asks about (its diagnostics in the request), served first
 * @param lazy the client resolves an action's edit (LSP codeAction/resolve): "Add KEY" actions are
 *   offered with no edit and no file read (a larger cap), their edit computed on resolve
 */
export function codeActions(
  text: string,
  span: Span,
  kind: DocumentKind,
  catalog: SecretCatalog,
  analysis?: Analysis,
  files?: TemplateFiles,
  requested: readonly RequestedProblem[] = [],
  lazy = false,
): CodeActionCandidate[] {
  const a = analysis ?? analyze(text, kind, catalog);
  const out: CodeActionCandidate[] = [];
  const createOffered = new Set<string>();
  // The missing-in-environment problems under the request, for "Add KEY" (capped) and "Add all" alike.
  const missing = files ? a.problems.filter((p) => p.code === 'missing-in-environment' && overlaps(p.span, span)) : [];
  const addKeys = addKeyServed(missing, requested, lazy ? MAX_LAZY_ADD_KEY_ACTIONS : MAX_ADD_KEY_ACTIONS);
  for (const p of a.problems) {
    if (!overlaps(p.span, span)) continue;
    switch (p.code) {
      case 'unknown-secret': {
        const replace = fixAction(p, true);
        if (replace) out.push(replace);
        const name = p.data?.name;
        if (name && !validateSecretName(name) && !createOffered.has(name)) {
          createOffered.add(name);
          out.push({ title: `Create secret \`${name}\`...`, kind: 'quickfix', fixes: [p], command: { command: 'runpod.secrets.create', name } });
        }
        break;
      }
      case 'malformed-reference':
      case 'noncanonical-reference':
      case 'cross-environment-secret': {
        const normalise = fixAction(p, true);
        if (normalise) out.push(normalise);
        break;
      }
      case 'shared-environment-secret': {
        // The reference renamed to this environment's own secret, and, when the account lacks it,
        // Create Secret for that name run after the edit (one action: the rename alone would leave an unknown secret).
        const own = fixAction(p, false);
        const create = p.data?.suggestedName;
        if (own) out.push(create && !validateSecretName(create) ? { ...own, command: { command: 'runpod.secrets.create', name: create } } : own);
        break;
      }
      case 'secret-rotation-due': {
        const name = p.data?.name;
        if (name) out.push({ title: `Rotate Secret ${name}...`, kind: 'quickfix', fixes: [p], command: { command: 'runpod.secrets.rotate', name } });
        break;
      }
      case 'hardcoded-credential': {
        // The account already has the secret (rules/credentials.ts): referencing it comes first, no duplicate.
        const reference = fixAction(p, true);
        if (reference) out.push(reference);
        const suggestedName = p.data?.suggestedName;
        if (suggestedName) {
          out.push({
            title: `${MOVE_VALUE_NAME}...`,
            kind: 'quickfix',
            isPreferred: !reference,
            fixes: [p],
            command: { command: 'runpod.secrets.createFromValue', span: p.data?.valueSpan ?? p.span, suggestedName },
          });
        }
        break;
      }
      case 'missing-in-environment':
        // Capped whether or not the file had a place for the key: refusing reads it too.
        if (files && addKeys.has(p)) out.push(...addKeyActions(p, files, catalog, lazy));
        break;
      default:
        break;
    }
  }
  // One read-back per file whatever the number of keys: not capped.
  if (files && missing.length > 0) out.push(...addAllActions(a.problems, new Set(missing), files, catalog, lazy));
  return out;
}
