/** The TOML reader's table of keys (server/src/template/readers/tomlKeys.ts): keys by table, written verbatim or not. */
import { describe, expect, it } from 'vitest';
import { newTableId, TomlKeys } from '../../server/src/template/readers/tomlKeys';

describe('TomlKeys', () => {
  it('tells keys apart by table and by text, whether written verbatim or given as strings', () => {
    const text = 'A = 1\nA = 2\nB = 3';
    const keys = new TomlKeys<number>(text);
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
    const keys = new TomlKeys<number>(text);
    const t = newTableId();
    const at = (i: number): number => text.indexOf(`K${i} `);
    expect(keys.get(t, 'K0', at(0))).toBeUndefined();
    for (let i = 1; i < 200; i++) keys.set(t, `K${i}`, at(i), i);
    keys.set(t, 'K0', at(0), 0);
    for (let i = 0; i < 200; i++) expect(keys.get(t, `K${i}`, at(i))).toBe(i);
  });
});
