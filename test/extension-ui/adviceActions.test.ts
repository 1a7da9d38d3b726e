/**
 * The buttons a failed write's advice offers when RunPod may have acted (its answer lost): Show Pods
 * and Show Endpoints. Before, they only focused the view: a view already on screen kept the list from
 * before the write, without the Pod or endpoint RunPod may have made, so the check they offer showed nothing.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', async () => await import('./vscodeFake'));

import { showAdvice } from '../../client/src/launch/ui/notify';
import type { AdviceAction } from '../../client/src/launch/errorAdvice';
import type { Services } from '../../client/src/services';
import { fake, ui } from './vscodeFake';

const services = { log: { error: () => undefined } } as unknown as Services;

beforeEach(() => fake.reset());

describe('advice after a write RunPod may have acted on', () => {
  const cases: [AdviceAction, string, string[]][] = [
    ['open-pods', 'Show Pods', ['runpod.pods.refresh', 'runpod.pods.focus']],
    ['refresh-pods', 'Refresh Pods', ['runpod.pods.refresh', 'runpod.pods.focus']],
    ['open-endpoints', 'Show Endpoints', ['runpod.endpoints.refresh', 'runpod.endpoints.focus']],
  ];
  it.each(cases)('%s (%s) lists the view again before showing it', async (action, label, executed) => {
    fake.dialogAnswers.push(label);
    expect(await showAdvice(services, { message: 'Could not launch the Pod: no answer.', details: [], actions: [action], modal: false })).toBe(action);
    expect(ui.executed.map((c) => c.id)).toEqual(executed);
  });
});
