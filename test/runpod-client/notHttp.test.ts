/**
 * Something at the API URL that answers, but not in HTTP: another service on the port (an SSH
 * banner), or a broken proxy's header (a bare CR, a folded line). undici's parser error carries no
 * code, so the call failed as "Could not reach RunPod ... (UNKNOWN)": the connection was made and
 * answered, and the next step is the URL, not the network.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RunpodClient } from '../../client/src/runpod/client';
import { RunpodApiError } from '../../client/src/runpod/errors';
import { startRawServer } from './hostileNet';

const KEY = 'rp_not_http_key_1234567890';
const ANSWERS: [string, string][] = [
  ['an SSH banner', 'SSH-2.0-OpenSSH_9.6\r\n'],
  ['a header with a bare CR', 'HTTP/1.1 200 OK\r\nX-A: a\rb\r\nContent-Length: 2\r\n\r\n[]'],
  ['a folded header line', 'HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\nContent-Length: 2\r\n\r\n[]'],
];

describe('a server at the API URL that does not answer in HTTP', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function clientAnswering(answer: string): Promise<{ client: RunpodClient; url: string }> {
    const server = await startRawServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', () => socket.end(`${answer}${KEY}`));
    });
    const url = server.url;
    const client = new RunpodClient({ apiKey: KEY, baseUrl: url, maxRetries: 0, baseUrlSource: 'runpod.apiBaseUrl' });
    closers.push(() => client.close(), server.close);
    return { client, url };
  }

  it.each(ANSWERS)('%s: says it answered in something that is not HTTP and to check the API URL, without the key', async (_name, answer) => {
    const { client, url } = await clientAnswering(answer);
    const failure = await client.listSecrets().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RunpodApiError);
    const message = (failure as RunpodApiError).message;
    expect(message).toMatch(/in something that is not HTTP/);
    expect(message).toContain(`runpod.apiBaseUrl (${url})`);
    expect(message).not.toMatch(/Could not reach|UNKNOWN/);
    expect(message).not.toContain(KEY);
  });

  it('a write answered so may have happened, and says so', async () => {
    const { client } = await clientAnswering(ANSWERS[1]![1]);
    const failure = await client.updateTemplate('t1', { image: 'x' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ mayHaveSucceeded: true, message: expect.stringMatching(/in something that is not HTTP/) });
  });
});
