/**
 * The slots of an open-addressing table of our own hash (rules/keys.ts FirstDefinitions,
 * readers/tomlKeys.ts): per slot the index of an entry or -1, and its hash, linear probing.
 */

/**
 * The first `size` slots of `slots` (and their `hashes`) moved into twice as many, so the table
 * stays at most half full.
 */
export function doubledSlots(slots: Int32Array, hashes: Int32Array, size: number): { slots: Int32Array<ArrayBuffer>; hashes: Int32Array<ArrayBuffer> } {
  const doubled = new Int32Array(size * 2).fill(-1);
  const doubledHashes = new Int32Array(size * 2);
  const mask = size * 2 - 1;
  for (let s = 0; s < size; s++) {
    const entry = slots[s]!;
    if (entry < 0) continue;
    let slot = hashes[s]! & mask;
    while (doubled[slot]! >= 0) slot = (slot + 1) & mask;
    doubled[slot] = entry;
    doubledHashes[slot] = hashes[s]!;
  }
  return { slots: doubled, hashes: doubledHashes };
}
