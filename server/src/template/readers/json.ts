/**
 * Reader for `*.runpod.json`: a RunPod v2 template or Pod request body kept as JSON, whose `env`
 * is an object from variable name to string value. Every string property of the top-level `env`
 * object is a variable (property names are the keys, so a JSON duplicate property is a duplicate
 * key; a repeated `env` is read as JSON readers read it, the last one only). Other values (numbers, nested objects) are the JSON schema's business, not ours.
 */
import type { EnvVariable } from '../types';
import type { ReadResult } from './env';
import { jsonStringVariable, StopWalk, stringContentSpan, walkJson } from './jsonWalk';
import { LastProperty } from './lastProperty';

/**
 * Reads the `env` object of a template or Pod body.
 * @returns variables in document order and at most one `syntax-error` (the parse always completes)
 */
export function readRunpodJson(text: string, end = text.length, maxEntries = Infinity): ReadResult {
  const variables: EnvVariable[] = [];
  let stoppedAt: number | undefined;
  // A repeated `env`: only the last is read (lastProperty.ts).
  const env = new LastProperty('env', 'its variables');
  const problems = walkJson(text, {
    property(path) {
      if (path.depth === 1 && !path.isArray[1] && path.prop[1] === 'env') env.occurs(text, path.propOffset[1]!, path.propLength[1]!, variables);
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
  const repeat = env.problem();
  if (repeat) problems.push(repeat);
  return stoppedAt === undefined ? { variables, problems } : { variables, problems, stoppedAt, countReached: true };
}
