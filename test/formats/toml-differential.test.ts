/**
 * Our runpod.toml reader (server/src/template/readers/toml.ts) against toml-eslint-parser, the
 * parser it replaced, as an independent oracle: on random documents built from the lines people
 * write (and get wrong), both must accept the same documents, and on accepted ones read the same
 * `[project.env_vars]` strings, with the same keys and key spans.
 */
import fc from 'fast-check';
import { parseTOML } from 'toml-eslint-parser';
import { describe, expect, it } from 'vitest';
import { readRunpodToml } from '../../server/src/template/readers/toml';

/**
 * RunPod's readers of runpod.toml read TOML 1.0 (runpodctl: go-toml v1.9.5; runpod-python: tomlkit), and
 * so does the reader: no trailing comma or line break inside an inline table, no `\\e` or `\\xHH`
 * escape, no time without seconds. toml-eslint-parser reads TOML 1.1 unless told.
 */
const TOML_1_0 = { tomlVersion: '1.0.0' } as const;

/** Minimal view of toml-eslint-parser's AST. */
interface Node {
  type: string;
  range: [number, number];
  name?: string;
  value?: unknown;
  kind?: string;
  keys?: Node[];
  key?: Node;
  body?: Node[];
  resolvedKey?: (string | number)[];
}

const keyName = (k: Node): string => (k.type === 'TOMLBare' ? (k.name ?? '') : String(k.value ?? ''));
const keySpan = (k: Node): [number, number] => (k.type === 'TOMLQuoted' ? [k.range[0] + 1, k.range[1] - 1] : k.range);

/** The `[project.env_vars]` strings as the old AST-based reader found them. */
function oracle(text: string): { key: string; keySpan: [number, number]; value: string }[] {
  const out: { key: string; keySpan: [number, number]; value: string }[] = [];
  const collect = (prefix: readonly (string | number)[], body: readonly Node[]): void => {
    for (const kv of body) {
      const keys = kv.key!.keys!;
      const full = [...prefix, ...keys.map(keyName)];
      const value = kv.value as Node;
      if (full.length === 3 && full[0] === 'project' && full[1] === 'env_vars' && value.type === 'TOMLValue' && value.kind === 'string') {
        out.push({ key: keyName(keys.at(-1)!), keySpan: keySpan(keys.at(-1)!), value: value.value as string });
      } else if (value.type === 'TOMLInlineTable' && full.length < 3 && full.every((k, i) => k === ['project', 'env_vars'][i])) {
        collect(full, value.body!);
      }
    }
  };
  const ast = parseTOML(text, TOML_1_0) as unknown as { body: { body: Node[] }[] };
  for (const top of ast.body) {
    const root: Node[] = [];
    for (const node of top.body) {
      if (node.type === 'TOMLTable') {
        if (node.kind === 'standard' && node.resolvedKey!.length <= 2) collect(node.resolvedKey!, node.body!);
      } else root.push(node);
    }
    collect([], root);
  }
  return out.sort((a, b) => a.keySpan[0] - b.keySpan[0]);
}

/** Vocabulary: mostly what is valid, some of what people get wrong. */
// One key written several ways ("A", 'A', an escape): the reader's key table (readers/tomlKeys.ts)
// must find them equal, as the parser does, and tell AB from A.
const GOOD_KEYS = ['A', 'B', 'HF_TOKEN', '"MY KEY"', "'lit'", 'a.b', 'env_vars.X', 'project.env_vars.Y', '1234', 'true', '"esc\\u00e9"', 'a . c', '"project".env_vars.Z', '"A"', "'A'", '"\\u0041"', '"A\\u0042"', 'AB', '"a".b', "a.'b'"];
const BAD_KEYS = ['bad key', '', '"unclosed', 'x..y', '"""k"""'];
const GOOD_STRINGS = [
  '"{{ RUNPOD_SECRET_hf-token }}"',
  '"caf\\u00e9 \\t \\"q\\" \\\\"',
  "'C:\\path\\{{ x }}'",
  '"""\nline1\\\n   line2"""',
  "'''\nraw \\n '''",
  '""',
  '"""a""""',
  '"\\x41\\e"',
  '"tab\there"',
  '"""\r\nwindows\r\n"""',
  "'''it's'''",
];
const BAD_STRINGS = ['"bad \\q escape"', '"unclosed', "'unclosed", '"""never closed', '"\\uD800"', '"ctrl\u0001"', '""""""""', '"lone\rcr"'];
const GOOD_SCALARS = ['1', '+0', '-17', '1_000', '0xDEAD_beef', '0o17', '0b101', '3.14', '1e10', '6.626e-34', 'inf', '-nan', 'true', 'false', '1979-05-27', '1979-05-27T07:32:00Z', '1979-05-27 07:32:00.999-07:00', '07:32', '07:32:00.5', '1979-05-27T07:32'];
const BAD_SCALARS = ['0x_1', '01', '1__0', '1.', '.5', 'True', '1979-02-30', '24:00:00', 'abc', '1979-05-27T07:32:00+25:00', '+0x1', '1e', '2024-1-01'];
const GOOD_HEADERS = ['[project]', '[project.env_vars]', '[ project . env_vars ]', '["project".env_vars]', '["\\u0070roject".env_vars]', "['project'.\"env_vars\"]", '[other]', '[[items]]', '[[project.env_vars]]', '[a]', '[a.b]', '[a.b.c]', '[items.sub]'];
const BAD_HEADERS = ['[', '[]', '[a]]', '[a] x', '[[a]'];

const pick = (good: readonly string[], bad: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, pick(GOOD_STRINGS, BAD_STRINGS), pick(GOOD_SCALARS, BAD_SCALARS), tie('array'), tie('inline')),
  array: fc
    .tuple(fc.array(tie('value'), { maxLength: 3 }), fc.constantFrom(', ', ',\n  ', ' , # c\n'), fc.boolean())
    .map(([items, sep, trailing]) => `[${(items as string[]).join(sep)}${trailing && items.length ? ',' : ''}]`),
  inline: fc
    .tuple(fc.uniqueArray(fc.tuple(fc.constantFrom('A', 'B', '"MY KEY"', 'env_vars', 'c.d', 'X'), tie('value')), { maxLength: 3, selector: ([k]) => k }), fc.constantFrom(', ', ',\n '), fc.boolean())
    .map(([pairs, sep, trailing]) => `{ ${(pairs as [string, string][]).map(([k, v]) => `${k} = ${v}`).join(sep)}${trailing && pairs.length ? ',' : ''} }`),
}));
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(pick(GOOD_KEYS, BAD_KEYS), fc.constantFrom(' = ', '=', ' = ', ' '), value.value).map(([k, eq, v]) => `${k}${eq}${v}`) },
  { weight: 2, arbitrary: pick(GOOD_HEADERS, BAD_HEADERS) },
  { weight: 1, arbitrary: pick(['# comment', '', '   ', 'A = 1 # note'], ['# ctrl \u0007', 'A = 1 junk']) },
);
const document = fc
  .tuple(fc.constantFrom('', '[project.env_vars]', 'project = { env_vars = { A = "x" } }'), fc.array(line, { maxLength: 10 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([first, lines, eol, bom]) => (bom ? '\ufeff' : '') + [first, ...lines].join(eol));

/**
 * Whether toml-eslint-parser accepts `text`, and `text` with a line break after it: a line break at the
 * end never makes a valid document invalid, but the parser takes some invalid last lines when the
 * input ends right there (`a=1979-05-27 0`: a date, then text that is no time), and rejects them
 * once a line break follows. TOML allows no such line, so neither does the reader.
 */
function oracleAccepts(text: string): boolean {
  try {
    const ast = parseTOML(text, TOML_1_0);
    parseTOML(`${text}\n`, TOML_1_0);
    // In its TOML 1.0 mode toml-eslint-parser checks comments for control characters only; a lone
    // surrogate is no character (no UTF-8 file holds one), refused in 1.1 mode and by the reader.
    return !ast.comments.some((c) => LONE_SURROGATE.test(c.value));
  } catch {
    return false;
  }
}
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('runpod.toml reader against toml-eslint-parser', () => {
  it('accepts the same documents and reads the same [project.env_vars] strings', () => {
    fc.assert(
      fc.property(document, (text) => {
        // toml-eslint-parser rejects a BOM; the reader reads past it (offsets unchanged with a space).
        const forOracle = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
        const accepted = oracleAccepts(forOracle);
        const read = readRunpodToml(text);
        expect(read.problems.length === 0, `${JSON.stringify(text)}: ${read.problems[0]?.message ?? 'accepted'}`).toBe(accepted);
        if (!accepted) return;
        const ours = read.variables.map((v) => ({ key: v.key, keySpan: [v.keySpan.start, v.keySpan.end], value: v.value }));
        expect(ours, JSON.stringify(text)).toEqual(oracle(forOracle));
        for (const v of read.variables) expect(v.valueOffsets).toHaveLength(v.value.length + 1);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts the same documents when they are random runs of TOML tokens and characters', () => {
    // Lone CRs are left out: toml-eslint-parser reads one as a line break in some places and not in
    // others (it accepts `A=\r1`); TOML does not allow them, and the reader ends a line there.
    const units = [...'[]{}=.,"\'#\n\\ aAb0129-_:+eETZzt\txuUo.', '\r\n', '"""', "'''", 'true', 'inf', 'nan', '0x', '0o', '0b', '1979-05-27', '07:32:00', '\\u00e9', '\\x4', '\\e', 'project', 'env_vars', '\u0001', '\u007f', 'é', '😀', '\ud800'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...units), { maxLength: 25 }).map((parts) => parts.join('')), (text) => {
        const read = readRunpodToml(text);
        expect(read.problems.length === 0, `${JSON.stringify(text)}: ${read.problems[0]?.message ?? 'accepted'}`).toBe(oracleAccepts(text));
      }),
      { numRuns: 20000 },
    );
  });

  it('never quotes the text in a syntax error: an unquoted word or a key may be a value', () => {
    const token = 'sk-proj-aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY3z';
    for (const text of [`[project.env_vars]\nA = ${token}\n`, `[project.env_vars]\n"${token}" = "1"\n"${token}" = "2"\n`, `[${token}]\n[${token}]\n`, `A = "\\\u202e"\n`]) {
      const [problem] = readRunpodToml(text).problems;
      expect(problem, text).toBeDefined();
      expect(problem!.message).not.toContain(token);
      expect(problem!.message).not.toContain('\u202e');
    }
  });

  it('reads what toml-eslint-parser cannot: a 200,000-character string, and deep nesting gives one error', () => {
    const long = `[project.env_vars]\nA = "${'x'.repeat(200_000)}{{ RUNPOD_SECRET_a }}"\n`;
    const read = readRunpodToml(long);
    expect(read.problems).toEqual([]);
    expect(read.variables[0]!.value).toHaveLength(200_000 + '{{ RUNPOD_SECRET_a }}'.length);
    const deep = `a = ${'['.repeat(100_000)}${']'.repeat(100_000)}\n[project.env_vars]\nB = "{{ RUNPOD_SECRET_b }}"\n`;
    const nested = readRunpodToml(deep);
    expect(nested.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^The TOML is nested too deeply to read \(arrays and inline tables more than 1000 levels inside each other\)/)]);
    expect(nested.problems[0]!.span.start).toBe(deep.indexOf('[') + 1000);
    expect(nested.variables.map((v) => v.key)).toEqual(['B']);
  });
});
