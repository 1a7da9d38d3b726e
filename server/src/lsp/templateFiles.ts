/**
 * The template's files as "Add KEY to <file>" reads them (template/environments/addKey.ts): an open
 * document as the editor holds it, any other as the index reads it from disk, each of the kind the
 * server reads it as (read only when an
 * action is asked for, never on a keystroke). A file cut at the size limit has no known end: none.
 */
import { readAsIndexed } from '../index/indexedRead';
import type { IndexStore } from '../index/store';
import { indexKeyOf } from '../index/uris';
import type { TemplateFiles } from '../template/environments/addKey';
import type { Analysis, DocumentKind } from '../template/types';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function templateFiles(
  documents: { get(uri: string): TextDocument | undefined },
  store: Pick<IndexStore, 'get'>,
  self: { uri: string; kind: DocumentKind; analysis: Pick<Analysis, 'references'> },
): TemplateFiles {
  // Read once per request: the action's edit and its conversion to a range must see one text.
  const texts = new Map<string, string | undefined>();
  const read = (uri: string): string | undefined => {
    const open = documents.get(uri);
    if (open) return open.getText();
    const got = readAsIndexed(indexKeyOf(uri));
    return got.ok && !got.cut ? got.text : undefined;
  };
  return {
    textOf(uri) {
      if (!texts.has(uri)) texts.set(uri, read(uri));
      return texts.get(uri);
    },
    kindOf(uri) {
      // The kind the file is served or indexed as (a declared file's, by its name or language).
      return uri === self.uri ? self.kind : store.get(indexKeyOf(uri))?.kind;
    },
    referencesOf(uri, key) {
      if (uri === self.uri) return self.analysis.references.filter((r) => r.variableKey === key);
      return store.get(indexKeyOf(uri))?.references.filter((r) => r.key === key) ?? [];
    },
  };
}
