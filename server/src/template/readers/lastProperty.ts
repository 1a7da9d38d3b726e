/**
 * A JSON object may repeat a property, and JSON readers keep the last value: `JSON.parse`, the
 * launch reader (launch/templateFile.ts, whose body Launch Pod, Push Template and Deploy send) and
 * RunPod's. So when the property holding the env (`env` of a `*.runpod.json`, `config` and its `env`
 * of a hub.json) is written twice, what the earlier one holds never reaches RunPod: the readers drop
 * the variables they read from it and flag the repeat with duplicate-key, as a repeated variable is.
 */
import type { EnvVariable, Problem, Span } from '../types';
import { stringContentSpan } from './jsonWalk';

export class LastProperty {
  private first: Span | undefined;
  private last: Span | undefined;
  /** How many variables were read before the current occurrence. */
  private mark = 0;

  /** @param what what only the last occurrence's value holds, for the message (`its env`) */
  constructor(
    private readonly name: string,
    private readonly what: string,
  ) {}

  /** A fresh object to hold the property (its parent occurred again): earlier occurrences are the parent's business. */
  reset(): void {
    this.first = this.last = undefined;
  }

  /**
   * The property's name token is at `offset`/`length`: a repeat drops the variables read since the
   * previous occurrence began (its value is over: a property's value ends before the next name).
   */
  occurs(text: string, offset: number, length: number, variables: EnvVariable[]): void {
    const span = stringContentSpan(text, offset, length);
    if (this.first === undefined) this.first = span;
    else {
      variables.length = this.mark;
      this.last = span;
    }
    this.mark = variables.length;
  }

  /** One duplicate-key on the last occurrence, however many there were (a hostile file may repeat it 100,000 times). */
  problem(): Problem | undefined {
    if (!this.first || !this.last) return undefined;
    return {
      code: 'duplicate-key',
      span: this.last,
      message: `\`${this.name}\` is already defined; only the last one reaches RunPod, so only ${this.what} is read.`,
      severity: 'warning',
      related: [{ span: this.first, message: `First definition of \`${this.name}\`` }],
    };
  }
}
