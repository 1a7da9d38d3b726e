/**
 * Reading a workspace file for the index, with the bounds a repository's content calls for: the
 * repository controls every path, so a "file" may be a symbolic link to `~/.ssh`, a FIFO nobody
 * writes to, a device or a 2 GB log.
 * - Opened with O_NOFOLLOW (a link is never followed) and O_NONBLOCK (a FIFO cannot hang the open);
 *   the type and size checked are the opened file's (fstat), so a swap after the walk changes nothing.
 * - Never more than `maxBytes` read: a larger file is read up to its last line break within the
 *   limit, and said so (`cut`), so the analysis can say where checking stopped.
 * - Decoded as the editor decodes it (fileText.ts: a byte order mark chooses UTF-8 or UTF-16 and is
 *   not part of the text), so offsets from a read are the open document's.
 *
 * Synchronous on purpose: the index reads thousands of small files, and Node's asynchronous file
 * calls cost several times the read itself (5,000 files of 50 lines: 33 ms read synchronously,
 * 90 to 180 ms through fs.promises sixteen at a time; BENCHMARKS.md). The indexer reads in time
 * slices and yields between them, so requests are still answered while it works. A reader that
 * must not block (the extension host) has {@link readIndexedFileAsync}: the same rules, stated once.
 * Errors are answered as a reason, never thrown; nothing of the content is in a reason.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { decodeFileText } from './fileText';

/** `size`: the whole file's, in bytes; `cut`: the file is larger than what was read (`text` is its start). */
export type IndexedRead = { ok: true; text: string; size: number; cut: boolean; stamp: string } | { ok: false; reason: UnreadReason };

/**
 * The `wholeLength` to give analyze() for a read: the file's size when the read was cut, so
 * `file-too-large` says where checking stopped; else the text's own length. Never the size of a
 * whole file: it counts UTF-8 bytes, the text UTF-16 units, and for any non-ASCII text the larger
 * byte count claimed a cut that never happened.
 */
export function wholeLengthOf(read: { text: string; size: number; cut: boolean }): number {
  return read.cut ? read.size : read.text.length;
}

// Absent on Windows: 0 leaves the flag out there (the walk never reports a link anyway).
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/** The stamp of a stat: equal stamps mean the file was not written in between (as far as the file system tells). */
export function stampOf(stat: { mtimeMs: number; size: number; ino: number }): string {
  return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
}

/** Why a file cannot be read for the index (no content in it). */
export type UnreadReason = 'missing' | 'not-a-file' | 'unreadable';

/** The one way the index opens a file: no link followed, no FIFO waited on. */
const OPEN_FLAGS = constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK;

/** Why an open with OPEN_FLAGS failed, as a reason. */
function openFailure(error: unknown): UnreadReason {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
  if (code === 'ELOOP' || code === 'EISDIR' || code === 'ENXIO') return 'not-a-file';
  return 'unreadable';
}

/** The opened file's own fstat decides: only a regular file is read. */
const NOT_A_FILE = { ok: false, reason: 'not-a-file' } as const;
/** A failed fstat or read (EAGAIN: a non-blocking read of something that claimed to be a file; EISDIR and the like). */
const UNREADABLE = { ok: false, reason: 'unreadable' } as const;

/** The bytes to read of an opened regular file: never more than `maxBytes`. */
function bytesWanted(stat: Stats, maxBytes: number): Buffer {
  return Buffer.allocUnsafe(Math.min(stat.size, maxBytes));
}

/** The read of `got` bytes into `buffer`: decoded, and cut when the file is larger than `maxBytes`. */
function finishRead(buffer: Buffer, got: number, stat: Stats, maxBytes: number): IndexedRead {
  const cut = stat.size > maxBytes;
  return { ok: true, text: decodeFileText(buffer.subarray(0, got), cut), size: stat.size, cut, stamp: stampOf(stat) };
}

/**
 * Opens `path` as the index reads it: no link followed, no FIFO waited on, a regular file by the
 * opened file's own fstat. The one rule for what counts as readable, for a read and for a look
 * that reads nothing (indexedFileStamp). The caller closes `fd`.
 */
function openIndexed(path: string): { ok: true; fd: number; stat: Stats } | { ok: false; reason: UnreadReason; code?: string } {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: openFailure(error), ...(code ? { code } : {}) };
  }
  let stat: Stats;
  try {
    stat = fstatSync(fd);
  } catch {
    closeSync(fd);
    return UNREADABLE;
  }
  if (stat.isFile()) return { ok: true, fd, stat };
  closeSync(fd);
  return NOT_A_FILE;
}

/** Reads a regular file, at most `maxBytes` bytes of it (see the module comment). */
export function readIndexedFile(path: string, maxBytes: number): IndexedRead {
  const opened = openIndexed(path);
  if (!opened.ok) return { ok: false, reason: opened.reason };
  const { fd, stat } = opened;
  try {
    const buffer = bytesWanted(stat, maxBytes);
    let got = 0;
    while (got < buffer.length) {
      const n = readSync(fd, buffer, got, buffer.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return finishRead(buffer, got, stat, maxBytes);
  } catch {
    return UNREADABLE;
  } finally {
    closeSync(fd);
  }
}

/**
 * {@link readIndexedFile}'s rules (the same open, fstat check, limit and decoding) on node's thread
 * pool, for a reader that must not block its thread on a file system that may never answer: the
 * extension host's walk reads a folder's `.gitignore` so, under the bound of its reads
 * (client/src/boundedRead.ts). A hung call still holds a pool thread; the caller's bound says so.
 */
export async function readIndexedFileAsync(path: string, maxBytes: number): Promise<IndexedRead> {
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, reason: openFailure(error) };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return NOT_A_FILE;
    const buffer = bytesWanted(stat, maxBytes);
    let got = 0;
    while (got < buffer.length) {
      const { bytesRead } = await handle.read(buffer, got, buffer.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return finishRead(buffer, got, stat, maxBytes);
  } catch {
    return UNREADABLE;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Whether readIndexedFile could read `path` now, and the stamp it would give, without reading a
 * byte of it: a rename's follow-up (lsp/rename.ts renameReach) learns whether a file it does not
 * edit is still the one the index read, at the cost of an open and an fstat; the command line's
 * `check` learns whether a file it was named can be read at all (`code`: the open's error code).
 */
export function indexedFileStamp(path: string): { ok: true; stamp: string } | { ok: false; reason: UnreadReason; code?: string } {
  const opened = openIndexed(path);
  if (!opened.ok) return opened;
  closeSync(opened.fd);
  return { ok: true, stamp: stampOf(opened.stat) };
}
