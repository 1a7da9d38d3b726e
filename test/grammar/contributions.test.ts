// The manifest's static contributions point at files that exist and agree with them: a wrong path or scope name
// here makes VS Code silently show no highlighting, which no other test would notice.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '..', '..');

interface GrammarContribution {
  language?: string;
  scopeName: string;
  path: string;
  injectTo?: string[];
}

interface LanguageContribution {
  id: string;
  extensions?: string[];
  filenames?: string[];
  filenamePatterns?: string[];
  configuration?: string;
}

interface Manifest {
  contributes: {
    grammars: GrammarContribution[];
    languages: LanguageContribution[];
    jsonValidation: { fileMatch: string[]; url: string }[];
  };
  scripts: Record<string, string>;
}

function readJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(join(repoRoot, relativePath), 'utf8')) as T;
}

const manifest = readJson<Manifest>('package.json');

describe('package.json grammar, language and schema contributions', () => {
  it('each grammar file exists and declares the scopeName the manifest gives it', () => {
    expect(manifest.contributes.grammars.length).toBeGreaterThanOrEqual(3);
    for (const grammar of manifest.contributes.grammars) {
      expect(existsSync(join(repoRoot, grammar.path)), grammar.path).toBe(true);
      const raw = readJson<{ scopeName: string; injectionSelector?: string }>(grammar.path);
      expect(raw.scopeName, grammar.path).toBe(grammar.scopeName);
      // An injection grammar only works when both sides agree: injectTo in the manifest, a selector in the file.
      expect(raw.injectionSelector !== undefined, grammar.path).toBe(grammar.injectTo !== undefined);
    }
  });

  it('the runpod-env language keeps its file associations and has a grammar and a configuration', () => {
    const language = manifest.contributes.languages.find((l) => l.id === 'runpod-env');
    expect(language).toBeDefined();
    expect(language?.extensions).toContain('.runpod.env');
    expect(language?.filenames).toContain('runpod.env');
    expect(language?.filenamePatterns).toContain('**/.runpod/*.env');
    expect(existsSync(join(repoRoot, language?.configuration ?? 'missing'))).toBe(true);
    const grammar = manifest.contributes.grammars.find((g) => g.language === 'runpod-env');
    expect(grammar?.scopeName).toBe('source.runpod-env');
  });

  it('the injection grammar targets JSON, JSONC, TOML and dotenv (the languages RunPod files are written in, every file of them: only RunPod files are checked), never a language of its own', () => {
    const injection = manifest.contributes.grammars.find((g) => g.scopeName === 'runpod.secret-reference.injection');
    expect(injection?.language).toBeUndefined();
    expect(injection?.injectTo).toEqual(['source.json', 'source.json.comments', 'source.toml', 'source.dotenv']);
  });

  it('the language configuration comments with # and auto-closes quotes but not braces', () => {
    const config = readJson<{
      comments: { lineComment: string };
      autoClosingPairs: { open: string; close: string }[];
    }>('syntaxes/runpod-env.language-configuration.json');
    expect(config.comments.lineComment).toBe('#');
    const opens = config.autoClosingPairs.map((p) => p.open);
    expect(opens).toEqual(expect.arrayContaining(['"', "'"]));
    // Reference completion inserts the closing `}}` itself; an auto-inserted `}` would double it.
    expect(opens).not.toContain('{');
  });

  it('*.runpod.json files are validated by the template schema', () => {
    expect(manifest.contributes.jsonValidation).toContainEqual({
      fileMatch: ['*.runpod.json'],
      url: './schemas/runpod-template.schema.json',
    });
    expect(existsSync(join(repoRoot, 'schemas', 'runpod-template.schema.json'))).toBe(true);
  });

  it('npm run test:grammar runs the grammar cases', () => {
    expect(manifest.scripts['test:grammar']).toBe('node test/grammar/run-tmgrammar-test.mjs');
  });
});
