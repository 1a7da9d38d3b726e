/**
 * RunPod: View Secret — a read-only Markdown document (scheme `runpod-secret`) with the secret's
 * metadata, its value's age, where it is used (workspace files, account templates, Pods and
 * endpoints) and its history. There is no value to show: the API never returns one.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { entriesFor } from '../secrets/history';
import type { SecretUsages } from '../secrets/references';
import { findSecretUsages, indexedFileUsages } from './findUsages';
import { findSecret, resolveSecretName } from './pickSecret';
import { renderSecretDocument } from './secretDocument';
import { VIEW_NAMES } from '../views/viewNames';

const VIEW_COMMAND = 'runpod.secrets.view';
const SECRET_DOCUMENT_SCHEME = 'runpod-secret';

/** Registers `runpod.secrets.view` and the `runpod-secret` document provider. */
export function register(services: Services): void {
  const provider = new SecretDocumentProvider(services);
  services.context.subscriptions.push(
    provider,
    vscode.workspace.registerTextDocumentContentProvider(SECRET_DOCUMENT_SCHEME, provider),
    vscode.commands.registerCommand(VIEW_COMMAND, (arg?: unknown) => viewSecret(services, provider, arg)),
  );
}

/** The URI of a secret's document; the name travels in the query, the path is only for the tab title. */
function secretDocumentUri(name: string): vscode.Uri {
  const title = name.replace(/\//g, '∕');
  return vscode.Uri.from({ scheme: SECRET_DOCUMENT_SCHEME, path: `/${title}.md`, query: new URLSearchParams({ name }).toString() });
}

function nameOfUri(uri: vscode.Uri): string {
  return new URLSearchParams(uri.query).get('name') ?? '';
}

/** Serves the View Secret documents from the store's metadata and the last usage search. */
class SecretDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly usages = new Map<string, SecretUsages>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly services: Services) {
    this.subscriptions = [
      // Metadata shown must follow the store (an edited description, a deleted secret).
      services.store.onDidChange(() => {
        for (const name of this.usages.keys()) this.changed.fire(secretDocumentUri(name));
      }),
      // VS Code drops a change for a document that is not open yet, and the preview opens its
      // document after markdown.showPreview returns: a search that ended in between would leave
      // "Searching…" on screen for good. Once open, the document is asked again.
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (doc.uri.scheme === SECRET_DOCUMENT_SCHEME && this.usages.has(nameOfUri(doc.uri))) this.changed.fire(doc.uri);
      }),
      // The workspace files follow the index (a file renamed, edited, deleted): a snapshot of the
      // view's first search would go stale. The index is asked again (one cheap request per secret
      // shown); the account part stays as listed, and an index that cannot answer keeps what is shown.
      services.lifecycle.index.onDidChangeUsages(() => void this.refreshFiles()),
    ];
  }

  private async refreshFiles(): Promise<void> {
    await Promise.all(
      [...this.usages.keys()].map(async (name) => {
        const files = await indexedFileUsages(this.services, name);
        const shown = this.usages.get(name);
        if (!files || !shown) return;
        const { filesGap: _old, unlisted: _walked, ...rest } = shown;
        this.setUsages(name, { ...rest, ...files });
      }),
    );
  }

  setUsages(name: string, usages: SecretUsages): void {
    this.usages.set(name, usages);
    this.changed.fire(secretDocumentUri(name));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const name = nameOfUri(uri);
    const secret = findSecret(this.services, name);
    if (!secret) return `# ${name}\n\nThis secret is not in the account's list (deleted, or the list is not loaded). Refresh the RunPod ${VIEW_NAMES['runpod.secrets']} view.\n`;
    const { lifecycle } = this.services;
    return renderSecretDocument(secret, this.usages.get(name), {
      now: lifecycle.now(),
      rotationDays: lifecycle.rotationDays(),
      history: entriesFor(lifecycle.history.all().entries, name),
    });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

async function viewSecret(services: Services, provider: SecretDocumentProvider, arg: unknown): Promise<void> {
  const name = await resolveSecretName(services, arg, 'View Secret');
  if (!name) return;
  if (!findSecret(services, name)) {
    void vscode.window.showWarningMessage(`${name} is not in the loaded list of secrets. Refresh the RunPod ${VIEW_NAMES['runpod.secrets']} view and try again.`);
    return;
  }
  const uri = secretDocumentUri(name);
  // Show the metadata at once; the usage search (files, templates) fills in when done.
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(uri, { preview: true });
  }
  provider.setUsages(name, await findSecretUsages(services, name));
}
