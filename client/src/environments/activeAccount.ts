/**
 * The active account's name, for the environment checks of Launch Pod and Push Template. Named
 * accounts add `accounts.active` to the services the commands receive; an extension without them
 * has one key and no account name, and then nothing can be compared (undefined).
 */
import type { Services } from '../services';

export function activeAccountOf(services: Services): string | undefined {
  const accounts = (services as Services & { accounts?: { active?: unknown } }).accounts;
  return typeof accounts?.active === 'string' ? accounts.active : undefined;
}
