/**
 * "Move value into a RunPod secret" stores the value the server flagged, decoded by the core's
 * reader of the file kind (server/src/template/moveValue.ts), in every file kind: env escapes
 * (`\$` stays as written, `\n` decodes), JSON `\uXXXX`, TOML `\UXXXXXXXX`. The path is the real
 * one: the code action's span, the extension's extraction, the edit, and the file read again.
 */
import { describe, expect, it } from 'vitest';
import { extractValue, referenceEdit, type OffsetEdit } from '../../client/src/commands/createFromValueLogic';
import { analyze, codeActions, type DocumentKind } from '../../server/src/template';

const applyOffsetEdit = (text: string, edit: OffsetEdit) => text.slice(0, edit.start) + edit.newText + text.slice(edit.end);

const CATALOG = { state: 'fresh' as const, secrets: [] };
const T = 'hf_aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY3z';

/** Runs the quick fix on the only flagged value; returns what would be stored and the edited file. */
function moveValue(text: string, kind: DocumentKind): { value: string; edited: string } {
  const analysis = analyze(text, kind, CATALOG);
  const action = codeActions(text, { start: 0, end: text.length }, kind, CATALOG, analysis).find((a) => a.command?.command === 'runpod.secrets.createFromValue');
  expect(action, 'a Move value action').toBeDefined();
  const span = (action!.command as { span: { start: number; end: number } }).span;
  const extracted = extractValue(text, kind, span);
  if (!extracted.ok) throw new Error(extracted.message);
  return { value: extracted.value, edited: applyOffsetEdit(text, referenceEdit(extracted, 'hf-token')) };
}

describe('Move value into a RunPod secret stores the value the reader decodes, in each file kind', () => {
  it.each<[string, DocumentKind, string, string]>([
    ['env: "\\$" stays as written, "\\n" is a line break', 'runpod-env', `HF_TOKEN="${T}\\$x\\nline2"\n`, `${T}\\$x\nline2`],
    ['env: a \\u escape is not an env escape (kept as written)', 'runpod-env', `HF_TOKEN="${T}\\u00e9"\n`, `${T}\\u00e9`],
    ['env: single quotes are literal', 'runpod-env', `HF_TOKEN='${T}\\n'\n`, `${T}\\n`],
    ['env: unquoted', 'runpod-env', `HF_TOKEN=${T}\n`, T],
    ['runpod.json: \\u00e9 and \\n decode', 'runpod-json', `{"env": {"HF_TOKEN": "${T}\\u00e9\\n"}}`, `${T}é\n`],
    ['hub.json: \\u0041 decodes', 'hub-json', `{"config": {"env": [{"key": "HF_TOKEN", "value": "${T}\\u0041"}]}}`, `${T}A`],
    ['runpod.toml: \\U0001F600 and \\n decode', 'runpod-toml', `[project.env_vars]\nHF_TOKEN = "${T}\\n\\U0001F600"\n`, `${T}\n😀`],
  ])('%s', (_label, kind, text, stored) => {
    const { value, edited } = moveValue(text, kind);
    // The stored value is the reader's value of that variable: what the server flagged.
    expect(value).toBe(stored);
    expect(value).toBe(analyze(text, kind, CATALOG).variables.find((v) => v.key === 'HF_TOKEN')!.value);
    // The file stays valid and now holds the reference at that key.
    const after = analyze(edited, kind, CATALOG);
    expect(after.problems.filter((p) => p.code === 'syntax-error' || p.code === 'hardcoded-credential')).toEqual([]);
    expect(after.variables.find((v) => v.key === 'HF_TOKEN')?.value).toBe('{{ RUNPOD_SECRET_hf-token }}');
    if (kind !== 'runpod-env' && kind !== 'runpod-toml') expect(() => JSON.parse(edited)).not.toThrow();
  });

  it('a range that is no longer a value is refused as a changed document; messages never hold the value', () => {
    const text = `HF_TOKEN="${T}"\n`;
    const at = text.indexOf(T);
    expect(extractValue(text, 'runpod-env', { start: at + 1, end: at + T.length })).toEqual({ ok: false, message: expect.stringMatching(/document changed/) });
    expect(JSON.stringify(extractValue(`HF_TOKEN="${T}"\n`, 'runpod-env', { start: 0, end: 3 }))).not.toContain(T.slice(3, 11));
  });

  it('the whole value with its quotes is accepted too; the quotes stay', () => {
    const text = `HF_TOKEN="${T}"\n`;
    const extracted = extractValue(text, 'runpod-env', { start: 9, end: 11 + T.length });
    expect(extracted).toMatchObject({ ok: true, value: T });
    expect(applyOffsetEdit(text, referenceEdit(extracted as { replace: { start: number; end: number } }, 'x'))).toBe('HF_TOKEN="{{ RUNPOD_SECRET_x }}"\n');
  });

  it('empty values and existing references are refused with their own reason', () => {
    expect(extractValue('K=""\n', 'runpod-env', { start: 3, end: 3 })).toEqual({ ok: false, message: expect.stringMatching(/empty/) });
    const ref = 'K={{ RUNPOD_SECRET_k }}\n';
    expect(extractValue(ref, 'runpod-env', { start: 2, end: ref.length - 1 })).toEqual({ ok: false, message: expect.stringMatching(/already a secret reference/) });
  });

  it('a value whose escape decodes to a NUL (JSON \\u0000, TOML \\U00000000) is refused in the words of a value file: no Pod could receive it', () => {
    for (const [kind, text] of [
      ['runpod-json', `{"env": {"HF_TOKEN": "${T}\\u0000"}}`],
      ['runpod-toml', `[project.env_vars]\nHF_TOKEN = "${T}\\U00000000"\n`],
    ] as const) {
      const start = text.indexOf(T);
      const extracted = extractValue(text, kind, { start, end: text.indexOf('"', start) });
      expect(extracted).toEqual({ ok: false, message: expect.stringMatching(/^The value holds a NUL character \(U\+0000\), which an environment variable cannot carry/) });
      expect(JSON.stringify(extracted)).not.toContain(T.slice(3, 11));
    }
  });
});
