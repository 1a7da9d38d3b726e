/**
 * The command `secrets rotate` prints for the Pods still on the old value: pasted into a shell it
 * restarts exactly those Pods, whatever a (hostile) server put in their ids.
 */
import { describe, expect, it } from 'vitest';
import { restartAdvice } from '../../client/src/cli/secretRotate';

const command = (advice: string): string => advice.slice(advice.indexOf('runpod-check'));

describe('restartAdvice', () => {
  it('names every Pod id, in order, after pods restart', () => {
    expect(command(restartAdvice(['abc', 'def']))).toBe('runpod-check pods restart abc def');
    expect(restartAdvice(['abc'])).toMatch(/^To give it the new value, restart it /);
    expect(restartAdvice(['abc', 'def'])).toMatch(/^To give them the new value, restart them /);
  });

  it('single-quotes an id a shell would read as more than a word, and ends options before one that starts with a dash', () => {
    expect(command(restartAdvice(['a; rm -rf ~', "it's", '$(id)']))).toBe(`runpod-check pods restart 'a; rm -rf ~' 'it'\\''s' '$(id)'`);
    expect(command(restartAdvice(['ok', '-x']))).toBe('runpod-check pods restart -- ok -x');
  });
});
