/**
 * Readers for the RunPod Hub files: `.runpod/hub.json` and `.runpod/tests.json`. Both keep env as
 * `config.env`, an array of entries `{ "key": "NAME", "value": "..." }`; hub.json entries may
 * instead ask the user with `{ "key": "NAME", "input": { ..., "default": "..." } }`. The string in
 * `value` (and in hub.json `input.default`) is the variable's value; entries may list their fields
 * in any order, so each entry is collected and emitted when its object closes. A hub.json entry with
 * an `input` and no default is a required input: the deployer types its value, so the key is
 * defined (ReadResult.inputKeys) with no variable for the value rules.
 */
import { KeyOffsets } from '../keyOffsets';
import type { KeyList } from '../rules/keys';
import type { InputKey } from '../types';
import { keepingAll, type ReadInto, type VariableList } from './env';
import { jsonStringVariable, jsonVariables, StopWalk, stringContentEnd, stringContentStart, walkJson, type JsonPath } from './jsonWalk';
import { LastProperty } from './lastProperty';

/**
 * The env entry being read. Entries do not nest, so one is reused for all of them, its places kept
 * as numbers: an object per entry, per key span and per string token was about a quarter of what
 * reading a 100,000-entry hub.json allocated (13 of 55 MB), and its scavenges grew faster than the
 * file (December 2026).
 */
class EntryBeingRead {
  open = false;
  start = 0;
  key: string | undefined = undefined;
  keyStart = 0;
  keyEnd = 0;
  value: string | undefined = undefined;
  valueOffset = 0;
  valueLength = 0;
  inputDefault: string | undefined = undefined;
  defaultOffset = 0;
  defaultLength = 0;
  /** Holds an `input` object (hub.json only). */
  input = false;

  begin(start: number): void {
    this.open = true;
    this.start = start;
    this.key = this.value = this.inputDefault = undefined;
    this.input = false;
  }
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
  // Kept as offsets while the walk goes on: an input key is alive until the end of the reading, so
  // as objects they were what young collections copied and promoted (about 450 KB a collection at
  // 100,000 entries, a fifth of them inputs).
  const inputKeys = new KeyOffsets();
  const made = jsonVariables(text);
  const entry = new EntryBeingRead();
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
      if (isEnvEntry(path)) entry.begin(offset);
      else if (withInputs && entry.open && path.depth === 5 && !path.isArray[4] && path.prop[4] === 'input') entry.input = true;
    },
    objectEnd(path, end) {
      if (path.depth !== 4 || !entry.open || !isEnvEntry(path)) return;
      entry.open = false;
      const { key, keyStart, keyEnd, value, inputDefault, input, start } = entry;
      // An entry with neither `value` nor a default has no value to check; a required input still defines its key.
      if (key === undefined || (value === undefined && inputDefault === undefined && !input)) return;
      // Each entry read is an entry of the count: past it, stop at the first one not read.
      if (variables.length + inputKeys.length >= maxEntries) {
        stoppedAt = start;
        throw new StopWalk();
      }
      const parsed = value ?? inputDefault;
      if (parsed === undefined) return inputKeys.pushKey(key, keyStart, keyEnd, text);
      // `value` wins over an input's default.
      const offset = value !== undefined ? entry.valueOffset : entry.defaultOffset;
      const length = value !== undefined ? entry.valueLength : entry.defaultLength;
      variables.push(jsonStringVariable(made, key, keyStart, keyEnd, parsed, offset, length, Math.min(keyStart, offset), end));
    },
    string(path, parsed, offset, length) {
      if (!entry.open) return;
      if (path.depth === 4) {
        const prop = path.prop[4];
        if (prop === 'key') {
          entry.key = parsed;
          entry.keyStart = stringContentStart(text, offset);
          entry.keyEnd = stringContentEnd(text, offset, length);
        } else if (prop === 'value') {
          entry.value = parsed;
          entry.valueOffset = offset;
          entry.valueLength = length;
        }
      } else if (withInputs && path.depth === 5 && !path.isArray[5] && path.prop[4] === 'input' && path.prop[5] === 'default') {
        entry.inputDefault = parsed;
        entry.defaultOffset = offset;
        entry.defaultLength = length;
      }
    },
  }, end);
  for (const repeat of [config.problem(), env.problem()]) if (repeat) problems.push(repeat);
  // Entries are emitted at their end, whatever the order of "key", "value" and "input" in each: as
  // entries do not overlap, their values are in document order without a sort (whose comparator
  // built two span objects per comparison: 6 of 68 MB allocated per read of 100,000 entries).
  const read: ReadInto = stoppedAt === undefined ? { problems } : { problems, stoppedAt, countReached: true };
  if (inputKeys.length > 0) read.inputKeys = inputKeysOf(inputKeys.list(text));
  return read;
}

function inputKeysOf(keys: KeyList): InputKey[] {
  const out: InputKey[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) out[i] = { key: keys.key(i), keySpan: keys.keySpan(i) };
  return out;
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
