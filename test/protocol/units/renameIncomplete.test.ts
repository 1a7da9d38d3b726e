/**
 * What the index's state says of a rename's reach (server/src/lsp/rename.ts renameIncomplete): the
 * decision both `runpod/renameSecret` and `runpod/renameLeftOut` answer with. The protocol tests
 * reach `indexing` and the files; a workspace past the index's cap takes 20,000 files to reach
 * there (exclusions.test.ts), so `limit` is asserted here.
 */
import { describe, expect, it } from 'vitest';
import { renameIncomplete } from '../../../server/src/lsp/rename';

const b = { uri: 'file:///w/b.runpod.env', why: 'unreadable' as const };
const a = { uri: 'file:///w/a.runpod.env', why: 'too-large' as const };

describe('renameIncomplete', () => {
  it('a walk that did not finish within the wait: indexing, whatever the flags said before it', () => {
    expect(renameIncomplete({ settled: false, gap: 'limit' }, [])).toEqual({ index: 'indexing' });
    expect(renameIncomplete({ settled: false, gap: undefined }, [])).toEqual({ index: 'indexing' });
  });

  it('a finished walk that stopped at a bound (more files than the index reads): limit', () => {
    expect(renameIncomplete({ settled: true, gap: 'limit' }, [])).toEqual({ index: 'limit' });
  });

  it('files not covered whole are listed by URI, with the index gap when there is one', () => {
    expect(renameIncomplete({ settled: true, gap: undefined }, [b, a])).toEqual({ files: [a, b] });
    expect(renameIncomplete({ settled: true, gap: 'limit' }, [b])).toEqual({ index: 'limit', files: [b] });
  });

  it('a whole index and every file whole: nothing to say', () => {
    expect(renameIncomplete({ settled: true, gap: undefined }, [])).toBeUndefined();
  });
});
