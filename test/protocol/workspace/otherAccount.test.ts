/**
 * Files of another account: `runpod.environments` declares dev -> account dev, prod -> account
 * Prod (another letter case: one account), and the client says which account its secret list is
 * (`account` in `runpod/secretsChanged`). A file of the other account is not judged against the
 * list (no unknown-secret, no rotation, no names from the wrong list), gets one information note
 * saying so, and rename and usage counts leave it out. An older client that says no account: as
 * before, every file is the list's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, WorkspaceDiagnosticReport, WorkspaceFullDocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { SecretsChangedParams } from '../../../server/src/protocol';
import type { LspClient } from '../lspClient';
import { editsByUri, startOn, TempWorkspace, usages, useIndexedWorkspace } from './helpers';

const DEV_FILE = 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nDB_PASSWORD={{ RUNPOD_SECRET_db_password_dev }}\n';
const PROD_FILE = 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\nDB_PASSWORD={{ RUNPOD_SECRET_db_password_prod }}\n';
const FILES = {
  'train.dev.runpod.env': DEV_FILE,
  'train.prod.runpod.env': PROD_FILE,
  // Of no environment: the active account's, whichever it is.
  'notes.runpod.env': 'HF={{ RUNPOD_SECRET_hf-token }}\n',
  // Declared with an account that is no account name (a key pasted there): fails closed.
  'qa/train.runpod.env': 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\n',
};
const ENVIRONMENTS = {
  dev: { files: ['train.dev.runpod.env'], account: 'dev' },
  prod: { files: ['train.prod.runpod.env'], account: 'Prod' },
  qa: { files: ['qa/*.runpod.env'], account: 'rpa_NOTAKEY but surely not a name' },
};
const at = '2026-11-20T10:00:00Z';
const DEV: SecretsChangedParams = { state: 'fresh', secrets: [{ name: 'hf-token' }, { name: 'db_password_dev', valueLastUpdatedAt: '2020-01-01T00:00:00Z' }], fetchedAt: at, account: 'dev' };
const PROD: SecretsChangedParams = { state: 'fresh', secrets: [{ name: 'hf-token' }, { name: 'db_password_prod' }], fetchedAt: at, account: 'prod' };

const codes = (items: readonly Diagnostic[]) => items.map((d) => `${d.code} ${d.range.start.line}`);
const note = (items: readonly Diagnostic[]) => items.filter((d) => d.code === 'other-account');

function full(report: WorkspaceDiagnosticReport): Map<string, Diagnostic[]> {
  return new Map(report.items.filter((i): i is WorkspaceFullDocumentDiagnosticReport => i.kind === 'full').map((r) => [r.uri, r.items]));
}

/** Runs `test` on a server over a new workspace of `files`, told `secrets` and the `environments` setting; stopped and removed after. */
async function onServer(files: Record<string, string>, secrets: SecretsChangedParams, environments: unknown, test: (client: LspClient, ws: TempWorkspace) => Promise<void>): Promise<void> {
  const ws = new TempWorkspace(files);
  const client = await startOn(ws, { initializationOptions: { secrets }, configuration: () => ({ environments }) });
  try {
    await test(client, ws);
  } finally {
    await client.stop();
    ws.dispose();
  }
}

describe('files of another account than the one the secret list belongs to', () => {
  const session = useIndexedWorkspace(FILES, { initializationOptions: { secrets: DEV }, configuration: () => ({ environments: ENVIRONMENTS, secrets: { rotationDays: 90 } }) }, true);
  const open = async (client: LspClient, uri: string, text: string) => client.open(uri, 'runpod-env', text);
  /** Opens prod's and dev's files in the session's editor; their URIs. */
  const openBoth = async (): Promise<{ client: LspClient; prod: string; dev: string }> => {
    const { ws, client } = session;
    const prod = ws.uriOf('train.prod.runpod.env');
    const dev = ws.uriOf('train.dev.runpod.env');
    await open(client, prod, PROD_FILE);
    await open(client, dev, DEV_FILE);
    return { client, prod, dev };
  };

  it("dev's list: prod's file gets no unknown-secret, only the note on its first line; dev's file is checked as before", async () => {
    const { client, prod, dev } = await openBoth();
    const items = await client.diagnostics(prod);
    // Not shared-environment-secret either: hf-token of Prod is another secret than dev's.
    expect(codes(items)).toEqual(['other-account 0']);
    expect(items[0]!.severity).toBe(3); // information
    expect(items[0]!.message).toBe('Secret names in this file are not checked: it is for account Prod, and dev is active. Switch to Prod (RunPod: Switch Account...) to check them.');
    expect(items[0]!.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: PROD_FILE.indexOf('\n') } });
    // dev's own file: its list (db_password_dev's value is old: rotation is judged), no note.
    expect(codes(await client.diagnostics(dev))).toEqual(['secret-rotation-due 1']);
    // Completion in prod's file offers none of dev's names; hover says nothing of dev's secret.
    const names = (await client.completion(prod, PROD_FILE.indexOf('db_password_prod'))).map((c) => c.label);
    expect(names).not.toContain('db_password_dev');
    // Hover says why the name is not checked, not that the list is not loaded.
    const shown = JSON.stringify((await client.hover(prod, PROD_FILE.indexOf('db_password_prod')))?.contents);
    expect(shown).toMatch(/not checked: it is for account Prod, and dev is active/);
    expect(shown).not.toMatch(/not loaded/);
    const actions = await client.codeActions(prod, PROD_FILE.indexOf('db_password_prod'), PROD_FILE.indexOf('db_password_prod') + 3, items);
    expect(actions.map((a) => a.title).join('\n')).not.toMatch(/db_password_dev/);
  });

  it("after secretsChanged with prod's list: prod's file is checked, dev's file gets the note", async () => {
    const { client, prod, dev } = await openBoth();
    await client.secretsChanged(PROD);
    expect(codes(await client.diagnostics(prod))).toEqual([]);
    // The Secrets view's counts are now prod's.
    const counted = (await usages(client, { names: ['hf-token'] })).usages['hf-token']!;
    // prod's file and the shared one; qa's file too: its account is not a name, so it may run under prod.
    expect(counted.files).toBe(3);
    const items = await client.diagnostics(dev);
    expect(codes(items)).toEqual(['other-account 0']);
    expect(items[0]!.message).toMatch(/it is for account dev, and prod is active\. Switch to dev /);
  });

  it('workspace diagnostics judge unopened files the same way; an invalid declared account fails closed without showing it', async () => {
    const { ws, client } = session;
    const byUri = full(await client.workspaceDiagnostics());
    expect(codes(byUri.get(ws.uriOf('train.prod.runpod.env')) ?? [])).toEqual(['other-account 0']);
    expect(codes(byUri.get(ws.uriOf('train.dev.runpod.env')) ?? [])).toEqual(['secret-rotation-due 1']);
    expect(byUri.get(ws.uriOf('notes.runpod.env')) ?? []).toEqual([]);
    const qa = note(byUri.get(ws.uriOf('qa/train.runpod.env')) ?? []);
    expect(qa.map((d) => d.message)).toEqual([expect.stringMatching(/environment qa's "account" in runpod\.environments is not an account name/)]);
    expect(JSON.stringify(qa)).not.toMatch(/rpa_|NOTAKEY/);
  });

  it("rename leaves prod's file untouched and says so; F2 from dev's file too; prepareRename in prod's file says why not", async () => {
    const { ws, client } = session;
    const answer = (await client.request('runpod/renameSecret', { from: 'hf-token', to: 'hf-read-token' })) as { leftOut?: unknown };
    expect([...editsByUri(answer as never).keys()].sort()).toEqual([ws.uriOf('notes.runpod.env'), ws.uriOf('train.dev.runpod.env')].sort());
    expect(answer.leftOut).toEqual([
      { uri: ws.uriOf('qa/train.runpod.env'), environment: 'qa' },
      { uri: ws.uriOf('train.prod.runpod.env'), environment: 'prod', account: 'Prod' },
    ]);
    // The account the new secret was made in decides, whichever is active (a switch during the create).
    const inProd = (await client.request('runpod/renameSecret', { from: 'hf-token', to: 'hf-read-token', account: 'prod' })) as { leftOut?: unknown };
    expect([...editsByUri(inProd as never).keys()].sort()).toEqual([ws.uriOf('notes.runpod.env'), ws.uriOf('train.prod.runpod.env')].sort());
    expect(inProd.leftOut).toEqual([
      { uri: ws.uriOf('qa/train.runpod.env'), environment: 'qa' },
      { uri: ws.uriOf('train.dev.runpod.env'), environment: 'dev', account: 'dev' },
    ]);
    // Not an account name: the active account's, as without one.
    const odd = (await client.request('runpod/renameSecret', { from: 'hf-token', to: 'hf-read-token', account: 'rpa_NOTAKEY x' })) as { leftOut?: unknown };
    expect([...editsByUri(odd as never).keys()].sort()).toEqual([ws.uriOf('notes.runpod.env'), ws.uriOf('train.dev.runpod.env')].sort());
    const dev = ws.uriOf('train.dev.runpod.env');
    await open(client, dev, DEV_FILE);
    const edit = (await client.rename(dev, DEV_FILE.indexOf('hf-token'), 'hf-read-token'))!;
    expect([...editsByUri(edit).keys()].sort()).toEqual([ws.uriOf('notes.runpod.env'), dev].sort());
    expect(readFileSync(ws.path('train.prod.runpod.env'), 'utf8')).toBe(PROD_FILE);
    // F2 gives VS Code the edit alone; the client then asks what it left out, for the same position, to say it.
    const position = (offset: number) => ({ line: 0, character: offset });
    expect(await client.request('runpod/renameLeftOut', { textDocument: { uri: dev }, position: position(DEV_FILE.indexOf('hf-token')) })).toEqual({ leftOut: answer.leftOut });
    // Off a reference, or a document the server does not serve: nothing left out, no error.
    expect(await client.request('runpod/renameLeftOut', { textDocument: { uri: dev }, position: position(0) })).toEqual({ leftOut: [] });
    expect(await client.request('runpod/renameLeftOut', { textDocument: { uri: 'file:///nowhere.txt' }, position: position(0) })).toEqual({ leftOut: [] });
    expect(await client.request('runpod/renameLeftOut', 'junk')).toEqual({ leftOut: [] });
    const prod = ws.uriOf('train.prod.runpod.env');
    await open(client, prod, PROD_FILE);
    await expect(client.prepareRename(prod, PROD_FILE.indexOf('hf-token'))).rejects.toThrow(/for account Prod, and dev is active\. Switch to Prod/);
  });

  it("usage counts are the active account's: prod's files are left out; a file whose account is not a name still counts (Delete must not call such a secret unused)", async () => {
    const { ws, client } = session;
    const result = await usages(client, { names: ['hf-token', 'db_password_prod'], withLocations: true });
    expect(result.usages['hf-token']!.files).toBe(3);
    expect(result.usages['hf-token']!.locations!.map((l) => l.uri).sort()).toEqual([ws.uriOf('notes.runpod.env'), ws.uriOf('qa/train.runpod.env'), ws.uriOf('train.dev.runpod.env')].sort());
    expect(result.usages['db_password_prod']?.files ?? 0).toBe(0);
  });
});

describe('an older client that says no account', () => {
  it('judges every file against the list, as before', async () => {
    const ws = new TempWorkspace(FILES);
    const { account: _, ...noAccount } = DEV;
    const client = await startOn(ws, { initializationOptions: { secrets: noAccount }, configuration: () => ({ environments: ENVIRONMENTS }) });
    try {
      const prod = ws.uriOf('train.prod.runpod.env');
      await client.open(prod, 'runpod-env', PROD_FILE);
      // shared-environment-secret stays out all the same: dev and prod declare different accounts (no active one needed).
      expect(codes(await client.diagnostics(prod))).toEqual(['unknown-secret 1']);
      expect((await usages(client, { names: ['hf-token'] })).usages['hf-token']!.files).toBe(4);
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});

describe('the note on another account\'s file says to add an account the editor does not hold', () => {
  it('Prod not held: "Add account Prod"; once held (another letter case): "Switch to Prod"; F2 in the file says the same', async () => {
    const ws = new TempWorkspace(FILES);
    // The held names as the extension sends them (catalogSync.ts serverCatalog); one not a name is left out.
    const client = await startOn(ws, { initializationOptions: { secrets: { ...DEV, accounts: ['dev', 'rpa_NOTANAME!'] } }, configuration: () => ({ environments: ENVIRONMENTS }) });
    try {
      const prod = ws.uriOf('train.prod.runpod.env');
      await client.open(prod, 'runpod-env', PROD_FILE);
      const [added] = note(await client.diagnostics(prod));
      expect(added!.message).toBe('Secret names in this file are not checked: it is for account Prod, and dev is active. Add account Prod (RunPod: Add Account...) to check them.');
      await expect(client.prepareRename(prod, PROD_FILE.indexOf('hf-token'))).rejects.toThrow(/Add account Prod \(RunPod: Add Account\.\.\.\) to rename them here/);
      await client.secretsChanged({ ...DEV, accounts: ['dev', 'prod'] });
      const [held] = note(await client.diagnostics(prod));
      expect(held!.message).toMatch(/and dev is active\. Switch to Prod \(RunPod: Switch Account\.\.\.\) to check them\.$/);
    } finally {
      await client.stop();
      ws.dispose();
    }
  });
});

describe('an environment of no declared account is the active account\'s: its secret names are not shared with another account\'s environment', () => {
  it('dev declares none, prod is team, default active: no shared-environment-secret on either file, open or on disk; team active: one secret, the hint', async () => {
    const SHARED = 'DB_PASSWORD={{ RUNPOD_SECRET_db_password }}\n';
    const list = (account: string): SecretsChangedParams => ({ state: 'fresh', secrets: [{ name: 'db_password' }], fetchedAt: at, account, accounts: ['default', 'team'] });
    await onServer({ 'train.dev.runpod.env': SHARED, 'train.prod.runpod.env': SHARED }, list('default'), { prod: { files: ['train.prod.runpod.env'], account: 'team' } }, async (client, ws) => {
      const dev = ws.uriOf('train.dev.runpod.env');
      const prod = ws.uriOf('train.prod.runpod.env');
      const onDisk = full(await client.workspaceDiagnostics());
      expect(codes(onDisk.get(dev) ?? [])).toEqual([]);
      expect(codes(onDisk.get(prod) ?? [])).toEqual(['other-account 0']);
      await client.open(dev, 'runpod-env', SHARED);
      await client.open(prod, 'runpod-env', SHARED);
      expect(codes(await client.diagnostics(dev))).toEqual([]);
      expect(codes(await client.diagnostics(prod))).toEqual(['other-account 0']);
      // team active: dev runs under team too, so both use team's one db_password.
      await client.secretsChanged(list('team'));
      expect(codes(await client.diagnostics(dev))).toEqual(['shared-environment-secret 0']);
      expect(codes(await client.diagnostics(prod))).toEqual(['shared-environment-secret 0']);
    });
  });
});

describe('signed out: the note names no account as active', () => {
  it('the window\'s account holds no key (the client sends it, and held names without it): "you are signed out", then the step; once held, the account is named again', async () => {
    const signedOut: SecretsChangedParams = { state: 'unknown', secrets: [], account: 'default', accounts: [] };
    await onServer(FILES, signedOut, ENVIRONMENTS, async (client, ws) => {
      const prod = ws.uriOf('train.prod.runpod.env');
      await client.open(prod, 'runpod-env', PROD_FILE);
      const [out] = note(await client.diagnostics(prod));
      expect(out!.message).toBe('Secret names in this file are not checked: it is for account Prod, and you are signed out. Add account Prod (RunPod: Add Account...) to check them.');
      const qa = ws.uriOf('qa/train.runpod.env');
      await client.open(qa, 'runpod-env', 'HF_TOKEN={{ RUNPOD_SECRET_hf-token }}\n');
      expect(note(await client.diagnostics(qa))[0]!.message).toMatch(/so the file may be another account's\. Set it/);
      await client.secretsChanged({ ...DEV, account: 'default', accounts: ['default', 'prod'] });
      expect(note(await client.diagnostics(prod))[0]!.message).toMatch(/it is for account Prod, and default is active\. Switch to Prod /);
    });
  });
});
