import { describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { parseArgs } from '../../client/src/commands/createFromValueLogic';
import { register } from '../../client/src/commands/createFromValue';
import { CreateSecretFromValueCommand } from '../../server/src/protocol';
import { fake } from './vscodeFake';
import { fakeServices } from './flowHelpers';

describe('createFromValue: arguments', () => {
  const range = { start: { line: 1, character: 9 }, end: { line: 1, character: 20 } };

  it('accepts the code action object and the positional form', () => {
    expect(parseArgs([{ uri: 'file:///a.env', range, suggestedName: 'hf-token' }])).toEqual({ uri: 'file:///a.env', range, suggestedName: 'hf-token' });
    expect(parseArgs(['file:///a.env', range, 'hf-token'])).toEqual({ uri: 'file:///a.env', range, suggestedName: 'hf-token' });
    expect(parseArgs([{ uri: 'file:///a.env', range }])?.suggestedName).toBe('');
  });

  it('rejects malformed arguments instead of crashing', () => {
    expect(parseArgs([])).toBeUndefined();
    expect(parseArgs([null])).toBeUndefined();
    expect(parseArgs([{ uri: 'file:///a.env' }])).toBeUndefined();
    expect(parseArgs([{ uri: 3, range }])).toBeUndefined();
    expect(parseArgs([{ uri: 'file:///a.env', range: { start: { line: 'x', character: 0 }, end: range.end } }])).toBeUndefined();
  });
});

/**
 * The quick fix's document cannot be opened any more (deleted or moved since the lightbulb): the
 * message said only that, and not whether a secret was made or what to do.
 */
describe('createFromValue: a document that cannot be opened', () => {
  it('says nothing was created and how to go on', async () => {
    fake.reset();
    const { services } = fakeServices();
    register(services);
    const range = { start: { line: 0, character: 9 }, end: { line: 0, character: 20 } };
    await fake.commands.get(CreateSecretFromValueCommand)!({ uri: 'file:///w/gone.runpod.env', range, suggestedName: 'hf-token' });
    expect(fake.messages).toEqual([
      // The fake window has no folder: the path is the whole one.
      { level: 'error', text: '/w/gone.runpod.env could not be opened (moved or deleted?): nothing was created. Open the file and run the quick fix again.' },
    ]);
    expect(services.store.create).not.toHaveBeenCalled();
  });
});
