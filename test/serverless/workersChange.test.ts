/**
 * What a change of an endpoint's workers sends (Change Workers and `endpoints update --workers-*`):
 * the whole range and the idle timeout the endpoint has or is given, never one nobody set: whether
 * RunPod merges a PATCH's `workers` or replaces it is not documented, and this is right under both.
 */
import { describe, expect, it } from 'vitest';
import { workersChanges, workersPatch, workersText } from '../../client/src/serverless/workersChange';
import { WORKER_RANGE_BOX, workerRangeText } from '../../client/src/serverless/endpointBody';
import { describeEndpoint } from '../../client/src/views/endpoints/endpointNodes';
import type { Endpoint } from '../../client/src/runpod/types';

describe('workersPatch', () => {
  it('keeps every part as it is under either reading of a PATCH, and sets no idle timeout nobody chose', () => {
    const cases = [
      // [now, next, sent, lines of the change]
      [{ min: 0, max: 3 }, { min: 1, max: 3 }, { min: 1, max: 3 }, 1],
      [{ min: 0, max: 3, idleTimeout: 30 }, { min: 0, max: 5, idleTimeout: 30 }, { min: 0, max: 5, idleTimeout: 30 }, 1],
      [{ min: 2, max: 3, idleTimeout: 30 }, { min: 2, max: 3, idleTimeout: 60 }, { min: 2, max: 3, idleTimeout: 60 }, 1],
      [{ min: 0, max: 3 }, { min: 0, max: 3, idleTimeout: 5 }, { min: 0, max: 3, idleTimeout: 5 }, 1],
      [{ min: 0, max: 3 }, { min: 1, max: 4 }, { min: 1, max: 4 }, 1],
      [{ min: 0, max: 3, idleTimeout: 30 }, { min: 0, max: 3 }, { min: 0, max: 3, idleTimeout: 30 }, 0],
    ] as const;
    for (const [now, next, sent, lines] of cases) {
      expect(workersPatch(now, next), JSON.stringify([now, next])).toEqual(sent);
      expect(workersChanges(now, next)).toHaveLength(lines);
    }
  });
});

describe('a worker range in words', () => {
  it('is the range box\'s text (workerRangeText) wherever a range is shown: the change, the setting, the Endpoints view', () => {
    const now = { min: 0, max: 3 };
    const next = { min: 1, max: 4 };
    expect(workersChanges(now, next)[0]).toBe(`workers: ${workerRangeText(now)} -> ${workerRangeText(next)}`);
    expect(workersText(next)).toBe(`${workerRangeText(next)} workers`);
    const endpoint: Endpoint = { id: 'e', name: 'n', type: 'QUEUE', image: 'i', env: {}, workers: next, createdAt: '' };
    expect(describeEndpoint(endpoint).description).toContain(workerRangeText(next));
    expect(WORKER_RANGE_BOX.read(workerRangeText(next))).toEqual(next);
  });
});
