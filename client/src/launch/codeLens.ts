/**
 * "$(rocket) Launch Pod" and "Push Template" at the top of every template file: a `runpod.files`
 * file of kind runpod-json (by default `*.runpod.json`), so the lens follows the setting.
 */
import * as vscode from 'vscode';
import { isTemplateDocument } from '../runpodFiles';

class TemplateFileCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  /** `runpod.files` changed: which documents are template files may have changed too. */
  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isTemplateDocument(document)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, { title: '$(rocket) Launch Pod', command: 'runpod.launchPod', arguments: [{ templateFile: document.uri }], tooltip: 'Launch a RunPod Pod from this template file' }),
      new vscode.CodeLens(top, { title: 'Push Template', command: 'runpod.pushTemplate', arguments: [document.uri], tooltip: 'Create or update the account template with this name' }),
    ];
  }
}

export function registerCodeLens(context: vscode.ExtensionContext): void {
  const provider = new TemplateFileCodeLens();
  // Every file on disk is asked (a glob match each); the setting, not a fixed pattern, decides.
  context.subscriptions.push(
    provider,
    vscode.languages.registerCodeLensProvider({ scheme: 'file' }, provider),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('runpod.files')) provider.refresh();
    }),
  );
}
