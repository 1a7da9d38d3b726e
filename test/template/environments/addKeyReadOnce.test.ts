/**
 * A client that does not resolve edits (Neovim 0.7) gets every "Add KEY" and "Add all N" edit on
 * each code-action request at a missing key: the target is read once per text, each edit (one set
 * of keys) found once, and a changed target is read again (keyInsertion.ts ReadTarget).
 */
import { describe, expect, it, vi } from 'vitest';
import * as analyzeModule from '../../../server/src/template/analyze';
import { analyze } from '../../../server/src/template/analyze';
import { codeActions } from '../../../server/src/template/codeActions';
import { MAX_KEPT_TARGET_CHARS } from '../../../server/src/template/environments/keyInsertion';
import type { Problem, SecretCatalog } from '../../../server/src/template/types';

vi.mock('../../../server/src/template/analyze', async (importOriginal) => {
  const original = await importOriginal<typeof analyzeModule>();
  return { ...original, readAnalyzed: vi.fn(original.readAnalyzed) };
});

const UNKNOWN: SecretCatalog = { state: 'unknown', secrets: [] };
const TO = '/w/runpod.toml';
const SOURCE = 'K0=0\nK1=1\nK2=2\n';

describe('"Add KEY" for an eager client reads each target text once', () => {
  it('reads the target once per text; a second key reads back only its own edit; a changed text is read again', () => {
    const analysis = analyze(SOURCE, 'runpod-env', UNKNOWN);
    analysis.problems = [0, 1, 2].map((i): Problem => {
      const start = SOURCE.indexOf(`K${i}=`);
      return {
        code: 'missing-in-environment',
        span: { start, end: start + 2 },
        message: `K${i} is missing`,
        severity: 'warning',
        data: { addKey: { key: `K${i}`, from: '/w/a.env', to: [TO], toEnvironments: ['prod'], environments: ['dev', 'prod'] } },
      };
    });
    let target = '[project.env_vars]\nT = "1"\n';
    const files = { editUriOf: (path: string) => path, textOf: () => target, kindOf: () => 'runpod-toml' as const, referencesOf: () => [] };
    const reads = vi.mocked(analyzeModule.readAnalyzed);
    const ask = (i: number) => {
      reads.mockClear();
      const titles = codeActions(SOURCE, analysis.problems[i]!.span, 'runpod-env', UNKNOWN, analysis, files, [], false).map((a) => `${a.title} ${JSON.stringify(a.edits)}`);
      return { titles, reads: reads.mock.calls.filter(([text]) => text.startsWith('[project.env_vars]')).length };
    };
    // First: the target, then the read-back of "Add `K0`" and of "Add all 3".
    const first = ask(0);
    expect(first.titles.map((t) => t.split(' [')[0])).toEqual(['Add `K0` to runpod.toml', 'Add all 3 missing keys to runpod.toml']);
    expect(first.reads).toBe(3);
    // At K1: only its own read-back ("Add all 3" is the same edit of the same text).
    const second = ask(1);
    expect(second.reads).toBe(1);
    expect(second.titles[1]).toBe(first.titles[1]);
    // Back at K0: nothing read, the same answer.
    expect(ask(0)).toEqual({ titles: first.titles, reads: 0 });
    // The target changed: read again, and the edit made for the new text.
    target = '[project.env_vars]\nT = "1"\nU = "2"\n';
    const changed = ask(0);
    expect(changed.reads).toBe(3);
    expect(changed.titles[0]).not.toBe(first.titles[0]);
    // A target larger than the texts kept in all is never kept: each action reads it and reads its
    // edit back, on every request, as before there was a cache.
    target = `[project.env_vars]\nT = "1"\n# ${'x'.repeat(MAX_KEPT_TARGET_CHARS)}\n`;
    const large = ask(0);
    expect(large.reads).toBe(4);
    expect(ask(0)).toEqual(large);
  });
});
