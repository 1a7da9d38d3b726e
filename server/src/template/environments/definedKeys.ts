/**
 * The keys a read of a file defines, the one rule for "this file has the key": its variables' and
 * its Hub inputs' with no default (the deployer fills those, so the Pod gets the key). The
 * environment rules compare environments by it (rules.ts), and "Add KEY to <file>" refuses a file
 * that, read now, defines the key already (keyInsertion.ts). Only valid keys: an invalid one may
 * be a value (rules/keys.ts quotedKey).
 */
import { isEnvKey } from '../names';
import type { EnvVariable } from '../types';

export interface KeyDefinitions {
  /** The variables, or their keys alone (as the workspace index keeps a file's: index/keyColumns.ts). */
  variables: readonly Pick<EnvVariable, 'key'>[] | readonly string[];
  /** Keys defined with no value (a Hub input the deployer fills). */
  inputKeys?: readonly Pick<EnvVariable, 'key'>[];
}

export function definedKeys(read: KeyDefinitions): Set<string> {
  const found = new Set<string>();
  for (const v of read.variables) {
    const key = typeof v === 'string' ? v : v.key;
    if (isEnvKey(key)) found.add(key);
  }
  for (const k of read.inputKeys ?? []) if (isEnvKey(k.key)) found.add(k.key);
  return found;
}
