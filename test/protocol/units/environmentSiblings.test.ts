/**
 * The language server judges a file of an environment with its siblings as the index read them: each
 * sibling is ordered by the kind the index read it with (files.ts byPrecedence), as the file itself
 * is, not by what its name alone suggests.
 */
import { describe, expect, it } from 'vitest';
import { IndexStore } from '../../../server/src/index/store';
import { keyColumns } from '../../../server/src/index/keyColumns';
import { indexKeyOf } from '../../../server/src/index/uris';
import { environmentProblemsOf } from '../../../server/src/lsp/environmentDiagnostics';
import { analyze, type DocumentKind, type SecretCatalog } from '../../../server/src/template';
import { environmentFileOf, type EnvironmentDeclaration } from '../../../server/src/template/environments';

const UNKNOWN: SecretCatalog = { state: 'unknown', secrets: [] };
const declarations: EnvironmentDeclaration[] = [
  { name: 'dev', files: ['**/dev/*'] },
  { name: 'prod', files: ['**/prod/*'] },
];
const at = (key: string) => ({ key, line: 0, character: 0, endLine: 0, endCharacter: key.length });

function indexed(store: IndexStore, uri: string, kind: DocumentKind, keys: string[]): void {
  store.set({
    path: indexKeyOf(uri),
    uri,
    kind,
    source: { kind: 'open', version: 1 },
    folder: 'file:///w',
    references: [],
    keys: keyColumns(keys.map(at)),
    hasReferences: false,
    readInPart: false,
    template: environmentFileOf(uri, declarations)?.template,
  });
}

describe('environment siblings from the index', () => {
  it('a declared sibling the index read as JSON (no .json in its name) is its environment’s first file: the env file beside it is not told a key is missing', () => {
    const store = new IndexStore();
    indexed(store, 'file:///w/deploy/dev/train.dev', 'runpod-json', []);
    indexed(store, 'file:///w/deploy/dev/train.env', 'runpod-env', ['BATCH']);
    indexed(store, 'file:///w/deploy/prod/train.prod', 'runpod-json', []);
    const uri = 'file:///w/deploy/prod/train.env';
    const text = 'WORKERS=4\n';
    indexed(store, uri, 'runpod-env', ['WORKERS']);
    const problems = environmentProblemsOf(store, { uri, text, analysis: analyze(text, 'runpod-env', UNKNOWN) }, UNKNOWN, declarations, undefined);
    const messages = problems.map((p) => p.message);
    expect(messages.filter((m) => m.includes('missing here'))).toEqual([]);
    // The converse still names prod by its first file, the template the editor read as JSON.
    expect(messages).toContain('`WORKERS` is missing in dev (train.dev); prod defines it here.');
  });
});
