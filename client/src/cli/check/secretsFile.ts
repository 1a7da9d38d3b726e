/** `--secrets-file`: the account's secret names for offline checks, one per line. Pure. */
import { validateSecretName } from '../../../../server/src/template/index';

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
    if (validateSecretName(line)) invalidLines.push(i + 1);
    else names.push(line);
  });
  return { names, invalidLines };
}
