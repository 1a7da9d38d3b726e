/**
 * `runpod-check check` and the language server agree, on the workspaces where they once did not
 * (each found by check-editor-differential.test.ts, minimised): per file the same findings.
 */
import { describe, expect, it, vi } from 'vitest';
import { DEFAULTS, useBothSides } from './checkEditorSides';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const bothSides = useBothSides();

describe('check and the editor agree', () => {
  it('a shared file with one environment beside it: a secret named for another environment is flagged in both', async () => {
    // The prod Pod boots with the shared file's keys: dev's password there reaches prod, whether
    // or not the template has a dev file (check judged the shared file only with two environments).
    const { editor, cli } = await bothSides({ 'train.runpod.env': 'DB={{ RUNPOD_SECRET_db_password_dev }}\n', 'train.prod.runpod.env': 'A=1\n' }, DEFAULTS);
    expect(editor['train.runpod.env']!.map((r) => r[5])).toEqual(['cross-environment-secret']);
    expect(cli).toEqual(editor);
  });
});
