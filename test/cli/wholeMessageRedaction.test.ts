/**
 * The command line's client redacts RunPod's words piece by piece; a key or value that a part
 * boundary cuts in two (the server's words end with its head, the operation the client marks starts
 * with its tail) is found only in the whole message. Every error of the CLI's client is redacted
 * as a whole (scrubError, as the editor's store and log do) before a --json field or stderr shows it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunpodClient } from '../../client/src/runpod/client';
import { RunpodApiError } from '../../client/src/runpod/errors';
import { marked, words } from '../../client/src/runpod/wording';
import { PREFIX_MIN } from '../../client/src/redaction/redactor';
import { createClient } from '../../client/src/cli/client';
import { podActionResult } from '../../client/src/cli/pods';
import { describeFailure } from '../../client/src/cli/run';

const VALUE = 'sk-live-0123456789abcdefXYZ';
const HEAD = VALUE.slice(0, 10);
const TAIL = VALUE.slice(10);
const OTHER_KEY = 'rp_whole_message_key_5a7c9e';

const split = () => new RunpodApiError('conflict', words`RunPod said: ${HEAD}${marked('operation', `${TAIL} while trying to restart pod \`2\``)}.`);

afterEach(() => vi.restoreAllMocks());

describe("the CLI client's errors are redacted as whole messages", () => {
  it('each piece alone is too short to match: the test would pass without the boundary', () => {
    expect(HEAD.length).toBeLessThan(PREFIX_MIN);
  });

  it.each([
    ['the API key', { apiKey: VALUE, sensitive: [] as string[] }],
    ['a value the command sends', { apiKey: OTHER_KEY, sensitive: [VALUE] }],
  ])('%s split across parts: not in the --json error field nor the stderr line', async (_label, { apiKey, sensitive }) => {
    vi.spyOn(RunpodClient.prototype, 'podAction').mockImplementation(() => Promise.reject(split()));
    const client = createClient({ apiKey, baseUrl: undefined, timeoutMs: undefined }, sensitive);
    const result = await podActionResult(client, '2', 'restart');
    expect(result.ok).toBe(false);
    const json = JSON.stringify(result);
    expect(json).toContain('[redacted]');
    for (const piece of [HEAD, TAIL]) expect(json).not.toContain(piece);

    const thrown = await client.podAction('2', 'restart').catch((error: unknown) => error);
    const { message } = describeFailure(thrown);
    for (const piece of [HEAD, TAIL]) expect(message).not.toContain(piece);
  });

  it("a log stream's failure too", async () => {
    vi.spyOn(RunpodClient.prototype, 'streamPodLogs').mockImplementation(async function* () {
      yield* [];
      throw split();
    });
    const client = createClient({ apiKey: VALUE, baseUrl: undefined, timeoutMs: undefined });
    const thrown = await (async () => {
      for await (const _ of client.streamPodLogs('2')) void _;
    })().catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(RunpodApiError);
    for (const piece of [HEAD, TAIL]) expect(describeFailure(thrown).message).not.toContain(piece);
  });
});
