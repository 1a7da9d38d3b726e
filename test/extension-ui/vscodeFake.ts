/**
 * A small stand-in for the `vscode` module, enough to drive the secret commands' flows in vitest:
 * input boxes follow a script, dialogs answer from a queue, and everything shown is recorded so
 * tests can check that a value never appears. Used through `vi.mock('vscode', ...)`.
 */
import { Minimatch } from 'minimatch';
import { posix } from 'node:path';
import { WAIT_BOUND_MS } from '../helpers/until';

type Listener<T> = (value: T) => void;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

/** VS Code's CancellationTokenSource: `cancel()` sets the token and fires its event once. */
export class CancellationTokenSource {
  private readonly cancelE = new EventEmitter<void>();
  readonly token = {
    isCancellationRequested: false,
    onCancellationRequested: (listener: () => void) => this.cancelE.event(listener),
  };
  cancel(): void {
    if (this.token.isCancellationRequested) return;
    this.token.isCancellationRequested = true;
    this.cancelE.fire();
  }
  dispose(): void {
    this.cancelE.dispose();
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  isEqual(other: Position): boolean {
    return this.line === other.line && this.character === other.character;
  }
  translate(lineDelta = 0, characterDelta = 0): Position {
    return new Position(this.line + lineDelta, this.character + characterDelta);
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
  isEqual(other: Range): boolean {
    return this.start.isEqual(other.start) && this.end.isEqual(other.end);
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
    readonly query: string,
  ) {}
  static parse(text: string): Uri {
    const [scheme, rest] = text.split(':', 2) as [string, string];
    return new Uri(scheme, rest.replace(/^\/\//, ''), '');
  }
  static from(parts: { scheme: string; path: string; query?: string }): Uri {
    return new Uri(parts.scheme, parts.path, parts.query ?? '');
  }
  /** A local path's `file:` URI (POSIX here), as VS Code's. */
  static file(path: string): Uri {
    return new Uri('file', path, '');
  }
  /** As VS Code's: the segments joined and the path normalised (`..` goes up). */
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, posix.normalize([base.path.replace(/\/+$/, ''), ...segments].join('/')), '');
  }
  /** As VS Code's: this URI with the given parts changed. */
  with(change: { scheme?: string; path?: string; query?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path, change.query ?? this.query);
  }
  /** The path on disk of a `file:` URI (POSIX here), as VS Code's. */
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}${this.query ? `?${this.query}` : ''}`;
  }
}

/** VS Code's RelativePattern: a glob matched against paths below `base` (a folder's URI or a workspace folder). */
export class RelativePattern {
  readonly baseUri: Uri;
  constructor(
    base: Uri | { uri: Uri },
    readonly pattern: string,
  ) {
    this.baseUri = base instanceof Uri ? base : base.uri;
  }
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: unknown,
  ) {}
}
export class ThemeColor {
  constructor(readonly id: string) {}
}
export class FileSystemError extends Error {
  code = 'Unknown';
}
/** VS Code's bit flags: a link to a file is File | SymbolicLink, a link to a device or a FIFO Unknown | SymbolicLink. */
export const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 } as const;

export const QuickInputButtons = { Back: { iconPath: new ThemeIcon('arrow-left'), tooltip: 'Back' } };
export const QuickPickItemKind = { Separator: -1, Default: 0 } as const;
export const InputBoxValidationSeverity = { Info: 1, Warning: 2, Error: 3 } as const;
export const ProgressLocation = { SourceControl: 1, Window: 10, Notification: 15 } as const;
export const ConfigurationTarget = { Global: 1, Workspace: 2, WorkspaceFolder: 3 } as const;

/** An in-memory text document over a string. */
export class FakeDocument {
  version = 1;
  /** Edits make the document dirty unless `autoSave` (VS Code's files.autoSave) saves it at once. */
  isDirty = false;
  autoSave = false;
  constructor(
    readonly uri: Uri,
    public text: string,
  ) {}
  private lines(): string[] {
    return this.text.split('\n');
  }
  offsetAt(position: Position): number {
    const lines = this.lines();
    let offset = 0;
    for (let i = 0; i < position.line; i++) offset += lines[i]!.length + 1;
    return offset + position.character;
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, offset).split('\n');
    return new Position(before.length - 1, before[before.length - 1]!.length);
  }
  validateRange(range: Range): Range {
    const clamp = (p: Position) => {
      const lines = this.lines();
      const line = Math.min(p.line, lines.length - 1);
      return new Position(line, Math.min(p.character, lines[line]!.length));
    };
    return new Range(clamp(range.start), clamp(range.end));
  }
  getText(range?: Range): string {
    return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }
  edit(mutate: (text: string) => string): void {
    this.text = mutate(this.text);
    this.version++;
    this.isDirty = !this.autoSave;
  }
}

export class WorkspaceEdit {
  readonly replacements: { uri: Uri; range: Range; newText: string; metadata?: { needsConfirmation?: boolean; label?: string } }[] = [];
  /** File creations; the fake applies none (its tests create no file through an edit). */
  readonly creates: { uri: Uri; options?: { overwrite?: boolean; ignoreIfExists?: boolean }; metadata?: { needsConfirmation?: boolean; label?: string } }[] = [];
  replace(uri: Uri, range: Range, newText: string, metadata?: { needsConfirmation?: boolean; label?: string }): void {
    this.replacements.push({ uri, range, newText, ...(metadata ? { metadata } : {}) });
  }
  createFile(uri: Uri, options?: { overwrite?: boolean; ignoreIfExists?: boolean }, metadata?: { needsConfirmation?: boolean; label?: string }): void {
    this.creates.push({ uri, ...(options ? { options } : {}), ...(metadata ? { metadata } : {}) });
  }
}

/**
 * Resolves once `check` holds, looked at now and at each fire of `event`: a test awaits the step the
 * code under test takes on its own (nobody awaits it), with no clock polled. Bounded only to turn a
 * hang into a failure naming `what` (helpers/until.ts WAIT_BOUND_MS).
 */
export function whenFired(event: (listener: () => void) => { dispose(): void }, check: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const look = (): void => {
      if (!check()) return;
      listening.dispose();
      clearTimeout(bound);
      resolve();
    };
    const listening = event(look);
    const bound = setTimeout(() => {
      listening.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, WAIT_BOUND_MS);
    look();
  });
}

/** Fires when the fake records an editor shown or a command run. */
const recordedE = new EventEmitter<void>();

/** `whenFired` on what the fake records: an editor shown, a command run (a notification's button, which the flow does not await). */
export function whenRecorded(check: () => boolean, what: string): Promise<void> {
  return whenFired(recordedE.event, check, what);
}

/** What a scripted input box step does once shown. */
export type BoxAction = (box: FakeInputBox) => void;

/** Everything the fake records, and the scripts it follows; reset before each test. */
export const fake = {
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  /** Every text shown to the user: messages, details, box titles/prompts/values/validation. */
  shown: [] as string[],
  boxes: [] as { title?: string; step?: number; totalSteps?: number; password: boolean; value: string; prompt?: string; back: boolean }[],
  inputScript: [] as BoxAction[],
  /**
   * Answers of showWarningMessage/showInformationMessage/showErrorMessage, in order (undefined =
   * dismissed); a function answers once the message is shown (what the user does while it is open).
   */
  dialogAnswers: [] as (string | undefined | ((text: string) => string | undefined | Promise<string | undefined>))[],
  /** What each window.showOpenDialog answers, in order (none left, or undefined = dismissed). */
  openDialogAnswers: [] as (unknown[] | undefined)[],
  /** Every window.showOpenDialog shown: where it opened (its defaultUri). */
  openDialogs: [] as { defaultUri?: string }[],
  /** What each window.showQuickPick answers, in order: a function of the items shown (undefined = dismissed). */
  pickScript: [] as ((items: { label: string; picked?: boolean }[]) => unknown)[],
  /** Every window.showQuickPick shown: its title, placeholder and the labels of its items. */
  picks: [] as { title?: string; placeholder?: string; labels: string[] }[],
  /** Every message shown, with its buttons (when it has any) and a modal's dismiss button (`dismiss`). */
  messages: [] as { level: 'info' | 'warning' | 'error'; text: string; detail?: string; buttons?: string[]; dismiss?: string }[],
  /** Every window.showTextDocument: the document's URI and where the cursor was put (0-based, as VS Code's Position). */
  editorsShown: [] as { uri: string; line?: number; character?: number }[],
  documents: new Map<string, FakeDocument>(),
  appliedEdits: [] as WorkspaceEdit[],
  /** The options of each applyEdit call, and whether the user accepts the next previewed edit (false: discarded in the preview). */
  applyEditOptions: [] as unknown[],
  acceptPreview: true,
  /** In an accepted preview, which changes the user leaves ticked (unset: as VS Code starts them, those that do not need confirmation). */
  previewTicks: undefined as undefined | ((r: { range: Range; newText: string }) => boolean),
  clipboard: '',
  /** The `runpod` settings section (user values), e.g. `{ files: [...] }`. */
  settings: {} as Record<string, unknown>,
  /** A workspace folder's own `runpod` settings (by the folder's path), over `settings` for a scope in that folder. */
  folderSettings: new Map<string, Record<string, unknown>>(),
  /** The path of the one workspace folder. */
  folder: '/w',
  /** Further workspace folders inside `folder` (a multi-root window with nested folders), by path: a file belongs to the innermost. */
  nested: [] as string[],
  /** Files on disk under the workspace folder `/w`, by path; `findFiles` searches them. */
  files: new Map<string, string>(),
  /** What `fs.stat` and fakeFileRead say of a path instead of its entry in `files` (a FIFO, a link to /dev/zero, a 5 GB sparse file). */
  stats: new Map<string, { type: number; size: number }>(),
  /** Paths `fs.readFile` and fakeFileRead read, in order (not those they refused). */
  reads: [] as string[],
  /** Folders `fs.readDirectory` was asked to list, in order. */
  listed: [] as string[],
  /** Every text and tooltip set on a status bar item (window.createStatusBarItem), in order. */
  statusBar: [] as { text?: string; tooltip?: string }[],
  /** Code lens providers registered, with their selectors. */
  codeLensProviders: [] as { selector: unknown; provider: { provideCodeLenses(doc: unknown): unknown[] } }[],
  reset(): void {
    this.folder = '/w';
    this.nested = [];
    this.settings = {};
    this.folderSettings.clear();
    this.files.clear();
    this.stats.clear();
    this.reads = [];
    this.listed = [];
    this.statusBar = [];
    this.codeLensProviders = [];
    this.commands.clear();
    this.shown = [];
    this.boxes = [];
    this.inputScript = [];
    this.dialogAnswers = [];
    this.openDialogAnswers = [];
    this.openDialogs = [];
    this.pickScript = [];
    this.picks = [];
    this.messages = [];
    this.editorsShown = [];
    this.documents.clear();
    this.appliedEdits = [];
    this.applyEditOptions = [];
    this.acceptPreview = true;
    this.previewTicks = undefined;
    this.clipboard = '';
  },
};

export class FakeInputBox {
  title?: string;
  step?: number;
  totalSteps?: number;
  value = '';
  prompt?: string;
  placeholder?: string;
  password = false;
  ignoreFocusOut = false;
  buttons: unknown[] = [];
  validationMessage: string | { message: string; severity: number } | undefined;
  private readonly changeValue = new EventEmitter<string>();
  private readonly acceptE = new EventEmitter<void>();
  private readonly buttonE = new EventEmitter<unknown>();
  private readonly hideE = new EventEmitter<void>();
  readonly onDidChangeValue = this.changeValue.event;
  readonly onDidAccept = this.acceptE.event;
  readonly onDidTriggerButton = this.buttonE.event;
  readonly onDidHide = this.hideE.event;
  private disposed = false;

  /** What `show` recorded; its count follows typing, as VS Code's title bar does. */
  private shownAs?: (typeof fake.boxes)[number];

  show(): void {
    this.shownAs = {
      title: this.title,
      step: this.step,
      totalSteps: this.totalSteps,
      password: this.password,
      value: this.value,
      prompt: this.prompt,
      back: this.buttons.includes(QuickInputButtons.Back),
    };
    fake.boxes.push(this.shownAs);
    fake.shown.push(this.title ?? '', this.prompt ?? '', this.placeholder ?? '', this.password ? '' : this.value);
    this.recordValidation();
    const action = fake.inputScript.shift();
    setTimeout(() => (action ? action(this) : this.hide()), 0);
  }
  type(value: string): void {
    this.value = value;
    this.changeValue.fire(value);
    if (this.shownAs) Object.assign(this.shownAs, { step: this.step, totalSteps: this.totalSteps });
    this.recordValidation();
  }
  accept(): void {
    this.acceptE.fire();
    this.recordValidation();
  }
  pressBack(): void {
    this.buttonE.fire(QuickInputButtons.Back);
  }
  hide(): void {
    if (!this.disposed) this.hideE.fire();
  }
  get validationText(): string | undefined {
    const m = this.validationMessage;
    return typeof m === 'string' ? m : m?.message;
  }
  private recordValidation(): void {
    if (this.validationText) fake.shown.push(this.validationText);
  }
  dispose(): void {
    this.disposed = true;
  }
}

/** A button given as VS Code's MessageItem rather than a string. */
interface MessageItem {
  title: string;
  isCloseAffordance?: boolean;
}

function isMessageItem(r: unknown): r is MessageItem {
  return typeof r === 'object' && r !== null && typeof (r as MessageItem).title === 'string';
}

function message(level: 'info' | 'warning' | 'error') {
  return async (text: string, ...rest: unknown[]): Promise<string | MessageItem | undefined> => {
    const options = typeof rest[0] === 'object' && rest[0] !== null && !isMessageItem(rest[0]) ? (rest[0] as { detail?: string; modal?: boolean }) : undefined;
    const items = rest.filter((r): r is string | MessageItem => typeof r === 'string' || isMessageItem(r));
    const buttons = items.map((item) => (typeof item === 'string' ? item : item.title));
    // A modal dialog's dismiss button: VS Code's own "Cancel", unless an item is marked isCloseAffordance.
    const closer = items.find((item): item is MessageItem => typeof item !== 'string' && item.isCloseAffordance === true);
    const dismiss = options?.modal ? { dismiss: closer?.title ?? 'Cancel' } : {};
    fake.messages.push({ level, text, ...(options?.detail ? { detail: options.detail } : {}), ...(buttons.length > 0 ? { buttons } : {}), ...dismiss });
    fake.shown.push(text, options?.detail ?? '');
    const queued = fake.dialogAnswers.shift();
    const answer = typeof queued === 'function' ? await queued(text) : queued;
    // Escape on a modal answers its close affordance, as VS Code does (the dialog's cancel button is that item).
    if (answer === undefined && options?.modal && closer) return closer;
    if (answer === undefined || items.every((item) => typeof item === 'string')) return answer;
    // MessageItems: VS Code answers with the item clicked, found here by its title.
    const clicked = items.find((item): item is MessageItem => typeof item !== 'string' && item.title === answer);
    if (!clicked) throw new Error(`The dialog "${text}" has no button "${answer}" (buttons: ${buttons.join(', ')})`);
    return clicked;
  };
}

/** `window.showInputBox` on a FakeInputBox, so the same input scripts drive it. */
function showInputBox(
  options: { title?: string; prompt?: string; placeHolder?: string; password?: boolean; value?: string; validateInput?: (value: string) => string | undefined } = {},
): Promise<string | undefined> {
  return new Promise((resolve) => {
    const box = new FakeInputBox();
    Object.assign(box, { title: options.title, prompt: options.prompt, placeholder: options.placeHolder, password: options.password ?? false });
    box.value = options.value ?? '';
    let settled = false;
    const done = (value: string | undefined) => {
      if (settled) return;
      settled = true;
      box.dispose();
      resolve(value);
    };
    box.onDidChangeValue((value) => (box.validationMessage = options.validateInput?.(value)));
    box.onDidAccept(() => {
      box.validationMessage = options.validateInput?.(box.value);
      if (!box.validationMessage) done(box.value);
    });
    box.onDidHide(() => done(undefined));
    box.show();
  });
}

export const window = {
  createInputBox: () => new FakeInputBox(),
  showInputBox,
  showInformationMessage: message('info'),
  showWarningMessage: message('warning'),
  showErrorMessage: message('error'),
  setStatusBarMessage: (text: string) => {
    fake.shown.push(text);
    return { dispose() {} };
  },
  withProgress: async <T>(options: { title?: string }, task: (progress: unknown) => Promise<T>): Promise<T> => {
    fake.shown.push(options.title ?? '');
    return task({ report() {} });
  },
  showQuickPick: async (items: { label: string; description?: string; detail?: string; picked?: boolean }[], options: { title?: string; placeHolder?: string } = {}) => {
    const list = await items;
    fake.picks.push({ title: options.title, placeholder: options.placeHolder, labels: list.map((i) => i.label) });
    fake.shown.push(options.title ?? '', options.placeHolder ?? '', ...list.flatMap((i) => [i.label, i.description ?? '', i.detail ?? '']));
    return fake.pickScript.shift()?.(list);
  },
  showOpenDialog: async (options: { defaultUri?: Uri } = {}) => {
    fake.openDialogs.push(options.defaultUri ? { defaultUri: options.defaultUri.toString() } : {});
    return fake.openDialogAnswers.shift();
  },
  showTextDocument: async (document: { uri: Uri }, options?: { selection?: Range }) => {
    fake.editorsShown.push({ uri: document.uri.toString(), ...(options?.selection ? { line: options.selection.start.line, character: options.selection.start.character } : {}) });
    recordedE.fire();
    return { document };
  },
  activeTextEditor: undefined,
  visibleTextEditors: [],
};

export const workspace = {
  textDocuments: [] as FakeDocument[],
  openTextDocument: async (uri: Uri) => {
    const doc = fake.documents.get(uri.toString());
    if (!doc) throw new Error('not found');
    return doc;
  },
  applyEdit: async (edit: WorkspaceEdit, options?: unknown) => {
    fake.applyEditOptions.push(options);
    // An edit with an entry that needs confirmation opens the refactor preview: the user may discard
    // it. VS Code starts each entry that needs confirmation unticked, the others ticked
    // (bulkEditPreview.ts: checked.updateChecked(edit, !edit.metadata?.needsConfirmation)).
    const previewed = [...edit.replacements, ...edit.creates].some((r) => r.metadata?.needsConfirmation);
    if (previewed && !fake.acceptPreview) return false;
    // A file of the edit that is gone: VS Code refuses the whole edit.
    if (edit.replacements.some((r) => !fake.documents.has(r.uri.toString()))) return false;
    fake.appliedEdits.push(edit);
    // Applied from the end so earlier ranges stay where they were.
    const ticked = edit.replacements.filter((r) => !previewed || (fake.previewTicks ? fake.previewTicks(r) : !r.metadata?.needsConfirmation));
    for (const r of [...ticked].reverse()) {
      const doc = fake.documents.get(r.uri.toString())!;
      const start = doc.offsetAt(r.range.start);
      const end = doc.offsetAt(r.range.end);
      doc.edit((text) => text.slice(0, start) + r.newText + text.slice(end));
    }
    return true;
  },
  /**
   * VS Code's findFiles, dot files included, files below the base only: a string include glob
   * against paths relative to the workspace folder (`fake.folder`), a RelativePattern's against
   * paths relative to its base. A token is taken (and ignored: the search is instant) as VS Code's is.
   */
  findFiles: async (include: string | RelativePattern, _exclude?: string, max = Infinity, _token?: { isCancellationRequested: boolean; onCancellationRequested(listener: () => void): unknown }) => {
    const base = typeof include === 'string' ? fake.folder : include.baseUri.path;
    const matcher = new Minimatch(typeof include === 'string' ? include : include.pattern, { dot: true });
    const below = (path: string): string | undefined => (path.startsWith(`${base}/`) ? path.slice(base.length + 1) : undefined);
    return [...fake.files.keys()].filter((path) => { const rel = below(path); return rel !== undefined && matcher.match(rel); }).slice(0, max).map((path) => Uri.from({ scheme: 'file', path }));
  },
  asRelativePath: (uri: Uri) => uri.path,
  /** The one workspace folder, `fake.folder` (`/w`). */
  get workspaceFolders() {
    return [fake.folder, ...fake.nested].map((path, index) => ({ uri: Uri.from({ scheme: 'file', path }), name: path.slice(path.lastIndexOf('/') + 1), index }));
  },
  /** The workspace folder holding a file most closely: `fake.folder` (`/w`) or one of `fake.nested`. */
  getWorkspaceFolder: (uri: Uri) =>
    uri.scheme === 'file' ? workspace.workspaceFolders.filter((f) => uri.path.startsWith(`${f.uri.path}/`)).sort((a, b) => b.uri.path.length - a.uri.path.length)[0] : undefined,
  /** The settings in effect for `scope` (a resource-scoped read): its innermost folder's own over the user's. */
  getConfiguration: (_section?: string, scope?: Uri) => ({
    get: (key: string) => {
      const folder = scope && [fake.folder, ...fake.nested].filter((f) => scope.path === f || scope.path.startsWith(`${f}/`)).sort((a, b) => b.length - a.length)[0];
      const own = folder === undefined ? undefined : fake.folderSettings.get(folder);
      return own && key in own ? own[key] : fake.settings[key];
    },
    inspect: (key: string) => ({ defaultValue: undefined, globalValue: fake.settings[key] }),
    update: async () => undefined,
  }),
  onDidChangeConfiguration: () => ({ dispose() {} }),
  registerTextDocumentContentProvider: () => ({ dispose() {} }),
  fs: {
    stat: async (uri: Uri) => fake.stats.get(uri.path) ?? { type: FileType.File, size: fake.files.get(uri.path)?.length ?? 0 },
    /** A folder's entries, from the paths of `files` below it (a type from `stats` when given); a folder without any is not found. */
    readDirectory: async (uri: Uri) => {
      const dir = uri.path.replace(/\/+$/, '');
      fake.listed.push(dir);
      const entries = new Map<string, number>();
      for (const path of fake.files.keys()) {
        if (!path.startsWith(`${dir}/`)) continue;
        const rest = path.slice(dir.length + 1);
        const slash = rest.indexOf('/');
        // A folder's type from `stats` too (a link to a folder: Directory | SymbolicLink).
        if (slash >= 0) entries.set(rest.slice(0, slash), fake.stats.get(`${dir}/${rest.slice(0, slash)}`)?.type ?? FileType.Directory);
        else entries.set(rest, fake.stats.get(path)?.type ?? FileType.File);
      }
      // VS Code's code for ENOENT: the walk reads it as gone, not as a folder it could not list.
      if (entries.size === 0) throw Object.assign(new FileSystemError(`no folder ${dir}`), { code: 'FileNotFound' });
      return [...entries];
    },
    readFile: async (uri: Uri) => {
      fake.reads.push(uri.path);
      return new TextEncoder().encode(fake.files.get(uri.path) ?? '');
    },
  },
};

export class CodeLens {
  constructor(
    readonly range: Range,
    readonly command?: { title: string; command: string; arguments?: unknown[] },
  ) {}
}

export const languages = {
  registerCodeLensProvider: (selector: unknown, provider: { provideCodeLenses(doc: unknown): unknown[] }) => {
    fake.codeLensProviders.push({ selector, provider });
    return { dispose() {} };
  },
};

export const commands = {
  registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
    fake.commands.set(id, fn);
    return { dispose() {} };
  },
  executeCommand: async () => undefined,
};

export const env = {
  clipboard: {
    writeText: async (text: string) => {
      fake.clipboard = text;
    },
  },
};

// -------------------------------------------------------------------------------------------------
// Quick picks with steps, tree views, pseudo-terminals, progress with Cancel, status bar items and a
// record of executed commands (the Endpoints view, Deploy/Update Endpoint, Show Logs, the wizards).
// Kept in `ui`, reset with `fake.reset()`.

/** What a scripted `window.createQuickPick` step does once shown. */
export type PickAction = (pick: FakeQuickPick) => void;

type PickItem = { label: string; kind?: number };

/** One showing of a quick pick as the user sees it: its frame, the labels of its items, the active one and the filter typed. */
type PickShowing = { title?: string; step?: number; totalSteps?: number; placeholder?: string; items: string[]; active?: string; value: string; canSelectMany: boolean; back: boolean };

export const ui = {
  /** What each quick pick made with createQuickPick does once shown, in order; none left = dismissed. */
  quickPickScript: [] as PickAction[],
  /** What each busy quick pick (its items being read) does once shown, in order; none left = the user waits for the items. */
  busyPickScript: [] as PickAction[],
  /** Every quick pick presented busy, its items being read (as `quickPicks` records a pick). */
  busyPicks: [] as PickShowing[],
  /** Every quick pick made with createQuickPick, as each showing presents it: its frame, the labels of its items, the active one and the filter typed. */
  quickPicks: [] as PickShowing[],
  /** Tree views created, by id. */
  treeViews: new Map<string, FakeTreeView>(),
  /** Terminals created, with everything their pseudo-terminal wrote. */
  terminals: [] as FakeTerminal[],
  /** Progress notifications: title, every message reported, and Cancel for cancellable ones. */
  progress: [] as FakeProgress[],
  /** Commands run through executeCommand (recorded, not run); `setContext` is kept in `contexts` instead. */
  executed: [] as { id: string; args: unknown[] }[],
  /** Context keys as `setContext` left them (when clauses of keybindings and menus read them). */
  contexts: new Map<string, unknown>(),
  reset(): void {
    this.contexts.clear();
    this.quickPickScript = [];
    this.busyPickScript = [];
    this.busyPicks = [];
    this.quickPicks = [];
    this.treeViews.clear();
    this.terminals = [];
    this.progress = [];
    this.executed = [];
    workspace.textDocuments.length = 0;
  },
};

const resetCore = fake.reset;
fake.reset = function reset(): void {
  resetCore.call(this);
  ui.reset();
};

/** `window.createQuickPick`: shows its items, then runs the next `ui.quickPickScript` action. */
/**
 * A stand-in quick pick's showing: show() presents the list (records it, runs the script's next
 * action), and a placeholder set on a shown pick presents it again, as the user sees a refused
 * pick's reason there (even the same reason again) and acts. The new presentation waits for the
 * end of the changes made with the placeholder (multiStepInput.ts stay() then clears the filter
 * and sets the active item), as the editor draws them together: what is recorded, and what the
 * next scripted step sees, is the state the user would see.
 */
export abstract class ShownPick {
  private shownOnce = false;
  private presentQueued = false;
  private placeholderText?: string;
  get placeholder(): string | undefined {
    return this.placeholderText;
  }
  set placeholder(value: string | undefined) {
    this.placeholderText = value;
    this.presentAgain();
  }
  private busyNow = false;
  /** A pick whose items are being read: presented busy, then again once its items are there. */
  get busy(): boolean {
    return this.busyNow;
  }
  set busy(value: boolean) {
    const changed = value !== this.busyNow;
    this.busyNow = value;
    if (changed) this.presentAgain();
  }
  private presentAgain(): void {
    if (!this.shownOnce || this.presentQueued) return;
    this.presentQueued = true;
    queueMicrotask(() => {
      this.presentQueued = false;
      this.present();
    });
  }
  show(): void {
    this.shownOnce = true;
    this.present();
  }
  protected abstract present(): void;
}

export class FakeQuickPick extends ShownPick {
  title?: string;
  step?: number;
  totalSteps?: number;
  items: readonly PickItem[] = [];
  activeItems: readonly PickItem[] = [];
  selectedItems: readonly PickItem[] = [];
  /** The filter typed. */
  value = '';
  canSelectMany = false;
  matchOnDescription = false;
  matchOnDetail = false;
  ignoreFocusOut = false;
  buttons: unknown[] = [];
  private readonly acceptE = new EventEmitter<void>();
  private readonly buttonE = new EventEmitter<unknown>();
  private readonly hideE = new EventEmitter<void>();
  private readonly valueE = new EventEmitter<string>();
  readonly onDidAccept = this.acceptE.event;
  readonly onDidTriggerButton = this.buttonE.event;
  readonly onDidHide = this.hideE.event;
  readonly onDidChangeValue = this.valueE.event;
  private disposed = false;

  /** The user types `text` into the filter. */
  type(text: string): void {
    this.value = text;
    this.valueE.fire(text);
  }

  protected present(): void {
    // A busy pick (its items being read) is kept apart: the flows' records count the picks answered.
    (this.busy ? ui.busyPicks : ui.quickPicks).push({
      title: this.title,
      step: this.step,
      totalSteps: this.totalSteps,
      placeholder: this.placeholder,
      items: this.items.map((i) => i.label),
      ...(this.activeItems[0] ? { active: this.activeItems[0].label } : {}),
      value: this.value,
      canSelectMany: this.canSelectMany,
      back: this.buttons.includes(QuickInputButtons.Back),
    });
    fake.shown.push(this.title ?? '', this.placeholder ?? '', ...this.items.map((i) => i.label));
    // The user waits on a busy pick (no scripted step is taken) unless `busyPickScript` acts on it.
    const action = this.busy ? ui.busyPickScript.shift() : ui.quickPickScript.shift();
    if (this.busy && !action) return;
    setTimeout(() => (action ? action(this) : this.hide()), 0);
  }
  /** The first item (not a separator) whose label matches. */
  find(label: string | RegExp): PickItem {
    const item = this.items.find((i) => i.kind !== QuickPickItemKind.Separator && (typeof label === 'string' ? i.label.includes(label) : label.test(i.label)));
    if (!item) throw new Error(`no item ${String(label)} in ${JSON.stringify(this.items.map((i) => i.label))}`);
    return item;
  }
  /** Selects the item matching `label` and accepts (Enter on it). */
  choose(label: string | RegExp): void {
    this.selectedItems = [this.find(label)];
    this.acceptE.fire();
  }
  /** Accepts the active item (Enter). */
  accept(): void {
    if (!this.canSelectMany) this.selectedItems = this.activeItems.slice(0, 1);
    this.acceptE.fire();
  }
  /** Checks exactly the items matching `labels` in a multi-select, then accepts. */
  check(...labels: (string | RegExp)[]): void {
    this.selectedItems = labels.map((l) => this.find(l));
    this.acceptE.fire();
  }
  pressBack(): void {
    this.buttonE.fire(QuickInputButtons.Back);
  }
  hide(): void {
    if (!this.disposed) this.hideE.fire();
  }
  dispose(): void {
    this.disposed = true;
  }
}

export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: unknown;
  contextValue?: string;
  iconPath?: unknown;
  command?: unknown;
  constructor(
    public label: string,
    public collapsibleState = 0,
  ) {}
}
export const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 } as const;
/** As VS Code's: its text and flags behind accessors (JSON.stringify of one gives `{}`, as there). */
export class MarkdownString {
  #value: string;
  #isTrusted = false;
  #supportHtml = false;
  constructor(value = '') {
    this.#value = value;
  }
  get value(): string {
    return this.#value;
  }
  set value(value: string) {
    this.#value = value;
  }
  get isTrusted(): boolean {
    return this.#isTrusted;
  }
  set isTrusted(trusted: boolean) {
    this.#isTrusted = trusted;
  }
  get supportHtml(): boolean {
    return this.#supportHtml;
  }
  set supportHtml(html: boolean) {
    this.#supportHtml = html;
  }
}
export const StatusBarAlignment = { Left: 1, Right: 2 } as const;

/** `window.createTreeView`: the provider, for tests to list as VS Code would. */
export class FakeTreeView {
  visible = true;
  message?: string;
  private readonly visibility = new EventEmitter<{ visible: boolean }>();
  readonly onDidChangeVisibility = this.visibility.event;
  private readonly expansion = new EventEmitter<{ element: unknown }>();
  private readonly collapse = new EventEmitter<{ element: unknown }>();
  readonly onDidExpandElement = this.expansion.event;
  readonly onDidCollapseElement = this.collapse.event;
  constructor(readonly provider: { getChildren(parent?: unknown): unknown; onDidChangeTreeData?: (listener: () => void) => unknown }) {}
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.visibility.fire({ visible });
  }
  /** The user opening (`expanded`) or closing a row's twistie. */
  toggle(element: unknown, expanded: boolean): void {
    (expanded ? this.expansion : this.collapse).fire({ element });
  }
  dispose(): void {}
}

/** A terminal with a pseudo-terminal: everything written; `dispose()` is the user closing it. */
export class FakeTerminal {
  output = '';
  closed = false;
  constructor(
    readonly name: string,
    readonly pty: { open(dimensions: unknown): void; close(): void; handleInput?(data: string): void; onDidWrite: (listener: (text: string) => void) => unknown },
  ) {
    pty.onDidWrite((text) => {
      this.output += text;
    });
    setTimeout(() => pty.open(undefined), 0);
  }
  show(): void {}
  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.pty.close();
  }
  /** A key typed into the terminal. */
  type(data: string): void {
    this.pty.handleInput?.(data);
  }
}

export class FakeProgress {
  readonly messages: string[] = [];
  cancelled = false;
  private readonly cancelE = new EventEmitter<void>();
  readonly token = {
    isCancellationRequested: false,
    onCancellationRequested: (listener: () => void) => this.cancelE.event(listener),
  };
  constructor(
    readonly title: string,
    readonly cancellable: boolean,
  ) {}
  /** The notification's Cancel button. */
  cancel(): void {
    if (!this.cancellable) throw new Error(`progress "${this.title}" has no Cancel button`);
    this.cancelled = true;
    this.token.isCancellationRequested = true;
    this.cancelE.fire();
  }
}

Object.assign(window, {
  createQuickPick: () => new FakeQuickPick(),
  createTreeView: (id: string, options: { treeDataProvider: FakeTreeView['provider'] }) => {
    const view = new FakeTreeView(options.treeDataProvider);
    ui.treeViews.set(id, view);
    return view;
  },
  createTerminal: (options: { name: string; pty: FakeTerminal['pty'] }) => {
    const terminal = new FakeTerminal(options.name, options.pty);
    ui.terminals.push(terminal);
    fake.shown.push(options.name);
    return terminal;
  },
  /** A status bar item that records each text and tooltip set on it (fake.statusBar): the status bar draws `$(icon)` codes. */
  createStatusBarItem: () => {
    let text = '';
    let tooltip = '';
    return {
      get text() {
        return text;
      },
      set text(value: string) {
        text = value;
        fake.statusBar.push({ text: value });
      },
      get tooltip() {
        return tooltip;
      },
      set tooltip(value: string) {
        tooltip = value;
        fake.statusBar.push({ tooltip: value });
      },
      command: undefined as unknown,
      show() {},
      hide() {},
      dispose() {},
    };
  },
  /** Records the title and every message; the task gets a token the test can cancel. */
  withProgress: async <T>(options: { title?: string; cancellable?: boolean }, task: (progress: { report(value: { message?: string }): void }, token: FakeProgress['token']) => Promise<T>): Promise<T> => {
    fake.shown.push(options.title ?? '');
    const progress = new FakeProgress(options.title ?? '', options.cancellable === true);
    ui.progress.push(progress);
    const report = (value: { message?: string }) => {
      if (value.message === undefined) return;
      progress.messages.push(value.message);
      fake.shown.push(value.message);
    };
    return task({ report }, progress.token);
  },
});

commands.executeCommand = async (...call: unknown[]) => {
  const [id, ...args] = call as [string, ...unknown[]];
  if (id === 'setContext') ui.contexts.set(args[0] as string, args[1]);
  else ui.executed.push({ id, args });
  recordedE.fire();
  return undefined;
};

// -------------------------------------------------------------------------------------------------
// Read-only documents of a TextDocumentContentProvider, kept as VS Code's extension host keeps them:
// the editor asks the content when it starts opening a document (the Markdown preview's
// openTextDocument), the document counts as open only once that opening completes (then
// onDidOpenTextDocument fires), and the provider's change event is IGNORED for a document that is
// not open yet (ExtHostDocumentContentProvider: "ignore event if document isn't open"). Kept in
// `virtualDocs`, reset with `fake.reset()`.

type ContentProvider = { provideTextDocumentContent(uri: Uri): string | Promise<string>; onDidChange?: (listener: (uri: Uri) => void) => unknown };

export const virtualDocs = {
  providers: new Map<string, ContentProvider>(),
  /** Each document the editor opened or is opening, by URI: its text as the editor holds it. */
  documents: new Map<string, { uri: Uri; text: string; open: boolean }>(),
  opened: new EventEmitter<{ uri: Uri; getText(): string }>(),
  /** The editor starts opening `uri`: the content is read now; the document is open only at `finishOpening`. */
  async startOpening(uri: Uri): Promise<void> {
    const provider = this.providers.get(uri.scheme);
    if (!provider) return;
    this.documents.set(uri.toString(), { uri, text: await provider.provideTextDocumentContent(uri), open: false });
  },
  /** The openings under way complete: each document is open and onDidOpenTextDocument fires. */
  finishOpening(): void {
    for (const doc of this.documents.values()) {
      if (doc.open) continue;
      doc.open = true;
      this.opened.fire({ uri: doc.uri, getText: () => doc.text });
    }
  },
  /** The text the editor shows for `uri`. */
  text(uri: Uri | string): string | undefined {
    return this.documents.get(uri.toString())?.text;
  },
  reset(): void {
    this.providers.clear();
    this.documents.clear();
    this.opened.dispose();
  },
};

Object.assign(workspace, {
  onDidOpenTextDocument: virtualDocs.opened.event,
  registerTextDocumentContentProvider: (scheme: string, provider: ContentProvider) => {
    virtualDocs.providers.set(scheme, provider);
    provider.onDidChange?.(async (uri) => {
      const doc = virtualDocs.documents.get(uri.toString());
      if (!doc?.open) return;
      doc.text = await provider.provideTextDocumentContent(uri);
    });
    return { dispose: () => virtualDocs.providers.delete(scheme) };
  },
});

const resetWithUi = fake.reset;
fake.reset = function reset(): void {
  resetWithUi.call(this);
  virtualDocs.reset();
};

const recordCommand = commands.executeCommand as (...call: unknown[]) => Promise<unknown>;
commands.executeCommand = async (...call: unknown[]) => {
  await recordCommand(...call);
  // The Markdown preview opens its document after the command has returned.
  if (call[0] === 'markdown.showPreview' && call[1] instanceof Uri) await virtualDocs.startOpening(call[1]);
  return undefined;
};

/**
 * client/src/cli/fileRead.ts with readRegularFile and readRegularFileAsync over `fake.files` and `fake.stats`, for a test whose
 * `file:` paths (`/w`) are not on disk: readWorkspaceText reads a `file:` uri that way, never through
 * `vscode.workspace.fs`. As the real read: what `fake.stats` says is not a regular file (no File bit),
 * or whose size is past `maxBytes`, is refused unread; a file read is in `fake.reads`. A path the fake
 * holds neither in `files` nor in `stats` is read from disk (a test's temporary files, the command
 * line's). Such a test mocks the module with it:
 * `vi.mock('../../client/src/cli/fileRead', async (real) => (await import('./vscodeFake')).fakeFileRead(await real()))`.
 */
export function fakeFileRead<
  M extends {
    readRegularFile(file: string, maxBytes: number, options?: { noFollow?: boolean }): unknown;
    readRegularFileAsync(file: string, maxBytes: number, options?: { noFollow?: boolean }): Promise<unknown>;
  },
>(real: M): M {
  const faked = (file: string, maxBytes: number): unknown => {
    const stat = fake.stats.get(file);
    const text = fake.files.get(file);
    if (stat && stat.type & FileType.Directory) return { ok: false, refusal: 'folder' };
    if (stat && !(stat.type & FileType.File)) return { ok: false, refusal: 'special' };
    const bytes = new TextEncoder().encode(text ?? '');
    if ((stat?.size ?? bytes.length) > maxBytes) return { ok: false, refusal: 'too-large' };
    fake.reads.push(file);
    return { ok: true, text: text ?? '', bytes };
  };
  const held = (file: string) => fake.stats.has(file) || fake.files.has(file);
  const readRegularFile = (file: string, maxBytes: number, options?: { noFollow?: boolean }): unknown =>
    held(file) ? faked(file, maxBytes) : real.readRegularFile(file, maxBytes, options);
  const readRegularFileAsync = async (file: string, maxBytes: number, options?: { noFollow?: boolean }): Promise<unknown> =>
    held(file) ? faked(file, maxBytes) : real.readRegularFileAsync(file, maxBytes, options);
  return { ...real, readRegularFile, readRegularFileAsync };
}

/**
 * readIndexedFile and readIndexedFileAsync (server/src/index/readFile.ts) over `fake.files`, for a test whose `file:` folders
 * (`/w`) are not on disk: the walk reads a `file:` folder's `.gitignore` that way, never through
 * `vscode.workspace.fs`. As the real read: a path `fake.stats` says is not a regular file (a link) is
 * not read, and a text past `maxBytes` is cut at its last line break before it. Such a test mocks the
 * module with it (the walk calls the asynchronous read):
 * `vi.mock('../../server/src/index/readFile', async (real) => ({ ...(await real()), ...(await import('./vscodeFake')).fakeIndexedReads }))`.
 */
export function fakeIndexedRead(path: string, maxBytes: number): { ok: true; text: string; size: number; cut: boolean; stamp: string } | { ok: false; reason: 'missing' | 'not-a-file' } {
  fake.reads.push(path);
  const stat = fake.stats.get(path);
  if (stat && stat.type !== FileType.File) return { ok: false, reason: 'not-a-file' };
  const text = fake.files.get(path);
  if (text === undefined) return { ok: false, reason: 'missing' };
  const bytes = new TextEncoder().encode(text);
  const cut = bytes.length > maxBytes;
  const end = cut ? bytes.lastIndexOf(10, maxBytes - 1) + 1 : bytes.length;
  return { ok: true, text: new TextDecoder('utf-8').decode(bytes.subarray(0, end)), size: bytes.length, cut, stamp: `${bytes.length}` };
}

/** readFile.ts's two reads over the fake (fakeIndexedRead), to spread into its mock. */
export const fakeIndexedReads = { readIndexedFile: fakeIndexedRead, readIndexedFileAsync: async (path: string, maxBytes: number) => fakeIndexedRead(path, maxBytes) };
