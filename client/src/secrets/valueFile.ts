/**
 * A secret value read from a local file: the one chain behind the editor's "From file…" (a `file:`
 * URI) and `runpod-check --value-file`. The bounded read (cli/fileRead.ts readRegularFileAsync: a
 * regular file only, opened without blocking, at most SECRET_VALUE_FILE_MAX_BYTES + 1 bytes, on the
 * thread pool: the editor reads in the extension host, shared by every extension, which a read of
 * a slow or hung file must not stop), a refusal in
 * the value file's words (secretInputRules.ts valueFileRefusal), then the decode (secretInputRules.ts
 * decodeValueFile: names.ts valueFromFileBytes). The editor's remote route (workspace.fs) has its own
 * read but the same refusal and decode. Nothing returned holds the file's content but the value.
 */
import { SECRET_VALUE_FILE_MAX_BYTES } from '../../../server/src/template/names';
import { readRegularFileAsync, type FileRefusal } from '../cli/fileRead';
import { decodeValueFile, valueFileRefusal } from '../commands/secretInputRules';

/** The value, or why the file gives none (`refusal`: the reader refused the file itself, before any decode). */
export type ValueFileRead = { value: string } | { error: string; refusal?: FileRefusal };

/** The secret value the file at `path` holds, or why none (the caller adds the source: `key.pem: …`, `--value-file: …`). */
export async function readLocalValueFile(path: string): Promise<ValueFileRead> {
  const read = await readRegularFileAsync(path, SECRET_VALUE_FILE_MAX_BYTES);
  return read.ok ? decodeValueFile(read.bytes) : { error: valueFileRefusal(read), refusal: read.refusal };
}
