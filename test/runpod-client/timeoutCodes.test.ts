import { describe, expect, it } from 'vitest';
import { errorFromTransport } from '../../client/src/runpod/errors';
import { messages, type Operation } from '../../client/src/runpod/messages';
import { TIMEOUT_CODES } from '../../client/src/runpod/timeoutCodes';

const write: Operation = { label: 'create secret `s`', resource: 'secrets', action: 'create', target: 's' };
const writeFailed = (code: string) => errorFromTransport(code, { op: write, host: 'rest.runpod.io', timeoutMs: 30_000, isWrite: true, surface: 'editor' });

const logs: Operation = { label: 'read the logs of pod `p`', resource: 'pods', action: 'read', target: 'p' };
const kindOf = (code: string) => errorFromTransport(code, { op: logs, host: 'rest.runpod.io', timeoutMs: 30_000, isWrite: false, surface: 'editor' }).kind;
const notice = (code: string) => messages.logStreamNotConnected(code, 2, 5, 1000);

describe('one table of timeout codes: what the client calls a timeout and how the log stream words each', () => {
  it.each([
    // The connection was made and the server did not answer (headers, or the body stalled after them).
    ['UND_ERR_HEADERS_TIMEOUT', 'Got no answer from'],
    ['CLIENT_TIMEOUT', 'Got no answer from'],
    ['UND_ERR_BODY_TIMEOUT', 'Got no answer from'],
    // The operating system got no reply: to the connect, or on a connection already open (after the request went out).
    ['ETIMEDOUT', 'Got no answer from'],
    // No connection was made in time.
    ['UND_ERR_CONNECT_TIMEOUT', 'Could not connect to'],
  ])('%s is a timeout, and the log stream says "%s"', (code, opening) => {
    expect(kindOf(code)).toBe('timeout');
    expect(notice(code)).toBe(`${opening} the log stream (${code}); trying again in 1 s (attempt 2 of 5).`);
  });

  it('the table names every timeout code, and a code that is none is a network failure worded as no connection', () => {
    expect([...TIMEOUT_CODES.keys()].sort()).toEqual(['CLIENT_TIMEOUT', 'ETIMEDOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);
    expect(kindOf('ECONNREFUSED')).toBe('network');
    expect(notice('ECONNREFUSED')).toBe('Could not connect to the log stream (ECONNREFUSED); trying again in 1 s (attempt 2 of 5).');
  });

  it.each([
    ['UND_ERR_HEADERS_TIMEOUT', true],
    ['CLIENT_TIMEOUT', true],
    ['UND_ERR_BODY_TIMEOUT', true],
    // Not proof that nothing was sent: it also fires on an open connection, so a write's outcome is open.
    ['ETIMEDOUT', true],
    ['UND_ERR_CONNECT_TIMEOUT', false],
  ])('a write that timed out with %s may have happened: %s (the same table decides)', (code, open) => {
    const error = writeFailed(code);
    expect(error.mayHaveSucceeded).toBe(open);
    expect(error.message.includes('may or may not have taken effect')).toBe(open);
    expect(TIMEOUT_CODES.get(code) === 'no-connection').toBe(!open);
  });
});
