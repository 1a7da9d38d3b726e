/**
 * How many globs a workspace's settings can make the server match every file against, and that
 * each is compiled once: a hostile `.vscode/settings.json` with thousands of `runpod.files` or
 * `runpod.environments` globs must not turn classifying each of 20,000 indexed files into thousands
 * of compilations (a cache smaller than the settings can fill is cleared on every file).
 */
import { describe, expect, it, vi } from 'vitest';

const compiled = vi.hoisted(() => ({ count: 0 }));
vi.mock('minimatch', async (original) => {
  const real = await original<typeof import('minimatch')>();
  class Counting extends real.Minimatch {
    constructor(...args: ConstructorParameters<typeof real.Minimatch>) {
      super(...args);
      compiled.count++;
    }
  }
  return { ...real, Minimatch: Counting };
});

const { normalizeFileGlobs, MAX_FILE_GLOBS } = await import('../../server/src/template/fileKinds');
const { parseEnvironmentDeclarations } = await import('../../server/src/template/environments/index');
const { environmentFileOf, indexedFileKind } = await import('../../server/src/template/environments/files');
const { MAX_DECLARED_GLOBS } = await import('../../server/src/template/environments/declarations');

describe('globs from a hostile workspace', () => {
  it('runpod.files keeps at most MAX_FILE_GLOBS globs, however many the settings list', () => {
    const globs = normalizeFileGlobs(Array.from({ length: 100_000 }, (_, i) => `**/f${i}.json`));
    expect(globs).toHaveLength(MAX_FILE_GLOBS);
    expect(globs[0]).toBe('**/f0.json');
  });

  it('every glob the settings can hold is compiled once, however many files are classified', () => {
    const files = Array.from({ length: 100_000 }, (_, i) => `**/r${i}.json`);
    const raw = Object.fromEntries(Array.from({ length: 1000 }, (_, e) => [`env${e}`, Array.from({ length: 1000 }, (_, g) => `e${e}/g${g}/*.env`)]));
    const { declarations } = parseEnvironmentDeclarations(raw, () => true);
    const fileGlobs = normalizeFileGlobs(files);
    const distinct = new Set([...fileGlobs, ...declarations.flatMap((d) => d.files)]).size;
    const paths = ['/w/a.runpod.json', '/w/e1/g1/x.env', '/w/deploy/y.json', '/w/z.txt'];
    // The index classifies every file it walks by both settings (indexedFileKind), then finds its template.
    const classify = (path: string): void => {
      indexedFileKind(path, fileGlobs, declarations);
      environmentFileOf(path, declarations);
    };
    for (let round = 0; round < 3; round++) paths.forEach(classify);
    compiled.count = 0;
    paths.forEach(classify);
    // Every file is matched against at most this many globs: runpod.files' and the environments' caps.
    expect(distinct).toBe(MAX_FILE_GLOBS + MAX_DECLARED_GLOBS);
    expect(compiled.count).toBe(0);
  });
});
