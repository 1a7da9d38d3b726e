import { describe, expect, it } from 'vitest';
import { errorFromResponse, errorFromTransport, parseProblem, parseRetryAfter, transportCode } from '../../client/src/runpod/errors';
import type { Operation } from '../../client/src/runpod/messages';
import { Redactor } from '../../client/src/redaction/redactor';

const redactor = new Redactor(['the-api-key-123']);
const listSecrets: Operation = { label: 'list secrets', resource: 'secrets', action: 'read' };
const createSecret: Operation = { label: 'create secret `x`', resource: 'secrets', action: 'create', target: 'x' };
const launch: Operation = { label: 'launch pod `p`', resource: 'pods', action: 'pod-create', target: 'p' };

function fromStatus(status: number, body: unknown = {}, op: Operation = createSecret, headers: Record<string, string> = {}) {
  return errorFromResponse({
    op,
    status,
    bodyText: typeof body === 'string' ? body : JSON.stringify(body),
    headers,
    redact: (t) => redactor.redact(t),
    baseUrl: 'https://api.runpod.io/v2',
    isWrite: op.action !== 'read',
    surface: 'editor',
    now: Date.parse('2026-01-01T00:00:00Z'),
  });
}

describe('errorFromResponse', () => {
  it('401 says the key was rejected; the fix is worded by each surface', () => {
    const e = fromStatus(401, { title: 'Unauthorized', status: 401, detail: 'missing bearer token' });
    expect(e.kind).toBe('unauthorized');
    expect(e.message).toBe('RunPod rejected the API key (401).');
  });

  it('403 names the operation and the access needed', () => {
    const e = fromStatus(403);
    expect(e.kind).toBe('forbidden');
    expect(e.message).toBe('The API key lacks permission to create secret `x` (403). Create a key with read/write access to secrets.');
  });

  it('402 is about balance; 400 on pod create is capacity, with RunPod words kept in details', () => {
    expect(fromStatus(402, {}, launch).kind).toBe('insufficient-balance');
    expect(fromStatus(402, {}, launch).message).toMatch(/balance is too low/);
    const e = fromStatus(400, { title: 'Bad Request', detail: 'no instances available' }, launch);
    expect(e.kind).toBe('no-capacity');
    expect(e.message).toBe('No capacity for that GPU type right now; pick another GPU type or cloud.');
    expect(e.details).toContain('no instances available');
  });

  it('422 carries the errors list, including object-shaped entries', () => {
    const e = fromStatus(422, {
      title: 'Unprocessable Entity',
      detail: 'validation failed',
      errors: ['name: must match ^[a-zA-Z_]', { field: 'value', message: 'must not be empty' }],
    });
    expect(e.kind).toBe('validation');
    expect(e.status).toBe(422);
    expect(e.details).toEqual(['name: must match ^[a-zA-Z_]', 'value: must not be empty']);
    expect(e.message).toContain('validation failed');
  });

  it('a 400 or 422 asks to fix the fields only when RunPod listed some; otherwise it says what to check', () => {
    const listed = fromStatus(422, { detail: 'validation failed', errors: ['name: must match ^[a-zA-Z_]'] });
    expect(listed.message).toBe('RunPod rejected the request to create secret `x` (422). Fix the fields listed and try again. RunPod said: validation failed');
    for (const body of [{ detail: 'bad request' }, {}]) {
      const unlisted = fromStatus(400, body);
      expect(unlisted.message).not.toMatch(/fields listed/);
      expect(unlisted.message).toMatch(/^RunPod rejected the request to create secret `x` \(400\)\. Check the names and values given and try again\./);
    }
  });

  it('404 from a list is the configuration and points at the base URL; from one object, not found; 409 is a conflict', () => {
    expect(fromStatus(404, {}, listSecrets).kind).toBe('invalid-config');
    expect(fromStatus(404, {}, listSecrets).message).toContain('Check the API URL (https://api.runpod.io/v2)');
    expect(fromStatus(404, {}, createSecret).kind).toBe('not-found');
    expect(fromStatus(409, { detail: 'busy' }).kind).toBe('conflict');
  });

  it('429 reads Retry-After as seconds or an HTTP date', () => {
    expect(fromStatus(429, {}, listSecrets, { 'retry-after': '12' }).retryAfterSeconds).toBe(12);
    expect(fromStatus(429, {}, listSecrets, { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }).retryAfterSeconds).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
    // Neither seconds nor a date, though Date.parse reads them as dates in 2001 (long past): a
    // wait of 0 s, retried at once and worded "Try again in 0 s", instead of the usual backoff.
    for (const odd of ['-5', '1.5', '7 2']) expect(parseRetryAfter(odd), odd).toBeUndefined();
    // Letters are not a date either: Date.parse reads "abc 5" and "Mon 5" as 2001, a wait of 0 s.
    for (const odd of ['abc 5', 'Mon 5', 'Jan 5', 'Thu, 01 Jan 26 00:00:30']) expect(parseRetryAfter(odd), odd).toBeUndefined();
    // A date with a month name and a four-digit year is read, in the usual form or with dashes.
    const now = Date.parse('2026-01-01T00:00:00Z');
    for (const date of ['Thu, 01 Jan 2026 00:00:30 GMT', 'Thursday, 01-Jan-2026 00:00:30 GMT']) {
      expect(parseRetryAfter(date, now), date).toBe(30);
    }
    // A wait of nothing (0, a date gone by) is worded as such, not "Try again in 0 s".
    for (const none of ['0', 'Wed, 21 Oct 2015 07:28:00 GMT']) {
      const message = fromStatus(429, {}, listSecrets, { 'retry-after': none }).message;
      expect(message, none).toContain('Try again now.');
      expect(message, none).not.toContain('0 s');
    }
  });

  it('429 believes a Retry-After of at most a day, and words long waits readably', () => {
    const absurd = fromStatus(429, {}, listSecrets, { 'retry-after': '999999999' });
    expect(absurd.retryAfterSeconds).toBe(86_400);
    expect(absurd.message).toBe(
      'RunPod is rate-limiting this API key (429) while trying to list secrets. Try again later (the server asked for more than a day).',
    );
    const farDate = fromStatus(429, {}, listSecrets, { 'retry-after': 'Fri, 01 Jan 2100 00:00:00 GMT' });
    expect(farDate.retryAfterSeconds).toBe(86_400);
    expect(farDate.message).toContain('Try again later (the server asked for more than a day).');
    expect(fromStatus(429, {}, listSecrets, { 'retry-after': '10800' }).message).toContain('Try again in about 3 hours.');
    expect(fromStatus(429, {}, listSecrets, { 'retry-after': '600' }).message).toContain('Try again in about 10 minutes.');
    expect(fromStatus(429, {}, listSecrets, { 'retry-after': '12' }).message).toContain('Try again in 12 s.');
  });

  it('5xx on a write warns that it may have happened; on a read suggests trying again', () => {
    const write = fromStatus(503);
    expect(write.kind).toBe('server');
    expect(write.mayHaveSucceeded).toBe(true);
    expect(fromStatus(503, {}, listSecrets).message).toMatch(/Try again in a moment/);
  });

  it('unreadable bodies and odd statuses still give a clear error', () => {
    expect(fromStatus(500, '<html>Bad gateway</html>', listSecrets).kind).toBe('server');
    expect(fromStatus(418, 'teapot').kind).toBe('bad-response');
    expect(parseProblem('{"errors": "not a list"}', (t) => t)).toEqual({ errors: [] });
  });

  it('redacts the key and strips terminal control characters from server text', () => {
    const e = fromStatus(422, { detail: 'bad key the-api-key-123 \u001b[31mred', errors: ['echo the-api-key-123'] }, createSecret, {
      'x-request-id': 'req-the-api-key-123',
    });
    const all = JSON.stringify(e) + e.message + e.stack;
    expect(all).not.toContain('the-api-key-123');
    expect(all).not.toContain('\u001b');
  });
});

describe('server text in a message', () => {
  it('a Markdown link in an error body forms none in the message (VS Code renders command: links in a notification)', () => {
    const link = '[Sign in again](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)';
    const e = fromStatus(422, { detail: link, errors: [{ field: link, message: link }] }, createSecret, { 'x-request-id': link });
    expect(JSON.stringify(e) + e.message).not.toMatch(/\]\(command:/);
    expect(e.message).toContain('[Sign in again] (command:');
  });
});

describe('transport errors', () => {
  const ctx = { op: createSecret, host: 'api.runpod.io', timeoutMs: 2000, isWrite: true, surface: 'editor' as const };
  it('connection refused is a network error that certainly did not reach RunPod', () => {
    const e = errorFromTransport('ECONNREFUSED', ctx);
    expect(e.kind).toBe('network');
    expect(e.mayHaveSucceeded).toBe(false);
    expect(e.message).toMatch(/Check your network connection and proxy settings\.$/);
  });
  it('a network error with a URL other than RunPod\'s names where that URL is set', () => {
    const customUrl = { source: 'RUNPOD_API_URL', url: 'http://127.0.0.1:9999/v2' };
    const e = errorFromTransport('ECONNREFUSED', { ...ctx, host: '127.0.0.1:9999', customUrl });
    expect(e.message).toMatch(/Could not reach RunPod at 127\.0\.0\.1:9999 .*Check RUNPOD_API_URL \(http:\/\/127\.0\.0\.1:9999\/v2\) and your connection\.$/);
  });
  it('a header timeout may have reached RunPod', () => {
    const e = errorFromTransport('UND_ERR_HEADERS_TIMEOUT', ctx);
    expect(e.kind).toBe('timeout');
    expect(e.mayHaveSucceeded).toBe(true);
    expect(e.message).toMatch(/within 2 s/);
  });
  it('finds the code in causes and AggregateError members', () => {
    expect(transportCode({ code: 'UND_ERR_SOCKET', cause: { code: 'ECONNRESET' } })).toBe('ECONNRESET');
    expect(transportCode(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]))).toBe('ECONNREFUSED');
    expect(transportCode({ code: 'UND_ERR_SOCKET' })).toBe('UND_ERR_SOCKET');
    expect(transportCode('weird')).toBe('UNKNOWN');
  });
  it('TLS failures say how to fix them', () => {
    expect(errorFromTransport('UNABLE_TO_VERIFY_LEAF_SIGNATURE', ctx).message).toMatch(/NODE_EXTRA_CA_CERTS/);
  });
  // The codes undici reports for a certificate it refuses (checked against a real TLS server: a
  // self-signed one gives DEPTH_ZERO_SELF_SIGNED_CERT, a wrong name ERR_TLS_CERT_ALTNAME_INVALID,
  // and the server saw no request). The handshake failed, so a create was never sent: Retry is safe.
  it.each(['DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'HOSTNAME_MISMATCH', 'INVALID_CA', 'ERROR_IN_CERT_NOT_AFTER_FIELD'])(
    'a refused certificate (%s) is certainly before the request: nothing was sent',
    (code) => {
      const e = errorFromTransport(code, ctx);
      expect(e.mayHaveSucceeded).toBe(false);
      expect(e.message).toMatch(/NODE_EXTRA_CA_CERTS/);
      expect(e.message).not.toMatch(/may still|may have/);
    },
  );
  it('a TLS failure after the handshake (a bad record mid-answer) may have reached RunPod, and says so rather than blame a certificate', () => {
    const e = errorFromTransport('ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC', ctx);
    expect(e.mayHaveSucceeded).toBe(true);
    expect(e.message).toContain('ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC');
    expect(e.message).not.toMatch(/certificate|NODE_EXTRA_CA_CERTS/);
    expect(e.message).toContain('The request may have reached RunPod');
    // A read is not a write: nothing to check first.
    expect(errorFromTransport('ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC', { ...ctx, isWrite: false }).message).not.toContain('may have reached');
  });
});
