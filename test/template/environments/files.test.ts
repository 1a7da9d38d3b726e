/** Which files are one template in several environments: by name, or declared in runpod.environments. */
import { describe, expect, it } from 'vitest';
import { declaredFileKind, declaredOrNamedKind, environmentFileOf, groupEnvironments, groupOf, indexedFileKind, declaredFileGlobs } from '../../../server/src/template/environments';
import { DEFAULT_FILE_GLOBS, diskFileKind } from '../../../server/src/template/fileKinds';

describe('environment files by convention', () => {
  it('name.<env>.runpod.env and name.<env>.runpod.json are the environments of template name; name.runpod.* is its shared file', () => {
    const groups = groupEnvironments(['train.dev.runpod.env', 'train.production.runpod.env', 'train.runpod.json', 'train.prod.runpod.json', 'other.runpod.env']);
    expect(groups).toEqual([
      {
        template: '/train',
        label: 'train',
        environments: [
          { name: 'dev', files: ['train.dev.runpod.env'] },
          // An env file wins over a template file per key, so it comes last.
          { name: 'prod', files: ['train.prod.runpod.json', 'train.production.runpod.env'] },
        ],
        shared: ['train.runpod.json'],
      },
    ]);
  });

  it('a folder: <env>.runpod.env and .runpod/<env>.env beside runpod.env', () => {
    const groups = groupEnvironments(['svc/runpod.env', 'svc/.runpod/dev.env', 'svc/prod.runpod.env', 'svc/.runpod/hub.json']);
    expect(groups.map((g) => [g.label, g.environments.map((e) => [e.name, e.files]), g.shared])).toEqual([
      ['svc/runpod', [['dev', ['svc/.runpod/dev.env']], ['prod', ['svc/prod.runpod.env']]], ['svc/runpod.env']],
    ]);
  });

  it('files in different folders are different templates', () => {
    expect(groupEnvironments(['a/train.dev.runpod.env', 'b/train.prod.runpod.env'])).toEqual([]);
  });

  it('only words of environments: variants named for a GPU, a model or a version are not environments', () => {
    expect(environmentFileOf('train.gpu.runpod.env')).toEqual({ path: 'train.gpu.runpod.env', template: '/train.gpu', label: 'train.gpu' });
    expect(environmentFileOf('.runpod/broken.env')).toBeUndefined();
    expect(groupEnvironments(['train.gpu.runpod.env', 'train.cpu.runpod.env', 'llama.3.runpod.env'])).toEqual([]);
  });

  it('one environment has nothing to compare with: no group', () => {
    expect(groupEnvironments(['train.runpod.env', 'train.dev.runpod.env'])).toEqual([]);
  });

  it('reads file URIs as their path', () => {
    expect(environmentFileOf('file:///w/my%20app/train.prod.runpod.env')).toMatchObject({ label: '/w/my app/train', environment: 'prod' });
  });

  it('other RunPod files belong to no template', () => {
    for (const p of ['.runpod/hub.json', '.runpod/tests.json', 'runpod.toml', '.env', '.env.production', 'deploy/x.pod.json']) expect(environmentFileOf(p)).toBeUndefined();
  });
});

describe('declared environments (runpod.environments)', () => {
  const declared = [
    { name: 'dev', files: ['deploy/dev/*.env'], account: 'personal' },
    { name: 'prod', files: ['deploy/prod/*.runpod.env'], account: 'team' },
    { name: 'eu', files: ['eu.env'] },
  ];

  it('group files by name across folders, with the account each environment declares', () => {
    const groups = groupEnvironments(['deploy/dev/train.runpod.env', 'deploy/prod/train.runpod.env', 'deploy/prod/serve.runpod.env'], declared);
    expect(groups).toEqual([
      {
        template: 'declared:train',
        label: 'train',
        environments: [
          { name: 'dev', files: ['deploy/dev/train.runpod.env'], account: 'personal' },
          { name: 'prod', files: ['deploy/prod/train.runpod.env'], account: 'team' },
        ],
        shared: [],
      },
    ]);
  });

  it('a declared name is an environment word for the convention too', () => {
    expect(environmentFileOf('api.eu.runpod.env', declared)).toMatchObject({ label: 'api', environment: 'eu' });
  });

  it('a declared file named for its environment joins the others: its name without environment words and extensions', () => {
    const groups = groupEnvironments(['deploy/dev/runpod.env', 'eu.env'], declared);
    expect(groups.map((g) => g.environments.map((e) => e.name))).toEqual([['dev', 'eu']]);
  });

  it('the setting wins over the name', () => {
    expect(environmentFileOf('deploy/dev/train.prod.runpod.env', declared)).toMatchObject({ environment: 'dev' });
  });

  it('a file named for an environment and declared (to give it an account) stays with its folder siblings', () => {
    const groups = groupEnvironments(['train.dev.runpod.env', 'train.prod.runpod.env'], [{ name: 'prod', files: ['train.prod.runpod.env'], account: 'team' }]);
    expect(groups.map((g) => [g.label, g.environments])).toEqual([
      [
        'train',
        [
          { name: 'dev', files: ['train.dev.runpod.env'] },
          { name: 'prod', files: ['train.prod.runpod.env'], account: 'team' },
        ],
      ],
    ]);
  });
});

describe('groupOf', () => {
  it("a file's group among all paths, itself included; undefined when it has no sibling environment", () => {
    const all = ['train.dev.runpod.env', 'train.prod.runpod.env', 'serve.dev.runpod.env', 'train.runpod.json'];
    expect(groupOf('train.dev.runpod.env', all)?.environments.map((e) => e.name)).toEqual(['dev', 'prod']);
    expect(groupOf('train.runpod.json', all)?.shared).toEqual(['train.runpod.json']);
    expect(groupOf('serve.dev.runpod.env', all)).toBeUndefined();
  });
});

describe('which files are RunPod files once environments are declared (declaredOrNamedKind, indexedFileKind)', () => {
  const declarations = [
    { name: 'prod', files: ['deploy/*.txt', 'envs/prod.env', 'deploy/.runpod/hub.json'] },
    { name: 'dev', files: ['envs/*.vars.jsonc', 'deploy/dev.runpod.json'] },
  ];

  it('a declared file is one whatever its name: JSON by extension, else env lines; the same name undeclared is none', () => {
    expect(indexedFileKind('/ws/deploy/prod-vars.txt', DEFAULT_FILE_GLOBS, declarations)).toBe('runpod-env');
    expect(indexedFileKind('/ws/envs/dev.vars.jsonc', DEFAULT_FILE_GLOBS, declarations)).toBe('runpod-json');
    expect(indexedFileKind('/ws/other/prod-vars.txt', DEFAULT_FILE_GLOBS, declarations)).toBeUndefined();
    expect(indexedFileKind('/ws/other/dev.vars.jsonc', DEFAULT_FILE_GLOBS, declarations)).toBeUndefined();
    // Paths and URIs alike (the index keys by path, open documents come as URIs).
    expect(indexedFileKind('file:///ws/deploy/prod%20vars.txt', DEFAULT_FILE_GLOBS, declarations)).toBe('runpod-env');
  });

  it('a declared file of another name is read as a runpod.files file is (kindOfSelected): TOML, hub and tests files by place, else the language', () => {
    const all = [{ name: 'prod', files: ['deploy/**'] }];
    expect(indexedFileKind('/ws/deploy/app.toml', [], all)).toBe('runpod-toml');
    expect(indexedFileKind('/ws/deploy/.runpod/hub.json', [], all)).toBe('hub-json');
    expect(indexedFileKind('/ws/deploy/.runpod/tests.json', [], all)).toBe('tests-json');
    // An open document's language decides a name with no known extension, as for runpod.files.
    expect(declaredOrNamedKind('/ws/deploy/vars', undefined, all, 'toml')).toBe('runpod-toml');
    expect(declaredOrNamedKind('/ws/deploy/vars', undefined, all, 'json')).toBe('runpod-json');
    expect(declaredOrNamedKind('/ws/deploy/vars', undefined, all, 'plaintext')).toBe('runpod-env');
    expect(declaredFileKind('/ws/deploy/app.toml', undefined)).toBe('runpod-toml');
  });

  it('a dotenv name declared is read as env lines (as the CLI and Compare Environments read it); undeclared it stays dotenv', () => {
    expect(indexedFileKind('/ws/envs/prod.env', DEFAULT_FILE_GLOBS, declarations)).toBe('runpod-env');
    expect(indexedFileKind('/ws/envs/dev.env', DEFAULT_FILE_GLOBS, declarations)).toBe('dotenv');
  });

  it('a RunPod file declared keeps the kind its name gives it', () => {
    expect(indexedFileKind('/ws/deploy/.runpod/hub.json', DEFAULT_FILE_GLOBS, declarations)).toBe('hub-json');
    expect(indexedFileKind('/ws/deploy/dev.runpod.json', DEFAULT_FILE_GLOBS, declarations)).toBe('runpod-json');
    // runpod.files gives a name its kind first: a declared TOML file it selects stays TOML.
    expect(indexedFileKind('/ws/deploy/a.toml', ['**/deploy/*.toml'], [{ name: 'prod', files: ['deploy/a.toml'] }])).toBe('runpod-toml');
    expect(declaredOrNamedKind('/ws/deploy/a.txt', 'runpod-toml', declarations)).toBe('runpod-toml');
  });

  it('no declarations: the name alone decides (diskFileKind)', () => {
    for (const path of ['/ws/a.runpod.env', '/ws/.env', '/ws/deploy/prod-vars.txt', '/ws/pod.runpod.json', '/ws/x/.runpod/tests.json']) {
      expect(indexedFileKind(path, DEFAULT_FILE_GLOBS, [])).toBe(diskFileKind(path, DEFAULT_FILE_GLOBS));
    }
    expect(declaredOrNamedKind('/ws/deploy/prod-vars.txt', undefined, [])).toBeUndefined();
  });

  it('the command line, the editor and the index read a declared file alike', () => {
    // Compare Environments reads a group's files with declaredFileKind over the kind the name gives
    // (client/src/environments/workspaceFiles.ts); the index and the CLI through declaredOrNamedKind.
    for (const path of ['/ws/deploy/prod-vars.txt', '/ws/envs/dev.vars.jsonc', '/ws/envs/prod.env', '/ws/deploy/.runpod/hub.json']) {
      expect(indexedFileKind(path, DEFAULT_FILE_GLOBS, declarations)).toBe(declaredFileKind(path, diskFileKind(path, DEFAULT_FILE_GLOBS)));
    }
  });
});

describe('declarations of a workspace folder (the language server matches absolute paths)', () => {
  // A folder under a parent named like the glob's first segment: matched against the whole path,
  // `deploy/**` took every file of the workspace.
  const declarations = [{ name: 'prod', files: ['deploy/**'], folder: 'file:///home/u/deploy/app' }];

  it('match the path relative to the folder: the workspace\'s own files stay out', () => {
    expect(indexedFileKind('/home/u/deploy/app/main.py', DEFAULT_FILE_GLOBS, declarations)).toBeUndefined();
    expect(indexedFileKind('/home/u/deploy/app/package.json', DEFAULT_FILE_GLOBS, declarations)).toBeUndefined();
    expect(environmentFileOf('/home/u/deploy/app/main.py', declarations)).toBeUndefined();
    expect(indexedFileKind('/home/u/deploy/app/deploy/vars.txt', DEFAULT_FILE_GLOBS, declarations)).toBe('runpod-env');
    expect(indexedFileKind('file:///home/u/deploy/app/deploy/vars.txt', DEFAULT_FILE_GLOBS, declarations)).toBe('runpod-env');
    expect(environmentFileOf('/home/u/deploy/app/deploy/vars.txt', declarations)?.environment).toBe('prod');
  });

  it('declare nothing outside the folder, nor through a `..` segment', () => {
    expect(indexedFileKind('/home/u/deploy/other/deploy/vars.txt', DEFAULT_FILE_GLOBS, declarations)).toBeUndefined();
    expect(indexedFileKind('/home/u/deploy/apple/deploy/vars.txt', DEFAULT_FILE_GLOBS, declarations)).toBeUndefined();
    expect(indexedFileKind('/home/u/deploy/app/../deploy/vars.txt', DEFAULT_FILE_GLOBS, declarations)).toBeUndefined();
  });

  it('a Windows folder URI and a drive path compare alike', () => {
    const windows = [{ name: 'prod', files: ['deploy/**'], folder: 'file:///c%3A/Users/u/deploy/app' }];
    expect(indexedFileKind('C:\\Users\\u\\deploy\\app\\deploy\\vars.txt', DEFAULT_FILE_GLOBS, windows)).toBe('runpod-env');
    expect(indexedFileKind('C:\\Users\\u\\deploy\\app\\main.py', DEFAULT_FILE_GLOBS, windows)).toBeUndefined();
  });
});

describe('declaredFileGlobs', () => {
  it('every declared glob, once each', () => {
    expect(declaredFileGlobs([{ name: 'prod', files: ['deploy/*.txt', 'p.env'] }, { name: 'dev', files: ['d.env', 'p.env'] }])).toEqual(['deploy/*.txt', 'p.env', 'd.env']);
  });
});

describe('a file belongs to an environment by its name only if it is a RunPod file by that name', () => {
  // The environment convention (train.prod.runpod.env, .runpod/prod.env) and the file-kind rule
  // (fileKinds.ts) read the same names: letter case included.
  const words = ['train', 'prod', 'dev', 'runpod', 'RUNPOD', 'RunPod', 'env', 'ENV', 'json', 'JSON', 'toml'];
  const dirs = ['', 'a/', 'a/.runpod/', '.runpod/', 'a/.RUNPOD/'];
  it('for every name built of these words', () => {
    let grouped = 0;
    for (const dir of dirs) {
      for (const a of words) for (const b of words) for (const c of [...words, '']) {
        const name = [a, b, c].filter(Boolean).join('.');
        const path = `/w/${dir}${name}`;
        if (!environmentFileOf(path)) continue;
        grouped++;
        expect(diskFileKind(path), path).toBeDefined();
      }
    }
    expect(grouped).toBeGreaterThan(20);
  });
});
