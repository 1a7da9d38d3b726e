import { describe, expect, it } from 'vitest';
import { nameFromArgument } from '../../client/src/commands/target';
import { failureMessage, errorCause } from '../../client/src/views/errorText';

describe('which secret a command is about', () => {
  it('reads a tree node, a name, or { name }', () => {
    expect(nameFromArgument({ secretName: 'hf-token', label: 'hf-token' })).toBe('hf-token');
    expect(nameFromArgument('db/password')).toBe('db/password');
    expect(nameFromArgument({ name: 'from-code-action' })).toBe('from-code-action');
  });

  it('nothing usable means "ask" (undefined)', () => {
    for (const arg of [undefined, null, '', 42, {}, { name: 3 }, { secretName: '' }, []]) {
      expect(nameFromArgument(arg)).toBeUndefined();
    }
  });
});

describe('failure messages', () => {
  it("use the API error's message", () => {
    const error = Object.assign(new Error('A secret with this name already exists (409).'), { kind: 'duplicate-name' });
    expect(failureMessage('Creating secret x', error)).toBe('Creating secret x failed: A secret with this name already exists (409).');
  });

  it('mask an entered value even if a server echoed it', () => {
    const value = 'hunter2-super-secret';
    const error = Object.assign(new Error(`value ${value} rejected`), { kind: 'validation' });
    const message = failureMessage('Creating secret x', error, [value]);
    expect(message).not.toContain(value);
    expect(message).toContain('***');
  });

  it('fall back to the cause for errors without a message, and never throw on odd input', () => {
    expect(failureMessage('Deleting x', { kind: 'network' })).toBe('Deleting x failed: Offline: RunPod cannot be reached');
    expect(failureMessage('Deleting x', undefined)).toMatch(/^Deleting x failed: /);
    expect(errorCause({ kind: 'something-new' })).toBe('Could not load secrets');
  });
});
