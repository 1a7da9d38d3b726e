/**
 * `secrets delete NAME [--yes]`: first the account's templates, Pods and endpoints that reference
 * the secret and what the delete does to each (the list `secrets usage` and the editor's Delete
 * show, one list call per type), then the typed confirmation (or --yes), then the delete. A type
 * that could not be listed is said not checked: "no references" is claimed only for what was read.
 */
import { count } from '../../../server/src/template/counts';
import { ACCOUNT_RESOURCE_KINDS, accountUsesOf, deleteConsequence, kindPlural, type AccountUnchecked, type AccountUse } from '../secrets/accountUsages';
import { apiConfig, createClient } from './client';
import { EXIT } from './errors';
import { errorKindFacts, keyMayFix } from '../runpod/errorKinds';
import { isRunpodApiError } from '../runpod/index';
import { cliHistoryAccount, recordCliHistory } from './history';
import type { Io } from './io';
import { confirmTyped, requireTerminal } from './confirm';
import { listAccount, uncheckedLine, useJson, useLine } from './secretUsage';

export async function secretDelete(io: Io, name: string, options: { yes: boolean; json: boolean }): Promise<number> {
  const command = 'secrets delete';
  // Refused before any request: nobody can confirm, whatever the account holds.
  if (!options.yes) requireTerminal(io, command);
  const config = apiConfig(io);
  const client = createClient(config);
  const account = cliHistoryAccount(client, config);
  try {
    const failures: unknown[] = [];
    const snapshot = await listAccount(client, failures);
    const { uses, unchecked } = accountUsesOf(snapshot, name);
    // Nothing of the account read, for a reason the user fixes first (the key, the API URL, the
    // connection): asking for the typed name would only lead to the same failure after it.
    if (!options.yes && failures.length === ACCOUNT_RESOURCE_KINDS.length && userMustFix(failures[0])) throw failures[0];
    for (const line of deleteImpactLines(name, uses, unchecked)) io.stderr(`${line}\n`);
    if (!options.yes) await confirmTyped(io, name, `Deleting "${name}" breaks the templates, Pods and endpoints that reference it. Type the secret name to confirm: `, command);
    await client.deleteSecret(name);
    recordCliHistory(io, account, 'deleted', name);
    io.stdout(options.json ? `${JSON.stringify({ deleted: name, account: uses.map(useJson), accountChecked: unchecked.length === 0, unchecked })}\n` : `Deleted secret ${name}.\n`);
    return EXIT.ok;
  } finally {
    await client.close();
  }
}

/** True for a failure the delete itself would meet too: a rejected key, a wrong API URL or configuration, no connection. */
function userMustFix(error: unknown): boolean {
  return isRunpodApiError(error) && (keyMayFix(error.kind) || errorKindFacts(error.kind)?.remedy === 'check-connection');
}

/** What the delete breaks, one line each (for stderr): the uses with their consequence, or "none" for the types that were read, then what was not checked. */
function deleteImpactLines(name: string, uses: readonly AccountUse[], unchecked: readonly AccountUnchecked[]): string[] {
  const lines: string[] = [];
  if (uses.length > 0) {
    lines.push(`${name} is referenced by ${count(uses.length, 'resource')} on the account; after the delete:`);
    for (const use of uses) lines.push(`${useLine(use)}: ${deleteConsequence(use)}`);
  } else if (unchecked.length === 0) {
    lines.push(`No template, Pod or endpoint on the account references ${name}.`);
  } else {
    const read = ACCOUNT_RESOURCE_KINDS.filter((kind) => !unchecked.some((u) => u.kind === kind));
    if (read.length > 0) lines.push(`No reference among the account's ${read.map(kindPlural).join(' and ')}.`);
  }
  lines.push(...unchecked.map(uncheckedLine));
  return lines;
}
