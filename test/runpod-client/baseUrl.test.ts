import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, isLoopbackHost, normalizeBaseUrl } from '../../client/src/runpod/baseUrl';
import { RunpodApiError } from '../../client/src/runpod/errors';
import { RunpodClient } from '../../client/src/runpod/client';

function configError(fn: () => unknown): RunpodApiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RunpodApiError);
    expect((error as RunpodApiError).kind).toBe('invalid-config');
    return error as RunpodApiError;
  }
  throw new Error('expected an invalid-config error');
}

describe('base URL', () => {
  it('defaults to RunPod REST v2', () => {
    expect(normalizeBaseUrl(undefined)).toBe('https://api.runpod.io/v2');
    expect(normalizeBaseUrl('  ')).toBe(DEFAULT_BASE_URL);
  });

  it('a URL that is not one is answered with the default as the example (one constant)', () => {
    expect(configError(() => normalizeBaseUrl('not a url')).message).toBe(`The RunPod API URL is not a valid URL. Use the form ${DEFAULT_BASE_URL}.`);
  });

  it('tolerates trailing slashes', () => {
    expect(normalizeBaseUrl('https://api.runpod.io/v2///')).toBe('https://api.runpod.io/v2');
    expect(normalizeBaseUrl('http://127.0.0.1:8080/v2/')).toBe('http://127.0.0.1:8080/v2');
  });

  it.each(['http://localhost:3000/v2', 'http://127.0.0.1/v2', 'http://127.255.3.4:9/v2', 'http://[::1]:4000/v2', 'http://LOCALHOST/v2'])(
    'accepts plain http for loopback %s',
    (url) => {
      expect(normalizeBaseUrl(url)).toMatch(/^http:\/\//);
    },
  );

  it.each(['http://api.runpod.io/v2', 'http://10.0.0.1/v2', 'http://128.0.0.1/v2', 'http://localhost.evil.com/v2', 'http://127.0.0.1.nip.io/v2'])(
    'rejects plain http for non-loopback %s',
    (url) => {
      expect(configError(() => normalizeBaseUrl(url)).message).toMatch(/http:\/\/ is only allowed for localhost/);
    },
  );

  it('rejects other schemes, garbage, queries and embedded credentials without echoing them', () => {
    configError(() => normalizeBaseUrl('ftp://api.runpod.io/v2'));
    configError(() => normalizeBaseUrl('not a url'));
    configError(() => normalizeBaseUrl('https://api.runpod.io/v2?api_key=abc'));
    const error = configError(() => normalizeBaseUrl('https://user:hunter2-pass@api.runpod.io/v2'));
    expect(error.message).not.toContain('hunter2-pass');
  });

  it('isLoopbackHost covers 127.0.0.0/8, localhost and ::1 only', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('127.0.0.256')).toBe(false);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
  });

  it('the client refuses an insecure URL or a missing key before any request', () => {
    configError(() => new RunpodClient({ apiKey: 'k-123456789', baseUrl: 'http://example.com/v2' }));
    expect(configError(() => new RunpodClient({ apiKey: '   ' })).message).toMatch(/No RunPod API key is set/);
    const error = configError(() => new RunpodClient({ apiKey: 'abc\r\nX-Evil: 1' }));
    expect(error.message).not.toContain('X-Evil');
  });
});
