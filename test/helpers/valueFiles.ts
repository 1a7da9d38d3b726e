/**
 * Secret value files and the value each must give (or the refusal), shared by the command line's
 * `--value-file` tests and the editor's "From file…" tests: one rule, the same files.
 */
import { SECRET_VALUE_MAX_BYTES } from '../../server/src/template/names';
import type { Io } from '../../client/src/cli/io';

export interface ValueFileCase {
  label: string;
  bytes: () => Uint8Array;
  /** The stored value, or a pattern the refusal matches. */
  expected: { value: string } | { refused: RegExp };
}

const utf8 = (text: string) => () => new TextEncoder().encode(text);
const BOM = '\uFEFF';
const PEM = '-----BEGIN KEY-----\nabc\n-----END KEY-----\n';
const EMPTY = /^the value is empty \(or only a line break\); a secret value needs at least one character$/;
const NUL = /^the value holds a NUL character \(U\+0000\), which an environment variable cannot carry/;
/** UTF-16LE without a byte-order mark: valid UTF-8, a NUL after every ASCII character. */
const utf16le = (text: string) => () => new Uint8Array(Buffer.from(text, 'utf16le'));
const TOO_LARGE = /^the value is too large; RunPod takes a value of less than 16 MiB$/;

export const VALUE_FILES: readonly ValueFileCase[] = [
  { label: 'a token written by echo', bytes: utf8('hf_abc\n'), expected: { value: 'hf_abc' } },
  { label: 'a token with CRLF and a BOM', bytes: utf8(`${BOM}hf_abc\r\n`), expected: { value: 'hf_abc' } },
  { label: 'a token without a line break', bytes: utf8('hf_abc'), expected: { value: 'hf_abc' } },
  { label: 'a PEM key keeps its final newline', bytes: utf8(PEM), expected: { value: PEM } },
  { label: 'a PEM key with a BOM keeps its final newline', bytes: utf8(BOM + PEM), expected: { value: PEM } },
  { label: 'two trailing line breaks stay', bytes: utf8('abc\n\n'), expected: { value: 'abc\n\n' } },
  { label: 'an empty file', bytes: utf8(''), expected: { refused: EMPTY } },
  { label: 'a BOM only', bytes: utf8(BOM), expected: { refused: EMPTY } },
  { label: 'a line break only', bytes: utf8('\r\n'), expected: { refused: EMPTY } },
  {
    label: 'a value of 16 MiB - 1 byte with a BOM and CRLF (the limit is on the stored value)',
    bytes: utf8(`${BOM}${'a'.repeat(SECRET_VALUE_MAX_BYTES - 1)}\r\n`),
    expected: { value: 'a'.repeat(SECRET_VALUE_MAX_BYTES - 1) },
  },
  { label: 'a value of 16 MiB', bytes: utf8('a'.repeat(SECRET_VALUE_MAX_BYTES)), expected: { refused: TOO_LARGE } },
  { label: 'binary content', bytes: () => new Uint8Array([0x7a, 0x71, 0x78, 0x6a, 0xff, 0xfe]), expected: { refused: /^the value is not UTF-8 text/ } },
  { label: 'UTF-16LE with its byte-order mark (not UTF-8)', bytes: () => new Uint8Array([0xff, 0xfe, ...utf16le('hf_abc')()]), expected: { refused: /^the value is not UTF-8 text/ } },
  { label: 'UTF-16LE without a byte-order mark (valid UTF-8, full of NULs)', bytes: utf16le('hf_abc\n'), expected: { refused: NUL } },
  { label: 'a NUL inside a UTF-8 value', bytes: utf8('hf_\u0000abc'), expected: { refused: NUL } },
];

/** An Io for the command line's readValue with a value file, run in `cwd`: nothing else is read. */
export const valueFileIo = (cwd: string): Io => ({
  env: {},
  cwd,
  stdout: () => undefined,
  stderr: () => undefined,
  stdinIsTTY: false,
  readStdin: () => Promise.reject(new Error('not used')),
  prompt: () => Promise.reject(new Error('not used')),
});
