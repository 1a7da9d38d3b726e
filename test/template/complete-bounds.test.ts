/**
 * Completion over a huge secret list (RunPod allows descriptions of 65,535 bytes and an account may
 * hold any number of secrets): the answer is bounded in items and in text, and the names the user is
 * typing stay reachable. `incomplete` tells the editor to ask again as the user types.
 */
import { describe, expect, it } from 'vitest';
import { complete, type SecretCatalog } from '../../server/src/template';
import { MAX_COMPLETION_ITEMS } from '../../server/src/template/complete';
import { cursor } from './cursor';

const HUGE_DESCRIPTION = `first line of the description\n${'x'.repeat(65_000)}`;
const many = (n: number, description?: string): SecretCatalog => ({
  state: 'fresh',
  secrets: Array.from({ length: n }, (_, i) => ({ name: `name-${i}`, ...(description ? { description } : {}), createdAt: '2024-01-01T00:00:00Z' })),
});

function at(src: string, catalog: SecretCatalog) {
  const { text, offset } = cursor(src);
  // Narrowing: the editor asking again for an open, incomplete list as the user types on.
  const result = complete(text, offset, 'runpod-env', catalog, undefined, 'narrowing');
  if (!result) throw new Error(`no completion in ${src}`);
  return result;
}

describe('completion over a huge secret list', () => {
  it('answers at most MAX_COMPLETION_ITEMS items and says the list is incomplete', () => {
    const result = at('A={{ RUNPOD_SECRET_|', many(100_000));
    expect(result.items.length).toBe(MAX_COMPLETION_ITEMS);
    expect(result.incomplete).toBe(true);
  });

  it.each(['A={{ RUNPOD_SECRET_name-99999|', 'A={{ name-99999|', 'A=name-99999|'])('keeps the typed name reachable: %s', (src) => {
    const result = at(src, many(100_000));
    expect(result.items.map((i) => i.label)).toContain('name-99999');
    expect(result.items.length).toBeLessThanOrEqual(MAX_COMPLETION_ITEMS);
  });

  it('filters by what is typed, whatever its case', () => {
    const result = at('A={{ RUNPOD_SECRET_NAME-1234|', many(100_000));
    expect(result.items.map((i) => i.label)).toEqual(expect.arrayContaining(['name-1234', 'name-12345']));
    expect(result.items.every((i) => i.label.includes('name-1234'))).toBe(true);
  });

  it('gives every item of a small list, complete', () => {
    const result = at('A={{ RUNPOD_SECRET_|', many(10));
    expect(result.items).toHaveLength(10);
    expect(result.incomplete).toBe(false);
  });

  it('bounds the text of every item: descriptions of the maximum length do not make a huge answer', () => {
    const result = at('A={{ RUNPOD_SECRET_|', many(1_000, HUGE_DESCRIPTION));
    const size = JSON.stringify(result).length;
    expect(size).toBeLessThan(2_000_000);
    const item = result.items[0]!;
    // Shown once: the documentation has the (clipped) description, no detail repeats its first line.
    expect(item.detail).toBeUndefined();
    expect(item.documentation).toContain('first line of the description');
    expect(item.documentation!.length).toBeLessThan(2_000);
    expect(item.documentation).toContain('…');
  });
});
