/**
 * The new formats over stdio, as an editor drives the server: hub.json and runpod.toml get
 * completion, diagnostics and semantic tokens; plain JSON files are left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SemanticTokensRequest, type CompletionItem, type SemanticTokens, type TextEdit } from 'vscode-languageserver/node';
import { parse, type ParseError } from 'jsonc-parser';
import { parseTOML } from 'toml-eslint-parser';
import { FRESH, uri } from '../../protocol/fixtures';
import { LspClient, applyEdits, cursor, ensureServerBuilt } from '../../protocol/lspClient';
import { HUB_JSON, RUNPOD_TOML } from '../fixtures';

function accept(text: string, item: CompletionItem): string {
  return applyEdits(text, [item.textEdit as TextEdit]);
}

/** Decodes LSP relative semantic tokens into `[text, type name, modifiers]`. */
function decode(text: string, tokens: SemanticTokens, types: string[]): [string, string, number][] {
  const lines = text.split('\n');
  const out: [string, string, number][] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dl, dc, len, type, mods] = tokens.data.slice(i, i + 5) as [number, number, number, number, number];
    line += dl;
    char = dl === 0 ? char + dc : dc;
    out.push([lines[line]!.slice(char, char + len), types[type]!, mods]);
  }
  return out;
}

describe('hub.json and runpod.toml over stdio', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
  });
  afterAll(() => client.stop());

  const semanticTokens = (u: string): Promise<SemanticTokens | null> => client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: u } });
  const legend = (): string[] => client.initializeResult.capabilities.semanticTokensProvider!.legend.tokenTypes;

  it('hub.json: diagnostics with exact ranges', async () => {
    const u = uri('.runpod/hub.json');
    const doc = await client.open(u, 'json', HUB_JSON);
    const diagnostics = await client.diagnostics(u);
    const shown = diagnostics.map((d) => [d.code, doc.getText(d.range)]);
    expect(shown).toEqual([
      ['unknown-secret', 'hf-tokn'],
      ['noncanonical-reference', '{{RUNPOD_SECRET_db_password}}'],
      ['malformed-reference', '{{ runpod_secret_openai }}'],
      ['invalid-key', 'HF-HOME'],
      ['duplicate-key', 'HF_TOKEN'],
      ['hardcoded-credential', expect.stringMatching(/^hf_/)],
    ]);
  });

  it('hub.json: completion inside a value keeps valid JSON', async () => {
    const { text, offset } = cursor(HUB_JSON.replace('"value": "{{ RUNPOD_SECRET_hf-tokn }}"', '"value": "{{ RUNPOD_SECRET_hf|"'));
    const u = uri('.runpod/hub.json');
    await client.open(u, 'json', text);
    const items = await client.completion(u, offset);
    const edited = accept(text, items.find((i) => i.label === 'hf-token')!);
    const errors: ParseError[] = [];
    parse(edited, errors);
    expect(errors).toEqual([]);
    expect(edited).toContain('"value": "{{ RUNPOD_SECRET_hf-token }}"');
  });

  it('hub.json: semantic tokens mark known, unknown and malformed references differently', async () => {
    const text = '{ "config": { "env": [\n{ "key": "A", "value": "{{ RUNPOD_SECRET_hf-token }}" },\n{ "key": "B", "value": "{{ RUNPOD_SECRET_nope }}" },\n{ "key": "C", "input": { "default": "{{ RUNPOD_SECRETS_x }}" } }\n] } }';
    const u = uri('.runpod/hub.json');
    await client.open(u, 'json', text);
    const tokens = (await semanticTokens(u))!;
    expect(decode(text, tokens, legend())).toEqual([
      ['hf-token', 'variable', 1],
      ['nope', 'runpodUnknownSecret', 0],
      ['{{ RUNPOD_SECRETS_x }}', 'runpodMalformedReference', 0],
    ]);
  });

  it('runpod.toml: diagnostics, completion and semantic tokens', async () => {
    const u = uri('runpod.toml');
    const doc = await client.open(u, 'toml', RUNPOD_TOML);
    const diagnostics = await client.diagnostics(u);
    expect(diagnostics.map((d) => [d.code, doc.getText(d.range)])).toEqual([
      ['unknown-secret', 'db_pasword'],
      ['noncanonical-reference', '{{RUNPOD_SECRET_note}}'],
      ['unknown-secret', 'note'],
      ['hardcoded-credential', expect.stringMatching(/^hf_/)],
    ]);
    const tokens = decode(RUNPOD_TOML, (await semanticTokens(u))!, legend());
    expect(tokens).toEqual([
      ['hf-token', 'variable', 1],
      ['db_pasword', 'runpodUnknownSecret', 0],
      ['note', 'runpodUnknownSecret', 0],
    ]);

    const { text, offset } = cursor('[project.env_vars]\nHF_TOKEN = "|"\n');
    const v = uri('runpod.toml');
    await client.open(v, 'toml', text);
    const edited = accept(text, (await client.completion(v, offset)).find((i) => i.label === 'hf-token')!);
    expect(edited).toBe('[project.env_vars]\nHF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}"\n');
    expect(() => parseTOML(edited)).not.toThrow();
  });

  it('broken runpod.toml: a syntax-error and the readable references, and the server keeps serving', async () => {
    const u = uri('runpod.toml');
    const doc = await client.open(u, 'toml', '[project.env_vars]\nA = "{{ RUNPOD_SECRET_nope }}"\nB = "open\n');
    const diagnostics = await client.diagnostics(u);
    expect(diagnostics.map((d) => [d.code, doc.getText(d.range)])).toEqual([
      ['unknown-secret', 'nope'],
      ['syntax-error', 'n'],
    ]);
    expect(client.alive).toBe(true);
  });

  it('leaves JSON and TOML files that are not RunPod files alone', async () => {
    for (const [name, lang, text] of [
      ['package.json', 'json', '{ "env": { "A": "{{ RUNPOD_SECRET_nope }}" } }'],
      ['pyproject.toml', 'toml', '[project.env_vars]\nA = "{{ RUNPOD_SECRET_nope }}"\n'],
    ] as const) {
      const u = uri(name);
      await client.open(u, lang, text);
      expect(await client.diagnostics(u)).toEqual([]);
      expect((await semanticTokens(u))?.data ?? []).toEqual([]);
    }
  });
});
