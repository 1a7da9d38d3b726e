/**
 * Where the RunPod CLI config lives and how it is read, for the editor's import command and the
 * command line: `RUNPOD_CONFIG_FILE` if set, else `~/.runpod/config.toml` under `HOME` (both from
 * the user's environment, never from a workspace). Read only when asked, never written; bounded
 * by the command line's reader (a regular file of at most 64 KiB: a link is followed only to
 * one, a FIFO, a device or a folder is refused without hanging); the editor reads it without
 * blocking the extension host (readRunpodConfigAsync). No `vscode` import.
 */
import * as path from 'node:path';
import { describeRefusal, readRegularFile, readRegularFileAsync, type FileRead } from '../cli/fileRead';
import { pathText } from '../../../server/src/template/displayText';
import { proposeAccountName } from './accountNames';
import { parseRunpodConfig, PROFILE_KEY, TOP_LEVEL_KEY, type ConfigKey, type RunpodCliConfig } from './runpodConfigToml';
import { CONFIG_FILE_ENV } from '../runpod/environmentVariables';
import { homeOf } from '../homeFolder';

/** A config with a few keys is well under 1 KiB. */
const CONFIG_FILE_MAX_BYTES = 64 * 1024;

export interface ConfigLocation {
  path: string;
  /**
   * For messages: `~/.runpod/config.toml` when under the home folder; shown by the one path rule
   * (displayText.ts pathText): RUNPOD_CONFIG_FILE or HOME may hold a line break or an escape
   * sequence, which every message naming the file (the command line's rejected-key remedy among
   * them) would otherwise print raw.
   */
  display: string;
}

/** Where the config is read from, given the environment. */
export function configFileLocation(env: Readonly<Record<string, string | undefined>>): ConfigLocation {
  const home = homeOf(env);
  const override = env[CONFIG_FILE_ENV]?.trim();
  const file = override ? path.resolve(override) : path.join(home, '.runpod', 'config.toml');
  const inHome = home && file.startsWith(home.endsWith(path.sep) ? home : home + path.sep);
  return { path: file, display: pathText(inHome ? `~${path.sep}${path.relative(home, file)}` : file) };
}

export type ConfigRead =
  | { kind: 'ok'; config: RunpodCliConfig; location: ConfigLocation }
  | { kind: 'missing'; location: ConfigLocation }
  /** Not a readable regular file of a sane size; `reason` never holds its content. */
  | { kind: 'refused'; location: ConfigLocation; reason: string };

/** Reads and parses the config file: the command line's read, which may block its own process. */
export function readRunpodConfig(env: Readonly<Record<string, string | undefined>>): ConfigRead {
  const location = configFileLocation(env);
  return configRead(location, readRegularFile(location.path, CONFIG_FILE_MAX_BYTES));
}

/**
 * {@link readRunpodConfig} for the extension host, shared by every extension: read on the thread
 * pool, so a config on a slow or hung file system stops only this command.
 */
export async function readRunpodConfigAsync(env: Readonly<Record<string, string | undefined>>): Promise<ConfigRead> {
  const location = configFileLocation(env);
  return configRead(location, await readRegularFileAsync(location.path, CONFIG_FILE_MAX_BYTES));
}

function configRead(location: ConfigLocation, read: FileRead): ConfigRead {
  if (read.ok) return { kind: 'ok', config: parseRunpodConfig(read.text), location };
  if (read.refusal === 'missing') return { kind: 'missing', location };
  return { kind: 'refused', location, reason: describeRefusal(read, CONFIG_FILE_MAX_BYTES) };
}

/** One key the file offers: runpodctl's (no table) or a profile's. */
export interface ConfigKeyEntry {
  /** The table name; undefined for runpodctl's top-level key. */
  table: string | undefined;
  line: number;
  key: string | undefined;
  unusable?: ConfigKey['unusable'];
}

/** Every key in the file, runpodctl's first, then the profiles in file order (tables without a key left out). */
export function configKeyEntries(config: RunpodCliConfig): ConfigKeyEntry[] {
  const entries: ConfigKeyEntry[] = [];
  const add = (table: string | undefined, k: ConfigKey) =>
    entries.push({ table, line: k.line, key: k.value, ...(k.unusable ? { unusable: k.unusable } : {}) });
  if (config.topLevel) add(undefined, config.topLevel);
  for (const profile of config.profiles) if (profile.apiKey) add(profile.name, profile.apiKey);
  return entries;
}

/** The account name given runpodctl's key, which sits in no table. */
const RUNPODCTL_ACCOUNT_NAME = 'runpodctl';

/**
 * The file's usable keys, each with the account name the editor's import proposes for it: its
 * table's name (runpodctl's key: RUNPODCTL_ACCOUNT_NAME) made a valid name, free among `taken` (the
 * editor's accounts) and the names given before it in file order. The command line does not guess
 * these names: a key it reads from the file is named only as the user named it (cli/keySource.ts).
 */
export function configAccounts(entries: readonly ConfigKeyEntry[], taken: readonly string[]): { entry: ConfigKeyEntry & { key: string }; account: string }[] {
  const names = [...taken];
  const out: { entry: ConfigKeyEntry & { key: string }; account: string }[] = [];
  for (const entry of entries) {
    if (!entry.key) continue;
    const account = proposeAccountName(entry.table ?? RUNPODCTL_ACCOUNT_NAME, names);
    names.push(account);
    out.push({ entry: { ...entry, key: entry.key }, account });
  }
  return out;
}

/** Where a key came from, for messages and --verbose: `~/.runpod/config.toml [prod]`, never the key. */
export function describeConfigSource(location: ConfigLocation, table: string | undefined): string {
  return table === undefined ? `${location.display} (top-level ${TOP_LEVEL_KEY})` : `${location.display} [${table}]`;
}

/** Why an entry's key cannot be used, for messages. */
export function describeUnusable(entry: Pick<ConfigKeyEntry, 'table' | 'line' | 'unusable'>): string {
  const what = entry.table === undefined ? TOP_LEVEL_KEY : PROFILE_KEY;
  switch (entry.unusable) {
    case 'not-a-string':
      return `${what} on line ${entry.line} is not a string`;
    case 'set-twice':
      return `${what} is set twice`;
    default:
      return `${what} on line ${entry.line} holds spaces or characters an API key never has`;
  }
}
