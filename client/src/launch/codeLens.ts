/**
 * "$(rocket) Launch Pod" and "Push Template" at the top of every template file: a `runpod.files`
 * file of kind runpod-json (by default `*.runpod.json`), so the lens follows the setting. The
 * provider is generic (`registerFileCodeLens`): Deploy Endpoint puts its lens on Hub listings and
 * serverless template files the same way.
 */
import * as vscode from 'vscode';
import { isServerlessTemplateText } from '../serverless/endpointSource';
import { isTemplateDocument } from '../runpodFiles';
import { fileKindsMayChange } from '../config';

/** Lenses at the top of a file, decided by `lensesFor`; asked again when a setting of file kinds changes (config.ts fileKindsMayChange). */
class FileCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly lensesFor: (document: vscode.TextDocument, top: vscode.Range) => vscode.CodeLens[]) {}

  /** `runpod.files` or `runpod.environments` changed: which documents are template files may have changed too. */
  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return document.uri.scheme === 'file' ? this.lensesFor(document, new vscode.Range(0, 0, 0, 0)) : [];
  }
}

/** Registers a lens provider for files on disk; every file is asked (a glob match each): the setting, not a fixed pattern, decides. */
export function registerFileCodeLens(context: vscode.ExtensionContext, lensesFor: (document: vscode.TextDocument, top: vscode.Range) => vscode.CodeLens[]): void {
  const provider = new FileCodeLens(lensesFor);
  context.subscriptions.push(
    provider,
    vscode.languages.registerCodeLensProvider({ scheme: 'file' }, provider),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (fileKindsMayChange((section) => event.affectsConfiguration(section))) provider.refresh();
    }),
  );
}

export function registerCodeLens(context: vscode.ExtensionContext): void {
  registerFileCodeLens(context, (document, top) => {
    if (!isTemplateDocument(document)) return [];
    const push = new vscode.CodeLens(top, { title: 'Push Template', command: 'runpod.pushTemplate', arguments: [document.uri], tooltip: 'Create or update the account template with this name' });
    // A serverless template cannot launch a Pod (templateFile.ts refuses it): its lens is Deploy Endpoint (serverless/codeLens.ts).
    if (isServerlessTemplateText(document.getText())) return [push];
    return [new vscode.CodeLens(top, { title: '$(rocket) Launch Pod', command: 'runpod.launchPod', arguments: [{ templateFile: document.uri }], tooltip: 'Launch a RunPod Pod from this template file' }), push];
  });
}
