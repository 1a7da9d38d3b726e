import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/template/analyze';
import type { DocumentKind } from '../../../server/src/template/types';
import { factsOf, isUsage, MAX_FACTS_PER_FILE, usageAt } from '../../../server/src/template/workspace/facts';

const UNKNOWN = { state: 'unknown' as const, secrets: [] };
const facts = (text: string, kind: DocumentKind = 'runpod-env') => factsOf(analyze(text, kind, UNKNOWN));

describe('what the workspace index keeps of a file', () => {
  it('each use of a secret with its name span, variable and RunPod’s verdict; every key with its span', () => {
    const text = 'A={{ RUNPOD_SECRET_hf-token }}\nB=https://u:{{ RUNPOD_SECRET_pw }}@h\nC={{RUNPOD_SECRET_x}}\nD=plain\n';
    const f = facts(text);
    expect(f.usages.map((u) => [u.name, text.slice(u.nameSpan.start, u.nameSpan.end), u.key, u.substituted, u.wellFormed])).toEqual([
      ['hf-token', 'hf-token', 'A', 'yes', true],
      ['pw', 'pw', 'B', 'undocumented', true],
      ['x', 'x', 'C', 'no', true],
    ]);
    expect(f.keys.map((k) => [k.key, text.slice(k.keySpan.start, k.keySpan.end)])).toEqual([
      ['A', 'A'],
      ['B', 'B'],
      ['C', 'C'],
      ['D', 'D'],
    ]);
    expect(f.hasReferences).toBe(true);
  });

  it('a reference that names nothing yet is no use: a misspelt or wrong-case prefix, an empty name or one of characters no name holds', () => {
    const f = facts('A={{ RUNPD_SECRET_x }}\nB={{ runpod_secret_x }}\nC={{ RUNPOD_SECRET_ }}\nD={{ RUNPOD_SECRET_x$y }}\nE={{ RUNPOD_SECRET_x\nF={{ RUNPOD_SECRET_9x }}\n');
    // `9x` breaks today's name rule but may be a secret made before it: it is a use.
    expect(f.usages.map((u) => [u.key, u.name, u.wellFormed])).toEqual([['E', 'x', false], ['F', '9x', true]]);
    expect(f.hasReferences).toBe(true);
    expect(facts('A=1\n').hasReferences).toBe(false);
  });

  it('name spans point into the document through JSON escapes', () => {
    const text = '{ "env": { "K": "\\u007b{ RUNPOD_SECRET_hf\\u002dtoken }}" } }';
    const [u] = facts(text, 'runpod-json').usages;
    expect(u!.name).toBe('hf-token');
    expect(text.slice(u!.nameSpan.start, u!.nameSpan.end)).toBe('hf\\u002dtoken');
  });

  it('keeps at most the per-file limit of uses and keys', () => {
    const text = Array.from({ length: MAX_FACTS_PER_FILE + 10 }, (_, i) => `K${i}={{ RUNPOD_SECRET_s }}`).join('\n');
    const f = facts(text);
    expect(f.usages).toHaveLength(MAX_FACTS_PER_FILE);
    expect(f.keys).toHaveLength(MAX_FACTS_PER_FILE);
  });

  it('says a file capped when a use past the limit was left out, and only then', () => {
    const lines = (n: number, ref: (i: number) => string) => Array.from({ length: n }, (_, i) => `K${i}=${ref(i)}`).join('\n');
    // Uses of other secrets count towards the limit: the one use of `hf` past them is not kept, and that is said.
    expect(facts(`${lines(MAX_FACTS_PER_FILE, () => '{{ RUNPOD_SECRET_other }}')}\nHF={{ RUNPOD_SECRET_hf }}`).capped).toBe(true);
    // One line of more uses than the limit.
    expect(facts(`K=${'{{ RUNPOD_SECRET_other }}'.repeat(MAX_FACTS_PER_FILE)}{{ RUNPOD_SECRET_hf }}`).capped).toBe(true);
    // Exactly the limit, then only keys and references that are no use: every use is kept.
    const atLimit = facts(`${lines(MAX_FACTS_PER_FILE, () => '{{ RUNPOD_SECRET_other }}')}\n${lines(20, () => '{{ RUNPD_SECRET_x }} 1')}`);
    expect(atLimit.usages).toHaveLength(MAX_FACTS_PER_FILE);
    expect(atLimit.keys).toHaveLength(MAX_FACTS_PER_FILE);
    expect(atLimit.capped).toBe(false);
  });

  it('usageAt finds the use anywhere from its braces to their end, and nothing elsewhere', () => {
    const text = 'A=x {{ RUNPOD_SECRET_hf-token }} y\n';
    const analysis = analyze(text, 'runpod-env', UNKNOWN);
    const start = text.indexOf('{{');
    const end = text.indexOf('}}') + 2;
    for (const at of [start, start + 5, end - 1, end]) expect(usageAt(analysis, at)?.name).toBe('hf-token');
    expect(usageAt(analysis, start - 1)).toBeUndefined();
    expect(usageAt(analysis, 0)).toBeUndefined();
    expect(isUsage({ malformation: 'prefix', name: 'x' })).toBe(false);
  });
});
