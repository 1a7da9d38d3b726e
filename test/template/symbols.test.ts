import { describe, expect, it } from 'vitest';
import { analyze, symbols } from '../../server/src/template';
import { MAX_SYMBOLS } from '../../server/src/template/symbols';
import { marked } from './cursor';
import { fresh } from './types';

describe('document symbols', () => {
  it('one per variable, with the key as selection and referenced secrets as detail, never a plain value', () => {
    const { text, spans } = marked('# c\n⟦⟦HF_TOKEN⟧={{ RUNPOD_SECRET_hf-token }}⟧\nexport ⟦⟦PLAIN⟧="hf_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zQ"⟧\n⟦⟦DB⟧=x{{ RUNPOD_SECRET_a }}{{ RUNPOD_SECRET_b }}⟧');
    const s = symbols(analyze(text, 'runpod-env', fresh));
    expect(s).toEqual([
      { name: 'HF_TOKEN', span: spans[0], selectionSpan: spans[1], detail: 'secret hf-token' },
      { name: 'PLAIN', span: spans[2], selectionSpan: spans[3] },
      { name: 'DB', span: spans[4], selectionSpan: spans[5], detail: 'secret a, b' },
    ]);
  });
  it('duplicates are separate symbols', () => {
    expect(symbols(analyze('A=1\nA=2', 'runpod-env', fresh)).map((s) => s.name)).toEqual(['A', 'A']);
  });
  it('lists at most MAX_SYMBOLS variables, the first ones', () => {
    const text = Array.from({ length: MAX_SYMBOLS + 5 }, (_, i) => `K${i}=v`).join('\n');
    const s = symbols(analyze(text, 'runpod-env', fresh));
    expect(s).toHaveLength(MAX_SYMBOLS);
    expect(s.at(-1)!.name).toBe(`K${MAX_SYMBOLS - 1}`);
  });
});
