/**
 * Insert Reference into an editor that refuses the edit (read-only, or changed meanwhile): the
 * message said why, and nothing to do next; now it offers Copy Reference, so the reference can be
 * pasted where the user wants it. An editor made read-only in session (VS Code 1.139) reports the
 * edit done and changes nothing: that is refused too, not a silent no-op.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { register as registerInsert } from '../../client/src/commands/insertReference';
import { fake, FakeDocument, Position, Range, ui, Uri, window } from './vscodeFake';
import { fakeServices, secret } from './flowHelpers';

const doc = new FakeDocument(Uri.file('/w/train.runpod.env'), 'HF_TOKEN=\n');
const cursor = { isEmpty: true, active: new Position(0, 9), start: new Position(0, 9), end: new Position(0, 9) };
const refusing = { document: { uri: doc.uri, lineAt: (line: number) => ({ text: doc.text.split('\n')[line]! }) }, selections: [cursor], edit: async () => false };
/**
 * VS Code 1.139 (seen in code-server) on an editor made read-only in session: `edit` resolves true,
 * yet the document is untouched (its version and text stay as they were).
 */
const silentlyRefusing = { ...refusing, document: { ...refusing.document, get version() { return doc.version; }, getText: (range: Range) => doc.getText(range) }, edit: async () => true };

async function insertInto(editor: unknown, name: string): Promise<void> {
  (window as { activeTextEditor?: unknown }).activeTextEditor = editor;
  try {
    await fake.commands.get('runpod.secrets.insertReference')!(name);
  } finally {
    (window as { activeTextEditor?: unknown }).activeTextEditor = undefined;
  }
}

beforeEach(() => {
  fake.reset();
  const { services } = fakeServices([secret('hf-token')]);
  registerInsert(services);
});

describe('Insert Reference into an editor that refuses the edit', () => {
  it('says why and offers Copy Reference, which runs Copy Reference for that secret', async () => {
    fake.dialogAnswers.push('Copy Reference');
    await insertInto(refusing, 'hf-token');
    expect(fake.messages.at(-1)).toMatchObject({
      level: 'warning',
      text: 'Could not insert {{ RUNPOD_SECRET_hf-token }}: the editor is read-only or changed. Copy the reference and paste it where it goes.',
      buttons: ['Copy Reference'],
    });
    expect(ui.executed).toContainEqual({ id: 'runpod.secrets.copyReference', args: ['hf-token'] });
  });

  it('says so too when the editor reports the edit done but left the document as it was (read-only in session)', async () => {
    await insertInto(silentlyRefusing, 'hf-token');
    expect(fake.messages.at(-1)).toMatchObject({ level: 'warning', text: expect.stringMatching(/^Could not insert \{\{ RUNPOD_SECRET_hf-token \}\}: the editor is read-only/), buttons: ['Copy Reference'] });
  });

  it('takes an unchanged document for done when the reference is already where it goes (nothing to change)', async () => {
    const there = new FakeDocument(Uri.file('/w/done.runpod.env'), 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\n');
    const selection = { isEmpty: false, active: new Position(0, 37), start: new Position(0, 9), end: new Position(0, 37) };
    const editor = { document: { uri: there.uri, version: there.version, lineAt: (line: number) => ({ text: there.text.split('\n')[line]! }), getText: (range: Range) => there.getText(range) }, selections: [selection], edit: async () => true };
    const before = fake.messages.length;
    await insertInto(editor, 'hf-token');
    expect(fake.messages.length).toBe(before);
  });
});
