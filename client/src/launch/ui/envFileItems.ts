/**
 * The env file list of Launch Pod and Deploy Endpoint: No env file, then each file (those of the
 * template's own workspace folder first, each other folder's under its name), every item marked
 * when the environment it leads to is refused (the template file's own environment counts), and
 * the refusal of a pick of it (the step stays open, saying why).
 */
import * as vscode from 'vscode';
import { pickName, pickPath } from '../../ui/plainName';
import { environmentOfUri, environmentsForFile, type WorkspaceEnvironments } from '../../environments/workspaceFiles';
import { chosenEnvironment, pickerWarning, pickRefusal, wizardRefusal, type AccountRefusal, type EnvironmentOption, type WizardAccounts } from '../environmentChoice';

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

/**
 * The environment the template file is of by its name (`train.prod.runpod.json`: prod), if it is
 * one's, and why it may not run, or undefined. No env file runs under it, and every env file keeps
 * its guard (its own, a neutral one, or another environment's under another account:
 * chosenEnvironment), so when it is refused every choice is: picking another cannot help.
 */
export function templateEnvironment(
  environments: WorkspaceEnvironments | undefined,
  sourceFile: vscode.Uri | undefined,
  accounts: WizardAccounts,
): { own?: EnvironmentOption; refusal?: AccountRefusal } {
  const own = environments && sourceFile ? environmentsForFile(environments, sourceFile).fixed : undefined;
  const refusal = wizardRefusal(own, accounts);
  return { ...(own ? { own } : {}), ...(refusal ? { refusal } : {}) };
}

/**
 * Whether `uri` is in the workspace folder of `sourceFile` (the template launched or deployed), or
 * in none (an unsaved editor): a file the wizard may preselect. Without a source file every file is.
 */
export function inSourceFolder(uri: vscode.Uri, sourceFile: vscode.Uri | undefined): boolean {
  if (!sourceFile) return true;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return !folder || folder.uri.toString() === vscode.workspace.getWorkspaceFolder(sourceFile)?.uri.toString();
}

/** `files` (in their order) split into the source file's folder's and, per other folder in the window's order, theirs. */
function byFolder(files: readonly vscode.Uri[], sourceFile: vscode.Uri | undefined): { own: vscode.Uri[]; others: { folder: vscode.WorkspaceFolder; files: vscode.Uri[] }[] } {
  const own: vscode.Uri[] = [];
  const others = new Map<string, { folder: vscode.WorkspaceFolder; files: vscode.Uri[] }>();
  for (const uri of files) {
    if (inSourceFolder(uri, sourceFile)) {
      own.push(uri);
      continue;
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri)!;
    const group = others.get(folder.uri.toString()) ?? { folder, files: [] };
    group.files.push(uri);
    others.set(folder.uri.toString(), group);
  }
  return { own, others: [...others.values()].sort((a, b) => a.folder.index - b.folder.index) };
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
  const { environments, accounts, verb } = options;
  // The template file's environments are the same for every file: looked up once.
  const { own, refusal: everyRefused } = templateEnvironment(environments, options.sourceFile, accounts);
  const underFile = (ofFile: EnvironmentOption | undefined) => chosenEnvironment(ofFile, own);
  const environmentOf = (uri: vscode.Uri | undefined) => underFile(uri && environmentOfUri(environments, uri));
  // No env file runs under the template file's own environment alone.
  const none: Item = { label: '$(circle-slash) No env file', description: options.noneDescription, ...pickerWarning(everyRefused, verb), value: null };
  const item = (uri: vscode.Uri): Item => {
    const ofFile = environmentOfUri(environments, uri);
    const marked = pickerWarning(wizardRefusal(underFile(ofFile), accounts), verb);
    return { label: `$(file) ${pickPath(vscode.workspace.asRelativePath(uri))}`, description: options.describe(uri, ofFile), ...marked, value: uri };
  };
  const { own: ownFiles, others } = byFolder(options.files, options.sourceFile);
  const items: Item[] = [
    none,
    ...ownFiles.map(item),
    // Another folder's files (a multi-root window: often a generated or vendored tree) after its name,
    // a separator the keyboard skips.
    ...others.flatMap(({ folder, files }) => [{ label: pickName(folder.name), kind: vscode.QuickPickItemKind.Separator }, ...files.map(item)]),
  ];
  // Judged again at the pick, against the account active then.
  const refuse = (item: Item) => pickRefusal(wizardRefusal(environmentOf(item.value ?? undefined), accounts), verb, everyRefused);
  return { items, none, refuse, environmentOf };
}
