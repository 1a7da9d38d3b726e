import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { positionToOffset, rangeToSpan, spanToRange, wholePosition } from '../../../server/src/lsp/positions';

const doc = (text: string): TextDocument => TextDocument.create('file:///a.runpod.env', 'runpod-env', 1, text);

describe('offsets to LSP positions', () => {
  it('counts UTF-16 code units: an accented letter is one, an emoji (astral) is two', () => {
    const text = 'NAME=café😀{{ RUNPOD_SECRET_x }}';
    const start = text.indexOf('{{');
    const range = spanToRange(doc(text), { start, end: text.length });
    // 'NAME=' (5) + 'café' (4) + '😀' (2 code units)
    expect(range.start).toEqual({ line: 0, character: 11 });
    expect(range.end).toEqual({ line: 0, character: text.length });
  });

  it('maps CJK text on a later CRLF line to the right line and column', () => {
    const text = '# 日本語\r\nTOKEN=値{{ RUNPOD_SECRET_a }}\r\n';
    const start = text.indexOf('{{');
    expect(spanToRange(doc(text), { start, end: start + 2 }).start).toEqual({ line: 1, character: 7 });
  });

  it('clamps spans outside the document instead of producing out-of-range positions', () => {
    const d = doc('A=1\nB=2');
    expect(spanToRange(d, { start: -5, end: 999 })).toEqual({ start: { line: 0, character: 0 }, end: { line: 1, character: 3 } });
    expect(spanToRange(d, { start: Number.NaN, end: Number.NaN })).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    // A reversed span collapses to its start rather than giving end before start.
    expect(spanToRange(d, { start: 5, end: 2 })).toEqual({ start: { line: 1, character: 1 }, end: { line: 1, character: 1 } });
  });

  it('round-trips positions after astral characters and orders reversed ranges', () => {
    const d = doc('X=😀😀\nY=1');
    expect(positionToOffset(d, { line: 0, character: 4 })).toBe(4);
    expect(positionToOffset(d, { line: 1, character: 1 })).toBe(8);
    expect(rangeToSpan(d, { start: { line: 1, character: 2 }, end: { line: 0, character: 2 } })).toEqual({ start: 2, end: 9 });
  });
});

describe('wholePosition: what a client sent, as an LSP position', () => {
  it.each([
    [{ line: 2, character: 5 }, { line: 2, character: 5 }],
    [{ line: 0.5, character: 3.7 }, { line: 0, character: 3 }],
    [{ line: -1, character: -5 }, { line: 0, character: 0 }],
    [{ line: '1', character: '2' }, { line: 0, character: 0 }],
    [{ line: NaN, character: Infinity }, { line: 0, character: 2 ** 31 - 1 }],
    [null, { line: 0, character: 0 }],
    ['x', { line: 0, character: 0 }],
  ])('%j is %j', (raw, expected) => {
    expect(wholePosition(raw)).toEqual(expected);
  });

  it('positionToOffset and rangeToSpan read positions so', () => {
    const doc = TextDocument.create('file:///p', 'runpod-env', 1, 'AB\nCD\n');
    expect(positionToOffset(doc, { line: 1.9, character: 1.9 })).toBe(4);
    expect(rangeToSpan(doc, { start: { line: 1, character: 1 }, end: null } as never)).toEqual({ start: 0, end: 4 });
  });
});
