/**
 * The one bound on a file read (boundedRead.ts): a read is shared only by callers of the same
 * reader (a value file's read never answers with a workspace read's text, which has another shape
 * and a larger limit), and a read already given up on is not waited for a second time.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readWithinWait, stuckReads } from '../../client/src/boundedRead';
import { WORKSPACE_READ_WAIT_MS } from '../../client/src/fileLimits';

const place = { pool: 'file', area: '/w', path: '/w/x.env' };
const hung = () => new Promise<never>(() => undefined);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('readWithinWait', () => {
  it('two readers of one file each read it, with their own result', async () => {
    let answerText!: (text: { ok: true; text: string }) => void;
    const text = readWithinWait('workspace text', place, () => new Promise<{ ok: true; text: string }>((resolve) => (answerText = resolve)));
    const valueRead = vi.fn(async () => ({ value: 's3cr3t-ish' }));
    const value = await readWithinWait('secret value file', place, valueRead);
    expect(valueRead).toHaveBeenCalledTimes(1);
    expect(value).toEqual({ kind: 'done', value: { value: 's3cr3t-ish' } });
    answerText({ ok: true, text: 'A=1' });
    expect(await text).toEqual({ kind: 'done', value: { ok: true, text: 'A=1' } });
  });

  it('the same reader shares a running read; once given up on, it answers at once instead of waiting the bound again', async () => {
    const other = { pool: 'file', area: '/hung', path: '/hung/a.env' };
    const read = vi.fn(hung);
    const first = readWithinWait('workspace text', other, read);
    const second = readWithinWait('workspace text', other, read);
    await vi.advanceTimersByTimeAsync(WORKSPACE_READ_WAIT_MS);
    expect(await first).toEqual({ kind: 'noAnswer' });
    expect(await second).toEqual({ kind: 'noAnswer' });
    expect(read).toHaveBeenCalledTimes(1);
    expect(stuckReads()).toContainEqual(other);
    const again = readWithinWait('workspace text', other, read);
    await vi.advanceTimersByTimeAsync(0);
    expect(await Promise.race([again, Promise.resolve('still waiting')])).toEqual({ kind: 'noAnswer' });
    expect(read).toHaveBeenCalledTimes(1);
  });
});
