/**
 * How old a secret's value is, and when it is due for rotation: the one definition the hover, the
 * `secret-rotation-due` diagnostic, the Secrets tree and the command line share. Pure: the clock is
 * always passed in, so every answer is testable.
 *
 * RunPod's `valueLastUpdatedAt` is the value's age (shared runpod-api.md). It may be `null`.
 * Decided: then the value is as old as the secret (`createdAt`): a value is set when a secret is
 * created, and a missing update time means none was recorded since. The display says which date it
 * used ("created …, value never updated"), so the fallback is never passed off as an update.
 */
import { count } from './counts';
import { parseInstant } from './dates';
import type { SecretInfo } from './types';

/** `runpod.secrets.rotationDays` when unset: 90 days, the common guidance for long-lived credentials. */
export const DEFAULT_ROTATION_DAYS = 90;
/** The largest accepted setting (100 years); anything larger is a typo, not a policy. */
export const MAX_ROTATION_DAYS = 36_500;

const DAY_MS = 24 * 60 * 60 * 1000;

/** When the value was set, and from which field that was read. */
export interface ValueSetAt {
  /** Milliseconds since the epoch. */
  at: number;
  from: 'valueLastUpdatedAt' | 'createdAt';
}

/** The time the secret's value was set, or `undefined` when neither date is readable. */
export function valueSetAt(secret: Pick<SecretInfo, 'createdAt' | 'valueLastUpdatedAt'>): ValueSetAt | undefined {
  const updated = parseTime(secret.valueLastUpdatedAt);
  if (updated !== undefined) return { at: updated, from: 'valueLastUpdatedAt' };
  const created = parseTime(secret.createdAt);
  return created === undefined ? undefined : { at: created, from: 'createdAt' };
}

function parseTime(iso: string | null | undefined): number | undefined {
  return typeof iso === 'string' ? parseInstant(iso)?.getTime() : undefined;
}

/**
 * Whole days since the value was set (0 on the day itself; a date in the future, a clock running
 * behind, counts as 0). `undefined` when no date is readable.
 */
export function valueAgeDays(secret: Pick<SecretInfo, 'createdAt' | 'valueLastUpdatedAt'>, now: number): number | undefined {
  const set = valueSetAt(secret);
  return set === undefined ? undefined : ageDays(set, now);
}

function ageDays(set: ValueSetAt, now: number): number {
  return Math.max(0, Math.floor((now - set.at) / DAY_MS));
}

/** `value set today`, `value set 1 day ago`, `value set 94 days ago` (plus `, never updated` for the createdAt fallback). */
export function describeValueAge(secret: Pick<SecretInfo, 'createdAt' | 'valueLastUpdatedAt'>, now: number): string | undefined {
  const set = valueSetAt(secret);
  if (!set) return undefined;
  const days = ageDays(set, now);
  const when = days === 0 ? 'today' : `${count(days, 'day')} ago`;
  return `value set ${when}${set.from === 'createdAt' ? ' (at creation; no update recorded)' : ''}`;
}

/**
 * The rotation policy from a setting or an option: a whole number of days, 0 = off. Anything else
 * (a string, a negative or fractional number, more than 100 years) is not a policy: the default.
 */
export function normalizeRotationDays(raw: unknown): number {
  return isRotationPolicy(raw) ? raw : DEFAULT_ROTATION_DAYS;
}

function isRotationPolicy(raw: unknown): raw is number {
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw <= MAX_ROTATION_DAYS;
}

/**
 * Why a set `runpod.secrets.rotationDays` is not taken ({@link normalizeRotationDays} uses the
 * default instead), or undefined when it is taken or not set: a typo must not change the policy unsaid.
 */
export function rotationDaysProblem(raw: unknown): string | undefined {
  if (raw === undefined || isRotationPolicy(raw)) return undefined;
  return `runpod.secrets.rotationDays must be a whole number of days from 0 to ${MAX_ROTATION_DAYS}; ${DEFAULT_ROTATION_DAYS} is used.`;
}

/**
 * Whether the value is older than `rotationDays` days at `now`: due once its whole days (the count
 * {@link describeValueAge} says) are more than `rotationDays`, so a due value never reads "90 days
 * ago, more than the 90 days". Never due when the policy is off (0) or no date is readable (no
 * knowledge is no warning).
 */
export function isRotationDue(secret: Pick<SecretInfo, 'createdAt' | 'valueLastUpdatedAt'>, now: number, rotationDays: number): boolean {
  if (!(rotationDays > 0)) return false;
  const days = valueAgeDays(secret, now);
  return days !== undefined && days > rotationDays;
}
