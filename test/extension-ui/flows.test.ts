/**
 * The secret commands' flows against a scripted stand-in for VS Code: typed delete, create from a
 * quick fix, create from a hard-coded value. Checks what reaches the store and what is shown.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { registerSecretCommands } from '../../client/src/commands/index';
import { fake, FakeDocument, Uri, type FakeInputBox } from './vscodeFake';
import { fakeServices, secret } from './flowHelpers';
import { SECRET_NAME_RULE } from '../../server/src/template/names';
import { recallAnswers, WIZARD_IDS } from '../../client/src/ui/wizardMemory';
import { ClientChangedError } from '../../client/src/auth/accountBound';

/** The refusal of a write whose client changed under the same account name (switched away and back, a new key). */
const clientChanged = () => new ClientChangedError({ name: 'the flow', title: 'RunPod: Flow', nothing: 'nothing was changed' }, 'default');

/** Every answer any wizard keeps for the window of `context`, under either account the tests use, as text: where a value must never be. */
const keptAnywhere = (context: object) => JSON.stringify(['default', 'other'].flatMap((account) => WIZARD_IDS.map((id) => recallAnswers(context, id, account))));

/** Types `text` into the box and presses Enter. */
const accept = (text: string) => (box: FakeInputBox) => {
  box.type(text);
  box.accept();
};

/** Create Secret run again and Escape on its first box: the name that box offered. */
async function offeredName(run: (id: string) => Promise<unknown>): Promise<string | undefined> {
  fake.boxes.length = 0;
  fake.inputScript.push((box) => box.hide());
  await run('runpod.secrets.create');
  return fake.boxes[0]?.value;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(...args: Parameters<typeof fakeServices>) {
  const env = fakeServices(...args);
  registerSecretCommands(env.services);
  const run = (id: string, ...commandArgs: unknown[]) => fake.commands.get(id)!(...commandArgs) as Promise<unknown>;
  return { ...env, run };
}

beforeEach(() => fake.reset());

describe('Delete Secret', () => {
  it('a wrong name cannot be submitted and Escape afterwards deletes nothing', async () => {
    const { run, store } = setup([secret('hf-token')]);
    fake.dialogAnswers.push('Continue…');
    fake.inputScript.push((box: FakeInputBox) => {
      box.type('hf-tokn');
      box.accept(); // refused by validation: the box stays open
      setTimeout(() => box.hide(), 0); // then Escape
    });
    await run('runpod.secrets.delete', { secretName: 'hf-token' });
    expect(store.delete).not.toHaveBeenCalled();
    expect(fake.shown.join('\n')).toMatch(/not the secret's name/);
  });

  it('a name in another case deletes nothing', async () => {
    const { run, store } = setup([secret('hf-token')]);
    fake.dialogAnswers.push('Continue…');
    fake.inputScript.push((box) => {
      box.type('HF-TOKEN');
      box.accept();
      setTimeout(() => box.hide(), 0);
    });
    await run('runpod.secrets.delete', 'hf-token');
    expect(store.delete).not.toHaveBeenCalled();
    expect(fake.shown.join('\n')).toMatch(/case-sensitive/);
  });

  it('dismissing the warning deletes nothing and asks for no name', async () => {
    const { run, store } = setup([secret('hf-token')]);
    fake.dialogAnswers.push(undefined);
    await run('runpod.secrets.delete', 'hf-token');
    expect(fake.boxes).toHaveLength(0);
    expect(store.delete).not.toHaveBeenCalled();
  });

  it('shows where the secret is referenced and the warning, then deletes on the typed name', async () => {
    const { run, store, api } = setup([secret('hf-token')]);
    api.listTemplates.mockResolvedValue([
      { id: 't1', name: 'trainer', image: 'img', env: { HF: '{{ RUNPOD_SECRET_hf-token }}' } },
      { id: 't2', name: 'other', image: 'img', env: { HF: '{{ RUNPOD_SECRET_hf-token2 }}' } },
    ] as never);
    fake.dialogAnswers.push('Continue…');
    fake.inputScript.push((box) => {
      box.type('hf-token');
      box.accept();
    });
    await run('runpod.secrets.delete', { secretName: 'hf-token' });
    const warning = fake.messages.find((m) => m.level === 'warning')!;
    expect(warning.detail).toContain('template "trainer" (HF)');
    expect(warning.detail).not.toContain('other');
    expect(warning.detail).toMatch(/will fail/);
    expect(store.delete).toHaveBeenCalledTimes(1);
    expect(store.delete).toHaveBeenCalledWith('hf-token', { check: expect.any(Function) });
  });
});

describe('a secret name no RunPod secret can have (a broken or hostile server listed it)', () => {
  const LINKED = '[Fix](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)';

  it.each(['runpod.secrets.delete', 'runpod.secrets.editValue', 'runpod.secrets.editDescription', 'runpod.secrets.rotate', 'runpod.secrets.rename'])(
    '%s refuses it with a message that does not repeat it, and changes nothing',
    async (command) => {
      const { run, store } = setup([secret(LINKED)]);
      await run(command, { secretName: LINKED });
      for (const change of [store.delete, store.updateValue, store.updateDescription, store.create]) expect(change).not.toHaveBeenCalled();
      expect(fake.messages.at(-1)?.text).toMatch(/not a valid secret name/);
      expect(fake.shown.join('\n')).not.toContain(LINKED);
    },
  );

  it('a name of allowed characters that an older rule let through (a leading digit) can still be deleted', async () => {
    const { run, store } = setup([secret('9lives')]);
    fake.dialogAnswers.push('Continue…');
    fake.inputScript.push((box: FakeInputBox) => {
      box.type('9lives');
      box.accept();
    });
    await run('runpod.secrets.delete', { secretName: '9lives' });
    expect(store.delete).toHaveBeenCalledWith('9lives', { check: expect.any(Function) });
  });
});

describe('Create Secret', () => {
  const VALUE = 'hf_typed_value_98765';

  it('from the quick fix, a valid name is fixed: value (masked) and description only; the value is registered before the API call', async () => {
    const { run, store, events, sensitive } = setup([]);
    fake.inputScript.push(
      (box) => {
        box.type(VALUE);
        box.accept();
      },
      (box) => {
        box.type('  read token ');
        box.accept();
      },
    );
    await run('runpod.secrets.create', { name: 'hf-token' });
    // No Back to a name step: another name would leave the file's reference unknown.
    expect(fake.boxes.map(({ step, totalSteps, password, back }) => ({ step, totalSteps, password, back }))).toEqual([
      { step: 1, totalSteps: 2, password: true, back: false },
      { step: 2, totalSteps: 2, password: false, back: true },
    ]);
    expect(store.create).toHaveBeenCalledWith({ name: 'hf-token', value: VALUE, description: 'read token' }, { check: expect.any(Function), writtenIn: undefined });
    expect(sensitive).toContain(VALUE);
    expect(events.indexOf('addSensitive')).toBeLessThan(events.indexOf('create:hf-token'));
    expect(fake.shown.join('\n')).not.toContain(VALUE);
  });

  it('a value pasted with a byte-order mark is stored without it, as "From file…" and the command line store the file it came from', async () => {
    const { run, store } = setup([]);
    fake.inputScript.push(
      (box) => {
        box.type(`\ufeff${VALUE}`);
        box.accept();
      },
      (box) => box.accept(),
    );
    await run('runpod.secrets.create', { name: 'hf-token' });
    expect(store.create).toHaveBeenCalledWith({ name: 'hf-token', value: VALUE }, { check: expect.any(Function), writtenIn: undefined });
  });

  it('the name step states the whole name rule, in the words of its one place (names.ts SECRET_NAME_RULE)', async () => {
    const { run } = setup([]);
    fake.inputScript.push((box) => box.hide());
    await run('runpod.secrets.create');
    expect(fake.boxes[0]?.prompt?.startsWith(`Name of the secret: ${SECRET_NAME_RULE}. `)).toBe(true);
  });

  it('the name step says what is true of a name later: RunPod keeps it, Rename Secret makes a new secret and moves the references', async () => {
    const { run } = setup([]);
    fake.inputScript.push((box) => box.hide());
    await run('runpod.secrets.create');
    const prompt = fake.boxes[0]!.prompt!;
    expect(prompt).not.toContain('cannot be changed later');
    expect(prompt.endsWith(`. RunPod keeps a secret's name fixed; 'RunPod: Rename Secret...' makes a new secret and moves the references to it.`)).toBe(true);
  });

  it('an invalid prefilled name starts at the name step with the rule shown', async () => {
    const { run, store } = setup([]);
    fake.inputScript.push((box) => box.hide());
    await run('runpod.secrets.create', { name: '9lives' });
    expect(fake.boxes[0]).toMatchObject({ step: 1, value: '9lives' });
    expect(fake.shown.join('\n')).toMatch(/must start with an ASCII letter/);
    expect(store.create).not.toHaveBeenCalled();
  });

  it('a duplicate name cannot be submitted', async () => {
    const { run, store } = setup([secret('hf-token')]);
    fake.inputScript.push((box) => {
      box.type('hf-token');
      box.accept();
      setTimeout(() => box.hide(), 0);
    });
    await run('runpod.secrets.create');
    expect(fake.boxes).toHaveLength(1);
    expect(fake.shown.join('\n')).toMatch(/already exists/);
    expect(store.create).not.toHaveBeenCalled();
  });

  it('Back from the value step returns to the name, keeping it', async () => {
    const { run, store } = setup([]);
    fake.inputScript.push(
      (box) => {
        box.type('first');
        box.accept();
      },
      (box) => box.pressBack(),
      (box) => box.hide(),
    );
    await run('runpod.secrets.create');
    expect(fake.boxes.map((b) => b.step)).toEqual([1, 2, 1]);
    expect(fake.boxes[2]?.value).toBe('first');
    expect(store.create).not.toHaveBeenCalled();
  });

  it('Back from the description keeps what was typed in it (not yet accepted) for the return; the value is asked again', async () => {
    const { run, store } = setup([]);
    fake.inputScript.push(
      accept('hf-token'),
      accept(VALUE),
      (box) => {
        box.type('read token for the eval jobs');
        box.pressBack();
      },
      (box) => {
        // Back again, to the name: the typed description survives two steps of going back.
        box.pressBack();
      },
      accept('hf-read'),
      accept(VALUE),
      (box) => box.accept(),
    );
    await run('runpod.secrets.create');
    expect(fake.boxes.map((b) => b.step)).toEqual([1, 2, 3, 2, 1, 2, 3]);
    // The value box comes back empty: a value is never kept, not even between steps.
    expect(fake.boxes[3]?.value).toBe('');
    expect(fake.boxes[6]?.value).toBe('read token for the eval jobs');
    expect(store.create).toHaveBeenCalledWith({ name: 'hf-read', value: VALUE, description: 'read token for the eval jobs' }, { check: expect.any(Function), writtenIn: undefined });
  });

  it('Escape keeps the answers for the next run in this window (the name offered again), never the value; a finished run forgets them', async () => {
    const { run, store, services } = setup([]);
    // Name, value, then Escape on the description.
    fake.inputScript.push(accept('hf-token'), accept(VALUE), (box) => box.hide());
    await run('runpod.secrets.create');
    expect(recallAnswers(services.context, 'create-secret', 'default')).toEqual({ name: 'hf-token' });
    expect(keptAnywhere(services.context)).not.toContain(VALUE);
    fake.boxes.length = 0;
    // Run again: the name is offered; the value box starts empty. Back to the name and Escape.
    fake.inputScript.push((box) => box.accept(), (box) => box.pressBack(), (box) => box.hide());
    await run('runpod.secrets.create');
    expect(fake.boxes.map((b) => [b.step, b.value])).toEqual([[1, 'hf-token'], [2, ''], [1, 'hf-token']]);
    // A name passed in (the quick fix) wins over the one kept.
    fake.boxes.length = 0;
    fake.inputScript.push((box) => box.hide());
    await run('runpod.secrets.create', { name: '9lives' });
    expect(fake.boxes[0]).toMatchObject({ step: 1, value: '9lives' });
    // A run that creates the secret forgets the answers.
    fake.inputScript.push(accept('hf-token'), accept(VALUE), (box) => box.accept());
    await run('runpod.secrets.create');
    expect(store.create).toHaveBeenCalledTimes(1);
    expect(await offeredName(run)).toBe('');
    // Another window (services: their commands replace these) keeps its own: nothing offered there.
    fake.inputScript.push((box) => box.hide());
    await run('runpod.secrets.create', { name: '9lives' });
    setup([]);
    expect(await offeredName(run)).toBe('');
  });

  it("offers the name a cancelled run kept only under its account, and keeps the name of a run whose create failed", async () => {
    const { run, store, services } = setup([]);
    fake.inputScript.push(accept('hf-token'), (box) => box.hide());
    await run('runpod.secrets.create');
    (services.accounts as { active: string }).active = 'other';
    expect(await offeredName(run)).toBe('');
    // The create fails on the other account: nothing was created, the name is offered again there.
    store.create.mockRejectedValueOnce(Object.assign(new Error('RunPod refused it (422).'), { kind: 'validation' }));
    fake.inputScript.push(accept('wandb-key'), accept(VALUE), (box) => box.accept());
    await run('runpod.secrets.create');
    expect(store.create).toHaveBeenCalledTimes(1);
    expect(await offeredName(run)).toBe('wandb-key');
    expect(keptAnywhere(services.context)).not.toContain(VALUE);
  });

  it('keeps no answers of a create refused because the client changed (the name was the left client\'s)', async () => {
    const { run, store, services } = setup([]);
    store.create.mockRejectedValueOnce(clientChanged());
    fake.inputScript.push(accept('wandb-key'), accept(VALUE), (box) => box.accept());
    await run('runpod.secrets.create');
    expect(store.create).toHaveBeenCalledTimes(1);
    expect(recallAnswers(services.context, 'create-secret', 'default')).toEqual({});
  });

  it("a failing API call shows the API's message, never the value", async () => {
    const { run, store } = setup([]);
    store.create.mockRejectedValueOnce(Object.assign(new Error(`RunPod refused the value ${VALUE} (422).`), { kind: 'validation' }));
    fake.inputScript.push(
      (box) => {
        box.type(VALUE);
        box.accept();
      },
      (box) => box.accept(),
    );
    await run('runpod.secrets.create', 'hf-token');
    const error = fake.messages.find((m) => m.level === 'error');
    expect(error?.text).toMatch(/Creating secret hf-token failed: RunPod refused the value \*\*\* \(422\)/);
    expect(fake.shown.join('\n')).not.toContain(VALUE);
  });
});

describe('Rotate Secret after Escape', () => {
  const VALUE = 'hf_rotated_value_123';
  const fromFile = () => void fake.commands.get('runpod.secrets.valueFromFile')!();

  it('offers the secret a cancelled rotation was for first, and its From file… dialog at the file it chose; never the value; a rotation forgets them', async () => {
    const { run, services, store } = setup([secret('a-key'), secret('hf-token'), secret('wandb-key')]);
    // hf-token from the palette; From file… chooses a file that cannot be read (the box says why); a value typed, then Escape.
    fake.pickScript.push((items) => items.find((item) => item.label === 'hf-token'));
    fake.openDialogAnswers.push([Uri.parse('file:///nowhere/hf.key')]);
    fake.inputScript.push(fromFile, (box) => {
      box.type(VALUE);
      box.hide();
    });
    await run('runpod.secrets.rotate');
    expect(fake.boxes).toHaveLength(2);
    expect(recallAnswers(services.context, 'rotate-secret', 'default')).toEqual({ name: 'hf-token', valueFile: 'file:///nowhere/hf.key' });
    expect(keptAnywhere(services.context)).not.toContain(VALUE);
    // Again from the palette: hf-token first, where the pick opens; From file… opens at that file; the box starts empty.
    fake.boxes.length = 0;
    fake.pickScript.push((items) => items[0]);
    fake.openDialogAnswers.push(undefined);
    fake.inputScript.push(fromFile, (box) => box.hide());
    await run('runpod.secrets.rotate');
    expect(fake.picks.at(-1)!.labels).toEqual(['hf-token', 'a-key', 'wandb-key']);
    expect(fake.openDialogs.at(-1)).toEqual({ defaultUri: 'file:///nowhere/hf.key' });
    expect(fake.boxes.map((b) => b.value)).toEqual(['', '']);
    // Another secret (its tree node): its dialog does not open at hf-token's file.
    fake.openDialogAnswers.push(undefined);
    fake.inputScript.push(fromFile, (box) => box.hide());
    await run('runpod.secrets.rotate', 'wandb-key');
    expect(fake.openDialogs.at(-1)).toEqual({});
    expect(recallAnswers(services.context, 'rotate-secret', 'default')).toEqual({ name: 'wandb-key' });
    // A rotation forgets them: the next pick is in name order again.
    fake.inputScript.push((box) => {
      box.type(VALUE);
      box.accept();
    });
    await run('runpod.secrets.rotate', 'wandb-key');
    expect(store.updateValue).toHaveBeenCalledTimes(1);
    expect(recallAnswers(services.context, 'rotate-secret', 'default')).toEqual({});
    fake.pickScript.push(() => undefined);
    await run('runpod.secrets.rotate');
    expect(fake.picks.at(-1)!.labels).toEqual(['a-key', 'hf-token', 'wandb-key']);
  });

  /** A rotation of hf-token from the palette, its From file… at `file`, cancelled in the value box. */
  const cancelRotation = async (run: (id: string) => Promise<unknown>, file: string) => {
    fake.pickScript.push((items) => items.find((item) => item.label === 'hf-token'));
    fake.openDialogAnswers.push([Uri.parse(file)]);
    fake.inputScript.push(fromFile, (box) => box.hide());
    await run('runpod.secrets.rotate');
  };

  it("offers nothing of another account's cancelled rotation: its secret is not first, its file not where the dialog opens; back on that account they are", async () => {
    const { run, services } = setup([secret('a-key'), secret('hf-token'), secret('wandb-key')]);
    await cancelRotation(run, 'file:///accountA/hf.key');
    (services.accounts as { active: string }).active = 'other';
    fake.pickScript.push((items) => items.find((item) => item.label === 'hf-token'));
    fake.openDialogAnswers.push(undefined);
    fake.inputScript.push(fromFile, (box) => box.hide());
    await run('runpod.secrets.rotate');
    expect(fake.picks.at(-1)!.labels).toEqual(['a-key', 'hf-token', 'wandb-key']);
    expect(fake.openDialogs.at(-1)).toEqual({});
    // Back on the first account, after a run on the other that kept its own: the first account's are still there.
    (services.accounts as { active: string }).active = 'default';
    fake.pickScript.push((items) => items[0]);
    fake.openDialogAnswers.push(undefined);
    fake.inputScript.push(fromFile, (box) => box.hide());
    await run('runpod.secrets.rotate');
    expect(fake.picks.at(-1)!.labels).toEqual(['hf-token', 'a-key', 'wandb-key']);
    expect(fake.openDialogs.at(-1)).toEqual({ defaultUri: 'file:///accountA/hf.key' });
  });

  it('keeps nothing of a rotation whose account stopped being active after its value step', async () => {
    const { run, services } = setup([secret('a-key'), secret('hf-token'), secret('wandb-key')]);
    fake.pickScript.push((items) => items.find((item) => item.label === 'hf-token'));
    fake.openDialogAnswers.push([Uri.parse('file:///accountA/hf.key')]);
    fake.inputScript.push(fromFile, (box) => {
      // Switch Account while the value box is open, then Escape.
      (services.accounts as { active: string }).active = 'other';
      box.hide();
    });
    await run('runpod.secrets.rotate');
    for (const account of ['default', 'other']) {
      (services.accounts as { active: string }).active = account;
      fake.pickScript.push(() => undefined);
      await run('runpod.secrets.rotate');
      expect(fake.picks.at(-1)!.labels).toEqual(['a-key', 'hf-token', 'wandb-key']);
    }
  });

  /** A rotation of hf-token to VALUE whose update fails with `error`. */
  async function failedRotation(error: Error) {
    const started = setup([secret('a-key'), secret('hf-token'), secret('wandb-key')]);
    started.store.updateValue.mockRejectedValueOnce(error);
    fake.pickScript.push((items) => items.find((item) => item.label === 'hf-token'));
    fake.inputScript.push((box) => {
      box.type(VALUE);
      box.accept();
    });
    await started.run('runpod.secrets.rotate');
    expect(started.store.updateValue).toHaveBeenCalledTimes(1);
    return started;
  }

  it('keeps the answers of a rotation whose update failed (nothing changed): the next run offers them again', async () => {
    const { run } = await failedRotation(Object.assign(new Error('RunPod refused it (422).'), { kind: 'validation' }));
    fake.pickScript.push(() => undefined);
    await run('runpod.secrets.rotate');
    expect(fake.picks.at(-1)!.labels).toEqual(['hf-token', 'a-key', 'wandb-key']);
  });

  it('keeps no answers of a rotation refused because the client changed', async () => {
    const { services } = await failedRotation(clientChanged());
    expect(recallAnswers(services.context, 'rotate-secret', 'default')).toEqual({});
  });

  it('says why the offered secret is first: "offered again" on it alone (cancelled, or its update failed)', async () => {
    const { run } = setup([secret('a-key', 'the A key'), secret('hf-token', 'the HF token'), secret('wandb-key')]);
    await cancelRotation(run, 'file:///accountA/hf.key');
    let offered: { label: string; description?: string }[] = [];
    fake.pickScript.push((items) => void (offered = items as typeof offered));
    await run('runpod.secrets.rotate');
    expect(offered.map((item) => [item.label, item.description])).toEqual([
      ['hf-token', 'offered again · the HF token'],
      ['a-key', 'the A key'],
      ['wandb-key', ''],
    ]);
  });
});

describe('Move value into a RunPod secret (quick fix)', () => {
  const VALUE = 'hf_live_abcdefgh';
  const uri = 'file:///w/train.runpod.env';
  const args = { uri, range: { start: { line: 1, character: 9 }, end: { line: 1, character: 27 } }, suggestedName: 'hf-token' };

  function document(text = `A=1\nHF_TOKEN="${VALUE}"\nB=2\n`): FakeDocument {
    const doc = new FakeDocument(Uri.parse(uri), text);
    fake.documents.set(Uri.parse(uri).toString(), doc);
    return doc;
  }

  it('creates the secret from the document and replaces the value in one edit, never showing it', async () => {
    const doc = document();
    const { run, store, events, sensitive, logged } = setup([]);
    fake.inputScript.push(
      (box) => box.accept(), // suggested name
      (box) => box.accept(), // no description
    );
    await run('runpod.secrets.createFromValue', args);
    expect(store.create).toHaveBeenCalledWith({ name: 'hf-token', value: VALUE }, { check: expect.any(Function), writtenIn: undefined });
    expect(sensitive).toContain(VALUE);
    expect(events.indexOf('addSensitive')).toBeLessThan(events.indexOf('create:hf-token'));
    expect(doc.text).toBe('A=1\nHF_TOKEN="{{ RUNPOD_SECRET_hf-token }}"\nB=2\n');
    expect(fake.appliedEdits).toHaveLength(1);
    expect(fake.appliedEdits[0]?.replacements).toHaveLength(1);
    expect(fake.boxes[0]).toMatchObject({ value: 'hf-token', step: 1, totalSteps: 2 });
    expect([...fake.shown, ...logged].join('\n')).not.toContain(VALUE);
  });

  it('reminds to save only when the edit left the document unsaved (not with auto save)', async () => {
    for (const autoSave of [false, true]) {
      fake.reset();
      const doc = document();
      doc.autoSave = autoSave;
      const { run } = setup([]);
      fake.inputScript.push(
        (box) => box.accept(),
        (box) => box.accept(),
      );
      await run('runpod.secrets.createFromValue', args);
      const done = fake.messages.find((m) => /Created secret hf-token/.test(m.text))!;
      expect(done.text.includes('Save the file')).toBe(!autoSave);
    }
  });

  it('says the next step for the plain text the file held (rotate it if the file was committed or shared), never the value; a never-saved document is not told', async () => {
    document();
    const { run } = setup([]);
    fake.inputScript.push(
      (box) => box.accept(),
      (box) => box.accept(),
    );
    await run('runpod.secrets.createFromValue', args);
    const done = fake.messages.find((m) => /Created secret hf-token/.test(m.text))!;
    expect(done.text).toBe(
      'Created secret hf-token and replaced the value with {{ RUNPOD_SECRET_hf-token }}. Save the file to keep the change. ' +
        'If this file was committed or shared with the value in it, rotate the credential where it was issued: Git history and Local History keep the old text.',
    );
    expect(fake.shown.join('\n')).not.toContain(VALUE);

    // An untitled document was never on disk: nothing to rotate for it.
    fake.reset();
    const untitled = new FakeDocument(Uri.parse('untitled:Untitled-1'), `A=1\nHF_TOKEN="${VALUE}"\nB=2\n`);
    Object.assign(untitled, { languageId: 'runpod-env', isUntitled: true });
    fake.documents.set(untitled.uri.toString(), untitled);
    const again = setup([]);
    fake.inputScript.push(
      (box) => box.accept(),
      (box) => box.accept(),
    );
    await again.run('runpod.secrets.createFromValue', { ...args, uri: 'untitled:Untitled-1' });
    const quiet = fake.messages.find((m) => /Created secret hf-token/.test(m.text))!;
    expect(quiet.text).toBe('Created secret hf-token and replaced the value with {{ RUNPOD_SECRET_hf-token }}. Save the file to keep the change.');
  });

  it('stores the value the server flagged even with an escape JSON does not know (\\$), as the env reader reads it', async () => {
    // The server flags HF_TOKEN="hf_live_ab\$cdefgh" and sends the span between the quotes.
    const doc = document(`A=1\nHF_TOKEN="hf_live_ab\\$cdefgh"\nB=2\n`);
    const { run, store } = setup([]);
    fake.inputScript.push(
      (box) => box.accept(),
      (box) => box.accept(),
    );
    await run('runpod.secrets.createFromValue', { uri, range: { start: { line: 1, character: 10 }, end: { line: 1, character: 28 } }, suggestedName: 'hf-token' });
    expect(store.create).toHaveBeenCalledWith({ name: 'hf-token', value: 'hf_live_ab\\$cdefgh' }, { check: expect.any(Function), writtenIn: undefined });
    expect(doc.text).toBe('A=1\nHF_TOKEN="{{ RUNPOD_SECRET_hf-token }}"\nB=2\n');
  });

  it('refuses a value holding a NUL (a JSON \\u0000) before any prompt or API call, as a value file is refused', async () => {
    const jsonUri = 'file:///w/train.runpod.json';
    const text = '{"name": "t", "env": {"HF_TOKEN": "hf_live_ab\\u0000cdefgh"}}';
    fake.documents.set(Uri.parse(jsonUri).toString(), new FakeDocument(Uri.parse(jsonUri), text));
    const start = text.indexOf('hf_live');
    const { run, store } = setup([]);
    await run('runpod.secrets.createFromValue', { uri: jsonUri, range: { start: { line: 0, character: start }, end: { line: 0, character: text.lastIndexOf('"') } }, suggestedName: 'hf-token' });
    expect(store.create).not.toHaveBeenCalled();
    expect(fake.boxes).toHaveLength(0);
    expect(fake.messages.at(-1)).toMatchObject({ level: 'error', text: expect.stringMatching(/^The value holds a NUL character \(U\+0000\)/) });
  });

  it('stops with a clear message when the range no longer holds a value', async () => {
    document('A=1\nHF_TOKEN=\n');
    const { run, store } = setup([]);
    await run('runpod.secrets.createFromValue', args);
    expect(store.create).not.toHaveBeenCalled();
    expect(fake.messages.at(-1)).toMatchObject({ level: 'error', text: expect.stringMatching(/document changed/) });
  });

  it('creates nothing when the document is edited while the name is asked', async () => {
    const doc = document();
    const { run, store } = setup([]);
    fake.inputScript.push(
      (box) => {
        doc.edit((t) => t.replace(VALUE, 'hf_other_value_xx'));
        box.accept();
      },
      (box) => box.accept(),
    );
    await run('runpod.secrets.createFromValue', args);
    await tick();
    expect(store.create).not.toHaveBeenCalled();
    expect(fake.messages.at(-1)?.text).toMatch(/changed while you were naming/);
  });

  it('malformed arguments give a message, not a crash', async () => {
    const { run, store } = setup([]);
    await run('runpod.secrets.createFromValue', { uri });
    expect(store.create).not.toHaveBeenCalled();
    expect(fake.messages.at(-1)?.level).toBe('error');
  });
});

describe('the secret picker of a command run from the palette', () => {
  it("is titled with the command's palette title, as the command's next steps are ('RunPod: Edit Secret Value of x')", async () => {
    const { run } = setup([secret('hf-token')]);
    for (const [id, title] of [
      ['runpod.secrets.copyReference', 'RunPod: Copy Reference'],
      ['runpod.secrets.view', 'RunPod: View Secret'],
      ['runpod.secrets.editValue', 'RunPod: Edit Secret Value'],
      ['runpod.secrets.rotate', 'RunPod: Rotate Secret'],
    ] as const) {
      fake.pickScript.push(() => undefined); // Escape
      await run(id);
      expect(fake.picks.at(-1)?.title, id).toBe(title);
    }
  });

  it("shows each value's age as the Secrets tree does (valueAge.ts), not the creation date; Rotate then asks for the NEW value", async () => {
    // The helpers' clock is 2026-12-04: one value updated 3 days before, one never updated since creation.
    const rotated = { ...secret('hf-token'), valueLastUpdatedAt: '2026-12-01T12:00:00Z' };
    const { run } = setup([rotated, secret('wandb-key')]);
    let details: (string | undefined)[] = [];
    fake.pickScript.push((items) => {
      details = items.map((item) => (item as { detail?: string }).detail);
      return items[0];
    });
    fake.inputScript.push((box) => box.hide());
    await run('runpod.secrets.rotate');
    expect(details).toEqual(['value set 3 days ago', 'value set 94 days ago (at creation; no update recorded)']);
    expect(fake.boxes[0]?.prompt).toMatch(/^New value of hf-token\. /);
  });

  it('Edit Secret Value asks for the new value too (it replaces one, as Rotate does)', async () => {
    const { run } = setup([secret('hf-token')]);
    fake.inputScript.push((box) => box.hide());
    await run('runpod.secrets.editValue', 'hf-token');
    expect(fake.boxes[0]?.prompt).toMatch(/^New value of hf-token\. /);
  });
});
