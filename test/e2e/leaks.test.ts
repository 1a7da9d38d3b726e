/**
 * The leak search the scenarios rely on: it must find a value written as UTF-8 or UTF-16LE anywhere
 * under the roots, report which value by index (never the value), and not follow symlinks out of
 * the roots. No editor needed.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findLeaks } from './harness/leaks.js';

describe('findLeaks', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'runpod-leaks-test-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds UTF-8 and UTF-16LE copies in nested folders and reports the value by index', () => {
    const root = tempDir();
    mkdirSync(join(root, 'logs', 'exthost'), { recursive: true });
    writeFileSync(join(root, 'logs', 'exthost', 'RunPod.log'), 'GET /account/secrets 200\nvalue=s3cr3t-one\n');
    writeFileSync(join(root, 'Local Storage.db'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from('s3cr3t-two', 'utf16le')]));
    writeFileSync(join(root, 'clean.txt'), 'nothing here');
    const leaks = findLeaks([root], ['s3cr3t-one', 's3cr3t-two', 's3cr3t-three']);
    expect(leaks.map((l) => [l.file.slice(root.length), l.valueIndex]).sort()).toEqual([
      ['/Local Storage.db', 1],
      ['/logs/exthost/RunPod.log', 0],
    ]);
    expect(JSON.stringify(leaks)).not.toContain('s3cr3t');
  });

  it('finds nothing when the value is absent, and does not follow symlinks out of the roots', () => {
    const root = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'elsewhere.txt'), 's3cr3t-one');
    symlinkSync(outside, join(root, 'link'));
    writeFileSync(join(root, 'a.txt'), 's3cr3t-on'); // a prefix is not the value
    expect(findLeaks([root], ['s3cr3t-one'])).toEqual([]);
  });

  it('treats a missing root as empty', () => {
    expect(findLeaks([join(tmpdir(), 'runpod-no-such-folder-xyz')], ['anything'])).toEqual([]);
  });
});
