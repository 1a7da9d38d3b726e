/**
 * Insert Reference into an editor that refuses the edit (read-only, or changed meanwhile): the
 * message said why, and nothing to do next; now it offers Copy Reference, so the reference can be
 * pasted where the user wants it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { register as registerInsert } from '../../client/src/commands/insertReference';
import { fake, FakeDocument, Position, ui, Uri, window } from './vscodeFake';
import { fakeServices, secret } from './flowHelpers';

const doc = new FakeDocument(Uri.file('/w/train.runpod.env'), 'HF_TOKEN=\n');
const refusing = { document: { uri: doc.uri, lineAt: (line: number) => ({ text: doc.text.split('\n')[line]! }) }, selections: [{ isEmpty: true, active: new Position(0, 9), start: new Position(0, 9), end: new Position(0, 9) }], edit: async () => false };

beforeEach(() => {
  fake.reset();
  const { services } = fakeServices([secret('hf-token')]);
  registerInsert(services);
});

describe('Insert Reference into an editor that refuses the edit', () => {
  it('says why and offers Copy Reference, which runs Copy Reference for that secret', async () => {
    (window as { activeTextEditor?: unknown }).activeTextEditor = refusing;
    fake.dialogAnswers.push('Copy Reference');
    try {
      await fake.commands.get('runpod.secrets.insertReference')!('hf-token');
    } finally {
      (window as { activeTextEditor?: unknown }).activeTextEditor = undefined;
    }
    expect(fake.messages.at(-1)).toMatchObject({
      level: 'warning',
      text: 'Could not insert {{ RUNPOD_SECRET_hf-token }}: the editor is read-only or changed. Copy the reference and paste it where it goes.',
      buttons: ['Copy Reference'],
    });
    expect(ui.executed).toContainEqual({ id: 'runpod.secrets.copyReference', args: ['hf-token'] });
  });
});
