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
import { doubledSlots } from '../hashSlots';

/** Tables are told apart by a number: unique within a process for 2^32 tables, more than any reading makes. */
let lastTableId = 0;
export function newTableId(): number {
  return (lastTableId = (lastTableId + 1) | 0);
}

export class TomlKeys<N> {
  /** Per slot: the index of an entry, or -1. */
  private slots = new Int32Array(64).fill(-1);
  private hashes = new Int32Array(64);
  private mask = 63;
  /** Per entry: its table, where its key is written verbatim (or -1: then in {@link names}), its key's length, its node. */
  private tables = new Int32Array(32);
  private starts = new Int32Array(32);
  private lengths = new Int32Array(32);
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

  constructor(private readonly text: string) {}

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
    this.lastEntries = this.nodes.length;
    const entry = this.slots[slot]!;
    return entry < 0 ? undefined : this.nodes[entry];
  }

  /** Sets the node of key `name` of table `table` (`at` as for {@link get}). */
  set(table: number, name: string, at: number, node: N): void {
    const looked = table === this.lastTable && at === this.lastAt && this.nodes.length === this.lastEntries && name === this.lastName;
    const h = looked ? this.lastHash : hashOf(table, this.text, name, at);
    const slot = looked ? this.lastSlot : this.find(table, name, at, h);
    this.lastEntries = -1;
    const found = this.slots[slot]!;
    if (found >= 0) {
      this.nodes[found] = node;
      return;
    }
    const entry = this.nodes.length;
    if (entry === this.tables.length) {
      this.tables = grown(this.tables);
      this.starts = grown(this.starts);
      this.lengths = grown(this.lengths);
    }
    this.tables[entry] = table;
    this.starts[entry] = at;
    this.lengths[entry] = name.length;
    if (at < 0) this.names.set(entry, name);
    this.nodes.push(node);
    this.slots[slot] = entry;
    this.hashes[slot] = h;
    if (this.nodes.length * 2 > this.mask + 1) this.grow();
  }

  /** The slot holding key `name` of `table`, or the free slot where it goes. */
  private find(table: number, name: string, at: number, h: number): number {
    let slot = h & this.mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry < 0 || (this.hashes[slot] === h && this.tables[entry] === table && this.sameKey(entry, name, at))) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private sameKey(entry: number, name: string, at: number): boolean {
    const length = name.length;
    if (this.lengths[entry] !== length) return false;
    const start = this.starts[entry]!;
    if (start < 0) return this.names.get(entry) === name;
    const text = this.text;
    const src = at >= 0 ? text : name;
    const from = at >= 0 ? at : 0;
    for (let k = 0; k < length; k++) if (text.charCodeAt(start + k) !== src.charCodeAt(from + k)) return false;
    return true;
  }

  /** Doubles the slots, keeping them at most half full. */
  private grow(): void {
    const { slots, hashes } = doubledSlots(this.slots, this.hashes, this.mask + 1);
    this.slots = slots;
    this.hashes = hashes;
    this.mask = slots.length - 1;
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

function grown(column: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(column.length * 2);
  bigger.set(column);
  return bigger;
}
