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
  // Grouped once per file and request: "Add all N missing keys" asks for each of up to 1,000 keys,
  // and a scan of the file's references per key made that 1,000 scans on every lightbulb request.
  type Refs = ReturnType<TemplateFiles['referencesOf']>;
  const byKey = new Map<string, Map<string, Refs>>();
  const groupedByKey = (uri: string): Map<string, Refs> => {
    const groups = new Map<string, Refs[number][]>();
    const add = (key: string | undefined, ref: Refs[number]): void => {
      if (key === undefined) return;
      const group = groups.get(key);
      if (group) group.push(ref);
      else groups.set(key, [ref]);
    };
    if (uri === self.uri) for (const r of self.analysis.references) add(r.variableKey, r);
    else for (const r of store.get(indexKeyOf(uri))?.references ?? []) add(r.key, r);
    return groups;
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
      if (!byKey.has(uri)) byKey.set(uri, groupedByKey(uri));
      return byKey.get(uri)!.get(key) ?? [];
    },
  };
}
