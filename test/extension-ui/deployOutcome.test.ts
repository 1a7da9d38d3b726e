/**
 * Deploy's last word when no worker was ready after following the endpoint for 10 minutes: why none
 * started is worded by the endpoint's minimum workers, as the command line's workersAtCreate does:
 * at 0 RunPod starts none until a request arrives; at 1 or more none having started is not that.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { showDeployOutcome } from '../../client/src/commands/deployEndpoint';
import { NO_MIN_WORKERS } from '../../client/src/serverless/endpointBody';
import { FOLLOW_LIMIT_WORDS } from '../../client/src/launch/follow';
import type { Endpoint } from '../../client/src/runpod/types';
import { fake } from './vscodeFake';

const endpoint = (min: number): Endpoint => ({ id: 'ep1', name: 'api', type: 'QUEUE', image: 'i', env: {}, workers: { min, max: 3 }, createdAt: '2026-01-01T00:00:00Z' });

beforeEach(() => fake.reset());

describe('Deploy when no worker was ready after 10 minutes', () => {
  it('at 0 minimum workers, says RunPod starts one when a request arrives', async () => {
    await showDeployOutcome(endpoint(0), { kind: 'timeout', workers: [] }, 'default', ['default']);
    expect(fake.shown.join('\n')).toContain(`(none started: ${NO_MIN_WORKERS})`);
  });

  it('at 1 or more minimum workers, does not blame the minimum of 0', async () => {
    await showDeployOutcome(endpoint(2), { kind: 'timeout', workers: [] }, 'default', ['default']);
    const shown = fake.shown.join('\n');
    expect(shown).toContain(`no worker was ready after ${FOLLOW_LIMIT_WORDS}`);
    expect(shown).not.toContain(NO_MIN_WORKERS);
    expect(shown).toContain('2 minimum workers');
  });
});

describe('Deploy outcome while several accounts are held', () => {
  const ready = { kind: 'done', value: { kind: 'ready', worker: { id: 'w1', status: 'RUNNING' } } } as never;

  it('names the flow\'s account: the notification outlives a switch, and "api is ready" alone reads as the active account\'s', async () => {
    await showDeployOutcome(endpoint(1), ready, 'team', ['default', 'team']);
    expect(fake.messages.at(-1)!.text).toBe('Endpoint api (account team) is ready: worker w1 is RUNNING.');
  });

  it('with one account held, says no account', async () => {
    await showDeployOutcome(endpoint(1), ready, 'default', ['default']);
    expect(fake.messages.at(-1)!.text).toBe('Endpoint api is ready: worker w1 is RUNNING.');
  });
});
