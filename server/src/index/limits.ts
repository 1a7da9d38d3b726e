/**
 * The most files read from disk into the index; a workspace past it is indexed in part, and says
 * so. Its own module: the extension bounds what it reads of an answer over the index by it.
 */
import { grouped } from '../template/counts';

export const MAX_INDEXED_FILES = 20_000;

/**
 * What clears a bound of the index (the gap `limit`), said after it (a rename's note, the server's
 * warnings): the walk lists every folder `.gitignore` does not skip, whatever `runpod.files`
 * matches, so narrowing `runpod.files` helps only the file cap. Ends without a full stop: each
 * place goes on or ends its sentence.
 */
export const INDEX_LIMIT_REMEDY = `Add generated folders to .gitignore (the index walks every folder .gitignore does not skip, whatever runpod.files says), narrow runpod.files if more than ${grouped(MAX_INDEXED_FILES)} files match it, or open a smaller folder`;
