/**
 * What a workspace rename edit left behind, read from the documents themselves: VS Code's answer
 * to `applyEdit` does not say how much of a previewed edit was applied (false when no change was
 * ticked, true when one of ten was). Pure: the caller reads the text.
 */
import type { RenameReplacement } from '../secrets/workspaceIndex';

/** One of the rename's replacements with the text it replaces, read before the edit. */
export interface PlannedReplacement extends RenameReplacement {
  oldText: string;
}

/** The text of one line between two characters, or undefined when the file cannot be read. */
export type TextAt = (uri: string, line: number, start: number, end: number) => string | undefined;

export interface AppliedState {
  /** Replacements the documents now hold (or held before: see appliedState), and in how many files. */
  applied: number;
  files: number;
  /** Those replacements themselves (of `planned`), for the next look (`appliedBefore`). */
  done: PlannedReplacement[];
  /** Replacements not applied whose old text is still there, at their place in the edited text. */
  left: PlannedReplacement[];
  /** Replacements whose place holds neither text, or whose file cannot be read (changed or deleted since the edit was made): never applied. */
  moved: PlannedReplacement[];
}

/**
 * Walks each file's replacements in order, following how the applied ones moved the rest of their
 * line. A place that holds neither the new nor the old text (the file changed meanwhile) counts as
 * not applied and is not offered again (`moved`): applying it would overwrite what is there now; so
 * does a place in a file that cannot be read (deleted: VS Code would refuse the whole edit). A place
 * in `appliedBefore` (found applied by an earlier look) stays applied, whatever the user typed there
 * since: the rename did write it.
 */
export function appliedState(planned: readonly PlannedReplacement[], textAt: TextAt, appliedBefore: ReadonlySet<PlannedReplacement> = new Set()): AppliedState {
  const byUri = new Map<string, PlannedReplacement[]>();
  for (const r of planned) byUri.set(r.uri, [...(byUri.get(r.uri) ?? []), r]);
  const done: PlannedReplacement[] = [];
  const files = new Set<string>();
  const left: PlannedReplacement[] = [];
  const moved: PlannedReplacement[] = [];
  for (const [uri, list] of byUri) {
    const sorted = [...list].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    let line = -1;
    let shift = 0;
    for (const r of sorted) {
      if (r.range.start.line !== line) {
        line = r.range.start.line;
        shift = 0;
      }
      const start = r.range.start.character + shift;
      const holds = (text: string) => textAt(uri, line, start, start + text.length) === text;
      // The longer text first: renaming hf-token-2 to hf-token, the old text starts with the new one.
      const isApplied = appliedBefore.has(r) || (r.newText.length >= r.oldText.length ? holds(r.newText) : !holds(r.oldText) && holds(r.newText));
      if (isApplied) {
        done.push(r);
        files.add(uri);
        shift += r.newText.length - r.oldText.length;
      } else if (holds(r.oldText)) {
        left.push({ ...r, range: { start: { line, character: start }, end: { line, character: start + r.oldText.length } } });
      } else {
        moved.push(r);
      }
    }
  }
  return { applied: done.length, files: files.size, done, left, moved };
}
