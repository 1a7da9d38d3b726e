/**
 * Registry of readers: one per DocumentKind, each turning document text into `EnvVariable[]` plus
 * syntax problems. The rules only ever see variables, so a new format (issue 3: runpod-json,
 * hub-json, tests-json, runpod-toml) plugs in here by adding one reader whose variables carry
 * `valueOffsets` into the document (exact positions inside JSON strings with escapes).
 */
import type { DocumentKind } from '../types';
import { readEnv, type ReaderInto, type ReadResult } from './env';
import { readHubJson, readHubJsonInto, readTestsJson, readTestsJsonInto } from './hubJson';
import { readRunpodJson, readRunpodJsonInto } from './json';
import { readRunpodToml } from './toml';

export type { ReaderInto, ReadResult, VariableList } from './env';
/**
 * Reads `text` up to `end` (the analysis limit; default: all of it): nothing that starts at or
 * after `end` is read, and the cut itself is never reported as a syntax error. At most
 * `maxEntries` entries are read (analyze.ts MAX_ANALYZED_ENTRIES says what an entry is in each
 * format); reading stops where the next one starts, with `countReached` and `stoppedAt` set.
 */
export type Reader = (text: string, end?: number, maxEntries?: number) => ReadResult;

const noReader: Reader = () => ({ variables: [], problems: [] });

const READERS: Record<DocumentKind, Reader> = {
  'runpod-env': readEnv,
  dotenv: readEnv,
  'runpod-json': readRunpodJson,
  'hub-json': readHubJson,
  'tests-json': readTestsJson,
  'runpod-toml': readRunpodToml,
};

/** The reader for a kind; kinds without one yield no variables and no problems. */
export function readerFor(kind: DocumentKind): Reader {
  return READERS[kind] ?? noReader;
}

/**
 * The readers that can hand their variables over as they read them, for an analysis that judges
 * them in rounds (roundsAnalysis.ts) instead of holding them all. Env documents are read in rounds
 * statement by statement (EnvStatementReader), so they need none.
 */
const READERS_INTO: Partial<Record<DocumentKind, ReaderInto>> = {
  'runpod-json': readRunpodJsonInto,
  'hub-json': readHubJsonInto,
  'tests-json': readTestsJsonInto,
};

/** The reader of `kind` that hands its variables over as it reads them, if it has one. */
export function readerIntoFor(kind: DocumentKind): ReaderInto | undefined {
  return READERS_INTO[kind];
}
