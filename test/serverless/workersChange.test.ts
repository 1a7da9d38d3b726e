/**
 * What a change of an endpoint's workers sends (Change Workers and `endpoints update --workers-*`):
 * the parts that change and no other, so an unchanged idle timeout is never set or overwritten.
 */
import { describe, expect, it } from 'vitest';
import { workersChanges, workersPatch } from '../../client/src/serverless/workersChange';

describe('workersPatch', () => {
  it('holds the parts workersChanges lists, no other', () => {
    const cases = [
      [{ min: 0, max: 3 }, { min: 1, max: 3 }, { min: 1, max: 3 }],
      [{ min: 0, max: 3, idleTimeout: 30 }, { min: 0, max: 5, idleTimeout: 30 }, { min: 0, max: 5 }],
      [{ min: 0, max: 3, idleTimeout: 30 }, { min: 0, max: 3, idleTimeout: 60 }, { idleTimeout: 60 }],
      [{ min: 0, max: 3 }, { min: 0, max: 3, idleTimeout: 5 }, { idleTimeout: 5 }],
      [{ min: 0, max: 3, idleTimeout: 30 }, { min: 0, max: 3 }, {}],
      [{ min: 0, max: 3, idleTimeout: 30 }, { min: 0, max: 3, idleTimeout: 30 }, {}],
    ] as const;
    for (const [now, next, sent] of cases) {
      expect(workersPatch(now, next), JSON.stringify([now, next])).toEqual(sent);
      expect(workersChanges(now, next)).toHaveLength(Object.keys(sent).length === 0 ? 0 : 'idleTimeout' in sent && 'min' in sent ? 2 : 1);
    }
  });
});
