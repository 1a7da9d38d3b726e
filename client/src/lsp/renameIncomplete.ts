/**
 * What a rename may not have reached (`incomplete` in the answers of `runpod/renameSecret` and
 * `runpod/renameLeftOut`), read from the server's answer and said with what to do next, for Rename
 * Secret's confirmation and report and F2's note. A user who believes every reference moved
 * deletes the old secret, and the Pod boots with the placeholder text: so an `incomplete` the
 * client cannot read is still said (fail closed), never dropped.
 */
import { INDEX_LIMIT_REMEDY, MAX_INDEXED_FILES } from '../../../server/src/index/limits';
import type { RenameIncomplete, RenameNotWhole } from '../../../server/src/protocol';
import { noticePath } from '../ui/plainName';
import { indexGapSentence, isIndexGap } from '../secrets/indexGap';

/** The most files a sentence names; the rest are counted. */
const MAX_NAMED = 5;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `incomplete` of a rename answer: undefined when absent (the rename is whole); `{}` when
 * present but unreadable (said all the same).
 */
export function renameIncomplete(raw: unknown): RenameIncomplete | undefined {
  const incomplete = isObject(raw) ? raw['incomplete'] : undefined;
  if (incomplete === undefined) return undefined;
  if (!isObject(incomplete)) return {};
  const out: RenameIncomplete = {};
  const index = incomplete['index'];
  if (isIndexGap(index)) out.index = index;
  const files: RenameNotWhole[] = [];
  const list = incomplete['files'];
  for (const item of Array.isArray(list) ? list.slice(0, MAX_INDEXED_FILES) : []) {
    if (!isObject(item) || typeof item['uri'] !== 'string') continue;
    const why = item['why'];
    files.push({ uri: item['uri'], why: why === 'too-large' || why === 'undecodable-name' ? why : 'unreadable' });
  }
  if (files.length) out.files = files;
  return out;
}

/**
 * A file's name for a dialog or a notification: the path's display rule (a line break escaped, not
 * a new line), no link a notification would render, clipped. A label that fails (a URI the editor
 * cannot parse) shows the URI: the note never costs the rename.
 */
function shown(uri: string, label: (uri: string) => string): string {
  let text: string;
  try {
    text = label(uri);
  } catch {
    text = uri;
  }
  // The server's answer is bounded here (noticePath clips), not trusted to be short.
  return noticePath(text);
}

/**
 * Why a file was not renamed whole: the server's reasons, and the client's own (`changed`: the file
 * no longer held a reference where the server's edit put it, so that part of the edit was not applied).
 */
export type NotWholeWhy = RenameNotWhole['why'] | 'changed';

const WHY: Record<NotWholeWhy, string> = {
  'too-large': 'too large to read whole: references past its start were not renamed',
  unreadable: 'could not be read: left as it is',
  // The folder named is the one holding the odd name: the fix is that name, not the folder's.
  'undecodable-name': 'holds a file or folder whose name is not UTF-8, which the language server cannot decode: give it a UTF-8 name so its files are read',
  changed: 'changed after the rename was prepared: left as it is',
};

/**
 * What the rename may not have reached and what to do, in a few sentences.
 * @param label how a file is named (its path in the workspace); the display rule is applied here
 * @param again what running the rename again means for the caller ("rename again")
 */
export function incompleteSentence(incomplete: Omit<RenameIncomplete, 'files'> & { files?: readonly { uri: string; why: NotWholeWhy }[] }, label: (uri: string) => string, again: string): string {
  const parts: string[] = [];
  if (incomplete.index === 'indexing') parts.push(`${indexGapSentence('indexing')} Wait until it is built, then ${again}.`);
  if (incomplete.index === 'limit') parts.push(`${indexGapSentence('limit')} ${INDEX_LIMIT_REMEDY}, then ${again}.`);
  // The sentence says its remedy (limits.ts SETTINGS_GAP_REMEDY): the rename adds only what follows.
  if (incomplete.index === 'settings') parts.push(`${indexGapSentence('settings')} Then ${again}.`);
  const files = incomplete.files ?? [];
  if (files.length) {
    const named = files.slice(0, MAX_NAMED).map((f) => `${shown(f.uri, label)} (${WHY[f.why]})`);
    const more = files.length > MAX_NAMED ? ` and ${files.length - MAX_NAMED} more` : '';
    parts.push(`Not renamed whole: ${named.join(', ')}${more}. Rename the references in ${files.length === 1 ? 'it' : 'them'} yourself.`);
  }
  if (parts.length === 0) parts.push(`The language server says this rename may not reach every reference. Check the workspace files, then ${again}.`);
  return parts.join(' ');
}
