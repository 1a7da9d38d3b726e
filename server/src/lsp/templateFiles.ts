/**
 * The template's files as "Add KEY to <file>" reads them (template/environments/addKey.ts): an open
 * document as the editor holds it, any other as the index reads it from disk, each of the kind the
 * server reads it as (read only when an
 * action is asked for, never on a keystroke). A file cut at the size limit has no known end: none.
 *
 * A target open only through a symbolic link (`linked/train.dev.runpod.env` for the indexed
 * `trainer/train.dev.runpod.env`; the index keeps the real path, links.ts) is read and edited as
 * that tab, as a rename edits it (rename.ts LinkedOpen): VS Code has no document for the real path,
 * so an edit naming it wrote the file under the tab, with offsets of the disk's text, not the tab's.
 * Only files of the index are targets, so no edit reaches outside the workspace through a link.
 */
import { linkedTabs } from '../index/linkedTabs';
import { readAsIndexed } from '../index/indexedRead';
import type { IndexStore } from '../index/store';
import { indexKeyOf } from '../index/uris';
import type { TemplateFiles } from '../template/environments/addKey';
import type { Analysis, DocumentKind } from '../template/types';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function templateFiles(
  documents: OpenDocuments,
  store: Pick<IndexStore, 'get'>,
  self: { uri: string; kind: DocumentKind; analysis: Pick<Analysis, 'references'> },
  // Required: without the folders no linked tab is found, and an edit of its file wrote the disk under it.
  folderPaths: () => readonly string[],
): TemplateFiles {
  // Read once per request: the action's edit and its conversion to a range must see one text.
  const texts = new Map<string, string | undefined>();
  let tabs: Map<string, string> | undefined;
  const tabOf = (uri: string): string | undefined => {
    if (documents.get(uri)) return undefined;
    tabs ??= tabsByEntry(documents, store, folderPaths());
    return tabs.get(uri);
  };
  const read = (uri: string): string | undefined => {
    const open = documents.get(tabOf(uri) ?? uri);
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
    editUriOf: (uri) => tabOf(uri) ?? uri,
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

/** The open documents, as the server's document manager holds them. */
export interface OpenDocuments {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

/**
 * The open documents the index leaves out for being reached through a link, by the URI of each
 * indexed entry they stand for (index/linkedTabs.ts; the first tab of a file opened through two links).
 */
function tabsByEntry(documents: OpenDocuments, store: Pick<IndexStore, 'get'>, folders: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const pairs = linkedTabs(
    documents.all().map((d) => d.uri),
    (path) => store.get(path),
    folders,
  );
  for (const { tabUri, entry } of pairs) if (entry && !out.has(entry.uri)) out.set(entry.uri, tabUri);
  return out;
}
