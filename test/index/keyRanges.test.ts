/**
 * A key found by workspace/symbol is where the file writes it: the index keeps a file's keys in
 * columns (index/keyColumns.ts), and the range it answers with is built from them, for a key on any
 * line, at any column, in each kind of file, as a file on disk and an open document are read.
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IndexStore, type IndexEntry } from '../../server/src/index/store';
import { indexedFacts } from '../../server/src/lsp/indexedFacts';
import { analyze, analyzeReferences } from '../../server/src/template/analyze';
import type { DocumentKind, SecretCatalog } from '../../server/src/template/types';
import { flatReferences } from '../../server/src/template/variableReferences';

const UNKNOWN: SecretCatalog = { state: 'unknown', secrets: [] };

const FILES: [DocumentKind, string, string[]][] = [
  ['runpod-env', '# head\n\nFIRST=1\nSECOND={{ RUNPOD_SECRET_s }}\r\n\nTHIRD_KEY=x\n', ['FIRST', 'SECOND', 'THIRD_KEY']],
  ['runpod-json', '{\n  "name": "t",\n  "env": {\n    "A": "1",\n      "LONG_KEY": "{{ RUNPOD_SECRET_s }}"\n  }\n}\n', ['A', 'LONG_KEY']],
  ['runpod-toml', '[project]\nname = "t"\n\n[project.env_vars]\nONE = "1"\n   TWO_KEYS = "{{ RUNPOD_SECRET_s }}"\n', ['ONE', 'TWO_KEYS']],
  ['hub-json', '{\n "config": {\n  "env": [\n   {"key": "HF", "value": "1"},\n   {"key": "MODEL_NAME",\n    "input": {"name": "m"}}\n  ]\n }\n}\n', ['HF', 'MODEL_NAME']],
];

function entryOf(text: string, kind: DocumentKind, open: boolean): IndexEntry {
  const facts = open
    ? indexedFacts(text, analyze(text, kind, UNKNOWN), false)
    : (() => {
        const { variables, references, inputKeys } = analyzeReferences(text, kind);
        return indexedFacts(text, { variables, references: flatReferences(references), inputKeys }, false);
      })();
  return { path: '/w/f', uri: 'file:///w/f', kind, source: { kind: 'disk', stamp: '1' }, folder: 'file:///w', template: undefined, ...facts };
}

describe("workspace symbols' key ranges", () => {
  for (const open of [false, true]) {
    it.each(FILES)(`%s, read as ${open ? 'an open document' : 'a file on disk'}: each key's range covers the key as written`, (kind, text, keys) => {
      const store = new IndexStore();
      store.set(entryOf(text, kind, open));
      const doc = TextDocument.create('file:///w/f', kind, 1, text);
      const found = store.symbols('', 100).filter((s) => s.kind === 'key');
      expect(found.map((s) => s.name)).toEqual(keys);
      for (const s of found) {
        const start = doc.offsetAt({ line: s.at.line, character: s.at.character });
        const end = doc.offsetAt({ line: s.at.endLine, character: s.at.endCharacter });
        expect(text.slice(start, end)).toBe(s.name);
      }
      // Each key at its own place: the ranges are those of the keys in order, not one repeated.
      expect(new Set(found.map((s) => `${s.at.line}:${s.at.character}`)).size).toBe(keys.length);
    });
  }
});
