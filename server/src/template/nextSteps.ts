/**
 * The commands the core's messages name as the next step. A diagnostic's message reaches the editor
 * and `runpod-check check` alike, so a step is said for both when they differ; the palette titles
 * are package.json's category and title (a test holds them equal).
 */

/**
 * Where a message is read: the editor (its settings and commands) or the command line (runpod-check's
 * flags): a next step is said in the reader's terms.
 */
export type Surface = 'editor' | 'cli';

/** Create Secret as the command palette lists it. */
export const CREATE_SECRET_PALETTE = 'RunPod: Create Secret...';

/** Rotate Secret as the command palette lists it. */
export const ROTATE_SECRET_PALETTE = 'RunPod: Rotate Secret...';

/** The command line that creates secret `name` (NAME as a placeholder in a general step). */
export function createSecretCli(name: string): string {
  return `runpod-check secrets create ${name}`;
}

/**
 * "Create it" for a secret the list lacks, in the editor's and the command line's terms.
 * @param name a valid secret name (letters, digits, `_ . - /`: safe to type unquoted in a shell)
 */
export function createSecretStep(name: string): string {
  return `Create it (${CREATE_SECRET_PALETTE} in the editor, \`${createSecretCli(name)}\` on the command line).`;
}
