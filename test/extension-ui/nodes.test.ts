import { describe, expect, it } from 'vitest';
import { buildView, ContextValues, NodeCommands, secretNode, type NodeContext } from '../../client/src/views/nodes';
import type { Secret } from '../../client/src/runpod/types';
import type { StoreState } from '../../client/src/services';
import { indexGapSentence, type FilesGap } from '../../client/src/secrets/indexGap';
import { tooDeepText } from '../../server/src/index/walk';
import { parseSecretUsages } from '../../client/src/secrets/workspaceIndex';
import { deleteWarningDetail } from '../../client/src/commands/deleteFlow';
import { bySecretName } from '../../client/src/secrets/nameOrder';

const VALUE = 'hf_SuperSecretValue_123456';

function secret(name: string, extra: Partial<Secret> & Record<string, unknown> = {}): Secret {
  return {
    id: `id-${name}`,
    name,
    createdAt: '2026-09-01T12:00:00Z',
    description: null,
    valueLastUpdatedAt: '2026-09-02T08:30:00Z',
    ...extra,
  } as Secret;
}

/** A listing as the store keeps it: in name order (SecretsStore sorts each listing it takes; the view sorts nothing). */
const secrets = [
  secret('zeta', { description: 'Last one' }),
  // Extra fields a misbehaving API or a test double might carry: none may reach the view.
  secret('hf-token', { description: 'Hugging Face read token', value: VALUE, secretValue: VALUE } as Record<string, unknown>),
  secret('Alpha'),
].sort(bySecretName);

describe('buildView per store state', () => {
  it('signed-out and untrusted give no nodes, so the welcome content shows', () => {
    for (const state of [{ kind: 'signed-out' }, { kind: 'untrusted' }] as StoreState[]) {
      const view = buildView(state, secrets);
      expect(view.nodes).toEqual([]);
      expect(view.message).toBeUndefined();
      expect(view.loading).toBe(false);
    }
  });

  it("fresh lists the store's listing in its order (by name, case-insensitively), with the secret contextValue", () => {
    const view = buildView({ kind: 'fresh', fetchedAt: '2026-09-03T00:00:00Z' }, secrets);
    expect(view.nodes.map((n) => n.label)).toEqual(['Alpha', 'hf-token', 'zeta']);
    expect(view.nodes.every((n) => n.contextValue === ContextValues.secret)).toBe(true);
    expect(new Set(view.nodes.map((n) => n.id)).size).toBe(3);
  });

  it("keeps the store's order: the order of names is decided where a listing enters the store, not again here", () => {
    const listing = [secret('b'), secret('a')];
    expect(buildView({ kind: 'fresh', fetchedAt: 'x' }, listing).nodes.map((n) => n.label)).toEqual(['b', 'a']);
  });

  it('loading without a previous list shows a message and progress; with one keeps the list', () => {
    const empty = buildView({ kind: 'loading' }, []);
    expect(empty.loading).toBe(true);
    expect(empty.message).toMatch(/Loading secrets/);
    expect(empty.nodes).toEqual([]);
    const kept = buildView({ kind: 'loading', previous: { kind: 'fresh', fetchedAt: 'x' } }, secrets);
    expect(kept.loading).toBe(true);
    expect(kept.message).toBeUndefined();
    expect(kept.nodes).toHaveLength(3);
  });

  it.each([
    ['unauthorized', /rejected the API key/, true],
    ['forbidden', /no permission/, true],
    ['network', /Offline/, false],
    ['timeout', /Offline/, false],
    ['rate-limited', /Rate limited/, false],
  ])('error %s: one node saying the cause, with Retry', (kind, cause, offersKey) => {
    const view = buildView({ kind: 'error', error: { kind, message: 'RunPod said no (details)' } }, []);
    const [first, ...rest] = view.nodes;
    expect(first?.kind).toBe('error');
    expect(first?.contextValue).toBe(ContextValues.error);
    expect(first?.label).toMatch(cause);
    expect(first?.kind !== 'secret' && first?.command.id).toBe(NodeCommands.retry);
    expect(first?.tooltip).toContain('RunPod said no \\(details\\)');
    expect(rest.map((n) => n.kind !== 'secret' && n.command.id)).toEqual(offersKey ? [NodeCommands.setApiKey] : []);
  });

  it('a 404 on the list (invalid-config: the API URL or the key) offers Open Settings at runpod.apiUrl, then Set API Key', () => {
    for (const state of [
      { kind: 'error' as const, error: { kind: 'invalid-config', message: 'RunPod answered 404 to list secrets' } },
      { kind: 'stale' as const, fetchedAt: '2026-09-01T10:32:00Z', error: { kind: 'invalid-config', message: 'RunPod answered 404 to list secrets' } },
    ]) {
      const [first, ...rest] = buildView(state, []).nodes;
      expect(first?.kind !== 'secret' && first?.command.id).toBe(NodeCommands.retry);
      const actions = rest.flatMap((n) => (n.kind === 'action' ? [n] : []));
      expect(actions.map((n) => [n.label, n.command])).toEqual([
        ['Open Settings…', { id: NodeCommands.openSettings, title: 'Open Settings', arguments: ['runpod.apiUrl'] }],
        ['Set API Key…', { id: NodeCommands.setApiKey, title: 'Set API Key' }],
      ]);
      expect(new Set(actions.map((n) => n.id)).size).toBe(2);
    }
  });

  it('error with the store still holding secrets shows only the error (never loaded means nothing to list)', () => {
    const view = buildView({ kind: 'error', error: { kind: 'server', message: 'boom' } }, []);
    expect(view.nodes.filter((n) => n.kind === 'secret')).toEqual([]);
  });

  it('stale shows an offline node with the time of the last good fetch above the last list', () => {
    const view = buildView(
      { kind: 'stale', fetchedAt: '2026-09-01T10:32:00Z', error: { kind: 'network', message: 'connection refused' } },
      secrets,
    );
    expect(view.nodes[0]).toMatchObject({ kind: 'stale', contextValue: ContextValues.stale, icon: 'warning' });
    expect(view.nodes[0]?.label).toMatch(/Offline/);
    expect(view.nodes[0]?.description).toContain('2026-09-01 10:32 UTC');
    expect(view.nodes.slice(1).map((n) => n.label)).toEqual(['Alpha', 'hf-token', 'zeta']);
  });
});

describe('secret nodes', () => {
  it('description is the secret description (one line) with the created date', () => {
    const node = secretNode(secret('hf-token', { description: 'Hugging Face\nread token' }));
    expect(node.description).toBe('Hugging Face read token · created 2026-09-01');
    expect(secretNode(secret('bare')).description).toBe('created 2026-09-01');
  });

  it("a description's escape and bidi characters are shown as escapes in the tree, as everywhere else", () => {
    const node = secretNode(secret('x', { description: 'abc\u202Edef\u001b[2Kghi' }));
    expect(node.description).toBe('abc\\u202edef\\u001b[2Kghi · created 2026-09-01');
    const long = secretNode(secret('y', { description: `${'a'.repeat(78)}\u{1F600}tail` })).description!;
    // Cut with an ellipsis at 80 characters, never inside the emoji's surrogate pair.
    expect(long).toBe(`${'a'.repeat(78)}… · created 2026-09-01`);
  });

  it('tooltip carries all metadata and the write-only note', () => {
    const node = secretNode(secret('hf-token', { description: 'Hugging Face read token' }));
    expect(node.tooltip).toContain('Created: 2026-09-01 12:00 UTC');
    expect(node.tooltip).toContain('Value last updated: 2026-09-02 08:30 UTC');
    expect(node.tooltip).toContain('Hugging Face read token');
    expect(node.tooltip).toMatch(/write-only/);
    expect(node.tooltip).toContain('RUNPOD\\_SECRET\\_hf-token');
  });

  it('unknown value-update time says unknown instead of failing', () => {
    expect(secretNode(secret('x', { valueLastUpdatedAt: null })).tooltip).toContain('Value last updated: unknown');
  });

  it('never carries a value, even when the secret object has extra fields', () => {
    const view = buildView({ kind: 'fresh', fetchedAt: 'now' }, secrets);
    expect(JSON.stringify(view)).not.toContain(VALUE);
  });

  it('escapes user text in the tooltip: no links, no HTML, no command URIs', () => {
    const evil = secretNode(secret('x', { description: '[click](command:runpod.secrets.delete) <img src=x onerror=alert(1)> **bold**' }));
    expect(evil.tooltip).not.toContain('](command:');
    expect(evil.tooltip).not.toContain('<img');
    expect(evil.tooltip).toContain('\\[click\\]');
    expect(evil.tooltip).toContain('&lt;img');
    expect(evil.tooltip).toContain('\\*\\*bold\\*\\*');
  });
});

describe('secret nodes with usage counts and the value age', () => {
  const now = Date.parse('2027-01-04T08:30:00Z'); // 124 days after 2026-09-02T08:30Z
  const known = (files: Record<string, number>, gap?: FilesGap) => ({ kind: 'known' as const, files: new Map(Object.entries(files)), ...(gap ? { gap } : {}) });
  const account = (counts: Record<string, Partial<{ templates: number; activePods: number; stoppedPods: number; endpoints: number }>>, unchecked: { kind: 'template' | 'pod' | 'endpoint'; reason: string }[] = []) => ({
    kind: 'known' as const,
    counts: new Map(Object.entries(counts).map(([n, c]) => [n, { templates: 0, activePods: 0, stoppedPods: 0, endpoints: 0, ...c }])),
    unchecked,
  });
  const node = (workspace: NodeContext['workspace'], acct: NodeContext['account'], rotationDays = 365) =>
    secretNode(secret('hf-token', { description: 'read token' }), { now, rotationDays, workspace, account: acct });

  it('says where it is used and how old the value is', () => {
    const n = node(known({ 'hf-token': 3 }), account({ 'hf-token': { templates: 2, activePods: 1 } }));
    expect(n.description).toBe('read token · 3 files · 2 templates · 1 running Pod · value set 124 days ago');
    expect(n.rotationDue).toBe(false);
    expect(n.tooltip).toContain('Used: 3 files · 2 templates · 1 running Pod');
  });

  it('"unused" only when every source is known and has none', () => {
    expect(node(known({}), account({})).description).toBe('read token · unused · value set 124 days ago');
  });

  it('says what it does not know instead of showing 0', () => {
    expect(node({ kind: 'unavailable', reason: 'the language server is not running' }, account({})).description).toBe('read token · files not indexed · value set 124 days ago');
    expect(node(known({ 'hf-token': 2 }, 'indexing'), account({})).description).toContain('2+ files');
    expect(node(known({}, 'indexing'), account({})).description).toContain('files: indexing…');
    const offline = node(known({}), account({}, [{ kind: 'pod', reason: 'Offline' }]));
    expect(offline.description).toContain('account not checked');
    expect(offline.description).not.toContain('unused');
    expect(offline.tooltip).toContain('Account Pods not checked: Offline');
    // Nothing loaded yet: no usage part at all (not "unused").
    expect(node({ kind: 'pending' }, { kind: 'pending' }).description).toBe('read token · value set 124 days ago');
  });

  it.each([
    ['indexing', 'files: indexing…'],
    ['limit', 'files: not all indexed'],
    ['settings', 'files: not all indexed'],
    ['search', 'files: not all indexed'],
    ['unreadable', 'files: not all indexed'],
    ['partial', 'files: not all read'],
    ['unanswered', 'files: not all read'],
    ['unansweredPartial', 'files: not all read'],
  ] as const)('says why the index may lack files (%s) in the tooltip, in the one sentence for that cause', (gap, none) => {
    const n = node(known({}, gap), account({}));
    const tooltip = n.tooltip.replace(/\\/g, ''); // Markdown escapes
    expect(tooltip).toContain(indexGapSentence(gap));
    for (const other of (['indexing', 'limit', 'settings', 'search', 'unreadable', 'partial', 'unanswered', 'unansweredPartial'] as const).filter((g) => g !== gap)) expect(tooltip).not.toContain(indexGapSentence(other));
    expect(n.description).toContain(none);
    expect(node(known({ 'hf-token': 2 }, gap), account({})).description).toContain('2+ files');
    expect(node(known({}), account({})).tooltip).not.toMatch(/may be more files/);
  });

  it('names the first folder too deep for the index in the tooltip, where the index named one', () => {
    const n = node({ ...known({}, 'limit'), deepFolder: '/w/gen/d' }, account({}));
    expect(n.tooltip.replace(/\\/g, '')).toContain(indexGapSentence('limit', '/w/gen/d'));
    expect(indexGapSentence('limit', '/w/gen/d')).toContain(tooDeepText('/w/gen/d'));
  });

  it('a hostile deep folder from the server, through the parse, the tooltip and the Delete dialog: one line, cut, no link', () => {
    const hostile = `/w/x\n**bold** [x](command:evil)/${'d/'.repeat(3000)}`;
    const parsed = parseSecretUsages({ complete: false, gap: 'limit', deepFolder: hostile, usages: {} })!;
    const n = node({ ...known({}, 'limit'), deepFolder: parsed.deepFolder! }, account({}));
    const detail = deleteWarningDetail('x', { files: [], filesGap: 'limit', deepFolder: parsed.deepFolder!, account: [], accountUnchecked: [] });
    for (const text of [n.tooltip, detail]) {
      expect(text).not.toContain('](command:evil)');
      expect(text).not.toContain('x\n**bold**');
      expect(text.length).toBeLessThan(2000);
    }
  });

  it('marks a value older than the rotation policy, and only then', () => {
    const due = node(known({}), account({}), 90);
    expect(due.rotationDue).toBe(true);
    expect(due.tooltip).toContain('**Due for rotation:** value set 124 days ago, more than 90 days');
    expect(node(known({}), account({}), 0).rotationDue).toBe(false);
  });

  it('buildView passes the context to every secret node', () => {
    const view = buildView({ kind: 'fresh', fetchedAt: 'x' }, secrets, { now, rotationDays: 90, workspace: known({ zeta: 1 }), account: account({}) });
    expect(view.nodes.map((n) => n.kind === 'secret' && n.rotationDue)).toEqual([true, true, true]);
    expect(view.nodes.find((n) => n.label === 'zeta')!.description).toBe('Last one · 1 file · value set 124 days ago');
    expect(JSON.stringify(view)).not.toContain(VALUE);
  });
});
