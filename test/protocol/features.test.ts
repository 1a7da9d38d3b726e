import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, MarkupContent, TextEdit } from 'vscode-languageserver/node';
import { validateSecretName } from '../../server/src/template/names';
import { FAKE_HF_TOKEN, FRESH, unknownSecrets, uri } from './fixtures';
import { LspClient, applyEdits, cursor, ensureServerBuilt } from './lspClient';

const TEMPLATE_JSON = '{\n  "name": "pytorch-train",\n  "image": "img:1",\n  "env": {\n    "HF_TOKEN": "{{ RUNPOD_SECRET_hf-tokn }}",\n    "MODEL": "gpt2"\n  }\n}\n';
const HUB_JSON = '{ "config": { "env": [ { "key": "HF_TOKEN", "input": { "default": "{{ RUNPOD_SECRET_hf-tokn }}" } } ] } }\n';
const TOML = '[project]\nname = "x"\n\n[project.env_vars]\nHF_TOKEN = "{{ RUNPOD_SECRET_hf-tokn }}"\nMODEL = "gpt2"\n';

/** Applies a completion item's textEdit to the document, as the editor does on accept. */
function accept(text: string, item: CompletionItem): string {
  expect(item.textEdit).toBeDefined();
  return applyEdits(text, [item.textEdit as TextEdit]);
}

describe('language features over stdio', () => {
  let client: LspClient;
  beforeAll(async () => {
    ensureServerBuilt();
    client = await LspClient.start({ initializationOptions: { secrets: FRESH } });
  });
  afterAll(() => client.stop());

  async function completeAt(marked: string): Promise<{ text: string; items: CompletionItem[] }> {
    const { text, offset } = cursor(marked);
    const u = uri('c.runpod.env');
    await client.open(u, 'runpod-env', text);
    return { text, items: await client.completion(u, offset) };
  }

  it('completes secret names after `{{ ` and leaves a closed canonical reference', async () => {
    const { text, items } = await completeAt('HF_TOKEN={{ |');
    const item = items.find((i) => i.label.includes('hf-token'));
    expect(item).toBeDefined();
    expect(accept(text, item!)).toBe('HF_TOKEN={{ RUNPOD_SECRET_hf-token }}');
    expect(items.map((i) => i.label).join(' ')).toContain('db_password');
  });

  it('replaces exactly the partial name (with - . / in names) and keeps the closing braces', async () => {
    const { text, items } = await completeAt('HF_TOKEN={{ RUNPOD_SECRET_hf-to| }}\nNEXT=1');
    const item = items.find((i) => i.label.includes('hf-token'))!;
    expect(accept(text, item)).toBe('HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nNEXT=1');
  });

  it('offers whole references right after `=`, with description and creation date', async () => {
    const { text, items } = await completeAt('HF_TOKEN=|');
    const item = items.find((i) => i.label.includes('hf-token'))!;
    expect(accept(text, item)).toBe('HF_TOKEN={{ RUNPOD_SECRET_hf-token }}');
    const docs = [item.detail ?? '', (item.documentation as MarkupContent | undefined)?.value ?? ''].join('\n');
    expect(docs).toContain('Hugging Face read token');
    expect(docs).toContain('2026-09-01');
  });

  it('hovers a reference with metadata and the write-only note, never a value', async () => {
    const text = `HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nOTHER=${FAKE_HF_TOKEN}\n`;
    const u = uri('h.runpod.env');
    await client.open(u, 'runpod-env', text);
    const result = await client.hover(u, text.indexOf('hf-token') + 2);
    const markdown = (result!.contents as MarkupContent).value;
    expect(markdown).toContain('hf-token');
    expect(markdown).toContain('Hugging Face read token');
    expect(markdown.toLowerCase()).toContain('write-only');
    expect(markdown).not.toContain(FAKE_HF_TOKEN);
    expect(client.doc(u).getText(result!.range!)).toContain('hf-token');
  });

  it('hovers an unknown name saying it is not in the list', async () => {
    const text = 'X={{ RUNPOD_SECRET_nope }}';
    const u = uri('h2.runpod.env');
    await client.open(u, 'runpod-env', text);
    const markdown = ((await client.hover(u, text.indexOf('nope') + 1))!.contents as MarkupContent).value;
    expect(markdown).toContain('nope');
    expect(markdown.toLowerCase()).toMatch(/not in/);
    expect(await client.hover(u, 0)).toBeNull();
  });

  it('offers "replace with the suggested name" (edit) and "create secret" (command) for an unknown name', async () => {
    const text = 'HF_TOKEN={{ RUNPOD_SECRET_hf-tokn }}\n';
    const u = uri('a.runpod.env');
    await client.open(u, 'runpod-env', text);
    const diagnostics = (await client.diagnostics(u)).filter((d) => d.code === 'unknown-secret');
    const at = text.indexOf('hf-tokn');
    const actions = await client.codeActions(u, at, at, diagnostics);

    const replace = actions.find((a) => a.edit !== undefined && a.title.includes('hf-token'))!;
    expect(replace.kind).toBe('quickfix');
    expect(applyEdits(text, replace.edit!.changes![u]!)).toBe('HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\n');
    expect(replace.diagnostics?.map((d) => d.code)).toEqual(['unknown-secret']);

    const create = actions.find((a) => a.command?.command === 'runpod.secrets.create')!;
    expect(create.command!.arguments).toEqual([{ name: 'hf-tokn' }]);
  });

  it('normalises a non-canonical reference with an edit', async () => {
    const text = 'HF_TOKEN={{RUNPOD_SECRET_hf-token}}\n';
    const u = uri('n.runpod.env');
    await client.open(u, 'runpod-env', text);
    const diagnostics = await client.diagnostics(u);
    expect(diagnostics.map((d) => d.code)).toContain('noncanonical-reference');
    const actions = await client.codeActions(u, 12, 12, diagnostics);
    const fix = actions.find((a) => a.edit !== undefined)!;
    expect(applyEdits(text, fix.edit!.changes![u]!)).toBe('HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\n');
  });

  it('offers "move value into a RunPod secret" for a hard-coded token: range and a valid suggested name, no value', async () => {
    const text = `MODEL=gpt2\nHF_TOKEN=${FAKE_HF_TOKEN}\n`;
    const u = uri('m.runpod.env');
    const doc = await client.open(u, 'runpod-env', text);
    const diagnostics = (await client.diagnostics(u)).filter((d) => d.code === 'hardcoded-credential');
    expect(diagnostics).toHaveLength(1);
    const at = text.indexOf(FAKE_HF_TOKEN) + 3;
    const actions = await client.codeActions(u, at, at, diagnostics);
    const move = actions.find((a) => a.command?.command === 'runpod.secrets.createFromValue')!;
    const [args] = move.command!.arguments as [{ uri: string; range: Parameters<typeof doc.getText>[0]; suggestedName: string }];
    expect(args.uri).toBe(u);
    expect(doc.getText(args.range)).toBe(FAKE_HF_TOKEN);
    expect(validateSecretName(args.suggestedName)).toBeUndefined();
    expect(JSON.stringify(actions)).not.toContain(FAKE_HF_TOKEN);
  });

  it('lists one document symbol per variable', async () => {
    const text = '# comment\nexport MODEL=gpt2\nHF_TOKEN={{ RUNPOD_SECRET_hf-token }}\n\nPORT="8888"\n';
    const u = uri('s.runpod.env');
    await client.open(u, 'runpod-env', text);
    const symbols = await client.symbols(u);
    expect(symbols.map((s) => s.name)).toEqual(['MODEL', 'HF_TOKEN', 'PORT']);
    expect(client.doc(u).getText(symbols[1]!.selectionRange)).toBe('HF_TOKEN');
  });

  /**
   * Outline and breadcrumbs: symbols only where no other language outlines the file. In JSON files
   * VS Code's JSON language already does, and a second provider split the Outline into
   * "RunPod Templates & Secrets" and "JSON Language Features" groups. A runpod.env keeps its
   * variables (the test above).
   */
  describe('documentSymbol', () => {
    it.each([
      ['pytorch-train.runpod.json', 'json', TEMPLATE_JSON],
      ['.runpod/hub.json', 'json', HUB_JSON],
      ['.runpod/tests.json', 'json', HUB_JSON.replace('"input": { "default": ', '"value": ').replace('} }', '}')],
    ])('%s gets no symbols (the JSON outline is the only one) but is still checked', async (name, languageId, text) => {
      const u = uri(name);
      await client.open(u, languageId, text);
      expect(await client.symbols(u)).toEqual([]);
      expect(unknownSecrets(await client.diagnostics(u))).toHaveLength(1);
    });

    it('a plain .env (VS Code dotenv) gets reference features only, no symbols', async () => {
      const u = uri('.env');
      await client.open(u, 'dotenv', 'HF_TOKEN={{ RUNPOD_SECRET_hf-tokn }}\n');
      expect(await client.symbols(u)).toEqual([]);
      expect(unknownSecrets(await client.diagnostics(u))).toHaveLength(1);
    });

    it('runpod.toml opened as Plain Text (VS Code has no TOML language) lists its env vars; with a TOML extension it leaves the outline to it', async () => {
      const plain = uri('runpod.toml');
      await client.open(plain, 'plaintext', TOML);
      expect((await client.symbols(plain)).map((s) => s.name)).toEqual(['HF_TOKEN', 'MODEL']);
      const toml = uri('runpod.toml');
      await client.open(toml, 'toml', TOML);
      expect(await client.symbols(toml)).toEqual([]);
      expect(unknownSecrets(await client.diagnostics(toml))).toHaveLength(1);
    });
  });
});
