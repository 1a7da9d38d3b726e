/**
 * A JSON object may repeat a property, and JSON readers keep the last value: `JSON.parse`, the
 * launch reader (launch/templateFile.ts, whose body Launch Pod, Push Template and Deploy send) and
 * RunPod's. So a property written twice reaches RunPod once, the last: the readers flag the repeat
 * with duplicate-key on the last occurrence, as the key rule (rules/keys.ts) flags a repeated
 * variable, and when the property holds the env (`env` of a `*.runpod.json`, `config` and its `env`
 * of a hub.json) they drop the variables they read from the earlier ones.
 */
import type { Problem, Span } from '../types';
import type { VariableList } from './env';
import { DEFAULT_SEVERITY } from '../types';
import { quotedKey } from '../rules/keys';
import { stringContentSpan } from './jsonWalk';

export class LastProperty {
  private first: Span | undefined;
  private last: Span | undefined;
  /** How many variables were read before the current occurrence. */
  private mark = 0;

  /**
   * @param name the property's name (any top-level field of a `*.runpod.json` may repeat)
   * @param onlyLast what reading only the last occurrence means, for the message (`its env is read`)
   */
  constructor(
    private readonly name: string,
    private readonly onlyLast?: string,
  ) {}

  /** A fresh object to hold the property (its parent occurred again): earlier occurrences are the parent's business. */
  reset(): void {
    this.first = this.last = undefined;
  }

  /**
   * The property's name token is at `offset`/`length`. When it holds the env, pass the `variables`
   * read so far: a repeat drops those read since the previous occurrence began (its value is over:
   * a property's value ends before the next name).
   */
  occurs(text: string, offset: number, length: number, variables?: VariableList): void {
    const span = stringContentSpan(text, offset, length);
    if (this.first === undefined) this.first = span;
    else {
      if (variables) variables.length = this.mark;
      this.last = span;
    }
    if (variables) this.mark = variables.length;
  }

  /** One duplicate-key on the last occurrence, however many there were (a hostile file may repeat it 100,000 times). */
  problem(): Problem | undefined {
    if (!this.first || !this.last) return undefined;
    // A field name is shown only when it has a variable name's shape, as the key rule shows a key.
    const shown = quotedKey(this.name);
    return {
      code: 'duplicate-key',
      span: this.last,
      message: `${shown ?? 'This field'} is already defined; only the last one reaches RunPod${this.onlyLast ? `, so only ${this.onlyLast}` : ''}.`,
      severity: DEFAULT_SEVERITY['duplicate-key'],
      related: [{ span: this.first, message: `First definition${shown ? ` of ${shown}` : ''}` }],
    };
  }
}
