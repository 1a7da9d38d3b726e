/**
 * RunPod: Show Secret History — a read-only Markdown document (scheme `runpod-history`) of what this
 * editor and runpod-check did to secrets, beside RunPod's dates. From the tree's context menu it
 * shows one secret. A virtual document rather than a quick pick: it holds many lines, can be
 * searched and kept open, and follows new entries.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { renderHistoryDocument } from './historyDocument';
import { nameFromArgument } from './target';
import { nameLabel } from '../ui/plainName';

const HISTORY_COMMAND = 'runpod.secrets.showHistory';
const HISTORY_SCHEME = 'runpod-history';

export function register(services: Services): void {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const open = new Set<string>();
  const refresh = (): void => {
    for (const uri of open) changed.fire(vscode.Uri.parse(uri));
  };
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent: (uri) => {
      const name = new URLSearchParams(uri.query).get('name') ?? undefined;
      // The active account's entries only (a switch re-renders: the store fires), the others counted.
      const { entries, hidden, account, cliError } = services.lifecycle.history.all();
      return renderHistoryDocument({ entries, hidden, secrets: services.store.secrets, now: services.lifecycle.now(), ...(account ? { account } : {}), ...(name ? { name } : {}), ...(cliError ? { cliError } : {}), held: (account) => services.accounts.has(account) });
    },
  };
  services.context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(HISTORY_SCHEME, provider),
    // A write records an entry and refreshes the store: the open documents follow. So does Add or
    // Remove Account of an account not active (no list changes): the hidden lines say whether to add it.
    services.store.onDidChange(refresh),
    services.accounts.onDidChange(refresh),
    vscode.commands.registerCommand(HISTORY_COMMAND, async (arg?: unknown) => {
      const name = nameFromArgument(arg);
      const title = historyTitle(name);
      const uri = vscode.Uri.from({ scheme: HISTORY_SCHEME, path: `/${title}.md`, query: name ? new URLSearchParams({ name }).toString() : '' });
      open.add(uri.toString());
      try {
        await vscode.commands.executeCommand('markdown.showPreview', uri);
      } catch {
        await vscode.window.showTextDocument(uri, { preview: true });
      }
    }),
  );
}

/**
 * The tab title of a secret's history (the document's file name): the API's name by the label
 * rule (no escape sequence or bidi override in a tab), a `/` as a look-alike so it stays one name.
 */
export function historyTitle(name: string | undefined): string {
  return name ? `${nameLabel(name).replace(/\//g, '∕')} history` : 'Secret history';
}
