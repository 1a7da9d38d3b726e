/**
 * Find All References and highlights over the workspace index: a reference lists every reference to
 * that secret in every format, in files nobody opened; an open document's unsaved text wins over
 * its file on disk; highlights stay in the current file.
 */
import { describe, expect, it } from 'vitest';
import { FRESH } from '../fixtures';
import { cursor } from '../lspClient';
import { TempWorkspace, useIndexedWorkspace } from './helpers';

const FILES = {
  'train.runpod.env': 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nMIRROR=https://x/{{ RUNPOD_SECRET_hf-token }}/y\nDB={{ RUNPOD_SECRET_db_password }}\n',
  'pod.runpod.json': '{ "env": { "HUGGING_FACE_HUB_TOKEN": "{{ RUNPOD_SECRET_hf-token }}" } }\n',
  'serve/runpod.toml': '[project.env_vars]\nHF_TOKEN = "{{RUNPOD_SECRET_hf-token}}"\n',
  '.runpod/hub.json': '{ "config": { "env": [{ "key": "HF_TOKEN", "value": "{{ RUNPOD_SECRET_hf-token }}" }] } }\n',
  '.env': 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\n',
  // Not a secret's use: a misspelt prefix, another name that starts the same, a plain word.
  'other.runpod.env': 'A={{ RUNPD_SECRET_hf-token }}\nB={{ RUNPOD_SECRET_hf-token2 }}\nC=hf-token\n',
  'notes.txt': 'HF={{ RUNPOD_SECRET_hf-token }}\n',
};

/** `file:line:start-end` of each `RUNPOD_SECRET_<name>` (whole name) in `files`, found by plain text search. */
function where(name: string, files: (keyof typeof FILES)[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    FILES[file].split('\n').forEach((line, n) => {
      for (let at = line.indexOf(`RUNPOD_SECRET_${name}`); at >= 0; at = line.indexOf(`RUNPOD_SECRET_${name}`, at + 1)) {
        const start = at + 'RUNPOD_SECRET_'.length;
        if (/[\w.\-/]/.test(line[start + name.length] ?? '')) continue;
        out.push(`${file}:${n}:${start}-${start + name.length}`);
      }
    });
  }
  return out.sort();
}

describe('textDocument/references and documentHighlight across the workspace', () => {
  const session = useIndexedWorkspace(FILES, { initializationOptions: { secrets: FRESH } });

  it('lists the references to the secret under the cursor in every RunPod file, opened or not, by the name as written', async () => {
    const { ws, client } = session;
    const { text, offset } = cursor('HF_TOKEN={{ RUNPOD_SECRET_hf-to|ken }}\nMIRROR=https://x/{{ RUNPOD_SECRET_hf-token }}/y\nDB={{ RUNPOD_SECRET_db_password }}\n');
    const uri = ws.uriOf('train.runpod.env');
    await client.open(uri, 'runpod-env', text);
    const locations = (await client.references(uri, offset))!;
    const found = locations.map((l) => `${decodeURIComponent(l.uri.slice(ws.uri.length + 1))}:${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`).sort();
    expect(found).toEqual(where('hf-token', ['train.runpod.env', 'pod.runpod.json', 'serve/runpod.toml', '.runpod/hub.json', '.env']));
    await client.close(uri);
  });

  it('works from the braces and the prefix too, and answers null away from a reference', async () => {
    const { ws, client } = session;
    const uri = ws.uriOf('pod.runpod.json');
    const text = FILES['pod.runpod.json'];
    await client.open(uri, 'json', text);
    expect((await client.references(uri, text.indexOf('{{ RUNPOD')))!.length).toBe(6);
    expect((await client.references(uri, text.indexOf('RUNPOD_SECRET_') + 3))!.length).toBe(6);
    expect(await client.references(uri, text.indexOf('"env"'))).toBeNull();
    await client.close(uri);
  });

  it('an open document counts with its unsaved text, and its file on disk again once closed', async () => {
    const { ws, client } = session;
    const uri = ws.uriOf('serve/runpod.toml');
    await client.open(uri, 'plaintext', '[project.env_vars]\nHF_TOKEN = "{{ RUNPOD_SECRET_db_password }}"\n');
    const from = ws.uriOf('train.runpod.env');
    const trainText = FILES['train.runpod.env'];
    await client.open(from, 'runpod-env', trainText);
    const at = trainText.indexOf('hf-token');
    expect((await client.references(from, at))!.map((l) => l.uri)).not.toContain(uri);
    expect((await client.references(from, trainText.indexOf('db_password')))!.map((l) => l.uri)).toContain(uri);
    await client.close(uri);
    expect((await client.references(from, at))!.map((l) => l.uri)).toContain(uri);
    await client.close(from);
  });

  it('highlights the references to the same secret in the current file only', async () => {
    const { ws, client } = session;
    const uri = ws.uriOf('train.runpod.env');
    const text = FILES['train.runpod.env'];
    const doc = await client.open(uri, 'runpod-env', text);
    const highlights = (await client.highlights(uri, text.indexOf('hf-token')))!;
    expect(highlights.map((h) => doc.getText(h.range))).toEqual(['hf-token', 'hf-token']);
    expect((await client.highlights(uri, text.indexOf('db_password')))!.map((h) => doc.getText(h.range))).toEqual(['db_password']);
    expect(await client.highlights(uri, 0)).toBeNull();
    await client.close(uri);
  });

  it('an open document outside every workspace folder is indexed while it is open', async () => {
    const { ws, client } = session;
    const outside = new TempWorkspace({});
    try {
      const uri = outside.uriOf('loose.runpod.env');
      await client.open(uri, 'runpod-env', 'X={{ RUNPOD_SECRET_hf-token }}\n');
      const from = ws.uriOf('train.runpod.env');
      await client.open(from, 'runpod-env', FILES['train.runpod.env']);
      expect((await client.references(from, FILES['train.runpod.env'].indexOf('hf-token')))!.map((l) => l.uri)).toContain(uri);
      await client.close(uri);
      expect((await client.references(from, FILES['train.runpod.env'].indexOf('hf-token')))!.map((l) => l.uri)).not.toContain(uri);
      await client.close(from);
    } finally {
      outside.dispose();
    }
  });
});
