/**
 * Reader for `*.runpod.json`: a RunPod v2 template or Pod request body kept as JSON, whose `env`
 * is an object from variable name to string value. Every string property of the top-level `env`
 * object is a variable (property names are the keys, so a JSON duplicate property is a duplicate
 * key). Other values (numbers, nested objects) are the JSON schema's business, not ours.
 *
 * A top-level field written twice counts once, the last, as `JSON.parse` reads the file and as
 * RunPod receives it (launch/templateFile.ts sends the same): only the last `env` gives variables,
 * and a repeated field is one `duplicate-key` warning on its last occurrence (lastProperty.ts).
 */
import { keepingAll, type ReadInto, type VariableList } from './env';
import { jsonStringVariable, jsonVariables, StopWalk, stringContentEnd, stringContentStart, walkJson } from './jsonWalk';
import { LastProperty } from './lastProperty';

/**
 * Reads the `env` object of a template or Pod body.
 * @returns variables of the last `env` in document order, at most one `syntax-error` (the parse
 *   always completes), and one `duplicate-key` warning per top-level field written more than once
 */
export const readRunpodJson = keepingAll(readRunpodJsonInto);

/** {@link readRunpodJson}, handing the variables to `variables` as they are read. */
export function readRunpodJsonInto(text: string, variables: VariableList, end = text.length, maxEntries = Infinity): ReadInto {
  let stoppedAt: number | undefined;
  // Every top-level field, in first-occurrence order: a repeat of any is flagged, a repeated `env` also drops the earlier variables.
  const fields = new Map<string, LastProperty>();
  const made = jsonVariables(text);
  const problems = walkJson(text, {
    property(path) {
      if (path.depth !== 1 || path.isArray[1]) return;
      const name = path.prop[1]!;
      let field = fields.get(name);
      if (!field) fields.set(name, (field = name === 'env' ? new LastProperty(name, 'its variables are read') : new LastProperty(name)));
      field.occurs(text, path.propOffset[1]!, path.propLength[1]!, name === 'env' ? variables : undefined);
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
      const keyLength = path.propLength[2]!;
      variables.push(jsonStringVariable(made, key, stringContentStart(text, keyOffset), stringContentEnd(text, keyOffset, keyLength), value, offset, length, keyOffset, offset + length));
    },
  }, end);
  for (const field of fields.values()) {
    const repeat = field.problem();
    if (repeat) problems.push(repeat);
  }
  return stoppedAt === undefined ? { problems } : { problems, stoppedAt, countReached: true };
}
