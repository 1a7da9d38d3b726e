// Two facts about env variables that several surfaces state in words: the key rule (names.ts ENV_KEY_RULE)
// and the 50-variable limit (rules/keys.ts variableLimitText). Each surface must say them in the one
// wording, so a change of the rule or the limit cannot leave one surface saying the old words.
import { describe, expect, it } from 'vitest';
import { analyze, ENV_KEY_RULE, isEnvKey, MAX_POD_ENV_VARIABLES, variableLimitText } from '../../server/src/template/index';
import { runPreflight } from '../../client/src/cli/preflightReport';
import { checkEnv, describeReport } from '../../client/src/launch/checks';
import { formatSarif } from '../../client/src/cli/check/format';
import type { Io } from '../../client/src/cli/io';
import { letterOfWords } from '../helpers/ruleWords';

function preflight(env: Record<string, string>, verb: string, target: 'the Pod' | 'the workers'): { passes: boolean; stderr: string } {
  let stderr = '';
  const io: Io = {
    env: {},
    cwd: '/',
    stdout: () => undefined,
    stderr: (t) => void (stderr += t),
    stdinIsTTY: false,
    readStdin: () => Promise.reject(new Error('not used')),
    prompt: () => Promise.reject(new Error('not used')),
  };
  return { passes: runPreflight(io, env, [], { verb, target, strict: false, json: false }) !== undefined, stderr };
}

const envOf = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`VAR_${i}`, `${i}`]));

describe('the env-key rule in words (names.ts ENV_KEY_RULE)', () => {
  it('says what isEnvKey decides: ASCII letters, digits and "_" anywhere, no digit first (read back from the words, every character to U+024F)', () => {
    expect(ENV_KEY_RULE).toBe('ASCII letters, digits and "_", not starting with a digit');
    // "letters" read as a reader takes them: `KÉY` is refused, so the words must not claim letters in general.
    const isLetter = letterOfWords(ENV_KEY_RULE);
    expect(isEnvKey('KÉY')).toBe(false);
    const isDigit = (c: string) => /^[0-9]$/.test(c);
    for (let code = 1; code < 0x250; code++) {
      const c = String.fromCharCode(code);
      expect([c, isEnvKey(`A${c}`)]).toEqual([c, isLetter(c) || isDigit(c) || c === '_']);
      expect([c, isEnvKey(`${c}A`)]).toEqual([c, isLetter(c) || c === '_']);
    }
  });

  it('is how the invalid-key diagnostic and the command line\'s preflight both ask for a valid name', () => {
    const text = '1BAD=x\nHF-HOME=/hf\n';
    const messages = analyze(text, 'runpod-env', { state: 'unknown', secrets: [] }).problems.filter((p) => p.code === 'invalid-key').map((p) => p.message);
    expect(messages).toHaveLength(2);
    for (const message of messages) expect(message).toMatch(new RegExp(`\\. Use ${ENV_KEY_RULE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.$`));
    const r = preflight({ 'HF-HOME': '/hf' }, 'launch', 'the Pod');
    expect(r.passes).toBe(false);
    expect(r.stderr.endsWith(`Rename the variables (${ENV_KEY_RULE}), then launch again.\n`)).toBe(true);
  });
});

describe('the variable limit in words (rules/keys.ts variableLimitText)', () => {
  it('states the limit the rule applies', () => {
    expect(variableLimitText()).toBe(`RunPod allows at most ${MAX_POD_ENV_VARIABLES} environment variables for a Pod`);
  });

  it('the diagnostic, the SARIF rule description, the editor\'s findings and the command line\'s refusal all say it so', () => {
    const over = MAX_POD_ENV_VARIABLES + 3;
    const text = Object.entries(envOf(over)).map(([k, v]) => `${k}=${v}`).join('\n');
    const [diagnostic] = analyze(text, 'runpod-env', { state: 'unknown', secrets: [] }).problems.filter((p) => p.code === 'too-many-variables');
    expect(diagnostic?.message).toBe(`${variableLimitText()}; this file defines ${over}.`);

    const sarif = JSON.parse(formatSarif([], { version: '0', srcRoot: '/w' })) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } } }[] };
    expect(sarif.runs[0]!.tool.driver.rules.find((r) => r.id === 'too-many-variables')?.shortDescription.text).toBe(`${variableLimitText()}.`);

    for (const target of ['the Pod', 'the workers'] as const) {
      expect(describeReport(checkEnv(envOf(over), []), target)).toEqual([`${variableLimitText(target)}; this env has ${over}.`]);
      const r = preflight(envOf(over), 'deploy', target);
      expect(r.passes).toBe(false);
      expect(r.stderr).toBe(`Refusing to deploy: ${variableLimitText(target)}; this env has ${over}.\nRemove variables, then deploy again.\n`);
    }
    expect(preflight(envOf(MAX_POD_ENV_VARIABLES), 'launch', 'the Pod')).toEqual({ passes: true, stderr: '' });
  });
});
