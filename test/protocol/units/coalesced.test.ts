import { describe, expect, it } from 'vitest';
import { coalesced } from '../../../server/src/lsp/coalesced';

describe('coalesced', () => {
  it('sends once at a time: asked a thousand times while one is in flight, it sends once more after it', async () => {
    const answers: (() => void)[] = [];
    let sent = 0;
    const refresh = coalesced(
      () => {
        sent++;
        return new Promise<void>((resolve) => answers.push(resolve));
      },
      () => undefined,
    );
    refresh();
    for (let i = 0; i < 1000; i++) refresh();
    expect(sent).toBe(1);
    answers.shift()!();
    await new Promise((r) => setImmediate(r));
    expect(sent).toBe(2);
    answers.shift()!();
    await new Promise((r) => setImmediate(r));
    expect(sent).toBe(2);
    // Idle again: the next ask sends at once.
    refresh();
    expect(sent).toBe(3);
  });

  it('a failed send is reported and does not stop later ones', async () => {
    const errors: unknown[] = [];
    let sent = 0;
    const refresh = coalesced(() => (++sent === 1 ? Promise.reject(new Error('no client')) : Promise.resolve()), (e) => errors.push(e));
    refresh();
    await new Promise((r) => setImmediate(r));
    refresh();
    await new Promise((r) => setImmediate(r));
    expect(sent).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('with a settle step: asks before the send starts make one send; an ask during the send, one more after it', async () => {
    let settled!: () => void;
    const answers: (() => void)[] = [];
    let sent = 0;
    const apply = coalesced(
      () => {
        sent++;
        return new Promise<void>((resolve) => answers.push(resolve));
      },
      () => undefined,
      () => new Promise<void>((resolve) => (settled = resolve)),
    );
    apply();
    apply();
    expect(sent).toBe(0);
    settled();
    await new Promise((r) => setImmediate(r));
    apply();
    expect(sent).toBe(1);
    answers.shift()!();
    await new Promise((r) => setImmediate(r));
    // The ask during the send: settled again, then sent.
    expect(sent).toBe(1);
    settled();
    await new Promise((r) => setImmediate(r));
    expect(sent).toBe(2);
  });
});
