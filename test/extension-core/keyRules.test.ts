import { describe, expect, it } from 'vitest';
import { describeKeyCheck, readApiKey } from '../../client/src/auth/keyRules';

/** What a key box says of the text: undefined when it holds a key. */
const validateApiKeyInput = (text: string): string | undefined => {
  const read = readApiKey(text);
  return read.ok ? undefined : read.message;
};

describe('readApiKey', () => {
  it('accepts a plain key', () => {
    expect(validateApiKeyInput('rpa_ABCDEF0123456789')).toBeUndefined();
  });
  it('refuses empty input, whitespace inside the key and non-ASCII characters, with a reason', () => {
    expect(validateApiKeyInput('')).toMatch(/Paste the API key/);
    expect(validateApiKeyInput('  \n')).toMatch(/Paste the API key/);
    expect(validateApiKeyInput('rpa_ab\tc')).toMatch(/spaces or line breaks/);
    expect(validateApiKeyInput('rpa_ab c')).toMatch(/spaces or line breaks/);
    expect(validateApiKeyInput(' rpa_ab\nc ')).toMatch(/spaces or line breaks/);
    expect(validateApiKeyInput('rpa_clé')).toMatch(/never has/);
  });
  // The CLI's own run of this rule (RUNPOD_API_KEY, the header sent): test/cli/keyWhitespace.test.ts.
  it('takes a key with the whitespace a paste brings around it, as the key without it: the editor, the CLI and the config file alike', () => {
    for (const pasted of [' rpa_abc', 'rpa_abc\n', '\trpa_abc \r\n']) {
      expect(validateApiKeyInput(pasted), JSON.stringify(pasted)).toBeUndefined();
      expect(readApiKey(pasted)).toEqual({ ok: true, key: 'rpa_abc' });
    }
    expect(readApiKey('rpa_a b')).toEqual({ ok: false, message: validateApiKeyInput('rpa_a b') });
  });
  it('never echoes the typed key in its message', () => {
    expect(validateApiKeyInput('rpa_secret with space')).not.toContain('rpa_secret');
  });
});

describe('describeKeyCheck', () => {
  it('a good key is stored and the count is said', () => {
    expect(describeKeyCheck({ ok: true, secretCount: 3 })).toEqual({
      store: true,
      severity: 'info',
      message: 'Connected to RunPod: 3 secrets.',
      actions: [],
    });
    expect(describeKeyCheck({ ok: true, secretCount: 1 }).message).toBe('Connected to RunPod: 1 secret.');
    expect(describeKeyCheck({ ok: true, secretCount: 0 }).message).toBe('Connected to RunPod: 0 secrets.');
  });
  it('a rejected key (401) is not stored; Retry is offered, not Save Anyway', () => {
    const outcome = describeKeyCheck({ ok: false, kind: 'unauthorized', message: 'RunPod rejected the API key (401).' });
    expect(outcome.store).toBe(false);
    expect(outcome.message).toMatch(/^RunPod rejected this key \(401\)/);
    expect(outcome.actions).toEqual(['Retry']);
  });
  it('when RunPod cannot be asked, the key is not stored silently but may be saved anyway', () => {
    for (const kind of ['network', 'timeout', 'server', 'rate-limited']) {
      const outcome = describeKeyCheck({ ok: false, kind, message: 'Could not reach RunPod.' });
      expect(outcome.store).toBe(false);
      expect(outcome.severity).toBe('warning');
      expect(outcome.actions).toContain('Save Anyway');
      expect(outcome.actions).toContain('Retry');
    }
  });
  it("a server's words that end the failure without a full stop get one before ours", () => {
    const outcome = describeKeyCheck({ ok: false, kind: 'server', message: 'RunPod had a server error (500). Try again in a moment. RunPod said: upstream down' });
    expect(outcome.message).toBe('Could not check the key: RunPod had a server error (500). Try again in a moment. RunPod said: upstream down. It was not saved yet.');
  });
  it('a bad API URL points to the settings', () => {
    const outcome = describeKeyCheck({ ok: false, kind: 'invalid-config', message: 'The RunPod API URL is not a valid URL.' });
    expect(outcome.message).toBe('The RunPod API URL is not a valid URL.');
    expect(outcome.actions).toContain('Open Settings');
  });
  it('a key without permission to read secrets (403) says so', () => {
    const outcome = describeKeyCheck({ ok: false, kind: 'forbidden', message: '403' });
    expect(outcome.message).toMatch(/no permission to read secrets \(403\)/);
    expect(outcome.store).toBe(false);
  });
});
