import { describe, expect, it } from 'vitest';
import { documentKindFor } from '../../../server/src/template/fileKinds';

describe('which documents the server serves', () => {
  it('serves runpod-env and dotenv by language id', () => {
    expect(documentKindFor('runpod-env', 'file:///w/anything.txt')).toBe('runpod-env');
    expect(documentKindFor('dotenv', 'file:///w/.env')).toBe('dotenv');
  });

  it('recognises RunPod env file names even under another language id (editors without the language)', () => {
    expect(documentKindFor('sh', 'file:///w/prod.runpod.env')).toBe('runpod-env');
    expect(documentKindFor('plaintext', 'file:///w/runpod.env')).toBe('runpod-env');
    expect(documentKindFor('dotenv', 'file:///w/.runpod/train.env')).toBe('runpod-env');
  });

  it('serves JSON and TOML only at the RunPod file paths', () => {
    expect(documentKindFor('json', 'file:///w/gpu.runpod.json')).toBe('runpod-json');
    expect(documentKindFor('json', 'file:///w/.runpod/hub.json')).toBe('hub-json');
    expect(documentKindFor('jsonc', 'file:///w/.runpod/tests.json')).toBe('tests-json');
    expect(documentKindFor('toml', 'file:///w/runpod.toml')).toBe('runpod-toml');
    expect(documentKindFor('json', 'file:///w/package.json')).toBeUndefined();
    expect(documentKindFor('json', 'file:///w/hub.json')).toBeUndefined();
    expect(documentKindFor('toml', 'file:///w/pyproject.toml')).toBeUndefined();
  });

  it('ignores other languages, including plain .env files in other languages', () => {
    expect(documentKindFor('typescript', 'file:///w/index.ts')).toBeUndefined();
    expect(documentKindFor('plaintext', 'file:///w/.env')).toBeUndefined();
  });

  it('decodes percent-encoded paths (Windows drive letters, spaces)', () => {
    expect(documentKindFor('json', 'file:///c%3A/My%20Project/.runpod/hub.json')).toBe('hub-json');
  });

  it('adds files matching runpod.files globs, with the kind taken from the extension', () => {
    const globs = ['deploy/**/*.json', 'templates/*.env', 'infra.toml'];
    expect(documentKindFor('json', 'file:///w/deploy/a/b/pod.json', globs)).toBe('runpod-json');
    expect(documentKindFor('plaintext', 'file:///w/templates/x.env', globs)).toBe('runpod-env');
    expect(documentKindFor('toml', 'file:///w/infra.toml', globs)).toBe('runpod-toml');
    expect(documentKindFor('json', 'file:///w/other/pod.json', globs)).toBeUndefined();
  });
});
