/**
 * "Replace with hf-token" after the pre-launch checks: renames a reference to an unknown secret to
 * the close known name the checks suggested, in the file it is written in and in the env being
 * launched, so the next check sees what the file now says. Pure: the UI applies the edits through
 * one vscode.WorkspaceEdit, the runner applies the same replacement to its env and sources.
 */
import { findReferencesInValue, formatReference, SECRET_REFERENCE_PREFIX } from '../../../server/src/template/index';
import type { CheckReport, EnvSource } from './checks';
import type { Env } from './plan';

/** One text edit in a source: the secret name inside a canonical reference. */
export interface NameEdit {
  sourceId: string;
  offset: number;
  length: number;
  newText: string;
}

export interface Replacement {
  from: string;
  to: string;
  /** Env keys whose value references `from`. */
  keys: string[];
  /** Every reference to `from` the report located, ordered by source then offset. */
  edits: NameEdit[];
}

/** Distinct unknown names that have a suggestion, with it, in first-seen order. */
export function suggestedReplacements(report: CheckReport): { from: string; to: string }[] {
  const out = new Map<string, string>();
  for (const b of report.blocking) if (b.reason === 'unknown' && b.suggestion && !out.has(b.name)) out.set(b.name, b.suggestion);
  return [...out].map(([from, to]) => ({ from, to }));
}

/**
 * The edits renaming every unknown reference to `from` to `to`, checked against the text each
 * source has now (an open document may have changed since the checks read it).
 * @param textOf the current text of a source, undefined when it cannot be read
 * @returns undefined when any such reference cannot be edited: it has no file location (an account
 *   template's env), or the text there is no longer `{{ RUNPOD_SECRET_from }}`; renaming only some
 *   of them would leave the launch blocked on the same name
 */
export function planReplacement(report: CheckReport, from: string, to: string, textOf: (sourceId: string) => string | undefined): Replacement | undefined {
  const findings = report.blocking.filter((b) => b.reason === 'unknown' && b.name === from);
  if (findings.length === 0) return undefined;
  const nameOffset = nameOffsetIn(from);
  const edits = new Map<string, NameEdit>();
  for (const finding of findings) {
    const location = finding.location;
    if (!location) return undefined;
    const text = textOf(location.sourceId);
    if (text === undefined || !text.startsWith(formatReference(from), location.offset)) return undefined;
    edits.set(`${location.sourceId}#${location.offset}`, { sourceId: location.sourceId, offset: location.offset + nameOffset, length: from.length, newText: to });
  }
  const sorted = [...edits.values()].sort((a, b) => (a.sourceId === b.sourceId ? a.offset - b.offset : a.sourceId < b.sourceId ? -1 : 1));
  return { from, to, keys: [...new Set(findings.map((f) => f.key))], edits: sorted };
}

/** Where the name sits in `{{ RUNPOD_SECRET_name }}`. */
function nameOffsetIn(name: string): number {
  return formatReference(name).indexOf(SECRET_REFERENCE_PREFIX) + SECRET_REFERENCE_PREFIX.length;
}

/** Whether `text` still holds, at the edit, the reference to `from` it was planned on (the file may have been typed in since). */
export function editStillApplies(text: string, edit: NameEdit, from: string): boolean {
  return text.startsWith(formatReference(from), edit.offset - nameOffsetIn(from));
}

/** Applies the edits of one source to its text (later offsets first, so earlier ones stay valid). */
export function applyEdits(text: string, edits: readonly NameEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, edit.offset) + edit.newText + out.slice(edit.offset + edit.length);
  return out;
}

/** Renames every canonical reference to `from` in a value (what the checks flagged as unknown). */
export function renameInValue(value: string, from: string, to: string): string {
  const refs = findReferencesInValue(value).filter((r) => r.form === 'canonical' && r.name === from);
  let out = value;
  for (const ref of refs.reverse()) out = out.slice(0, ref.nameSpan.start) + to + out.slice(ref.nameSpan.end);
  return out;
}

/** The env and sources after a replacement: the keys' values renamed, the edited sources' texts updated. */
export function applyReplacement(env: Readonly<Env>, sources: readonly EnvSource[], replacement: Replacement): { env: Env; sources: EnvSource[] } {
  const next = new Map(Object.entries(env));
  for (const key of replacement.keys) {
    const value = next.get(key);
    if (value !== undefined) next.set(key, renameInValue(value, replacement.from, replacement.to));
  }
  return {
    env: Object.fromEntries(next),
    sources: sources.map((s) => {
      const mine = replacement.edits.filter((e) => e.sourceId === s.id);
      return mine.length ? { ...s, text: applyEdits(s.text, mine) } : s;
    }),
  };
}
