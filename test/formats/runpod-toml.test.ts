import { describe, expect, it } from 'vitest';
import { parseTOML } from 'toml-eslint-parser';
import { analyze, codeActions, complete, hover } from '../../server/src/template';
import { decodeTomlString, readRunpodToml } from '../../server/src/template/readers/toml';
import { CATALOG, FAKE_HF_TOKEN, RUNPOD_TOML } from './fixtures';
import { applySpan, problemTexts, spanOf } from './helpers';

describe('runpod.toml', () => {
  const a = analyze(RUNPOD_TOML, 'runpod-toml', CATALOG);

  it('reads the string values of [project.env_vars] only', () => {
    expect(a.variables.map((v) => [v.key, v.value])).toEqual([
      ['POD_INACTIVITY_TIMEOUT', '120'],
      ['HF_TOKEN', '{{ RUNPOD_SECRET_hf-token }}'],
      ['DB_PASSWORD', '{{ RUNPOD_SECRET_db_pasword }}'],
      ['NOTE', 'café {{RUNPOD_SECRET_note}}'],
      ['OPENAI_API_KEY', FAKE_HF_TOKEN],
    ]);
  });

  it('reports each code with exact ranges (literal and multi-line strings, \\u escapes)', () => {
    expect(problemTexts(RUNPOD_TOML, a)).toEqual([
      ['unknown-secret', 'db_pasword'],
      ['noncanonical-reference', '{{RUNPOD_SECRET_note}}'],
      ['unknown-secret', 'note'],
      ['hardcoded-credential', FAKE_HF_TOKEN],
    ]);
    expect(a.problems[0]!.message).toContain('db_password');
  });

  it('reads dotted keys, inline tables and quoted keys; reports invalid and duplicate keys', () => {
    const dotted = ['project.env_vars.A = "{{ RUNPOD_SECRET_a1 }}"', '[other]', 'C = "{{ RUNPOD_SECRET_ignored }}"'].join('\n');
    expect(readRunpodToml(dotted)).toMatchObject({ variables: [{ key: 'A', value: '{{ RUNPOD_SECRET_a1 }}' }], problems: [] });
    const underProject = ['[project]', 'env_vars.B = "x"', 'name = "{{ RUNPOD_SECRET_ignored }}"'].join('\n');
    expect(readRunpodToml(underProject).variables.map((v) => v.key)).toEqual(['B']);
    const inline = 'project = { env_vars = { "MY KEY" = "1", X = "{{ RUNPOD_SECRET_x1 }}" } }\n';
    const b = analyze(inline, 'runpod-toml', CATALOG);
    expect(problemTexts(inline, b)).toEqual([
      ['invalid-key', 'MY KEY'],
      ['unknown-secret', 'x1'],
    ]);
  });

  it('refuses a trailing comma in an inline table at the comma, as runpodctl and TOML 1.0 do; reads the values still', () => {
    // runpodctl (go-toml v1.9.5): "trailing comma at the end of inline table"; runpod-python reads TOML 1.0 (tomlkit).
    const text = '[project]\nenv_vars = { A = "{{ RUNPOD_SECRET_a }}", }\n';
    const read = readRunpodToml(text);
    expect(read.variables.map((v) => v.key)).toEqual(['A']);
    expect(read.problems.map((p) => [p.code, text.slice(p.span.start, p.span.end)])).toEqual([['syntax-error', ',']]);
    expect(read.problems[0]!.message).toMatch(/^A trailing comma is not allowed in an inline table/);
    // Arrays keep theirs (TOML allows it), and a comma between two pairs is no trailing one.
    expect(readRunpodToml('a = [1, 2,]\nb = { c = 1, d = 2 }\n').problems).toEqual([]);
  });

  // Each TOML 1.1 form, and where its one error starts (the mark is the character there; a line break marks the one before it).
  it.each([
    ['a line break inside an inline table', '[project]\nenv_vars = {\n  A = "{{ RUNPOD_SECRET_a }}" }\n', '{\n', /^A line break or comment is not allowed inside an inline table/],
    ['a comment inside an inline table', '[project]\nenv_vars = { A = "{{ RUNPOD_SECRET_a }}" # c\n}\n', '#', /^A line break or comment is not allowed inside an inline table/],
    ['the \\e escape', '[project.env_vars]\nA = "{{ RUNPOD_SECRET_a }}\\e"\n', '\\e', /^The escape \\e is not allowed in a string/],
    ['the \\xHH escape', '[project.env_vars]\nA = "{{ RUNPOD_SECRET_a }}\\x41"\n', '\\x', /^The escape \\xHH is not allowed in a string/],
    ['a local time without seconds', '[project.env_vars]\nA = "{{ RUNPOD_SECRET_a }}"\n[other]\nt = 07:32\n', '2\n', /^A time without seconds is not allowed/],
    ['a date-time without seconds', '[project.env_vars]\nA = "{{ RUNPOD_SECRET_a }}"\n[other]\nt = 1979-05-27T07:32Z\n', 'Z\n', /^A time without seconds is not allowed/],
  ])('refuses %s (TOML 1.1 only) with one error at the spot, as RunPod\'s TOML 1.0 readers do; reads the values still', (_name, text, spot, message) => {
    const read = readRunpodToml(text);
    expect(read.variables.map((v) => [v.key, v.value.startsWith('{{ RUNPOD_SECRET_a }}')])).toEqual([['A', true]]);
    expect(read.problems.map((p) => [p.code, p.span.start, text.slice(p.span.start, p.span.end)])).toEqual([['syntax-error', text.indexOf(spot), spot[0]]]);
    expect(read.problems[0]!.message).toMatch(message);
    expect(read.problems[0]!.message).toContain('(RunPod reads runpod.toml as TOML 1.0)');
  });

  it('marks a line break inside an inline table from the line\'s last character to the break, not on a trailing blank alone', () => {
    // VS Code draws the mark as a squiggle: under a lone trailing space it was hard to see; the `{` is where the line breaks too early.
    for (const [text, marked] of [
      ['[project]\nenv_vars = {  \n  A = "{{ RUNPOD_SECRET_a }}" }\n', '{  '],
      ['[project]\r\nenv_vars = {\t\r\n  A = "{{ RUNPOD_SECRET_a }}" }\r\n', '{\t'],
      ['[project]\nenv_vars = { A = "{{ RUNPOD_SECRET_a }}", \n B = "b" }\n', ', '],
    ] as const) {
      const read = readRunpodToml(text);
      expect(read.variables.map((v) => v.key)[0]).toBe('A');
      expect(read.problems.map((p) => [p.span.start, text.slice(p.span.start, p.span.end)])).toEqual([[text.indexOf(marked), marked]]);
      expect(read.problems[0]!.message).toMatch(/^A line break or comment is not allowed inside an inline table/);
    }
    // An unclosed string at its line's end alike: its last character, then the blanks to the break.
    const open = 'a = "x  \n';
    expect(readRunpodToml(open).problems.map((p) => open.slice(p.span.start, p.span.end))).toEqual(['x  ']);
  });

  it('keeps a TOML 1.1 refusal from hiding a hard error: both are reported, the hard one first', () => {
    // `env_vars = {` then Enter: the table is never closed, whatever the line break inside it.
    const open = '[project]\nenv_vars = {\n';
    expect(readRunpodToml(open).problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^The inline table is never closed/),
      expect.stringMatching(/^A line break or comment is not allowed inside an inline table/),
    ]);
    // An earlier \e or time without seconds does not hide an error further down.
    for (const first of ['a = "\\e"', 't = 07:32']) {
      const text = `${first}\nC = { = }\n`;
      const read = readRunpodToml(text);
      expect(read.problems.map((p) => p.message)).toEqual([expect.not.stringContaining('TOML 1.0'), expect.stringContaining('TOML 1.0')]);
      expect(read.problems[0]!.span.start).toBeGreaterThan(text.indexOf('C ='));
    }
  });

  it('keeps no TOML 1.1 refusal found after a hard error: reading on from the next line may be inside a string', () => {
    // After the bad escape the reader goes on at the next line, which is the multi-line string's own text.
    const text = 'a = """\nx\\q\nt = 07:32\n"""\n';
    expect(readRunpodToml(text).problems.map((p) => p.message)).toEqual([expect.stringMatching(/^Invalid escape/)]);
  });

  it('refuses \\x only when its two hex digits are there; otherwise it is an invalid escape', () => {
    const read = readRunpodToml('a = "\\xZZ"\n');
    expect(read.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^Invalid escape: \\x needs 2 hex digits/)]);
  });

  it('reads a lone CR as a line break, as both RunPod readers of runpod.toml do', () => {
    // go-toml v1.9.5 (runpodctl) skips '\r' like '\n' between statements; tomlkit (runpod-python) has NL = "\n\r".
    const read = readRunpodToml('[project.env_vars]\rA = "1"\rB = "2"\r');
    expect(read.problems).toEqual([]);
    expect(read.variables.map((v) => [v.key, v.value])).toEqual([['A', '1'], ['B', '2']]);
  });

  it('decodes every TOML escape like the parser and maps characters to their escape start', () => {
    const cases = [
      String.raw`"a\tb\"c\\d\u00e9\U0001F600e\n"`,
      String.raw`'C:\path\{{ x }}'`,
      '"""\nline1\\\n    line2 \\u0041"""',
      "'''\nraw \\n '''",
    ];
    for (const written of cases) {
      const doc = `x = ${written}`;
      const parsed = (parseTOML(doc).body[0]!.body[0] as unknown as { value: { value: string } }).value.value;
      const d = decodeTomlString(doc, 4, doc.length);
      expect(d.value).toBe(parsed);
      expect(d.offsets).toHaveLength(d.value.length + 1);
    }
    const doc = String.raw`x = "\u00e9\U0001F600{{ RUNPOD_SECRET_a }}"`;
    const d = decodeTomlString(doc, 4, doc.length);
    expect(d.offsets.slice(0, 4)).toEqual([5, 11, 11, 21]);
    expect(d.offsets.at(-1)).toBe(doc.length - 1);
  });

  it('references in multi-line strings land on their text, with or without a line break after the quotes, LF or CRLF', () => {
    for (const quotes of ['"""', "'''"]) {
      for (const br of ['\n', '\r\n']) {
        for (const first of [br, '']) {
          const doc = `[project.env_vars]${br}NOTE = ${quotes}${first}multi {{ RUNPOD_SECRET_db_pasword }} one${br}second {{ RUNPOD_SECRET_note }} line${quotes}${br}`;
          const result = analyze(doc, 'runpod-toml', CATALOG);
          const [note] = result.variables;
          expect(note!.value, JSON.stringify(doc)).toBe(`multi {{ RUNPOD_SECRET_db_pasword }} one\nsecond {{ RUNPOD_SECRET_note }} line`);
          expect(result.references.map((r) => [doc.slice(r.span.start, r.span.end), doc.slice(r.nameSpan.start, r.nameSpan.end)])).toEqual([
            ['{{ RUNPOD_SECRET_db_pasword }}', 'db_pasword'],
            ['{{ RUNPOD_SECRET_note }}', 'note'],
          ]);
          expect(note!.valueOffsets.map((o) => doc[o]).join('').replace(/\r/g, '')).toBe(`${note!.value}${quotes[0]}`);
        }
      }
    }
  });

  it('completes inside basic, literal and multi-line strings; the result parses as TOML', () => {
    for (const [name, marker] of [
      ['basic', 'hf-token }}"'],
      ['literal', "db_pasword }}'"],
    ] as const) {
      const at = RUNPOD_TOML.indexOf(marker) + 2;
      const result = complete(RUNPOD_TOML, at, 'runpod-toml', CATALOG)!;
      expect(result, name).toBeDefined();
      const edited = applySpan(RUNPOD_TOML, result.replace, result.items.find((i) => i.label === 'db_password')!.insertText);
      expect(() => parseTOML(edited)).not.toThrow();
      expect(edited).toContain('{{ RUNPOD_SECRET_db_password }}');
    }
    const empty = '[project.env_vars]\nHF_TOKEN = ""\n';
    const at = empty.indexOf('""') + 1;
    const result = complete(empty, at, 'runpod-toml', CATALOG)!;
    const edited = applySpan(empty, result.replace, result.items.find((i) => i.label === 'hf-token')!.insertText);
    expect(edited).toBe('[project.env_vars]\nHF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}"\n');
    expect(() => parseTOML(edited)).not.toThrow();
  });

  it('hover and code actions on a reference in a literal string', () => {
    const h = hover(RUNPOD_TOML, RUNPOD_TOML.indexOf('db_pasword'), 'runpod-toml', CATALOG)!;
    expect(h.span).toEqual(spanOf(RUNPOD_TOML, '{{ RUNPOD_SECRET_db_pasword }}'));
    const actions = codeActions(RUNPOD_TOML, spanOf(RUNPOD_TOML, 'db_pasword'), 'runpod-toml', CATALOG);
    expect(actions[0]!.title).toBe('Replace with `db_password`');
    const fixed = applySpan(RUNPOD_TOML, actions[0]!.edits![0]!.span, actions[0]!.edits![0]!.newText);
    expect(fixed).toContain("DB_PASSWORD = '{{ RUNPOD_SECRET_db_password }}'");
    const move = codeActions(RUNPOD_TOML, spanOf(RUNPOD_TOML, FAKE_HF_TOKEN), 'runpod-toml', CATALOG).find((x) => x.command)!;
    expect(move.command).toEqual({ command: 'runpod.secrets.createFromValue', span: spanOf(RUNPOD_TOML, FAKE_HF_TOKEN), suggestedName: 'openai_api_key' });
  });
});
