/**
 * The words of the project's TypeScript sources, for tests that hold a fact to the one module that
 * states it (a variable's name, a status word): a literal written anywhere else is a second statement.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(__dirname, '../..');

/** Every `.ts` file under `dir`. */
export const tsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

/** Every source file of the extension, the command line and the language server. */
export const sourceFiles = (): string[] => [...tsFiles(path.join(ROOT, 'client/src')), ...tsFiles(path.join(ROOT, 'server/src'))];

/** Every string literal, template text, identifier and property name of source text (not its comments). */
export function wordsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node)) found.push(node.text);
    if (ts.isTemplateExpression(node)) found.push(node.head.text, ...node.templateSpans.map((span) => span.literal.text));
    // Property names (`env.X`, `{ X: ... }`, `const { X } = env`) are identifiers too.
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `path: word` for each word of `files` (relative to the root) that `match` picks. */
export function wordsIn(files: readonly string[], match: (word: string) => boolean): string[] {
  return files.flatMap((f) => wordsOf(f).filter(match).map((t) => `${path.relative(ROOT, f)}: ${t}`));
}
