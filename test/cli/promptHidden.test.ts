/**
 * The hidden prompt's reading of a paste the terminal delivers in pieces, in process: each piece is
 * one read, delivered at a moment the test sets on fake timers. Under a real pseudo-terminal
 * (tty.test.ts) the moments are the machine's: a loaded one could hand two pieces over as one read,
 * or the second after the prompt's settling, and so test something else than it says.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PASTE_SETTLE_MS, promptHidden, type HiddenPromptTerminal, type Io } from '../../client/src/cli/io';
import { PROMPT_PASTE_REFUSED, readValue } from '../../client/src/cli/value';

/** A terminal whose reads the test delivers; it records what the prompt left it in. */
class FakeTerminal extends EventEmitter {
  raw = false;
  reading = false;
  setRawMode(raw: boolean): this {
    this.raw = raw;
    return this;
  }
  setEncoding(): this {
    return this;
  }
  resume(): this {
    this.reading = true;
    return this;
  }
  pause(): this {
    this.reading = false;
    return this;
  }
}

/** The value as `secrets create` reads it at the prompt of `input`; `marking`: a terminal that marks pastes (bracketed paste). */
function valueTypedOn(input: FakeTerminal, marking = false): Promise<string | undefined> {
  const terminal = { input, output: { isTTY: marking, write: () => true } } as unknown as HiddenPromptTerminal;
  const io = { env: {}, cwd: '/', stdout() {}, stderr() {}, stdinIsTTY: true, readStdin: async () => ({ bytes: new Uint8Array(0), truncated: false }), prompt: (question: string) => promptHidden(question, terminal) } as Io;
  return readValue(io, { valueFile: undefined, prompt: 'Value (input hidden): ', command: 'secrets create' });
}

/** Whether `promise` has settled by now (its callbacks run as microtasks; fake timers do not hold them). */
async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await vi.advanceTimersByTimeAsync(0);
  return settled;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the hidden prompt: a paste of several lines delivered in two reads', () => {
  it.each([
    ['right after a line end', ['-----BEGIN KEY-----\r', 'AAAA-split-7d2e\r-----END KEY-----\r']],
    ['between the \\r and \\n of a line end', ['-----BEGIN KEY-----\r', '\nAAAA-split-7d2e\r\n-----END KEY-----\r\n']],
  ])('split %s, the second within the settling, is refused whole, and all of it is read', async (_, [first, second]) => {
    const input = new FakeTerminal();
    const value = valueTypedOn(input);
    input.emit('data', first);
    // The first line's Enter does not end the prompt yet: the terminal has not been quiet long enough.
    await vi.advanceTimersByTimeAsync(PASTE_SETTLE_MS - 1);
    expect(await hasSettled(value)).toBe(false);
    input.emit('data', second);
    await vi.advanceTimersByTimeAsync(PASTE_SETTLE_MS);
    await expect(value).rejects.toThrow(PROMPT_PASTE_REFUSED);
    // Nothing was left unread for the shell: the prompt read the second piece, then stopped reading.
    expect(input.listenerCount('data')).toBe(0);
    expect(input.reading).toBe(false);
    expect(input.raw).toBe(false);
  });

  it('an Enter followed by nothing within the settling submits the line typed', async () => {
    const input = new FakeTerminal();
    const value = valueTypedOn(input);
    input.emit('data', 'typed-5e1d\r');
    await vi.advanceTimersByTimeAsync(PASTE_SETTLE_MS);
    await expect(value).resolves.toBe('typed-5e1d');
  });
});

describe('the hidden prompt on a terminal that marks pastes', () => {
  it('a one-line paste is kept and Enter inside it does not submit: typing goes on after it', async () => {
    const input = new FakeTerminal();
    const value = valueTypedOn(input, true);
    input.emit('data', '\u001b[200~pasted-part-3b9e\r\u001b[201~');
    // The user types on once the paste has settled: its own read.
    await vi.advanceTimersByTimeAsync(PASTE_SETTLE_MS);
    expect(await hasSettled(value)).toBe(false);
    input.emit('data', '-typed\r');
    await expect(value).resolves.toBe('pasted-part-3b9e-typed');
  });
});
