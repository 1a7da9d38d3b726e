/**
 * The Node flags the server is started with (the extension's language client passes them, the
 * benchmarks and protocol tests spawn the server with them, and the README gives them to other
 * editors): V8's young generation stays at most 2 MB a half.
 *
 * Why: V8 doubles the young generation whenever enough has survived its collections, up to 16 MB
 * a half (Node 20), and keeps the pages for the life of the process; opening one large file grew it
 * to 8 or 16 MB a half, the largest part of the peak of a file of short lines (BENCHMARKS.md,
 * Memory). Peak growth measured with the bench's large files in a fresh server each (`--only=server`,
 * December 2026, Node 20.20.2; at most 2 MB / V8's default / at most 1 MB): 390,000 lines of `A=1`
 * 17.7-18.6x the file size / 35.7x / 18.2x, 390,000 unclosed references 13.2-13.4x / 15.7x / 21-23x
 * (a young generation that small promotes what a larger one would have collected), the 10 MB
 * template body 13.5-13.6x / 16.3x / 9.7x; every other row lower or equal; time to the first
 * diagnostics within the run-to-run spread.
 *
 * A flag on the command line rather than `v8.setFlagsFromString` at start: the size limit is read
 * only when V8 starts, and `--semi-space-growth-factor=1`, which can be set later, is raised back to
 * 2 by newer V8 (Node 23 and later), and a V8 that dropped it would print "unrecognized flag" on
 * every start.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
