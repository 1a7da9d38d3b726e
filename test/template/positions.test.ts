/** Offsets are UTF-16 code units (JavaScript string indices) everywhere, whatever precedes them. */
import { describe, expect, it } from 'vitest';
import { analyze, complete, hover } from '../../server/src/template';
import { applyEdit, cursor, marked } from './cursor';
import { fresh } from './types';

describe('positions with non-ASCII text and line endings', () => {
  it('astral characters and accents before a reference', () => {
    const { text, spans } = marked('# 😀 café\r\nDESC="😀 é {{ RUNPOD_SECRET_⟦nöpe⟧ }}"\r\nX=1');
    const a = analyze(text, 'runpod-env', fresh);
    expect(a.problems.find((p) => p.code === 'invalid-secret-name')!.span).toEqual(spans[0]);
  });
  it('CRLF files: spans of later lines are exact', () => {
    const { text, spans } = marked('A=1\r\nB=2\r\n⟦A⟧=3\r\nC={{ RUNPOD_SECRET_⟦nope⟧ }}\r\n');
    const ps = analyze(text, 'runpod-env', fresh).problems;
    expect(ps.map((p) => [p.code, p.span])).toEqual([
      ['duplicate-key', spans[0]],
      ['unknown-secret', spans[1]],
    ]);
    expect(analyze(text, 'runpod-env', fresh).variables.map((v) => v.value)).toEqual(['1', '2', '3', '{{ RUNPOD_SECRET_nope }}']);
  });
  it('completion after an emoji inside a quoted value', () => {
    const { text, offset } = cursor('A="😀 {{ RUNPOD_SECRET_hf|"');
    const r = complete(text, offset, 'runpod-env', fresh)!;
    expect(applyEdit(text, r.replace, r.items.find((i) => i.label === 'hf-token')!.insertText)).toBe('A="😀 {{ RUNPOD_SECRET_hf-token }}"');
  });
  it('hover after escapes covers exactly the reference', () => {
    const { text, spans } = marked('A="\\"\\\\ ⟦{{ RUNPOD_SECRET_hf-token }}⟧"');
    expect(hover(text, spans[0]!.start + 3, 'runpod-env', fresh)!.span).toEqual(spans[0]);
  });
});
