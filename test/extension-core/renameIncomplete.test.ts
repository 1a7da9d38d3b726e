/**
 * What a rename may not have reached, read from the server's answer and said with what to do next
 * (client/src/lsp/renameIncomplete.ts): read defensively, failing closed (an `incomplete` the client
 * cannot read is still said), file names shown by the one display rule.
 */
import { describe, expect, it } from 'vitest';
import { incompleteSentence, renameIncomplete } from '../../client/src/lsp/renameIncomplete';
import { indexGapSentence } from '../../client/src/secrets/indexGap';
import { INDEX_LIMIT_REMEDY } from '../../server/src/index/limits';
import { MAX_WALKED_DEPTH } from '../../server/src/index/walk';

const label = (uri: string) => uri.replace('file:///w/', '');

describe('reading incomplete from a rename answer', () => {
  it('absent: the rename is whole; present: its index gap and files, each checked', () => {
    expect(renameIncomplete({ documentChanges: [] })).toBeUndefined();
    expect(renameIncomplete(null)).toBeUndefined();
    expect(renameIncomplete({ incomplete: { index: 'limit', files: [{ uri: 'file:///w/a', why: 'unreadable' }, { uri: 7 }, 'x'] } })).toEqual({ index: 'limit', files: [{ uri: 'file:///w/a', why: 'unreadable' }] });
  });

  it('a folder holding a name that is not UTF-8 is said as such, not as a permission problem', () => {
    const incomplete = renameIncomplete({ incomplete: { files: [{ uri: 'file:///w/odd', why: 'undecodable-name' }] } })!;
    expect(incomplete).toEqual({ files: [{ uri: 'file:///w/odd', why: 'undecodable-name' }] });
    const said = incompleteSentence(incomplete, () => 'odd', 'rename again');
    expect(said).toContain('odd (holds a file or folder whose name is not UTF-8');
    expect(said).not.toContain('could not be read');
    // The fix is to give that name UTF-8 characters: the note says so, not "rename it" (the folder).
    expect(said).toContain('give it a UTF-8 name');
  });

  it('present but unreadable: still said, in general words (fail closed)', () => {
    for (const incomplete of [true, 'yes', { index: 'soon' }, { files: 'many' }]) {
      const read = renameIncomplete({ incomplete });
      expect(read).toEqual({});
      expect(incompleteSentence(read!, label, 'rename again')).toBe('The language server says this rename may not reach every reference. Check the workspace files, then rename again.');
    }
  });
});

describe('the sentence', () => {
  it("uses the tree's sentence for the index (one wording), then what to do", () => {
    expect(incompleteSentence({ index: 'indexing' }, label, 'rename again')).toBe(`${indexGapSentence('indexing')} Wait until it is built, then rename again.`);
    expect(incompleteSentence({ index: 'limit' }, label, 'rename again')).toContain(indexGapSentence('limit'));
  });

  it('a folder walked by the settings it had (the client could not answer for them): said, with what reads them again', () => {
    expect(renameIncomplete({ incomplete: { index: 'settings' } })).toEqual({ index: 'settings' });
    // The remedy is the sentence's own (one wording everywhere); the rename adds only what follows it.
    expect(incompleteSentence({ index: 'settings' }, label, 'rename again')).toBe(`${indexGapSentence('settings')} Then rename again.`);
  });

  it('the index at a bound: says the depth bound as it is, and what clears every bound (.gitignore), not runpod.files alone', () => {
    const said = incompleteSentence({ index: 'limit' }, label, 'rename again');
    expect(said).toContain(`has folders more than ${MAX_WALKED_DEPTH} levels deep, where no file below that depth is read`);
    expect(said).toContain(`${INDEX_LIMIT_REMEDY}, then rename again.`);
    expect(INDEX_LIMIT_REMEDY).toMatch(/^Add generated folders to \.gitignore /);
    expect(said).not.toContain('Narrow runpod.files to the files that hold references');
  });

  it('names five files at most and counts the rest; a hostile name cannot forge a line or an escape sequence', () => {
    const files = Array.from({ length: 7 }, (_, i) => ({ uri: `file:///w/f${i}.runpod.env`, why: 'unreadable' as const }));
    const sentence = incompleteSentence({ files }, label, 'rename again');
    expect(sentence).toBe(
      `Not renamed whole: ${[0, 1, 2, 3, 4].map((i) => `f${i}.runpod.env (could not be read: left as it is)`).join(', ')} and 2 more. Rename the references in them yourself.`,
    );
    const hostile = incompleteSentence({ files: [{ uri: 'x', why: 'too-large' }] }, () => 'a\n• Deleted\u001b[2J[run](command:x).runpod.env', 'rename again');
    expect(hostile).not.toMatch(/[\n\u001b]|\]\(/);
    // A label that throws (a URI the editor cannot parse) shows the URI; a huge one is clipped.
    const thrown = incompleteSentence({ files: [{ uri: 'file:///w/x.env', why: 'unreadable' }] }, () => {
      throw new Error('bad uri');
    }, 'rename again');
    expect(thrown).toContain('file:///w/x.env (could not be read');
    expect(incompleteSentence({ files: [{ uri: 'u', why: 'unreadable' }] }, () => 'y'.repeat(1_000_000), 'rename again').length).toBeLessThan(500);
  });
});
