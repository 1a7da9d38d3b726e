/** "$(rocket) Launch Pod" and "Push Template" at the top of every `*.runpod.json` file. */
import * as vscode from 'vscode';

const TEMPLATE_FILE_SELECTOR: vscode.DocumentSelector = [{ pattern: '**/*.runpod.json' }];

class TemplateFileCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, { title: '$(rocket) Launch Pod', command: 'runpod.launchPod', arguments: [{ templateFile: document.uri }], tooltip: 'Launch a RunPod Pod from this template file' }),
      new vscode.CodeLens(top, { title: 'Push Template', command: 'runpod.pushTemplate', arguments: [document.uri], tooltip: 'Create or update the account template with this name' }),
    ];
  }
}

export function registerCodeLens(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.languages.registerCodeLensProvider(TEMPLATE_FILE_SELECTOR, new TemplateFileCodeLens()));
}
