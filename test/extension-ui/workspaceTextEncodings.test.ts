/**
 * The extension's own read of a workspace file (Launch Pod, Deploy, Compare Environments, Find
 * Usages) decodes it as the editor and the language server do (fileText.ts): a UTF-16 template
 * with a byte order mark is its text, not NUL-strewn garbage the launch would refuse as invalid.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { readWorkspaceText } from '../../client/src/workspaceText';
import { fake, Uri, workspace } from './vscodeFake';

const TEXT = '{ "env": { "A": "{{ RUNPOD_SECRET_hf }}", "B": "é😀" } }\n';

beforeEach(() => fake.reset());

describe('readWorkspaceText', () => {
  it.each([
    ['UTF-8 with a BOM', Buffer.from(`\ufeff${TEXT}`)],
    ['UTF-16LE', Buffer.from(`\ufeff${TEXT}`, 'utf16le')],
    ['UTF-16BE', Buffer.from(`\ufeff${TEXT}`, 'utf16le').swap16()],
  ])('a %s file reads as its text, without the mark', async (_name, bytes) => {
    fake.files.set('/w/t.runpod.json', 'x'.repeat(bytes.length));
    vi.spyOn(workspace.fs, 'readFile').mockResolvedValueOnce(new Uint8Array(bytes));
    expect(await readWorkspaceText(Uri.from({ scheme: 'file', path: '/w/t.runpod.json' }) as never)).toEqual({ ok: true, text: TEXT });
  });
});
