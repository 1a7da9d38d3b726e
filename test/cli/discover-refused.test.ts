/**
 * discoverFiles keeps every path it refused on each way it returns: a walk stopped at its entry
 * bound after a named path was refused must still say that path was not read, or a caller sees
 * "stopped early" and never the missing file the user named.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { discoverFiles } from '../../client/src/cli/check/discover';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runpod-discover-refused-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('keeps the refusal when the walk then stops at its bound', () => {
  fs.mkdirSync(path.join(dir, 'many'));
  for (const name of ['a.runpod.env', 'b.runpod.env', 'c.runpod.env']) fs.writeFileSync(path.join(dir, 'many', name), 'A=1\n');
  const found = discoverFiles(['missing.runpod.env', 'many'], dir, undefined, { keepGoing: true, maxEntries: 1 });
  expect(found.truncated).toBe(true);
  expect(found.refused).toEqual([{ display: 'missing.runpod.env', reason: 'no such file or folder' }]);
});

it('keeps the refusal on the ordinary return too', () => {
  fs.mkdirSync(path.join(dir, 'one'));
  fs.writeFileSync(path.join(dir, 'one', 'a.runpod.env'), 'A=1\n');
  const found = discoverFiles(['missing.runpod.env', 'one'], dir, undefined, { keepGoing: true });
  expect(found.truncated).toBeUndefined();
  expect(found.files.map((f) => f.display)).toEqual(['one/a.runpod.env']);
  expect(found.refused).toEqual([{ display: 'missing.runpod.env', reason: 'no such file or folder' }]);
});
