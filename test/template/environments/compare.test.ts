/** Compare Environments: keys x environments, which secret each uses, what is missing, crosses, differs; never a value. */
import { describe, expect, it } from 'vitest';
import { cellText, compareEnvironments, DIFFERENT_ACCOUNTS, rowStatus } from '../../../server/src/template/environments';
import { analyze } from '../../../server/src/template';
import type { EnvironmentSource } from '../../../server/src/template/environments';
import { ref, source, sources } from './helpers';

const PLAIN = 'llama-finetune-PLAINVALUE';

const files = {
  'train.dev.runpod.env': `HF_TOKEN=${ref('hf-token')}\nDB_PASSWORD=${ref('db_password_dev')}\nPROJECT=${PLAIN}\nURL=postgres://u:${ref('dev-pw')}@db/x\n`,
  'train.prod.runpod.env': `HF_TOKEN=${ref('hf-token')}\nDB_PASSWORD=${ref('db_password_dev')}\nPROJECT=other\nBAD={{ RUNPOD_SECRET_ }}\n`,
  'train.runpod.json': '{ "name": "train", "image": "i", "env": { "HF_HOME": "/workspace/hf" } }',
  'serve.runpod.env': 'A=1\n',
};

describe('compareEnvironments', () => {
  const [comparison, ...rest] = compareEnvironments(sources(files));

  it('one comparison per template with several environments', () => {
    expect(rest).toEqual([]);
    expect(comparison!.template).toBe('train');
    expect(comparison!.environments.map((e) => e.name)).toEqual(['dev', 'prod']);
    expect(comparison!.shared).toEqual(['train.runpod.json']);
  });

  it('rows: each key with what each environment uses, and the status', () => {
    const table = comparison!.rows.map((r) => [r.key, ...r.cells.map(cellText), rowStatus(r, comparison!.environments)]);
    expect(table).toEqual([
      ['HF_TOKEN', 'secret hf-token', 'secret hf-token', 'same'],
      ['DB_PASSWORD', 'secret db_password_dev', 'secret db_password_dev', 'prod uses db_password_dev (named for another environment)'],
      ['PROJECT', '(plain value)', '(plain value)', 'differs'],
      ['URL', 'secret dev-pw (in a longer value)', '(missing)', 'missing in prod'],
      ['BAD', '(missing)', '(malformed reference)', 'missing in dev'],
      ['HF_HOME', '(plain value) (shared file)', '(plain value) (shared file)', 'same'],
    ]);
    expect([comparison!.missing, comparison!.crossing, comparison!.differing]).toEqual([2, 1, 1]);
  });

  it("a legacy name the account holds (2fa_seed: made before RunPod's rule) is a secret, not a malformed reference; a broken name still is", () => {
    const [c] = compareEnvironments(
      sources({ 'a.dev.runpod.env': `SEED=${ref('2fa_seed')}\nBAD=${ref('a b')}\n`, 'a.prod.runpod.env': `SEED=${ref('2fa_seed_dev')}\nBAD=${ref('a b')}\n` }),
    );
    expect(c!.rows.map((r) => [r.key, ...r.cells.map(cellText), rowStatus(r, c!.environments)])).toEqual([
      ['SEED', 'secret 2fa_seed', 'secret 2fa_seed_dev', 'prod uses 2fa_seed_dev (named for another environment); differs'],
      ['BAD', '(malformed reference)', '(malformed reference)', 'same'],
    ]);
  });

  it('one secret name in an environment of no declared account and one declared for another account than the active one: two secrets, not "same"', () => {
    const declared = [{ name: 'prod', files: ['a.prod.runpod.env'], account: 'team' }];
    const [c] = compareEnvironments(sources({ 'a.dev.runpod.env': `DB_PASSWORD=${ref('db_password')}\n`, 'a.prod.runpod.env': `DB_PASSWORD=${ref('db_password')}\n` }), declared);
    const status = (active: string | undefined) => rowStatus(c!.rows[0]!, c!.environments, active);
    expect(status('default')).toBe(DIFFERENT_ACCOUNTS);
    expect(status('TEAM')).toBe('same');
    // Not known which account is active (the command line without --account): not called apart.
    expect(status(undefined)).toBe('same');
  });

  it('never carries a plain value', () => {
    expect(JSON.stringify(comparison)).not.toContain('PLAINVALUE');
    expect(JSON.stringify(comparison)).not.toContain('workspace/hf');
  });

  it('the environment file wins over the environment’s template file, as Launch Pod merges', () => {
    const [c] = compareEnvironments(
      sources({
        'a.dev.runpod.json': `{ "env": { "K": "${ref('from-json')}" } }`,
        'a.dev.runpod.env': `K=${ref('from-env')}\n`,
        'a.prod.runpod.env': `K=${ref('from-env')}\n`,
      }),
    );
    expect(c!.rows.map((r) => r.cells.map(cellText))).toEqual([['secret from-env', 'secret from-env']]);
    expect(c!.rows[0]!.cells[0]!.file).toBe('a.dev.runpod.env');
  });

  it('a declared file is ordered by the kind it was read with, not by what its name suggests: a JSON file the editor read as a template (no .json in its name) comes before the env file, whose value wins', () => {
    // `deploy/prod/train.prod` names no kind (a path alone reads it as env lines); the editor read it
    // as JSON (its language), so it is the template body, and train.env is laid over it.
    const declared = [
      { name: 'dev', files: ['deploy/dev/*'] },
      { name: 'prod', files: ['deploy/prod/*'] },
    ];
    const json = (path: string, text: string): EnvironmentSource => ({ path, text, analysis: analyze(text, 'runpod-json', { state: 'unknown', secrets: [] }) });
    const [c] = compareEnvironments(
      [
        source('deploy/dev/train.env', `K=${ref('from-env')}\n`),
        json('deploy/dev/train.dev', `{ "name": "t", "imageName": "i", "env": { "K": "${ref('from-json')}" } }`),
        source('deploy/prod/train.env', `K=${ref('from-env')}\n`),
        json('deploy/prod/train.prod', `{ "name": "t", "imageName": "i", "env": { "K": "${ref('from-json')}" } }`),
      ],
      declared,
    );
    expect(c!.environments.map((e) => e.files)).toEqual([
      ['deploy/dev/train.dev', 'deploy/dev/train.env'],
      ['deploy/prod/train.prod', 'deploy/prod/train.env'],
    ]);
    expect(c!.rows.map((r) => r.cells.map(cellText))).toEqual([['secret from-env', 'secret from-env']]);
    expect(c!.rows[0]!.cells[0]!.file).toBe('train.env');
  });

  it('declared environments carry their account', () => {
    const [c] = compareEnvironments(sources({ 'd/x.runpod.env': 'A=1\n', 'p/x.runpod.env': 'A=1\n' }), [
      { name: 'dev', files: ['d/*'] },
      { name: 'prod', files: ['p/*'], account: 'team' },
    ]);
    expect(c!.environments).toEqual([
      { name: 'dev', files: ['d/x.runpod.env'] },
      { name: 'prod', files: ['p/x.runpod.env'], account: 'team' },
    ]);
  });
});
