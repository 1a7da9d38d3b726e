/**
 * The environment rules (template/environments) in the server: a file of one environment is judged
 * with its siblings, the other files of its template, as the workspace index holds them (their keys
 * and referenced secrets; the text of none is needed), each ordered by the kind the index read it
 * with, as the file itself by its analysis's (files.ts byPrecedence). One function for an open
 * document and a file on disk alike.
 */
import type { IndexStore } from '../index/store';
import { indexKeyOf } from '../index/uris';
import { environmentFileOf } from '../template/environments/files';
import { environmentProblems, type EnvironmentSibling } from '../template/environments/rules';
import type { EnvironmentDeclaration } from '../template/environments/declarations';
import type { Analysis, Problem, SecretCatalog } from '../template/types';

/**
 * The environment problems of a file, from its own text and analysis and its siblings in `store`.
 * Empty for a file of no template; a template's shared file is judged for the environments that take
 * its keys (cross-environment-secret), as `runpod-check check` judges it.
 * @param active the active account's name, as the client said it (catalog.ts CatalogStore.account)
 */
export function environmentProblemsOf(
  store: IndexStore,
  file: { uri: string; text: string; analysis: Pick<Analysis, 'variables' | 'references' | 'inputKeys' | 'kind'> },
  catalog: SecretCatalog,
  declarations: readonly EnvironmentDeclaration[],
  active: string | undefined,
): Problem[] {
  const template = environmentFileOf(file.uri, declarations)?.template;
  if (template === undefined) return [];
  const self = indexKeyOf(file.uri);
  const siblings: EnvironmentSibling[] = [];
  for (const entry of store.members(template).entries) {
    if (entry.path !== self) siblings.push({ path: entry.uri, analysis: { variables: entry.keys.names, references: entry.references, kind: entry.kind } });
  }
  return environmentProblems({ path: file.uri, text: file.text, analysis: file.analysis }, siblings, catalog, declarations, active);
}

/** `problems` with `more` merged in, in document order; `problems` itself when there is nothing to add. */
export function withProblems(problems: readonly Problem[], more: readonly Problem[]): readonly Problem[] {
  if (more.length === 0) return problems;
  return [...problems, ...more].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}
