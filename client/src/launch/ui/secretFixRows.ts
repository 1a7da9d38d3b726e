/**
 * The rows a wizard's variables list puts first when the check before the create will stop on a
 * secret the account lacks: per missing name, in the findings dialog's order (checks.ts
 * secretActions), "Replace <typo> with <suggestion>" where the reference can be renamed in its file
 * (the core's closestName, through checkEnv), then "Create secret <name>". A misspelt reference
 * thus offers its rename first: Continue would boot a Pod with the literal placeholder, or stop at the check.
 */
import * as vscode from 'vscode';
import { checkEnv, secretActions, type EnvSource } from '../checks';
import type { Env } from '../plan';
import type { Replacement } from '../replaceReference';
import { createSecretRows, MAX_CREATE_ROWS, type CreateRow } from '../../ui/summaryStep';
import { possibleReplacements } from './findings';

/** A row that renames a misspelt reference in its file(s) to the account's close name when chosen. */
export type ReplaceRow = vscode.QuickPickItem & { replace: Replacement };

/**
 * @param known the account's secret names (envItems.ts knownSecretNames); none while no list is known (no row then)
 * @param sources the files the env came from, lowest precedence first (where the references are renamed)
 */
export async function secretFixRows(env: Readonly<Env>, known: ReadonlySet<string> | undefined, sources: readonly EnvSource[]): Promise<(ReplaceRow | CreateRow)[]> {
  if (!known) return [];
  const report = checkEnv(env, known, sources);
  // Planned from the texts the step read (the list is drawn again after each row): no file is opened
  // per redraw; the edit checks the file's text as it is then (findings.ts replaceInFiles).
  const replacements = await possibleReplacements(report, (id) => sources.find((s) => s.id === id)?.text);
  return secretActions(report, (name) => replacements.has(name), MAX_CREATE_ROWS).map((action) =>
    action.kind === 'replace'
      ? { label: `$(replace) Replace ${action.name} with ${action.to}`, replace: replacements.get(action.name)! }
      : createSecretRows([action.name])[0]!,
  );
}
