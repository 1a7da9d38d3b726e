import { describe, expect, it } from 'vitest';
import { appliedState, type PlannedReplacement } from '../../client/src/commands/renameApplied';

/** The rename of every `from` in `before`'s lines (one replacement each), and a reader of `after`. */
function setup(before: string[], from: string, to: string) {
  const planned: PlannedReplacement[] = [];
  before.forEach((text, line) => {
    for (let at = text.indexOf(from); at >= 0; at = text.indexOf(from, at + from.length)) {
      planned.push({ uri: 'u', newText: to, oldText: from, range: { start: { line, character: at }, end: { line, character: at + from.length } } });
    }
  });
  const reader = (after: string[]) => (_uri: string, line: number, start: number, end: number) => after[line]?.slice(start, end);
  return { planned, reader };
}

describe('appliedState: what the documents hold of a rename edit', () => {
  it('counts the applied replacements and gives the rest at their place after the applied ones moved the line', () => {
    const { planned, reader } = setup(['A=a b a', 'B=a'], 'a', 'ab');
    const state = appliedState(planned, reader(['A=ab b a', 'B=a']));
    expect(state.applied).toBe(1);
    expect(state.files).toBe(1);
    expect(state.left.map((r) => [r.range.start.line, r.range.start.character, r.range.end.character])).toEqual([
      [0, 7, 8],
      [1, 2, 3],
    ]);
  });

  it('a new name that is the start of the old one (hf-token-2 to hf-token) is not taken for applied', () => {
    const { planned, reader } = setup(['X={{ RUNPOD_SECRET_hf-token-2 }}'], 'hf-token-2', 'hf-token');
    expect(appliedState(planned, reader(['X={{ RUNPOD_SECRET_hf-token-2 }}']))).toMatchObject({ applied: 0, left: [expect.anything()] });
    expect(appliedState(planned, reader(['X={{ RUNPOD_SECRET_hf-token }}']))).toMatchObject({ applied: 1, left: [] });
  });

  it('a place that holds neither name (the file changed meanwhile), or whose file cannot be read (deleted), is neither applied nor offered again, but counted as moved', () => {
    const { planned, reader } = setup(['X=old'], 'old', 'new');
    expect(appliedState(planned, reader(['X=xyz']))).toMatchObject({ applied: 0, files: 0, left: [], moved: planned });
    expect(appliedState(planned, () => undefined)).toMatchObject({ applied: 0, files: 0, left: [], moved: planned });
  });

  it('a place applied before stays applied when the user edits it later, and the rest of its line is found where the applied name left it', () => {
    const { planned, reader } = setup(['A=a b a'], 'a', 'ab');
    const first = appliedState(planned, reader(['A=ab b a']));
    expect(first.done).toEqual([planned[0]]);
    // The applied name edited to text of the same length: the place after it has not moved.
    const state = appliedState(planned, reader(['A=xy b a']), new Set(first.done));
    expect(state).toMatchObject({ applied: 1, files: 1, moved: [] });
    expect(state.left.map((r) => r.range.start.character)).toEqual([7]);
  });
});
