/**
 * The one nesting rule of every reader of a template file: the JSON and TOML parsers recurse once
 * per nesting level, so a file nested thousands of levels deep overflows the stack (a RangeError).
 * The readers stop at {@link MAX_NESTING} and report this one problem instead of letting the
 * exception end the analysis (the command line's whole run, the editor's diagnostics of the file);
 * Launch Pod, Push Template and Deploy Endpoint refuse such a file with the same words
 * (client/src/launch/templateFile.ts, which asks jsonWalk.ts jsonTooDeepAt where).
 */
import type { Problem } from '../types';
import { DEFAULT_SEVERITY } from '../types';

/**
 * Containers nested deeper than this stop a reader: no template needs it, and the parsers recurse
 * per level. The two counts agree on what a user sees as levels of containers: in JSON the root
 * value is level 1 (jsonWalk.ts: a document of 1000 nested arrays reads, 1001 stops at the last);
 * in TOML the root table is no container of the count (depth 0), so a key's value of 1000 nested
 * arrays or inline tables reads, 1001 stops (toml.ts: `depth > MAX_NESTING` as each opens).
 */
export const MAX_NESTING = 1000;

/**
 * Why a reader stopped: past {@link MAX_NESTING} (`bound`), or the stack gave out before it
 * (`stack`: a smaller stack than the command line's, the extension host's), where no number of
 * levels can be claimed.
 */
export type TooDeepCause = 'bound' | 'stack';

/** What a file nested past {@link MAX_NESTING} is told, in the editor, by `check` and by the launch flows alike. */
export function nestedTooDeeply(language: 'JSON' | 'TOML', cause: TooDeepCause = 'bound'): string {
  if (cause === 'stack') return `The ${language} is nested too deeply to read`;
  const containers = language === 'JSON' ? 'arrays and objects' : 'arrays and inline tables';
  return `The ${language} is nested too deeply to read (${containers} more than ${MAX_NESTING} levels inside each other)`;
}

/** The syntax error of a JSON document nested too deeply, at the first container past the bound, or the last one opened when the stack gave out (`offset`). */
export function tooDeep(text: string, offset: number, cause: TooDeepCause = 'bound'): Problem {
  const start = Math.min(offset, text.length);
  return {
    code: 'syntax-error',
    span: { start, end: Math.min(start + 1, text.length) },
    message: `${nestedTooDeeply('JSON', cause)}. References in the parts that can be read are still checked.`,
    severity: DEFAULT_SEVERITY['syntax-error'],
  };
}
