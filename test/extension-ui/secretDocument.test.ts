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
    const doc = renderSecretDocument(secret, { files: [], templates: [] });
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
      templates: [{ templateId: 'tpl1', templateName: 'trainer', keys: ['HF_TOKEN'] }],
      templatesError: undefined,
    });
    expect(doc).toContain('pods/a.runpod.env, line 1 (HF)');
    expect(doc).toContain('pods/a.runpod.env, line 7');
    expect(doc).toContain('trainer (tpl1): HF\\_TOKEN');
    expect(doc).not.toContain('No references found.');
  });

  it('says when templates could not be checked', () => {
    const doc = renderSecretDocument(secret, { files: [], templates: [], templatesError: 'Offline: RunPod cannot be reached' });
    expect(doc).toContain('Account templates were not checked: Offline');
  });

  it('a missing description reads "none"', () => {
    expect(renderSecretDocument({ ...secret, description: null }, undefined)).toContain('**Description:** _none_');
  });
});
