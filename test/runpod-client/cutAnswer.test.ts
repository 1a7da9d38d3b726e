/**
 * A connection RunPod (or a proxy) closes in the middle of its answer: the status and part of the
 * body came, then the socket was gone. undici says UND_ERR_SOCKET, which read as "Could not reach
 * RunPod", when the server was reached and answered in part. A reset (ECONNRESET) at the same point
 * read so too: what decides is that the answer had begun (its status came), not the code.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import { RunpodClient } from '../../client/src/runpod/client';
import { RunpodApiError } from '../../client/src/runpod/errors';
import { startRawServer } from './hostileNet';

const KEY = 'rp_cut_answer_key_1234567890';
/** undici publishes here when a response's status and headers have been read. */
const HEADERS_CHANNEL = 'undici:request:headers';

describe('an answer whose connection closes before it is complete', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  /** `reset`: the socket is reset (a TCP RST, ECONNRESET) rather than closed (UND_ERR_SOCKET). */
  async function clientCutMidBody(reset = false): Promise<RunpodClient> {
    const server = await startRawServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"secrets": [');
        // Gone mid-body, once what was written is out. A reset may discard what the client has not
        // read yet (the status line with it), so it comes only once undici says the client has the
        // status and headers (its diagnostics channel): the status is what this is about.
        if (reset) {
          const onHeaders = (): void => {
            unsubscribe(HEADERS_CHANNEL, onHeaders);
            socket.resetAndDestroy();
          };
          subscribe(HEADERS_CHANNEL, onHeaders);
        } else setImmediate(() => socket.destroy());
      });
    });
    const client = new RunpodClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0, baseUrlSource: 'runpod.apiBaseUrl' });
    closers.push(() => client.close(), server.close);
    return client;
  }

  it('says the connection closed before the answer was complete, with the network next step, not that RunPod could not be reached', async () => {
    const client = await clientCutMidBody();
    const failure = await client.listSecrets().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RunpodApiError);
    const message = (failure as RunpodApiError).message;
    expect(message).toMatch(/The connection to RunPod closed before the answer was complete/);
    // The next step of any connection failure: the API URL set (here, a loopback server), else the network.
    expect(message).toMatch(/Check runpod\.apiBaseUrl \(http:\/\/127\.0\.0\.1:\d+\/v2\) and your connection\./);
    expect(message).not.toMatch(/Could not reach/);
    expect(message).not.toContain(KEY);
  });

  it('a write cut so may have reached RunPod, and says so', async () => {
    const client = await clientCutMidBody();
    const failure = await client.updateTemplate('t1', { image: 'x' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ mayHaveSucceeded: true, message: expect.stringMatching(/closed before the answer was complete/) });
    expect((failure as RunpodApiError).message).toMatch(/may have/);
  });

  it('a connection reset mid-answer reads the same, with its own code', async () => {
    const client = await clientCutMidBody(true);
    const failure = await client.listSecrets().catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'network', code: 'ECONNRESET' });
    const message = (failure as RunpodApiError).message;
    expect(message).toMatch(/The connection to RunPod closed before the answer was complete \(127\.0\.0\.1:\d+, .*ECONNRESET\)/);
    expect(message).not.toMatch(/Could not reach/);
  });
});
