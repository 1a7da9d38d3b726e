/**
 * RunPod: Import Key from RunPod CLI Config: on the user's command only, reads ~/.runpod/config.toml
 * (runpodctl's top-level apikey, the Python SDK's [default] / [name] tables with api_key; or
 * RUNPOD_CONFIG_FILE) with the bounded reader, lists its keys as accounts named after their tables
 * (never the keys), and keeps the ones the user picks in secret storage, each checked with one
 * listing first. The file is never written, and no message quotes it.
 */
import * as vscode from 'vscode';
import { plural } from '../../../server/src/template/counts';
import { findAccount } from '../auth/accountNames';
import { expectActiveKeyUnchanged } from '../auth/accountSwitch';
import { accountKeeping, keptAs, keptElsewhere, type StoredKey } from '../auth/keyRecords';
import { describeKeyCheck } from '../auth/keyRules';
import {
  configAccounts,
  configFileLocation,
  configKeyEntries,
  describeConfigSource,
  describeUnusable,
  readRunpodConfigAsync,
  type ConfigKeyEntry,
  type ConfigRead,
} from '../auth/runpodConfigFile';
import { readOrProblem } from '../workspaceText';
import { checkKey, endpointOrExplain, storeAccountKey, type CoreServices } from '../auth/session';
import { ADD_ACCOUNT_COMMAND, saveAccount } from './addAccount';

const IMPORT_CLI_CONFIG_COMMAND = 'runpod.importCliConfig';
const TITLE = 'RunPod: Import Key from RunPod CLI Config';

interface ImportItem extends vscode.QuickPickItem {
  entry: ConfigKeyEntry & { key: string };
  account: string;
}

/**
 * The picker's rows: one per usable key, named after its table (made a valid, free name). A key
 * already stored is named as such and not picked by default.
 */
function importItems(entries: readonly ConfigKeyEntry[], stored: readonly StoredKey[], display: string): ImportItem[] {
  const taken = [...new Set(stored.map((s) => s.account))];
  return configAccounts(entries, taken).map(({ entry, account }) => {
    const already = accountKeeping(stored, entry.key);
    return {
      label: account,
      description: `${entry.table === undefined ? 'runpodctl apikey' : `[${entry.table}]`} in ${display}`,
      ...(already ? { detail: keptAs(already) } : {}),
      picked: !already,
      entry,
      account,
    };
  });
}

/** Why a key of the config was not kept when RunPod rejected it, and what to do instead. */
function rejectedFromConfig(source: string): string {
  return `RunPod rejected the key of ${source} (401); it may have been revoked. Replace it there, or add the account with a new key (Add Account…).`;
}

/**
 * The config, read within the bound of every file read of the extension host (boundedRead.ts): on
 * a file system that does not answer, refused in the same words, so the command ends.
 */
export async function readCliConfigWithinWait(env: Readonly<Record<string, string | undefined>>): Promise<ConfigRead> {
  const location = configFileLocation(env);
  return readOrProblem('RunPod CLI config', vscode.Uri.file(location.path), () => readRunpodConfigAsync(env), (reason): ConfigRead => ({ kind: 'refused', location, reason }));
}

export async function runImportCliConfig(core: CoreServices): Promise<string[]> {
  const endpoint = await endpointOrExplain(core);
  if (!endpoint) return [];
  const read = await readCliConfigWithinWait(process.env);
  if (read.kind === 'missing') {
    const add = 'Add Account…';
    void vscode.window
      .showInformationMessage(`There is no RunPod CLI config at ${read.location.display}. Add an account with its key instead.`, add)
      .then((choice) => (choice === add ? vscode.commands.executeCommand(ADD_ACCOUNT_COMMAND) : undefined));
    return [];
  }
  if (read.kind === 'refused') {
    void vscode.window.showErrorMessage(`${read.location.display} was not read: ${read.reason}.`);
    return [];
  }
  const entries = configKeyEntries(read.config);
  const unusable = entries.filter((e) => !e.key).map((e) => `${describeConfigSource(read.location, e.table)}: ${describeUnusable(e)}`);
  const problems = read.config.problems.map((p) => `line ${p.line}: ${p.message}`);
  for (const line of [...unusable, ...problems]) core.log.warn(`RunPod CLI config: ${line}`);
  const stored = await core.keys.all();
  const items = importItems(entries, stored, read.location.display);
  if (items.length === 0) {
    void vscode.window.showWarningMessage(
      `${read.location.display} has no API key to import${unusable.length + problems.length > 0 ? ` (${[...unusable, ...problems][0]})` : ''}.`,
    );
    return [];
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: TITLE,
    placeHolder: 'The keys to keep as accounts in VS Code secret storage (the file is not changed)',
    canPickMany: true,
  });
  if (!picked || picked.length === 0) return [];

  const added: string[] = [];
  const failed: string[] = [];
  // The keys kept so far, this run's included: a row ticked despite "already kept", or a second
  // table holding a key kept a moment ago, is refused as Add Account refuses it (one key, one account).
  const kept = [...stored];
  for (const item of picked) {
    const key = item.entry.key;
    core.log.addSensitive(key);
    const refused = keptElsewhere(kept, key, item.account);
    if (refused) {
      failed.push(`${item.account}: ${refused}`);
      continue;
    }
    if (vscode.workspace.isTrusted) {
      const result = await checkKey(core, key, endpoint);
      const outcome = describeKeyCheck(result.ok ? { ok: true, secretCount: result.secrets.length } : result);
      if (!outcome.store) {
        // Nothing was typed here: a rejected key is fixed in the file (Set API Key's "copied the whole key" would mislead).
        const rejected = !result.ok && result.kind === 'unauthorized';
        failed.push(`${item.account}: ${rejected ? rejectedFromConfig(describeConfigSource(read.location, item.entry.table)) : outcome.message}`);
        continue;
      }
    }
    // The first one becomes active only when there was no account to be active; while the
    // workspace names an account (runpod.account), only that one: another never takes its window.
    const becomesActive =
      core.accounts.choice === 'workspace' ? findAccount([core.accounts.active], item.account) !== undefined : added.length === 0 && !core.accounts.has(core.accounts.active);
    if (becomesActive) await saveAccount(core, item.account, key, endpoint);
    else {
      await expectActiveKeyUnchanged(core);
      await storeAccountKey(core, item.account, endpoint.origin, key);
      await core.accounts.reload();
    }
    added.push(item.account);
    kept.push({ account: item.account, origin: endpoint.origin, key });
  }
  const summary = [
    added.length > 0 ? `Added ${plural(added.length, 'account')} ${added.join(', ')} from ${read.location.display}.` : '',
    failed.length > 0 ? `Not added: ${failed.join(' ')}` : '',
  ].filter(Boolean).join(' ');
  core.log.info(summary);
  if (failed.length > 0) void vscode.window.showWarningMessage(summary);
  else void vscode.window.showInformationMessage(summary);
  return added;
}

export function register(core: CoreServices): void {
  core.context.subscriptions.push(vscode.commands.registerCommand(IMPORT_CLI_CONFIG_COMMAND, () => runImportCliConfig(core)));
}
