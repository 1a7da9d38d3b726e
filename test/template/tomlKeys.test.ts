/** The TOML reader's table of keys (server/src/template/readers/tomlKeys.ts): keys by table, written verbatim or not. */
import { describe, expect, it } from 'vitest';
import { newTableId, TomlKeys } from '../../server/src/template/readers/tomlKeys';

describe('TomlKeys', () => {
  it('tells keys apart by table and by text, whether written verbatim or given as strings', () => {
    const text = 'A = 1\nA = 2\nB = 3';
    const keys = new TomlKeys<number>(text, -1);
    const [t, u] = [newTableId(), newTableId()];
    keys.set(t, 'A', 0, 1);
    expect(keys.get(t, 'A', 6)).toBe(1); // the same key written again
    expect(keys.get(t, 'A', -1)).toBe(1); // the same key from an escaped spelling
    expect(keys.get(u, 'A', 0)).toBeUndefined();
    expect(keys.get(t, 'B', 12)).toBeUndefined();
    keys.set(t, 'é', -1, 2);
    expect(keys.get(t, 'é', -1)).toBe(2);
  });

  it('sets a key looked up earlier where it belongs, though other keys were added since (and the table grew)', () => {
    const text = Array.from({ length: 200 }, (_, i) => `K${i} = 1`).join('\n');
    const keys = new TomlKeys<number>(text, -1);
    const t = newTableId();
    const at = (i: number): number => text.indexOf(`K${i} `);
    expect(keys.get(t, 'K0', at(0))).toBeUndefined();
    for (let i = 1; i < 200; i++) keys.set(t, `K${i}`, at(i), i);
    keys.set(t, 'K0', at(0), 0);
    for (let i = 0; i < 200; i++) expect(keys.get(t, `K${i}`, at(i))).toBe(i);
  });

  it('gives back the node of each key, the common one and the others, after either replaces the other', () => {
    const text = Array.from({ length: 300 }, (_, i) => `K${i} = 1`).join('\n');
    const at = (i: number): number => text.indexOf(`K${i} `);
    const common = { kind: 'value' };
    const keys = new TomlKeys<object>(text, common);
    const t = newTableId();
    const tables = new Map<number, object>();
    for (let i = 0; i < 300; i++) {
      const node = i % 7 === 0 ? { kind: 'table', i } : common;
      if (node !== common) tables.set(i, node);
      keys.set(t, `K${i}`, at(i), node);
    }
    // A table replaced by the common node, and the common node by a table.
    keys.set(t, 'K7', at(7), common);
    tables.delete(7);
    const later = { kind: 'table', later: true };
    keys.set(t, 'K8', at(8), later);
    tables.set(8, later);
    for (let i = 0; i < 300; i++) expect(keys.get(t, `K${i}`, at(i))).toBe(tables.get(i) ?? common);
  });

  it('keeps nothing of a released table in the next, and two tables in use at once apart', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `K${i} = 1`).join('\n');
    const at = (i: number): number => text.indexOf(`K${i} `);
    const first = new TomlKeys<number>(text, -1);
    const t = newTableId();
    for (let i = 0; i < 3000; i++) first.set(t, `K${i}`, at(i), i);
    first.release();
    // The next table takes the released arrays; one made while it is in use gets its own.
    const [next, other] = [new TomlKeys<number>(text, -1), new TomlKeys<number>(text, -1)];
    for (let i = 0; i < 3000; i++) expect(next.get(t, `K${i}`, at(i))).toBeUndefined();
    for (let i = 0; i < 3000; i += 2) next.set(t, `K${i}`, at(i), i);
    for (let i = 1; i < 3000; i += 2) other.set(t, `K${i}`, at(i), i);
    for (let i = 0; i < 3000; i++) {
      expect(next.get(t, `K${i}`, at(i))).toBe(i % 2 ? undefined : i);
      expect(other.get(t, `K${i}`, at(i))).toBe(i % 2 ? i : undefined);
    }
  });
});
