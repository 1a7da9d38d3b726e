/**
 * Add KEY's edit into a file open only through a symbolic link goes to the tab (lsp/templateFiles.ts):
 * both halves of that are required, so a new caller cannot leave them out and bring back the edit
 * that wrote the disk under the tab. Checked by `npm run typecheck` (an unused @ts-expect-error is an
 * error there), and here that the server's reader names the tab's URI only with the folders given.
 */
import { describe, expect, it } from 'vitest';
import type { TemplateFiles } from '../../../server/src/template/environments/addKey';
import { templateFiles } from '../../../server/src/lsp/templateFiles';

describe('Add KEY: the folders and the edit URI are required', () => {
  it('a reader of the template files without editUriOf, and templateFiles without the folders, do not compile', () => {
    // @ts-expect-error editUriOf is required: without it the edit names the real path, not the tab.
    const files: TemplateFiles = { textOf: () => '', kindOf: () => 'runpod-env', referencesOf: () => [] };
    expect('editUriOf' in files).toBe(false);
    const documents = { get: () => undefined, all: () => [] };
    const store = { get: () => undefined };
    const self = { uri: 'file:///ws/a.runpod.env', kind: 'runpod-env' as const, analysis: { references: [] } };
    // @ts-expect-error the workspace folders are required: without them no linked tab is found.
    const missing = () => templateFiles(documents, store, self);
    expect(typeof missing).toBe('function');
    expect(templateFiles(documents, store, self, () => []).editUriOf('file:///ws/b.runpod.env')).toBe('file:///ws/b.runpod.env');
  });
});
