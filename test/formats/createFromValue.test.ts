import { describe, expect, it } from 'vitest';
import { extractValue, isQuotePair } from '../../client/src/commands/createFromValueLogic';
import { analyze, codeActions } from '../../server/src/template';
import { CATALOG } from './fixtures';

describe('Move value into a RunPod secret, from a JSON string with escapes', () => {
  it('the server gives the content span; read with its quotes, the escapes decode exactly', () => {
    const token = 'hf_aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY3z';
    const text = `{ "env": { "HF_TOKEN": "${token.slice(0, 10)}\\u0041${token.slice(10)}" } }`;
    const move = codeActions(text, { start: text.indexOf('hf_'), end: text.indexOf('hf_') }, 'runpod-json', CATALOG, analyze(text, 'runpod-json', CATALOG)).find((a) => a.command)!;
    const span = (move.command as { span: { start: number; end: number } }).span;
    expect(text.slice(span.start, span.end)).toBe(`${token.slice(0, 10)}\\u0041${token.slice(10)}`);
    // What the extension does: the characters around the range are quotes, so it reads them too.
    expect(isQuotePair(text[span.start - 1]!, text[span.end]!)).toBe(true);
    const read = extractValue(text.slice(span.start - 1, span.end + 1));
    expect(read).toMatchObject({ ok: true, value: `${token.slice(0, 10)}A${token.slice(10)}`, replaceStart: 1 });
  });

  it('an unquoted env value is not widened; a TOML \\U escape is refused, not stored as written', () => {
    expect(isQuotePair('=', '\n')).toBe(false);
    expect(isQuotePair("'", "'")).toBe(true);
    const refused = extractValue('"abc\\U0001F600def"');
    expect(refused.ok).toBe(false);
  });
});
