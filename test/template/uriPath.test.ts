import { describe, expect, it } from 'vitest';
import { diskFileKind, documentKindFor, uriPath } from '../../server/src/template/fileKinds';

describe('uriPath: URIs decoded, plain paths as they are', () => {
  it('a plain path keeps `#`, `?` and `%` (they are URI syntax only in a URI)', () => {
    expect(uriPath('/w/a #1 ?x %41.runpod.env')).toBe('/w/a #1 ?x %41.runpod.env');
    expect(uriPath('deploy\\pod.json')).toBe('deploy/pod.json');
  });

  it('a URI loses its scheme, authority, query and fragment, and is decoded', () => {
    expect(uriPath('file:///w/a%20%231%20%3Fx%20%2541.runpod.env')).toBe('/w/a #1 ?x %41.runpod.env');
    expect(uriPath('file:///w/a.runpod.env?q#f')).toBe('/w/a.runpod.env');
    expect(uriPath('untitled:Untitled-1')).toBe('Untitled-1');
  });

  it('so a file whose name holds `#` is a RunPod file by its path, as by its URI', () => {
    expect(diskFileKind('/w/train #1.runpod.env')).toBe('runpod-env');
    expect(documentKindFor('', '/w/x #2.runpod.json')).toBe('runpod-json');
    expect(documentKindFor('', 'file:///w/x%20%232.runpod.json')).toBe('runpod-json');
  });
});
