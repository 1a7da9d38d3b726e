/**
 * The JSON and TOML parsers recurse once per nesting level, so a file nested thousands of levels
 * deep overflows the stack (a RangeError). The readers catch that and report this one problem
 * instead of letting the exception end the analysis (the command line's whole run, the editor's
 * diagnostics of the file).
 */
import type { Problem } from '../types';
import { DEFAULT_SEVERITY } from '../types';

/**
 * The syntax error of a document nested too deeply to parse; at its start, as where the parser
 * gave up is not known.
 */
export function tooDeep(text: string, language: 'JSON' | 'TOML'): Problem {
  return {
    code: 'syntax-error',
    span: { start: 0, end: Math.min(1, text.length) },
    message: `The ${language} is nested too deeply to read to its end. References in the parts that can be read are still checked.`,
    severity: DEFAULT_SEVERITY['syntax-error'],
  };
}
