import { describe, expect, it } from 'vitest';
import { renderSecretDocument } from '../../client/src/commands/secretDocument';
import type { Secret } from '../../client/src/runpod/types';

const VALUE = 'sk-live-value-that-must-not-show';
const secret = {
  id: 's1',
  name: 'hf-token',
  createdAt: '2026-09-01T12:00:00Z',
  description: 'Hugging Face read token',
  valueLastUpdatedAt: '2026-09-05T09:15:00Z',
  value: VALUE,
} as Secret;

describe('View Secret document', () => {
  it('shows name, description, created, value last updated and the reference, never the value', () => {
    const doc = renderSecretDocument(secret, { files: [], account: [], accountUnchecked: [] });
    expect(doc).toContain('# hf-token');
    expect(doc).toContain('Hugging Face read token');
    expect(doc).toContain('2026-09-01 12:00 UTC');
    expect(doc).toContain('2026-09-05 09:15 UTC');
    expect(doc).toContain('`{{ RUNPOD_SECRET_hf-token }}`');
    expect(doc).toMatch(/write-only/);
    expect(doc).toContain('No references found.');
    expect(doc).not.toContain(VALUE);
  });

  it('shows "Searching…" before the usage search finishes', () => {
    expect(renderSecretDocument(secret, undefined)).toContain('Searching…');
  });

  it('lists file lines (1-based) and templates with their keys', () => {
    const doc = renderSecretDocument(secret, {
      files: [{ path: 'pods/a.runpod.env', uri: 'file:///w/pods/a.runpod.env', hits: [{ line: 0, column: 9, key: 'HF' }, { line: 6, column: 3 }] }],
      account: [
        { kind: 'template', id: 'tpl1', name: 'trainer', keys: ['HF_TOKEN'], notSubstituted: [] },
        { kind: 'pod', id: 'pod1', name: 'train-1', keys: ['HF_TOKEN'], notSubstituted: [], status: 'RUNNING', boot: 'active' },
      ],
      accountUnchecked: [],
    });
    expect(doc).toContain('pods/a.runpod.env, line 1 (HF)');
    expect(doc).toContain('pods/a.runpod.env, line 7');
    expect(doc).toContain('### Account templates\n\n- trainer (tpl1): HF\\_TOKEN');
    expect(doc).toContain('### Pods\n\n- train-1 (pod1, RUNNING): HF\\_TOKEN');
    expect(doc).not.toContain('No references found.');
  });

  it('says what on the account could not be checked', () => {
    const doc = renderSecretDocument(secret, { files: [], account: [], accountUnchecked: [{ kind: 'template', reason: 'Offline: RunPod cannot be reached' }] });
    expect(doc).toContain('Account templates were not checked: Offline');
  });

  it('with a clock shows the value age, and says when it is due for rotation', () => {
    const now = Date.parse('2026-12-08T09:15:00Z'); // 94 days after the value was set
    expect(renderSecretDocument(secret, undefined, { now, rotationDays: 365 })).toContain('**Value age:** value set 94 days ago\n');
    expect(renderSecretDocument(secret, undefined, { now, rotationDays: 90 })).toContain('value set 94 days ago — **due for rotation** (older than 90 days)');
  });

  it('lists the history newest first, with source and account, escaping names', () => {
    const doc = renderSecretDocument(secret, undefined, {
      history: [
        { at: '2026-09-01T12:00:00Z', action: 'created', secret: 'hf-token', account: { origin: 'https://api.runpod.io' }, source: 'editor' },
        { at: '2026-09-05T09:15:00Z', action: 'value-changed', secret: 'hf-token', account: { origin: 'https://api.runpod.io', label: 'work' }, source: 'cli' },
      ],
    });
    const history = doc.slice(doc.indexOf('## History'));
    expect(history).toContain('- 2026-09-05 09:15 UTC: value changed (runpod-check, work \\(api.runpod.io\\))\n- 2026-09-01 12:00 UTC: created (editor, api.runpod.io)');
    expect(renderSecretDocument(secret, undefined, { history: [] })).toContain('Nothing recorded');
  });

  it('a missing description reads "none"', () => {
    expect(renderSecretDocument({ ...secret, description: null }, undefined)).toContain('**Description:** _none_');
  });
});
