/**
 * The slots of an open-addressing table of our own hash (rules/keys.ts FirstDefinitions,
 * readers/tomlKeys.ts), linear probing: per slot `s`, side by side in one array, the index of an
 * entry (or -1) at `2 * s` and its hash at `2 * s + 1`.
 *
 * Why side by side: every probe reads both, and a table of 100,000 keys (2 MB) is larger than the
 * CPU's caches, so in two arrays each probe missed the cache twice. That made a key cost 2.5 times
 * as much at 100,000 keys as at 10,000 (TomlKeys alone, December 2026): 10x the keys cost 25x.
 */

/**
 * The largest table kept from one call to the next (2 MB, 131,072 entries at most half full): a
 * fresh table each call meant fresh pages from the system each time; a larger one is one file's,
 * not kept for the life of the process.
 */
export const MAX_KEPT_SLOTS = 1 << 18;

/** `size` (a power of 2) empty slots (an empty slot's hash is never read). */
export function emptySlots(size: number): Int32Array<ArrayBuffer> {
  return new Int32Array(size * 2).fill(-1);
}

/** The entries of `slots` moved into twice as many slots, so the table stays at most half full. */
export function doubledSlots(slots: Int32Array): Int32Array<ArrayBuffer> {
  const doubled = emptySlots(slots.length);
  const mask = slots.length - 1;
  for (let s = 0; s < slots.length; s += 2) {
    const entry = slots[s]!;
    if (entry < 0) continue;
    const hash = slots[s + 1]!;
    let slot = hash & mask;
    while (doubled[2 * slot]! >= 0) slot = (slot + 1) & mask;
    doubled[2 * slot] = entry;
    doubled[2 * slot + 1] = hash;
  }
  return doubled;
}
