/**
 * Messages and docs that tell the user to run a command quote its palette title; a title that
 * drifted from package.json ("RunPod: Set API Key" after it became "Set API Key...") sends the user
 * looking for a command that is not there. Every quoted "RunPod: X" in the extension's and the
 * language server's strings, in the manifest's texts and in the README and docs must be a title
 * exactly as package.json spells it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const commands: { title: string; category?: string }[] = pkg.contributes.commands;
const TITLES = new Set(commands.map((c) => (c.category ? `${c.category}: ${c.title}` : c.title)));

/** "RunPod: X" between quotes, backticks, ** or parentheses (the ways a text quotes a command). */
const QUOTED = /(?<=['"`*(“‘])RunPod: [^'"`*)”’]*?(?=['"`*)”’])/g;
/** A string that is a title ending in "..." on its own (a flow's title handed to a message). */
const WHOLE_TITLE = /^RunPod: [A-Z][\w ]*\.\.\.$/;

const tsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

/** Every quoted title in the string literals (not the comments) of a source file. */
function quotedInSource(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      const text = (node as ts.LiteralLikeNode).text;
      found.push(...(text.match(QUOTED) ?? []));
      if (WHOLE_TITLE.test(text)) found.push(text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every quoted title in a text; line breaks inside a title (wrapped Markdown) count as spaces. */
const quotedInText = (text: string): string[] => text.replace(/[ \t]*\n[ \t]*/g, ' ').match(QUOTED) ?? [];

/** Every string of a JSON value. */
const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];

/** `file: title` for each quoted title that is not a command's title. */
function strays(byFile: [string, string[]][]): string[] {
  return byFile.flatMap(([file, titles]) => titles.filter((t) => !TITLES.has(t)).map((t) => `${path.relative(ROOT, file)}: ${t}`));
}

describe('command titles quoted in messages and docs', () => {
  it('the extension and the language server quote each command as package.json titles it', () => {
    const byFile = [...tsFiles(path.join(ROOT, 'client/src')), ...tsFiles(path.join(ROOT, 'server/src'))].map((f) => [f, quotedInSource(f)] as [string, string[]]);
    expect(byFile.flatMap(([, t]) => t).length).toBeGreaterThan(5); // the scan finds the quotes it checks
    expect(strays(byFile)).toEqual([]);
  });

  it("the manifest's descriptions, the README and the docs do too", () => {
    const docs = path.join(ROOT, 'docs');
    const markdown = ['README.md', ...readdirSync(docs).filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f))].map((f) => path.join(ROOT, f));
    const byFile: [string, string[]][] = [
      // The manifest's texts (settings, views, walkthroughs), the titles themselves aside.
      [path.join(ROOT, 'package.json'), strings({ ...pkg.contributes, commands: [] }).flatMap(quotedInText)],
      ...markdown.map((f) => [f, quotedInText(readFileSync(f, 'utf8'))] as [string, string[]]),
    ];
    expect(byFile.flatMap(([, t]) => t).length).toBeGreaterThan(5);
    expect(strays(byFile)).toEqual([]);
  });

  it('finds a title that drifted, wherever it is quoted', () => {
    expect(quotedInText("Run 'RunPod: Set API Key' first.")).toEqual(['RunPod: Set API Key']);
    expect(quotedInText('the key (**RunPod: Set\n  API Key...**)')).toEqual(['RunPod: Set API Key...']);
    expect(strays([['x', ['RunPod: Set API Key', 'RunPod: Set API Key...']]])).toEqual(['x: RunPod: Set API Key']);
  });
});
