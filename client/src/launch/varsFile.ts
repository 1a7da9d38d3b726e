/**
 * An env file as Launch Pod, Push Template, Deploy and Update Endpoint send it, in the editor and
 * on the command line alike: the core's readVarsText decides whether it can be sent; this says
 * why not in one sentence, by line, in the editor's diagnostic words. Never the file's text: a
 * line that fails may hold a value (a token pasted without `KEY=`).
 */
import { textPositions } from '../../../server/src/lsp/positions';
import { readVarsText } from '../../../server/src/template/index';
import type { Env } from './plan';

/** How many problems one refusal lists; the rest are counted. */
const LISTED = 5;

/**
 * The env `text` sends (the last definition of a key winning), or why it cannot be sent:
 * `line 2: Missing variable name before \`=\`.; line 3: …; and 4 more`, and where the first problem is.
 */
export function varsFromText(text: string): { ok: true; env: Env } | { ok: false; message: string; offset: number } {
  const read = readVarsText(text);
  if (read.ok) return read;
  const at = textPositions(text);
  const listed = read.problems.slice(0, LISTED).map((p) => `line ${at(p.span.start).line + 1}: ${p.message}`);
  const more = read.problems.length - listed.length;
  return { ok: false, message: `${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`, offset: read.problems[0]!.span.start };
}
