/**
 * A small strict reader for the part of `~/.runpod/config.toml` that holds API keys, shared by the
 * editor's "Import Key from RunPod CLI Config" and the command line (`--profile`, `--account`):
 * runpodctl's top-level `apikey = "..."` and the Python SDK's tables, `[default]` or `[name]`,
 * each with `api_key = "..."`.
 *
 * The subset: blank lines, `#` comments, `[name]` headers (a bare name), and `key = value` lines
 * whose value is a one-line string ("basic" with escapes, or 'literal'), or a plain scalar (number,
 * boolean, date) for keys other than ours. Strict where a wrong guess would cost: at anything it
 * cannot follow (a multi-line string or array, an inline table, a line that is none of the above)
 * it stops and reads no further, because what follows could be misread (a `[prod]` inside a
 * multi-line string is not a table). Keys under a header it refuses (`[a.b]`, `[[x]]`, a table
 * defined twice) belong to no profile. A key set twice is unusable: which one was meant is unknown.
 *
 * Pure: text in, data out. Problems name a line and what is wrong, never the text of the line.
 */
import { readApiKey } from './keyRules';

/** The key of a profile or runpodctl's, where it was read. `value` is undefined when it is unusable. */
export interface ConfigKey {
  /** 1-based line. */
  line: number;
  value: string | undefined;
  /** Why `value` is missing: not a string, characters no key has, or set twice. */
  unusable?: 'not-a-string' | 'malformed' | 'set-twice';
}

/** One `[name]` table. */
export interface ConfigProfile {
  name: string;
  line: number;
  apiKey?: ConfigKey;
}

export interface RunpodCliConfig {
  /** runpodctl's `apikey` before any table. */
  topLevel?: ConfigKey;
  profiles: ConfigProfile[];
  /** What was refused or not read, by line; never the line's text. */
  problems: { line: number; message: string }[];
}

/** runpodctl's key (before any table) and the Python SDK's (in each table). */
export const TOP_LEVEL_KEY = 'apikey';
export const PROFILE_KEY = 'api_key';

const STOPPED = 'the rest of the file was not read';

function isBareChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;
}

/** Whether `text` can name a table this reader takes (`[name]`: a bare key, letters, digits, `-` and `_`): what `--profile` may name. */
export function isProfileName(text: string): boolean {
  return text.length > 0 && bareEnd(text, 0) === text.length;
}

function skipBlanks(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function bareEnd(text: string, i: number): number {
  while (i < text.length && isBareChar(text.charCodeAt(i))) i++;
  return i;
}

/** True when only blanks and an optional comment remain from `i`. */
function restIsEmpty(text: string, i: number): boolean {
  const j = skipBlanks(text, i);
  return j === text.length || text[j] === '#';
}

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

/** A one-line string starting at `i` (a quote); its value and where it ends, or undefined. */
function readString(line: string, i: number): { value: string; end: number } | undefined {
  const quote = line[i];
  let value = '';
  let k = i + 1;
  while (k < line.length) {
    const ch = line[k]!;
    if (ch === quote) return { value, end: k + 1 };
    if (quote === '"' && ch === '\\') {
      const e = line[k + 1];
      if (e !== undefined && e in ESCAPES) {
        value += ESCAPES[e];
        k += 2;
        continue;
      }
      const digits = e === 'u' ? 4 : e === 'U' ? 8 : 0;
      const hex = line.slice(k + 2, k + 2 + digits);
      if (digits === 0 || !/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== digits) return undefined;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
      value += String.fromCodePoint(code);
      k += 2 + digits;
      continue;
    }
    // TOML allows no control character but tab inside a one-line string.
    if (ch !== '\t' && (ch < ' ' || ch === '\x7f')) return undefined;
    value += ch;
    k++;
  }
  return undefined;
}

/** A plain scalar (number, boolean, date-time): one token of these characters. */
function scalarEnd(line: string, i: number): number {
  let k = i;
  while (k < line.length && /[A-Za-z0-9_.:+\-]/.test(line[k]!)) k++;
  return k;
}

/**
 * Reads the keys of a RunPod CLI config file.
 * @param text the file's content, already bounded by the caller
 */
export function parseRunpodConfig(text: string): RunpodCliConfig {
  const result: RunpodCliConfig = { profiles: [], problems: [] };
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  /** Where keys go now: the top level, a profile, or nowhere (under a refused header). */
  let current: { kind: 'top' } | { kind: 'profile'; profile: ConfigProfile } | { kind: 'none' } = { kind: 'top' };
  const problem = (line: number, message: string) => result.problems.push({ line, message });

  for (let n = 0; n < lines.length; n++) {
    const lineNo = n + 1;
    const line = lines[n]!.replace(/\r$/, '');
    const start = skipBlanks(line, 0);
    if (start === line.length || line[start] === '#') continue;

    if (line[start] === '[') {
      if (line[start + 1] === '[') {
        problem(lineNo, 'an array of tables ([[...]]) is not a profile; its keys are not used');
        current = { kind: 'none' };
        continue;
      }
      const nameStart = skipBlanks(line, start + 1);
      const nameEnd = bareEnd(line, nameStart);
      const close = skipBlanks(line, nameEnd);
      if (nameEnd === nameStart || line[close] !== ']' || !restIsEmpty(line, close + 1)) {
        problem(lineNo, 'a table header other than [name] (ASCII letters, digits, - and _); its keys are not used');
        current = { kind: 'none' };
        continue;
      }
      const name = line.slice(nameStart, nameEnd);
      if (result.profiles.some((p) => p.name === name)) {
        problem(lineNo, `table [${name}] is defined twice; the second one is not used`);
        current = { kind: 'none' };
        continue;
      }
      const profile: ConfigProfile = { name, line: lineNo };
      result.profiles.push(profile);
      current = { kind: 'profile', profile };
      continue;
    }

    const keyEnd = bareEnd(line, start);
    const eq = skipBlanks(line, keyEnd);
    if (keyEnd === start || line[eq] !== '=') {
      problem(lineNo, `not a key = value line (quoted and dotted keys are not read either); ${STOPPED}`);
      break;
    }
    const key = line.slice(start, keyEnd);
    const at = skipBlanks(line, eq + 1);
    const ours = current.kind === 'top' ? key === TOP_LEVEL_KEY : current.kind === 'profile' && key === PROFILE_KEY;

    let value: string | undefined;
    if (line[at] === '"' || line[at] === "'") {
      if (line.startsWith('"""', at) || line.startsWith("'''", at)) {
        problem(lineNo, `a multi-line string; ${STOPPED}`);
        break;
      }
      const read = readString(line, at);
      if (!read || !restIsEmpty(line, read.end)) {
        problem(lineNo, `a string that is not closed on its line, or text after it; ${STOPPED}`);
        break;
      }
      value = read.value;
    } else {
      const end = scalarEnd(line, at);
      if (end === at || !restIsEmpty(line, end)) {
        problem(lineNo, `a value other than a one-line string, number, boolean or date; ${STOPPED}`);
        break;
      }
    }
    if (!ours) continue;

    const read = value === undefined ? undefined : readApiKey(value);
    const found: ConfigKey =
      read === undefined
        ? { line: lineNo, value: undefined, unusable: 'not-a-string' }
        : !read.ok
          ? { line: lineNo, value: undefined, unusable: 'malformed' }
          : { line: lineNo, value: read.key };
    if (found.unusable === 'not-a-string') problem(lineNo, `${key} is not a string`);
    if (found.unusable === 'malformed') problem(lineNo, `${key} holds spaces or characters an API key never has`);
    const earlier = current.kind === 'top' ? result.topLevel : current.kind === 'profile' ? current.profile.apiKey : undefined;
    const settled: ConfigKey = earlier ? { line: earlier.line, value: undefined, unusable: 'set-twice' } : found;
    if (earlier) problem(lineNo, `${key} is set twice (also on line ${earlier.line}); neither is used`);
    if (current.kind === 'top') result.topLevel = settled;
    else if (current.kind === 'profile') current.profile.apiKey = settled;
  }
  return result;
}
