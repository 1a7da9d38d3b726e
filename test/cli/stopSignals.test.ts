/**
 * stopSignals (cli/interruptedWrites.ts), in process: the signals are emitted to the listeners
 * (process.emit), so nothing is sent to the test runner, and process.exit is intercepted.
 */
import { constants } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stopExitCode, stopSignals, type StopSignals } from '../../client/src/cli/interruptedWrites';

let stop: StopSignals | undefined;
const exitCodeBefore = process.exitCode;
afterEach(() => {
  stop?.release();
  stop = undefined;
  process.exitCode = exitCodeBefore;
  vi.restoreAllMocks();
});

/** process.exit intercepted: the codes it was called with, the process left running. */
function exits(): number[] {
  const codes: number[] = [];
  vi.spyOn(process, 'exit').mockImplementation(((code?: number) => void codes.push(code ?? 0)) as typeof process.exit);
  return codes;
}

const emit = (signal: NodeJS.Signals) => process.emit(signal as 'SIGINT', signal);

describe('stopSignals', () => {
  it('each stop signal exits as a shell reports a process it ended: 128 + its number', () => {
    for (const signal of ['SIGHUP', 'SIGINT', 'SIGTERM'] as const) expect(stopExitCode(signal)).toBe(128 + constants.signals[signal]);
    expect([stopExitCode('SIGHUP'), stopExitCode('SIGINT'), stopExitCode('SIGTERM')]).toEqual([129, 130, 143]);
  });

  it('closing the terminal (SIGHUP) stops the steps as Ctrl+C does, instead of ending the process unrecorded', async () => {
    const codes = exits();
    stop = stopSignals();
    const never = new Promise<string>(() => undefined);
    const step = stop.until(() => never);
    emit('SIGHUP');
    await expect(step).resolves.toBeUndefined();
    expect(stop.signal).toBe('SIGHUP');
    expect(codes).toEqual([]);
  });

  it("the first signal sets the exit code at once: a dying pipe's EPIPE exit (cli/main.ts) then reports it, not 0", () => {
    exits();
    stop = stopSignals();
    emit('SIGTERM');
    expect(process.exitCode).toBe(143);
  });

  it('a second signal ends the process at once with its own code (SIGINT then SIGTERM: 143)', () => {
    const codes = exits();
    stop = stopSignals();
    emit('SIGINT');
    emit('SIGTERM');
    expect(codes).toEqual([143]);
  });

  it('a step is started only while no signal came: one asked for after the signal is never sent', async () => {
    exits();
    stop = stopSignals();
    await expect(stop.until(async () => 'answered')).resolves.toBe('answered');
    emit('SIGINT');
    const started = vi.fn(async () => 'sent');
    await expect(stop.until(started)).resolves.toBeUndefined();
    expect(started).not.toHaveBeenCalled();
  });
});
