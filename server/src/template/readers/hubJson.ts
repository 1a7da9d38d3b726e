/**
 * Readers for the RunPod Hub files: `.runpod/hub.json` and `.runpod/tests.json`. Both keep env as
 * `config.env`, an array of entries `{ "key": "NAME", "value": "..." }`; hub.json entries may
 * instead ask the user with `{ "key": "NAME", "input": { ..., "default": "..." } }`. The string in
 * `value` (and in hub.json `input.default`) is the variable's value; entries may list their fields
 * in any order, so each entry is collected and emitted when its object closes. A hub.json entry with
 * an `input` and no default is a required input: the deployer types its value, so the key is
 * defined (ReadResult.inputKeys) with no variable for the value rules.
 */
import type { InputKey, Span } from '../types';
import { keepingAll, type ReadInto, type VariableList } from './env';
import { jsonStringVariable, jsonVariables, StopWalk, stringContentSpan, walkJson, type JsonPath } from './jsonWalk';
import { LastProperty } from './lastProperty';

interface StringToken {
  parsed: string;
  offset: number;
  length: number;
}

interface Entry {
  start: number;
  key?: { value: string; span: Span };
  value?: StringToken;
  inputDefault?: StringToken;
  /** Holds an `input` object (hub.json only). */
  input?: true;
}

/** True when the object at depth 4 is an element of the root's `config.env` array. */
function isEnvEntry(path: JsonPath): boolean {
  return (
    path.depth === 4 &&
    !path.isArray[1] &&
    path.prop[1] === 'config' &&
    !path.isArray[2] &&
    path.prop[2] === 'env' &&
    path.isArray[3] === true &&
    !path.isArray[4]
  );
}

/** True when the object at depth 2 is the root's `config`. */
function isConfig(path: JsonPath): boolean {
  return path.depth === 2 && !path.isArray[1] && path.prop[1] === 'config';
}

function readEnvEntries(text: string, variables: VariableList, withInputs: boolean, end: number, maxEntries: number): ReadInto {
  const inputKeys: InputKey[] = [];
  const made = jsonVariables(text);
  let entry: Entry | undefined;
  let stoppedAt: number | undefined;
  // A repeated `config`, or `env` in it: only the last is read (lastProperty.ts).
  const config = new LastProperty('config', 'its env is read');
  const env = new LastProperty('env', 'its entries are read');
  const problems = walkJson(text, {
    property(path) {
      if (path.depth === 1 && !path.isArray[1] && path.prop[1] === 'config') {
        config.occurs(text, path.propOffset[1]!, path.propLength[1]!, variables);
        env.reset();
      } else if (isConfig(path) && path.prop[2] === 'env') {
        env.occurs(text, path.propOffset[2]!, path.propLength[2]!, variables);
      }
    },
    objectBegin(path, offset) {
      if (isEnvEntry(path)) entry = { start: offset };
      else if (withInputs && entry && path.depth === 5 && !path.isArray[4] && path.prop[4] === 'input') entry.input = true;
    },
    objectEnd(path, end) {
      if (path.depth !== 4 || !entry || !isEnvEntry(path)) return;
      const { key, value, inputDefault, input, start } = entry;
      entry = undefined;
      // An entry with neither `value` nor a default has no value to check; a required input still defines its key.
      const token = value ?? inputDefault;
      if (!key || (!token && !input)) return;
      // Each entry read is an entry of the count: past it, stop at the first one not read.
      if (variables.length + inputKeys.length >= maxEntries) {
        stoppedAt = start;
        throw new StopWalk();
      }
      if (!token) inputKeys.push({ key: key.value, keySpan: key.span });
      else variables.push(jsonStringVariable(made, key.value, key.span.start, key.span.end, token.parsed, token.offset, token.length, Math.min(key.span.start, token.offset), end));
    },
    string(path, parsed, offset, length) {
      if (!entry) return;
      if (path.depth === 4) {
        const prop = path.prop[4];
        if (prop === 'key') entry.key = { value: parsed, span: stringContentSpan(text, offset, length) };
        else if (prop === 'value') entry.value = { parsed, offset, length };
      } else if (withInputs && path.depth === 5 && !path.isArray[5] && path.prop[4] === 'input' && path.prop[5] === 'default') {
        entry.inputDefault = { parsed, offset, length };
      }
    },
  }, end);
  for (const repeat of [config.problem(), env.problem()]) if (repeat) problems.push(repeat);
  // Entries are emitted at their end, whatever the order of "key", "value" and "input" in each: as
  // entries do not overlap, their values are in document order without a sort (whose comparator
  // built two span objects per comparison: 6 of 68 MB allocated per read of 100,000 entries).
  const read: ReadInto = stoppedAt === undefined ? { problems } : { problems, stoppedAt, countReached: true };
  if (inputKeys.length > 0) read.inputKeys = inputKeys;
  return read;
}

/** Reads `config.env[].value` and `config.env[].input.default` of a `.runpod/hub.json`. */
export const readHubJson = keepingAll(readHubJsonInto);

/** {@link readHubJson}, handing the variables to `variables` as they are read. */
export function readHubJsonInto(text: string, variables: VariableList, end = text.length, maxEntries = Infinity): ReadInto {
  return readEnvEntries(text, variables, true, end, maxEntries);
}

/** Reads `config.env[].value` of a `.runpod/tests.json`. */
export const readTestsJson = keepingAll(readTestsJsonInto);

/** {@link readTestsJson}, handing the variables to `variables` as they are read. */
export function readTestsJsonInto(text: string, variables: VariableList, end = text.length, maxEntries = Infinity): ReadInto {
  return readEnvEntries(text, variables, false, end, maxEntries);
}
