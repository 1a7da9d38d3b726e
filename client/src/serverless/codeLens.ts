/**
 * "$(cloud-upload) Deploy Endpoint" at the top of a `.runpod/hub.json` and of a template file that
 * says `"serverless": true` (a serverless template cannot launch a Pod; this is what it is for).
 */
import * as vscode from 'vscode';
import { isServerlessTemplateText } from './endpointSource';
import { deployFileKind } from './ui/deployWizard';

class DeployCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.uri.scheme !== 'file') return [];
    const kind = deployFileKind(document.uri);
    if (kind !== 'hub-json' && !(kind === 'runpod-json' && isServerlessTemplateText(document.getText()))) return [];
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: '$(cloud-upload) Deploy Endpoint',
        command: 'runpod.endpoints.deploy',
        arguments: [{ file: document.uri }],
        tooltip: 'Deploy a RunPod serverless endpoint from this file',
      }),
    ];
  }
}

export function registerDeployCodeLens(context: vscode.ExtensionContext): void {
  const provider = new DeployCodeLens();
  context.subscriptions.push(
    provider,
    vscode.languages.registerCodeLensProvider({ scheme: 'file', language: 'json' }, provider),
    vscode.languages.registerCodeLensProvider({ scheme: 'file', language: 'jsonc' }, provider),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('runpod.files')) provider.refresh();
    }),
  );
}
