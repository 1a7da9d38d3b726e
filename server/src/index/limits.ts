/**
 * The most files read from disk into the index; a workspace past it is indexed in part, and says
 * so. Its own module: the extension bounds what it reads of an answer over the index by it.
 */
export const MAX_INDEXED_FILES = 20_000;
