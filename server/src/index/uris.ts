/**
 * File paths and `file:` URIs for the workspace index. The index is keyed by the decoded path, so
 * a document the editor opens (whose URI it encodes its own way: VS Code encodes `@`, `:` and `!`,
 * other editors do not) and the same file found on disk are one entry.
 */
import { posix } from 'node:path';
import { uriPath } from '../template/fileKinds';

/**
 * The file system path of a `file:` URI (decoded; `c:/x` for a Windows drive; `.` and `..` segments
 * resolved, empty ones dropped), or undefined for another scheme. A URI's `%2e%2e` is no dot segment
 * until decoded, when it is one: unresolved, `/ws/../elsewhere/x.runpod.env` passed for a path below
 * `/ws`. An empty segment (`/ws//sub`, `/ws/%2Fsub`) names the same file as the file system reads
 * it: kept, one file would be two index entries (counted twice, edited twice by a rename).
 */
export function fsPathOf(uri: string): string | undefined {
  if (typeof uri !== 'string' || !/^file:/i.test(uri)) return undefined;
  const decoded = uriPath(uri);
  const path = /(^|\/)\.\.?(\/|$)|\/\//.test(decoded) ? posix.normalize(decoded) : decoded;
  return /^\/[a-zA-Z]:(\/|$)/.test(path) ? path.slice(1) : path;
}

/** The index key of a document URI: its path for a `file:` URI, else the URI itself (an untitled buffer). */
export function indexKeyOf(uri: string): string {
  return fsPathOf(uri) ?? uri;
}

/** Every character but the unreserved ones, as VS Code's URI encodes a path segment. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** An absolute POSIX path of unreserved characters only: its URI is itself after `file://`. */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9._~-]+)+$/;

/** The `file:` URI of an absolute path, encoded as VS Code writes it (`file:///a%20b/c.runpod.env`). */
export function fileUri(path: string): string {
  // Most paths need no encoding at all: one native test instead of a split and an encode per segment.
  if (PLAIN_PATH.test(path)) return `file://${path}`;
  let p = path.replace(/\\/g, '/');
  if (/^[a-zA-Z]:/.test(p)) p = `/${p[0]!.toLowerCase()}${p.slice(1)}`;
  if (!p.startsWith('/')) p = `/${p}`;
  return `file://${p.split('/').map(encodeSegment).join('/')}`;
}

/** Whether `path` is `folder` or below it (both decoded, `/` separators, no trailing `/` on `folder`). */
export function isBelow(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
}
