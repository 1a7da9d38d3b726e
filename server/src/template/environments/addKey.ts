/**
 * "Add KEY to <file>", the quick fix of missing-in-environment: the key appended at the end of the
 * environment's file that lacks it. The value is the same secret reference when the file defining
 * the key holds that one reference as its whole value; otherwise empty, for the user to fill in (a
 * reference inside a longer value, `postgres://u:{{ ... }}@host/db`, copied alone would give the
 * other environment the password as its URL). A plain value is never
 * copied: it may be a credential (hardcoded-credential is that guess, and a guess), and an
 * environment's plain value is rarely the other's (a dev URL in prod).
 */
import { formatReference } from '../names';
import { quotedKey } from '../rules/keys';
import type { CodeActionCandidate, Problem, SecretReference, Span } from '../types';
import { fileLabel, namedReferences } from './rules';

/** What the action reads of a template's files, by the path (URI) the rules named them with. */
export interface TemplateFiles {
  /** The whole current text; undefined when it is not known whole (unreadable, or cut at the size limit). */
  textOf(path: string): string | undefined;
  /** The references the file's definition of `key` holds. */
  referencesOf(path: string, key: string): readonly Pick<SecretReference, 'name' | 'wellFormed' | 'embedded'>[];
}

/** The value the added key gets: the secret reference that is its definition's whole value, else nothing. */
export function valueToCopy(references: readonly Pick<SecretReference, 'name' | 'wellFormed' | 'embedded'>[]): string {
  const named = namedReferences(references);
  return references.length === 1 && named.length === 1 && !named[0]!.embedded ? formatReference(named[0]!.name) : '';
}

/** The edit appending `line` as the last line of `text`, in its line endings, after a line break it lacks. */
export function appendLine(text: string, line: string): { span: Span; newText: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const before = text === '' || text.endsWith('\n') || text.endsWith('\r') ? '' : eol;
  return { span: { start: text.length, end: text.length }, newText: `${before}${line}${eol}` };
}

/** The actions for one missing-in-environment problem: one per file that lacks the key and whose text is known. */
export function addKeyActions(p: Problem, files: TemplateFiles): CodeActionCandidate[] {
  const add = p.data?.addKey;
  const quoted = add && quotedKey(add.key);
  if (!add || !quoted) return [];
  const value = valueToCopy(files.referencesOf(add.from, add.key));
  const out: CodeActionCandidate[] = [];
  for (const to of add.to) {
    const text = files.textOf(to);
    if (text === undefined) continue;
    out.push({ title: `Add ${quoted} to ${fileLabel(to)}`, kind: 'quickfix', fixes: [p], edits: [{ ...appendLine(text, `${add.key}=${value}`), path: to }] });
  }
  return out;
}
