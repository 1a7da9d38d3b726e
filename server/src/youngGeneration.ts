/**
 * The server's young generation stays at the size V8 starts it with (1 MB a half). V8 doubles it
 * whenever enough has survived its collections since the last doubling, up to 16 MB a half, and
 * keeps the pages for the life of the process: opening one large file grew it to 8 or 16 MB a half,
 * the largest part of the peak of a file of short lines (BENCHMARKS.md, Memory).
 * Measured with the bench's files in a fresh server each (December 2026, two runs each, this
 * setting / V8's default): 390,000 lines of `A=1` peaked at 16.6-17.4x the file size / 23.8-24.0x,
 * the 10 MB template body at 13.7x / 15.7-15.9x, the 15 MB TOML file at 10.3-10.9x / 11.7-12.6x;
 * the server's CPU time to the first diagnostics the same or lower (`A=1` 470-490 / 520-600 ms,
 * the template body 940-1,100 / 1,040-1,220 ms), typing latency (`npm run bench`, `--only=latency`,
 * runs of each interleaved) within the run-to-run noise.
 *
 * Set after V8 started: the factor is read each time the young generation would grow (V8's
 * `SemiSpaceNewSpace::Grow`), so 1 keeps it as it is; the size limits themselves (such as
 * `--max-semi-space-size`) are read only when the process starts, and the server cannot set
 * flags on its own command line (editors start it as `node dist/server.js`).
 */
import { setFlagsFromString } from 'node:v8';

export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
