/**
 * How a message writes a count and its noun, and a number of bytes: `1 file`, `3 files`, `1,024 files`, `2 entries` (the
 * plural given when it is not the noun and `s`). The one helper the server, the extension and the
 * command line share, so "1 variables" cannot be written again. Pure.
 */

/** `one` for 1, else `many`: the noun alone, for "Templates a, b" where the number is not written. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** `9,968`: a number as the messages write it (en-US grouping, whatever the machine's locale). */
export function grouped(n: number): string {
  // A whole number (every count) is grouped here, not by toLocaleString: its first call in a thread
  // loads ICU's number formatting, 35 ms of CPU (Node 20, December 2026), and a message built at
  // load time (limits.ts INDEX_LIMIT_REMEDY) made every thread pay it, the index's walk thread
  // before it listed anything: the cold index waited for it (BENCHMARKS.md, the workspace index).
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

/** `1 file`, `3 files`, `9,968 entries`: the number as the messages write it and its noun. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${grouped(n)} ${plural(n, one, many)}`;
}

const MIB = 1024 * 1024;

/**
 * A size or a byte limit in words, the one rule for every message and help text: `2 MiB`, `16 MiB`,
 * `17.3 MiB` (to a tenth) from 1 MiB on; below, the exact count (`65536 bytes`, `10 bytes`: a small
 * limit, the config file's or a test's, is read exactly). A limit of 1 MiB or more is a whole
 * number of MiB (they all are), so the rounding only ever shortens a size.
 */
export function bytesInWords(bytes: number): string {
  return bytes >= MIB ? `${Math.round((bytes / MIB) * 10) / 10} MiB` : `${bytes} bytes`;
}
