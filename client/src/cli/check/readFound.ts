/**
 * Reading a file `check`, `envs compare` or `secrets usage` analyses: as the workspace index reads
 * it (server/src/index/indexedRead.ts: its reader, up to ANALYSIS_LIMIT), so the command line
 * checks what the editor's Problems check. A file past the limit is read up to its last line break within it,
 * and the analysis says where checking stopped (`file-too-large`), as in the editor; it is never
 * skipped. The reader opens without following a link (the walk already resolved and checked it)
 * and without blocking, so a file swapped for a link or a FIFO after the walk is refused.
 */
import { count } from '../../../../server/src/template/counts';
import { ANALYSIS_LIMITS, countLimitText, readAnalyzed, sizeLimitText, type AnalysisLimits } from '../../../../server/src/template/analyze';
import { readAsIndexed } from '../../../../server/src/index/indexedRead';
import { wholeLengthOf } from '../../../../server/src/index/readFile';
import type { DocumentKind } from '../../../../server/src/template/types';
import { MAX_FACTS_PER_FILE } from '../../../../server/src/template/workspace/facts';
import { pathText } from '../../../../server/src/template/displayText';
import type { FoundFile } from './discover';

/** The analysis limits in words (`16 MiB of text or 400,000 entries (...)`), for the notes and help texts that name them. */
export const ANALYSIS_LIMIT_TEXT = `${sizeLimitText()} or ${countLimitText()}`;

/**
 * What a search for a secret's uses reads of a file, in words: the analysis limits and the uses of
 * secrets the editor's index keeps per file (facts.ts MAX_FACTS_PER_FILE), for `secrets usage`'s
 * note and help.
 */
export const SEARCH_LIMIT_TEXT = `${sizeLimitText()}, ${countLimitText()} or ${count(MAX_FACTS_PER_FILE, 'use')} of secrets`;

export type FoundRead = { ok: true; text: string; size: number; cut: boolean } | { ok: false; reason: string };

/** Why a path could not be read, the same words for a file and a folder. */
const UNREADABLE_CAUSE = 'permissions, or an error of the file system';

const REASONS = {
  missing: 'no such file (removed while checking)',
  'not-a-file': 'not a regular file (a device, a pipe, a socket or a link)',
  unreadable: unreadableFile(undefined),
} as const;

/** Why a file was not read: opening it failed (`code`: the error's, as EACCES); the folder's words. */
export function unreadableFile(code: string | undefined): string {
  return `cannot read (${code ? `${code}: ` : ''}${UNREADABLE_CAUSE})`;
}

/**
 * Why a folder was not walked: its listing failed (`code`: the error's, as EACCES). Said in the
 * note that names the files not read, or as the failure when the folder was named.
 */
export function unlistableFolder(code: string | undefined): string {
  return `a folder that cannot be listed (${code ? `${code}: ` : ''}${UNREADABLE_CAUSE})`;
}

/**
 * The text of a found file, at most ANALYSIS_LIMIT bytes of it, or why it was not read (never
 * anything of its content).
 * @returns `size` the whole file's size in bytes (analyze's `wholeLength`); `cut` when it is larger than what was read
 */
export function readFound(found: FoundFile): FoundRead {
  const read = readAsIndexed(found.absolute);
  if (!read.ok) return { ok: false, reason: REASONS[read.reason] };
  return { ok: true, text: read.text, size: read.size, cut: read.cut };
}

/**
 * The part of a found file the checks read, by the one rule of where reading stops (analyze.ts
 * readAnalyzed: the size, then the entry count), and whether that is short of the whole file: what
 * `secrets usage` searches, as the editor's index lists the uses of what it read. `check` and `envs
 * compare` analyse the read whole, and their analysis says the same cut (analyze.ts stoppedEarly).
 * @param limits the analysis limits; tests use small ones
 */
export function searchedPart(read: { text: string; size: number; cut: boolean }, kind: DocumentKind, limits: AnalysisLimits = ANALYSIS_LIMITS): { text: string; cut: boolean } {
  const { cut } = readAnalyzed(read.text, kind, limits, wholeLengthOf(read));
  return cut ? { text: read.text.slice(0, cut.at), cut: true } : { text: read.text, cut: false };
}

/** A note names at most this many paths, then counts the rest. */
const MAX_SHOWN = 10;

/** Paths for a note, on one line each (controls and line breaks escaped), the first few then a count. */
export function shortList(items: readonly string[], separator: string): string {
  const more = items.length > MAX_SHOWN ? `, and ${items.length - MAX_SHOWN} more` : '';
  return items.slice(0, MAX_SHOWN).map(pathText).join(separator) + more;
}

/**
 * One line naming the files read only up to a limit, for the commands that print no
 * `file-too-large` finding (`what`: "searched", "compared"; `limits`: the limits in words).
 */
export function cutNote(displays: readonly string[], what: string, limits = ANALYSIS_LIMIT_TEXT): string {
  const files = count(displays.length, 'file');
  return `note: ${files} past what the checks read (${limits}) ${what} only up to there, as the editor reads them: ${shortList(displays, ', ')}\n`;
}
