/**
 * The words of the UI. Messages and docs that tell the user to run a command quote its palette title; a title that
 * drifted from package.json ("RunPod: Set API Key" after it became "Set API Key...") sends the user
 * looking for a command that is not there. Every quoted "RunPod: X" in the extension's and the
 * language server's strings, in the manifest's texts and in the README and docs must be a title
 * exactly as package.json spells it.
 *
 * An ellipsis is one character: command titles end in "..." (VS Code's own way, test/launch/manifest.test.ts),
 * and everything else the user reads (quick pick items and placeholders, titles, progress texts,
 * messages, tree labels, truncated text) writes "…", the character the code used most for them.
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

/** Every string literal of a source file; a template literal whole, each `${...}` in it as `x` (`Add Account ${name}...`). */
function sourceStringsOf(code: string): string[] {
  const source = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node)) found.push(node.text);
    if (ts.isTemplateExpression(node)) found.push(node.head.text + node.templateSpans.map((span) => `x${span.literal.text}`).join(''));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every quoted title in the string literals (not the comments) of a source file. */
function quotedInSource(file: string): string[] {
  return sourceStringsOf(readFileSync(file, 'utf8')).flatMap((text) => [...(text.match(QUOTED) ?? []), ...(WHOLE_TITLE.test(text) ? [text] : [])]);
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

/** A command title ending in "...", as the palette shows it (with its category), and VS Code's own the manifest quotes: longest first. */
const DOTTED_TITLES = [...TITLES, 'Developer: Set Log Level...']
  .filter((t) => t.endsWith('...'))
  .sort((a, b) => b.length - a.length);

/**
 * Where a text writes an ellipsis as three dots, once the command titles are taken out: after a
 * letter or digit ("Loading...", "Preview..."), but not as syntax: a placeholder (`rpa_...`,
 * `"..."`, `[[...]]`, `RUNPOD_SECRET_...`, `~/.local/state/...`) or a repeatable argument in a usage line (`[paths...]`).
 */
function dottedEllipses(text: string): string[] {
  let rest = text;
  for (const title of DOTTED_TITLES) rest = rest.split(title).join('');
  return [...rest.matchAll(/.{0,40}[\p{L}\p{N})]\.\.\.(?!\])/gu)].map((m) => m[0]);
}

describe('the ellipsis is "…" in everything the user reads but command titles', () => {
  it('the extension\'s strings and the manifest\'s texts write "…", not "..." (command titles and their quotes aside)', () => {
    const byFile: [string, string[]][] = [
      ...tsFiles(path.join(ROOT, 'client/src')).map((f) => [f, sourceStringsOf(readFileSync(f, 'utf8'))] as [string, string[]]),
      [path.join(ROOT, 'package.json'), strings({ ...pkg, contributes: { ...pkg.contributes, commands: [] } })],
    ];
    // The scan reads the strings it judges: the single character is in use, and titles are quoted.
    expect(byFile.flatMap(([, texts]) => texts).filter((t) => t.includes('…')).length).toBeGreaterThan(20);
    const dotted = byFile.flatMap(([file, texts]) => texts.flatMap(dottedEllipses).map((e) => `${path.relative(ROOT, file)}: ${e}`));
    expect(dotted).toEqual([]);
  });

  it('tells a label from a command title and from syntax', () => {
    expect(dottedEllipses('Refreshing the RunPod secrets list...')).toEqual(['Refreshing the RunPod secrets list...']);
    expect(dottedEllipses('$(add) Add Account...')).toEqual(['$(add) Add Account...']);
    expect(sourceStringsOf('const add = `Add Account ${name}...`;')).toEqual(['Add Account x...']);
    expect(dottedEllipses("Run 'RunPod: Set API Key...' first.")).toEqual([]);
    expect(dottedEllipses('rpa_... or api_key = "..." in [[...]]; check [paths...]')).toEqual([]);
  });
});
