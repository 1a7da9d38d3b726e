/**
 * The most files read from disk into the index; a workspace past it is indexed in part, and says
 * so. Its own module: the extension bounds what it reads of an answer over the index by it.
 */
import { grouped } from '../template/counts';
import type { Surface } from '../template/nextSteps';

export const MAX_INDEXED_FILES = 20_000;

/**
 * The first fix of every bound of the walk, in the editor and on the command line (runpod-check's
 * depth note, discover.ts): the walk lists every folder `.gitignore` does not skip, whatever picks
 * the RunPod files among them, named as the reader can change it: the editor's `runpod.files`
 * setting, runpod-check's `--files` flag (the command line has no settings). Ends without a full
 * stop, as {@link INDEX_LIMIT_REMEDY}.
 */
export function gitignoreRemedy(surface: Surface): string {
  const [walker, picker] = surface === 'cli' ? ['runpod-check', '--files'] : ['the index', 'runpod.files'];
  return `Add generated folders to .gitignore (${walker} walks every folder .gitignore does not skip, whatever ${picker} says)`;
}

/**
 * What clears a bound of the index (the gap `limit`), said after it in the editor (a rename's note,
 * the server's warnings): {@link gitignoreRemedy}, then the editor's own fixes; narrowing
 * `runpod.files` helps only the file cap. Ends without a full stop: each place goes on or ends its sentence.
 */
export const INDEX_LIMIT_REMEDY = `${gitignoreRemedy('editor')}, narrow runpod.files if more than ${grouped(MAX_INDEXED_FILES)} files match it, or open a smaller folder`;

/**
 * What brings a folder's settings back when the client could not answer for them (the gap
 * `settings`), said by every place that says the gap (the server's warning, the extension's
 * tooltip, View, Delete and rename): a change of a RunPod setting (the section the client syncs:
 * languageClient.ts) walks the index, and every walk asks the client again (indexer.ts settingsOf);
 * reloading the window restarts the server, which asks at once. It names its subject: it follows
 * "there may be more files" or "files its settings name", where a bare "They" reads as the files.
 * The command as the palette lists it. Ends without a full stop, as {@link INDEX_LIMIT_REMEDY}.
 */
export const SETTINGS_GAP_REMEDY = 'The settings are asked for again when a RunPod setting changes; Developer: Reload Window asks now';
