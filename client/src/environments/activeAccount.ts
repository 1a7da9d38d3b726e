/**
 * The active account's name, for the environment checks of Launch Pod and Push Template. The
 * extension registers these commands with its CoreServices, whose `accounts` (auth/accounts.ts)
 * knows the active account; services without them (a test's) have no account name, and then
 * nothing can be compared (undefined).
 */
import type { Services } from '../services';

export function activeAccountOf(services: Services): string | undefined {
  const accounts = (services as Services & { accounts?: { active?: unknown } }).accounts;
  return typeof accounts?.active === 'string' ? accounts.active : undefined;
}
