/**
 * Search files for secret values a scenario typed: the output channel's log files, code-server's
 * logs and storage (global/workspace state, SQLite databases), the extensions folder, the workspace,
 * the browser profile and the fake's data folder. Values must be nowhere; the fake keeps them
 * encrypted. What counts as a leak is the unit tests' rule (test/helpers/noLeak.ts): the value,
 * JSON-escaped, URL-encoded or base64-encoded, whole or any WINDOW-character run of it; each piece
 * is searched as UTF-8 and UTF-16LE bytes (Chromium's storage uses both).
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stack } from '../../../scripts/editor/stack.mjs';
import { leakNeedles, WINDOW } from '../../helpers/noLeak.js';

/** One file that holds one of the values. */
export interface Leak {
  file: string;
  /** Which value (by index in the list given), never the value itself, so reports cannot leak it. */
  valueIndex: number;
}

const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Every regular file under `root` (symlinks not followed). */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(dir, name);
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile() && stat.size <= MAX_FILE_BYTES) out.push(path);
    }
  };
  walk(root);
  return out;
}

/**
 * Files under `roots` that contain any piece of any of `values` (see the header). A value must be
 * at least WINDOW characters (a random part that long, as noLeak.ts asks): a shorter one, or a
 * shorter piece (a short line of a multi-line value), could turn up in a profile by chance.
 */
export function findLeaks(roots: string[], values: string[]): Leak[] {
  const index = new NeedleIndex(values);
  const leaks: Leak[] = [];
  for (const root of roots) {
    for (const file of listFiles(root)) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue; // Removed while we looked (a log rotated): nothing to read.
      }
      for (const valueIndex of index.valuesIn(bytes, values.length)) leaks.push({ file, valueIndex });
    }
  }
  return leaks;
}

interface Needle {
  bytes: Buffer;
  valueIndex: number;
}

/**
 * Every needle of every value, looked up by its first four bytes, so that one pass over a file
 * checks them all (hundreds of needles per value: searching a browser profile once per needle
 * would take minutes).
 */
class NeedleIndex {
  private readonly byPrefix = new Map<number, Needle[]>();
  /** Whether any needle starts with these two bytes: a cheap first test at each position. */
  private readonly firstTwo = new Uint8Array(1 << 16);

  constructor(values: string[]) {
    values.forEach((value, valueIndex) => {
      if (value.length < WINDOW) throw new Error(`findLeaks: value ${valueIndex} is shorter than ${WINDOW} characters; it could match innocently`);
      for (const needle of leakNeedles(value)) {
        if (needle.length < WINDOW) continue;
        for (const bytes of [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')]) {
          const key = prefixAt(bytes, 0);
          this.firstTwo[key & 0xffff] = 1;
          const list = this.byPrefix.get(key) ?? [];
          list.push({ bytes, valueIndex });
          this.byPrefix.set(key, list);
        }
      }
    });
  }

  /** The indexes of the values with a needle in `bytes`. */
  valuesIn(bytes: Buffer, valueCount: number): Set<number> {
    const found = new Set<number>();
    for (let at = 0; at + 4 <= bytes.length && found.size < valueCount; at++) {
      if (!this.firstTwo[bytes[at]! | (bytes[at + 1]! << 8)]) continue;
      for (const needle of this.byPrefix.get(prefixAt(bytes, at)) ?? []) {
        const end = at + needle.bytes.length;
        if (!found.has(needle.valueIndex) && end <= bytes.length && bytes.compare(needle.bytes, 0, needle.bytes.length, at, end) === 0) {
          found.add(needle.valueIndex);
        }
      }
    }
    return found;
  }
}

/** The four bytes at `at` as one number (little-endian, unsigned). */
function prefixAt(bytes: Buffer, at: number): number {
  return bytes.readUInt32LE(at);
}

/** Every folder a run writes to: user data (logs, output channels, state), extensions, workspace, browser profile, fake data, stack logs. */
export function leakSearchRoots(session: { stack: Stack; browserProfile: string }): string[] {
  const { stack } = session;
  return [stack.userDataDir, stack.extensionsDir, stack.workspace, stack.fakeDataDir, stack.logDir, session.browserProfile];
}

/** The RunPod output channel's log files under the user-data logs (a LogOutputChannel is written to disk). */
export function runpodLogFiles(stack: Stack): string[] {
  return listFiles(join(stack.userDataDir, 'logs')).filter((file) => /RunPod/.test(file));
}
