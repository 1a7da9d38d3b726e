/**
 * The top-level `id` of a JSON-RPC request, learnt from its body's bytes as they stream past, in
 * constant memory: the body of a message past MAX_MESSAGE_BYTES is never held (messageBound.ts), yet
 * a request in it deserves an answer, or its client waits for ever. The scanner keeps only whether
 * it is in a string (and after a backslash), the nesting depth, where it is in the top-level object
 * (key, colon, value, comma), and the bytes of one key or scalar value there, up to ID_BYTES.
 *
 * It reads as JSON.parse does where that decides the answer: escapes in keys and ids are decoded
 * (`"\u0069d"` is `id`), the last of a repeated key counts, and an `id` that is not a number or a
 * string (null, an object) is none. A request is an object with a string `method` and such an `id`
 * (a response has no method, and is not answered). Nesting is counted, not checked (`{]` is not
 * caught): a body that breaks in a way the scanner sees gives no id, and one it does not see may
 * still be answered, which costs nothing: the id is the client's own.
 */

/** The longest key or scalar value kept, raw: ids are counters or short strings; `method` written with every character escaped is 36 bytes. */
export const ID_BYTES = 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Where the scanner is in the top-level object (depth 1), or before or after it. */
type Phase = 'before' | 'key' | 'colon' | 'value' | 'scalar' | 'next' | 'after' | 'broken';

export class RequestIdScanner {
  private phase: Phase = 'before';
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** What the kept bytes are: a top-level key, or a top-level value (string or scalar); undefined: nothing kept. */
  private keeping: 'key' | 'value' | undefined;
  private readonly kept = Buffer.alloc(ID_BYTES);
  private keptLength = 0;
  private overflow = false;
  /** The key whose value comes next, when it matters. */
  private key: 'id' | 'method' | undefined;
  private id: number | string | undefined;
  private method = false;

  push(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length && this.phase !== 'broken'; i++) {
      // The bulk of a long message is a string nothing keeps (a document's text): passed over here, not byte() by byte().
      if (this.inString && !this.escaped && !this.keeping) {
        while (i < bytes.length && bytes[i] !== QUOTE && bytes[i] !== BACKSLASH) i++;
        if (i === bytes.length) return;
      }
      this.byte(bytes[i]);
    }
  }

  /** The request's id, once its whole body has passed; undefined for a notification, a response, a body not read as an object. */
  requestId(): number | string | undefined {
    return this.phase === 'after' && this.method ? this.id : undefined;
  }

  private byte(b: number): void {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (b === BACKSLASH) this.escaped = true;
      else if (b === QUOTE) {
        this.inString = false;
        if (this.keeping) this.ended(`"${this.keptText()}"`);
        return;
      }
      this.keep(b);
      return;
    }
    // Within a top-level value's container only strings and nesting count (whitespace included).
    if (this.depth >= 2) return this.nested(b);
    if (this.phase === 'scalar' && (WHITESPACE.has(b) || b === COMMA || b === CLOSE_OBJECT)) this.ended(this.keptText());
    if (WHITESPACE.has(b)) return;
    switch (this.phase) {
      case 'before':
        return b === OPEN_OBJECT ? this.enter('key') : this.break();
      case 'key':
        if (b === QUOTE) return this.startString('key');
        return b === CLOSE_OBJECT ? this.leave() : this.break();
      case 'colon':
        return b === COLON ? void (this.phase = 'value') : this.break();
      case 'value':
        if (b === QUOTE) return this.startString('value');
        if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
          // A container is no id, and no method name.
          this.took(undefined);
          this.phase = 'next';
          this.depth++;
          return;
        }
        this.phase = 'scalar';
        this.keeping = 'value';
        this.keptLength = 0;
        this.overflow = false;
        return this.keep(b);
      case 'scalar':
        return this.keep(b);
      case 'next':
        if (b === COMMA) return void (this.phase = 'key');
        return b === CLOSE_OBJECT ? this.leave() : this.break();
      default:
        // After the object: JSON.parse takes nothing more.
        return this.break();
    }
  }

  /** Inside a container in a top-level value: only strings and nesting count. */
  private nested(b: number): void {
    if (b === QUOTE) this.inString = true;
    else if (b === OPEN_OBJECT || b === OPEN_ARRAY) this.depth++;
    else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) this.depth--;
  }

  private enter(phase: Phase): void {
    this.depth = 1;
    this.phase = phase;
  }

  private leave(): void {
    this.depth = 0;
    this.phase = 'after';
  }

  private break(): void {
    this.phase = 'broken';
  }

  private startString(what: 'key' | 'value'): void {
    this.inString = true;
    this.keeping = what;
    this.keptLength = 0;
    this.overflow = false;
  }

  private keep(b: number): void {
    if (!this.keeping) return;
    if (this.keptLength < ID_BYTES) this.kept[this.keptLength++] = b;
    else this.overflow = true;
  }

  private keptText(): string {
    return this.kept.toString('utf8', 0, this.keptLength);
  }

  /** The kept key or value has ended: `json` is its JSON text (a string's with its quotes). */
  private ended(json: string): void {
    const what = this.keeping;
    this.keeping = undefined;
    let value: unknown;
    try {
      value = this.overflow ? undefined : JSON.parse(json);
    } catch {
      return this.break();
    }
    if (what === 'key') {
      // A key past ID_BYTES is neither `id` nor `method`.
      this.key = value === 'id' || value === 'method' ? value : undefined;
      this.phase = 'colon';
    } else {
      this.took(value);
      this.phase = 'next';
    }
  }

  /** The current key's value: the last of a repeated key counts, as with JSON.parse. */
  private took(value: unknown): void {
    if (this.key === 'id') this.id = typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) ? value : undefined;
    else if (this.key === 'method') this.method = typeof value === 'string';
    this.key = undefined;
  }
}
