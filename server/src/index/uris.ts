/**
 * File paths and `file:` URIs for the workspace index. The index is keyed by the decoded path, so
 * a document the editor opens (whose URI it encodes its own way: VS Code encodes `@`, `:` and `!`,
 * other editors do not) and the same file found on disk are one entry.
 */
import { posix } from 'node:path';
import { uriPath } from '../template/fileKinds';

/**
 * The host of a `file:` URI (`file://server/share/x`): empty for this machine (`file:/x`,
 * `file:///x`, `file://localhost/x`).
 */
function hostOf(uri: string): string {
  const host = /^file:\/\/([^/?#]*)/i.exec(uri)?.[1] ?? '';
  return host.toLowerCase() === 'localhost' ? '' : host;
}

/**
 * The file system path of a `file:` URI (decoded; `c:/x` for a Windows drive; `.` and `..` segments
 * resolved, empty ones dropped), or undefined for another scheme. A URI's `%2e%2e` is no dot segment
 * until decoded, when it is one: unresolved, `/ws/../elsewhere/x.runpod.env` passed for a path below
 * `/ws`. An empty segment (`/ws//sub`, `/ws/%2Fsub`) names the same file as the file system reads
 * it: kept, one file would be two index entries (counted twice, edited twice by a rename).
 *
 * A URI naming another host is a UNC path on Windows (`//server/share/x`, how VS Code names a
 * folder on a share); elsewhere no local path at all (undefined): read as one, it named `/share/x`
 * on this machine's disk.
 */
export function fsPathOf(uri: string, platform: NodeJS.Platform = process.platform): string | undefined {
  if (typeof uri !== 'string' || !/^file:/i.test(uri)) return undefined;
  const host = hostOf(uri);
  if (host && platform !== 'win32') return undefined;
  const decoded = uriPath(uri);
  const path = /(^|\/)\.\.?(\/|$)|\/\//.test(decoded) ? posix.normalize(decoded) : decoded;
  if (host) return `//${decodeHost(host)}${path.startsWith('/') ? path : `/${path}`}`;
  return /^\/[a-zA-Z]:(\/|$)/.test(path) ? path.slice(1) : path;
}

function decodeHost(host: string): string {
  try {
    return decodeURIComponent(host);
  } catch {
    return host;
  }
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
  // A UNC path (Windows' `\\server\share\x`): the server is the URI's host, as fsPathOf reads it.
  const unc = /^\/\/([^/]+)(\/.*)?$/.exec(p);
  if (unc) return `file://${encodeURIComponent(unc[1]!)}${(unc[2] ?? '/').split('/').map(encodeSegment).join('/')}`;
  if (/^[a-zA-Z]:/.test(p)) p = `/${p[0]!.toLowerCase()}${p.slice(1)}`;
  if (!p.startsWith('/')) p = `/${p}`;
  return `file://${p.split('/').map(encodeSegment).join('/')}`;
}

/** Whether `path` is `folder` or below it (both decoded, `/` separators, no trailing `/` on `folder`). */
export function isBelow(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
}
