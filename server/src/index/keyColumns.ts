/**
 * A file's keys as the workspace index keeps them: in columns, one array of the keys and one
 * Int32Array of their positions (4 numbers a key), not an object per key. The bench's 5,000 files
 * define about 170,000 keys: as objects they were the most of what the cold index's scavenges copied
 * and what the index held. A range is built only when a query answers with it (workspace/symbol).
 */
import type { FlatRange } from './store';

/** Numbers per key in the positions column: line, character, end line, end character. */
const STRIDE = 4;

export class IndexedKeys {
  /**
   * @param names the keys, in document order (the environment rules read this array as a file's
   *   keys, and cache what they make of it by its identity: it is never edited)
   * @param positions STRIDE numbers per key, in the order of `names`
   */
  constructor(
    readonly names: readonly string[],
    private readonly positions: Int32Array,
  ) {}

  get length(): number {
    return this.names.length;
  }

  key(i: number): string {
    return this.names[i]!;
  }

  /** Where the i-th key is written, as a new object (the caller may keep it). */
  at(i: number): FlatRange {
    const p = this.positions;
    const o = i * STRIDE;
    return { line: p[o]!, character: p[o + 1]!, endLine: p[o + 2]!, endCharacter: p[o + 3]! };
  }
}

/** The keys of a file that defines none, shared. */
export const NO_KEYS = new IndexedKeys([], new Int32Array(0));

/** Keys given as objects in columns (a test's entries; the indexer builds them with {@link KeyPositions}). */
export function keyColumns(keys: readonly (FlatRange & { key: string })[]): IndexedKeys {
  if (keys.length === 0) return NO_KEYS;
  const positions = new KeyPositions();
  for (const k of keys) positions.push(k.line, k.character, k.endLine, k.endCharacter);
  return positions.columns(keys.map((k) => k.key));
}

/** Room for the positions of the file being read, shared: one Int32Array a file is allocated, at its size. */
let scratch = new Int32Array(256 * STRIDE);

/**
 * The positions column of one file, written key by key while it is read. One at a time: the
 * scratch they are written to is shared, taken back by {@link columns}.
 */
export class KeyPositions {
  private n = 0;

  push(line: number, character: number, endLine: number, endCharacter: number): void {
    if (this.n + STRIDE > scratch.length) {
      const grown = new Int32Array(scratch.length * 2);
      grown.set(scratch.subarray(0, this.n));
      scratch = grown;
    }
    scratch[this.n++] = line;
    scratch[this.n++] = character;
    scratch[this.n++] = endLine;
    scratch[this.n++] = endCharacter;
  }

  /** The keys with the positions pushed, one pair per key in order. */
  columns(names: readonly string[]): IndexedKeys {
    if (names.length * STRIDE !== this.n) throw new Error(`${names.length} keys for ${this.n / STRIDE} positions`);
    const keys = names.length === 0 ? NO_KEYS : new IndexedKeys(names, scratch.slice(0, this.n));
    this.n = 0;
    return keys;
  }
}
