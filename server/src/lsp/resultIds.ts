/**
 * Result ids for diagnostics reports that follow their CONTENT, not the document version. Typing
 * inside one value leaves every other diagnostic with the same line/character range, so most
 * keystrokes produce a report identical to the previous one; with a content-derived id the server
 * answers a pull carrying that id as `previousResultId` with `{ kind: 'unchanged' }` (a few bytes)
 * instead of the whole report (about 250 KB at 10,000 lines), and push mode skips the re-publish.
 *
 * Correctness rule: an id is reused only when the new items are equal field by field to the items
 * last reported under it, so an `unchanged` answer can never hide a difference.
 */
import type { Diagnostic, DiagnosticRelatedInformation, Range } from 'vscode-languageserver';

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function sameRelated(a: readonly DiagnosticRelatedInformation[] | undefined, b: readonly DiagnosticRelatedInformation[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.message !== y.message || x.location.uri !== y.location.uri || !sameRange(x.location.range, y.location.range)) return false;
  }
  return true;
}

/**
 * Structural equality of two `data` values as JSON would carry them. `data` is a small object of
 * names here, so this recursion is shallow in practice; anything JSON cannot tell apart (key order)
 * is treated as equal, anything it can (a missing versus a present key) as different.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** Whether two diagnostics would reach the client as the same thing (every field LSP carries that we set). */
function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return (
    sameRange(a.range, b.range) &&
    a.severity === b.severity &&
    a.code === b.code &&
    a.message === b.message &&
    a.source === b.source &&
    sameTags(a.tags, b.tags) &&
    a.codeDescription?.href === b.codeDescription?.href &&
    sameRelated(a.relatedInformation, b.relatedInformation) &&
    sameData(a.data, b.data)
  );
}

function sameTags(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  return a.every((tag, i) => tag === b[i]);
}

/**
 * Whether two reports are equal, in order. Cheap on the common path: the same array (the server
 * caches one conversion per analysis) is equal at once, a different length fails at once, and the
 * item-by-item walk stops at the first difference. Measured cheaper than `JSON.stringify` of the
 * report, which would build a 250 KB string per keystroke at 10,000 lines.
 */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!sameDiagnostic(a[i]!, b[i]!)) return false;
  }
  return true;
}

/** What `ReportIds.idFor` decided: the id to send, and whether the items differ from the last report. */
export interface ReportId {
  id: string;
  changed: boolean;
}

/**
 * Per document, the last reported items and their id. Ids are `<process prefix>:<counter>`: a
 * fresh counter value whenever the content changes, never reused for another content, not even
 * across documents closed and reopened or (thanks to the random prefix) across a server restart,
 * where a client may still hold an id from the previous process.
 */
export class ReportIds {
  private readonly last = new Map<string, { items: readonly Diagnostic[]; id: string }>();
  private counter = 0;

  constructor(private readonly prefix: string = Math.random().toString(36).slice(2, 10)) {}

  /** The id for reporting `items` on `uri`: the previous id when they equal the last reported items, otherwise a new one. */
  idFor(uri: string, items: readonly Diagnostic[]): ReportId {
    const previous = this.last.get(uri);
    if (previous && sameDiagnostics(previous.items, items)) {
      // Keep the newest array: the next comparison is then often an identity check (same analysis).
      previous.items = items;
      return { id: previous.id, changed: false };
    }
    const id = `${this.prefix}:${++this.counter}`;
    this.last.set(uri, { items, id });
    return { id, changed: true };
  }

  /**
   * The id of no problems for a document nothing is kept of: a URI the client holds an id for that
   * is not indexed (deleted, or never seen). One id for all of them, so a client's list of such URIs
   * costs no memory here; their contents are equal (none), so the id hides no difference. Never a
   * counter value: a document indexed again gets a fresh id, and is reported.
   */
  get unkept(): string {
    return `${this.prefix}:none`;
  }

  /** Forgets a document (closed, or no longer served), so its next report is new. */
  forget(uri: string): void {
    this.last.delete(uri);
  }
}
