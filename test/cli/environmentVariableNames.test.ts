/**
 * The variables that configure the RunPod client are named in one place (client/src/runpod/
 * environmentVariables.ts): the code that reads them and every message, note and help text that
 * names one takes the constant, so a renamed variable cannot leave a message naming the old one.
 * The scan reads the string literals of the sources (comments aside), as commandTitleQuotes does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { API_KEY_ENV, API_URL_ENV, TIMEOUT_ENV } from '../../client/src/runpod/environmentVariables';
import { readApiConfig } from '../../client/src/cli/client';
import { helpFor } from '../../client/src/cli/help';

const ROOT = path.resolve(__dirname, '../..');
const HOME = path.join(ROOT, 'client/src/runpod/environmentVariables.ts');
const tsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

/** Every string literal and template text of a source file (not its comments). */
function stringsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node)) found.push(node.text);
    if (ts.isTemplateExpression(node)) found.push(node.head.text, ...node.templateSpans.map((span) => span.literal.text));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the names of RUNPOD_API_KEY, RUNPOD_API_URL and RUNPOD_TIMEOUT_MS', () => {
  it('are written in the sources only where they are named (a longer name such as RUNPOD_API_KEY_<NAME> aside)', () => {
    const names = [API_KEY_ENV, API_URL_ENV, TIMEOUT_ENV];
    const whole = new RegExp(`(?<![A-Z0-9_])(${names.join('|')})(?![A-Z0-9_])`);
    const files = [...tsFiles(path.join(ROOT, 'client/src')), ...tsFiles(path.join(ROOT, 'server/src'))];
    // The scan reads the file that names them: it would see a literal.
    expect(stringsOf(HOME).filter((t) => whole.test(t))).toEqual(names);
    const written = files.filter((f) => f !== HOME).flatMap((f) => stringsOf(f).filter((t) => whole.test(t)).map((t) => `${path.relative(ROOT, f)}: ${t}`));
    expect(written).toEqual([]);
  });

  it('are the variables the command line reads and its help names', () => {
    const config = readApiConfig({ [API_KEY_ENV]: 'rp_names_test_key_123456', [API_URL_ENV]: 'http://127.0.0.1:9/v2', [TIMEOUT_ENV]: '2000' });
    expect(config).toMatchObject({ apiKey: 'rp_names_test_key_123456', baseUrl: 'http://127.0.0.1:9/v2', timeoutMs: 2000, keySource: API_KEY_ENV });
    for (const name of [API_KEY_ENV, API_URL_ENV, TIMEOUT_ENV]) expect(helpFor('pods'), name).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });
});
