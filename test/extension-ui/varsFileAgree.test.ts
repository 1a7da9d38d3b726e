/**
 * One answer to "can this env file be sent?": the editor's error squiggles, the command line's
 * --vars-file (readVarsFile) and the editor's Launch Pod / Push / Deploy / Update env file
 * (loadEnvFile) agree over a table of texts: refused exactly when the diagnostics mark a syntax or
 * invalid-key error, by the same lines in the same words; otherwise the same env, last key winning.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()));
vi.mock('vscode', async () => await import('./vscodeFake'));

import { loadEnvFile } from '../../client/src/launch/ui/launchWizard';
import { readVarsFile } from '../../client/src/cli/pods';
import { EnvFileRefused, thrownRefusal } from '../../client/src/launch/fileRefusal';
import { analyze } from '../../server/src/template/index';
import { textPositions } from '../../server/src/lsp/positions';
import { fake, Uri } from './vscodeFake';

const TOKEN = 'hf_Qm7vXk2RtB9wLp4ZcN8sJd3FyH6gTa5Ue1';

/** Texts and the env each sends (`null`: refused). */
const TABLE: [string, Record<string, string> | null][] = [
  ['A=1\nB={{ RUNPOD_SECRET_x }}\n', { A: '1', B: '{{ RUNPOD_SECRET_x }}' }],
  ['A=1\n=2\nHF-HOME=3\n', null],
  ['A="unclosed\nB=2\n', null],
  ["A='x\nB=2\n", null],
  ['A="x" trailing\n', null],
  ['A=1\n1A=2\n', null],
  ['A.B=1\n', null],
  ['ÉTÉ=1\n', null],
  [`A=1\n${TOKEN}\n`, null],
  ['export A=1\n# comment\n\n  B = "two words" # note\n', { A: '1', B: 'two words' }],
  // Warnings do not refuse: a duplicate (the last wins, as in a shell), a credential in clear.
  [`A=1\nA=2\nHF_TOKEN=${TOKEN}\n`, { A: '2', HF_TOKEN: TOKEN }],
  // A key of the rule that is an Object property name stays a plain key.
  ['__proto__=x\nconstructor=y\n', { ['__proto__']: 'x', constructor: 'y' }],
  ['', {}],
];

/** The diagnostics' errors that refuse a file (references are the preflight's, against a fresh secret list). */
function diagnostics(text: string): { lines: string[]; first?: number } {
  const at = textPositions(text);
  const errors = analyze(text, 'runpod-env', { state: 'unknown', secrets: [] }).problems.filter((p) => p.severity === 'error' && ['syntax-error', 'missing-equals', 'invalid-key'].includes(p.code));
  return { lines: errors.map((p) => `line ${at(p.span.start).line + 1}: ${p.message}`), first: errors[0]?.span.start };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vars-agree-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(() => fake.reset());

describe('the command line, the editor and the diagnostics send or refuse the same env files', () => {
  it.each(TABLE.map(([text, env], i) => [i, text, env] as const))('text %i', async (i, text, env) => {
    const file = path.join(dir, `vars${i}.env`);
    fs.writeFileSync(file, text);
    fake.files.set(`/w/vars${i}.env`, text);
    const fileUri = Uri.from({ scheme: 'file', path: `/w/vars${i}.env` });
    const uri = fileUri as never;
    const { lines, first } = diagnostics(text);

    if (env === null) {
      expect(lines.length).toBeGreaterThan(0);
      const words = lines.join('; ');
      expect(() => readVarsFile(file)).toThrow(`${file}: ${words}`);
      // Thrown as a refusal every flow says in its words and opens at the first problem (fileRefusal.ts).
      const refused = await loadEnvFile(uri).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(EnvFileRefused);
      expect(thrownRefusal(refused, 'update')).toEqual({ kind: 'refused', message: `Not updating: /w/vars${i}.env: ${words}`, at: { sourceId: fileUri.toString(), offset: first } });
      // Never the file's text: the token pasted without a key stays out of both messages.
      expect(() => readVarsFile(file)).not.toThrow(TOKEN);
      await expect(loadEnvFile(uri)).rejects.not.toThrow(TOKEN);
    } else {
      expect(lines).toEqual([]);
      expect(readVarsFile(file)).toStrictEqual(env);
      expect((await loadEnvFile(uri)).env).toStrictEqual(env);
    }
  });

  it('lists five lines and counts the rest', () => {
    const text = Array.from({ length: 8 }, (_, i) => `BAD-${i}=x`).join('\n');
    const file = path.join(dir, 'many.env');
    fs.writeFileSync(file, text);
    expect(() => readVarsFile(file)).toThrow(/line 5: [^;]*; and 3 more$/);
  });
});
