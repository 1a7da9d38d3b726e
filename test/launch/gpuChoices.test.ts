import { describe, expect, it } from 'vitest';
import { cloudChoices, countChoices, cpuChoice, formatPrice, gpuChoices, maxGpuCount } from '../../client/src/launch/gpuChoices';
import { gpuTable } from '../../client/src/cli/lists';
import type { GpuType } from '../../client/src/runpod/types';
import { defaultCatalog } from '../fake-runpod/catalog';

const catalog: GpuType[] = defaultCatalog();

describe('gpuChoices', () => {
  it('shows memory, each cloud price and availability; launchable types first, cheapest first', () => {
    const items = gpuChoices(catalog);
    expect(items.map((i) => i.label)).toEqual(['RTX 4090', 'A100 80GB', 'H100 SXM', 'RTX A6000']);
    expect(items[0]!.description).toBe('24 GB · Secure $0.69/hr, High · Community $0.34/hr, Medium');
    expect(items[2]!.description).toBe('80 GB · Secure $2.99/hr, Low · Community: not offered');
    const a6000 = items[3]!;
    expect(a6000.available).toBe(false);
    expect(a6000.description).toContain('no capacity');
    expect(a6000.detail).toMatch(/no capacity right now/);
  });

  it('orders by the preferred cloud price when one is given', () => {
    const gpus: GpuType[] = [
      { id: 'a', name: 'A', memory: 16, secure: true, community: true, price: { secure: 0.5, community: 0.1 }, maxCount: 1 },
      { id: 'b', name: 'B', memory: 16, secure: true, community: true, price: { secure: 0.2, community: 0.3 }, maxCount: 1 },
    ];
    expect(gpuChoices(gpus, 'SECURE').map((g) => g.id)).toEqual(['b', 'a']);
    expect(gpuChoices(gpus, 'COMMUNITY').map((g) => g.id)).toEqual(['a', 'b']);
  });

  it('treats missing availability as unknown (launchable) and false/0/"None" as no capacity', () => {
    const base = { memory: 8, secure: true, community: true, price: { secure: 1, community: 1 }, maxCount: 2 };
    const [unknown, none, zero, no] = ['u', 'n', 'z', 'f'].map((id) => ({ ...base, id, name: id })) as GpuType[];
    none!.availability = { secure: 'None', community: 'none' };
    zero!.availability = { secure: 0, community: 0 };
    no!.availability = { secure: false, community: false };
    const items = gpuChoices([unknown!, none!, zero!, no!]);
    expect(items.filter((i) => i.available).map((i) => i.id)).toEqual(['u']);
  });
});

describe('countChoices and cloudChoices', () => {
  const [rtx4090, a100] = gpuChoices(catalog);

  it('offers 1..maxCount with the price multiplied', () => {
    const counts = countChoices(rtx4090!, 'SECURE');
    expect(counts).toHaveLength(8);
    expect(counts[1]).toEqual({ count: 2, label: '2 × RTX 4090', description: '$1.38/hr' });
  });

  it("a catalog's broken or hostile maxCount never makes the count step list more than a Pod could have", () => {
    const base = catalog[0]!;
    const counts = (maxCount: number) => countChoices(gpuChoices([{ ...base, maxCount }])[0]!, 'SECURE').map((c) => c.count);
    expect(counts(1e300)).toHaveLength(64);
    expect(counts(0)).toEqual([1]);
    expect(counts(-3)).toEqual([1]);
    expect(counts(2.7)).toEqual([1, 2]);
    // The command line's --gpu-count check reads the same rule.
    expect(maxGpuCount({ maxCount: 1e300 })).toBe(64);
    expect(maxGpuCount({ maxCount: 8 })).toBe(8);
  });

  it("`gpus list` shows the most a launch takes (maxGpuCount), not the catalog's raw maxCount", () => {
    const maxColumn = (maxCount: number) => {
      const [header, row] = gpuTable([{ ...catalog[0]!, maxCount }], false).trimEnd().split('\n').map((line) => line.split(/ {2,}/));
      return row![header!.indexOf('MAX')];
    };
    expect(maxColumn(100)).toBe(String(maxGpuCount({ maxCount: 100 })));
    expect(maxColumn(1e300)).toBe('64');
    expect(maxColumn(0)).toBe('1');
    expect(maxColumn(2.7)).toBe('2');
    expect(maxColumn(8)).toBe('8');
  });

  it('`gpus list` shows a price as Launch Pod does (formatPrice): `/hr`, and a third decimal when the catalog has one', () => {
    const [header, row] = gpuTable([{ ...catalog[0]!, price: { secure: 0.345, community: null } }], false).trimEnd().split('\n').map((line) => line.split(/ {2,}/));
    expect(row![header!.indexOf('SECURE')]).toBe(formatPrice(0.345));
    expect(formatPrice(0.345)).toBe('$0.345/hr');
    expect(row![header!.indexOf('COMMUNITY')]).toBe('-');
  });

  it('prints every two-decimal price with two decimals (no float residue: 0.29 * 100 is 28.999...)', () => {
    const wrong: string[] = [];
    for (let cents = 1; cents <= 999; cents++) {
      const want = `$${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}/hr`;
      if (formatPrice(cents / 100) !== want) wrong.push(`${cents / 100} -> ${formatPrice(cents / 100)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps a third decimal when the price has one, and rounds past it', () => {
    expect([0.001, 0.345, 1.005, 2.675, 9.999, 0.2899999].map(formatPrice)).toEqual(['$0.001/hr', '$0.345/hr', '$1.005/hr', '$2.675/hr', '$9.999/hr', '$0.29/hr']);
  });

  it('gives each cloud the price for the count and marks the cloud without capacity', () => {
    const clouds = cloudChoices(a100!, 2);
    expect(clouds[0]).toMatchObject({ cloud: 'SECURE', available: true, pricePerHour: 3.28, description: '$3.28/hr for 2 GPUs · availability Low' });
    expect(clouds[1]).toMatchObject({ cloud: 'COMMUNITY', available: false, description: '$2.38/hr for 2 GPUs · no capacity right now' });
  });

  it('lets a CPU Pod use either cloud', () => {
    expect(cloudChoices(cpuChoice(), 1).every((c) => c.available)).toBe(true);
  });

  it('formats prices', () => {
    expect(formatPrice(0.5)).toBe('$0.50/hr');
    expect(formatPrice(0.345)).toBe('$0.345/hr');
    expect(formatPrice(null)).toBe('price n/a');
  });
});
