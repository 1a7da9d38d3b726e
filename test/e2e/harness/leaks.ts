/**
 * Search files for secret values a scenario typed: the output channel's log files, code-server's
 * logs and storage (global/workspace state, SQLite databases), the extensions folder, the workspace,
 * the browser profile and the fake's data folder. Values must be nowhere; the fake keeps them
 * encrypted. Raw bytes are searched as UTF-8 and UTF-16LE (Chromium's storage uses both).
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stack } from '../../../scripts/editor/stack.mjs';

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

/** Files under `roots` that contain any of `values` (UTF-8 or UTF-16LE bytes). */
export function findLeaks(roots: string[], values: string[]): Leak[] {
  const patterns = values.map((value) => [Buffer.from(value, 'utf8'), Buffer.from(value, 'utf16le')]);
  const leaks: Leak[] = [];
  for (const root of roots) {
    for (const file of listFiles(root)) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue; // Removed while we looked (a log rotated): nothing to read.
      }
      patterns.forEach((forms, valueIndex) => {
        if (forms.some((form) => bytes.includes(form))) leaks.push({ file, valueIndex });
      });
    }
  }
  return leaks;
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
