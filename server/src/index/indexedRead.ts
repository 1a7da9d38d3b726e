/**
 * A RunPod file read from disk as the workspace index reads it: by the index's reader (readFile.ts)
 * and up to the analysis' size limit (analyze.ts ANALYSIS_LIMIT), its references analysed with the
 * file's whole length, so a cut file is cut by the one rule. The indexer, workspace diagnostics,
 * rename's edits of unopened files and the command line all read through here: one file, one text.
 */
import { ANALYSIS_LIMIT, ANALYSIS_LIMITS, analyzeReferences } from '../template/analyze';
import type { DocumentKind } from '../template/types';
import { readIndexedFile, wholeLengthOf, type IndexedRead } from './readFile';

/** Reads `path` as the index reads it (never throws; a reason, no content, when it cannot). */
export function readAsIndexed(path: string): IndexedRead {
  return readIndexedFile(path, ANALYSIS_LIMIT);
}

/** The variables and references of a read, as the index takes them (analyze.ts analyzeReferences). */
export function referencesOfRead(read: { text: string; size: number; cut: boolean }, kind: DocumentKind): ReturnType<typeof analyzeReferences> {
  return analyzeReferences(read.text, kind, ANALYSIS_LIMITS, wholeLengthOf(read));
}
