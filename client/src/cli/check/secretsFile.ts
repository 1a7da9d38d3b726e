/** `--secrets-file`: the account's secret names for offline checks, one per line. Pure. */
import { hasSecretNameCharsOnly } from '../../../../server/src/template/index';

/**
 * The largest `--secrets-file` read; a larger one is refused, never cut: a list cut short would turn
 * the secrets past the cut into unknown-secret errors. Names are at most 191 characters, so this
 * holds over 5,000 of the longest, far more secrets than an account keeps. Not the analysis limit:
 * this file is a list of names, not a file that is checked.
 */
export const MAX_SECRETS_FILE_BYTES = 1024 * 1024;

/**
 * Reads names, one per line; `#` starts a comment (names cannot contain `#`), blank lines are
 * skipped. Invalid lines are reported by line number only: a line could hold a value pasted by
 * mistake (`NAME=value`), which must never be echoed.
 */
export function parseSecretsFile(text: string): { names: string[]; invalidLines: number[] } {
  const names: string[] = [];
  const invalidLines: number[] = [];
  text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line.length === 0) return;
    // Names of existing secrets: one made before RunPod's name rule (`2fa_seed`) is still one.
    if (!hasSecretNameCharsOnly(line)) invalidLines.push(i + 1);
    else names.push(line);
  });
  return { names, invalidLines };
}
