/**
 * stdout failing (a full disk, a reader gone) while a write is in flight (`pods launch`, `secrets
 * rotate --restart`): the process ends at once (cli/main.ts), and says first, as a signal does
 * (interruptedWrites.ts), that the write may or may not have taken effect. In process: the handler
 * is called with the error, process.exit and stderr are intercepted.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onStdoutError } from '../../client/src/cli/outputFailure';
import { trackWrite } from '../../client/src/cli/interruptedWrites';
import { messages } from '../../client/src/runpod/messages';
import { firstLine } from '../../client/src/cli/errors';

const exitCodeBefore = process.exitCode;
afterEach(() => {
  process.exitCode = exitCodeBefore;
  vi.restoreAllMocks();
});

/** process.exit and stderr intercepted: the codes and the text, the process left running. */
function intercept(): { codes: number[]; stderr: string[] } {
  const seen = { codes: [] as number[], stderr: [] as string[] };
  vi.spyOn(process, 'exit').mockImplementation(((code?: number) => void seen.codes.push(code ?? 0)) as typeof process.exit);
  vi.spyOn(process.stderr, 'write').mockImplementation(((text: string) => (seen.stderr.push(text), true)) as typeof process.stderr.write);
  return seen;
}

const launch = { label: 'create Pod `train`', resource: 'pods', action: 'pod-create' } as const;
const interrupted = firstLine(messages.interruptedWrite(launch, 'cli').text());

describe('stdout failing while a write is in flight', () => {
  it('a failed write (ENOSPC) names the write in flight before the could-not-write line, then exits 2', () => {
    const settled = trackWrite(launch);
    try {
      const seen = intercept();
      onStdoutError(Object.assign(new Error('no space'), { code: 'ENOSPC' }));
      expect(seen.stderr.join('')).toBe(`runpod-check: ${interrupted}\nrunpod-check: could not write the output (ENOSPC)\n`);
      expect(seen.codes).toEqual([2]);
    } finally {
      settled();
    }
  });

  it('a reader gone (EPIPE) names it too, and exits with the code set so far', () => {
    const settled = trackWrite(launch);
    try {
      const seen = intercept();
      process.exitCode = 143;
      onStdoutError(Object.assign(new Error('pipe'), { code: 'EPIPE' }));
      expect(seen.stderr.join('')).toBe(`runpod-check: ${interrupted}\n`);
      expect(seen.codes).toEqual([143]);
    } finally {
      settled();
    }
  });

  it('a reader gone (EPIPE) with no exit code set yet: exits 2, never 0, as the write may or may not have happened', () => {
    const settled = trackWrite(launch);
    try {
      const seen = intercept();
      process.exitCode = undefined;
      onStdoutError(Object.assign(new Error('pipe'), { code: 'EPIPE' }));
      expect(seen.stderr.join('')).toBe(`runpod-check: ${interrupted}\n`);
      expect(seen.codes).toEqual([2]);
    } finally {
      settled();
    }
  });

  it('with no write in flight: the could-not-write line alone (EPIPE: nothing)', () => {
    const seen = intercept();
    onStdoutError(Object.assign(new Error('no space'), { code: 'ENOSPC' }));
    onStdoutError(Object.assign(new Error('pipe'), { code: 'EPIPE' }));
    expect(seen.stderr.join('')).toBe('runpod-check: could not write the output (ENOSPC)\n');
  });
});
