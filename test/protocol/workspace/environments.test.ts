/**
 * The environment rules (issue 13) in the language server: an env file of one environment is judged
 * with its siblings from the workspace index, opened or not; the cross-environment quick fix is
 * offered; a change to one sibling (on disk or typed) re-checks the others; files declared in
 * `runpod.environments` are grouped by the setting; unopened files get the same problems through
 * workspace diagnostics.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic, WorkspaceFullDocumentDiagnosticReport } from 'vscode-languageserver/node';
import { MAX_LISTED_PROBLEMS } from '../../../server/src/template/problemLimit';
import { FRESH, SECRETS } from '../fixtures';
import { applyEdits, LspClient, PUSH_CAPABILITIES } from '../lspClient';
import { CodeActionResolveRequest, type CodeAction } from 'vscode-languageserver/node';
import { CHANGED, editsByUri, eventually, INDEX_CAPABILITIES, startOn, TempWorkspace } from './helpers';

const DEV = '# dev\nHF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nOPENAI_API_KEY={{ RUNPOD_SECRET_openai-key }}\nDB_PASSWORD={{ RUNPOD_SECRET_db_password }}\n';
const PROD = '# prod\nHF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nDB_PASSWORD={{ RUNPOD_SECRET_db_password_dev }}\n';
const SHARED = 'WANDB_PROJECT=llama\n';
const CATALOG = { ...FRESH, secrets: [...SECRETS, { name: 'openai-key' }, { name: 'db_password_dev' }] };

/** The environment codes among `items` (HF_TOKEN references hf-token in both environments: shared-environment-secret). */
const environmentCodes = (items: readonly Diagnostic[]): string[] =>
  items.filter((d) => /environment/.test(String(d.code))).map((d) => `${d.code} ${d.range.start.line}`);

describe('environment rules in the language server', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  afterEach(async () => {
    await client.stop();
    ws.dispose();
  });

  /** A dev/prod pair with prod open: its missing-in-environment problem on a line, and the "Add KEY" action on it. */
  async function openPair(dev: string, prod: string, capabilities = INDEX_CAPABILITIES) {
    ws = new TempWorkspace({ 'train.dev.runpod.env': dev, 'train.prod.runpod.env': prod });
    client = await startOn(ws, { initializationOptions: { secrets: CATALOG }, capabilities });
    const prodUri = ws.uriOf('train.prod.runpod.env');
    const devUri = ws.uriOf('train.dev.runpod.env');
    await client.open(prodUri, 'runpod-env', prod);
    const doc = client.doc(prodUri);
    const missing = (await client.diagnostics(prodUri)).filter((d) => d.code === 'missing-in-environment');
    const problemAt = (line: number) => missing.find((d) => d.range.start.line === line)!;
    const addKeyAt = async (line: number) => {
      const d = problemAt(line);
      return (await client.codeActions(prodUri, doc.offsetAt(d.range.start), doc.offsetAt(d.range.end), [d])).find((a) => a.title.startsWith('Add'))!;
    };
    return { prodUri, devUri, problemAt, addKeyAt };
  }

  /** DEV open beside a train.prod.runpod.json holding `json`: the "Add" action on dev's OPENAI_API_KEY, which prod lacks. */
  async function addFromDevTo(json: string, capabilities = INDEX_CAPABILITIES) {
    ws = new TempWorkspace({ 'train.dev.runpod.env': DEV, 'train.prod.runpod.json': json });
    client = await startOn(ws, { initializationOptions: { secrets: CATALOG }, capabilities });
    const devUri = ws.uriOf('train.dev.runpod.env');
    await client.open(devUri, 'runpod-env', DEV);
    const onKey = (await client.diagnostics(devUri)).find((d) => d.code === 'missing-in-environment' && String(d.message).includes('OPENAI_API_KEY'))!;
    const fromDev = (await client.codeActions(devUri, client.doc(devUri).offsetAt(onKey.range.start), client.doc(devUri).offsetAt(onKey.range.end), [onKey])).find((a) => a.title.startsWith('Add'))!;
    return { jsonUri: ws.uriOf('train.prod.runpod.json'), fromDev };
  }

  it('an open prod file is judged with its unopened dev sibling: the missing key, and the dev secret with its fix', async () => {
    ws = new TempWorkspace({ 'train.dev.runpod.env': DEV, 'train.prod.runpod.env': PROD, 'train.runpod.env': SHARED });
    client = await startOn(ws, { initializationOptions: { secrets: CATALOG } });
    const uri = ws.uriOf('train.prod.runpod.env');
    await client.open(uri, 'runpod-env', PROD);
    const items = await client.diagnostics(uri);
    expect(environmentCodes(items)).toEqual(['missing-in-environment 0', 'shared-environment-secret 1', 'cross-environment-secret 2']);
    expect(items.find((d) => d.code === 'missing-in-environment')!.message).toContain('OPENAI_API_KEY');
    const cross = items.find((d) => d.code === 'cross-environment-secret')!;
    const actions = await client.codeActions(uri, client.doc(uri).offsetAt(cross.range.start), client.doc(uri).offsetAt(cross.range.end), [cross]);
    const fix = actions.find((a) => a.title.includes('db_password'))!;
    expect(fix.title).toBe("Replace with `db_password` (prod's secret)");
    expect(fix.diagnostics).toEqual([cross]);
    const edits = fix.edit!.changes![uri]!;
    expect(applyEdits(PROD, edits)).toBe(PROD.replace('db_password_dev', 'db_password'));
  });

  it('shared-environment-secret in dev offers its own secret: the reference renamed to `hf-token-dev`, and Create Secret for it when the account lacks it', async () => {
    ws = new TempWorkspace({ 'train.dev.runpod.env': DEV, 'train.prod.runpod.env': PROD });
    client = await startOn(ws, { initializationOptions: { secrets: CATALOG } });
    const uri = ws.uriOf('train.dev.runpod.env');
    await client.open(uri, 'runpod-env', DEV);
    const shared = (await client.diagnostics(uri)).find((d) => d.code === 'shared-environment-secret')!;
    const doc = client.doc(uri);
    const actions = await client.codeActions(uri, doc.offsetAt(shared.range.start), doc.offsetAt(shared.range.end), [shared]);
    const own = actions.find((a) => a.title.includes('hf-token-dev'))!;
    expect(own.title).toBe('Use a secret of dev alone, `hf-token-dev` (create it)');
    expect(own.diagnostics).toEqual([shared]);
    expect(applyEdits(DEV, own.edit!.changes![uri]!)).toBe(DEV.replace('RUNPOD_SECRET_hf-token', 'RUNPOD_SECRET_hf-token-dev'));
    expect(own.command).toMatchObject({ command: 'runpod.secrets.create', arguments: [{ name: 'hf-token-dev' }] });
  });

  it('shared-environment-secret when the account has the environment\'s own secret: the reference renamed to it, nothing to create', async () => {
    ws = new TempWorkspace({ 'train.dev.runpod.env': DEV, 'train.prod.runpod.env': PROD });
    client = await startOn(ws, { initializationOptions: { secrets: { ...CATALOG, secrets: [...CATALOG.secrets, { name: 'hf-token-dev' }] } } });
    const uri = ws.uriOf('train.dev.runpod.env');
    await client.open(uri, 'runpod-env', DEV);
    const shared = (await client.diagnostics(uri)).find((d) => d.code === 'shared-environment-secret')!;
    const doc = client.doc(uri);
    const own = (await client.codeActions(uri, doc.offsetAt(shared.range.start), doc.offsetAt(shared.range.end), [shared])).find((a) => a.title.includes('hf-token-dev'))!;
    expect(own.title).toBe("Use `hf-token-dev` (dev's own secret)");
    expect(own.command).toBeUndefined();
  });

  it('missing-in-environment offers "Add KEY to <file>": a reference is copied as the same reference, a plain value never; the key goes at the end of the other file', async () => {
    // prod lacks OPENAI_API_KEY (a reference in dev) and dev lacks PORT and API_KEY (plain values in prod); prod has no final line break.
    const prod = '# prod\nHF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nDB_PASSWORD={{ RUNPOD_SECRET_db_password }}\nPORT=8080\nAPI_KEY=sk-live-0123456789abcdefABCDEF';
    const { prodUri, devUri, problemAt, addKeyAt } = await openPair(DEV, prod);
    // Here, on the first line: OPENAI_API_KEY goes into this file, after a line break it lacks.
    const here = problemAt(0);
    const addHere = await addKeyAt(0);
    expect(addHere.title).toBe('Add `OPENAI_API_KEY` to train.prod.runpod.env');
    expect(addHere.diagnostics).toEqual([here]);
    expect(applyEdits(prod, addHere.edit!.changes![prodUri]!)).toBe(`${prod}\nOPENAI_API_KEY={{ RUNPOD_SECRET_openai-key }}\n`);
    // The converse, on prod's PORT: added to dev (which ends with a line break), with an empty value.
    const addPort = await addKeyAt(3);
    expect(addPort.title).toBe('Add `PORT` to train.dev.runpod.env');
    expect(Object.keys(addPort.edit!.changes!)).toEqual([devUri]);
    expect(applyEdits(DEV, addPort.edit!.changes![devUri]!)).toBe(`${DEV}PORT=\n`);
    // A credential written in plain is never copied.
    const addKey = await addKeyAt(4);
    expect(applyEdits(DEV, addKey.edit!.changes![devUri]!)).toBe(`${DEV}API_KEY=\n`);
    expect(JSON.stringify(addKey)).not.toContain('sk-live');
  });

  it('"Add KEY to <file>" leaves the value empty when the reference is inside a longer value, in an unopened file or the open one', async () => {
    // Copied alone, `{{ RUNPOD_SECRET_db_password }}` would give the other environment the password as its URL.
    const dev = '# dev\nDATABASE_URL=postgres://u:{{ RUNPOD_SECRET_db_password }}@db/dev\n';
    const prod = '# prod\nCACHE_URL="redis://:{{ RUNPOD_SECRET_hf-token }}@cache:6379"\n';
    const { prodUri, devUri, addKeyAt: action } = await openPair(dev, prod);
    // From the unopened dev file (the index's references).
    expect(applyEdits(prod, (await action(0)).edit!.changes![prodUri]!)).toBe(`${prod}DATABASE_URL=\n`);
    // From the open prod file (its analysis).
    expect(applyEdits(dev, (await action(1)).edit!.changes![devUri]!)).toBe(`${dev}CACHE_URL=\n`);
  });

  it('"Add KEY to <file>" gives prod its own secret for a reference named for dev, or an empty value when the account has none', async () => {
    // dev's DB_PASSWORD is db_password_dev (prod's match, db_password, is on the account); dev's
    // WANDB_API_KEY is dev-wandb-key, with no prod match. Copied as they are, prod would boot with dev's secrets.
    const dev = '# dev\nDB_PASSWORD={{ RUNPOD_SECRET_db_password_dev }}\nWANDB_API_KEY={{ RUNPOD_SECRET_dev-wandb-key }}\n';
    const prod = '# prod\nPORT=8080\n';
    const { prodUri } = await openPair(dev, prod);
    // Both keys are missing on prod's first line: one problem each, one action each.
    const missing = (await client.diagnostics(prodUri)).filter((d) => d.code === 'missing-in-environment');
    const actions = await client.codeActions(prodUri, 0, 1, missing);
    const edited = (title: string) => applyEdits(prod, actions.find((a) => a.title === title)!.edit!.changes![prodUri]!);
    expect(edited('Add `DB_PASSWORD` to train.prod.runpod.env')).toBe(`${prod}DB_PASSWORD={{ RUNPOD_SECRET_db_password }}\n`);
    expect(edited('Add `WANDB_API_KEY` to train.prod.runpod.env')).toBe(`${prod}WANDB_API_KEY=\n`);
  });

  it('"Add KEY to <file>" into a train.prod.runpod.json adds a member of its env object, from the dev file and from the open JSON file itself, and the JSON stays valid', async () => {
    // An env line appended to the JSON broke it: a syntax-error, and a template RunPod refuses.
    const json = '{\n  "name": "train-prod",\n  "env": {\n    "HF_TOKEN": "{{ RUNPOD_SECRET_hf-token }}"\n  }\n}\n';
    const { jsonUri, fromDev } = await addFromDevTo(json);
    expect(fromDev.title).toBe('Add `OPENAI_API_KEY` to train.prod.runpod.json');
    const edited = applyEdits(json, fromDev.edit!.changes![jsonUri]!);
    expect(JSON.parse(edited).env).toEqual({ HF_TOKEN: '{{ RUNPOD_SECRET_hf-token }}', OPENAI_API_KEY: '{{ RUNPOD_SECRET_openai-key }}' });
    // From the JSON file open in the editor: the first-line problem's action edits the file itself.
    await client.open(jsonUri, 'json', json);
    const here = (await client.diagnostics(jsonUri)).find((d) => d.code === 'missing-in-environment' && String(d.message).includes('DB_PASSWORD'))!;
    const fromJson = (await client.codeActions(jsonUri, client.doc(jsonUri).offsetAt(here.range.start), client.doc(jsonUri).offsetAt(here.range.end), [here])).find((a) => a.title === 'Add `DB_PASSWORD` to train.prod.runpod.json')!;
    expect(JSON.parse(applyEdits(json, fromJson.edit!.changes![jsonUri]!)).env.DB_PASSWORD).toBe('{{ RUNPOD_SECRET_db_password }}');
  });

  it('"Add KEY to <file>" into a train.prod.runpod.json without env gives it an env object holding the key, in its CRLF and tabs', async () => {
    const json = '{\r\n\t"name": "train-prod"\r\n}\r\n';
    const { jsonUri, fromDev } = await addFromDevTo(json);
    expect(fromDev.title).toBe('Add `OPENAI_API_KEY` to train.prod.runpod.json');
    expect(applyEdits(json, fromDev.edit!.changes![jsonUri]!)).toBe('{\r\n\t"name": "train-prod",\r\n\t"env": {\r\n\t\t"OPENAI_API_KEY": "{{ RUNPOD_SECRET_openai-key }}"\r\n\t}\r\n}\r\n');
  });

  it('typing in a value above the dev secret moves its problem and its fix with the text (answered unchanged while the lines stay)', async () => {
    const text = '# prod\nNOTE=plain\nHF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nDB_PASSWORD={{ RUNPOD_SECRET_db_password_dev }}\n';
    ws = new TempWorkspace({ 'train.dev.runpod.env': DEV, 'train.prod.runpod.env': text });
    client = await startOn(ws, { initializationOptions: { secrets: CATALOG } });
    const uri = ws.uriOf('train.prod.runpod.env');
    await client.open(uri, 'runpod-env', text);
    const first = await client.pull(uri);
    if (first.kind !== 'full') throw new Error('expected a full report');
    let resultId = first.resultId;
    // Typed one character at a time, as an editor sends it, each followed by a pull with the last id.
    const at = text.indexOf('plain') + 'plain'.length;
    for (const [i, c] of [...'-value'].entries()) {
      await client.change(uri, at + i, at + i, c);
      const report = await client.pull(uri, resultId);
      expect(report.kind, `after typing ${JSON.stringify(c)}`).toBe('unchanged');
      resultId = report.resultId ?? resultId;
    }
    const typed = client.doc(uri).getText();
    expect(typed).toContain('NOTE=plain-value');
    const items = await client.diagnostics(uri);
    const cross = items.find((d) => d.code === 'cross-environment-secret')!;
    const doc = client.doc(uri);
    expect(typed.slice(doc.offsetAt(cross.range.start), doc.offsetAt(cross.range.end))).toBe('db_password_dev');
    const actions = await client.codeActions(uri, doc.offsetAt(cross.range.start), doc.offsetAt(cross.range.end), [cross]);
    const fix = actions.find((a) => a.title.includes('db_password'))!;
    expect(applyEdits(typed, fix.edit!.changes![uri]!)).toBe(typed.replace('db_password_dev', 'db_password'));
    // Typing on after the fix was asked for (the moved answer read, and kept from there): the fix still lands on the name.
    for (const [i, c] of [...'-more'].entries()) await client.change(uri, at + '-value'.length + i, at + '-value'.length + i, c);
    const more = client.doc(uri).getText();
    expect(more).toContain('NOTE=plain-value-more');
    const crossNow = (await client.diagnostics(uri)).find((d) => d.code === 'cross-environment-secret')!;
    const fixNow = (await client.codeActions(uri, client.doc(uri).offsetAt(crossNow.range.start), client.doc(uri).offsetAt(crossNow.range.end), [crossNow])).find((a) => a.title.includes('db_password'))!;
    expect(applyEdits(more, fixNow.edit!.changes![uri]!)).toBe(more.replace('db_password_dev', 'db_password'));
    // A line added above: every problem below moves down one line.
    await client.change(uri, text.indexOf('NOTE'), text.indexOf('NOTE'), 'EXTRA=1\n');
    expect(environmentCodes(await client.diagnostics(uri))).toEqual(['missing-in-environment 0', 'missing-in-environment 1', 'missing-in-environment 2', 'shared-environment-secret 3', 'cross-environment-secret 4']);
  });

  it('a dev sibling of 3,000 keys: the prod file lists the cap of missing-in-environment and one note for the rest, as check does', async () => {
    const keys = 3_000;
    ws = new TempWorkspace({ 'train.dev.runpod.env': Array.from({ length: keys }, (_, i) => `K${i}=1\n`).join(''), 'train.prod.runpod.env': '# prod\n' });
    client = await startOn(ws, { initializationOptions: { secrets: CATALOG } });
    const uri = ws.uriOf('train.prod.runpod.env');
    await client.open(uri, 'runpod-env', '# prod\n');
    const items = await client.diagnostics(uri);
    const missing = items.filter((d) => d.code === 'missing-in-environment').length;
    expect(missing).toBe(MAX_LISTED_PROBLEMS);
    expect(items.filter((d) => d.code === 'too-many-problems').map((d) => d.data)).toEqual([{ notListed: { code: 'missing-in-environment', count: keys - missing } }]);
  });

  it("a prod file with no sibling environment is still warned about the dev secret it references", async () => {
    ws = new TempWorkspace({ 'train.prod.runpod.env': PROD });
    client = await startOn(ws, { initializationOptions: { secrets: CATALOG } });
    const uri = ws.uriOf('train.prod.runpod.env');
    await client.open(uri, 'runpod-env', PROD);
    expect(environmentCodes(await client.diagnostics(uri))).toEqual(['cross-environment-secret 2']);
  });

  it("the open shared file is judged for the environments that take its keys (as check and Compare Environments); defining the key in prod clears prod's share", async () => {
    const shared = 'X=pre {{ RUNPOD_SECRET_qa-file }}\nW={{ RUNPOD_SECRET_dev-token }}\n';
    ws = new TempWorkspace({ 'train.dev.runpod.env': 'A=1\n', 'train.prod.runpod.env': 'A=1\n', 'train.runpod.env': shared });
    client = await startOn(ws, { initializationOptions: { secrets: CATALOG } });
    const uri = ws.uriOf('train.runpod.env');
    await client.open(uri, 'runpod-env', shared);
    expect(environmentCodes(await client.diagnostics(uri))).toEqual(['cross-environment-secret 0', 'cross-environment-secret 1']);
    const refreshes = client.refreshCount;
    const prod = ws.write('train.prod.runpod.env', 'A=1\nW={{ RUNPOD_SECRET_prod-token }}\n');
    await client.watchedFiles([{ uri: prod, type: CHANGED }]);
    await client.waitFor(() => client.refreshCount > refreshes, 'a diagnostic refresh');
    expect(environmentCodes(await client.diagnostics(uri))).toEqual(['cross-environment-secret 0']);
  });

  it('a sibling changed on disk re-checks the open file: the refresh comes, and the missing key is gone', async () => {
    ws = new TempWorkspace({ 'train.dev.runpod.env': DEV, 'train.prod.runpod.env': PROD });
    client = await startOn(ws, { initializationOptions: { secrets: CATALOG } });
    const uri = ws.uriOf('train.prod.runpod.env');
    await client.open(uri, 'runpod-env', PROD);
    expect(environmentCodes(await client.diagnostics(uri))).toContain('missing-in-environment 0');
    const refreshes = client.refreshCount;
    const dev = ws.write('train.dev.runpod.env', DEV.replace(/OPENAI_API_KEY.*\n/, ''));
    await client.watchedFiles([{ uri: dev, type: CHANGED }]);
    await client.waitFor(() => client.refreshCount > refreshes, 'a diagnostic refresh');
    expect(environmentCodes(await client.diagnostics(uri))).toEqual(['shared-environment-secret 1', 'cross-environment-secret 2']);
  });

  it('"Add KEY to <file>" for the diagnostic the request names: a Quick Fix on the 13th missing key of a first line offers that key, not only the first ones', async () => {
    const dev = `# dev\n${Array.from({ length: 15 }, (_, i) => `K${i}=${i}\n`).join('')}`;
    const prod = '# prod\nPORT=8080\n';
    const { prodUri } = await openPair(dev, prod);
    const k12 = (await client.diagnostics(prodUri)).find((d) => d.code === 'missing-in-environment' && String(d.message).startsWith('`K12`'))!;
    const doc = client.doc(prodUri);
    const titles = (await client.codeActions(prodUri, doc.offsetAt(k12.range.start), doc.offsetAt(k12.range.end), [k12])).map((a) => a.title);
    expect(titles).toContain('Add `K12` to train.prod.runpod.env');
  });

  /** A client like VS Code: it resolves a code action's edit when it is chosen. */
  const RESOLVING = { ...INDEX_CAPABILITIES, textDocument: { ...INDEX_CAPABILITIES.textDocument, codeAction: { ...INDEX_CAPABILITIES.textDocument!.codeAction, dataSupport: true, resolveSupport: { properties: ['edit'] } } } };
  const resolve = (action: CodeAction): Promise<CodeAction> => client.connection.sendRequest(CodeActionResolveRequest.type, action);
  /** Prod lacking dev's 15 keys, all on its first line, listed by a resolving client. */
  async function fifteenMissing() {
    const dev = `# dev\n${Array.from({ length: 15 }, (_, i) => `K${i}=${i}\n`).join('')}`;
    const prod = '# prod\nPORT=8080\n';
    const { prodUri } = await openPair(dev, prod, RESOLVING);
    const missing = (await client.diagnostics(prodUri)).filter((d) => d.code === 'missing-in-environment' && d.range.start.line === 0);
    const actions = (await client.codeActions(prodUri, 0, 1, missing)).filter((a) => a.title.startsWith('Add'));
    return { prod, prodUri, actions, action: (title: string) => actions.find((a) => a.title === title)! };
  }

  it('"Add KEY to <file>" for a client that resolves edits: every key of a first line listed without reading prod, each edit and "Add all" computed on resolve', async () => {
    const { prod, prodUri, actions, action } = await fifteenMissing();
    expect(client.initializeResult.capabilities.codeActionProvider).toMatchObject({ resolveProvider: true });
    // All 15 (an eager client gets MAX_ADD_KEY_ACTIONS), and one adding them all.
    expect(actions.map((a) => a.title)).toEqual([...Array.from({ length: 15 }, (_, i) => `Add \`K${i}\` to train.prod.runpod.env`), 'Add all 15 missing keys to train.prod.runpod.env']);
    expect(actions.every((a) => a.edit === undefined && a.data !== undefined)).toBe(true);
    const k12 = await resolve(action('Add `K12` to train.prod.runpod.env'));
    expect(applyEdits(prod, editsByUri(k12.edit!).get(prodUri)!)).toBe(`${prod}K12=\n`);
    const all = await resolve(action('Add all 15 missing keys to train.prod.runpod.env'));
    expect(applyEdits(prod, editsByUri(all.edit!).get(prodUri)!)).toBe(`${prod}${Array.from({ length: 15 }, (_, i) => `K${i}=\n`).join('')}`);
    expect(client.messages).toEqual([]);
  });

  it('"Add KEY to <file>" resolved after typing elsewhere in the file still adds the key, to the text as it is now', async () => {
    const { prod, prodUri, action } = await fifteenMissing();
    const k3 = action('Add `K3` to train.prod.runpod.env');
    // Typed between the lightbulb and the choice, above the end the key goes to: the edit is computed on the text now.
    await client.change(prodUri, prod.indexOf('PORT'), prod.indexOf('PORT'), 'MODEL=llama\n');
    const typed = client.doc(prodUri).getText();
    const resolved = await resolve(k3);
    expect(applyEdits(typed, editsByUri(resolved.edit!).get(prodUri)!)).toBe(`${typed}K3=\n`);
    expect(client.messages).toEqual([]);
  });

  it('"Add KEY to <file>" resolved for a client of versioned edits names the open document\'s version, so an edit applied after more typing is refused; a file on disk has none; other clients get plain changes', async () => {
    const { prod, prodUri, action } = await fifteenMissing();
    const k3 = action('Add `K3` to train.prod.runpod.env');
    await client.change(prodUri, prod.indexOf('PORT'), prod.indexOf('PORT'), 'MODEL=llama\n');
    const resolved = await resolve(k3);
    // The edit was made for the text at this version: a client holding a newer one refuses it.
    expect(resolved.edit).toEqual({ documentChanges: [{ textDocument: { uri: prodUri, version: client.doc(prodUri).version }, edits: editsByUri(resolved.edit!).get(prodUri) }] });
    await client.stop();
    ws.dispose();
    // An unopened target: read from disk, no version to name.
    const { jsonUri, fromDev } = await addFromDevTo('{ "name": "x" }\n', RESOLVING);
    expect((await resolve(fromDev)).edit!.documentChanges).toEqual([{ textDocument: { uri: jsonUri, version: null }, edits: [expect.anything()] }]);
    await client.stop();
    ws.dispose();
    // A client without documentChanges: `changes`, as before.
    const plain = { ...RESOLVING, workspace: { ...RESOLVING.workspace, workspaceEdit: {} } };
    const again = await addFromDevTo('{ "name": "x" }\n', plain);
    expect(Object.keys((await resolve(again.fromDev)).edit!)).toEqual(['changes']);
  });

  it('"Add KEY to <file>" resolved where the key is defined now adds nothing and says why', async () => {
    const { prod, prodUri, action } = await fifteenMissing();
    const k3 = action('Add `K3` to train.prod.runpod.env');
    // K3 typed since listing: adding it again would override its value with an empty one.
    await client.change(prodUri, prod.length, prod.length, 'K3=typed\n');
    expect((await resolve(k3)).edit).toBeUndefined();
    await client.waitFor(() => client.messages.length === 1, 'a warning');
    expect(client.messages[0]).toMatch(/^Add `K3` to train\.prod\.runpod\.env cannot be applied: it is no longer missing there/);
    // Listed again: K3 is defined now, so not offered; K4's action resolved once K4 is typed in says so.
    const actions = (await client.codeActions(prodUri, 0, 1)).filter((a) => a.title.startsWith('Add'));
    expect(actions.map((a) => a.title)).not.toContain('Add `K3` to train.prod.runpod.env');
    const k4 = actions.find((a) => a.title === 'Add `K4` to train.prod.runpod.env')!;
    expect((await resolve({ ...k4, title: 'Add `K3` to train.prod.runpod.env', data: { ...(k4.data as object), keys: ['K3'] } })).edit).toBeUndefined();
    await client.waitFor(() => client.messages.length === 2, 'a second warning');
    expect(client.messages[1]).toMatch(/^Add `K3` to train\.prod\.runpod\.env cannot be applied: it is no longer missing there/);
  });

  it('"Add KEY to <file>" resolved with data the server did not list (another target, a closed file, malformed) adds nothing; malformed data is no "Add KEY" action and warns of nothing', async () => {
    const { prodUri, action } = await fifteenMissing();
    const k3 = action('Add `K3` to train.prod.runpod.env');
    const data = k3.data as Record<string, unknown>;
    // Files K3 could be added to, were they read: refused before any read (only a file a problem names is read).
    const inside = ws.write('other.runpod.env', 'X=1\n');
    const outside = ws.write('../outside.runpod.env', 'X=1\n');
    const refusedWithWarning = [
      { ...data, to: outside }, // outside the workspace
      { ...data, to: inside }, // a file no problem names
      { ...data, uri: ws.uriOf('train.dev.runpod.env') }, // a document not open
    ];
    for (const [i, d] of refusedWithWarning.entries()) {
      expect((await resolve({ ...k3, data: d })).edit, JSON.stringify(d)).toBeUndefined();
      await client.waitFor(() => client.messages.length === i + 1, 'a warning');
    }
    expect(client.messages.slice(0, 2).every((m) => /cannot be applied: it is no longer missing there/.test(m))).toBe(true);
    expect(client.messages[2]).toMatch(/cannot be applied: \S+ is not open \(closed since the quick fix was listed\); try the quick fix again\.$/);
    // Malformed: not an "Add KEY" action's data at all, so the answer is the action as sent, and no warning.
    for (const d of [{ ...data, keys: [] }, { ...data, keys: [1] }, { ...data, keys: ['K3', 'K3'] }, 'x']) {
      expect(await resolve({ ...k3, data: d })).toEqual({ ...k3, data: d });
    }
    // Another resolve that warns: had a malformed one warned, its message would come before this one.
    await resolve({ ...k3, data: { ...data, keys: ['NOT_LISTED'] } });
    await client.waitFor(() => client.messages.length === 4, 'a fourth warning');
    expect(client.messages[3]).toMatch(/cannot be applied: it is no longer missing there\.$/);
    expect(client.doc(prodUri)).toBeDefined();
  });

  it('"Add KEY to <file>" resolved into a JSON file with a syntax error adds nothing and says why (its reader stops at the first error)', async () => {
    const { fromDev } = await addFromDevTo('{\n  "name": "x"\n  "env": { "HF_TOKEN": "{{ RUNPOD_SECRET_hf-token }}" }\n}\n', RESOLVING);
    expect(fromDev.title).toBe('Add `OPENAI_API_KEY` to train.prod.runpod.json');
    expect((await resolve(fromDev)).edit).toBeUndefined();
    await client.waitFor(() => client.messages.length === 1, 'a warning');
    expect(client.messages[0]).toMatch(/^Add `OPENAI_API_KEY` to train\.prod\.runpod\.json cannot be applied: train\.prod\.runpod\.json has a syntax error, or no place where it stays valid with `OPENAI_API_KEY` added; fix it, then try the quick fix again\.$/);
  });

  it('"Add KEY to <file>" is not offered once the unopened file defines the key on disk, before any event says so (an editor that watches no files)', async () => {
    const { prodUri } = await openPair(DEV, PROD);
    // Prod (open) gets a key the unopened dev lacks: the converse problem on it offers adding it to dev.
    const prodWithPort = `${PROD}PORT=8080\n`;
    await client.change(prodUri, 0, PROD.length, prodWithPort);
    const addPort = async () => {
      const d = (await client.diagnostics(prodUri)).find((p) => p.code === 'missing-in-environment' && String(p.message).includes('PORT'))!;
      const doc = client.doc(prodUri);
      return (await client.codeActions(prodUri, doc.offsetAt(d.range.start), doc.offsetAt(d.range.end), [d])).filter((a) => a.title.startsWith('Add'));
    };
    expect((await addPort()).map((a) => a.title)).toEqual(['Add `PORT` to train.dev.runpod.env']);
    // Another tool writes PORT into dev; no watched-file event comes. A second PORT line would override it with an empty value.
    ws.write('train.dev.runpod.env', `${DEV}PORT={{ RUNPOD_SECRET_port }}\n`);
    expect(await addPort()).toEqual([]);
  });

  it('typing a key into the open dev file re-checks the open prod file', async () => {
    ws = new TempWorkspace({ 'train.dev.runpod.env': DEV, 'train.prod.runpod.env': PROD });
    client = await startOn(ws, { initializationOptions: { secrets: CATALOG } });
    const prod = ws.uriOf('train.prod.runpod.env');
    const dev = ws.uriOf('train.dev.runpod.env');
    await client.open(prod, 'runpod-env', PROD);
    await client.open(dev, 'runpod-env', DEV);
    expect(environmentCodes(await client.diagnostics(prod))).toEqual(['missing-in-environment 0', 'shared-environment-secret 1', 'cross-environment-secret 2']);
    const refreshes = client.refreshCount;
    await client.change(dev, DEV.length, DEV.length, 'NEW_KEY=1\n');
    // (A refresh from the first index may still be on its way: wait for the one that brings the new key.)
    const missingNewKey = async (): Promise<boolean> => (await client.diagnostics(prod)).some((d) => d.code === 'missing-in-environment' && String(d.message).includes('NEW_KEY'));
    await eventually(async () => client.refreshCount > refreshes && (await missingNewKey()), 'a refresh, then NEW_KEY missing in prod');
  });

  it('unopened files get their environment problems through workspace diagnostics', async () => {
    ws = new TempWorkspace({ 'train.dev.runpod.env': DEV, 'train.prod.runpod.env': PROD });
    client = await startOn(ws, { initializationOptions: { secrets: CATALOG } });
    const report = (await client.workspaceDiagnostics()).items as WorkspaceFullDocumentDiagnosticReport[];
    const byFile = new Map(report.map((r) => [r.uri, environmentCodes(r.items)]));
    expect(byFile.get(ws.uriOf('train.prod.runpod.env'))).toEqual(['missing-in-environment 0', 'shared-environment-secret 1', 'cross-environment-secret 2']);
    // The converse, on dev's definition of the key prod lacks.
    expect(byFile.get(ws.uriOf('train.dev.runpod.env'))).toEqual(['shared-environment-secret 1', 'missing-in-environment 2']);
  });

  it('runpod.environments groups files across folders by the setting', async () => {
    ws = new TempWorkspace({ 'deploy/dev/train.runpod.env': DEV, 'deploy/prod/train.runpod.env': PROD });
    const environments = { dev: { files: ['deploy/dev/*.runpod.env'], account: 'personal' }, prod: 'deploy/prod/*.runpod.env' };
    client = await startOn(ws, { initializationOptions: { secrets: CATALOG }, configuration: () => ({ environments }) });
    const uri = ws.uriOf('deploy/prod/train.runpod.env');
    await client.open(uri, 'runpod-env', PROD);
    expect(environmentCodes(await client.diagnostics(uri))).toEqual(['missing-in-environment 0', 'shared-environment-secret 1', 'cross-environment-secret 2']);
  });

  it('a Hub input with no default defines its key: an unopened sibling asking the deployer for HF_TOKEN does not lack it', async () => {
    const hub = (entry: string) => `{ "config": { "env": [ ${entry} ] } }\n`;
    const prod = hub('{ "key": "HF_TOKEN", "value": "{{ RUNPOD_SECRET_hf-token }}" }');
    const devWith = (key: string) => hub(`{ "key": "${key}", "input": { "name": "Token", "type": "string" } }`);
    const environments = { dev: 'dev/.runpod/hub.json', prod: 'prod/.runpod/hub.json' };
    const missingIn = async (dev: string) => {
      ws = new TempWorkspace({ 'dev/.runpod/hub.json': dev, 'prod/.runpod/hub.json': prod });
      client = await startOn(ws, { initializationOptions: { secrets: CATALOG }, configuration: () => ({ environments }) });
      const uri = ws.uriOf('prod/.runpod/hub.json');
      await client.open(uri, 'json', prod);
      const missing = (await client.diagnostics(uri)).filter((d) => d.code === 'missing-in-environment').map((d) => d.message);
      await client.stop();
      ws.dispose();
      return missing;
    };
    // Another input leaves HF_TOKEN missing in dev (the converse, on prod's key), and its own key is dev's.
    expect(await missingIn(devWith('MODEL'))).toEqual(['`MODEL` is defined for dev (dev/.runpod/hub.json) but missing here, in prod.', '`HF_TOKEN` is missing in dev (dev/.runpod/hub.json); prod defines it here.']);
    expect(await missingIn(devWith('HF_TOKEN'))).toEqual([]);
    // afterEach stops the last pair again: give it one to stop.
    ws = new TempWorkspace({});
    client = await startOn(ws, {});
  });

  it('"Add KEY to <file>" into a declared runpod.toml whose env_vars is an inline table, empty or not: the key goes into that table, and the TOML reads back whole', async () => {
    const prod = '[project]\nname = "p"\nenv_vars = { HF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}", MODEL = "m" }\n';
    const environments = { dev: 'dev/runpod.toml', prod: 'prod/runpod.toml' };
    const addFromProd = async (dev: string, key: string): Promise<string | undefined> => {
      ws = new TempWorkspace({ 'dev/runpod.toml': dev, 'prod/runpod.toml': prod });
      client = await startOn(ws, { initializationOptions: { secrets: CATALOG }, configuration: () => ({ environments }) });
      const uri = ws.uriOf('prod/runpod.toml');
      await client.open(uri, 'toml', prod);
      const onKey = (await client.diagnostics(uri)).find((d) => d.code === 'missing-in-environment' && String(d.message).includes(`\`${key}\``))!;
      const doc = client.doc(uri);
      const add = (await client.codeActions(uri, doc.offsetAt(onKey.range.start), doc.offsetAt(onKey.range.end), [onKey])).find((a) => a.title.startsWith(`Add \`${key}\``));
      const edits = add?.edit?.changes?.[ws.uriOf('dev/runpod.toml')];
      await client.stop();
      ws.dispose();
      return edits && applyEdits(dev, edits);
    };
    expect(await addFromProd('[project]\nname = "d"\nenv_vars = {}\n', 'HF_TOKEN')).toBe('[project]\nname = "d"\nenv_vars = { HF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}" }\n');
    expect(await addFromProd('[project]\nenv_vars = { HF_TOKEN = "x" }\n', 'MODEL')).toBe('[project]\nenv_vars = { HF_TOKEN = "x", MODEL = "" }\n');
    // afterEach stops the last pair again: give it one to stop.
    ws = new TempWorkspace({});
    client = await startOn(ws, {});
  });

  it('"Add all N missing keys" from any one missing key of the file defining them, though each key has its own diagnostic (two keys on one line of an inline table, or two lines)', async () => {
    // The lightbulb at a key asks for that key's range: "Add all" was built from the problems under it alone, one.
    const environments = { dev: 'dev/runpod.toml', prod: 'prod/runpod.toml' };
    const prod = '[project]\nname = "p"\nenv_vars = {}\n';
    const addAllFromDev = async (dev: string): Promise<[string[], string | undefined]> => {
      ws = new TempWorkspace({ 'dev/runpod.toml': dev, 'prod/runpod.toml': prod });
      client = await startOn(ws, { initializationOptions: { secrets: CATALOG }, configuration: () => ({ environments }) });
      const uri = ws.uriOf('dev/runpod.toml');
      await client.open(uri, 'toml', dev);
      const onKey = (await client.diagnostics(uri)).find((d) => d.code === 'missing-in-environment' && String(d.message).startsWith('`HF_TOKEN`'))!;
      const doc = client.doc(uri);
      const actions = await client.codeActions(uri, doc.offsetAt(onKey.range.start), doc.offsetAt(onKey.range.end), [onKey]);
      const edits = actions.find((a) => a.title.startsWith('Add all'))?.edit?.changes?.[ws.uriOf('prod/runpod.toml')];
      await client.stop();
      ws.dispose();
      return [actions.map((a) => a.title), edits && applyEdits(prod, edits)];
    };
    const both = '[project]\nname = "p"\nenv_vars = { HF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}", MODEL = "" }\n';
    expect(await addAllFromDev('[project]\nname = "d"\nenv_vars = { HF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}", MODEL = "m" }\n')).toEqual([['Add `HF_TOKEN` to prod/runpod.toml', 'Add all 2 missing keys to prod/runpod.toml'], both]);
    expect(await addAllFromDev('[project.env_vars]\nHF_TOKEN = "{{ RUNPOD_SECRET_hf-token }}"\nMODEL = "m"\n')).toEqual([['Add `HF_TOKEN` to prod/runpod.toml', 'Add all 2 missing keys to prod/runpod.toml'], both]);
    // afterEach stops the last pair again: give it one to stop.
    ws = new TempWorkspace({});
    client = await startOn(ws, {});
  });

  it('an editor that takes pushed diagnostics gets the environment problems pushed', async () => {
    ws = new TempWorkspace({ 'train.dev.runpod.env': DEV, 'train.prod.runpod.env': PROD });
    client = await startOn(ws, { capabilities: { ...PUSH_CAPABILITIES, workspace: { ...PUSH_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } }, initializationOptions: { secrets: CATALOG } });
    const uri = ws.uriOf('train.prod.runpod.env');
    await client.open(uri, 'runpod-env', PROD);
    await client.waitFor(() => environmentCodes(client.pushed.filter((p) => p.uri === uri).at(-1)?.diagnostics ?? []).length === 3, 'pushed environment problems');
  });
});
