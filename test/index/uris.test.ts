/**
 * The one rule that turns a `file:` URI into the path the index reads, and back: a URI naming
 * another host is a UNC path on Windows (how VS Code names a folder on a share) and no local path
 * elsewhere; the path goes back to the URI the editor uses, so answers name the open document.
 */
import { describe, expect, it } from 'vitest';
import { fileUri, fsPathOf } from '../../server/src/index/uris';

describe('fsPathOf', () => {
  it.each([
    ['file:///ws/a.runpod.env', 'linux', '/ws/a.runpod.env'],
    ['file://localhost/ws/a.runpod.env', 'linux', '/ws/a.runpod.env'],
    ['file://LOCALHOST/ws/a.runpod.env', 'linux', '/ws/a.runpod.env'],
    ['file:/ws/a.runpod.env', 'linux', '/ws/a.runpod.env'],
    ['file://server/share/a.runpod.env', 'linux', undefined],
    ['file://server/share/a.runpod.env', 'darwin', undefined],
    ['file://server/share/a.runpod.env', 'win32', '//server/share/a.runpod.env'],
    ['file://server/share/sub/../a%20b.runpod.env', 'win32', '//server/share/a b.runpod.env'],
    ['file://server', 'win32', '//server/'],
    ['file:///c%3A/ws/a.runpod.env', 'win32', 'c:/ws/a.runpod.env'],
    ['file://localhost/c%3A/ws/a.runpod.env', 'win32', 'c:/ws/a.runpod.env'],
    ['untitled:Untitled-1', 'win32', undefined],
  ] as const)('%s on %s is %s', (uri, platform, path) => {
    expect(fsPathOf(uri, platform)).toBe(path);
  });
});

describe('fileUri of a UNC path gives the URI VS Code names it by', () => {
  it.each([
    ['//server/share/a.runpod.env', 'file://server/share/a.runpod.env'],
    ['\\\\server\\share\\a b.runpod.env', 'file://server/share/a%20b.runpod.env'],
  ])('%s', (path, uri) => {
    expect(fileUri(path)).toBe(uri);
    expect(fsPathOf(uri, 'win32')).toBe(path.replace(/\\/g, '/').replace('a%20b', 'a b'));
  });
});
