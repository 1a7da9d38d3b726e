/**
 * A message kept in parts (runpod/wording.ts) is redacted as a whole: a secret value that a part
 * boundary cuts in two (a server's words, then the operation marked in them) is found by the whole
 * text only, so every view of the message (its text, its parts, the text without a part, JSON, a
 * failure notification, the command line's --json) must show the whole text's redaction.
 */
import { describe, expect, it } from 'vitest';
import { RunpodApiError } from '../../client/src/runpod/errors';
import { marked, Wording, words } from '../../client/src/runpod/wording';
import { PREFIX_MIN, Redactor } from '../../client/src/redaction/redactor';
import { scrubError } from '../../client/src/log/runpodLog';
import { failureCause, failureMessage, failureWording } from '../../client/src/views/errorText';
import { podActionResult } from '../../client/src/cli/pods';

const VALUE = 'sk-live-0123456789abcdefXYZ';
const HEAD = VALUE.slice(0, 10);
const TAIL = VALUE.slice(10);

/** The server's words end with the value's head; the marked operation starts with its tail. */
const split = (): Wording => words`RunPod said: ${HEAD}${marked('operation', `${TAIL} while trying to restart pod \`2\``)}. ${marked('listAgain', "Run 'RunPod: Refresh Pods'.")}`;

/** Every text a caller can read off an API error. */
function views(error: RunpodApiError): string[] {
  return [
    error.message,
    error.toString(),
    JSON.stringify(error),
    JSON.stringify(error.wording),
    error.messageWithout({}),
    error.messageWithout({ operation: true }),
    error.messageWithout({ listAgain: true }),
    error.messageWithout({ operation: true, listAgain: true }),
    failureMessage('Restart Pod', error),
    failureCause(error),
    failureWording(error).text({ operation: true }),
  ];
}

function expectNowhere(texts: string[], ...pieces: string[]): void {
  for (const text of texts) for (const piece of pieces) expect(text).not.toContain(piece);
}

describe('a secret value across a part boundary is redacted in every view of the message', () => {
  it('each part alone holds too little of it to match: the test would pass without the boundary', () => {
    const redactor = new Redactor([VALUE]);
    expect(HEAD.length).toBeLessThan(PREFIX_MIN);
    expect(redactor.redact(HEAD)).toBe(HEAD);
    expect(redactor.redact(`${TAIL} while`)).toBe(`${TAIL} while`);
    expect(redactor.redact(split().text())).not.toContain(TAIL);
  });

  it('scrubbed (as the Secrets store and the log do): message, parts, messageWithout, JSON, failure messages', () => {
    const error = scrubError(new RunpodApiError('conflict', split()), (t) => new Redactor([VALUE]).redact(t));
    expectNowhere(views(error), HEAD, TAIL);
    expect(error.message).toContain('[redacted]');
  });

  it('and after a sentence is appended to it (the store adds "the list was refreshed")', () => {
    const redactor = new Redactor([VALUE]);
    const error = scrubError(new RunpodApiError('not-found', split()), (t) => redactor.redact(t));
    error.append(' The Pods list was refreshed.');
    expectNowhere(views(error), HEAD, TAIL);
    expect(error.message.endsWith(' The Pods list was refreshed.')).toBe(true);
  });

  it('an appended sentence that completes a value is redacted with the rest', () => {
    const redactor = new Redactor([VALUE]);
    const error = scrubError(new RunpodApiError('not-found', `RunPod said: ${HEAD}`), (t) => redactor.redact(t));
    error.append(`${TAIL}.`);
    expectNowhere(views(error), HEAD, TAIL);
  });

  it('a value whose parts leave out the part between: the text without it is redacted too', () => {
    const redactor = new Redactor([VALUE]);
    const error = scrubError(new RunpodApiError('conflict', words`${HEAD}${marked('operation', ' (restart pod `2`) ')}${TAIL}`), (t) => redactor.redact(t));
    // The whole text holds the two pieces apart, which is no value; left out, the part between would join them.
    expectNowhere(views(error), VALUE);
    expect(error.messageWithout({ operation: true })).toBe(error.message);
  });

  it('the command line --json error field of a Pod action', async () => {
    const redactor = new Redactor([VALUE]);
    const error = scrubError(new RunpodApiError('conflict', split()), (t) => redactor.redact(t));
    const result = await podActionResult({ podAction: () => Promise.reject(error) }, '2', 'restart');
    expectNowhere([JSON.stringify(result)], HEAD, TAIL);
  });

  it('the structure is kept when no change crosses a boundary', () => {
    const error = scrubError(new RunpodApiError('conflict', split()), (t) => new Redactor(['unrelated-secret-value']).redact(t));
    expect(error.messageWithout({ operation: true, listAgain: true })).toBe(`RunPod said: ${HEAD}. `);
  });
});

describe('failureWording masks the values it is given across part boundaries too', () => {
  it('a sensitive value split by the operation part is masked in every text of it', () => {
    const error = new RunpodApiError('conflict', split());
    const wording = failureWording(error, [VALUE]);
    expectNowhere([wording.text(), wording.text({ operation: true }), wording.text({ listAgain: true }), failureMessage('Restart Pod', error, [VALUE])], HEAD, TAIL);
    expect(wording.text()).toContain('***');
  });
});
