/**
 * The top-level `id` of a JSON-RPC request, learnt from its body's bytes as they stream past, in
 * constant memory: the body of a message past MAX_MESSAGE_BYTES is never held (messageBound.ts), yet
 * a request in it deserves an answer, or its client waits for ever. The scanner keeps only whether
 * it is in a string (and after a backslash), the nesting depth, where it is in the top-level object
 * (key, colon, value, comma), and the bytes of one key (up to 36), id or scalar there (up to ID_BYTES):
 * of a `method` only that it is a string, and of another string nothing.
 *
 * It reads as JSON.parse does where that decides the answer: escapes in keys and ids are decoded
 * (`"\u0069d"` is `id`), the last of a repeated key counts, and an `id` that is not a number or a
 * string (null, an object) is none. A request is an object with a string `method` and such an `id`
 * (a response has no method, and is not answered). Nesting is counted, not checked (`{]` is not
 * caught): a body that breaks in a way the scanner sees gives no id, and one it does not see may
 * still be answered, which costs nothing: the id is the client's own.
 */

/** The longest id kept (and so answered), raw: ids are counters or short strings. One longer is not held, and its request not answered. */
export const ID_BYTES = 1024;

/** The longest key kept, raw: `method` written with every character escaped (`\u006d`...). A longer key is neither `id` nor `method`. */
const KEY_BYTES = 6 * 'method'.length;

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
type Phase = 'before' | 'first' | 'key' | 'colon' | 'value' | 'scalar' | 'next' | 'after' | 'broken';

export class RequestIdScanner {
  private phase: Phase = 'before';
  private depth = 0;
  private inString = false;
  private escaped = false;
  /**
   * The top-level token being read: a key, a string value or a scalar value (number, true...);
   * undefined elsewhere. Of it, `limit` bytes at most are kept: a key's, an id's, a scalar's (to read
   * it); none of another string, whose end alone matters (a `method` of any length is a string).
   */
  private token: 'key' | 'string' | 'scalar' | undefined;
  private limit = 0;
  private readonly kept = Buffer.alloc(ID_BYTES);
  private keptLength = 0;
  /** Whether the token had bytes past its limit: then it is not read (no key, no id). */
  private overflow = false;
  /** The key whose value comes next, when it matters. */
  private key: 'id' | 'method' | undefined;
  private id: number | string | undefined;
  private method = false;

  push(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length && this.phase !== 'broken'; i++) {
      // The bulk of a long message is a string nothing keeps (a document's text, or past its limit): passed over here, not byte() by byte().
      if (this.inString && !this.escaped && this.keptLength >= this.limit) {
        const from = i;
        while (i < bytes.length && bytes[i] !== QUOTE && bytes[i] !== BACKSLASH) i++;
        if (i > from && this.token) this.overflow = true;
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
        if (this.token) this.ended();
        return;
      }
      this.keep(b);
      return;
    }
    // Within a top-level value's container only strings and nesting count (whitespace included).
    if (this.depth >= 2) return this.nested(b);
    if (this.phase === 'scalar' && (WHITESPACE.has(b) || b === COMMA || b === CLOSE_OBJECT)) this.ended();
    if (WHITESPACE.has(b)) return;
    switch (this.phase) {
      case 'before':
        return b === OPEN_OBJECT ? this.enter('first') : this.break();
      // The first key, or the object's end; after a comma, a key only (JSON.parse takes no trailing comma).
      case 'first':
      case 'key':
        if (b === QUOTE) return this.startString('key', KEY_BYTES);
        return b === CLOSE_OBJECT && this.phase === 'first' ? this.leave() : this.break();
      case 'colon':
        return b === COLON ? void (this.phase = 'value') : this.break();
      case 'value':
        if (b === QUOTE) return this.startString('string', this.key === 'id' ? ID_BYTES : 0);
        if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
          // A container is no id, and no method name.
          this.took(undefined);
          this.phase = 'next';
          this.depth++;
          return;
        }
        this.phase = 'scalar';
        this.startToken('scalar', ID_BYTES);
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

  private startString(token: 'key' | 'string', limit: number): void {
    this.inString = true;
    this.startToken(token, limit);
  }

  private startToken(token: 'key' | 'string' | 'scalar', limit: number): void {
    this.token = token;
    this.limit = limit;
    this.keptLength = 0;
    this.overflow = false;
  }

  private keep(b: number): void {
    if (!this.token) return;
    if (this.keptLength < this.limit) this.kept[this.keptLength++] = b;
    else this.overflow = true;
  }

  /** The current token has ended: read what was kept of it. */
  private ended(): void {
    const token = this.token;
    const text = this.kept.toString('utf8', 0, this.keptLength);
    const unread = this.overflow;
    this.token = undefined;
    this.limit = 0;
    this.keptLength = 0;
    if (token === 'string' && this.key !== 'id') {
      // A string, whatever it holds (a `method` is that).
      this.took('');
      this.phase = 'next';
      return;
    }
    let value: unknown;
    try {
      value = unread ? undefined : JSON.parse(token === 'scalar' ? text : `"${text}"`);
    } catch {
      return this.break();
    }
    if (token === 'key') {
      // A key past KEY_BYTES is neither `id` nor `method`.
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
