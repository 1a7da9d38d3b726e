/**
 * The env file list of Launch Pod and Deploy Endpoint: No env file, then each file, every item
 * marked when the environment it leads to is refused (the template file's own environment counts),
 * and the refusal of a pick of it (the step stays open, saying why).
 */
import * as vscode from 'vscode';
import { environmentOfChoice, environmentOfUri, type WorkspaceEnvironments } from '../../environments/workspaceFiles';
import { pickerWarning, pickRefusal, wizardRefusal, type EnvironmentOption, type WizardAccounts } from '../environmentChoice';

type Item = vscode.QuickPickItem & { value?: vscode.Uri | null };

interface EnvFileList {
  /** No env file first, then the files. */
  items: Item[];
  none: Item;
  /** Why a pick of the item is not taken, or undefined. */
  refuse: (item: Item) => string | undefined;
  /** The environment a choice (a file, or none) runs under: the file's, else the template file's own. */
  environmentOf: (uri: vscode.Uri | undefined) => EnvironmentOption | null;
}

export function envFileItems(options: {
  environments: WorkspaceEnvironments;
  files: readonly vscode.Uri[];
  /** The template file launched or deployed, if the source is one. */
  sourceFile: vscode.Uri | undefined;
  accounts: WizardAccounts;
  verb: 'launch' | 'deploy';
  noneDescription: string;
  /** A file's description; `environment` is the one the file is of, if any. */
  describe: (uri: vscode.Uri, environment: EnvironmentOption | undefined) => string;
}): EnvFileList {
  const { environments, sourceFile, accounts, verb } = options;
  const environmentOf = (uri: vscode.Uri | undefined) => environmentOfChoice(environments, sourceFile, uri);
  const refusalOf = (uri: vscode.Uri | undefined) => wizardRefusal(environmentOf(uri), accounts);
  // No env file runs under the template file's own environment: when that is refused, every file is
  // too (its own, a neutral one, or another environment's under another account), so "pick another" cannot help.
  const noneRefusal = refusalOf(undefined);
  const none: Item = { label: '$(circle-slash) No env file', description: options.noneDescription, ...pickerWarning(noneRefusal, verb), value: null };
  const items: Item[] = [
    none,
    ...options.files.map((uri) => ({ label: `$(file) ${vscode.workspace.asRelativePath(uri)}`, description: options.describe(uri, environmentOfUri(environments, uri)), ...pickerWarning(refusalOf(uri), verb), value: uri })),
  ];
  const refuse = (item: Item) => pickRefusal(refusalOf(item.value ?? undefined), verb, noneRefusal);
  return { items, none, refuse, environmentOf };
}
