/** "RunPod: Show Secret History": entries per secret, newest first, beside RunPod's dates; never a value. */
import { describe, expect, it } from 'vitest';
import { renderHistoryDocument } from '../../client/src/commands/historyDocument';
import type { HistoryEntry } from '../../client/src/secrets/history';
import type { Secret } from '../../client/src/runpod/types';

const account = { origin: 'https://api.runpod.io' };
const e = (at: string, action: HistoryEntry['action'], secret: string, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({ at, action, secret, account, source: 'editor', ...extra });
const secrets: Secret[] = [{ id: 's', name: 'hf-new', createdAt: '2026-11-01T00:00:00Z', description: null, valueLastUpdatedAt: '2026-11-02T00:00:00Z' }];
const entries = [
  e('2026-09-01T10:00:00Z', 'created', 'hf-old'),
  { ...e('2026-10-01T10:00:00Z', 'value-changed', 'hf-old'), source: 'cli' as const },
  e('2026-11-01T00:00:00Z', 'created', 'hf-new'),
  e('2026-11-01T00:01:00Z', 'renamed', 'hf-old', { to: 'hf-new' }),
  e('2026-11-01T00:02:00Z', 'deleted', 'hf-old'),
  e('2026-11-03T00:00:00Z', 'pods-restarted', 'hf-new', { pods: [{ id: 'p', name: 'train', ok: true }] }),
];
const now = Date.parse('2026-12-02T00:00:00Z');

describe('renderHistoryDocument', () => {
  it('groups by secret, most recently touched first, RunPod dates beside those still on the account', () => {
    const doc = renderHistoryDocument({ entries, secrets, now, account });
    expect(doc.indexOf('## hf-new')).toBeLessThan(doc.indexOf('## hf-old (not on the account now)'));
    expect(doc).toContain('RunPod: created 2026-11-01 00:00 UTC; value last updated 2026-11-02 00:00 UTC (value set 30 days ago).');
    const newSection = doc.slice(doc.indexOf('## hf-new'), doc.indexOf('## hf-old'));
    expect(newSection.split('\n').filter((l) => l.startsWith('- '))).toEqual([
      '- 2026-11-03 00:00 UTC · restarted 1 of 1 Pod \\(train\\) · editor · api.runpod.io',
      '- 2026-11-01 00:01 UTC · renamed from hf-old · editor · api.runpod.io',
      '- 2026-11-01 00:00 UTC · created · editor · api.runpod.io',
    ]);
    expect(doc).toContain('- 2026-10-01 10:00 UTC · value changed · runpod-check · api.runpod.io');
  });

  it('after a switch from dev to prod: prod\'s entries beside prod\'s dates, dev\'s and another origin\'s counted, not mixed in', () => {
    const dev = { origin: 'https://api.runpod.io', label: 'dev' };
    const prod = { origin: 'https://api.runpod.io', label: 'prod' };
    const prodSecrets: Secret[] = [{ id: 'p', name: 'hf-token', createdAt: '2026-11-20T00:00:00Z', description: null, valueLastUpdatedAt: '2026-11-20T00:00:00Z' }];
    const prodEntries = [{ ...e('2026-11-20T00:00:00Z', 'created', 'hf-token'), account: prod }];
    const hidden = [{ account: dev, count: 2 }, { account: { origin: 'http://127.0.0.1:44815' }, count: 1 }];
    const doc = renderHistoryDocument({ entries: prodEntries, hidden, account: prod, secrets: prodSecrets, now });
    expect(doc).toContain('Account: prod \\(api.runpod.io\\).');
    expect(doc).not.toContain('hf-read-token');
    expect(doc).not.toContain('renamed');
    expect(doc).toContain('## hf-token\n');
    expect(doc).toContain('_Not shown: 2 entries of other accounts or API URLs (2 of dev \\(api.runpod.io\\)). Switch to that account to see them._');
    expect(doc).toContain('_Not shown: 1 entry recorded by runpod-check with a key of no named account (1 at 127.0.0.1:44815)._');
  });

  it('an account the editor holds no key of (removed, or never added here) is to be added before it can be switched to', () => {
    const prod = { origin: 'https://api.runpod.io', label: 'prod' };
    const hidden = [{ account: { origin: 'https://api.runpod.io', label: 'team' }, count: 3 }, { account: { origin: 'https://api.runpod.io', label: 'dev' }, count: 1 }];
    const held = (name: string) => name === 'prod' || name === 'dev';
    expect(renderHistoryDocument({ entries: [], hidden, account: prod, secrets: [], now, held })).toContain(
      '_Not shown: 4 entries of other accounts or API URLs (3 of team \\(api.runpod.io\\), 1 of dev \\(api.runpod.io\\)). Switch to that account (add team first with RunPod: Add Account...: this editor holds no key of it) to see them._',
    );
    // Every one held: switching is the step.
    expect(renderHistoryDocument({ entries: [], hidden, account: prod, secrets: [], now, held: () => true })).toContain('1 of dev \\(api.runpod.io\\)). Switch to that account to see them._');
  });

  it('entries of no account name are not sent to an account to switch to: the editor\'s accounts all have names', () => {
    const prod = { origin: 'https://api.runpod.io', label: 'prod' };
    const hidden = [{ account: { origin: 'https://api.runpod.io' }, count: 2 }];
    const doc = renderHistoryDocument({ entries: [], hidden, account: prod, secrets: [], now });
    expect(doc).toContain('_Not shown: 2 entries recorded by runpod-check with a key of no named account (2 at api.runpod.io)._');
    expect(doc).not.toContain('Switch');
  });

  it('a history file of a thousand origins names the first few and counts the rest (one line, not a page of hosts)', () => {
    const hidden = Array.from({ length: 1000 }, (_, i) => ({ account: { origin: `http://10.0.${i >> 8}.${i & 255}:1` }, count: 1 }));
    const line = renderHistoryDocument({ entries: [], hidden, account, secrets: [], now }).split('\n').find((l) => l.startsWith('_Not shown'))!;
    expect(line).toMatch(/^_Not shown: 1,000 entries recorded by runpod-check with a key of no named account \(1 at 10\.0\.0\.0:1, .*, and 995 more API URLs\)\._$/);
    expect(line.length).toBeLessThan(300);
  });

  it('with no account known (the API URL unusable) nothing is judged "not on the account now"', () => {
    const doc = renderHistoryDocument({ entries, secrets, now });
    expect(doc).toContain('## hf-old\n');
    expect(doc).not.toContain('not on the account now');
    expect(doc).not.toContain('RunPod: created');
  });

  it('one secret from the tree; nothing recorded says so; a CLI file problem is said', () => {
    const one = renderHistoryDocument({ entries, secrets, now, name: 'hf-old' });
    expect(one).toContain('# History of hf-old');
    expect(one).not.toContain('## hf-new');
    expect(renderHistoryDocument({ entries: [], secrets: [], now })).toContain('Nothing recorded yet');
    expect(renderHistoryDocument({ entries: [], secrets, now, cliError: 'a symbolic link, not followed' })).toContain("runpod-check's history could not be read: a symbolic link, not followed");
  });

  it('escapes names as Markdown (a name cannot carry a link or HTML into the preview)', () => {
    const doc = renderHistoryDocument({ entries: [e('2026-11-01T00:00:00Z', 'created', '[x](command:evil)<img>')], secrets: [], now });
    expect(doc).not.toContain('](command:');
    expect(doc).not.toContain('<img>');
  });
});
