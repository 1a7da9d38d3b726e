/**
 * A document's text kept in pieces, so an edit costs about the piece it touches, not the document.
 *
 * Why: a JavaScript string cannot be changed, so a document kept as one string is copied whole on
 * every keystroke, and a copy of more than 128 KB is a fresh "large object" that V8 maps from the
 * system and frees again. Typing into a 10,000-line env file (568 KB) cost 2.0 ms a keystroke in
 * that copy alone, 140 page faults each, on these machines' virtual memory, before anything was
 * analysed (December 2026; 18 ms at 100,000 lines). Pieces are far below that size, so an edit
 * makes one small string in the young generation; the whole text is built only when someone asks
 * for all of it ({@link flat}), once per version.
 *
 * Immutable: {@link replace} returns a new text that shares every untouched piece with this one,
 * so the incremental analysis can keep the text before an edit beside the text after it.
 */

/** Pieces are cut at this many characters; an edited piece is split again past twice as many. */
export const PIECE_LENGTH = 8192;

export class PieceText {
  /** The whole text, once built or given. */
  private whole: string | undefined;
  /** The piece the last {@link charCodeAt} fell in: reads near each other find it at once. */
  private lastPiece = 0;

  private constructor(
    private pieces: readonly string[],
    /** Where each piece starts; one more entry than pieces: the length. */
    private starts: readonly number[],
    private readonly pieceLength: number,
  ) {}

  /**
   * A text of `text`, which is also its {@link flat} form.
   * @param pieceLength where pieces are cut ({@link PIECE_LENGTH}; tests use small ones)
   */
  static of(text: string, pieceLength = PIECE_LENGTH): PieceText {
    const piece = new PieceText([], [0], pieceLength).cut(cutPieces(text, pieceLength, pieceLength));
    piece.whole = text;
    return piece;
  }

  get length(): number {
    return this.starts[this.starts.length - 1]!;
  }

  /**
   * The whole text as one string: built from the pieces the first time it is asked for. The pieces
   * are then cut again from it: a slice keeps the whole string it was cut from alive, so pieces
   * left from the text as it was opened would hold that text as long as one of them is untouched.
   */
  flat(): string {
    if (this.whole === undefined) {
      const whole = this.pieces.join('');
      this.pieces = cutPieces(whole, this.pieceLength, this.pieceLength).filter((p) => p.length > 0);
      this.starts = startsOf(this.pieces);
      this.lastPiece = 0;
      this.whole = whole;
    }
    return this.whole;
  }

  /** Whether {@link flat} costs nothing now (the whole string is built already). */
  get isFlat(): boolean {
    return this.whole !== undefined;
  }

  /** As `String.prototype.charCodeAt`: NaN outside the text. */
  charCodeAt(offset: number): number {
    if (this.whole !== undefined) return this.whole.charCodeAt(offset);
    if (!(offset >= 0 && offset < this.length)) return NaN;
    const i = this.pieceAt(offset);
    return this.pieces[i]!.charCodeAt(offset - this.starts[i]!);
  }

  /** As `String.prototype.slice` with `start <= end` inside the text (clamped into it). */
  slice(start: number, end: number = this.length): string {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    if (this.whole !== undefined) return this.whole.slice(from, to);
    if (from === to) return '';
    const first = this.pieceAt(from);
    const last = this.pieceAt(to - 1);
    if (first === last) return this.pieces[first]!.slice(from - this.starts[first]!, to - this.starts[first]!);
    let out = this.pieces[first]!.slice(from - this.starts[first]!);
    for (let i = first + 1; i < last; i++) out += this.pieces[i]!;
    return out + this.pieces[last]!.slice(0, to - this.starts[last]!);
  }

  /** As `String.prototype.indexOf` for one character (a search never needs to span two pieces). */
  indexOf(char: string, from = 0): number {
    if (this.whole !== undefined) return this.whole.indexOf(char, from);
    const start = Math.max(0, from);
    if (start >= this.length) return -1;
    for (let i = this.pieceAt(start); i < this.pieces.length; i++) {
      const at = this.pieces[i]!.indexOf(char, Math.max(0, start - this.starts[i]!));
      if (at >= 0) return this.starts[i]! + at;
    }
    return -1;
  }

  /** The text with `[start, end)` replaced by `text` (offsets clamped into this text, start <= end). */
  replace(start: number, end: number, text: string): PieceText {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    const pieces = this.pieces;
    const length = this.pieceLength;
    if (pieces.length === 0) return this.cut(cutPieces(text, length, 2 * length));
    // The pieces holding `from` and the character before `to` (the one after, when the range is empty).
    const first = this.pieceAt(Math.min(from, this.length - 1));
    const last = to > from ? this.pieceAt(to - 1) : first;
    const joined = pieces[first]!.slice(0, from - this.starts[first]!) + text + pieces[last]!.slice(to - this.starts[last]!);
    const middle = [joined];
    // A piece emptied or shrunk by deletions joins its neighbour, so pieces stay few.
    let before = first;
    let after = last + 1;
    if (joined.length < length / 4) {
      if (after < pieces.length) middle.push(pieces[after++]!);
      else if (before > 0) middle.unshift(pieces[--before]!);
    }
    return this.cut([...pieces.slice(0, before), ...cutPieces(middle.join(''), length, 2 * length), ...pieces.slice(after)]);
  }

  /** A text of `pieces` (empty ones left out), cut as this one. */
  private cut(pieces: string[]): PieceText {
    const kept = pieces.filter((p) => p.length > 0);
    return new PieceText(kept, startsOf(kept), this.pieceLength);
  }

  /** The index of the piece holding `offset` (`0 <= offset < length`). */
  private pieceAt(offset: number): number {
    const starts = this.starts;
    const guess = this.lastPiece;
    if (guess < this.pieces.length && starts[guess]! <= offset && offset < starts[guess + 1]!) return guess;
    let low = 0;
    let high = this.pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    this.lastPiece = low;
    return low;
  }
}

function startsOf(pieces: readonly string[]): number[] {
  const starts = new Array<number>(pieces.length + 1);
  let at = 0;
  for (let i = 0; i < pieces.length; i++) {
    starts[i] = at;
    at += pieces[i]!.length;
  }
  starts[pieces.length] = at;
  return starts;
}

/** `text` whole when it is at most `most` long (a typed character joins its piece), else cut every `length` characters (a paste). */
function cutPieces(text: string, length: number, most: number): string[] {
  if (text.length <= most) return [text];
  const out: string[] = [];
  for (let at = 0; at < text.length; at += length) out.push(text.slice(at, at + length));
  return out;
}
