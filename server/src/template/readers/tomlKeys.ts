/**
 * The keys of every table of a TOML document, as the reader checks them for duplicates and
 * redefinitions: one open-addressing table over our own hash of (table, key), whose keys written
 * verbatim are kept as offsets into the text, not as strings.
 *
 * Why not a `Map<string, node>` per table: a `[project.env_vars]` of 100,000 keys kept 100,000 key
 * strings alive for the whole reading, which V8's young collections copied again and again: the
 * map alone cost 4 ms at 10,000 keys and 59 ms at 100,000 (13 times as much for 10 times the keys,
 * December 2026), most of the reading's excess over linear time.
 */
import { doubledSlots, emptySlots, MAX_KEPT_SLOTS } from '../hashSlots';

/** Tables are told apart by a number: unique within a process for 2^32 tables, more than any reading makes. */
let lastTableId = 0;
export function newTableId(): number {
  return (lastTableId = (lastTableId + 1) | 0);
}

/**
 * The slots and entries of the last reading, kept for the next one: fresh arrays of up to 4 MB per
 * reading were fresh pages from the system each time, and at 100,000 keys filling them was about
 * 4% of the reading, almost none at 10,000 (the arrays of a small file stay in the process's memory).
 * Taken by one table at a time; released ({@link TomlKeys.release}) when its reading ends. Kept up
 * to {@link MAX_KEPT_SLOTS} slots (2 MB) and the entries they hold at most half full (2 MB), as the
 * key rules keep theirs (rules/keys.ts).
 */
let kept: { slots: Int32Array<ArrayBuffer>; entries: Int32Array<ArrayBuffer> } | undefined;

/** Numbers per entry in TomlKeys' entries, and where each is: the table first, then these. */
const FIELDS = 4;
const START = 1;
const LENGTH = 2;
const NODE = 3;

export class TomlKeys<N> {
  /** Per slot: the index of an entry or -1, and its hash (hashSlots.ts). */
  private slots: Int32Array<ArrayBuffer>;
  private mask: number;
  /** Entries added. */
  private count = 0;
  /**
   * Per entry, side by side ({@link FIELDS} numbers): its table, where its key is written verbatim
   * (or -1: then in {@link names}), its key's length, and its node: an index into {@link nodes},
   * or -1 for {@link common}.
   */
  private entries: Int32Array<ArrayBuffer>;
  /**
   * The nodes other than {@link common}: the tables, a few in a document. Why not a node per entry:
   * an array of 100,000 references (one per `[project.env_vars]` key) is a large object to V8, and
   * each time it grew V8 took new pages from the system: at 100,000 keys that was 590 page faults a
   * reading, 10 ms, 100 times its cost at 10,000 keys (December 2026).
   */
  private readonly nodes: N[] = [];
  private readonly names = new Map<number, string>();

  /**
   * The last key looked up and where: a key is looked up, then set when new (a key/value's key is
   * checked before its value is read), so the set probes the table once, not twice.
   */
  private lastTable = 0;
  private lastName = '';
  private lastAt = -1;
  private lastHash = 0;
  private lastSlot = -1;
  /** The entries when {@link lastSlot} was found: the slot holds while no key is added. */
  private lastEntries = -1;

  /**
   * @param common the node of most keys (the reader's plain value), kept without an entry in {@link nodes}
   */
  constructor(
    private readonly text: string,
    private readonly common: N,
  ) {
    // The arrays kept from the last reading, if no other table holds them, sized for about a key
    // a line of 16 characters (the table grows past that).
    const reuse = kept;
    kept = undefined;
    let size = 64;
    while (size * 16 < text.length && size * 2 <= MAX_KEPT_SLOTS) size <<= 1;
    if (reuse && reuse.slots.length >= size * 2) {
      this.slots = reuse.slots;
      this.slots.fill(-1, 0, size * 2);
      this.entries = reuse.entries;
    } else {
      this.slots = emptySlots(size);
      this.entries = new Int32Array(32 * FIELDS);
    }
    this.mask = size - 1;
  }

  /** Done with: its arrays are kept for the next reading (see {@link kept}); it must not be used after. */
  release(): void {
    if (this.slots.length <= 2 * MAX_KEPT_SLOTS && this.entries.length <= (MAX_KEPT_SLOTS / 2) * FIELDS) kept = { slots: this.slots, entries: this.entries };
  }

  /**
   * The node of key `name` of table `table`, or undefined.
   * @param at where `name` is written verbatim in the text, or -1 (a quoted key with escapes)
   */
  get(table: number, name: string, at: number): N | undefined {
    const h = hashOf(table, this.text, name, at);
    const slot = this.find(table, name, at, h);
    this.lastTable = table;
    this.lastName = name;
    this.lastAt = at;
    this.lastHash = h;
    this.lastSlot = slot;
    this.lastEntries = this.count;
    const entry = this.slots[2 * slot]!;
    return entry < 0 ? undefined : this.nodeOf(entry);
  }

  /** Sets the node of key `name` of table `table` (`at` as for {@link get}). */
  set(table: number, name: string, at: number, node: N): void {
    const looked = table === this.lastTable && at === this.lastAt && this.count === this.lastEntries && name === this.lastName;
    const h = looked ? this.lastHash : hashOf(table, this.text, name, at);
    const slot = looked ? this.lastSlot : this.find(table, name, at, h);
    this.lastEntries = -1;
    const found = this.slots[2 * slot]!;
    if (found >= 0) {
      this.setNode(found, node);
      return;
    }
    const entry = this.count++;
    if (entry * FIELDS === this.entries.length) {
      const bigger = new Int32Array(this.entries.length * 2);
      bigger.set(this.entries);
      this.entries = bigger;
    }
    const e = entry * FIELDS;
    this.entries[e] = table;
    this.entries[e + START] = at;
    this.entries[e + LENGTH] = name.length;
    this.entries[e + NODE] = -1;
    this.setNode(entry, node);
    if (at < 0) this.names.set(entry, name);
    this.slots[2 * slot] = entry;
    this.slots[2 * slot + 1] = h;
    if (this.count * 2 > this.mask + 1) this.grow();
  }

  private nodeOf(entry: number): N {
    const k = this.entries[entry * FIELDS + NODE]!;
    return k < 0 ? this.common : this.nodes[k]!;
  }

  private setNode(entry: number, node: N): void {
    const at = entry * FIELDS + NODE;
    const k = this.entries[at]!;
    if (node === this.common) this.entries[at] = -1;
    else if (k >= 0) this.nodes[k] = node;
    else this.entries[at] = this.nodes.push(node) - 1;
  }

  /** The slot holding key `name` of `table`, or the free slot where it goes. */
  private find(table: number, name: string, at: number, h: number): number {
    let slot = h & this.mask;
    for (;;) {
      const entry = this.slots[2 * slot]!;
      if (entry < 0 || (this.slots[2 * slot + 1] === h && this.entries[entry * FIELDS] === table && this.sameKey(entry, name, at))) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private sameKey(entry: number, name: string, at: number): boolean {
    const length = name.length;
    if (this.entries[entry * FIELDS + LENGTH] !== length) return false;
    const start = this.entries[entry * FIELDS + START]!;
    if (start < 0) return this.names.get(entry) === name;
    const text = this.text;
    const src = at >= 0 ? text : name;
    const from = at >= 0 ? at : 0;
    for (let k = 0; k < length; k++) if (text.charCodeAt(start + k) !== src.charCodeAt(from + k)) return false;
    return true;
  }

  /** Doubles the slots, keeping them at most half full. */
  private grow(): void {
    this.slots = doubledSlots(this.slots.subarray(0, 2 * (this.mask + 1)));
    this.mask = this.slots.length / 2 - 1;
  }
}

/** FNV-1a of the table and the key's characters, read where the key is written when it is. */
function hashOf(table: number, text: string, name: string, at: number): number {
  const src = at >= 0 ? text : name;
  const from = at >= 0 ? at : 0;
  const to = from + name.length;
  let h = Math.imul(0x811c9dc5 ^ table, 0x01000193);
  for (let k = from; k < to; k++) h = Math.imul(h ^ src.charCodeAt(k), 0x01000193);
  return h;
}
