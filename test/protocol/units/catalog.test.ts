import { describe, expect, it } from 'vitest';
import { CatalogStore, UNKNOWN_CATALOG } from '../../../server/src/lsp/catalog';
import { API_ANSWER_MAX_BYTES, MAX_LISTED_SECRETS } from '../../../server/src/template/apiAnswers';
import { parseSecret } from '../../../client/src/runpod/parse';
import type { SecretCatalog } from '../../../server/src/template/types';
import { analyze } from '../../../server/src/template/analyze';
import { formatDate, formatInstant } from '../../../server/src/template/dates';

/** The catalog a store keeps from `raw` (the server's only way in), or what it logged when it kept none. */
function catalogOf(raw: unknown): SecretCatalog | string {
  const logs: string[] = [];
  const store = new CatalogStore((m) => logs.push(m));
  return store.update(raw, 'test') ? store.catalog : logs.join('\n');
}

describe('the secret list the client sends (runpod/secretsChanged)', () => {
  it('keeps names and metadata, including null description', () => {
    expect(
      catalogOf({
        state: 'fresh',
        fetchedAt: '2026-09-01T12:00:00Z',
        secrets: [{ name: 'hf-token', description: null, createdAt: '2026-09-01T12:00:00Z', valueLastUpdatedAt: '2026-09-02T00:00:00Z' }],
      }),
    ).toEqual({
      state: 'fresh',
      fetchedAt: '2026-09-01T12:00:00Z',
      secrets: [{ name: 'hf-token', description: null, createdAt: '2026-09-01T12:00:00Z', valueLastUpdatedAt: '2026-09-02T00:00:00Z' }],
    });
  });

  it('never keeps a value or unknown field a buggy sender included', () => {
    const store = new CatalogStore(() => undefined);
    expect(store.update({ state: 'fresh', secrets: [{ name: 'db', value: 'hunter2', id: 'x1', description: 5 }] }, 'test')).toBe(true);
    expect(store.catalog).toEqual({ state: 'fresh', secrets: [{ name: 'db' }] });
    expect(JSON.stringify(store.catalog)).not.toContain('hunter2');
  });

  it('accepts unknown without a list', () => {
    const store = new CatalogStore(() => undefined);
    expect(store.update({ state: 'fresh', secrets: [{ name: 'a' }] }, 'test')).toBe(true);
    expect(store.update({ state: 'unknown' }, 'test')).toBe(true);
    expect(store.catalog).toEqual(UNKNOWN_CATALOG);
  });

  it.each([
    null,
    'fresh',
    [],
    { state: 'loaded', secrets: [] },
    { state: 'fresh' },
    { state: 'fresh', secrets: {} },
    { state: 'fresh', secrets: [{ description: 'no name' }] },
    { state: 'fresh', secrets: ['hf-token'] },
    { state: 'stale', secrets: [], fetchedAt: 12 },
  ])('rejects malformed params %j with a reason', (raw) => {
    expect(catalogOf(raw)).toMatch(/^Ignored test: .+; keeping the previous secret list/);
  });
});

describe('CatalogStore', () => {
  it('keeps the previous catalog on a malformed notification and logs why', () => {
    const logs: string[] = [];
    const store = new CatalogStore((m) => logs.push(m));
    expect(store.update({ state: 'fresh', secrets: [{ name: 'a' }] }, 'test')).toBe(true);
    expect(store.update({ state: 'fresh', secrets: 'oops' }, 'test')).toBe(false);
    expect(store.catalog.secrets.map((s) => s.name)).toEqual(['a']);
    expect(logs.join('\n')).toMatch(/secrets is not an array/);
  });
});

describe('names no RunPod secret can have', () => {
  it('are left out of the catalog, and the log counts them without repeating them', () => {
    const logs: string[] = [];
    const store = new CatalogStore((m) => logs.push(m));
    expect(store.update({ state: 'fresh', secrets: [{ name: 'hf-token' }, { name: 'x }}\nEVIL=1' }, { name: '[a](command:x)' }, { name: '' }, { name: '1legacy' }] }, 'test')).toBe(true);
    // A leading digit is refused by today's rule but made of allowed characters: an older secret, kept.
    expect(store.catalog.secrets.map((s) => s.name)).toEqual(['hf-token', '1legacy']);
    expect(logs).toEqual(['test: left out 3 secret names with characters no RunPod secret name has.']);
  });
});

describe('a list longer than one RunPod answer can hold', () => {
  it('keeps the first MAX_LISTED_SECRETS names, and one log line says how many were left out', () => {
    // One more than the smallest secrets the extension takes (no createdAt) fill more than one answer.
    const smallest = { id: 'x', name: 'a' };
    expect(parseSecret(smallest)).toMatchObject(smallest);
    expect((MAX_LISTED_SECRETS + 1) * Buffer.byteLength(`${JSON.stringify(smallest)},`)).toBeGreaterThan(API_ANSWER_MAX_BYTES);
    expect(MAX_LISTED_SECRETS * Buffer.byteLength(`${JSON.stringify(smallest)},`)).toBeLessThanOrEqual(API_ANSWER_MAX_BYTES);
    const logs: string[] = [];
    const store = new CatalogStore((m) => logs.push(m));
    const secrets = Array.from({ length: MAX_LISTED_SECRETS + 3 }, (_, i) => ({ name: `s${i}`, description: 'd' }));
    expect(store.update({ state: 'fresh', secrets }, 'test')).toBe(true);
    expect(store.catalog.secrets).toHaveLength(MAX_LISTED_SECRETS);
    expect(store.catalog.secrets.at(-1)?.name).toBe(`s${MAX_LISTED_SECRETS - 1}`);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^test: left out 3 secret names past the first [\d,]+/);
  });
});

describe('a fetchedAt that is not a date', () => {
  const HOSTILE = 'notadate\n\n[evil](command:x) <img src=x>';

  it('is dropped from the catalog, logged once and never echoed', () => {
    const logs: string[] = [];
    const store = new CatalogStore((m) => logs.push(m));
    expect(store.update({ state: 'stale', fetchedAt: HOSTILE, secrets: [{ name: 'a' }] }, 'test')).toBe(true);
    expect(store.update({ state: 'stale', fetchedAt: HOSTILE, secrets: [{ name: 'b' }] }, 'test')).toBe(true);
    // The list still counts: only the time is lost.
    expect(store.catalog.secrets.map((s) => s.name)).toEqual(['b']);
    expect(store.catalog.fetchedAt).toBeUndefined();
    expect(logs).toEqual(['test: ignored a fetchedAt that is not a date.']);
  });

  it('never reaches the unknown-secret message', () => {
    const parsed = catalogOf({ state: 'stale', fetchedAt: HOSTILE, secrets: [{ name: 'a' }] });
    if (typeof parsed === 'string') throw new Error(parsed);
    const messages = analyze('A={{ RUNPOD_SECRET_nope }}', 'runpod-env', parsed).problems.map((p) => p.message);
    expect(messages.join('\n')).toMatch(/when it was last fetched; the list may be out of date/);
    expect(messages.join('\n')).not.toMatch(/notadate|evil|<img/);
  });

  it('keeps a real date', () => {
    const parsed = catalogOf({ state: 'stale', fetchedAt: '2026-11-19T09:15:00.000Z', secrets: [] });
    expect(typeof parsed !== 'string' && parsed.fetchedAt).toBe('2026-11-19T09:15:00.000Z');
  });
});

describe("a secret's createdAt or valueLastUpdatedAt that is not a date", () => {
  const HOSTILE = 'notadate\n\n[evil](command:x) <img src=x>';

  it('is dropped from the secret (the name kept), logged once per store with the field and never the text', () => {
    const logs: string[] = [];
    const store = new CatalogStore((m) => logs.push(m));
    const secrets = [
      { name: 'a', createdAt: HOSTILE, valueLastUpdatedAt: '2026-11-19T09:15:00.000Z' },
      { name: 'b', createdAt: '2026-11-18T09:15:00.000Z', valueLastUpdatedAt: HOSTILE },
      { name: 'c', createdAt: null },
    ];
    expect(store.update({ state: 'fresh', secrets }, 'test')).toBe(true);
    // The fetch time that is no date is dropped too: the list is the same as before, so no change.
    expect(store.update({ state: 'fresh', secrets, fetchedAt: HOSTILE }, 'test')).toBe(false);
    expect(store.catalog.secrets).toEqual([
      { name: 'a', valueLastUpdatedAt: '2026-11-19T09:15:00.000Z' },
      { name: 'b', createdAt: '2026-11-18T09:15:00.000Z' },
      { name: 'c', createdAt: null },
    ]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^test: ignored .*createdAt.* not a date/);
    expect(logs.join('\n')).not.toMatch(/notadate|evil|<img/);
  });
});

describe('formatInstant', () => {
  it('formats a date and never returns input it cannot read', () => {
    expect(formatInstant('2026-09-01T12:00:00Z')).toBe('2026-09-01 12:00 UTC');
    expect(formatInstant('notadate\n[evil](command:x)')).not.toMatch(/notadate|evil|\n/);
    expect(formatDate('notadate\n[evil](command:x)')).not.toMatch(/notadate|evil|\n/);
  });
});

describe('the account the list belongs to', () => {
  it('is kept by name; one that is no account name (a key, an escape) is as if none was said, said once without its text', () => {
    const logs: string[] = [];
    const store = new CatalogStore((m) => logs.push(m));
    expect(store.update({ state: 'fresh', secrets: [], account: 'team-prod' }, 'test')).toBe(true);
    expect(store.account).toBe('team-prod');
    const key = `rpa_${'A1b2C3d4'.repeat(5)}`;
    for (const account of [key, '\u001b[31mprod', '', 42]) {
      store.update({ state: 'fresh', secrets: [{ name: 'a' }], account }, 'test');
      expect(store.account).toBeUndefined();
      expect(store.catalog.secrets).toEqual([{ name: 'a' }]);
    }
    expect(logs).toEqual(['test: ignored an account that is not an account name; every file is checked against the list.']);
    // A later list without one (an older client's) says no account either.
    store.update({ state: 'fresh', secrets: [], account: 'dev' }, 'test');
    store.update({ state: 'fresh', secrets: [] }, 'test');
    expect(store.account).toBeUndefined();
  });
});

describe('CatalogStore.update', () => {
  const list = { state: 'fresh', fetchedAt: '2026-09-01T12:00:00Z', secrets: [{ name: 'hf-token', description: 'd' }], account: 'dev' };
  it('the same list of the same account again is no change: the list object stays (caches keyed on it hold)', () => {
    const store = new CatalogStore(() => undefined);
    expect(store.update(list, 'test')).toBe(true);
    const kept = store.catalog;
    expect(store.update(structuredClone(list), 'test')).toBe(false);
    expect(store.catalog).toBe(kept);
    expect(store.update({ ...list, account: 'prod' }, 'test')).toBe(true);
    expect(store.account).toBe('prod');
    expect(store.update({ ...list, account: 'prod', secrets: [{ name: 'hf-token', description: 'other' }] }, 'test')).toBe(true);
    expect(store.update({ ...list, account: 'prod', secrets: [{ name: 'hf-token', description: 'other' }], fetchedAt: '2026-09-02T12:00:00Z' }, 'test')).toBe(true);
  });

  it('only the held account names changed: a change (the notes say Switch or Add), but the list object and its caches stay', () => {
    const store = new CatalogStore(() => undefined);
    store.update({ ...list, accounts: ['dev'] }, 'test');
    const kept = store.catalog;
    expect(store.update({ ...list, accounts: ['dev', 'prod'] }, 'test')).toBe(true);
    expect(store.held).toEqual(['dev', 'prod']);
    expect(store.catalog).toBe(kept);
  });
});
