/** The runpod.environments setting and --environment NAME=GLOB: what is kept, what is dropped and said so. */
import { describe, expect, it } from 'vitest';
import { declarationsFromArguments, parseEnvironmentDeclarations } from '../../../server/src/template/environments';
import { MAX_DECLARED_GLOBS } from '../../../server/src/template/environments/declarations';
import { MAX_FILE_GLOBS } from '../../../server/src/template/fileKinds';
import { MAX_ENVIRONMENT_NAME_LENGTH } from '../../../server/src/template/environments/words';

const isAccountName = (name: string): boolean => /^[A-Za-z0-9][A-Za-z0-9_-]{0,23}$/.test(name);

describe('parseEnvironmentDeclarations', () => {
  it('reads files (a glob, or a list) and the account name; aliases become the canonical name', () => {
    expect(
      parseEnvironmentDeclarations(
        { dev: 'deploy/dev/*.env', production: { files: ['a.runpod.env', ' b.runpod.env '], account: 'team' }, qa: ['q.runpod.env'] },
        isAccountName,
      ),
    ).toEqual({
      declarations: [
        { name: 'dev', files: ['deploy/dev/*.env'] },
        { name: 'prod', files: ['a.runpod.env', 'b.runpod.env'], account: 'team' },
        { name: 'qa', files: ['q.runpod.env'] },
      ],
      problems: [],
    });
  });

  it('drops what does not fit one by one and says so without repeating an account field (it may be a pasted key)', () => {
    const key = 'rpa_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd';
    const result = parseEnvironmentDeclarations(
      { 'bad name': ['x'], dev: { files: [] }, prod: { files: 'p.env', account: key }, stage: 'a', staging: 'b', qa: 7 },
      isAccountName,
    );
    // An account that is not a name keeps its environment, marked: the guard refuses it rather than failing open.
    expect(result.declarations).toEqual([
      { name: 'prod', files: ['p.env'], invalidAccount: true },
      { name: 'staging', files: ['a'] },
    ]);
    expect(result.problems).toHaveLength(5);
    expect(result.problems).toContain('Environment prod: "account" must be the name of one of your RunPod accounts (not a key); until it is, prod refuses Launch Pod, Deploy Endpoint, Update Env and Push Template.');
    expect(result.problems.join('\n')).not.toContain(key);
    expect(result.problems.join('\n')).not.toContain('bad name');
  });

  it('a glob too costly to match (a hostile workspace\'s many stars, thousands of brace alternatives) is dropped like an overlong one, and said by position', () => {
    const starry = `**/${'*a'.repeat(12)}*b`;
    const r = parseEnvironmentDeclarations({ dev: [starry, 'dev/*.env'], prod: ['**/{1..100000}.env'], qa: Array(100_000).fill(starry) }, isAccountName);
    expect(r.declarations).toEqual([{ name: 'dev', files: ['dev/*.env'] }]);
    const why = 'not used: it must be a non-blank glob of at most 500 characters with at most 2 separate * in one folder or file name, and at most 64 {a,b} alternatives.';
    expect(r.problems).toEqual([
      `Environment dev: glob 1 is ${why}`,
      `Environment prod: glob 1 is ${why}`,
      'Environment prod names no files (a glob or path, or a list of them); ignored.',
      `Environment qa: globs ${Array.from({ length: 15 }, (_, i) => i + 1).join(', ')} and 16 are ${why}`,
      'Environment qa: only the first 16 globs are used (100000 are listed).',
      'Environment qa names no files (a glob or path, or a list of them); ignored.',
    ]);
    expect(declarationsFromArguments([`dev=${starry}`])).toEqual({ wrong: 1, fault: 'glob' });
  });

  it('a name one character over the limit is dropped with the limit the name rule applies (words.ts)', () => {
    const longest = `a${'b'.repeat(MAX_ENVIRONMENT_NAME_LENGTH - 1)}`;
    const { declarations, problems } = parseEnvironmentDeclarations({ [longest]: 'x.env', [`${longest}c`]: 'y.env' }, isAccountName);
    expect(declarations.map((d) => d.name)).toEqual([longest]);
    expect(problems).toEqual([`An environment name is an ASCII letter, then ASCII letters, digits, "_" or "-" (at most ${MAX_ENVIRONMENT_NAME_LENGTH}): one entry was ignored.`]);
  });

  it('anything but an object is no declaration', () => {
    expect(parseEnvironmentDeclarations(undefined, isAccountName)).toEqual({ declarations: [], problems: [] });
    // A reader without the account rule (the language server) keeps no account, valid or not, and says nothing of them.
    expect(parseEnvironmentDeclarations({ prod: { files: 'p.env', account: 'team' }, qa: { files: 'q.env', account: 'not a name' } })).toEqual({
      declarations: [{ name: 'prod', files: ['p.env'] }, { name: 'qa', files: ['q.env'] }],
      problems: [],
    });
    expect(parseEnvironmentDeclarations(['dev'], isAccountName).declarations).toEqual([]);
    expect(parseEnvironmentDeclarations('dev', isAccountName).problems).toHaveLength(1);
  });
});

describe('declarationsFromArguments', () => {
  it('repeatable NAME=GLOB, several globs per name add up', () => {
    expect(declarationsFromArguments(['dev=a/*.env', 'prod=b/*.env', 'development=c.env'])).toEqual({
      declarations: [
        { name: 'dev', files: ['a/*.env', 'c.env'] },
        { name: 'prod', files: ['b/*.env'] },
      ],
      problems: [],
    });
  });

  it('names the position of a wrong argument and what is wrong: its form, its name or its glob', () => {
    expect(declarationsFromArguments(['dev=a', 'prod'])).toEqual({ wrong: 2, fault: 'form' });
    expect(declarationsFromArguments(['=a'])).toEqual({ wrong: 1, fault: 'form' });
    expect(declarationsFromArguments(['a/b=x'])).toEqual({ wrong: 1, fault: 'name' });
    expect(declarationsFromArguments(['prod='])).toEqual({ wrong: 1, fault: 'glob' });
    expect(declarationsFromArguments(['prod=*a*b*c*.env'])).toEqual({ wrong: 1, fault: 'glob' });
  });

  it("the setting's limits, in the setting's words: the first 16 globs of an environment", () => {
    const globs = Array.from({ length: 17 }, (_, i) => `prod=p${i}.env`);
    const parsed = declarationsFromArguments(globs);
    const setting = parseEnvironmentDeclarations({ prod: globs.map((g) => g.slice(5)) });
    expect(parsed).toEqual(setting);
    expect('problems' in parsed && parsed.problems).toEqual(['Environment prod: only the first 16 globs are used (17 are listed).']);
    expect('declarations' in parsed && parsed.declarations[0]!.files).toHaveLength(16);
  });

  it('an environment named like an Object property is an environment like any other', () => {
    expect(declarationsFromArguments(['constructor=c.env', 'toString=t.env'])).toEqual({
      declarations: [
        { name: 'constructor', files: ['c.env'] },
        { name: 'tostring', files: ['t.env'] },
      ],
      problems: [],
    });
  });
});

describe('template file or env file, one rule', () => {
  it('a .jsonc template file counts as JSON everywhere: read as JSON and ordered under the env file, as .json is', async () => {
    const { byPrecedence, declaredFileKind, isTemplateFilePath } = await import('../../../server/src/template/environments/files');
    for (const template of ['deploy/prod.json', 'deploy/prod.jsonc', 'deploy/PROD.JSONC']) {
      expect(isTemplateFilePath(template)).toBe(true);
      expect(declaredFileKind(template, undefined)).toBe('runpod-json');
      // The env file's values win: it comes after the template file.
      expect(['deploy/prod.env', template].map((path) => ({ path })).sort(byPrecedence).map((f) => f.path)).toEqual([template, 'deploy/prod.env']);
    }
    expect(isTemplateFilePath('deploy/prod.env')).toBe(false);
  });

  it("every JSON-shaped template kind (a Hub listing and its tests too) comes before the env file: it is an environment's first file", async () => {
    const { groupEnvironments } = await import('../../../server/src/template/environments/files');
    const declared = [
      { name: 'dev', files: ['deploy/dev/**'] },
      { name: 'prod', files: ['deploy/prod/**'] },
    ];
    // Named alike (hub, tests), so one template; by path alone the env file would come first.
    const paths = ['deploy/dev/hub.env', 'deploy/dev/worker/.runpod/hub.json', 'deploy/prod/hub.env', 'deploy/prod/worker/.runpod/hub.json'];
    expect(groupEnvironments(paths, declared).flatMap((g) => g.environments.map((e) => [e.name, e.files]))).toEqual([
      ['dev', ['deploy/dev/worker/.runpod/hub.json', 'deploy/dev/hub.env']],
      ['prod', ['deploy/prod/worker/.runpod/hub.json', 'deploy/prod/hub.env']],
    ]);
    const tests = paths.map((p) => p.replace(/hub\b/, 'tests'));
    expect(groupEnvironments(tests, declared)[0]!.environments[0]!.files).toEqual(['deploy/dev/worker/.runpod/tests.json', 'deploy/dev/tests.env']);
  });
});

describe('the cost of declared globs', () => {
  it('at most as many globs in all environments as runpod.files may hold: later ones are left out and said so, by environment', () => {
    const raw = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`env${i}`, Array.from({ length: 12 }, (_, j) => `deploy/${i}/${j}.txt`)]));
    const { declarations, problems } = parseEnvironmentDeclarations(raw, isAccountName);
    expect(declarations.flatMap((d) => d.files)).toHaveLength(MAX_FILE_GLOBS);
    expect(declarations.map((d) => d.files.length)).toEqual([12, 12, 12, 12, 12, 4]);
    expect(problems).toEqual([`Environment env5: the environments may declare ${MAX_DECLARED_GLOBS} globs in all; only its first 4 are used.`]);
    // One more environment past the total is left out whole.
    const more = parseEnvironmentDeclarations({ ...raw, env6: 'x.txt' }, isAccountName);
    expect(more.declarations.map((d) => d.name)).not.toContain('env6');
    expect(more.problems.at(-1)).toBe(`Environment env6: the environments may declare ${MAX_DECLARED_GLOBS} globs in all; it is ignored.`);
  });

  it('10,000 entries: one summary says how many were dropped and why, not one line per environment, and none is dropped unsaid', () => {
    const raw = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`env${i}`, [`a/${i}.txt`, `b/${i}.txt`]]));
    const { declarations, problems } = parseEnvironmentDeclarations(raw, isAccountName);
    expect(declarations.map((d) => d.name)).toEqual(Array.from({ length: 32 }, (_, i) => `env${i}`));
    expect(problems).toEqual([
      `runpod.environments: 9,968 entries were ignored: 32 (env32 to env63) past the ${MAX_DECLARED_GLOBS} globs the environments may declare in all; 9,936 past the first 64 environments, the most whose globs are matched.`,
    ]);
  });
});
