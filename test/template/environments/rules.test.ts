/**
 * The environment rules on a file and its siblings: missing-in-environment (first line and the
 * converse on the key), cross-environment-secret with its fix, shared-environment-secret.
 */
import { describe, expect, it } from 'vitest';
import { analyze, codeActions, type Problem, type SecretCatalog } from '../../../server/src/template';
import { environmentProblems, environmentProblemsOfAll, filesJudgedTogether, type EnvironmentDeclaration } from '../../../server/src/template/environments';
import { addKeyTargets } from '../../../server/src/template/environments/addKey';
import { MAX_LISTED_PROBLEMS } from '../../../server/src/template/problemLimit';
import { applyEdit } from '../cursor';
import { catalogOf, ref, source, sources } from './helpers';

const UNKNOWN: SecretCatalog = { state: 'unknown', secrets: [] };

function problemsOf(path: string, files: Record<string, string>, catalog = UNKNOWN, declarations: EnvironmentDeclaration[] = []) {
  const all = sources(files);
  const file = all.find((s) => s.path === path)!;
  return environmentProblems(file, all, catalog, declarations);
}

const brief = (text: string, problems: Problem[]) => problems.map((p) => `${p.code} ${text.slice(p.span.start, p.span.end)}: ${p.message}`);

describe('missing-in-environment', () => {
  const files = {
    'train.dev.runpod.env': `# dev\nHF_TOKEN=${ref('hf-token')}\nOPENAI_API_KEY=${ref('openai-key')}\nBATCH=8\n`,
    'train.prod.runpod.env': `# prod\nHF_TOKEN=${ref('hf-token-prod')}\nBATCH=16\nWORKERS=4\n`,
  };

  it("on the first line, one per key another environment defines, naming it and that environment's file", () => {
    const text = files['train.prod.runpod.env'];
    const missing = problemsOf('train.prod.runpod.env', files).filter((p) => p.span.start === 0);
    expect(brief(text, missing)).toEqual(['missing-in-environment # prod: `OPENAI_API_KEY` is defined for dev (train.dev.runpod.env) but missing here, in prod.']);
    expect(missing[0]!.severity).toBe('warning');
  });

  it('the converse, on the key: which environments lack it', () => {
    const text = files['train.dev.runpod.env'];
    const onKeys = problemsOf('train.dev.runpod.env', files).filter((p) => p.span.start > 0 && p.code === 'missing-in-environment');
    expect(brief(text, onKeys)).toEqual(['missing-in-environment OPENAI_API_KEY: `OPENAI_API_KEY` is missing in prod (train.prod.runpod.env); dev defines it here.']);
  });

  it("a key of the template's shared file is in every environment", () => {
    const withShared = { ...files, 'train.runpod.json': '{ "name": "train", "image": "i", "env": { "OPENAI_API_KEY": "x", "WORKERS": "1" } }' };
    expect(problemsOf('train.prod.runpod.env', withShared).filter((p) => p.code === 'missing-in-environment')).toEqual([]);
    expect(problemsOf('train.dev.runpod.env', withShared).filter((p) => p.code === 'missing-in-environment')).toEqual([]);
    // The shared file itself is no environment's.
    expect(problemsOf('train.runpod.json', withShared)).toEqual([]);
  });

  it('an environment of two files (template and env file) is reported once, on its env file', () => {
    const both = { ...files, 'train.prod.runpod.json': '{ "env": { "OPENAI_API_KEY": "{{ RUNPOD_SECRET_openai-key }}" } }\n' };
    // The template file now gives prod the key dev has; nothing is said on it about prod's other keys.
    expect(problemsOf('train.prod.runpod.json', both).filter((p) => p.code === 'missing-in-environment')).toEqual([]);
    const onEnvFile = problemsOf('train.prod.runpod.env', both).filter((p) => p.code === 'missing-in-environment');
    expect(onEnvFile.map((p) => p.message)).toEqual(['`WORKERS` is missing in dev (train.dev.runpod.env); prod defines it here.']);
  });

  it('invalid keys are never named (the text before = may be a value)', () => {
    const bad = { 'a.dev.runpod.env': 'postgres://u:pw@h=1\nOK=1\n', 'a.prod.runpod.env': 'OK=2\n' };
    expect(problemsOf('a.prod.runpod.env', bad)).toEqual([]);
    expect(JSON.stringify(problemsOf('a.dev.runpod.env', bad))).not.toContain('pw');
  });

  it('files of other templates and lone environments are left alone', () => {
    expect(problemsOf('train.dev.runpod.env', { 'train.dev.runpod.env': 'A=1\n', 'serve.prod.runpod.env': 'B=1\n', 'train.runpod.env': 'C=1\n' })).toEqual([]);
  });

  it('three environments: a key two define is missing in the third, named once per key', () => {
    const three = { 'x.dev.runpod.env': 'A=1\n', 'x.staging.runpod.env': 'A=1\n', 'x.prod.runpod.env': 'B=1\n' };
    expect(problemsOf('x.prod.runpod.env', three).map((p) => p.message).sort()).toEqual([
      '`A` is defined for dev (x.dev.runpod.env) and staging (x.staging.runpod.env) but missing here, in prod.',
      '`B` is missing in dev (x.dev.runpod.env) and staging (x.staging.runpod.env); prod defines it here.',
    ]);
  });

  it('an empty first line gives an empty span at the start', () => {
    const files2 = { 'y.dev.runpod.env': '\nA=1\n', 'y.prod.runpod.env': 'B=1\n' };
    expect(problemsOf('y.dev.runpod.env', files2)[0]!.span).toEqual({ start: 0, end: 0 });
  });
});

describe('cross-environment-secret', () => {
  it("in the shared file: judged for the environments that take the key from it, as Compare Environments shows it", () => {
    const files = {
      'train.dev.runpod.env': 'A=1\n',
      'train.prod.runpod.env': `A=1\nZ=${ref('prod-db')}\n`,
      'train.runpod.env': `X=pre ${ref('qa-file')}\nW=${ref('dev-token')}\nZ=${ref('dev-db')}\n`,
    };
    const text = files['train.runpod.env'];
    expect(brief(text, problemsOf('train.runpod.env', files))).toEqual([
      "cross-environment-secret qa-file: Secret `qa-file` is named for qa, but this file is shared by dev and prod: a dev or prod Pod would boot with qa's secret. Define the key in each environment's own file.",
      "cross-environment-secret dev-token: Secret `dev-token` is named for dev, but this file is shared by prod: a prod Pod would boot with dev's secret. Define the key in each environment's own file.",
    ]);
    // Z: prod defines its own, dev's Pods get dev-db: no crossing. The whole walk says the same.
    expect(environmentProblemsOfAll(sources(files), UNKNOWN).get('train.runpod.env')?.map((p) => p.code)).toEqual(['cross-environment-secret', 'cross-environment-secret']);
  });

  const files = {
    'train.dev.runpod.env': `DB_PASSWORD=${ref('dev-db-password')}\n`,
    'train.prod.runpod.env': `DB_PASSWORD=${ref('dev-db-password')}\nDEVICES=${ref('devices-key')}\n`,
  };

  it("warns on a reference whose name marks another environment, on the name, as a whole segment only", () => {
    const text = files['train.prod.runpod.env'];
    const cross = problemsOf('train.prod.runpod.env', files).filter((p) => p.code === 'cross-environment-secret');
    expect(brief(text, cross)).toEqual([
      "cross-environment-secret dev-db-password: Secret `dev-db-password` is named for dev, but this is a prod file: a prod Pod would boot with dev's secret.",
    ]);
    expect(cross[0]!.severity).toBe('warning');
    expect(problemsOf('train.dev.runpod.env', files).filter((p) => p.code === 'cross-environment-secret')).toEqual([]);
  });

  it("offers this environment's matching secret when the account has it, as a code action", () => {
    const cross = problemsOf('train.prod.runpod.env', files, catalogOf('dev-db-password', 'prod-db-password')).find((p) => p.code === 'cross-environment-secret')!;
    expect(cross.message).toContain('Use `prod-db-password`?');
    const text = files['train.prod.runpod.env'];
    const actions = codeActions(text, cross.span, 'runpod-env', catalogOf(), { kind: 'runpod-env', variables: [], references: [], problems: [cross] });
    expect(actions.map((a) => a.title)).toEqual(["Replace with `prod-db-password` (prod's secret)"]);
    expect(applyEdit(text, actions[0]!.edits![0]!.span, actions[0]!.edits![0]!.newText)).toContain(`DB_PASSWORD=${ref('prod-db-password')}`);
  });

  it("a legacy name the account holds (2fa_seed: made before RunPod's rule) crosses, and is offered as the fix, as diagnostics and preflight accept it", () => {
    const f = { 'a.dev.runpod.env': `SEED=${ref('2fa_seed_dev')}\n`, 'a.prod.runpod.env': `SEED=${ref('2fa_seed_dev')}\n` };
    const cross = problemsOf('a.prod.runpod.env', f, catalogOf('2fa_seed_dev', '2fa_seed')).filter((p) => p.code === 'cross-environment-secret');
    expect(cross.map((p) => p.data)).toEqual([{ name: '2fa_seed_dev', suggestion: '2fa_seed', fix: expect.objectContaining({ newText: '2fa_seed' }) }]);
  });

  it('the matching name keeps the case and tries the aliases, then the name without the environment', () => {
    const f = { 'a.dev.runpod.env': 'X=1\n', 'a.production.runpod.env': `P=${ref('DB_PASSWORD_DEV')}\nQ=${ref('db_password_dev')}\n` };
    const fixes = (catalog: ReturnType<typeof catalogOf>) => problemsOf('a.production.runpod.env', f, catalog).flatMap((p) => (p.data?.fix ? [p.data.fix.newText] : []));
    expect(fixes(catalogOf('DB_PASSWORD_PROD', 'db_password_production'))).toEqual(['DB_PASSWORD_PROD', 'db_password_production']);
    expect(fixes(catalogOf('db_password'))).toEqual(['db_password']);
    expect(fixes(catalogOf('something-else'))).toEqual([]);
  });

  it("the name without the environment is offered only in prod: for staging it is prod's secret (db_password_prod -> db_password)", () => {
    const f = { 'a.prod.runpod.env': 'X=1\n', 'a.staging.runpod.env': `P=${ref('db_password_prod')}\n` };
    const fixes = (catalog: ReturnType<typeof catalogOf>) => problemsOf('a.staging.runpod.env', f, catalog).flatMap((p) => (p.data?.fix ? [p.data.fix.newText] : []));
    expect(fixes(catalogOf('db_password'))).toEqual([]);
    expect(fixes(catalogOf('db_password', 'db_password_stg'))).toEqual(['db_password_stg']);
  });

  it("a lone environment's file still warns: it needs no sibling to be a prod file using dev's secret", () => {
    const lone = { 'train.prod.runpod.env': files['train.prod.runpod.env'] };
    expect(problemsOf('train.prod.runpod.env', lone).map((p) => p.code)).toEqual(['cross-environment-secret']);
    expect(environmentProblemsOfAll(sources(lone), UNKNOWN).get('train.prod.runpod.env')!.map((p) => p.code)).toEqual(['cross-environment-secret']);
    // Declared in runpod.environments (the README's example), whatever its name.
    const declared = [{ name: 'prod', files: ['deploy/prod/*.runpod.env'] }];
    expect(problemsOf('deploy/prod/app.runpod.env', { 'deploy/prod/app.runpod.env': `DB=${ref('db_password_staging')}\n` }, UNKNOWN, declared).map((p) => p.code)).toEqual(['cross-environment-secret']);
  });

  it('no fix while the secret list is unknown', () => {
    expect(problemsOf('train.prod.runpod.env', files).find((p) => p.code === 'cross-environment-secret')!.data).toEqual({ name: 'dev-db-password' });
  });

  it("a name that marks this environment too is not crossing (prod-to-dev-sync in prod)", () => {
    const f = { 'a.dev.runpod.env': 'X=1\n', 'a.prod.runpod.env': `X=${ref('prod-to-dev-sync')}\n` };
    expect(problemsOf('a.prod.runpod.env', f)).toEqual([]);
  });

  it('the environments of the group are words too (eu and us)', () => {
    const declared = [
      { name: 'eu', files: ['eu/*.runpod.env'] },
      { name: 'us', files: ['us/*.runpod.env'] },
    ];
    const f = { 'eu/api.runpod.env': `K=${ref('us-api-key')}\n`, 'us/api.runpod.env': `K=${ref('us-api-key')}\n` };
    expect(problemsOf('eu/api.runpod.env', f, UNKNOWN, declared).map((p) => p.code)).toEqual(['cross-environment-secret']);
  });
});

describe('shared-environment-secret', () => {
  it('information on a credential key referencing the same secret as another environment', () => {
    const files = {
      'train.dev.runpod.env': `HF_TOKEN=${ref('hf-token')}\nMODEL=${ref('model-name')}\n`,
      'train.prod.runpod.env': `HF_TOKEN=${ref('hf-token')}\nMODEL=${ref('model-name')}\n`,
    };
    const text = files['train.prod.runpod.env'];
    const shared = problemsOf('train.prod.runpod.env', files);
    expect(brief(text, shared)).toEqual([
      'shared-environment-secret hf-token: Secret `hf-token` is also used by dev (train.dev.runpod.env): environments sharing a credential share its leaks; consider one secret per environment.',
    ]);
    expect(shared[0]!.severity).toBe('information');
  });

  it('a legacy name the account holds (2fa_seed) counts as a secret shared between environments', () => {
    const files = { 'train.dev.runpod.env': `HF_TOKEN=${ref('2fa_seed')}\n`, 'train.prod.runpod.env': `HF_TOKEN=${ref('2fa_seed')}\n` };
    expect(problemsOf('train.prod.runpod.env', files).map((p) => p.code)).toEqual(['shared-environment-secret']);
  });

  it("not from the template's shared file (shared on purpose), and not twice when the reference already crosses", () => {
    const files = {
      'train.runpod.env': `HF_TOKEN=${ref('hf-token')}\n`,
      'train.dev.runpod.env': `DB_PASSWORD=${ref('dev-db')}\n`,
      'train.prod.runpod.env': `DB_PASSWORD=${ref('dev-db')}\n`,
    };
    expect(problemsOf('train.prod.runpod.env', files).map((p) => p.code)).toEqual(['cross-environment-secret']);
    expect(problemsOf('train.dev.runpod.env', files).map((p) => p.code)).toEqual(['shared-environment-secret']);
  });

  it('not between environments that declare different accounts (the same name is another credential there); still between one account, or when one declares none', () => {
    const files = {
      'train.dev.runpod.env': `HF_TOKEN=${ref('hf-token')}\n`,
      'train.prod.runpod.env': `HF_TOKEN=${ref('hf-token')}\n`,
      'train.qa.runpod.env': `HF_TOKEN=${ref('hf-token')}\n`,
    };
    const codesOf = (path: string, declarations: EnvironmentDeclaration[]) => problemsOf(path, files, UNKNOWN, declarations).filter((p) => p.code === 'shared-environment-secret').map((p) => p.message.replace(/ \(train\.\w+\.runpod\.env\)/g, ''));
    const declare = (accounts: Record<string, string | undefined>): EnvironmentDeclaration[] =>
      Object.entries(accounts).map(([name, account]) => ({ name, files: [`train.${name}.runpod.env`], ...(account === undefined ? {} : { account }) }));
    // dev and prod are different accounts; qa declares none (it runs under whichever is active): it still shares.
    const apart = declare({ dev: 'dev', prod: 'prod', qa: undefined });
    expect(codesOf('train.prod.runpod.env', apart)).toEqual([expect.stringMatching(/also used by qa:/)]);
    expect(codesOf('train.dev.runpod.env', apart)).toEqual([expect.stringMatching(/also used by qa:/)]);
    expect(codesOf('train.qa.runpod.env', apart)).toEqual([expect.stringMatching(/also used by dev and prod:/)]);
    // One account, written in another case: one credential, shared.
    const together = declare({ dev: 'team', prod: 'Team', qa: 'other' });
    expect(codesOf('train.prod.runpod.env', together)).toEqual([expect.stringMatching(/also used by dev:/)]);
    // The whole walk (runpod-check check) judges as the editor does, file by file.
    const all = environmentProblemsOfAll(sources(files), UNKNOWN, apart);
    expect(all.get('train.prod.runpod.env')?.filter((p) => p.code === 'shared-environment-secret').map((p) => p.message)).toEqual(problemsOf('train.prod.runpod.env', files, UNKNOWN, apart).filter((p) => p.code === 'shared-environment-secret').map((p) => p.message));
  });
});

describe('shared-environment-secret across accounts: one secret only when both environments resolve to the same account', () => {
  const files = {
    'train.dev.runpod.env': `DB_PASSWORD=${ref('db_password')}\n`,
    'train.prod.runpod.env': `DB_PASSWORD=${ref('db_password')}\n`,
  };
  // prod declares team; dev declares none: it runs under the active account.
  const declarations: EnvironmentDeclaration[] = [{ name: 'prod', files: ['train.prod.runpod.env'], account: 'team' }];
  const shared = (path: string, active: string | undefined) =>
    environmentProblems(sources(files).find((s) => s.path === path)!, sources(files), UNKNOWN, declarations, active).filter((p) => p.code === 'shared-environment-secret').length;

  it('dev of no declared account, another account active: two secrets, no hint on either file, in the editor and the whole walk', () => {
    expect(shared('train.prod.runpod.env', 'default')).toBe(0);
    expect(shared('train.dev.runpod.env', 'default')).toBe(0);
    expect(environmentProblemsOfAll(sources(files), UNKNOWN, declarations, 'default').size).toBe(0);
  });

  it("prod's own account active (any letter case): dev runs under it too, one secret, the hint stays", () => {
    expect(shared('train.prod.runpod.env', 'Team')).toBe(1);
    expect(shared('train.dev.runpod.env', 'team')).toBe(1);
  });

  it('the active account not known (an older client, a CLI key of no name): the hint stays, as a shared credential cannot be ruled out', () => {
    expect(shared('train.prod.runpod.env', undefined)).toBe(1);
  });

  it('an account that is not a name may be any account: the hint stays', () => {
    const invalid: EnvironmentDeclaration[] = [{ name: 'prod', files: ['train.prod.runpod.env'], invalidAccount: true }];
    const all = sources(files);
    expect(environmentProblems(all[1]!, all, UNKNOWN, invalid, 'default').map((p) => p.code)).toEqual(['shared-environment-secret']);
  });
});

describe("Add KEY to another account's file: the name is looked up only in the account the list is of", () => {
  const files = { 'train.dev.runpod.env': `HF_TOKEN=${ref('dev-hf-token')}\n`, 'train.prod.runpod.env': 'X=1\n' };
  const declarations: EnvironmentDeclaration[] = [{ name: 'prod', files: ['train.prod.runpod.env'], account: 'team' }];
  // Asked from the dev file, whose account's list (the active one's) holds prod-hf-token.
  const valueAddedToProd = (active: string) => {
    const all = sources(files);
    const dev = all[0]!;
    const p = environmentProblems(dev, all, UNKNOWN, declarations, active).find((q) => q.code === 'missing-in-environment')!;
    const read = { editUriOf: (path: string) => path, textOf: (path: string) => files[path as keyof typeof files], kindOf: () => 'runpod-env' as const, referencesOf: (path: string, key: string) => all.find((s) => s.path === path)!.analysis.references.filter((r) => r.variableKey === key) };
    const actions = codeActions(dev.text, p.span, 'runpod-env', catalogOf('prod-hf-token'), { kind: 'runpod-env', variables: [], references: [], problems: [p] }, read);
    return actions.flatMap((a) => a.edits ?? []).map((e) => e.newText);
  };

  it("prod runs under team, the list is the default account's: an empty value, not default's prod-hf-token", () => {
    expect(valueAddedToProd('default')).toEqual(['HF_TOKEN=\n']);
  });

  it("team active: dev runs under it too, the list is prod's account's, and its match is offered", () => {
    expect(valueAddedToProd('team')).toEqual([`HF_TOKEN=${ref('prod-hf-token')}\n`]);
  });
});

describe('robustness', () => {
  it('malformed and invalid references are ignored; a broken JSON sibling still counts what it read', () => {
    const files = {
      'a.dev.runpod.env': 'A={{ RUNPOD_SECRET_ }}\nB={{ RUNPOD_SECRET_1bad }}\nC={{RUNPOD_SECRET_dev-x\n',
      'a.prod.runpod.json': '{ "env": { "A": "1", "B": ',
    };
    expect(() => problemsOf('a.dev.runpod.env', files)).not.toThrow();
    // The JSON reader got as far as A: B (no value yet) and C are missing in prod.
    expect(problemsOf('a.prod.runpod.json', files).map((p) => p.message)).toEqual([
      '`B` is defined for dev (a.dev.runpod.env) but missing here, in prod.',
      '`C` is defined for dev (a.dev.runpod.env) but missing here, in prod.',
    ]);
  });

  it('thousands of keys: one problem per missing key, listed or counted, all on the first line', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `K${i}=1`).join('\n');
    const problems = problemsOf('b.prod.runpod.env', { 'b.dev.runpod.env': many, 'b.prod.runpod.env': 'K0=1\n' });
    expect(problems.reduce((sum, p) => sum + (p.data?.notListed?.count ?? 1), 0)).toBe(2999);
    expect(new Set(problems.map((p) => p.span.start))).toEqual(new Set([0]));
  });
});

describe('a file with no environment among its siblings', () => {
  // The language server asks on every keystroke of an open env document; reading its keys means
  // reading the whole document again (the incremental analysis builds variables lazily).
  it.each([
    ['a template file alone', 'train.runpod.env', {}],
    ['with only a JSON template beside it', 'train.runpod.env', { 'train.runpod.json': '{ "env": { "A": "1" } }' }],
  ])('%s: no problems, and its variables are never read', (_what, path, siblingFiles: Record<string, string>) => {
    const [file] = sources({ [path]: `A=${ref('db_dev')}\n` });
    let reads = 0;
    const analysis = file!.analysis;
    const counted = { ...file!, analysis: { ...analysis, get variables() { reads++; return analysis.variables; } } };
    expect(environmentProblems(counted, sources(siblingFiles), catalogOf('db_dev'))).toEqual([]);
    expect(reads).toBe(0);
  });
});

describe('an unchanged sibling on every keystroke', () => {
  // The language server judges an open env document on every keystroke against its siblings from the
  // workspace index, whose variables arrays stay the same objects until the sibling changes.
  it("its keys are read once, not per keystroke; a new reading of it (another array) is read again", () => {
    let reads = 0;
    const counted = (keys: string[]) => keys.map((key) => ({ get key() { reads++; return key; } }));
    const dev = { path: 'train.dev.runpod.env', analysis: { variables: counted(['A', 'B', 'C']), references: [] } };
    const typed = (text: string) => source('train.prod.runpod.env', text);
    const missing = (problems: Problem[]) => problems.filter((p) => p.code === 'missing-in-environment').map((p) => p.message);

    expect(missing(environmentProblems(typed('A=1\n'), [dev], UNKNOWN))).toHaveLength(2);
    const afterFirst = reads;
    expect(afterFirst).toBeGreaterThan(0);
    expect(missing(environmentProblems(typed('A=12\n'), [dev], UNKNOWN))).toHaveLength(2);
    expect(missing(environmentProblems(typed('A=123\nB=1\n'), [dev], UNKNOWN))).toEqual(['`C` is defined for dev (train.dev.runpod.env) but missing here, in prod.']);
    expect(reads).toBe(afterFirst);

    const changed = { ...dev, analysis: { ...dev.analysis, variables: counted(['A']) } };
    expect(missing(environmentProblems(typed('A=123\nB=1\n'), [changed], UNKNOWN))).toEqual(['`B` is missing in dev (train.dev.runpod.env); prod defines it here.']);
    expect(reads).toBeGreaterThan(afterFirst);
  });
});

describe('the cap on listed problems', () => {
  it('a dev file of 3,000 keys: prod lists at most the cap of missing-in-environment, and a note counts the rest, in one file and a walk alike', () => {
    const keys = 3_000;
    const files = { 'train.dev.runpod.env': Array.from({ length: keys }, (_, i) => `K${i}=1\n`).join(''), 'train.prod.runpod.env': '# prod\n' };
    const walk = environmentProblemsOfAll(sources(files), UNKNOWN);
    for (const problems of [problemsOf('train.prod.runpod.env', files), walk.get('train.prod.runpod.env')!, problemsOf('train.dev.runpod.env', files), walk.get('train.dev.runpod.env')!]) {
      expect(problems.filter((p) => p.code === 'missing-in-environment')).toHaveLength(MAX_LISTED_PROBLEMS);
      expect(problems.filter((p) => p.data?.notListed).map((p) => [p.severity, p.data!.notListed])).toEqual([['warning', { code: 'missing-in-environment', count: keys - MAX_LISTED_PROBLEMS }]]);
    }
  });
  it('past the cap, the first listed are the first in the file: a key on the first line itself comes before the first-line ones, the note after them', () => {
    const keys = 1_500;
    const prod = 'ONLY_PROD=1\nLATER=1\n';
    const files = { 'train.dev.runpod.env': Array.from({ length: keys }, (_, i) => `K${i}=1\n`).join(''), 'train.prod.runpod.env': prod };
    const problems = problemsOf('train.prod.runpod.env', files);
    expect(brief(prod, problems.slice(0, 2))).toEqual([
      'missing-in-environment ONLY_PROD: `ONLY_PROD` is missing in dev (train.dev.runpod.env); prod defines it here.',
      'missing-in-environment ONLY_PROD=1: `K0` is defined for dev (train.dev.runpod.env) but missing here, in prod.',
    ]);
    expect(problems.filter((p) => p.code === 'missing-in-environment')).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(problems.at(-2)!.message).toContain('`K998`');
    // LATER (line 2) is past the cap too: counted in the note, which sits on the first problem not listed.
    expect(problems.at(-1)!.span).toEqual({ start: 0, end: 'ONLY_PROD=1'.length });
    expect(problems.at(-1)!.data!.notListed).toEqual({ code: 'missing-in-environment', count: keys + 2 - MAX_LISTED_PROBLEMS });
  });
  it("the template's shared file with 3,000 references named for dev: at most the cap of cross-environment-secret, and a note, in one file and a walk alike", () => {
    const refs = 3_000;
    const files = {
      'train.runpod.env': Array.from({ length: refs }, (_, i) => `K${i}=${ref(`db_dev_${i}`)}\n`).join(''),
      'train.dev.runpod.env': '# dev\n',
      'train.prod.runpod.env': '# prod\n',
    };
    const walk = environmentProblemsOfAll(sources(files), UNKNOWN);
    for (const problems of [problemsOf('train.runpod.env', files), walk.get('train.runpod.env')!]) {
      expect(problems.filter((p) => p.code === 'cross-environment-secret')).toHaveLength(MAX_LISTED_PROBLEMS);
      expect(problems.filter((p) => p.data?.notListed).map((p) => p.data!.notListed)).toEqual([{ code: 'cross-environment-secret', count: refs - MAX_LISTED_PROBLEMS }]);
    }
  });
});

describe('environmentProblemsOfAll (a whole walk) and environmentProblems (one file) agree', () => {
  it('on several templates, shared files, declared environments and files of no template', () => {
    const declarations: EnvironmentDeclaration[] = [
      { name: 'eu', files: ['eu/*'] },
      { name: 'us', files: ['us/*'], account: 'team' },
    ];
    const all = sources({
      'train.dev.runpod.env': `A=${ref('hf-token')}\nB=${ref('prod-db')}\nC=1\n`,
      'train.prod.runpod.env': `A=${ref('hf-token')}\nD=1\n`,
      'train.staging.runpod.json': `{ "env": { "A": "${ref('stg-token')}" } }`,
      'train.runpod.json': '{ "env": { "D": "1" } }',
      'serve.dev.runpod.env': 'X=1\n',
      'serve.qa.runpod.env': `Y=${ref('dev-y')}\n`,
      'eu/api.runpod.env': `TOKEN=${ref('api-token')}\n`,
      'us/api.runpod.env': `TOKEN=${ref('api-token')}\nZ=${ref('eu-z')}\n`,
      'lonely.runpod.env': 'Q=1\n',
    });
    const catalog = catalogOf('hf-token', 'dev-db', 'qa-y', 'us-z');
    const together = environmentProblemsOfAll(all, catalog, declarations);
    for (const file of all) {
      expect(together.get(file.path) ?? [], file.path).toEqual(environmentProblems(file, all, catalog, declarations));
    }
    expect([...together.keys()].sort()).toEqual([
      'eu/api.runpod.env',
      'serve.dev.runpod.env',
      'serve.qa.runpod.env',
      'train.dev.runpod.env',
      'train.prod.runpod.env',
      'train.staging.runpod.json',
      'us/api.runpod.env',
    ]);
  });
});

describe('file names a hostile repository chooses', () => {
  it('name no file in a message with a raw control, a bidi override or a line break', () => {
    const evil = 'tr\u001b]52;c;ZXZpbA==\u0007\u202eain\nx';
    const files = {
      [`${evil}.dev.runpod.env`]: `HF_TOKEN=${ref('hf-token')}\nOPENAI_API_KEY=${ref('openai-key')}\n`,
      [`${evil}.prod.runpod.env`]: `HF_TOKEN=${ref('hf-token')}\n`,
    };
    const messages = Object.keys(files).flatMap((path) => problemsOf(path, files).map((p) => p.message));
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(messages.join('\n')).toContain('\\u001b]52');
  });
});

describe('filesJudgedTogether: the files check holds for their siblings', () => {
  it('a template of two or more files with an environment among them: a shared file beside ONE environment\'s file too', () => {
    const paths = ['train.runpod.env', 'train.prod.runpod.env', 'serve.runpod.env', 'serve.runpod.json', 'lone.dev.runpod.env', 'a/x.dev.runpod.env', 'a/x.prod.runpod.env'];
    expect([...filesJudgedTogether(paths)].sort()).toEqual(['a/x.dev.runpod.env', 'a/x.prod.runpod.env', 'train.prod.runpod.env', 'train.runpod.env']);
    // Judged together or alone, the shared file's answer is the one environmentProblemsOfAll gives.
    const files = { 'train.runpod.env': `DB=${ref('db_password_dev')}\n`, 'train.prod.runpod.env': 'A=1\n' };
    expect(problemsOf('train.runpod.env', files).map((p) => p.code)).toEqual(['cross-environment-secret']);
    expect(environmentProblemsOfAll(sources(files), UNKNOWN).get('train.runpod.env')?.map((p) => p.code)).toEqual(['cross-environment-secret']);
  });
});

describe('the order of an environment’s files is the kinds they were read with', () => {
  it('a declared file the editor read as JSON (no .json in its name) is its environment’s first file: a key missing there is said on it, not on the env file laid over it', () => {
    const declarations: EnvironmentDeclaration[] = [
      { name: 'dev', files: ['deploy/dev/*'] },
      { name: 'prod', files: ['deploy/prod/*'] },
    ];
    const template = `{ "name": "t", "imageName": "i", "env": {} }`;
    const json = (path: string) => ({ path, text: template, analysis: analyze(template, 'runpod-json', UNKNOWN) });
    const all = [source('deploy/dev/train.env', 'BATCH=8\n'), json('deploy/dev/train.dev'), source('deploy/prod/train.env', 'WORKERS=4\n'), json('deploy/prod/train.prod')];
    const byPath = environmentProblemsOfAll(all, UNKNOWN, declarations);
    const missingHere = (path: string) => (byPath.get(path) ?? []).filter((p) => p.message.includes('missing here')).map((p) => p.message);
    expect(missingHere('deploy/prod/train.prod')).toEqual(['`BATCH` is defined for dev (train.dev) but missing here, in prod.']);
    expect(missingHere('deploy/prod/train.env')).toEqual([]);
    // The editor's call for one file with its siblings gives the same answer.
    const prod = all.find((s) => s.path === 'deploy/prod/train.prod')!;
    expect(environmentProblems(prod, all, UNKNOWN, declarations).filter((p) => p.message.includes('missing here')).map((p) => p.message)).toEqual(missingHere('deploy/prod/train.prod'));
  });
});

describe('a file named as another environment\'s (declared files in folders: deploy/dev/vars.env, deploy/prod/vars.env)', () => {
  // As the language server gives them: URIs, each declaration scoped to its workspace folder.
  const folder = 'file:///ws';
  const declarations: EnvironmentDeclaration[] = [
    { name: 'dev', files: ['deploy/dev/*.env'], folder },
    { name: 'prod', files: ['deploy/prod/*.env'], folder },
  ];
  const DEV = `${folder}/deploy/dev/vars.env`;
  const PROD = `${folder}/deploy/prod/vars.env`;
  const files = { [DEV]: 'A=1\nB=2\n', [PROD]: 'A=1\n' };

  it('is named by its workspace-relative path in both messages and the Add KEY title, not by the name both share', () => {
    const onDev = problemsOf(DEV, files, UNKNOWN, declarations).filter((p) => p.code === 'missing-in-environment');
    expect(onDev.map((p) => p.message)).toEqual(['`B` is missing in prod (deploy/prod/vars.env); dev defines it here.']);
    expect(addKeyTargets(onDev[0]!, { kindOf: () => 'runpod-env' }).map((t) => t.title)).toEqual(['deploy/prod/vars.env']);
    const onProd = problemsOf(PROD, files, UNKNOWN, declarations).filter((p) => p.code === 'missing-in-environment');
    expect(onProd.map((p) => p.message)).toEqual(['`B` is defined for dev (deploy/dev/vars.env) but missing here, in prod.']);
  });

  it('a name no other file of the group shares stays the name alone', () => {
    const named = { [`${folder}/deploy/dev/vars.dev.env`]: 'A=1\nB=2\n', [PROD]: 'A=1\n' };
    const onDev = problemsOf(`${folder}/deploy/dev/vars.dev.env`, named, UNKNOWN, declarations).filter((p) => p.code === 'missing-in-environment');
    expect(onDev.map((p) => p.message)).toEqual(['`B` is missing in prod (vars.env); dev defines it here.']);
  });
});
