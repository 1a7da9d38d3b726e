/**
 * How a RunPod file's bytes become its text: the one decoder for every read of such a file from
 * disk (the index, runpod-check, the extension's own reads), so their offsets are the open editor's.
 *
 * VS Code (`files.encoding` utf8, its default) reads a byte order mark as the encoding and leaves
 * it out of the document: EF BB BF is UTF-8, FF FE UTF-16LE, FE FF UTF-16BE; without one, UTF-8.
 * A mark kept as U+FEFF put every column of line 1 one too far, and a rename's edit of an unopened
 * file one character off; UTF-16 read as UTF-8 is NUL-strewn garbage whose references vanish.
 * Offsets stay UTF-16 code units of the decoded text, as everywhere else.
 *
 * Without a mark, VS Code still opens a file as UTF-16 when its first 512 bytes hold a NUL byte and
 * one side of every byte pair is NUL, the other never: `A\0=\0` is UTF-16LE,
 * `\0A\0=` UTF-16BE (its encoding.ts, detectEncodingFromBuffer). Any other NUL there and it calls the
 * file binary; that, and the legacy encodings `files.encoding` or `files.autoGuessEncoding` may
 * choose, read as UTF-8 here (invalid bytes as U+FFFD).
 */

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

function startsWith(bytes: Uint8Array, mark: readonly number[]): boolean {
  return bytes.length >= mark.length && mark.every((b, i) => bytes[i] === b);
}

/**
 * The text of `bytes`, decoded by its byte order mark (the mark itself left out), else as UTF-8.
 * @param partial the bytes are a file's start only: the text ends after its last line break (none:
 *   empty), so a line cut in two is not read as another line and no half character is kept
 */
export function decodeFileText(bytes: Uint8Array, partial = false): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string;
  if (startsWith(buffer, UTF8_BOM)) text = buffer.toString('utf8', 3);
  else if (buffer[0] === 0xff && buffer[1] === 0xfe) text = buffer.toString('utf16le', 2);
  else if (buffer[0] === 0xfe && buffer[1] === 0xff) text = utf16be(buffer.subarray(2));
  else {
    const unmarked = unmarkedUtf16(buffer);
    text = unmarked === 'le' ? buffer.toString('utf16le') : unmarked === 'be' ? utf16be(buffer) : buffer.toString('utf8');
  }
  return partial ? text.slice(0, lastLineEnd(text)) : text;
}

/** How much of a file's start VS Code looks at for NUL bytes. */
const NUL_SNIFF_BYTES = 512;

/** UTF-16 without a mark, by VS Code's rule above: 'le', 'be', or undefined (no NUL, or NULs on both sides). */
function unmarkedUtf16(bytes: Uint8Array): 'le' | 'be' | undefined {
  const end = Math.min(bytes.length, NUL_SNIFF_BYTES);
  let le = true; // NUL exactly at the odd bytes
  let be = true; // NUL exactly at the even bytes
  let nul = false;
  for (let i = 0; i < end && (le || be); i++) {
    const zero = bytes[i] === 0;
    nul ||= zero;
    const odd = i % 2 === 1;
    if (odd !== zero) le = false;
    if (odd === zero) be = false;
  }
  if (!nul) return undefined;
  return le ? 'le' : be ? 'be' : undefined;
}

/** UTF-16BE as Node reads it: byte pairs swapped into UTF-16LE (a copy; a lone last byte is dropped, as for LE). */
function utf16be(bytes: Buffer): string {
  const even = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return even.swap16().toString('utf16le');
}

/** Where `text` ends after its last line break (`\n` or `\r`), 0 when it has none. */
function lastLineEnd(text: string): number {
  // From the end: two lastIndexOf calls would scan a 16 MiB text without a `\r` whole.
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) !== 0x0a && text.charCodeAt(end - 1) !== 0x0d) end--;
  return end;
}
