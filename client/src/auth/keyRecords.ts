/**
 * The stored form of API keys, pure: each key with the account it belongs to and the origin
 * (scheme, host, port) it was saved for. A key is sent only to the origin of its record; sending it
 * elsewhere takes the user's yes, which is recorded as a record for that origin too. An account is
 * a name (accountNames.ts) with one key per origin; the key of older versions is account `default`.
 *
 * Names are one account by their account key (`my-team`, `my_team`, `My-Team`): every spelling
 * finds the keys of the first stored name of the account. A store from before that rule may hold
 * two such names: the later one's keys are never used ({@link shadowedAccounts}), and the user is
 * told once which key is used and how to remove the other.
 */
import { findAccount, isAccountName } from './accountNames';
import { readApiKey } from './keyRules';
import { accountStep } from '../../../server/src/template/environments/accounts';

export interface StoredKey {
  account: string;
  /** `URL.origin` of the API URL the key was saved for, e.g. `https://api.runpod.io`. */
  origin: string;
  key: string;
}

/** The account of the key older versions stored (and of RUNPOD_API_KEY taken at startup). */
export const DEFAULT_ACCOUNT = 'default';

/** What the store holds for an account at an origin. */
export type KeyLookup =
  /** `account`: whose key it is (a lookup races a switch; the client made from it acts as this account). */
  | { kind: 'key'; key: string; account: string }
  /** No key for this origin, but one saved for `savedFor`: it is not sent here without a yes. */
  | { kind: 'elsewhere'; savedFor: string }
  | { kind: 'none' };

const FORMAT_VERSION = 1;

function isOrigin(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  try {
    return new URL(text).origin === text;
  } catch {
    return false;
  }
}

/**
 * Reads the stored text; anything malformed (another version, a hand edit, a broken store) is
 * dropped record by record, never thrown: a bad entry reads as "no key there".
 */
export function parseStoredKeys(text: string | undefined): StoredKey[] {
  if (!text) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  if (!data || typeof data !== 'object') return [];
  const { version, keys: list } = data as { version?: unknown; keys?: unknown };
  if (version !== FORMAT_VERSION || !Array.isArray(list)) return [];
  const keys: StoredKey[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const { account, origin, key } = item as Record<string, unknown>;
    if (typeof account !== 'string' || !isAccountName(account) || !isOrigin(origin)) continue;
    const read = typeof key === 'string' ? readApiKey(key) : undefined;
    if (!read?.ok) continue;
    keys.push({ account, origin, key: read.key });
  }
  return keys;
}

export function serializeStoredKeys(keys: readonly StoredKey[]): string {
  return JSON.stringify({ version: FORMAT_VERSION, keys: keys.map(({ account, origin, key }) => ({ account, origin, key })) });
}

/** The stored name whose keys `account` uses: the first stored name that is the same account, else `account` itself. */
export function usedName(keys: readonly StoredKey[], account: string): string {
  return findAccount(keys.map((k) => k.account), account) ?? account;
}

/** The key of `account` for `origin`; else the origin its most recently saved key is for. */
export function lookupKey(keys: readonly StoredKey[], account: string, origin: string): KeyLookup {
  const name = usedName(keys, account);
  const own = keys.filter((record) => record.account === name);
  const exact = own.find((record) => record.origin === origin);
  if (exact) return { kind: 'key', key: exact.key, account };
  const latest = own[own.length - 1];
  return latest ? { kind: 'elsewhere', savedFor: latest.origin } : { kind: 'none' };
}

/** The list with `record` as the key of its account and origin (replacing any there, under the account's stored name), saved last. */
export function withKey(keys: readonly StoredKey[], record: StoredKey): StoredKey[] {
  const account = usedName(keys, record.account);
  return [...keys.filter((k) => k.account !== account || k.origin !== record.origin), { ...record, account }];
}

/** The list without any key of `account`. */
export function withoutAccount(keys: readonly StoredKey[], account: string): StoredKey[] {
  return keys.filter((k) => k.account !== account);
}

/** The accounts that hold a key, each once by its first stored name, in the order the store holds them. */
export function accountsOf(keys: readonly StoredKey[]): string[] {
  return [...new Set(keys.map(({ account }) => usedName(keys, account)))];
}

/** Stored names whose keys are never used: another stored name of the same account comes first. */
export function shadowedAccounts(keys: readonly StoredKey[]): { name: string; usedInstead: string }[] {
  const shadowed = new Map<string, string>();
  for (const { account } of keys) {
    const used = usedName(keys, account);
    if (used !== account) shadowed.set(account, used);
  }
  return [...shadowed].map(([name, usedInstead]) => ({ name, usedInstead }));
}

/** What the user is told once when the store holds names that are one account, and the name to offer for removal. */
export function shadowedNotice(keys: readonly StoredKey[]): { message: string; remove: string } | undefined {
  const [first, ...more] = shadowedAccounts(keys);
  if (!first) return undefined;
  const others = more.map((s) => `, and ${s.name} (${s.usedInstead}'s is used)`).join('');
  return {
    message:
      `RunPod: API keys are saved under ${first.usedInstead} and ${first.name}, which name one account (case and - or _ do not matter): ` +
      `the key of ${first.usedInstead} is used${others}. Remove ${first.name} with RunPod: Remove Account, or remove ${first.usedInstead} to use ${first.name}'s key.`,
    remove: first.name,
  };
}

/**
 * The account (its used name) that already keeps `key`, at any origin, other than `except` (by the
 * name rule), or undefined. One key is one RunPod account: kept under a second name it would pass
 * every account guard (dev's file under prod, a switch mid-flow) as two accounts while both act on one.
 */
export function accountKeeping(keys: readonly StoredKey[], key: string, except?: string): string | undefined {
  const found = keys.find((k) => k.key === key && (except === undefined || findAccount([k.account], except) === undefined));
  return found ? usedName(keys, found.account) : undefined;
}

/** How a key already kept is named (Import's row, Add Account's and Set API Key's refusal). */
export function keptAs(account: string): string {
  return `This key is already kept as account ${account}.`;
}

/**
 * Why a key box refuses `key` (Add Account's for account `except`, Set API Key's for the active
 * account): another account keeps it, and the way there. Undefined for a key no other account keeps.
 */
export function keptElsewhere(keys: readonly StoredKey[], key: string, except: string): string | undefined {
  const other = accountKeeping(keys, key, except);
  return other && `${keptAs(other)} Switch to ${other} (${accountStep(true).palette}) instead, or paste the key of another RunPod account.`;
}

/** The check of a key box (Set API Key, Add Account): the text must hold a key (readApiKey), one no other account keeps. */
export function keyBoxProblem(keys: readonly StoredKey[], text: string, except: string): string | undefined {
  const read = readApiKey(text);
  return read.ok ? keptElsewhere(keys, read.key, except) : read.message;
}
