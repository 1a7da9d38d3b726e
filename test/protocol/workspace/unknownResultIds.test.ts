/**
 * `workspace/diagnostic` with result ids for URIs the server never indexed (a client's stale list,
 * or a hostile one): each is answered once with no problems, so the client clears what it holds.
 * The server kept a fresh id per such URI for the rest of the session, so every request naming new
 * URIs grew its memory by what it sent; all such URIs now share one id, and nothing is kept per URI.
 */
import { describe, expect, it } from 'vitest';
import { FRESH } from '../fixtures';
import { useIndexedWorkspace } from './helpers';

describe('result ids for URIs never indexed', () => {
  const session = useIndexedWorkspace({ 'a.runpod.env': 'A={{ RUNPOD_SECRET_nope }}\n' }, { initializationOptions: { secrets: FRESH } });

  it('each is cleared once, all under one id that no indexed file has', async () => {
    const { ws, client } = session;
    const unknown = Array.from({ length: 1000 }, (_, i) => ({ uri: `file:///never/${i}/${'x'.repeat(100)}.runpod.env`, value: `stale-${i}` }));
    const report = await client.workspaceDiagnostics(unknown);
    const cleared = report.items.filter((item) => item.uri.startsWith('file:///never/'));
    expect(cleared).toHaveLength(unknown.length);
    expect(cleared.every((item) => item.kind === 'full' && item.items.length === 0)).toBe(true);
    const ids = new Set(cleared.map((item) => item.resultId));
    expect(ids.size).toBe(1);
    const indexed = report.items.find((item) => item.uri === ws.uriOf('a.runpod.env'));
    expect(indexed?.kind === 'full' && indexed.items.length).toBe(1);
    expect(ids.has(indexed!.resultId)).toBe(false);
  });
});
