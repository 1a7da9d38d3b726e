/**
 * What the server knows about the account's secrets: set from `initializationOptions.secrets` and
 * every `runpod/secretsChanged` notification. Params cross a process boundary, so they are checked
 * field by field; a malformed notification keeps the previous catalog rather than wiping the list
 * (which would turn every reference into a false "unknown secret" or silence all of them).
 * Only metadata fields are copied: anything else a buggy sender included (a value) is dropped here.
 * So is a secret whose name holds a character no RunPod secret name has (a line break, `[`, an
 * escape): a broken or hostile API server's list reaches the server through the extension, and its
 * names are inserted into files by completion and quick fixes.
 * The account the list belongs to is kept beside it, by name only, when it follows the account
 * name rule (it is shown in diagnostics); anything else is as if no account was said.
 */
import { MAX_LISTED_SECRETS } from '../template/apiAnswers';
import { count, grouped } from '../template/counts';
import { isAccountName } from '../template/accountNames';
import { parseInstant } from '../template/dates';
import { hasSecretNameCharsOnly, heldDescription } from '../template/names';
import type { SecretCatalog, SecretInfo } from '../template/types';

export const UNKNOWN_CATALOG: SecretCatalog = Object.freeze({ state: 'unknown', secrets: Object.freeze([]) });

const STATES: ReadonlySet<string> = new Set<SecretCatalog['state']>(['unknown', 'fresh', 'stale']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An optional string-or-null metadata field; other types are dropped, not fatal. */
function optionalText(value: unknown): string | null | undefined {
  return typeof value === 'string' || value === null ? value : undefined;
}

/** The date fields a sender may get wrong; each is kept only when it names an instant. */
type DateField = 'fetchedAt' | 'createdAt' | 'valueLastUpdatedAt';

/**
 * An optional date field: a string kept only when {@link parseInstant} reads it (anything else is
 * shown in hovers and messages, and may hold markup or line breaks), null kept, other types
 * dropped. A string that is no date is added to `dropped`.
 */
function optionalDate(value: unknown, field: DateField, dropped: Set<DateField>): string | null | undefined {
  const text = optionalText(value);
  if (typeof text !== 'string' || parseInstant(text)) return text;
  dropped.add(field);
  return undefined;
}

/**
 * Validates `runpod/secretsChanged` params (or `initializationOptions.secrets`). Returns the
 * catalog, or a reason string when the params are unusable. `secrets` may be omitted only for the
 * `unknown` state, where the list does not matter. Names in `droppedDates` each date field dropped
 * because it is no date (the list still counts).
 */
function parseWithDroppedDates(raw: unknown, droppedDates: Set<DateField>): SecretCatalog | string {
  if (!isObject(raw)) return 'params are not an object';
  const state = raw['state'];
  if (typeof state !== 'string' || !STATES.has(state)) return 'state is not unknown, fresh or stale';
  const list = raw['secrets'];
  if (list === undefined && state === 'unknown') return UNKNOWN_CATALOG;
  if (!Array.isArray(list)) return 'secrets is not an array';
  const secrets: SecretInfo[] = [];
  // Past what one RunPod answer can hold (apiAnswers.ts), the rest is not read: CatalogStore says how many.
  const read = Math.min(list.length, MAX_LISTED_SECRETS);
  for (let i = 0; i < read; i++) {
    const entry: unknown = list[i];
    if (!isObject(entry) || typeof entry['name'] !== 'string') return `secrets[${i}] has no name`;
    if (!hasSecretNameCharsOnly(entry['name'])) continue;
    const info: SecretInfo = { name: entry['name'] };
    const description = optionalText(entry['description']);
    const createdAt = optionalDate(entry['createdAt'], 'createdAt', droppedDates);
    const valueLastUpdatedAt = optionalDate(entry['valueLastUpdatedAt'], 'valueLastUpdatedAt', droppedDates);
    if (description !== undefined) info.description = description === null ? null : heldDescription(description);
    if (createdAt !== undefined) info.createdAt = createdAt;
    if (valueLastUpdatedAt !== undefined) info.valueLastUpdatedAt = valueLastUpdatedAt;
    secrets.push(info);
  }
  const catalog: SecretCatalog = { state: state as SecretCatalog['state'], secrets };
  const fetchedAt = raw['fetchedAt'];
  if (fetchedAt !== undefined && fetchedAt !== null && typeof fetchedAt !== 'string') return 'fetchedAt is not a string';
  const date = optionalDate(fetchedAt, 'fetchedAt', droppedDates);
  if (date) catalog.fetchedAt = date;
  return catalog;
}

/** The current catalog, replaced only by a well-formed update. */
export class CatalogStore {
  private current: SecretCatalog = UNKNOWN_CATALOG;
  /** A sender that gets a date wrong gets it wrong every time: said once, not on every refresh. */
  private badDateLogged = false;
  private currentAccount: string | undefined;
  private currentHeld: readonly string[] | undefined;
  private badAccountLogged = false;

  constructor(private readonly log: (message: string) => void) {}

  get catalog(): SecretCatalog {
    return this.current;
  }

  /** The name of the account the list belongs to; undefined when the client did not say (an older client). */
  get account(): string | undefined {
    return this.currentAccount;
  }

  /** The names of the accounts the client holds a key of; undefined when it did not say (an older client). */
  get held(): readonly string[] | undefined {
    return this.currentHeld;
  }

  /** Applies params from the client; returns whether the catalog changed (malformed: logged, kept). */
  update(raw: unknown, origin: string): boolean {
    const droppedDates = new Set<DateField>();
    const parsed = parseWithDroppedDates(raw, droppedDates);
    if (typeof parsed === 'string') {
      this.log(`Ignored ${origin}: ${parsed}; keeping the previous secret list (${this.current.state}, ${this.current.secrets.length} names).`);
      return false;
    }
    const listed = isObject(raw) && Array.isArray(raw['secrets']) ? raw['secrets'].length : 0;
    const past = Math.max(0, listed - MAX_LISTED_SECRETS);
    if (past > 0) this.log(`${origin}: left out ${count(past, 'secret name')} past the first ${grouped(MAX_LISTED_SECRETS)}, more than one RunPod answer can hold.`);
    const dropped = listed - past - parsed.secrets.length;
    if (dropped > 0) this.log(`${origin}: left out ${count(dropped, 'secret name')} with characters no RunPod secret name has.`);
    if (droppedDates.size > 0 && !this.badDateLogged) {
      this.badDateLogged = true;
      // The field names only, never the text: it is whatever the sender put there.
      this.log(`${origin}: ignored a ${[...droppedDates].join(' / ')} that is not a date.`);
    }
    const account = isObject(raw) ? raw['account'] : undefined;
    const named = typeof account === 'string' && isAccountName(account) ? account : undefined;
    if (account !== undefined && named === undefined && !this.badAccountLogged) {
      this.badAccountLogged = true;
      // Never the text: a key may have been sent in its place.
      this.log(`${origin}: ignored an account that is not an account name; every file is checked against the list.`);
    }
    // The same list of the same account again: nothing to check anew (each change re-checks every
    // file and asks the editor to pull again), and the caches keyed on the list stay.
    const held = heldAccounts(isObject(raw) ? raw['accounts'] : undefined);
    if (named === this.currentAccount && sameNames(held, this.currentHeld) && sameCatalog(parsed, this.current)) return false;
    // Only the held names changed: the list object stays, and the caches keyed on it (the notes, which
    // name Switch or Add, are converted again by the catalog revision the server bumps on every change).
    if (named !== this.currentAccount || !sameCatalog(parsed, this.current)) this.current = parsed;
    this.currentAccount = named;
    this.currentHeld = held;
    return true;
  }
}

/** The most account names kept: a window holds a few; a sender's runaway list is not kept whole. */
const MAX_HELD_ACCOUNTS = 1000;

/** The held account names of the params: only strings that are account names (they are shown in notes); undefined when not a list. */
function heldAccounts(raw: unknown): readonly string[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.slice(0, MAX_HELD_ACCOUNTS).filter((name): name is string => typeof name === 'string' && isAccountName(name));
}

function sameNames(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((name, i) => name === b[i]));
}

/** Whether two lists say the same: state, fetch time and every secret's fields, in order. */
function sameCatalog(a: SecretCatalog, b: SecretCatalog): boolean {
  if (a.state !== b.state || a.fetchedAt !== b.fetchedAt || a.secrets.length !== b.secrets.length) return false;
  return a.secrets.every((s, i) => {
    const t = b.secrets[i]!;
    return s.name === t.name && s.description === t.description && s.createdAt === t.createdAt && s.valueLastUpdatedAt === t.valueLastUpdatedAt;
  });
}
