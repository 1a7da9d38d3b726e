/**
 * Registry of readers: one per DocumentKind, each turning document text into `EnvVariable[]` plus
 * syntax problems. The rules only ever see variables, so a new format (issue 3: runpod-json,
 * hub-json, tests-json, runpod-toml) plugs in here by adding one reader whose variables carry
 * `valueOffsets` into the document (exact positions inside JSON strings with escapes).
 */
import type { DocumentKind } from '../types';
import { readEnv, type ReadResult } from './env';
import { readHubJson, readTestsJson } from './hubJson';
import { readRunpodJson } from './json';
import { readRunpodToml } from './toml';

export type { ReadResult } from './env';
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
