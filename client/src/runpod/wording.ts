/**
 * A message kept in its parts, so a line that says one of them itself can ask for the message
 * without it instead of cutting sentences out of finished text (which also cut a server's words
 * that happened to match): the operation it names ("while trying to restart pod `2`"), and the
 * step of looking at a list again ("To see the current list, run 'RunPod: Refresh Pods'.").
 */

/** The parts a caller may leave out. */
export type Omissible = 'operation' | 'listAgain';
export type Leaving = Partial<Record<Omissible, boolean>>;
/** Every choice of parts to leave out. */
const LEAVINGS: readonly Leaving[] = [{}, { operation: true }, { listAgain: true }, { operation: true, listAgain: true }];

/** A marked part, and what stands in its place when it is left out. */
export interface Marked {
  readonly role: Omissible;
  readonly text: string;
  readonly instead: string;
}
type Part = string | Marked;

export const marked = (role: Omissible, text: string, instead = ''): Marked => ({ role, text, instead });

export class Wording {
  private constructor(private readonly parts: readonly Part[]) {}

  static of(text: string | Wording): Wording {
    return typeof text === 'string' ? new Wording([text]) : text;
  }

  /** The message, with the parts named in `leaving` left out. */
  text(leaving: Leaving = {}): string {
    return this.parts.map((p) => (typeof p === 'string' ? p : leaving[p.role] ? p.instead : p.text)).join('');
  }

  has(role: Omissible): boolean {
    return this.parts.some((p) => typeof p !== 'string' && p.role === role);
  }

  /**
   * The same parts with `change` applied to each text (redaction, display rules). A change that
   * finds what it changes across a part boundary (a secret value the operation's part cuts in two,
   * a redactor's prefix run, a link's `](`) misses it part by part: then the message becomes one
   * part, the whole text changed. What a line could leave out is lost, never the change.
   */
  map(change: (text: string) => string): Wording {
    const each = new Wording(this.parts.map((p) => (typeof p === 'string' ? change(p) : { ...p, text: change(p.text), instead: change(p.instead) })));
    if (this.parts.length <= 1) return each;
    // Leaving a part out joins its neighbours: each text a caller can ask for must be the whole's change.
    const same = LEAVINGS.every((leaving) => each.text(leaving) === change(this.text(leaving)));
    return same ? each : new Wording([change(this.text())]);
  }

  concat(more: string | Wording): Wording {
    return new Wording([...this.parts, ...Wording.of(more).parts]);
  }

  toString(): string {
    return this.text();
  }

  /** JSON output (the command line's --format json) shows the message as text. */
  toJSON(): string {
    return this.text();
  }

  /** The tag of a message template: `words\`… ${marked(…)} …\``; a value that is a Wording keeps its parts. */
  static words(strings: TemplateStringsArray, ...values: readonly (string | number | Marked | Wording)[]): Wording {
    const parts: Part[] = [];
    strings.forEach((s, i) => {
      parts.push(s);
      if (i >= values.length) return;
      const value = values[i]!;
      if (value instanceof Wording) parts.push(...value.parts);
      else parts.push(typeof value === 'object' ? value : String(value));
    });
    return new Wording(parts.filter((p) => p !== ''));
  }
}

export const words = Wording.words;

/** A sentence's end: its stop, then any closing quote or bracket. */
const SENTENCE_END = /[.!?\u2026]["'`)\]]*$/;

/**
 * `text` followed by `sentence` (which starts with a space): a full stop between them when `text`
 * does not end a sentence, as a server's words quoted at its end may not ("RunPod said: injected failure").
 */
export function thenSentence(text: string, sentence: string): string {
  return text === '' || SENTENCE_END.test(text) ? `${text}${sentence}` : `${text}.${sentence}`;
}
