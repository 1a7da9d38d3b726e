/**
 * Reading a file the command line was pointed at (a checked file, --value-file, --secrets-file,
 * --template-file, --vars-file) with bounds: only a regular file, never more than a limit. A path
 * may name /dev/zero, a FIFO nobody writes to, a folder or a 50 MB file; each is refused with a
 * reason instead of hanging or filling memory. The reason never contains the file's content.
 */
import * as fs from 'node:fs';
import { decodeFileText } from '../../../server/src/index/fileText';

/** The limit for launch and deploy input files, shared with the editor (fileLimits.ts says why 2 MiB). */
export { MAX_WORKSPACE_FILE_BYTES } from '../fileLimits';
import { bytesInWords } from '../../../server/src/template/counts';

export type FileRefusal = 'missing' | 'folder' | 'special' | 'too-large' | 'unreadable';

/**
 * `text`: decoded as the editor decodes a file (fileText.ts: by its byte order mark, else UTF-8);
 * `bytes` for a reader with its own decoding rule (a secret value refuses what is not UTF-8).
 */
export type FileRead = { ok: true; text: string; bytes: Uint8Array } | { ok: false; refusal: FileRefusal; code?: string };

// Absent on Windows: 0 leaves the flag out there.
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const CHUNK = 64 * 1024;

/**
 * Reads a regular file of at most `maxBytes` bytes (decodeFileText: by its byte order mark, else UTF-8).
 * - Opened without blocking, so a FIFO with no writer cannot hang the open; the type and size
 *   checked are those of the opened file (fstat), so a swap after a check changes nothing.
 * - Reads at most `maxBytes + 1` bytes whatever the size claims (`/proc` files claim 0).
 * The command line's reader: it may block its own process. The extension host, shared by every
 * extension, reads with {@link readRegularFileAsync}, the same rules without blocking it.
 * @param options.noFollow refuse when the last path component is a symbolic link (for a path
 *   already resolved and checked: a link put there afterwards is not followed)
 */
export function readRegularFile(file: string, maxBytes: number, options: { noFollow?: boolean } = {}): FileRead {
  let fd: number;
  try {
    fd = fs.openSync(file, openFlags(options));
  } catch (err) {
    return openRefusal(err);
  }
  try {
    const refused = statRefusal(fs.fstatSync(fd), maxBytes);
    if (refused) return refused;
    const read = new BoundedRead(maxBytes);
    for (let chunk = read.next(); chunk; chunk = read.next()) read.took(fs.readSync(fd, chunk, 0, chunk.length, null));
    return read.result();
  } catch (err) {
    return readFailure(err);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * {@link readRegularFile}'s rules (one handle opened without blocking, its own stat, at most
 * `maxBytes + 1` bytes read) on the event loop's thread pool: the extension host goes on with other
 * work between chunks, and a file system that hangs (a dead NFS or FUSE mount) holds only this read.
 */
export async function readRegularFileAsync(file: string, maxBytes: number, options: { noFollow?: boolean } = {}): Promise<FileRead> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, openFlags(options));
  } catch (err) {
    return openRefusal(err);
  }
  try {
    const refused = statRefusal(await handle.stat(), maxBytes);
    if (refused) return refused;
    const read = new BoundedRead(maxBytes);
    for (let chunk = read.next(); chunk; chunk = read.next()) read.took((await handle.read(chunk, 0, chunk.length, null)).bytesRead);
    return read.result();
  } catch (err) {
    return readFailure(err);
  } finally {
    await handle.close();
  }
}

function openFlags(options: { noFollow?: boolean }): number {
  return fs.constants.O_RDONLY | O_NONBLOCK | (options.noFollow ? O_NOFOLLOW : 0);
}

function errorCode(err: unknown): { code?: string } {
  const code = (err as NodeJS.ErrnoException).code;
  return code ? { code } : {};
}

function openRefusal(err: unknown): FileRead {
  const { code } = errorCode(err);
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, refusal: 'missing' };
  if (code === 'EISDIR') return { ok: false, refusal: 'folder' };
  if (code === 'ELOOP') return { ok: false, refusal: 'special' };
  return { ok: false, refusal: 'unreadable', ...errorCode(err) };
}

/** The opened file's own type and size, checked before a byte is read. */
function statRefusal(stat: fs.Stats, maxBytes: number): FileRead | undefined {
  if (stat.isDirectory()) return { ok: false, refusal: 'folder' };
  if (!stat.isFile()) return { ok: false, refusal: 'special' };
  if (stat.size > maxBytes) return { ok: false, refusal: 'too-large' };
  return undefined;
}

function readFailure(err: unknown): FileRead {
  const { code } = errorCode(err);
  // EAGAIN: a non-blocking read of something that claimed to be a file.
  return { ok: false, refusal: code === 'EISDIR' ? 'folder' : 'unreadable', ...errorCode(err) };
}

/** The chunks of one read, never more than `maxBytes + 1` bytes, whatever the file claimed its size was. */
class BoundedRead {
  private readonly chunks: Buffer[] = [];
  private total = 0;
  private chunk: Buffer | undefined;
  private ended = false;

  constructor(private readonly maxBytes: number) {}

  /** The buffer to read into next, or undefined once the file ended or went past the limit. */
  next(): Buffer | undefined {
    if (this.ended || this.total > this.maxBytes) return undefined;
    this.chunk = Buffer.allocUnsafe(Math.min(CHUNK, this.maxBytes + 1 - this.total));
    return this.chunk;
  }

  /** `n` bytes were read into the buffer {@link next} gave (0: the end of the file). */
  took(n: number): void {
    const chunk = this.chunk!;
    if (n === 0) this.ended = true;
    else {
      this.chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      this.total += n;
    }
  }

  result(): FileRead {
    if (this.total > this.maxBytes) return { ok: false, refusal: 'too-large' };
    const bytes = Buffer.concat(this.chunks, this.total);
    return { ok: true, text: decodeFileText(bytes), bytes };
  }
}

/** What was wrong, for a message: never the content, and the path only where the caller adds it. */
export function describeRefusal(read: { refusal: FileRefusal; code?: string }, maxBytes: number): string {
  switch (read.refusal) {
    case 'missing':
      return 'no such file';
    case 'folder':
      return 'a folder, not a file';
    case 'special':
      return 'not a regular file (a device, a pipe, a socket or a link loop)';
    case 'too-large':
      return `larger than ${bytesInWords(maxBytes)}`;
    default:
      return `cannot read (${read.code ?? 'error'})`;
  }
}

