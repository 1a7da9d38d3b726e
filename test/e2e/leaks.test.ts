/**
 * The leak search the scenarios rely on: it must find a value written as UTF-8 or UTF-16LE anywhere
 * under the roots, whole or as any piece the unit tests' rule names (a 12-character run, the JSON,
 * URL or base64 form), report which value by index (never the value), and not follow symlinks out
 * of the roots. No editor needed.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findLeaks } from './harness/leaks.js';

const ONE = 's3cr3t-one-Qm7vX2kP9';
const TWO = 's3cr3t-two-Lw4nZ8cR1';
const THREE = 's3cr3t-three-Hy6tB3dJ5';

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
    writeFileSync(join(root, 'logs', 'exthost', 'RunPod.log'), `GET /account/secrets 200\nvalue=${ONE}\n`);
    writeFileSync(join(root, 'Local Storage.db'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(TWO, 'utf16le')]));
    writeFileSync(join(root, 'clean.txt'), 'nothing here');
    const leaks = findLeaks([root], [ONE, TWO, THREE]);
    expect(leaks.map((l) => [l.file.slice(root.length), l.valueIndex]).sort()).toEqual([
      ['/Local Storage.db', 1],
      ['/logs/exthost/RunPod.log', 0],
    ]);
    expect(JSON.stringify(leaks)).not.toContain('s3cr3t');
  });

  it('finds nothing when the value is absent, and does not follow symlinks out of the roots', () => {
    const root = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'elsewhere.txt'), ONE);
    symlinkSync(outside, join(root, 'link'));
    writeFileSync(join(root, 'a.txt'), ONE.slice(0, 11)); // shorter than a window: not a piece
    writeFileSync(join(root, 'b.txt'), Buffer.from(ONE.slice(-11), 'utf16le'));
    expect(findLeaks([root], [ONE])).toEqual([]);
  });

  it.each([
    ['the first 12 characters', ONE.slice(0, 12), 'utf8'],
    ['the last 12 characters, as UTF-16LE', ONE.slice(-12), 'utf16le'],
    ['the value inside Basic auth (base64 of user:value)', Buffer.from(`user:${ONE}`).toString('base64'), 'utf8'],
    ['the value inside base64 at another offset, as UTF-16LE', Buffer.from(`ab${ONE}`).toString('base64'), 'utf16le'],
  ] as const)('finds %s', (_name, piece, encoding) => {
    const root = tempDir();
    writeFileSync(join(root, 'state.vscdb'), Buffer.concat([Buffer.from([0xff, 0]), Buffer.from(`x${piece}x`, encoding)]));
    expect(findLeaks([root], [TWO, ONE])).toEqual([{ file: join(root, 'state.vscdb'), valueIndex: 1 }]);
  });

  it('refuses a value shorter than a window: it could match innocently', () => {
    expect(() => findLeaks([tempDir()], ['short-value'])).toThrow(/value 0 is shorter than 12 characters/);
  });

  it('treats a missing root as empty', () => {
    expect(findLeaks([join(tmpdir(), 'runpod-no-such-folder-xyz')], [ONE])).toEqual([]);
  });
});
