/** The core's check of env given as key/value pairs (Launch Pod's merged env, account templates). */
import { describe, expect, it } from 'vitest';
import { analyze, checkEnvEntries, invalidKeyMessage, readVarsText } from '../../server/src/template';
import { unknown } from './types';

const token = 'hf_Qm7vXk2RtB9wLp4ZcN8sJd3FyH6gTa5Ue1';

describe('checkEnvEntries', () => {
  it('gives each entry its references and, for a plain value, a credential; plain values are left out', () => {
    const checked = checkEnvEntries({ A: '{{ RUNPOD_SECRET_a }}', B: 'plain', HF_TOKEN: token, C: `x {{RUNPOD_SECRET_c}} ${token}` });
    expect(checked.map((e) => [e.key, e.references.map((r) => [r.name, r.form]), e.credential?.label])).toEqual([
      ['A', [['a', 'canonical']], undefined],
      ['HF_TOKEN', [], 'Hugging Face token'],
      // A value holding a reference is not a credential written in clear, as the file rule decides.
      ['C', [['c', 'noncanonical']], undefined],
    ]);
  });

  it('agrees with the file rules on the same values', () => {
    const env = { HF_TOKEN: token, DB_PASSWORD: 'Zq8vN3kT7xW2mB5pR9cL4', MODEL: 'meta-llama/Llama-3.1-8B', URL: 'postgres://u:{{ RUNPOD_SECRET_pw }}@h' };
    const text = Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n');
    const fromFile = analyze(text, 'runpod-env', unknown);
    const fileKeys = fromFile.problems.filter((p) => p.code === 'hardcoded-credential').map((p) => fromFile.variables.find((v) => v.span.start <= p.span.start && p.span.end <= v.span.end)!.key);
    expect(checkEnvEntries(env).filter((e) => e.credential).map((e) => e.key)).toEqual(fileKeys);
    expect(fileKeys).toEqual(['HF_TOKEN', 'DB_PASSWORD']);
  });
});

describe('readVarsText: whether a vars text can be sent', () => {
  it('refuses syntax errors and invalid keys with the diagnostics\' codes, spans and words, in document order', () => {
    const text = 'A=1\n=2\nHF-HOME=3\nB="open\n';
    const read = readVarsText(text);
    const diagnostics = analyze(text, 'runpod-env', unknown).problems.filter((p) => p.severity === 'error');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => [p.code, text.slice(p.span.start, p.span.end), p.message])).toEqual(diagnostics.map((p) => [p.code, text.slice(p.span.start, p.span.end), p.message]));
    expect(read.problems.map((p) => p.code)).toEqual(['invalid-key', 'invalid-key', 'syntax-error']);
  });

  it('sends a text with warnings only, the last definition winning', () => {
    expect(readVarsText(`A=1\nA=2\nHF_TOKEN=${token}\n`)).toEqual({ ok: true, env: { A: '2', HF_TOKEN: token } });
  });

  it('invalidKeyMessage: undefined for a key of the rule, the diagnostic\'s words (never the key) otherwise', () => {
    expect(invalidKeyMessage('HF_HOME')).toBeUndefined();
    expect(invalidKeyMessage('')).toBe('Missing variable name before `=`.');
    expect(invalidKeyMessage('pw:Vx7Nq2Kp9Lm4Tz')).toMatch(/^Not a valid variable name: character 3 is .*Use ASCII letters/);
    expect(invalidKeyMessage('pw:Vx7Nq2Kp9Lm4Tz')).not.toContain('Vx7Nq2Kp9Lm4Tz');
  });
});
