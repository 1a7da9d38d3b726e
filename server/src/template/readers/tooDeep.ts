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

/** Containers nested deeper than this stop a reader: no template needs it, and the parsers recurse per level. */
export const MAX_NESTING = 1000;

/** What a file nested past {@link MAX_NESTING} is told, in the editor, by `check` and by the launch flows alike. */
export function nestedTooDeeply(language: 'JSON' | 'TOML'): string {
  const containers = language === 'JSON' ? 'arrays and objects' : 'arrays and inline tables';
  return `The ${language} is nested too deeply to read (${containers} more than ${MAX_NESTING} levels inside each other)`;
}

/** The syntax error of a JSON document nested too deeply, at the first container past the bound (`offset`). */
export function tooDeep(text: string, offset: number): Problem {
  const start = Math.min(offset, text.length);
  return {
    code: 'syntax-error',
    span: { start, end: Math.min(start + 1, text.length) },
    message: `${nestedTooDeeply('JSON')}. References in the parts that can be read are still checked.`,
    severity: DEFAULT_SEVERITY['syntax-error'],
  };
}
