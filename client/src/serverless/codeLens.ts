/**
 * "$(cloud-upload) Deploy Endpoint" at the top of a `.runpod/hub.json` and of a template file that
 * says `"serverless": true`, by the `runpod.files` setting.
 */
import * as vscode from 'vscode';
import { registerFileCodeLens } from '../launch/codeLens';
import { isServerlessTemplateText } from './endpointSource';
import { deployFileKind } from './ui/deployWizard';

export function registerDeployCodeLens(context: vscode.ExtensionContext): void {
  registerFileCodeLens(context, (document, top) => {
    const kind = deployFileKind(document.uri);
    if (kind !== 'hub-json' && !(kind === 'runpod-json' && isServerlessTemplateText(document.getText()))) return [];
    return [new vscode.CodeLens(top, { title: '$(cloud-upload) Deploy Endpoint', command: 'runpod.endpoints.deploy', arguments: [{ file: document.uri }], tooltip: 'Deploy a RunPod serverless endpoint from this file' })];
  });
}
