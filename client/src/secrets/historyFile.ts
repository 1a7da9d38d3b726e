/**
 * The command line's secret history: a JSONL file the CLI appends to and the extension reads and
 * merges into "RunPod: Show Secret History" (the CLI cannot write VS Code's storage). At
 * `$XDG_STATE_HOME/runpod-check/history.jsonl`, else `~/.local/state/runpod-check/history.jsonl`
 * (the XDG default, also where it goes on macOS and Windows). Never a value: entries are built by
 * history.ts from names and outcomes only.
 *
 * Worst values: the file is created 0600 in a 0700 folder; a symbolic link in the file's place is
 * refused (never followed), as is anything but a regular file; it is compacted to the last
 * MAX_HISTORY_ENTRIES entries once it grows past COMPACT_BYTES, and read from its tail only, so a
 * planted 50 MB file costs at most READ_BYTES. Node only, no `vscode`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { homeOf } from '../homeFolder';
import { historyLine, MAX_HISTORY_ENTRIES, parseHistoryLines, type HistoryEntry } from './history';

/** Past this size the file is rewritten with its last MAX_HISTORY_ENTRIES entries (about 200 bytes each). */
const COMPACT_BYTES = 512 * 1024;
/** The most read back: the tail of the file, enough for MAX_HISTORY_ENTRIES entries. */
const READ_BYTES = 1024 * 1024;

const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/** Where the CLI's history lives, for this environment: the CLI writes and the editor reads the same file. */
export function historyFilePath(env: Readonly<Record<string, string | undefined>>): string {
  const state = env['XDG_STATE_HOME']?.trim();
  // The XDG spec: a relative XDG_STATE_HOME is invalid and ignored.
  const base = state && path.isAbsolute(state) ? state : path.join(homeOf(env), '.local', 'state');
  return path.join(base, 'runpod-check', 'history.jsonl');
}

/**
 * The command line's history as the editor reads it (activate(), extension.ts): where runpod-check
 * run from the editor's environment (its HOME, XDG_STATE_HOME) writes it. No argument to get wrong.
 */
export function readCliHistory(): HistoryEntry[] {
  return readHistoryFile(historyFilePath(process.env));
}

/**
 * Appends one entry (0600, the folder 0700), compacting the file when it has grown large.
 * @throws Error with a short reason (never file content) when the file cannot be written safely
 */
export function appendHistoryFile(file: string, entry: HistoryEntry): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | O_NOFOLLOW | O_NONBLOCK, 0o600);
  } catch (err) {
    throw new Error(refusal(err));
  }
  let size: number;
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new Error('not a regular file');
    // A file made by another tool with a wider mode is narrowed: it lists what was done to secrets.
    if ((stat.mode & 0o077) !== 0) fs.fchmodSync(fd, 0o600);
    fs.writeSync(fd, historyLine(entry));
    size = stat.size;
  } finally {
    fs.closeSync(fd);
  }
  if (size > COMPACT_BYTES) compact(file);
}

/** The entries of the file, oldest first (none when it does not exist); unreadable lines skipped. */
export function readHistoryFile(file: string): HistoryEntry[] {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(refusal(err));
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new Error('not a regular file');
    const length = Math.min(stat.size, READ_BYTES);
    const buffer = Buffer.alloc(length);
    const read = length > 0 ? fs.readSync(fd, buffer, 0, length, stat.size - length) : 0;
    let text = buffer.subarray(0, read).toString('utf8');
    // Read from the middle of the file: the first line is cut, drop it.
    if (stat.size > length) text = text.slice(text.indexOf('\n') + 1);
    return parseHistoryLines(text);
  } finally {
    fs.closeSync(fd);
  }
}

/** Rewrites the file with its last entries, through a temporary file renamed over it. */
function compact(file: string): void {
  const kept = readHistoryFile(file).slice(-MAX_HISTORY_ENTRIES);
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temporary, kept.map(historyLine).join(''), { mode: 0o600, flag: 'wx' });
  fs.renameSync(temporary, file);
}

function refusal(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'a symbolic link, not followed';
  if (code === 'EISDIR') return 'a folder, not a file';
  return `cannot open (${code ?? 'error'})`;
}
