/**
 * The workspace side of "where used", from the language server's index of every RunPod file under
 * the workspace folders (protocol `runpod/secretUsages`, `runpod/renameSecret`,
 * `runpod/usagesChanged`). The server is ours, but its answers cross a process boundary like any
 * input: each is checked and bounded here before the tree or a command uses it. Pure.
 */
import type * as vscode from 'vscode';
import type { ProtocolRange, RenameSecretParams, SecretUsageLocation, SecretUsagesParams, SecretUsagesResult } from '../../../server/src/protocol';
import type { FileUsage, ReferenceHit } from './references';
import { isIndexGap } from './indexGap';
import { noticePath } from '../ui/plainName';
import { MAX_URI_LENGTH } from '../../../server/src/template/fileKinds';
import type { CancelToken } from '../waitRace';

/** What the extension asks of the language server's index; the language client implements it. */
export interface WorkspaceIndex {
  /** `runpod/secretUsages`; rejects when no server runs or it does not answer (then: "not indexed"). */
  secretUsages(params: SecretUsagesParams): Promise<unknown>;
  /**
   * `runpod/renameSecret`: an LSP WorkspaceEdit, or null when the new name is not valid. No time
   * limit (a server still indexing answers late, and an answer cut short would leave references
   * unrenamed): `token` cancels the request, which then rejects.
   */
  renameSecret(params: RenameSecretParams, token?: CancelToken): Promise<unknown>;
  /** `runpod/usagesChanged`: the index changed, counts may be stale. */
  readonly onDidChangeUsages: vscode.Event<void>;
}

/** The most locations read from one answer (a generated workspace could hold millions). */
export const MAX_LOCATIONS = 10_000;
/** The most secret names read from one answer. */
const MAX_NAMES = 10_000;
/** The most edits taken from a rename answer. */
const MAX_RENAME_EDITS = 50_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function position(value: unknown): { line: number; character: number } | undefined {
  if (!isObject(value)) return undefined;
  const line = count(value['line']);
  const character = count(value['character']);
  return line === undefined || character === undefined ? undefined : { line, character };
}

function range(value: unknown): ProtocolRange | undefined {
  if (!isObject(value)) return undefined;
  const start = position(value['start']);
  const end = position(value['end']);
  return start && end ? { start, end } : undefined;
}

function location(value: unknown): SecretUsageLocation | undefined {
  if (!isObject(value) || typeof value['uri'] !== 'string' || value['uri'].length > 4096) return undefined;
  const r = range(value['range']);
  const substituted = value['substituted'];
  if (!r || (substituted !== 'yes' && substituted !== 'no' && substituted !== 'undocumented')) return undefined;
  const loc: SecretUsageLocation = { uri: value['uri'], range: r, substituted };
  if (typeof value['key'] === 'string' && value['key'].length <= 1024) loc.key = value['key'];
  return loc;
}

/**
 * A `runpod/secretUsages` answer, checked: malformed entries are dropped one by one, sizes bounded.
 * `undefined` when the answer is not the protocol's shape at all.
 */
export function parseSecretUsages(raw: unknown): SecretUsagesResult | undefined {
  if (!isObject(raw) || !isObject(raw['usages']) || typeof raw['complete'] !== 'boolean') return undefined;
  // No prototype: a secret named `__proto__` is a member here, not the object's prototype.
  const usages: SecretUsagesResult['usages'] = Object.create(null) as SecretUsagesResult['usages'];
  let names = 0;
  let locations = 0;
  let complete = raw['complete'];
  for (const [name, value] of Object.entries(raw['usages'])) {
    if (names++ >= MAX_NAMES) {
      complete = false;
      break;
    }
    if (!isObject(value)) continue;
    const files = count(value['files']);
    const references = count(value['references']);
    if (files === undefined || references === undefined) continue;
    const entry: SecretUsagesResult['usages'][string] = { files, references };
    if (Array.isArray(value['locations'])) {
      entry.locations = [];
      for (const item of value['locations']) {
        if (locations >= MAX_LOCATIONS) {
          complete = false;
          break;
        }
        const loc = location(item);
        if (loc) {
          entry.locations.push(loc);
          locations++;
        }
      }
    }
    usages[name] = entry;
  }
  // The cause only with an incomplete answer: `complete` is what says whether there may be more files.
  const gap = raw['gap'];
  const result: SecretUsagesResult = !complete && isIndexGap(gap) ? { usages, complete, gap } : { usages, complete };
  // The folder only with its cause, as a path in a notice (cut, kept from forming a link): the tooltip, View Secret and Delete name it.
  // An empty name names none ("( is one)" said nothing).
  if (result.gap === 'limit' && typeof raw['deepFolder'] === 'string' && raw['deepFolder'] !== '') result.deepFolder = noticePath(raw['deepFolder']);
  if (!complete && raw['readInPart'] === true) result.readInPart = true;
  return result;
}

/** The label "where used" lists give a hit from the index: only the verdict is known, not the exact form. */
function hitOf(loc: SecretUsageLocation): ReferenceHit {
  const hit: ReferenceHit = { line: loc.range.start.line, column: loc.range.start.character, substituted: loc.substituted };
  if (loc.key) hit.key = loc.key;
  return hit;
}

/**
 * The index's locations as files with their hits, sorted by path then position.
 * @param relativePath how a URI is shown (the workspace-relative path)
 */
export function filesFromLocations(locations: readonly SecretUsageLocation[], relativePath: (uri: string) => string): FileUsage[] {
  const byUri = new Map<string, FileUsage>();
  for (const loc of locations) {
    let file = byUri.get(loc.uri);
    if (!file) byUri.set(loc.uri, (file = { path: relativePath(loc.uri), uri: loc.uri, hits: [] }));
    file.hits.push(hitOf(loc));
  }
  const files = [...byUri.values()];
  for (const file of files) file.hits.sort((a, b) => a.line - b.line || a.column - b.column);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** One text replacement of a rename, in a document. */
export interface RenameReplacement {
  uri: string;
  range: ProtocolRange;
  newText: string;
}

/**
 * The replacements of a `runpod/renameSecret` answer (an LSP WorkspaceEdit with `changes` or text
 * `documentChanges`). `null` when the server says the rename is not possible; `undefined` when the
 * answer is malformed or holds anything but text edits (a file create, rename or delete is never
 * part of renaming a secret and is refused, not applied), or, given `to`, an edit whose text does
 * not write the new name on one line (whatever the server sends, a rename writes only the name).
 */
export function parseRenameEdit(raw: unknown, to?: string): RenameReplacement[] | null | undefined {
  if (raw === null) return null;
  if (!isObject(raw)) return undefined;
  const out: RenameReplacement[] = [];
  const take = (uri: unknown, edits: unknown): boolean => {
    if (typeof uri !== 'string' || uri.length > MAX_URI_LENGTH || !Array.isArray(edits)) return false;
    for (const edit of edits) {
      const r = isObject(edit) ? range(edit['range']) : undefined;
      const newText = isObject(edit) ? edit['newText'] : undefined;
      // A rename replaces a name within one line: a range over several lines is no rename.
      if (!r || r.start.line !== r.end.line || typeof newText !== 'string' || newText.length > 1024) return false;
      if (to !== undefined && (!newText.includes(to) || /[\r\n]/.test(newText))) return false;
      if (out.length >= MAX_RENAME_EDITS) return false;
      out.push({ uri, range: r, newText });
    }
    return true;
  };
  if (raw['changes'] !== undefined) {
    if (!isObject(raw['changes'])) return undefined;
    for (const [uri, edits] of Object.entries(raw['changes'])) if (!take(uri, edits)) return undefined;
  }
  if (raw['documentChanges'] !== undefined) {
    if (!Array.isArray(raw['documentChanges'])) return undefined;
    for (const change of raw['documentChanges']) {
      if (!isObject(change) || 'kind' in change || !isObject(change['textDocument'])) return undefined;
      if (!take(change['textDocument']['uri'], change['edits'])) return undefined;
    }
  }
  return out;
}

/**
 * A running server that did not answer an index request within its time limit: in a fresh window
 * it answers once its first index of the workspace is built, so it is not "not running".
 */
export class IndexTimeoutError extends Error {
  constructor(
    method: string,
    readonly seconds: number,
  ) {
    super(`The RunPod language server did not answer ${method} within ${seconds} s.`);
    this.name = 'IndexTimeoutError';
  }
}

/** Why the index could not answer, in a few words for a tree or a dialog. */
export function indexUnavailableReason(error: unknown): string {
  if (error instanceof IndexTimeoutError) return `the language server did not answer within ${error.seconds} s (still indexing the workspace?)`;
  const code = isObject(error) ? error['code'] : undefined;
  // -32601 MethodNotFound: a server without the workspace index (an older one, or another editor's).
  if (code === -32601) return 'the language server does not index the workspace';
  return 'the language server is not running';
}
