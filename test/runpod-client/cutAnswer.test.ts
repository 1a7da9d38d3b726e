/**
 * A connection RunPod (or a proxy) closes in the middle of its answer: the status and part of the
 * body came, then the socket was gone. undici says UND_ERR_SOCKET, which read as "Could not reach
 * RunPod", when the server was reached and answered in part.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RunpodClient } from '../../client/src/runpod/client';
import { RunpodApiError } from '../../client/src/runpod/errors';
import { startRawServer } from './hostileNet';

const KEY = 'rp_cut_answer_key_1234567890';

describe('an answer whose connection closes before it is complete', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function clientCutMidBody(): Promise<RunpodClient> {
    const server = await startRawServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"secrets": [');
        // Gone mid-body, once what was written is out.
        setImmediate(() => socket.destroy());
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
});
