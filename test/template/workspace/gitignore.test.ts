import { describe, expect, it } from 'vitest';
import { isIgnoredFolder, MAX_PATTERNS, parseGitignore } from '../../../server/src/template/workspace/gitignore';

const ignored = (gitignore: string, folder: string): boolean => isIgnoredFolder(folder, [parseGitignore(gitignore, '')]);

describe('.gitignore folder rules', () => {
  it('a name without a slash matches a folder at any depth; with a slash, from the file’s folder', () => {
    expect(ignored('build', 'build')).toBe(true);
    expect(ignored('build', 'a/b/build')).toBe(true);
    expect(ignored('build/', 'a/build')).toBe(true);
    expect(ignored('/build', 'a/build')).toBe(false);
    expect(ignored('/build', 'build')).toBe(true);
    expect(ignored('a/build', 'a/build')).toBe(true);
    expect(ignored('a/build', 'x/a/build')).toBe(false);
    expect(ignored('builder', 'build')).toBe(false);
  });

  it('wildcards as git reads them: * and ? stay in one segment, ** crosses them, [..] classes; dot folders match', () => {
    expect(ignored('*.egg-info', 'pkg/x.egg-info')).toBe(true);
    expect(ignored('out?', 'out1')).toBe(true);
    expect(ignored('a/*/c', 'a/b/c')).toBe(true);
    expect(ignored('a/*/c', 'a/b/b/c')).toBe(false);
    expect(ignored('a/**/c', 'a/b/b/c')).toBe(true);
    expect(ignored('**/cache', 'x/y/cache')).toBe(true);
    expect(ignored('venv[0-9]', 'venv3')).toBe(true);
    expect(ignored('.*', '.venv')).toBe(true);
    expect(ignored('vendor/**', 'vendor/lib')).toBe(true);
    expect(ignored('vendor/**', 'vendor')).toBe(false);
  });

  it('comments, blanks, escapes and trailing spaces', () => {
    expect(ignored('# build\n\n   \n', 'build')).toBe(false);
    expect(ignored('\\#build', '#build')).toBe(true);
    expect(ignored('\\!keep', '!keep')).toBe(true);
    expect(ignored('build   ', 'build')).toBe(true);
    expect(ignored('build\\ ', 'build ')).toBe(true);
    expect(ignored('build\r\n', 'build')).toBe(true);
  });

  it('the last matching pattern wins, negation included', () => {
    expect(ignored('logs\n!logs', 'logs')).toBe(false);
    expect(ignored('!logs\nlogs', 'logs')).toBe(true);
    expect(ignored('*\n!keep', 'keep')).toBe(false);
    expect(ignored('*\n!keep', 'other')).toBe(true);
  });

  it('deeper files apply below their folder, after the outer ones', () => {
    const rules = [parseGitignore('private\n', ''), parseGitignore('!private\n', 'nested')];
    expect(isIgnoredFolder('private', rules)).toBe(true);
    expect(isIgnoredFolder('nested/private', rules)).toBe(false);
    const anchored = [parseGitignore('/gen\n', 'sub')];
    expect(isIgnoredFolder('sub/gen', anchored)).toBe(true);
    expect(isIgnoredFolder('gen', anchored)).toBe(false);
    expect(isIgnoredFolder('sub/x/gen', anchored)).toBe(false);
  });

  it('stays bounded on hostile input: at most the pattern limit, overlong lines skipped, odd patterns harmless', () => {
    const many = Array.from({ length: MAX_PATTERNS + 50 }, (_, i) => `p${i}`).join('\n');
    expect(parseGitignore(many, '').patterns).toHaveLength(MAX_PATTERNS);
    expect(parseGitignore(`${'a'.repeat(10_000)}\n`, '').patterns).toHaveLength(0);
    expect(() => parseGitignore('[\n[[[[\n***\n\\\n!\n/\n**\n', '')).not.toThrow();
    expect(ignored('**', 'anything')).toBe(true);
  });
});

describe('a hostile .gitignore', () => {
  it('a pattern with more than two stars in one segment is not used: failing it against a long folder name would take a backtracking matcher minutes', () => {
    expect(ignored('*a*a*a*b', 'xaaab')).toBe(false);
    expect(ignored('*a*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(255))).toBe(false);
    expect(ignored('*a*b', 'xaab')).toBe(true);
    expect(ignored('build/**/*.tmp*', 'build/x/a.tmp1')).toBe(true);
  });

  it('passing over a pattern whose plain names the path lacks changes no answer: each pattern alone, as its matcher answers the whole path', () => {
    const patterns = ['build', 'a/b', 'a/**/c', '**/b/**/c', 'x/**', '\\#x', 'a\\*', '[ab]', '**', '.*', 'a/*/c', 'a//b', 'c/'];
    const folders = ['build', 'a/b', 'a/x/b/c', 'b/c', 'x/y', '#x', 'a*', 'a', 'b/a/c', '.v', 'a/q/c', 'a/b/c/build', 'y/x'];
    for (const pattern of patterns) {
      const rules = parseGitignore(pattern, '');
      const matcher = rules.patterns[0]?.matcher;
      for (const folder of folders) expect(ignored(pattern, folder), `${pattern} on ${folder}`).toBe(matcher?.match(folder) ?? false);
    }
  });
});
