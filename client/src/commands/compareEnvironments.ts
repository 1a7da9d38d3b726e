/**
 * "RunPod: Compare Environments" (palette, and the title bar of a RunPod env file): keys x
 * environments side by side in a read-only Markdown document (scheme `runpod-environments`), shown
 * in VS Code's Markdown preview. A document rather than a webview: no script, no content policy to
 * get right, the editor's own theme and search, and the text is one pure function
 * (environments/comparisonMarkdown.ts) that tests read directly. From a file, the comparison is of
 * that file's template; from the palette, of the active editor's, else of every template.
 * The document follows saves of the compared files.
 */
import * as vscode from 'vscode';
import { compareEnvironments, type EnvironmentComparison } from '../../../server/src/template/environments/index';
import { renderComparison, type KnownAccountSecrets } from '../environments/comparisonMarkdown';
import { unlistedFoldersNote } from '../environments/unlistedFolders';
import { groupOfUri, groupPaths, listEnvironments, loadSources, relativePath, type FileRead, type WorkspaceEnvironments } from '../environments/workspaceFiles';
import { isUriLike } from '../launch/args';
import { knownSecretNames } from '../launch/envItems';
import type { Services } from '../services';

/** The active account, and its secret names as the store knows them (undefined while it does not: no marks then). */
type KnownSecrets = () => KnownAccountSecrets;

export const COMPARE_ENVIRONMENTS_COMMAND = 'runpod.compareEnvironments';
export const ENVIRONMENTS_SCHEME = 'runpod-environments';

/** One document per scope: a file's template (`file=` its path) or the whole workspace. */
function documentUri(file: vscode.Uri | undefined): vscode.Uri {
  return vscode.Uri.from({
    scheme: ENVIRONMENTS_SCHEME,
    path: '/Compare Environments.md',
    query: file ? new URLSearchParams({ file: file.toString() }).toString() : '',
  });
}

/** A comparison as read from the files: it needs no secret list (only its marks do, at render). */
interface Made {
  comparisons: EnvironmentComparison[];
  /** Each compared file as read, or why not. */
  reads: FileRead[];
  /** The folders the listing could not list (WorkspaceEnvironments.unlisted): their files are not compared. */
  unlisted: string[];
  /** The compared files. */
  paths: string[];
}

/** Compares the listed `environments` for a document's scope; the file's template only when it has sibling environments. */
async function comparisonFor(file: vscode.Uri | undefined, environments: WorkspaceEnvironments): Promise<Made> {
  const own = file ? groupOfUri(environments, file) : undefined;
  const groups = own ? [own] : environments.groups;
  const { sources, reads } = await loadSources(environments, groups);
  // Folder by folder, with each folder's declarations: one folder's files are never another's siblings.
  const comparisons = environments.folders.flatMap((folder) => {
    const paths = groupPaths(folder.groups);
    return compareEnvironments(
      sources.filter((s) => paths.has(s.path)),
      folder.declarations,
    );
  });
  return { comparisons, reads, unlisted: environments.unlisted, paths: sources.map((s) => s.path) };
}

/** Which account and secrets the text was rendered against: the same account and names render the same text. */
function marksKey(known: KnownAccountSecrets): string {
  return JSON.stringify([known.account, known.names ? [...known.names].sort() : null, known.held ?? null]);
}

/** A shown comparison: its text, what it was rendered from, the listing it was made from. */
interface Shown extends Made {
  uri: vscode.Uri;
  markdown: string;
  /** `marksKey` of the secrets the text was rendered against. */
  marks: string;
  environments: WorkspaceEnvironments;
  /** Which making of the comparison is the newest: an older one that ends later is dropped. */
  ticket: number;
}

class ComparisonProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Rendered text and the files it was made from, per document. */
  private readonly shown = new Map<string, Shown>();
  private tickets = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    readonly known: KnownSecrets,
    secretsChanged: vscode.Event<void>,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidSaveTextDocument((doc) => void this.refresh(this.showing(relativePath(doc.uri)))),
      // A secret created (or deleted) changes which references are marked as not on the account, nothing
      // the files say: render the kept comparisons again, reading no file (the store fires 2-3 times per create).
      secretsChanged(() => this.render()),
      // A comparison nobody shows any more is forgotten: it is neither kept nor made again on every save.
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme === ENVIRONMENTS_SCHEME) this.shown.delete(doc.uri.toString());
      }),
    ];
  }

  set(uri: vscode.Uri, made: Made, environments: WorkspaceEnvironments): void {
    this.shown.set(uri.toString(), { uri, ...this.rendered(made), environments, ticket: ++this.tickets });
    this.changed.fire(uri);
  }

  /** `made` with its text, marked against the secrets known now. */
  private rendered(made: Made): Made & Pick<Shown, 'markdown' | 'marks'> {
    const known = this.known();
    return { ...made, markdown: renderComparison(made.comparisons, made, known), marks: marksKey(known) };
  }

  /** Renders every shown comparison whose marks the secrets known now change; reads no file. */
  private render(): void {
    const marks = marksKey(this.known());
    for (const [key, entry] of this.shown) {
      if (entry.marks === marks) continue;
      this.shown.set(key, { ...entry, ...this.rendered(entry) });
      this.changed.fire(entry.uri);
    }
  }

  /** The shown comparisons made from the file at `path`. */
  private showing(path: string): (entry: Shown) => boolean {
    return (entry) => entry.paths.includes(path);
  }

  /**
   * The shown comparisons `which` picks are made again: a saved file one was made from. Saving a listed file cannot change which files are listed,
   * so the listing it was made from is kept: no walk per save (autoSave saves every second). A file
   * whose read gave no answer costs no wait: while that read hangs the bounded reader says so at once
   * (loadSources). Of refreshes that overlap, the newest started wins: an older one that ends later is dropped.
   */
  private async refresh(which: (entry: Shown) => boolean): Promise<void> {
    await Promise.all(
      [...this.shown.entries()].map(async ([key, entry]) => {
        if (!which(entry)) return;
        const ticket = (entry.ticket = ++this.tickets);
        const file = new URLSearchParams(entry.uri.query).get('file');
        const next = await comparisonFor(file ? vscode.Uri.parse(file) : undefined, entry.environments);
        // Closed meanwhile (forgotten), or made again since: this text is not the newest.
        if (this.shown.get(key)?.ticket !== ticket) return;
        this.shown.set(key, { ...entry, ...this.rendered(next), ticket });
        this.changed.fire(entry.uri);
      }),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.shown.get(uri.toString())?.markdown ?? '# Compare Environments\n\nRun **RunPod: Compare Environments** again to see the comparison.\n';
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

/** The file to compare: the argument (title bar, explorer), else the active editor's file. */
function fileOf(arg: unknown): vscode.Uri | undefined {
  if (isUriLike(arg)) return arg as vscode.Uri;
  const active = vscode.window.activeTextEditor?.document.uri;
  return active?.scheme === 'file' ? active : undefined;
}

export async function compareEnvironmentsCommand(provider: Pick<ComparisonProvider, 'set'>, arg?: unknown): Promise<void> {
  const file = fileOf(arg);
  // The listing shows its progress (Cancel ends the command quietly) and says when it stopped at its
  // bound; the folders it could not list are said here, once: in the document, which names them all,
  // or in the message when there is nothing to compare.
  const environments = await listEnvironments(undefined, { unlistedSaidByCaller: true });
  if (!environments) return;
  const result = await comparisonFor(file, environments);
  if (result.comparisons.length === 0) {
    // The environments may be in a folder that could not be listed: said in the listing's words (unlistedFolders.ts).
    const note = unlistedFoldersNote(result.unlisted);
    const unlisted = note ? ` ${note}` : '';
    void vscode.window.showInformationMessage(
      `No template with two or more environments in this workspace. Name env files for their environment (train.dev.runpod.env, train.prod.runpod.env), or declare them in the runpod.environments setting.${unlisted}`,
    );
    return;
  }
  // A file of no template with environments: the whole workspace's comparison instead.
  const uri = documentUri(file && result.paths.includes(relativePath(file)) ? file : undefined);
  provider.set(uri, result, environments);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(uri, { preview: true });
  }
}

export function register(services: Services): void {
  const { store } = services;
  const provider = new ComparisonProvider(() => {
    return { account: services.accounts.active, names: knownSecretNames(store.state, store.secrets), held: services.accounts.names };
  }, store.onDidChange);
  services.context.subscriptions.push(
    provider,
    vscode.workspace.registerTextDocumentContentProvider(ENVIRONMENTS_SCHEME, provider),
    vscode.commands.registerCommand(COMPARE_ENVIRONMENTS_COMMAND, (arg?: unknown) => compareEnvironmentsCommand(provider, arg)),
  );
}
