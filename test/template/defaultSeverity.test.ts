/**
 * Each code's default severity is stated once (types.ts DEFAULT_SEVERITY): README's diagnostics
 * table says it, and every rule and reader reports with it. Before, each rule wrote its own literal
 * (syntax-error in four readers, invalid-key in two places, duplicate-key in two), and nothing held
 * README's "default" column to any of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, DEFAULT_SEVERITY, DIAGNOSTIC_CODES, type Problem } from '../../server/src/template';
import { environmentProblems } from '../../server/src/template/environments';
import { otherAccountProblem } from '../../server/src/template/environments/accounts';
import { withRotationDue } from '../../server/src/template/rules/rotation';
import { sources } from './environments/helpers';
import { fresh } from './types';

describe('default severities', () => {
  it("README's diagnostics table says each code's DEFAULT_SEVERITY", () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| code | default | meaning |'));
    const rows = table.slice(0, table.search(/\n\s*\n/)).split('\n').slice(2);
    const said: Record<string, string> = {};
    for (const row of rows) {
      const [, codes = '', defaults = ''] = row.split('|');
      const named = [...codes.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!);
      const levels = defaults.split('/').map((l) => l.trim());
      // One level for the row, or one per code ("error / warning / error").
      named.forEach((code, i) => (said[code] = levels.length === named.length ? levels[i]! : levels[0]!));
    }
    const { 'too-many-problems': notes, ...reported } = said;
    expect(notes).toBe("that code's");
    expect(reported).toEqual({ ...DEFAULT_SEVERITY });
    expect(Object.keys(DEFAULT_SEVERITY).length).toBe(DIAGNOSTIC_CODES.length - 1);
  });

  it('every problem the rules and readers report has its code\'s DEFAULT_SEVERITY', () => {
    const credential = `hf_${'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3f'}`;
    const env = [
      'A={{ RUNPOD_SECRET_nope }}',
      'B={{RUNPOD_SECRET_hf-token}}',
      'C={{ RUNPOD_SECRET_9bad }}',
      'D=x{{ RUNPOD_SECRET_hf-token }}y',
      'E={{ RUNPOD_SECRET_hf-token',
      '1A=x',
      'A=1',
      'nonsense',
      `HF_TOKEN=${credential}`,
      'Q="unclosed',
      '',
    ].join('\n');
    const many = `{"name": "a", "name": "b", "env": {${Array.from({ length: 51 }, (_, i) => `"K${i}": "v"`).join(', ')}}}`;
    const problems: Problem[] = [
      ...analyze(env, 'runpod-env', fresh).problems,
      ...analyze(many, 'runpod-json', fresh).problems,
      ...analyze('{"name": ', 'runpod-json', fresh).problems,
      ...analyze('[project\n', 'runpod-toml', fresh).problems,
      ...analyze('A=1\nB=2\n', 'runpod-env', fresh, { size: 1_000, entries: 1 }).problems,
      otherAccountProblem('A=1\n', { environment: 'prod', account: 'work' }, 'home'),
      ...withRotationDue(analyze('A={{ RUNPOD_SECRET_hf-token }}', 'runpod-env', fresh), fresh, { days: 1, now: Date.parse('2027-01-04T00:00:00Z') }),
    ];
    const files = sources({
      'train.dev.runpod.env': 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nBATCH=8\n',
      'train.prod.runpod.env': 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nDB={{ RUNPOD_SECRET_db_password_dev }}\n',
    });
    for (const file of files) problems.push(...environmentProblems(file, files, fresh, []));
    const wrong = problems.filter((p) => p.code !== 'too-many-problems' && p.severity !== DEFAULT_SEVERITY[p.code]).map((p) => `${p.code} ${p.severity}`);
    expect(wrong).toEqual([]);
    // The inputs above reach every code a rule reports.
    const reached = new Set(problems.map((p) => p.code));
    const notReached = Object.keys(DEFAULT_SEVERITY).filter((c) => !reached.has(c as Problem['code']));
    expect(notReached).toEqual([]);
  });
});
