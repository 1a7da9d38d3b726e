import { describe, expect, it } from 'vitest';
import { Commands, describeStatus, formatFetchedAt } from '../../client/src/status/statusText';

const time = (iso: string) => `T(${iso.slice(11, 16)})`;
const fetchedAt = '2026-10-10T10:32:00.000Z';

describe('describeStatus', () => {
  it('signed out: says so and opens Set API Key', () => {
    const view = describeStatus({ kind: 'signed-out' }, 0, time);
    expect(view.text).toBe('$(key) RunPod: signed out');
    expect(view.command).toBe(Commands.setApiKey);
  });

  it('signed out for this URL while a key is saved for another: names both, never sends; click sets a key for this one', () => {
    const view = describeStatus({ kind: 'signed-out', origin: 'http://127.0.0.1:8787', keyFor: 'https://api.runpod.io' }, 0, time);
    expect(view.text).toBe('$(key) RunPod: signed out for 127.0.0.1:8787');
    expect(view.tooltip).toBe(
      'No RunPod API key is saved for http://127.0.0.1:8787 (runpod.apiUrl). The key saved for https://api.runpod.io is not sent ' +
        'there without your yes. Click to set a key for http://127.0.0.1:8787, or set runpod.apiUrl back.',
    );
    expect(view.command).toBe(Commands.setApiKey);
    expect(view.tone).toBe('warning');
    // Without a key anywhere it is the plain signed-out state.
    expect(describeStatus({ kind: 'signed-out', origin: 'https://api.runpod.io' }, 0, time).text).toBe('$(key) RunPod: signed out');
  });

  it('connected: the count and a click refreshes', () => {
    const view = describeStatus({ kind: 'fresh', fetchedAt }, 3, time);
    expect(view.text).toBe('$(cloud) RunPod: 3 secrets');
    expect(view.tooltip).toContain('T(10:32)');
    expect(view.command).toBe(Commands.refresh);
    expect(describeStatus({ kind: 'fresh', fetchedAt }, 1, time).text).toBe('$(cloud) RunPod: 1 secret');
  });

  it('offline: the time of the last good fetch, the cause in the tooltip, click retries', () => {
    const view = describeStatus({ kind: 'stale', fetchedAt, error: { kind: 'network', message: 'Could not reach RunPod.' } }, 2, time);
    expect(view.text).toBe('$(cloud-offline) RunPod: offline (T(10:32))');
    expect(view.tooltip).toContain('Could not reach RunPod.');
    expect(view.command).toBe(Commands.refresh);
    expect(view.tone).toBe('warning');
  });

  it('a rejected key sends the click to Set API Key', () => {
    const stale = describeStatus({ kind: 'stale', fetchedAt, error: { kind: 'unauthorized', message: '401' } }, 2, time);
    expect(stale.text).toContain('key rejected');
    expect(stale.command).toBe(Commands.setApiKey);
    const error = describeStatus({ kind: 'error', error: { kind: 'unauthorized', message: '401' } }, 0, time);
    expect(error.command).toBe(Commands.setApiKey);
    expect(error.tone).toBe('error');
  });

  // Only a network failure is "offline": RunPod answered a 403 or a 429, and the fix differs.
  it.each([
    ['forbidden', 'no permission', Commands.setApiKey],
    ['rate-limited', 'rate limited', Commands.refresh],
    ['server', 'server error', Commands.refresh],
    ['timeout', 'offline', Commands.refresh],
  ])('a failed refresh of kind %s reads "%s" with the last fetch time, and a click runs %s', (kind, label, command) => {
    const stale = describeStatus({ kind: 'stale', fetchedAt, error: { kind, message: 'cause' } }, 2, time);
    expect(stale.text).toBe(`$(cloud-offline) RunPod: ${label} (T(10:32))`);
    expect(stale.command).toBe(command);
    expect(describeStatus({ kind: 'error', error: { kind, message: 'cause' } }, 0, time).text).toBe(`$(error) RunPod: ${label}`);
  });

  it('a bad API URL opens the setting; an unexpected failure opens the log', () => {
    const bad = describeStatus({ kind: 'error', error: { kind: 'invalid-config', message: 'bad URL' } }, 0, time);
    expect(bad.command).toBe(Commands.openSettings);
    expect(bad.arguments).toEqual(['runpod.apiUrl']);
    expect(describeStatus({ kind: 'error', error: { kind: 'unexpected', message: 'boom' } }, 0, time).command).toBe(Commands.showLog);
  });

  it('a list from the last session is shown as such, not as offline', () => {
    const view = describeStatus({ kind: 'stale', fetchedAt, error: { kind: 'not-refreshed', message: '' } }, 4, time);
    expect(view.text).toBe('$(history) RunPod: 4 secrets');
    expect(view.tone).toBe('normal');
  });

  it('untrusted: restricted, click manages trust', () => {
    const view = describeStatus({ kind: 'untrusted' }, 0, time);
    expect(view.text).toContain('restricted');
    expect(view.command).toBe(Commands.manageTrust);
  });

  it('loading keeps what was known, with a spinner', () => {
    const view = describeStatus({ kind: 'loading', previous: { kind: 'fresh', fetchedAt } }, 3, time);
    expect(view.text).toBe('$(sync~spin) RunPod: 3 secrets');
    expect(view.command).toBe(Commands.refresh);
    expect(describeStatus({ kind: 'loading' }, 0, time).text).toBe('$(sync~spin) RunPod');
  });
});

describe('formatFetchedAt', () => {
  it('gives the time alone for today and the date for an earlier day, in UTC as the hover says it', () => {
    const now = new Date('2026-10-10T18:00:00Z');
    expect(formatFetchedAt('2026-10-10T09:05:00Z', now)).toBe('09:05 UTC');
    expect(formatFetchedAt('2026-09-01T23:59:00Z', now)).toBe('2026-09-01 23:59 UTC');
    expect(formatFetchedAt('not a date', now)).toBe('an unknown time');
  });
});
