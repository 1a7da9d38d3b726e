/**
 * Reader for `*.runpod.json`: a RunPod v2 template or Pod request body kept as JSON, whose `env`
 * is an object from variable name to string value. Every string property of the top-level `env`
 * object is a variable (property names are the keys, so a JSON duplicate property is a duplicate
 * key). Other values (numbers, nested objects) are the JSON schema's business, not ours.
 *
 * A top-level field written twice counts once, the last, as `JSON.parse` reads the file and as
 * RunPod receives it (launch/templateFile.ts sends the same): only the last `env` gives variables,
 * and each earlier one is a `duplicate-key` warning saying it is not sent.
 */
import type { EnvVariable, Problem } from '../types';
import type { ReadResult } from './env';
import { jsonStringVariable, StopWalk, stringContentSpan, walkJson } from './jsonWalk';
import { quotedKey } from '../rules/keys';

/**
 * Reads the `env` object of a template or Pod body.
 * @returns variables of the last `env` in document order, at most one `syntax-error` (the parse
 *   always completes), and a `duplicate-key` warning on each top-level field written again later
 */
export function readRunpodJson(text: string, end = text.length, maxEntries = Infinity): ReadResult {
  let variables: EnvVariable[] = [];
  let stoppedAt: number | undefined;
  /** The last name token of each top-level field so far, and the earlier ones a later one overrides. */
  const fields = new Map<string, { start: number; end: number }>();
  const overridden: { name: string; span: { start: number; end: number } }[] = [];
  const problems = walkJson(text, {
    property(path) {
      if (path.depth !== 1 || path.isArray[1]) return;
      const name = path.prop[1]!;
      const span = stringContentSpan(text, path.propOffset[1]!, path.propLength[1]!);
      const earlier = fields.get(name);
      if (earlier) overridden.push({ name, span: earlier });
      fields.set(name, span);
      // A later `env` replaces the earlier one whole, as in JSON.parse: its variables are not sent.
      if (name === 'env' && earlier) variables = [];
    },
    string(path, value, offset, length) {
      // Depth 2: a property of the object that is the root's `env` property.
      if (path.depth !== 2 || path.isArray[1] || path.isArray[2] || path.prop[1] !== 'env') return;
      const key = path.prop[2];
      if (key === undefined) return;
      const keyOffset = path.propOffset[2]!;
      // Each env key is an entry: past the count, stop at the key of the first one not read.
      if (variables.length >= maxEntries) {
        stoppedAt = keyOffset;
        throw new StopWalk();
      }
      const keySpan = stringContentSpan(text, keyOffset, path.propLength[2]!);
      variables.push(jsonStringVariable(text, key, keySpan.start, keySpan.end, value, offset, length, keyOffset, offset + length));
    },
  }, end);
  for (const o of overridden) problems.push(overriddenField(o.name, o.span, fields.get(o.name)!));
  return stoppedAt === undefined ? { variables, problems } : { variables, problems, stoppedAt, countReached: true };
}

/** The warning on a top-level field written again later: the duplicate-key code, pointing at the one that counts. */
function overriddenField(name: string, span: { start: number; end: number }, last: { start: number; end: number }): Problem {
  const shown = quotedKey(name);
  return {
    code: 'duplicate-key',
    span,
    message: `${shown ?? 'This field'} is defined again later in this file; only the last one reaches RunPod, so this one is not sent.`,
    severity: 'warning',
    related: [{ span: last, message: `The definition that is sent${shown ? ` (${shown})` : ''}` }],
  };
}

