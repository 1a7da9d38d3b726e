/**
 * The walk inputEnvironment takes (environmentVars.ts groupedFiles): of the working directory when
 * an input is in it, finding the other environments `check` finds there; of an input's repository
 * (else its own folder) when it is outside, so a launch from $HOME does not count unrelated
 * projects; never past the editor's entry bound (MAX_WALKED_ENTRIES): past it, the inputs' siblings alone.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputEnvironment, walkRoot } from '../../client/src/cli/environmentVars';
import { MAX_WALKED_DEPTH } from '../../server/src/index/walk';
import { workspace } from './helpers';

let root: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'input-env-walk-'));
  const files: Record<string, string> = {
    'repo/.git/HEAD': 'ref: refs/heads/main\n',
    'repo/serve/train.runpod.json': '{}',
    'repo/serve/train.prod.runpod.env': 'A=1\n',
    // Found only by the walk: another folder's environment, which cross-environment-secret counts.
    'repo/other/job.runpod.json': '{}',
    'repo/other/job.dev.runpod.env': 'A=1\n',
    'repo/other/job.staging.runpod.env': 'A=1\n',
    // An unrelated project under the folder a launch is run from ($HOME).
    'home/proj/job.runpod.json': '{}',
    'home/proj/job.dev.runpod.env': 'A=1\n',
    'home/proj/job.staging.runpod.env': 'A=1\n',
    'outside/train.runpod.json': '{}',
    'outside/train.prod.runpod.env': 'A=1\n',
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('inputEnvironment: the walk of the working directory', () => {
  it('an input under the working directory: the walk finds the other folders\' environments', () => {
    const env = inputEnvironment(path.join(root, 'repo'), [], { templateFile: 'serve/train.runpod.json', varsFile: 'serve/train.prod.runpod.env' });
    expect(env.target?.environments).toEqual(['prod', 'dev', 'staging']);
  });

  it('an input in a sibling folder of the same repository: the repository is walked, as a launch from its top would be', () => {
    const env = inputEnvironment(path.join(root, 'repo', 'other'), [], { templateFile: '../serve/train.runpod.json', varsFile: '../serve/train.prod.runpod.env' });
    expect(env.target?.environments).toEqual(['prod', 'dev', 'staging']);
    // The same launch judged the same wherever it is run from in the repository.
    const top = inputEnvironment(path.join(root, 'repo'), [], { templateFile: 'serve/train.runpod.json', varsFile: 'serve/train.prod.runpod.env' });
    expect(env.target?.environments).toEqual(top.target?.environments);
  });

  it('no input under the working directory and none in a repository: its own folder, not the working directory (a launch from $HOME counts no unrelated project)', () => {
    const fromRepo = inputEnvironment(path.join(root, 'repo'), [], { templateFile: '../outside/train.runpod.json', varsFile: '../outside/train.prod.runpod.env' });
    expect(fromRepo.target?.environments).toEqual(['prod']);
    const outside = path.join(root, 'outside');
    const fromHome = inputEnvironment(path.join(root, 'home'), [], { templateFile: path.join(outside, 'train.runpod.json'), varsFile: path.join(outside, 'train.prod.runpod.env') });
    expect(fromHome.target?.environments).toEqual(['prod']);
  });

  it('an input in a repository run from a folder above it: that repository is walked, not the working directory', () => {
    const serve = path.join(root, 'repo', 'serve');
    const env = inputEnvironment(path.join(root, 'outside'), [], { templateFile: path.join(serve, 'train.runpod.json'), varsFile: path.join(serve, 'train.prod.runpod.env') });
    expect(env.target?.environments).toEqual(['prod', 'dev', 'staging']);
  });

  it('past the entry bound the walk is left for the siblings alone, never a part of it', () => {
    const env = inputEnvironment(path.join(root, 'repo'), [], { templateFile: 'serve/train.runpod.json', varsFile: 'serve/train.prod.runpod.env' }, { maxEntries: 3 });
    expect(env.target?.environments).toEqual(['prod']);
  });
});

describe('inputEnvironment: a home folder that is a git repository (dotfiles)', () => {
  let home: string;
  beforeAll(() => {
    home = workspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      // An unrelated project under the same home: its environments are not the input's.
      'other/job.runpod.json': '{}',
      'other/job.dev.runpod.env': 'A=1\n',
      'other/job.staging.runpod.env': 'A=1\n',
      'a/b/x.runpod.json': '{}',
      'a/b/x.prod.runpod.env': 'A=1\n',
      'a/b/x.qa.runpod.env': 'A=1\n',
      // A real repository below home: still its input's root.
      'proj/.git/HEAD': 'ref: refs/heads/main\n',
      'proj/serve/y.prod.runpod.env': 'A=1\n',
      'proj/jobs/z.runpod.json': '{}',
      'proj/jobs/z.dev.runpod.env': 'A=1\n',
      'proj/jobs/z.staging.runpod.env': 'A=1\n',
      'y.runpod.json': '{}',
      'y.prod.runpod.env': 'A=1\n',
    });
  });
  const elsewhere = () => path.join(root, 'outside');

  it('an input below home, run from elsewhere: its own folder, never all of home', () => {
    const env = inputEnvironment(elsewhere(), [], { varsFile: path.join(home, 'a', 'b', 'x.prod.runpod.env') }, { home });
    expect(env.target?.environments.slice().sort()).toEqual(['prod', 'qa']);
  });

  it('home given with a trailing slash names the same folder', () => {
    const env = inputEnvironment(elsewhere(), [], { varsFile: path.join(home, 'a', 'b', 'x.prod.runpod.env') }, { home: `${home}/` });
    expect(env.target?.environments.slice().sort()).toEqual(['prod', 'qa']);
  });

  it('a repository below home is still the root of its inputs', () => {
    const env = inputEnvironment(elsewhere(), [], { varsFile: path.join(home, 'proj', 'serve', 'y.prod.runpod.env') }, { home });
    expect(env.target?.environments.slice().sort()).toEqual(['dev', 'prod', 'staging']);
  });

  it('an input in home itself: its siblings alone, home is not walked', () => {
    const env = inputEnvironment(elsewhere(), [], { varsFile: path.join(home, 'y.prod.runpod.env') }, { home });
    expect(env.target?.environments).toEqual(['prod']);
  });
});

describe('inputEnvironment: run from the home folder or above it', () => {
  let parent: string;
  let home: string;
  beforeAll(() => {
    parent = workspace({
      'me/.git/HEAD': 'ref: refs/heads/main\n',
      // An unrelated project of the same home: counting its environments judged the launch wrongly.
      'me/other/job.runpod.json': '{}',
      'me/other/job.dev.runpod.env': 'A=1\n',
      'me/other/job.staging.runpod.env': 'A=1\n',
      'me/proj/x.runpod.json': '{}',
      'me/proj/x.prod.runpod.env': 'A=1\n',
      'me/proj/x.qa.runpod.env': 'A=1\n',
    });
    home = path.join(parent, 'me');
    // A home reached through a link (HOME=/x/link -> /x/real), as the dotfiles of many set it.
    fs.symlinkSync(home, path.join(parent, 'link'));
  });
  const launch = (cwd: string, homeFolder: string) =>
    inputEnvironment(cwd, [], { varsFile: path.relative(cwd, path.join(home, 'proj', 'x.prod.runpod.env')) }, { home: homeFolder }).target?.environments.slice().sort();

  it('cwd is home: the input\'s own folder, not all of home', () => {
    expect(launch(home, home)).toEqual(['prod', 'qa']);
  });

  it('cwd is the folder above home: the input\'s own folder, not all of it', () => {
    expect(launch(parent, home)).toEqual(['prod', 'qa']);
  });

  it('home given through a link: the same folder as the real path the working directory is', () => {
    expect(launch(home, path.join(parent, 'link'))).toEqual(['prod', 'qa']);
    expect(launch(path.join(parent, 'outside-none'), path.join(parent, 'link'))).toEqual(['prod', 'qa']);
  });
});

describe('inputEnvironment: a repository that holds the home folder (HOME inside a checkout)', () => {
  let repo: string;
  let home: string;
  beforeAll(() => {
    repo = workspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'serve/train.runpod.json': '{}',
      'serve/train.prod.runpod.env': 'A=1\n',
      // Found only by walking the repository, as the editor opened on it finds it.
      'other/job.runpod.json': '{}',
      'other/job.dev.runpod.env': 'A=1\n',
      'other/job.staging.runpod.env': 'A=1\n',
      'tools/x.txt': '',
      'home/proj/p.runpod.json': '{}',
      'home/proj/p.prod.runpod.env': 'A=1\n',
      'home/proj/p.qa.runpod.env': 'A=1\n',
    });
    home = path.join(repo, 'home');
  });
  const launch = (cwd: string, input: string) =>
    inputEnvironment(cwd, [], { varsFile: path.relative(cwd, path.join(repo, input)) }, { home }).target?.environments.slice().sort();

  // The repository less the home folder in it: home holds every project of the user (and, at
  // /home, every user's), so its files are no environment of this launch.
  it('run from its top: the repository is walked without the home folder in it', () => {
    expect(launch(repo, 'serve/train.prod.runpod.env')).toEqual(['dev', 'prod', 'staging']);
  });

  it('run from a sibling folder: the input climbs to the repository, walked without home', () => {
    expect(launch(path.join(repo, 'tools'), 'serve/train.prod.runpod.env')).toEqual(['dev', 'prod', 'staging']);
  });

  it('an input below home still never climbs through home: its own folder', () => {
    expect(launch(path.join(repo, 'tools'), 'home/proj/p.prod.runpod.env')).toEqual(['prod', 'qa']);
    expect(launch(home, 'home/proj/p.prod.runpod.env')).toEqual(['prod', 'qa']);
  });

  it('home given through a link is left out all the same', () => {
    fs.symlinkSync(home, path.join(repo, 'tools', 'home-link'));
    const env = inputEnvironment(repo, [], { varsFile: 'serve/train.prod.runpod.env' }, { home: path.join(repo, 'tools', 'home-link') });
    expect(env.target?.environments.slice().sort()).toEqual(['dev', 'prod', 'staging']);
  });
});

describe('inputEnvironment: an empty home is no home', () => {
  it('HOME set but empty (os.homedir() is then ""): the working directory is not taken for home', () => {
    const env = inputEnvironment(path.join(root, 'repo'), [], { templateFile: 'serve/train.runpod.json', varsFile: 'serve/train.prod.runpod.env' }, { home: '' });
    expect(env.target?.environments).toEqual(['prod', 'dev', 'staging']);
  });
});

describe('walkRoot: the file system root is never a project, even holding .git', () => {
  // `/.git` cannot be made in a test: the repository test is given, the rest is the real rule.
  const rootIsRepository = (folder: string): boolean => folder === path.parse(folder).root;
  const input = path.join(path.sep, 'srv', 'x', 'a.prod.runpod.env');
  const home = path.join(path.sep, 'root');

  it('run from the root, an input below it: its own folder, not all of `/` (/proc, /sys, every home)', () => {
    expect(walkRoot(path.sep, input, home, rootIsRepository)).toEqual({ root: path.dirname(input) });
  });

  it('run from elsewhere, an input in no repository below the root: the climb stops below the root', () => {
    expect(walkRoot(path.join(path.sep, 'tmp'), input, home, rootIsRepository)).toEqual({ root: path.dirname(input) });
  });

  it('an input in the root itself: its siblings alone', () => {
    expect(walkRoot(path.join(path.sep, 'tmp'), path.join(path.sep, 'a.prod.runpod.env'), home, rootIsRepository)).toBeUndefined();
  });

  it('a repository holding home is walked with home left out', () => {
    const homes = path.join(path.sep, 'home');
    const isRepository = (folder: string): boolean => folder === homes;
    expect(walkRoot(path.join(path.sep, 'tmp'), path.join(homes, 'repo-part', 'a.prod.runpod.env'), path.join(homes, 'u'), isRepository)).toEqual({
      root: homes,
      leaveOut: path.join(homes, 'u'),
    });
  });
});

describe('inputEnvironment: depth counts from the folder walked, as in the editor opened on it', () => {
  it('run from home, an input in a repository below it: a folder 64 below the repository is walked (the editor opened on the repository walks it)', () => {
    const deep = Array.from({ length: MAX_WALKED_DEPTH }, () => 'd').join('/');
    const home = workspace({
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'repo/serve/t.runpod.json': '{}',
      'repo/serve/t.prod.runpod.env': 'A=1\n',
      [`repo/${deep}/job.runpod.json`]: '{}',
      [`repo/${deep}/job.dev.runpod.env`]: 'A=1\n',
      [`repo/${deep}/job.staging.runpod.env`]: 'A=1\n',
    });
    const env = inputEnvironment(home, [], { varsFile: path.join('repo', 'serve', 't.prod.runpod.env') }, { home });
    expect(env.target?.environments.slice().sort()).toEqual(['dev', 'prod', 'staging']);
  });
});
