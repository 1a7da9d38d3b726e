/**
 * How a message writes a count and its noun: `1 file`, `3 files`, `1,024 files`, `2 entries` (the
 * plural given when it is not the noun and `s`). The one helper the server, the extension and the
 * command line share, so "1 variables" cannot be written again. Pure.
 */

/** `one` for 1, else `many`: the noun alone, for "Templates a, b" where the number is not written. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** `9,968`: a number as the messages write it (en-US grouping, whatever the machine's locale). */
export function grouped(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1 file`, `3 files`, `9,968 entries`: the number as the messages write it and its noun. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${grouped(n)} ${plural(n, one, many)}`;
}
