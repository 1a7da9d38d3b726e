/**
 * hardcoded-credential when the account already has the secret the message would suggest: the
 * message and the quick fix name the existing secret (no duplicate), and neither shows the value.
 */
import { describe, expect, it } from 'vitest';
import { analyze, codeActions } from '../../server/src/template';
import { applyEdit, marked } from './cursor';
import { fresh, stale, unknown, type SecretCatalog } from './types';

const TOKEN = `hf_${'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z'}`;

function credential(text: string, catalog: SecretCatalog, kind: 'runpod-env' | 'runpod-json' = 'runpod-env') {
  return analyze(text, kind, catalog).problems.find((p) => p.code === 'hardcoded-credential')!;
}

describe('hardcoded-credential with the suggested secret already in the account', () => {
  it('names the existing secret (case and - against _ ignored) and its reference, never the value', () => {
    for (const secrets of [[{ name: 'hf-token' }], [{ name: 'HF_TOKEN' }], [{ name: 'Hf.Token' }]]) {
      const name = secrets[0]!.name;
      const p = credential(`HF_TOKEN=${TOKEN}`, { state: 'fresh', secrets });
      expect(p.message).toContain(`already has secret \`${name}\``);
      expect(p.message).toContain(`\`{{ RUNPOD_SECRET_${name} }}\``);
      expect(p.message).not.toContain('hf_token');
      expect(p.message).not.toContain(TOKEN);
      expect(p.data?.suggestion).toBe(name);
    }
  });
  it('a stale list names it too; an unknown list, or one with only a typo-close name, suggests a new secret', () => {
    expect(credential(`HF_TOKEN=${TOKEN}`, stale).data?.suggestion).toBe('hf-token');
    for (const catalog of [unknown, { state: 'fresh', secrets: [{ name: 'gh_token' }] } satisfies SecretCatalog]) {
      const p = credential(`HF_TOKEN=${TOKEN}`, catalog);
      expect(p.message).toContain('Move it into a RunPod secret and reference it as `{{ RUNPOD_SECRET_hf_token }}`');
      expect(p.data?.suggestion).toBeUndefined();
      expect(p.data?.fix).toBeUndefined();
    }
  });
  it('the preferred quick fix references the existing secret; creating a new one stays offered after it', () => {
    const { text, spans } = marked(`HF_TOKEN="${TOKEN}⟦⟧"`);
    const actions = codeActions(text, spans[0]!, 'runpod-env', fresh);
    expect(actions.map((a) => [a.title, a.isPreferred])).toEqual([
      ['Reference existing secret `hf-token`', true],
      ['Move value into a RunPod secret...', false],
    ]);
    const edit = actions[0]!.edits![0]!;
    expect(applyEdit(text, edit.span, edit.newText)).toBe('HF_TOKEN="{{ RUNPOD_SECRET_hf-token }}"');
    expect(actions[0]!.fixes!.map((p) => p.code)).toEqual(['hardcoded-credential']);
  });
  it('in a JSON body the reference replaces the string content, keeping the file valid', () => {
    const text = `{"env":{"HF_TOKEN":"${TOKEN}"}}`;
    const p = credential(text, fresh, 'runpod-json');
    const fixed = applyEdit(text, p.data!.fix!.span, p.data!.fix!.newText);
    expect(JSON.parse(fixed)).toEqual({ env: { HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}' } });
  });
});
