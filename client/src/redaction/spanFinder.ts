/**
 * Finds, in one left-to-right pass, every place in a text that must be redacted: an Aho-Corasick
 * automaton over all registered strings at once, so the cost is the length of the text plus the
 * matches, whatever the number of strings (a loop of `indexOf` per string is text x strings).
 * Pure and policy-free: the redactor decides which strings to register and how.
 */

/** One string to find. */
export interface Pattern {
  text: string;
  /**
   * Found only where it stands as a whole token (no letter, digit or `_` on either side), for
   * strings too short to be recognisable inside other text. Must be shorter than `prefixMin`.
   */
  tokenOnly: boolean;
}

/** Text offsets `[start, end)`, sorted, neither overlapping nor touching. */
export type Span = [start: number, end: number];

const NONE = -1;

/** Letters, digits and `_`: what a short token must not touch. Surrogate halves count as not. */
function isWordUnit(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(code));
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

export class SpanFinder {
  /**
   * Trie edges. Nodes are numbered as they are made, so along a pattern's new tail each node's
   * child is the next number: that edge is just its code unit in `chain` (NONE when absent). Only
   * where the trie branches does an edge go into `edges` (key `node * 65536 + code unit`), which
   * keeps the map small: a map entry costs far more than an array slot, and maps have a size cap.
   */
  private readonly chain: number[] = [NONE];
  private readonly edges = new Map<number, number>();
  private readonly depth: number[] = [0];
  private readonly fail: number[] = [0];
  /** Length of the longest anywhere-pattern that ends at this node (0: none). */
  private readonly longest: number[] = [0];
  /** This node or the nearest node on its failure chain that ends a token-only pattern. */
  private readonly tokenEnd: number[] = [NONE];
  /** The node lies on the path of an anywhere-pattern, so its text is a prefix of one. */
  private readonly onAnywherePath: boolean[] = [false];

  /**
   * @param prefixMin a text run this long (or longer) that is the beginning of an anywhere-pattern
   *   is redacted too: what a server that cuts an echo short (`"abcdefghijkl…"`) leaves.
   */
  constructor(
    patterns: Iterable<Pattern>,
    private readonly prefixMin: number,
  ) {
    const endsAnywhere: boolean[] = [false];
    const endsToken: boolean[] = [false];
    const parent: number[] = [0];
    const unit: number[] = [0];
    for (const pattern of patterns) {
      if (pattern.text.length === 0) continue;
      let node = 0;
      for (let i = 0; i < pattern.text.length; i++) {
        const code = pattern.text.charCodeAt(i);
        let child = this.child(node, code);
        if (child === undefined) {
          child = this.depth.length;
          if (child === node + 1 && this.chain[node] === NONE) this.chain[node] = code;
          else this.edges.set(node * 65536 + code, child);
          this.chain.push(NONE);
          this.depth.push(this.depth[node]! + 1);
          this.fail.push(0);
          this.longest.push(0);
          this.tokenEnd.push(NONE);
          this.onAnywherePath.push(false);
          endsAnywhere.push(false);
          endsToken.push(false);
          parent.push(node);
          unit.push(code);
        }
        node = child;
        if (!pattern.tokenOnly) this.onAnywherePath[node] = true;
      }
      if (pattern.tokenOnly) endsToken[node] = true;
      else endsAnywhere[node] = true;
    }
    // Failure links in breadth-first order: a node's link is always shallower than the node.
    const byDepth: number[][] = [];
    for (let node = 1; node < this.depth.length; node++) (byDepth[this.depth[node]!] ??= []).push(node);
    for (const level of byDepth) {
      for (const node of level ?? []) {
        const up = parent[node]!;
        if (up !== 0) {
          let f = this.fail[up]!;
          while (f !== 0 && this.child(f, unit[node]!) === undefined) f = this.fail[f]!;
          this.fail[node] = this.child(f, unit[node]!) ?? 0;
        }
        const link = this.fail[node]!;
        this.longest[node] = endsAnywhere[node] ? this.depth[node]! : this.longest[link]!;
        this.tokenEnd[node] = endsToken[node] ? node : this.tokenEnd[link]!;
      }
    }
  }

  private child(node: number, code: number): number | undefined {
    return this.chain[node] === code ? node + 1 : this.edges.get(node * 65536 + code);
  }

  /** True when no pattern was registered (every text is returned unchanged). */
  get empty(): boolean {
    return this.depth.length === 1;
  }

  /** The spans of `text` to redact, merged where they overlap or touch. */
  spans(text: string): Span[] {
    const spans: Span[] = [];
    const add = (start: number, end: number): void => {
      // Never cut a surrogate pair in half: half a character would survive beside the marker.
      if (start > 0 && isLowSurrogate(text.charCodeAt(start)) && isHighSurrogate(text.charCodeAt(start - 1))) start--;
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))) end++;
      // Ends only grow as the scan moves right, so a new span can only swallow spans at the top.
      while (spans.length > 0 && spans[spans.length - 1]![1] >= start) {
        const [prevStart, prevEnd] = spans.pop()!;
        start = Math.min(start, prevStart);
        end = Math.max(end, prevEnd);
      }
      spans.push([start, end]);
    };
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let next = this.child(node, code);
      while (next === undefined && node !== 0) {
        node = this.fail[node]!;
        next = this.child(node, code);
      }
      node = next ?? 0;
      const end = i + 1;
      // The node's text is the longest suffix of the text so far that begins some pattern, so it
      // covers every shorter match ending here.
      const depth = this.depth[node]!;
      const length = depth >= this.prefixMin && this.onAnywherePath[node] ? depth : this.longest[node]!;
      if (length > 0) add(end - length, end);
      for (let t = this.tokenEnd[node]!; t !== NONE; t = this.tokenEnd[this.fail[t]!]!) {
        const start = end - this.depth[t]!;
        const before = start === 0 || !isWordUnit(text.charCodeAt(start - 1));
        const after = end === text.length || !isWordUnit(text.charCodeAt(end));
        if (before && after) add(start, end);
      }
    }
    return spans;
  }
}
